// Small progressive enhancements; every page works without JavaScript.
document.documentElement.classList.add("js");

// On phones tables turn into cards (portal.css); each cell names its column.
document.querySelectorAll("main table:not(.table--keep)").forEach((table) => {
  const heads = [...table.querySelectorAll(":scope > thead th")].map((th) => th.textContent.trim());
  if (!heads.length) return;
  table.querySelectorAll(":scope > tbody > tr").forEach((row) => {
    [...row.children].forEach((cell, i) => {
      if (heads[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", heads[i]);
    });
  });
});

// A listing's view is counted when a browser shows it (so cached pages count, crawlers do not).
document.querySelectorAll("[data-view-beacon]").forEach((element) => {
  const url = element.dataset.viewBeacon;
  if (!(navigator.sendBeacon && navigator.sendBeacon(url))) fetch(url, { method: "POST", keepalive: true });
});
