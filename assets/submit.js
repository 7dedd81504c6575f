/* Samenspel: the submission page /deel-je-verhaal/ (#10). It shows the form (hidden without
   JavaScript), adds and removes parties, relations, outcomes and lessons, checks every answer
   in the page (an error summary on top, each field marked), and writes the story file to copy,
   download or open on GitHub. It sends nothing anywhere. User text only ever goes into
   .value, .textContent and attributes, never into HTML; the file's front matter quotes every
   text the way newstory.yaml_text does, so no answer can add a field or break the YAML. */
(function () {
  "use strict";
  var form = document.getElementById("verhaal-formulier");
  if (!form || !window.JSON || !window.Blob || !("content" in document.createElement("template"))) return;
  var settings = JSON.parse(form.getAttribute("data-settings"));
  var text = settings.text;
  var CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
  var summary = document.getElementById("foutmeldingen");
  var status = document.getElementById("formulier-status");
  var result = document.getElementById("resultaat");
  var output = document.getElementById("verhaal-bestand");
  var download = document.getElementById("download");
  var github = document.getElementById("op-github");
  var tooLong = document.getElementById("te-lang");
  var copyStatus = document.getElementById("kopieer-status");
  var counter = 0;
  var blobUrl = "";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // The file name rule of urls.story_file_name: NFKD, ASCII only, lowercase, runs of anything else
  // become one '-', at most 80 characters. tests/browser/test_submit.py holds both to the same cases.
  function fileName(title) {
    return title.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/^-+|-+$/g, "");
  }
  window.samenspelFileName = fileName;

  // One line of text: NFC, no control characters, whitespace runs as one space (as newstory.yaml_text).
  function line(value) {
    var clean = String(value).normalize("NFC").replace(CONTROL, "");
    if (clean.toWellFormed) clean = clean.toWellFormed();
    return clean.split(/\s+/).filter(Boolean).join(" ");
  }
  // A YAML double-quoted text: JSON's escapes are YAML's, so quotes, ':', '#', '\' stay text.
  function quoted(value) { return JSON.stringify(line(value)); }
  function quotedList(values) { return "[" + values.map(quoted).join(", ") + "]"; }

  // -- repeatable groups ---------------------------------------------------------------------
  var groups = {};
  Array.prototype.forEach.call(form.querySelectorAll("[data-repeat]"), function (group) {
    var kind = group.getAttribute("data-repeat");
    groups[kind] = {
      node: group, kind: kind, items: group.querySelector(".repeat-items"),
      template: group.querySelector("template"), add: group.querySelector("[data-add]"),
      min: Number(group.getAttribute("data-min")) || 0, what: group.getAttribute("data-what")
    };
  });

  function items(kind) {
    return Array.prototype.slice.call(groups[kind].items.children);
  }

  function field(scope, name) { return scope.querySelector('[data-field="' + name + '"]'); }

  function itemName(kind, item) { return fill(text[kind], {n: items(kind).indexOf(item) + 1}); }

  function renumber(kind) {
    var group = groups[kind];
    items(kind).forEach(function (item) {
      var name = itemName(kind, item);
      item.querySelector("[data-legend]").textContent = name;
      item.querySelector("[data-remove-what]").textContent = " " + name;
      item.querySelector("[data-remove]").hidden = items(kind).length <= group.min;
    });
    if (kind === "actor") actorsChanged();
  }

  function addItem(kind, focus) {
    var group = groups[kind];
    counter += 1;
    var copy = group.template.content.cloneNode(true);
    var n = String(counter);
    // The template's ids read "partij-0-naam": its 0 becomes this item's own number.
    Array.prototype.forEach.call(copy.querySelectorAll("*"), function (node) {
      ["id", "for", "aria-describedby"].forEach(function (name) {
        var value = node.getAttribute(name);
        if (value) {
          node.setAttribute(name, value.split(" ").map(function (id) {
            return id.replace(/^([a-z]+)-0-/, "$1-" + n + "-");
          }).join(" "));
        }
      });
    });
    var item = copy.firstElementChild;
    item.setAttribute("data-n", n);
    group.items.appendChild(item);
    item.querySelector("[data-remove]").addEventListener("click", function () { removeItem(kind, item); });
    renumber(kind);
    if (focus) {
      item.querySelector("input, select, textarea").focus();
      announce(fill(text.added, {what: itemName(kind, item)}));
    }
    return item;
  }

  function removeItem(kind, item) {
    var name = itemName(kind, item);
    item.parentNode.removeChild(item);
    renumber(kind);
    groups[kind].add.focus();
    announce(fill(text.removed, {what: name}));
  }

  function announce(message) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  // Relations choose among the parties: their names (or "Partij n") in every from/to list.
  function actorsChanged() {
    if (!groups.relation) return;
    var actors = items("actor").map(function (item) {
      var name = line(field(item, "name").value);
      return {value: item.getAttribute("data-n"), label: name || itemName("actor", item)};
    });
    items("relation").forEach(function (item) {
      ["from", "to"].forEach(function (end) {
        var select = field(item, end);
        var chosen = select.value;
        while (select.options.length > 1) select.remove(1);
        actors.forEach(function (actor) { select.add(new Option(actor.label, actor.value)); });
        select.value = actors.some(function (a) { return a.value === chosen; }) ? chosen : "";
      });
    });
  }

  Object.keys(groups).forEach(function (kind) {
    groups[kind].add.addEventListener("click", function () {
      var item = addItem(kind, true);
      if (kind === "relation") actorsChanged();
      return item;
    });
    for (var i = 0; i < Math.max(groups[kind].min, 1); i += 1) addItem(kind, false);
  });
  groups.actor.items.addEventListener("input", actorsChanged);
  actorsChanged();

  // The place's municipality and province only for a place that is not anonymised.
  var known = document.getElementById("plek-bekend");
  function anonymised() { return document.getElementById("anoniem-ja").checked; }
  form.addEventListener("change", function (event) {
    if (event.target.name === "anonymised") known.hidden = anonymised();
  });

  var date = document.getElementById("datum");
  if (!date.value) {
    var now = new Date();
    date.value = [now.getFullYear(), ("0" + (now.getMonth() + 1)).slice(-2), ("0" + now.getDate()).slice(-2)].join("-");
  }

  // -- checking --------------------------------------------------------------------------------
  function labelOf(control) { return control.getAttribute("data-label") || ""; }
  function ticked(fieldset) {
    return Array.prototype.filter.call(fieldset.querySelectorAll("input[type=checkbox]"), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
  }

  function check() {
    var errors = [];
    function add(control, name, message, group) { errors.push({control: control, name: name, message: message, group: group}); }
    function required(control, prefix, limit) {
      var value = control.value.trim();
      var name = (prefix ? prefix + ", " : "") + labelOf(control).toLowerCase();
      if (!prefix) name = labelOf(control);
      if (!value && control.required) add(control, name, control.tagName === "SELECT" ? text.choose : text.required);
      else if (limit && line(value).length > limit) add(control, name, fill(text.too_long, {limit: limit, length: line(value).length}));
      return value;
    }
    var limits = settings.limits;
    var title = required(document.getElementById("titel"), "", limits.title);
    if (title && !fileName(line(title))) add(document.getElementById("titel"), labelOf(document.getElementById("titel")), text.slug);
    required(document.getElementById("samenvatting"), "", limits.summary);
    var day = required(date, "");
    if (day && !validDate(day)) add(date, labelOf(date), text.date);
    required(document.getElementById("periode"), "", limits.period);
    required(document.getElementById("plek-naam"), "", limits["place.name"]);
    required(document.getElementById("schaal"), "");
    if (!anonymised()) required(document.getElementById("gemeente"), "", limits["place.municipality"]);
    items("actor").forEach(function (item) {
      var name = itemName("actor", item);
      required(field(item, "name"), name, limits["actor.name"]);
      required(field(item, "type"), name);
      var roles = field(item, "roles");
      if (!ticked(roles).length) add(roles.querySelector("input"), name + ", " + labelOf(roles).toLowerCase(), text.choose_some, roles);
      if (field(item, "person").checked && !field(item, "consent").checked) {
        add(field(item, "consent"), name + ", " + labelOf(field(item, "consent")).toLowerCase(), text.consent);
      }
    });
    tooFew("actor", errors);
    items("relation").forEach(function (item) {
      var name = itemName("relation", item);
      var from = required(field(item, "from"), name);
      required(field(item, "kind"), name);
      var to = required(field(item, "to"), name);
      if (from && from === to) add(field(item, "to"), name + ", " + labelOf(field(item, "to")).toLowerCase(), text.same);
      required(field(item, "note"), name, limits["relation.note"]);
    });
    tooFew("relation", errors);
    var themes = document.getElementById("themas");
    if (!ticked(themes).length) add(themes.querySelector("input"), labelOf(themes), text.choose_some, themes);
    items("outcome").forEach(function (item) {
      var name = itemName("outcome", item);
      required(field(item, "type"), name);
      required(field(item, "text"), name, limits["outcome.text"]);
    });
    tooFew("outcome", errors);
    items("lesson").forEach(function (item) {
      required(field(item, "text"), itemName("lesson", item), limits["lesson.text"]);
    });
    tooFew("lesson", errors);
    var body = document.getElementById("verhaal");
    if (!storyText(body.value)) add(body, labelOf(body), text.required);
    required(document.getElementById("schrijver"), "", limits.contributor);
    Array.prototype.forEach.call(document.querySelectorAll("#privacy input"), function (box) {
      if (!box.checked) add(box, labelOf(box), text.tick);
    });
    return errors;
  }

  function tooFew(kind, errors) {
    var group = groups[kind];
    if (items(kind).length < group.min) {
      errors.push({control: group.add, name: group.node.querySelector("legend").firstChild.textContent.trim(),
                   message: fill(text.too_few, {minimum: group.min}), group: group.node});
    }
  }

  function validDate(value) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    var parsed = new Date(value + "T00:00:00Z");
    return !isNaN(parsed) && parsed.toISOString().slice(0, 10) === value;
  }

  // A body is told when it has a line besides the headings the form starts it with.
  function storyText(value) {
    return value.split("\n").some(function (row) { return row.trim() && !/^#{1,6}\s/.test(row.trim()); });
  }

  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll(".field-error"), function (node) {
      node.parentNode.removeChild(node);
    });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (node) {
      node.removeAttribute("aria-invalid");
    });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-describedby]"), function (node) {
      var ids = node.getAttribute("aria-describedby").split(" ").filter(function (id) { return !/-fout$/.test(id); });
      if (ids.length) node.setAttribute("aria-describedby", ids.join(" "));
      else node.removeAttribute("aria-describedby");
    });
    summary.hidden = true;
  }

  function showErrors(errors) {
    var list = summary.querySelector("ul");
    list.replaceChildren();
    errors.forEach(function (error) {
      var control = error.control;
      if (!control.id) return;
      var link = el("a", {href: "#" + control.id}, [error.name + ": " + error.message]);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        (error.group ? error.group.querySelector("legend") : document.querySelector('label[for="' + control.id + '"]') || control)
          .scrollIntoView();
        control.focus();
      });
      list.appendChild(el("li", {}, [link]));
      var host = error.group || control;
      var id = (host.id || control.id) + "-fout";
      if (document.getElementById(id)) return;
      var message = el("p", {"class": "field-error", id: id},
        [el("span", {"class": "visually-hidden"}, [text.error_prefix + ": "]), error.message]);
      if (error.group) {
        error.group.insertBefore(message, error.group.querySelector("legend").nextSibling);
      } else {
        control.parentNode.insertBefore(message, control);
        control.setAttribute("aria-invalid", "true");
      }
      var target = error.group && error.group.tagName === "FIELDSET" ? error.group : control;
      var before = target.getAttribute("aria-describedby");
      target.setAttribute("aria-describedby", before ? id + " " + before : id);
    });
    summary.hidden = false;
    summary.focus();
  }

  // -- the file --------------------------------------------------------------------------------
  function story() {
    var get = function (id) { return document.getElementById(id).value; };
    var out = ["---"];
    out.push("title: " + quoted(get("titel")));
    out.push("summary: " + quoted(get("samenvatting")));
    out.push("date: " + get("datum").trim());
    if (line(get("periode"))) out.push("period: " + quoted(get("periode")));
    out.push("place:", "  name: " + quoted(get("plek-naam")), "  scale: " + quoted(get("schaal")),
             "  anonymised: " + (anonymised() ? "true" : "false"));
    if (!anonymised() && line(get("gemeente"))) out.push("  municipality: " + quoted(get("gemeente")));
    if (!anonymised() && get("provincie")) out.push("  province: " + quoted(get("provincie")));
    var ids = {};
    var used = {};
    out.push("actors:");
    items("actor").forEach(function (item) {
      var type = field(item, "type").value;
      var id = type;
      for (var n = 2; used[id]; n += 1) id = type + "-" + n;
      used[id] = true;
      ids[item.getAttribute("data-n")] = id;
      out.push("  - id: " + quoted(id), "    name: " + quoted(field(item, "name").value),
               "    type: " + quoted(type), "    roles: " + quotedList(ticked(field(item, "roles"))));
      if (field(item, "person").checked) out.push("    person: true", "    consent: true");
    });
    out.push("relations:");
    items("relation").forEach(function (item) {
      out.push("  - from: " + quoted(ids[field(item, "from").value]), "    to: " + quoted(ids[field(item, "to").value]),
               "    kind: " + quoted(field(item, "kind").value));
      if (line(field(item, "note").value)) out.push("    note: " + quoted(field(item, "note").value));
    });
    var themes = ticked(document.getElementById("themas"));
    out.push("themes: " + quotedList(themes));
    out.push("outcomes:");
    items("outcome").forEach(function (item) {
      out.push("  - type: " + quoted(field(item, "type").value), "    text: " + quoted(field(item, "text").value));
    });
    out.push("lessons:");
    items("lesson").forEach(function (item) {
      var own = ticked(field(item, "themes"));
      out.push("  - text: " + quoted(field(item, "text").value), "    themes: " + quotedList(own.length ? own : themes));
    });
    if (line(get("schrijver"))) out.push("contributors: " + quotedList([get("schrijver")]));
    out.push("status: " + quoted(settings.status), "lang: " + quoted(settings.lang), "---", "");
    var body = get("verhaal").normalize("NFC").replace(/\r\n?/g, "\n").replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, "");
    return out.join("\n") + "\n" + body.replace(/^\n+|\s+$/g, "") + "\n";
  }

  function produce() {
    var file = fileName(line(document.getElementById("titel").value)) + ".md";
    var content = story();
    output.value = content;
    document.getElementById("resultaat-uitleg").textContent = fill(text.result_intro, {file: file});
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    blobUrl = URL.createObjectURL(new Blob([content], {type: "text/markdown;charset=utf-8"}));
    download.href = blobUrl;
    download.setAttribute("download", file);
    var address = settings.newFile ? settings.newFile + "?filename=" + encodeURIComponent(settings.folder + file)
      + "&value=" + encodeURIComponent(content) : "";
    var fits = address && address.length <= settings.maxUrl;
    if (fits) github.href = address; else github.removeAttribute("href");
    github.hidden = !fits;
    tooLong.hidden = !address || fits;
    copyStatus.textContent = "";
    result.hidden = false;
    result.focus();
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    var errors = check();
    if (errors.length) {
      result.hidden = true;
      output.value = "";
      showErrors(errors);
    } else {
      produce();
    }
  });

  document.getElementById("kopieer").addEventListener("click", function () {
    function selected() {
      output.focus();
      output.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      copyStatus.textContent = done ? text.copied : text.copy_select;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(output.value).then(function () { copyStatus.textContent = text.copied; }, selected);
    } else {
      selected();
    }
  });
})();
