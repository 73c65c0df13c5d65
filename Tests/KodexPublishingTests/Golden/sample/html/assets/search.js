// Client-side search over window.KODEX_INDEX. Matching ignores case and accents, so
// "ugyfel" finds "ügyfél". Results are built with textContent, never innerHTML.
(function () {
  "use strict";
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  if (!input || !list || !window.KODEX_INDEX) { return; }
  var root = input.getAttribute("data-root") || "";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var entries = window.KODEX_INDEX.map(function (entry) {
    return { entry: entry, title: fold(entry.t), text: fold(entry.t + " " + entry.s + " " + entry.x) };
  });
  function search(query) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    if (!terms.length) { return null; }
    return entries.filter(function (item) {
      return terms.every(function (term) { return item.text.indexOf(term) >= 0; });
    }).sort(function (a, b) {
      var aTitle = terms.every(function (term) { return a.title.indexOf(term) >= 0; }) ? 0 : 1;
      var bTitle = terms.every(function (term) { return b.title.indexOf(term) >= 0; }) ? 0 : 1;
      return aTitle - bTitle;
    }).slice(0, 20);
  }
  function show(hits) {
    list.textContent = "";
    if (hits === null) { list.hidden = true; return; }
    if (!hits.length) {
      var empty = document.createElement("li");
      empty.textContent = input.getAttribute("data-empty");
      list.appendChild(empty);
    }
    hits.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + item.entry.u;
      link.textContent = item.entry.t;
      var section = document.createElement("span");
      section.textContent = item.entry.s;
      link.appendChild(section);
      li.appendChild(link);
      list.appendChild(li);
    });
    list.hidden = false;
  }
  input.addEventListener("input", function () { show(search(input.value)); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.value = ""; show(null); }
    if (event.key === "Enter") {
      var first = list.querySelector("a");
      if (first) { window.location.href = first.href; }
    }
  });
})();
