/* Samenspel: the search page (#11). Asks Pagefind's index (written into pagefind/ at build time)
   and lists what it finds; the number found is said in a polite status region. Loads only on
   the search page; every other page has just the plain search form in its header.
   A large site's index is in shards (samenspel/searchindex.py): the page names the first in
   data-index and the others in data-merge, and Pagefind's mergeIndex adds them to the first, so
   one search covers them all. Each shard then also holds a document of every word of the site
   (search.word_lists), so it finds what one index would: the search leaves those out by their
   filter. */
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.querySelector(".search-form");
  var input = document.getElementById("zoekterm");
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var fallback = document.querySelector(".search-fallback");
  if (!script || !form || !input || !status || !list || !window.URLSearchParams) return;
  fallback.hidden = true;
  var index = script.getAttribute("data-index");
  var merge = (script.getAttribute("data-merge") || "").split(" ").filter(Boolean);
  var base = script.getAttribute("data-base");
  var loading = null;
  var asked = 0;
  var LIMIT = 50;
  var options = merge.length ? {filters: {woordenlijst: {not: "ja"}}} : {};  // search.WORD_LIST_FILTER

  function pagefind() {
    if (!loading) {
      loading = import(index + "pagefind.js").then(function (pf) {
        return pf.options({baseUrl: base}).then(function () {
          // Every shard holds pages of the same site: the same base for their addresses as the first one.
          return Promise.all(merge.map(function (shard) { return pf.mergeIndex(shard, {baseUrl: base}); }));
        }).then(function () { return pf; });
      });
    }
    return loading;
  }

  // Pagefind's excerpt is HTML with <mark> around the words found: keep the text and the marks, nothing else.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var p = document.createElement("p");
    template.content.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function say(key, n, query) {
    status.textContent = status.getAttribute("data-" + key).replace("{n}", n).replace("{q}", query);
  }

  function show(items, total, query) {
    list.replaceChildren.apply(list, items.map(function (item) {
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = (item.meta && item.meta.title) || item.url;
      var title = document.createElement("h2");
      title.className = "search-result-title";
      title.appendChild(link);
      var li = document.createElement("li");
      li.appendChild(title);
      li.appendChild(excerpt(item.excerpt || ""));
      return li;
    }));
    say(total === 0 ? "none" : total === 1 ? "one" : "many", total, query);
  }

  function search(query) {
    var ticket = ++asked;
    query = query.trim();
    history.replaceState(null, "", location.pathname + (query ? "?q=" + encodeURIComponent(query) : ""));
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    pagefind().then(function (pf) {
      return pf.search(query, options);
    }).then(function (found) {
      return Promise.all(found.results.slice(0, LIMIT).map(function (r) { return r.data(); })).then(function (items) {
        if (ticket === asked) show(items, found.results.length, query);
      });
    }).catch(function () {
      if (ticket === asked) say("error", 0, query);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
  });
  var start = new URLSearchParams(location.search).get("q") || "";
  input.value = start;
  if (start) search(start);
})();
