// Pendamping pages: every change goes through the JSON API with the session's CSRF token.
(function () {
  "use strict";
  const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  const lang = document.documentElement.lang || "id";

  async function api(method, path, body) {
    const res = await fetch(path, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, "X-Page-Language": lang },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    return { status: res.status, ok: res.ok, data: data };
  }

  function say(el, text, ok) {
    if (!el) return;
    el.textContent = text;
    el.className = "message " + (ok ? "ok" : "bad");
  }

  function fileAsBase64(file) {
    return new Promise(function (resolve, reject) {
      const r = new FileReader();
      r.onload = function () { resolve(String(r.result).split(",")[1] || ""); };
      r.onerror = reject;
      r.readAsDataURL(file);
    });
  }

  document.addEventListener("click", async function (ev) {
    const b = ev.target.closest("button");
    if (!b) return;
    const action = b.dataset.action;
    if (action === "logout") {
      await api("POST", "/api/logout");
      location.href = "/login";
    } else if (action === "propose") {
      propose(b);
    } else if (action === "cancel") {
      await api("POST", "/api/programmes/" + b.dataset.programme + "/solve/cancel");
    } else if (action === "publish") {
      const r = await api("POST", "/api/programmes/" + b.dataset.programme + "/rounds/" + b.dataset.round + "/publish");
      if (r.ok) location.reload(); else alert((r.data && (r.data.message || r.data.error)) || r.status);
    } else if (b.dataset.decide) {
      decide(b);
    }
  });

  async function propose(b) {
    const box = b.closest(".solve");
    const cancel = box.querySelector('[data-action="cancel"]');
    const bar = box.querySelector("progress");
    const msg = box.querySelector(".message");
    b.disabled = true; cancel.hidden = false; bar.hidden = false; bar.value = 0;
    say(msg, msg.dataset.solving, true);
    const pid = b.dataset.programme;
    const timer = setInterval(async function () {
      const s = await api("GET", "/api/programmes/" + pid + "/solve");
      if (s.ok && s.data && s.data.running) {
        bar.value = s.data.stages.length;
        say(msg, msg.dataset.solving + " " + (s.data.stages[s.data.stages.length - 1] || ""), true);
      }
    }, 300);
    const r = await api("POST", "/api/programmes/" + pid + "/rounds?lang=" + lang);
    clearInterval(timer);
    b.disabled = false; cancel.hidden = true; bar.hidden = true;
    if (r.ok) { location.href = "/p/" + pid + "/rounds/" + r.data.number; return; }
    say(msg, r.data && r.data.error === "cancelled" ? msg.dataset.cancelled : ((r.data && (r.data.message || r.data.error)) || String(r.status)), false);
  }

  // A decision word in the page language (the round page lists them on #decide-context).
  function decisionText(word) {
    const ctx = document.getElementById("decide-context");
    return (ctx && ctx.dataset[word]) || word;
  }

  function showDecision(row, d) {
    if (d.mentor_id === "") row.dataset.withdrawalId = d.id; else row.dataset.decisionId = d.id;
    row.dataset.state = d.decision === "clear" ? "" : d.decision;
    const cell = row.querySelector("td.decision");
    cell.textContent = d.decision === "clear" ? "" : decisionText(d.decision) + " ";
    if (d.decision !== "clear") {
      const who = document.createElement("span");
      who.className = "muted";
      who.textContent = "(" + decisionText("by") + " " + d.by + ")";
      cell.appendChild(who);
    }
    row.classList.add("flash");
    setTimeout(function () { row.classList.remove("flash"); }, 1500);
  }

  async function decide(b) {
    const row = b.closest("tr");
    const ctx = document.getElementById("decide-context");
    // A withdrawal names the mentee alone; its own newest decision is the one expected.
    const withdraw = b.dataset.decide === "withdraw" || (b.dataset.decide === "clear" && row.dataset.state === "withdraw");
    const r = await api("POST", "/api/programmes/" + ctx.dataset.programme + "/decisions", {
      mentee_id: row.dataset.mentee, mentor_id: withdraw ? "" : row.dataset.mentor,
      decision: b.dataset.decide, expected: Number((withdraw ? row.dataset.withdrawalId : row.dataset.decisionId) || 0)
    });
    const live = document.getElementById("live");
    if (r.ok) { showDecision(row, r.data); return; }
    if (r.status === 409 && r.data && r.data.current) {
      showDecision(row, r.data.current);
      say(live, ctx.dataset.conflict + " (" + r.data.current.by + ": " + decisionText(r.data.current.decision) + ")", false);
      return;
    }
    say(live, (r.data && (r.data.message || r.data.error)) || String(r.status), false);
  }

  document.addEventListener("submit", async function (ev) {
    const f = ev.target;
    const action = f.dataset.action;
    if (!action) return;
    ev.preventDefault();
    const msg = f.querySelector(".message");
    if (action === "create-programme") {
      const r = await api("POST", "/api/programmes", { name: f.elements.name.value, region: f.elements.region.value });
      if (r.ok) location.href = "/p/" + r.data.id; else say(msg, (r.data && (r.data.message || r.data.error)) || r.status, false);
    } else if (action === "add-member") {
      const r = await api("POST", "/api/programmes/" + f.dataset.programme + "/members", { name: f.elements.name.value });
      if (r.ok) location.reload(); else say(msg, (r.data && (r.data.message || r.data.error)) || r.status, false);
    } else if (action === "profile") {
      // The fields write into the profile JSON; the server checks the whole as the CLI does.
      let profile;
      try { profile = JSON.parse(f.elements.profile.value); } catch (e) { say(msg, String(e), false); return; }
      f.querySelectorAll("[data-path]").forEach(function (input) {
        const keys = input.dataset.path.split(".");
        let at = profile;
        for (let k = 0; k < keys.length - 1; k++) { at[keys[k]] = at[keys[k]] || {}; at = at[keys[k]]; }
        const last = keys[keys.length - 1];
        if (input.type === "checkbox") at[last] = input.checked;
        else if (input.dataset.type === "text") at[last] = input.value;
        else if (input.value.trim() === "") at[last] = null;
        else at[last] = Number(input.value.replace(",", "."));
      });
      const r = await api("PUT", "/api/programmes/" + f.dataset.programme + "/profile", { profile: JSON.stringify(profile) });
      if (r.ok) { location.reload(); return; }
      say(msg, r.ok ? "✓" : ((r.data && (r.data.message || r.data.error)) || r.status), r.ok);
    } else if (action === "scenario") {
      const list = function (v) { return v.split(",").map(function (x) { return x.trim(); }).filter(function (x) { return x; }); };
      const el = f.elements;
      const scenario = { name: el.name.value, add_mentors: [{ kind: el.kind.value, count: Number(el.count.value), capacity: Number(el.capacity.value),
        kbli: list(el.kbli.value), expertise: list(el.expertise.value), languages: list(el.languages.value), place: el.place.value }] };
      const body = { scenario: JSON.stringify(scenario) };
      if (el.target.value.trim()) body.target_coverage = Number(el.target.value.replace(",", "."));
      if (el.budget.value.trim()) body.budget = Number(el.budget.value.replace(/[.\s]/g, ""));
      f.querySelector("button").disabled = true;
      say(msg, msg.dataset.solving, true);
      const r = await api("POST", "/api/programmes/" + f.dataset.programme + "/scenarios?lang=" + lang, body);
      f.querySelector("button").disabled = false;
      if (r.ok) location.href = "/p/" + f.dataset.programme + "/planning/" + r.data.number;
      else say(msg, (r.data && (r.data.message || r.data.error)) || r.status, false);
    } else if (action === "password") {
      const el = f.elements;
      if (el.new.value !== el.repeat.value) { say(msg, f.dataset.differ, false); return; }
      const r = await api("POST", "/api/password", { current: el.current.value, new: el.new.value });
      if (r.ok) location.href = "/"; else say(msg, (r.data && (r.data.message || r.data.error)) || r.status, false);
    } else if (action === "projection") {
      const el = f.elements;
      const body = { plan: el.plan.value, years: Number(el.years.value) };
      if (el.target.value.trim()) body.target = Number(el.target.value.replace(",", "."));
      if (el.byYear.value.trim()) body.by_year = Number(el.byYear.value);
      f.querySelector("button").disabled = true;
      say(msg, msg.dataset.solving, true);
      const r = await api("POST", "/api/programmes/" + f.dataset.programme + "/projections", body);
      f.querySelector("button").disabled = false;
      if (r.ok) location.href = "/p/" + f.dataset.programme + "/planning/" + r.data.number;
      else say(msg, (r.data && (r.data.message || r.data.error)) || r.status, false);
    } else if (action === "upload") {
      const body = {};
      for (const kind of ["mentors", "mentees"]) {
        const input = f.elements[kind];
        if (input.files.length) body[kind] = { file_name: input.files[0].name, base64: await fileAsBase64(input.files[0]) };
      }
      const r = await api("POST", "/api/programmes/" + f.dataset.programme + "/lists", body);
      const issues = f.querySelector(".issues");
      const quality = f.querySelector(".quality");
      issues.hidden = true; quality.hidden = true;
      if (r.data && r.data.issues && r.data.issues.length) { issues.textContent = r.data.issues.join("\n"); issues.hidden = false; }
      if (r.data && r.data.quality) { quality.querySelector("pre").textContent = r.data.quality; quality.hidden = false; }
      say(msg, r.ok ? msg.dataset.ok : msg.dataset.refused, r.ok);
      if (r.ok) setTimeout(function () { location.reload(); }, 800);
    }
  });

  // The profile form's fields, filled from the profile JSON.
  const profileForm = document.querySelector('form[data-action="profile"]');
  if (profileForm) {
    try {
      const profile = JSON.parse(profileForm.elements.profile.value);
      profileForm.querySelectorAll("[data-path]").forEach(function (input) {
        const value = input.dataset.path.split(".").reduce(function (o, k) { return o == null ? o : o[k]; }, profile);
        if (input.type === "checkbox") input.checked = value === true;
        else if (input.dataset.type === "text") input.value = value == null ? "" : String(value);
        else input.value = value == null ? "" : (lang === "id" ? String(value).replace(".", ",") : String(value));
      });
    } catch (e) { /* the JSON box shows the problem */ }
  }

  // The round's report in its frame, scrolled (inside the frame only) to its map.
  const frame = document.querySelector("iframe.report");
  if (frame) {
    frame.addEventListener("load", function () {
      const map = frame.contentDocument && frame.contentDocument.getElementById("map");
      if (map) frame.contentWindow.scrollTo(0, map.getBoundingClientRect().top + frame.contentWindow.scrollY - 8);
    });
  }

  // Live decisions of other curators on a round page (server-sent events).
  const ctx = document.getElementById("decide-context");
  if (ctx && window.EventSource) {
    const es = new EventSource("/api/programmes/" + ctx.dataset.programme + "/events");
    es.addEventListener("decision", function (e) {
      const d = JSON.parse(e.data);
      const rows = document.querySelectorAll("tr[data-mentee]");
      rows.forEach(function (row) {
        const mine = d.mentor_id === "" ? row.dataset.withdrawalId : row.dataset.decisionId;
        if (row.dataset.mentee === d.mentee_id && (d.mentor_id === "" || row.dataset.mentor === d.mentor_id) && Number(mine || 0) < d.id) showDecision(row, d);
      });
    });
  }
})();
