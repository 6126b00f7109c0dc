(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var t = data.t, regionNames = data.regionNames, regions = data.regions;
  var reasons = { no_mentor_within_rules: t.no_mentor_within_rules, all_candidates_rejected: t.all_candidates_rejected,
                  candidates_full: t.candidates_full, not_solved: t.not_solved };
  var mentors = data.mentors.map(function (m, j) {
    return { index: j, id: m[0], name: m[1], kind: m[2], load: m[3], capacity: m[4], region: m[5], expertise: m[6] ? m[6].split("|") : [] };
  });
  var mentees = data.mentees.map(function (e) {
    return { id: e[0], name: e[1], region: regions[e[2]], section: e[3], mentor: e[4], score: e[5], terms: [e[6], e[7], e[8], e[9]],
             km: e[10], decision: e[11], reason: e[12], detail: e[13], needs: e[14] ? e[14].split("|") : [], online: e[15] === 1 };
  });
  var storageKey = "pendamping:" + data.key;

  // ---- curation state: decisions per pair, withdrawals per person; survives a reload ----
  var state = { pairs: {}, withdraw: {} };
  try { var saved = localStorage.getItem(storageKey); if (saved) { state = JSON.parse(saved); } } catch (err) { /* no storage */ }
  function save() {
    try { localStorage.setItem(storageKey, JSON.stringify(state)); } catch (err) { /* no storage */ }
    var n = Object.keys(state.pairs).length + Object.keys(state.withdraw).length;
    var p = document.getElementById("pending");
    p.textContent = String(n);
    p.setAttribute("data-pending", String(n));
  }
  function pairKey(e, m) { return e + "\u0001" + m; }

  function el(tag, attrs, text) {
    var x = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { x.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    return x;
  }
  // Numbers the page's way: a decimal comma in Indonesian (0,685), a point in English.
  var decimalComma = document.documentElement.lang === "id";
  function fmt(v, d) {
    if (v === null || v === undefined) { return ""; }
    var s = Number(v).toFixed(d);
    return decimalComma ? s.replace(".", ",") : s;
  }

  // ---- filters ----
  function filters() {
    return {
      q: document.getElementById("q").value.trim().toLowerCase(),
      mentor: document.getElementById("f-mentor").value,
      region: document.getElementById("f-region").value,
      section: document.getElementById("f-section").value,
      score: parseFloat(document.getElementById("f-score").value.replace(",", ".")) || 0
    };
  }
  function passes(e, f) {
    if (f.q && e.id.toLowerCase().indexOf(f.q) < 0 && e.name.toLowerCase().indexOf(f.q) < 0) { return false; }
    if (f.region && e.region.indexOf(f.region) !== 0) { return false; }
    if (f.section && e.section !== f.section) { return false; }
    if (f.mentor && (e.mentor < 0 || mentors[e.mentor].id !== f.mentor)) { return false; }
    if (f.score > 0 && (e.score === null || e.score < f.score)) { return false; }
    return true;
  }

  function decisionButtons(e, m, row) {
    var cell = el("td", { "class": "decide noprint" });
    ["accept", "reject", "lock"].forEach(function (d) {
      var b = el("button", { type: "button", "data-decision": d, "data-mentee": e.id, "data-mentor": m.id }, t[d]);
      var key = pairKey(e.id, m.id);
      function paint() {
        var on = state.pairs[key] === d;
        b.className = on ? "on" : "";
        if (on) { row.className = d; } else if (!state.pairs[key]) { row.className = ""; }
      }
      b.addEventListener("click", function () {
        if (state.pairs[key] === d) { delete state.pairs[key]; } else { state.pairs[key] = d; }
        save();
        Array.prototype.forEach.call(cell.querySelectorAll("button"), function (x) { x.className = state.pairs[key] === x.getAttribute("data-decision") ? "on" : ""; });
        row.className = state.pairs[key] || "";
      });
      paint();
      cell.appendChild(b);
    });
    return cell;
  }
  function withdrawButton(kind, id) {
    var key = kind + ":" + id;
    var b = el("button", { type: "button", "class": "withdraw noprint" + (state.withdraw[key] ? " on" : ""), "data-withdraw": key }, t.withdraw);
    b.addEventListener("click", function () {
      if (state.withdraw[key]) { delete state.withdraw[key]; } else { state.withdraw[key] = true; }
      b.className = "withdraw noprint" + (state.withdraw[key] ? " on" : "");
      save();
    });
    return b;
  }

  // ---- cohorts: one block per mentor, printable one per page ----
  var large = mentees.length > 3000;
  function cohortTable(m, list) {
    var table = el("table");
    var head = el("tr");
    [t.mentee, t.name, t.score, t.sector, t.location, t.capacity, t.culture, "km", t.needsCovered, t.needsOpen, "", ""].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    list.forEach(function (e) {
      var row = el("tr", { "data-mentee": e.id });
      [e.id, e.name, fmt(e.score, 3), fmt(e.terms[0], 2), fmt(e.terms[1], 2), fmt(e.terms[2], 2), fmt(e.terms[3], 2), fmt(e.km, 1) + (e.online ? " (" + t.online + ")" : "")]
        .forEach(function (v, k) { row.appendChild(el("td", k >= 2 ? { "class": "num" } : null, v)); });
      var covered = e.needs.filter(function (n) { return m.expertise.indexOf(n) >= 0; });
      var open = e.needs.filter(function (n) { return m.expertise.indexOf(n) < 0; });
      row.appendChild(el("td", null, covered.join(", ")));
      row.appendChild(el("td", { "class": open.length ? "open-needs" : "" }, open.join(", ")));
      row.appendChild(decisionButtons(e, m, row));
      var w = el("td"); w.appendChild(withdrawButton("mentee", e.id)); row.appendChild(w);
      body.appendChild(row);
    });
    table.appendChild(body);
    return table;
  }
  // Long lists are shown a page at a time ("show more"), so a province-sized page opens fast.
  var PAGE = 200;
  function moreButton(box, remaining, next) {
    var b = el("button", { type: "button", "class": "more noprint" }, t.showMore + " (" + remaining + ")");
    b.addEventListener("click", function () { b.remove(); next(); });
    box.appendChild(b);
  }
  function renderCohorts(everything) {
    var f = filters(), box = document.getElementById("cohorts");
    box.textContent = "";
    var by = mentors.map(function () { return []; });
    mentees.forEach(function (e) { if (e.mentor >= 0 && passes(e, f)) { by[e.mentor].push(e); } });
    var shown = mentors.filter(function (m) {
      if (f.mentor && m.id !== f.mentor) { return false; }
      return by[m.index].length > 0 || !(f.q || f.region || f.section || f.score > 0);
    });
    function page(from) {
      var to = everything ? shown.length : Math.min(shown.length, from + PAGE);
      shown.slice(from, to).forEach(function (m) { cohortBlock(m, by[m.index], box, everything); });
      if (to < shown.length) { moreButton(box, shown.length - to, function () { page(to); }); }
    }
    page(0);
    renderUnassigned(f);
    filterMap(f);
  }
  function cohortBlock(m, list, box, open) {
      var block = el("div", { "class": "cohort", "data-mentor": m.id });
      var details = el("details");
      if (!large || open) { details.open = true; }
      var summary = el("summary");
      summary.appendChild(el("strong", null, m.id + " " + m.name));
      summary.appendChild(document.createTextNode(" · " + m.load + "/" + m.capacity + " · " + (regionNames[m.region] || m.region) + " "));
      summary.appendChild(withdrawButton("mentor", m.id));
      details.appendChild(summary);
      var filled = false;
      function fill() {
        if (filled) { return; }
        filled = true;
        if (data.cohortsListed !== undefined && m.index >= data.cohortsListed) {
          details.appendChild(el("p", { "class": "note" }, t.cohortInCsv.replace("%d", String(m.load))));
        } else {
          details.appendChild(cohortTable(m, list));
        }
      }
      if (details.open) { fill(); } else { details.addEventListener("toggle", fill); }
      block.appendChild(details);
      box.appendChild(block);
  }
  function renderUnassigned(f) {
    var box = document.getElementById("unassigned-list");
    box.textContent = "";
    var list = mentees.filter(function (e) { return e.mentor < 0 && passes(e, f); });
    if (!list.length && !(all(f) && data.omitted)) { box.appendChild(el("p", { "class": "note" }, t.none)); return; }
    var table = el("table"), head = el("tr");
    [t.mentee, t.name, t.kecamatan, t.reason, t.detail, ""].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    table.appendChild(body);
    box.appendChild(table);
    function page(from) {
      var to = Math.min(list.length, from + PAGE * 2);
      list.slice(from, to).forEach(function (e) {
        var row = el("tr", { "data-mentee": e.id });
        [e.id, e.name, regionNames[e.region.split(".").slice(0, 3).join(".")] || e.region, reasons[e.reason] || e.reason, e.detail]
          .forEach(function (v) { row.appendChild(el("td", null, v)); });
        var w = el("td"); w.appendChild(withdrawButton("mentee", e.id)); row.appendChild(w);
        body.appendChild(row);
      });
      if (to < list.length) { moreButton(box, list.length - to, function () { page(to); }); }
    }
    page(0);
    if (all(f) && data.omitted > 0) { box.appendChild(el("p", { "class": "note" }, t.more.replace("%d", String(data.omitted)))); }
  }
  function all(f) { return !(f.q || f.region || f.section || f.mentor || f.score > 0); }
  function filterMap(f) {
    var shown = {};
    mentees.forEach(function (e) { if (passes(e, f)) { shown[e.id] = true; } });
    var all = !(f.q || f.region || f.section || f.mentor || f.score > 0);
    Array.prototype.forEach.call(document.querySelectorAll("#mentees circle, #unassigned rect, #pairs line"), function (x) {
      var id = x.getAttribute("data-id") || x.getAttribute("data-mentee");
      x.classList.toggle("hidden", !all && !shown[id]);
    });
  }

  // ---- decisions.csv, as `pendamping round --decisions` reads it ----
  function csvCell(v) {
    var s = String(v);
    if (/^[=+\-@]/.test(s)) { s = "'" + s; }
    return /[",\r\n;]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function decisionsCSV() {
    var lines = ["mentee_id,mentor_id,decision"];
    Object.keys(state.pairs).sort().forEach(function (k) {
      var parts = k.split("\u0001");
      lines.push([csvCell(parts[0]), csvCell(parts[1]), state.pairs[k]].join(","));
    });
    Object.keys(state.withdraw).sort().forEach(function (k) {
      var i = k.indexOf(":"), kind = k.slice(0, i), id = k.slice(i + 1);
      lines.push(kind === "mentee" ? [csvCell(id), "", "withdraw"].join(",") : ["", csvCell(id), "withdraw"].join(","));
    });
    return lines.join("\n") + "\n";
  }
  document.getElementById("download").addEventListener("click", function () {
    var a = el("a", { href: URL.createObjectURL(new Blob([decisionsCSV()], { type: "text/csv" })), download: "decisions.csv" });
    document.body.appendChild(a); a.click(); a.remove();
  });
  document.getElementById("clear").addEventListener("click", function () {
    if (window.confirm(t.clearConfirm)) { state = { pairs: {}, withdraw: {} }; save(); renderCohorts(false); }
  });
  document.getElementById("print").addEventListener("click", function () {
    renderCohorts(true);
    window.print();
  });
  ["q", "f-mentor", "f-region", "f-section", "f-score"].forEach(function (id) {
    document.getElementById(id).addEventListener("input", function () { renderCohorts(false); });
  });

  // ---- map: pan by dragging, zoom with the wheel or the buttons ----
  var svg = document.getElementById("map");
  var W = +svg.getAttribute("data-width"), H = +svg.getAttribute("data-height");
  var view = { x: 0, y: 0, w: W, h: H };
  function apply() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) { return v.toFixed(2); }).join(" ")); }
  function zoom(factor, cx, cy) {
    if (!factor) { view = { x: 0, y: 0, w: W, h: H }; apply(); return; }
    var w = Math.min(W * 4, Math.max(W / 200, view.w / factor)), h = w * H / W;
    view.x = cx - (cx - view.x) * w / view.w; view.y = cy - (cy - view.y) * h / view.h; view.w = w; view.h = h; apply();
  }
  function point(ev) {
    var r = svg.getBoundingClientRect();
    return { x: view.x + (ev.clientX - r.left) / r.width * view.w, y: view.y + (ev.clientY - r.top) / r.height * view.h };
  }
  svg.addEventListener("wheel", function (ev) { ev.preventDefault(); var p = point(ev); zoom(ev.deltaY < 0 ? 1.25 : 0.8, p.x, p.y); }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y }; svg.setPointerCapture(ev.pointerId); });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    var r = svg.getBoundingClientRect();
    view.x = drag.vx - (ev.clientX - drag.x) / r.width * view.w; view.y = drag.vy - (ev.clientY - drag.y) / r.height * view.h; apply();
  });
  svg.addEventListener("pointerup", function () { drag = null; });
  Array.prototype.forEach.call(document.querySelectorAll("[data-zoom]"), function (b) {
    b.addEventListener("click", function () { zoom(parseFloat(b.getAttribute("data-zoom")), view.x + view.w / 2, view.y + view.h / 2); });
  });

  renderCohorts(false);
  save();
})();
