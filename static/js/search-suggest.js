/* Search-as-you-type for inputs marked data-suggest="<suggest URL>" (the template fills it with {% url %}).
   Arrow keys move through the suggestions, Enter opens the highlighted one, Escape closes. */
(function () {
  "use strict";
  var counter = 0;
  function attach(input) {
    var list = document.createElement("ul");
    counter += 1;
    list.id = "suggest-list-" + counter;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.parentNode.style.position = "relative";
    input.parentNode.appendChild(list);
    var timer = null;
    var last = "";
    var active = -1;

    function options() { return list.querySelectorAll("[role=option]"); }
    function show(visible) {
      list.hidden = !visible;
      input.setAttribute("aria-expanded", visible ? "true" : "false");
      if (!visible) { highlight(-1); }
    }
    function highlight(index) {
      var items = options();
      active = index;
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (!q || q === last) { if (!q) { show(false); } return; }
        last = q;
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) {
            list.textContent = "";
            items.forEach(function (item, i) {
              var li = document.createElement("li");
              var a = document.createElement("a");
              a.href = item.url || "#";
              a.tabIndex = -1;
              a.textContent = item.title;
              var kind = document.createElement("small");
              kind.textContent = item.kind_label;
              a.appendChild(kind);
              li.id = list.id + "-" + i;
              li.setAttribute("role", "option");
              li.setAttribute("aria-selected", "false");
              li.appendChild(a);
              list.appendChild(li);
            });
            active = -1;
            show(items.length > 0);
          })
          .catch(function () { show(false); });
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      var count = options().length;
      if (e.key === "Escape") { show(false); return; }
      if (list.hidden || !count) { return; }
      if (e.key === "ArrowDown") { e.preventDefault(); highlight((active + 1) % count); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight(active <= 0 ? count - 1 : active - 1); }
      else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        window.location.href = options()[active].querySelector("a").href;
      }
    });
    document.addEventListener("click", function (e) { if (!list.contains(e.target) && e.target !== input) { show(false); } });
  }
  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
