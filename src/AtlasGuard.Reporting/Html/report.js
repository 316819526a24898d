// AtlasGuard HTML report: filters, matrix links and printing. Our own vanilla script, no dependency.
// Everything is readable without it; it only hides and shows what is already on the page.
(function () {
  "use strict";

  var RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
  var FIELDS = [
    ["severity", "filter-severity"],
    ["phase", "filter-phase"],
    ["tactic", "filter-tactic"],
    ["rule", "filter-rule"],
    ["technique", "filter-technique"],
    ["q", "filter-text"]
  ];

  function byId(id) { return document.getElementById(id); }
  function words(value) { return (value || "").split(" ").filter(function (w) { return w.length > 0; }); }
  function textOf(row, selector) {
    var el = row.querySelector(selector);
    return el ? el.textContent : "";
  }

  // A card names its techniques; their tactics come from the matrix, where every technique sits in its tactics' columns.
  var tacticsOf = {};
  Array.prototype.forEach.call(document.querySelectorAll("#matrix .tactic"), function (column) {
    var tactic = column.getAttribute("data-tactic");
    Array.prototype.forEach.call(column.querySelectorAll(".technique"), function (cell) {
      var id = cell.getAttribute("data-technique");
      (tacticsOf[id] = tacticsOf[id] || []).push(tactic);
    });
  });
  function tacticsOfCard(techniques) {
    var seen = [];
    techniques.forEach(function (t) {
      (tacticsOf[t] || []).forEach(function (tactic) { if (seen.indexOf(tactic) < 0) { seen.push(tactic); } });
    });
    return seen;
  }

  var rows = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var facts = rows.map(function (row) {
    return {
      severity: RANK[row.getAttribute("data-severity")] || 0,
      phase: row.getAttribute("data-phase"),
      rule: row.getAttribute("data-rule"),
      techniques: words(row.getAttribute("data-techniques")),
      tactics: tacticsOfCard(words(row.getAttribute("data-techniques"))),
      text: [textOf(row, "h3"), textOf(row, ".loc"), textOf(row, ".evidence code")].join("\n").toLowerCase()
    };
  });
  var count = byId("findings-count");

  function readControls() {
    var state = {};
    FIELDS.forEach(function (f) {
      var el = byId(f[1]);
      var value = el ? el.value : "";
      state[f[0]] = f[0] === "q" ? value.trim() : (value || "all");
    });
    return state;
  }

  function writeControls(state) {
    FIELDS.forEach(function (f) {
      var el = byId(f[1]);
      if (!el) { return; }
      var value = state[f[0]] || (f[0] === "q" ? "" : "all");
      if (el.tagName === "SELECT") {
        var known = Array.prototype.some.call(el.options, function (o) { return o.value === value; });
        el.value = known ? value : "all";
      } else {
        el.value = value;
      }
    });
  }

  function hasTechnique(list, id) {
    return list.some(function (t) { return t === id || t.indexOf(id + ".") === 0; });
  }

  function matches(fact, state) {
    if (state.severity !== "all" && fact.severity < (RANK[state.severity] || 0)) { return false; }
    if (state.phase !== "all" && fact.phase !== state.phase) { return false; }
    if (state.tactic !== "all" && fact.tactics.indexOf(state.tactic) < 0) { return false; }
    if (state.rule !== "all" && fact.rule !== state.rule) { return false; }
    if (state.technique !== "all" && !hasTechnique(fact.techniques, state.technique)) { return false; }
    if (state.q && fact.text.indexOf(state.q.toLowerCase()) < 0) { return false; }
    return true;
  }

  function apply(state) {
    var shown = 0;
    rows.forEach(function (row, i) {
      var visible = matches(facts[i], state);
      row.hidden = !visible;
      if (visible) { shown++; }
    });
    if (count) { count.textContent = "Showing " + shown + " of " + rows.length + " findings"; }
  }

  function toHash(state) {
    var parts = [];
    FIELDS.forEach(function (f) {
      var value = state[f[0]];
      if (value && value !== "all") { parts.push(f[0] + "=" + encodeURIComponent(value)); }
    });
    return "#findings" + (parts.length ? "?" + parts.join("&") : "");
  }

  function fromHash() {
    var hash = location.hash;
    if (hash.indexOf("#findings?") !== 0) { return null; }
    var state = {};
    hash.slice("#findings?".length).split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at <= 0) { return; }
      try {
        state[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
      } catch (e) {
        // A malformed escape in a hand-edited link: ignore that one parameter.
      }
    });
    return state;
  }

  function onControlChange() {
    var state = readControls();
    apply(state);
    history.replaceState(null, "", toHash(state));
  }

  function followHash(scroll) {
    var state = fromHash();
    if (state === null) { return; }
    writeControls(state);
    apply(readControls());
    var section = byId("findings");
    if (scroll && section) { section.scrollIntoView({ behavior: "instant", block: "start" }); }
  }

  function showTechnique(id) {
    writeControls({ technique: id });
    onControlChange();
    var section = byId("findings");
    if (section) { section.scrollIntoView({ behavior: "instant", block: "start" }); }
  }

  // A card whose fix is its rule's links to the rule in the glossary; with the script, the card shows the fix itself.
  var fixes = {};
  Array.prototype.forEach.call(document.querySelectorAll(".glossary dt[id^='rule-']"), function (dt) {
    var fix = dt.nextElementSibling && dt.nextElementSibling.querySelector(".fix");
    if (fix) { fixes[dt.id] = fix.textContent; }
  });
  Array.prototype.forEach.call(document.querySelectorAll(".finding"), function (card) {
    var list = card.querySelector("dl");
    var text = fixes["rule-" + card.getAttribute("data-rule")];
    if (!list || text === undefined || list.querySelector(".fix")) { return; }
    var term = document.createElement("dt");
    term.textContent = "Fix";
    var value = document.createElement("dd");
    value.className = "fix";
    value.textContent = text;
    list.appendChild(term);
    list.appendChild(value);
  });

  // A card lists technique ids; the names are on the matrix (a sub-technique's with its parent's).
  var names = {};
  Array.prototype.forEach.call(document.querySelectorAll("#matrix .technique"), function (cell) {
    var own = cell.querySelector(".name");
    var parent = cell.classList.contains("sub") ? cell.parentNode.closest(".technique") : null;
    var name = own ? own.textContent : "";
    if (parent && parent.querySelector(".name")) { name = parent.querySelector(".name").textContent + ": " + name; }
    names[cell.getAttribute("data-technique")] = name;
  });
  var matrix = document.querySelector(".matrix");
  var missing = " (not in ATLAS " + (matrix ? matrix.getAttribute("data-atlas-version") : "") + ")";
  Array.prototype.forEach.call(document.querySelectorAll(".finding .atlas"), function (dd) {
    var ids = words(dd.parentNode.parentNode.getAttribute("data-techniques"));
    dd.textContent = "";
    ids.forEach(function (id, i) {
      var code = document.createElement("code");
      code.textContent = id;
      if (i > 0) { dd.appendChild(document.createTextNode("; ")); }
      dd.appendChild(code);
      dd.appendChild(document.createTextNode(names[id] !== undefined ? " " + names[id] : missing));
    });
  });

  // Findings filters: shown only now that they work.
  var filters = byId("filters");
  if (filters) { filters.hidden = false; }
  FIELDS.forEach(function (f) {
    var el = byId(f[1]);
    if (el) { el.addEventListener(el.tagName === "SELECT" ? "change" : "input", onControlChange); }
  });
  var clear = byId("filter-clear");
  if (clear) {
    clear.addEventListener("click", function () {
      writeControls({});
      onControlChange();
    });
  }
  window.addEventListener("hashchange", function () { followHash(true); });
  followHash(true);

  // Matrix: a technique with findings opens the findings filtered to it.
  Array.prototype.forEach.call(document.querySelectorAll("#matrix .technique"), function (cell) {
    if (cell.getAttribute("data-count") === "0") { return; }
    var id = cell.getAttribute("data-technique");
    cell.classList.add("interactive");
    cell.tabIndex = 0;
    if (!cell.querySelector("details")) { cell.setAttribute("role", "button"); }
    cell.setAttribute("aria-label", id + ": " + cell.getAttribute("title") + ". Show these findings.");
    function activate(event) {
      if (event.target.closest("summary")) { return; }
      if (event.target.closest(".technique") !== cell) { return; }
      event.preventDefault();
      showTechnique(id);
    }
    cell.addEventListener("click", activate);
    cell.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { activate(event); }
    });
  });

  var onlyFound = byId("matrix-only-found");
  function applyOnlyFound() {
    var only = onlyFound.checked;
    Array.prototype.forEach.call(document.querySelectorAll("#matrix .technique, #matrix .tactic"), function (el) {
      el.hidden = only && el.getAttribute("data-count") === "0";
    });
  }
  if (onlyFound) {
    onlyFound.addEventListener("change", applyOnlyFound);
    applyOnlyFound();
  }

  // Print: open every fold, then put them back.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
