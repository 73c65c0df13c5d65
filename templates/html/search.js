// Client-side search over window.KODEX_INDEX. Matching ignores case and accents, so
// "ugyfel" finds "ügyfél". Results are built with textContent, never innerHTML.
(function () {
  "use strict";
  if (typeof document.querySelector !== "function") { return; }
  // On a narrow screen the contents start folded, so that the page comes first.
  var fold = document.querySelector(".nav-fold");
  if (fold && window.matchMedia && window.matchMedia("(max-width: 50rem)").matches) { fold.open = false; }
  // A diagram wider than a phone's screen scrolls sideways; it opens on its middle,
  // where the flow starts, rather than on its empty left edge.
  var narrow = window.matchMedia && window.matchMedia("(max-width: 50rem)").matches;
  Array.prototype.forEach.call(document.querySelectorAll(".diagram"), function (diagram) {
    if (narrow && diagram.scrollWidth > diagram.clientWidth) {
      diagram.scrollLeft = (diagram.scrollWidth - diagram.clientWidth) / 2;
    }
  });
  // The printed cover carries the day it was printed; the files themselves stay the same
  // from build to build.
  var printDate = document.querySelector(".print-date");
  if (printDate) {
    printDate.textContent = new Date().toLocaleDateString(document.documentElement.lang || undefined,
      { year: "numeric", month: "long", day: "numeric" });
  }
})();
(function () {
  "use strict";
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  if (!input || !list) { return; }
  var root = input.getAttribute("data-root") || "";
  var status = document.getElementById("search-status");
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  // The index of a large handbook runs to megabytes: it is read when the reader first
  // goes to the search field, not with every page. The one-file handbook carries it inline.
  var entries = null;
  var waiting = [];
  function withIndex(then) {
    if (!entries && window.KODEX_INDEX) {
      entries = window.KODEX_INDEX.map(function (entry) {
        return { entry: entry, title: fold(entry.t), text: fold(entry.t + " " + entry.s + " " + entry.x) };
      });
    }
    if (entries) { then(); return; }
    waiting.push(then);
    if (waiting.length > 1) { return; }
    var script = document.createElement("script");
    script.src = root + "assets/search-index.js";
    script.onload = function () {
      var ready = waiting.splice(0, waiting.length);
      if (window.KODEX_INDEX) { ready.forEach(withIndex); }
    };
    // A file that cannot be read is tried again at the next search.
    script.onerror = function () { waiting.splice(0, waiting.length); };
    document.body.appendChild(script);
  }
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
  function announce(text) { if (status) { status.textContent = text; } }
  function show(hits) {
    list.textContent = "";
    if (hits === null) { list.hidden = true; announce(""); return; }
    announce(hits.length ? hits.length + " " + (status && status.getAttribute("data-results") || "")
                         : input.getAttribute("data-empty"));
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
  input.addEventListener("focus", function () { withIndex(function () {}); });
  input.addEventListener("input", function () { withIndex(function () { show(search(input.value)); }); });
  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
  function move(from, step) {
    var all = links();
    if (!all.length) { return; }
    var next = from < 0 ? (step > 0 ? 0 : all.length - 1) : from + step;
    if (next < 0) { input.focus(); return; }
    all[Math.min(next, all.length - 1)].focus();
  }
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.value = ""; show(null); }
    if (event.key === "ArrowDown") { event.preventDefault(); move(-1, 1); }
    if (event.key === "Enter") {
      var first = list.querySelector("a");
      if (first) { window.location.href = first.href; }
    }
  });
  list.addEventListener("keydown", function (event) {
    var index = links().indexOf(document.activeElement);
    if (event.key === "ArrowDown") { event.preventDefault(); move(index, 1); }
    if (event.key === "ArrowUp") { event.preventDefault(); move(index, -1); }
    if (event.key === "Escape") { input.focus(); show(null); }
  });
  // The results close when focus or a click goes elsewhere.
  var box = input.parentNode;
  box.addEventListener("focusout", function (event) {
    if (!event.relatedTarget || !box.contains(event.relatedTarget)) { show(null); }
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) { show(null); }
  });
})();
