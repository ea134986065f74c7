/* Search-as-you-type for inputs marked data-suggest: titles from /api/v1/search/suggest. */
(function () {
  "use strict";
  function attach(input) {
    var list = document.createElement("ul");
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("aria-autocomplete", "list");
    input.parentNode.style.position = "relative";
    input.parentNode.appendChild(list);
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (!q || q === last) { if (!q) { list.hidden = true; } return; }
        last = q;
        fetch("/api/v1/search/suggest?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) {
            list.textContent = "";
            items.forEach(function (item) {
              var li = document.createElement("li");
              var a = document.createElement("a");
              a.href = item.url || "#";
              a.textContent = item.title;
              var kind = document.createElement("small");
              kind.textContent = item.kind_label;
              a.appendChild(kind);
              li.setAttribute("role", "option");
              li.appendChild(a);
              list.appendChild(li);
            });
            list.hidden = items.length === 0;
          })
          .catch(function () { list.hidden = true; });
      }, 150);
    });
    input.addEventListener("keydown", function (e) { if (e.key === "Escape") { list.hidden = true; } });
    document.addEventListener("click", function (e) { if (!list.contains(e.target) && e.target !== input) { list.hidden = true; } });
  }
  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
