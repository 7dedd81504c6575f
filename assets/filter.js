/* Samenspel: filter the stories on /verhalen/ (#11). An enhancement: without this script the
   paginated list and the term pages work as they are. The data comes from /data/filter.js
   (window.samenspelFilter). Within a group any ticked box matches (or); across groups every
   group must match (and). The ticked boxes live in the address, so a view can be shared. */
(function () {
  "use strict";
  var data = window.samenspelFilter;
  var root = document.getElementById("verhalen-filter");
  if (!data || !root || !document.querySelector || !window.URLSearchParams) return;
  var text = data.text;
  var list = document.querySelector(".story-list");

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // The form: one fieldset per facet, a checkbox per option with the number of stories it would give.
  var boxes = [];
  var counts = {};
  var form = el("form", {"class": "filter-form", "action": "#", "aria-describedby": "filter-uitleg"});
  form.appendChild(el("p", {"id": "filter-uitleg"}, [text.intro]));
  var groups = el("div", {"class": "filter-groups"});
  data.facets.forEach(function (facet) {
    var items = el("ul", {"role": "list"});
    facet.options.forEach(function (option) {
      var id = "f-" + facet.name + "-" + option.value;
      var box = el("input", {"type": "checkbox", "id": id, "name": facet.name, "value": option.value});
      var count = el("span", {"class": "filter-count"});
      counts[id] = count;
      boxes.push(box);
      items.appendChild(el("li", {}, [box, el("label", {"for": id}, [option.label + " ", count])]));
    });
    groups.appendChild(el("fieldset", {}, [el("legend", {}, [facet.legend]), items]));
  });
  form.appendChild(groups);
  var clear = el("button", {"type": "button", "class": "button secondary"}, [text.clear]);
  form.appendChild(clear);
  var details = el("details", {"class": "filter"}, [el("summary", {}, [text.summary]), form]);
  var status = el("p", {"class": "filter-status", "role": "status", "aria-live": "polite"});
  var results = el("div", {"class": "cards filter-results", "hidden": ""});
  root.appendChild(details);
  root.appendChild(status);
  root.hidden = false;
  list.parentNode.insertBefore(results, list.nextSibling);

  function chosen() {
    var picked = {};
    boxes.forEach(function (box) {
      if (box.checked) (picked[box.name] = picked[box.name] || []).push(box.value);
    });
    return picked;
  }

  function matches(story, picked, except) {
    return Object.keys(picked).every(function (name) {
      return name === except || picked[name].some(function (value) { return story.values[name].indexOf(value) >= 0; });
    });
  }

  function card(story) {
    var tags = el("ul", {"class": "tags", "role": "list"});
    story.themes.forEach(function (theme) { tags.appendChild(el("li", {}, [el("span", {"class": "tag"}, [theme])])); });
    return el("article", {"class": "card"}, [
      el("h2", {"class": "card-title"}, [el("a", {"href": story.url}, [story.title])]),
      el("p", {"class": "card-meta"}, [story.place + " · ", el("time", {"datetime": story.date}, [story.date_text])]),
      el("p", {}, [story.summary]),
      tags
    ]);
  }

  function show(announce) {
    var picked = chosen();
    var active = Object.keys(picked).length > 0;
    var found = data.stories.filter(function (story) { return matches(story, picked, null); });
    boxes.forEach(function (box) {
      var n = data.stories.filter(function (story) {
        return matches(story, picked, box.name) && story.values[box.name].indexOf(box.value) >= 0;
      }).length;
      counts[box.id].textContent = "(" + n + ")";
    });
    results.replaceChildren.apply(results, active ? found.map(card) : []);
    results.hidden = !active;
    list.hidden = active;
    document.querySelectorAll(".pagination, .story-total").forEach(function (node) { node.hidden = active; });
    var params = new URLSearchParams();
    boxes.forEach(function (box) { if (box.checked) params.append(box.name, box.value); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    if (announce || active) {
      status.textContent = !active ? text.all.replace("{n}", data.stories.length)
        : found.length === 0 ? text.none : found.length === 1 ? text.one : text.many.replace("{n}", found.length);
    }
  }

  var start = new URLSearchParams(location.search);
  boxes.forEach(function (box) { box.checked = start.getAll(box.name).indexOf(box.value) >= 0; });
  if (boxes.some(function (box) { return box.checked; })) details.open = true;
  form.addEventListener("change", function () { show(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  clear.addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    show(true);
  });
  show(false);
})();
