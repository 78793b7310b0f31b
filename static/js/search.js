/* Chợ Tỉnh — header search suggestions (combobox pattern, keyboard accessible). */
(function () {
  "use strict";

  var input = document.getElementById("header-q");
  var list = document.getElementById("header-q-suggestions");
  if (!input || !list || !input.dataset.autocompleteUrl || !window.fetch) return;

  var url = input.dataset.autocompleteUrl;
  var items = [];
  var active = -1;
  var timer = null;
  var lastQuery = "";
  var controller = null;
  var cache = {};

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function setActive(index) {
    var nodes = list.children;
    if (active >= 0 && nodes[active]) nodes[active].setAttribute("aria-selected", "false");
    active = index;
    if (active >= 0 && nodes[active]) {
      nodes[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", nodes[active].id);
      nodes[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function go(index) {
    var item = items[index];
    if (item && item.url) window.location.assign(item.url);
  }

  function render(results) {
    items = results || [];
    list.textContent = "";
    active = -1;
    if (!items.length) { close(); return; }
    items.forEach(function (item, i) {
      var li = document.createElement("li");
      li.id = "header-q-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.className = "search-suggestion search-suggestion--" + item.kind;
      var label = document.createElement("span");
      label.textContent = item.label;
      li.appendChild(label);
      if (item.kind_label) {
        var kind = document.createElement("small");
        kind.className = "search-suggestion__kind";
        kind.textContent = item.kind_label;
        li.appendChild(kind);
      }
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });
      li.addEventListener("click", function () { go(i); });
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function fetchSuggestions() {
    var q = input.value.trim();
    if (q === lastQuery) return;
    lastQuery = q;
    if (q.length < 2) { render([]); return; }
    if (cache[q]) { render(cache[q]); return; }
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch(url + "?q=" + encodeURIComponent(q), {
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined
    })
      .then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (data) {
        cache[q] = data.results || [];
        if (input.value.trim() === q) render(cache[q]);
      })
      .catch(function () { /* aborted or offline: keep the plain form */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 120);
  });

  input.addEventListener("keydown", function (e) {
    var open = !list.hidden && items.length;
    if (e.key === "ArrowDown") {
      if (!open) { lastQuery = ""; fetchSuggestions(); return; }
      e.preventDefault();
      setActive(active + 1 >= items.length ? 0 : active + 1);
    } else if (e.key === "ArrowUp") {
      if (!open) return;
      e.preventDefault();
      setActive(active <= 0 ? items.length - 1 : active - 1);
    } else if (e.key === "Enter") {
      if (open && active >= 0) { e.preventDefault(); go(active); }
    } else if (e.key === "Escape") {
      if (open) { e.preventDefault(); close(); }
    } else if (e.key === "Tab") {
      close();
    }
  });

  input.addEventListener("blur", function () { setTimeout(close, 150); });
  input.addEventListener("focus", function () { if (items.length && input.value.trim() === lastQuery) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } });
})();
