// parley web UI: plain JavaScript and SVG over the JSON API. This file
// holds what the panels share (state, filters, API calls, DOM helpers), the
// event table and the detail panel; timeline.js, map.js, network.js and
// review.js draw the rest, main.js starts it all.
// All text from the store is inserted with textContent, never as HTML.
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const QCOLOR = { 0: "#8a94a3", 1: "#6fb37a", 2: "#2e7d4f", 3: "#f0a04b", 4: "#d2453c" };
const FILTERS = ["actor", "recipient", "country", "type", "from", "to", "place", "source", "text", "level", "reviewed"];
const SVGNS = "http://www.w3.org/2000/svg";

// state is the view: which rows, in which order, and how the panels draw.
// Everything but selected is kept in the address with the filters.
const state = {
  // offset counts the rows before the page (for "26–50 of"); the page
  // itself is asked for as the rows after the last one of the page
  // before (after, the answer's next), as cheap at page 400 as at page 2;
  // trail keeps the after of each page before, for Previous.
  offset: 0, after: "", next: "", trail: [], total: 0, selected: null,
  page: 25, sort: "",
  bin: "auto", mapMode: "symbols", netColour: "sector", netMin: 1, netGroups: false,
  invalid: new Map(), // filter name → the bad value the address gave
};
const VIEW = { page: "page", sort: "sort", bin: "bin", map: "mapMode", net: "netColour", min: "netMin", groups: "netGroups" };

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null) continue;
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}

function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

function form() { return document.getElementById("filters"); }

// filters reads the filter bar into API parameters.
function filters() {
  const p = new URLSearchParams();
  for (const name of FILTERS) {
    const v = form().elements[name].value.trim();
    if (v && !(name === "level" && v === "story")) p.set(name, v);
  }
  return p;
}

function level() { return form().elements.level.value; }

// validate checks one filter value as the API would read it and returns
// what is wrong with it, or "".
function validate(name, v) {
  if (!v) return "";
  switch (name) {
    case "from": case "to": {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      const d = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      if (!m || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return `"${v}" is not a date (YYYY-MM-DD)`;
      return "";
    }
    case "type":
      return v.split(",").every(t => TYPES.includes(t.trim().toUpperCase())) ? "" : `"${v}" is not a PLOVER event type`;
    case "country":
      return /^[A-Za-z]{3}(\s*,\s*[A-Za-z]{3})*$/.test(v) ? "" : `"${v}" is not a list of three-letter country codes (e.g. RUS,UKR)`;
    case "level":
      return ["story", "event"].includes(v) ? "" : `"${v}" is not a level (story or event)`;
    case "reviewed":
      return ["yes", "no", "correct", "wrong"].includes(v) ? "" : `"${v}" is not a review state (yes, no, correct or wrong)`;
  }
  return "";
}

// showErrors lists the filter errors (bad values from the address and the
// API's answer) above the panels.
function showErrors(apiError) {
  const box = clear(document.getElementById("errors"));
  const items = [];
  for (const [name, v] of state.invalid) items.push(`${name}: ${validate(name, v)}`);
  if (apiError) items.push(apiError);
  for (const name of FILTERS) form().elements[name].classList.toggle("invalid", state.invalid.has(name));
  box.hidden = !items.length;
  if (!items.length) return;
  box.append(el("strong", null, state.invalid.size ? "These filters are not valid, so nothing is shown until they are fixed or reset: " : "The filters were refused: "));
  for (const it of items) box.append(el("span", { class: "error-item" }, it));
}

// keepInAddress writes filters and view settings into the address, so a
// view can be bookmarked and shared.
function keepInAddress() {
  const p = filters();
  for (const [name, v] of state.invalid) p.set(name, v);
  for (const [key, field] of Object.entries(VIEW)) {
    const v = state[field], def = { page: 25, sort: "", bin: "auto", mapMode: "symbols", netColour: "sector", netMin: 1, netGroups: false }[field];
    if (v !== def) p.set(key, String(v));
  }
  history.replaceState(null, "", p.toString() ? "#" + p : location.pathname);
}

async function api(path, params) {
  const url = params && [...params].length ? path + "?" + params : path;
  const r = await fetch(url);
  const body = await r.json();
  if (!r.ok) { const e = new Error(body.error || r.statusText); e.status = r.status; throw e; }
  return body;
}

// firstPage goes back to the first page (new filters, sort or size).
function firstPage() { state.offset = 0; state.after = ""; state.trail = []; }

// nextPage and prevPage move by one page, following the answers' next.
function nextPage() { state.trail.push(state.after); state.after = state.next; state.offset += state.page; loadTable(); }
function prevPage() {
  state.after = state.trail.length ? state.trail.pop() : "";
  state.offset = state.after || state.trail.length ? Math.max(0, state.offset - state.page) : 0;
  loadTable();
}

function withParam(p, k, v) { const q = new URLSearchParams(p); q.set(k, v); return q; }

function setFilter(name, value) {
  form().elements[name].value = value;
  state.invalid.delete(name);
  firstPage();
  refresh();
}

function entityLabel(e) { return e ? (e.name || e.code || e.country) : ""; }

// refresh reloads every panel for the current filters.
async function refresh() {
  keepInAddress();
  showErrors();
  const status = document.getElementById("count");
  if (state.invalid.size) {
    status.textContent = "no events: fix the filters above";
    return;
  }
  status.textContent = "loading…";
  const p = filters();
  try {
    await Promise.all([loadTimeline(p), loadMap(p), loadNetwork(p), loadTable()]);
  } catch (err) {
    status.textContent = "error: " + err.message;
    if (err.status === 400) showErrors(err.message);
  }
}

// The event table.

const COLUMNS = {
  story: [["date", "Date"], ["type", "Type"], ["actor", "Actor"], [null, ""], ["recipient", "Recipient"], ["place", "Place"],
    ["articles", "Art. / src.", "articles / sources reporting it"], [null, "Sentence"], [null, "Review"]],
  event: [["date", "Date"], ["type", "Type"], ["actor", "Actor"], [null, ""], ["recipient", "Recipient"], ["place", "Place"],
    ["source", "Source", "the outlet that published the article"], [null, "Sentence"], [null, "Review"]],
};

function drawTableHead() {
  const row = clear(document.querySelector("#table thead tr"));
  const key = state.sort.replace(/^-/, ""), desc = state.sort.startsWith("-") || state.sort === "";
  for (const [sort, label, title] of COLUMNS[level()]) {
    if (!sort) { row.append(el("th", null, label)); continue; }
    const active = sort === key || (state.sort === "" && sort === "date");
    const th = el("th", { class: "sortable" + (active ? " sorted" : ""), "data-sort": sort, title: title || `sort by ${label.toLowerCase()}`,
      "aria-sort": active ? (desc ? "descending" : "ascending") : "none" }, label, active ? el("span", { class: "arrow-sort" }, desc ? " ▼" : " ▲") : null);
    th.tabIndex = 0;
    th.addEventListener("keydown", ev => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); th.click(); } });
    th.addEventListener("click", () => {
      // A first click sorts dates newest first and the rest A to Z; a
      // second click reverses.
      const cur = state.sort || "-date";
      if (cur.replace(/^-/, "") === sort) state.sort = cur.startsWith("-") ? sort : "-" + sort;
      else state.sort = sort === "date" || sort === "articles" ? "-" + sort : sort;
      if (state.sort === "-date") state.sort = "";
      firstPage();
      keepInAddress();
      loadTable();
    });
    row.append(th);
  }
}

function reviewBadge(r) {
  if (!r) return el("span", { class: "review-none", title: "not reviewed" }, "·");
  const fixed = ["type", "date", "actor", "recipient", "place"].filter(k => r[k]);
  const title = `${r.verdict ? "marked " + r.verdict : "reviewed"} by ${r.reviewer}, ${r.at}${fixed.length ? "; corrected " + fixed.join(", ") : ""}${r.note ? "; note: " + r.note : ""}`;
  const mark = r.verdict === "correct" ? "✓" : r.verdict === "wrong" ? "✗" : "✎";
  return el("span", { class: "review-badge " + (r.verdict || "note"), title }, mark, fixed.length ? el("span", { class: "fixed" }, "✎") : null);
}

async function loadTable() {
  drawTableHead();
  updateDownloads(filters());
  const p = filters();
  p.set("limit", state.page);
  if (state.after) p.set("after", state.after); else p.set("offset", state.offset);
  if (state.sort) p.set("sort", state.sort);
  const page = await api("/api/events", p);
  state.total = page.total;
  state.next = page.next || "";
  const tbody = clear(document.querySelector("#table tbody"));
  const raw = level() === "event";
  for (const it of page.items) {
    const e = raw ? it.event : it;
    const actor = raw ? (e.actor && (e.actor.name || e.actor.text)) : entityLabel(it.actor);
    const actorC = raw ? (e.actor && e.actor.country) : (it.actor && it.actor.country);
    const recip = raw ? (e.recipient && (e.recipient.name || e.recipient.text)) : entityLabel(it.recipient);
    const recipC = raw ? (e.recipient && e.recipient.country) : (it.recipient && it.recipient.country);
    const place = raw ? (e.location && e.location.name) : (it.place && it.place.name);
    const counts = raw ? (it.source || it.doc_id) : `${it.articles} / ${it.sources}`;
    const tr = el("tr", { "data-id": it.id, onclick: () => openDetail(it.id) },
      el("td", { class: "date" }, e.date || ""),
      el("td", null, el("span", { class: "type q" + (e.quad || 0), title: QUADS[e.quad] || "" }, e.type)),
      el("td", null, actor || "—", actorC ? el("span", { class: "code" }, actorC) : null),
      el("td", { class: "arrow" }, "→"),
      el("td", null, recip || "—", recipC ? el("span", { class: "code" }, recipC) : null),
      el("td", null, place || ""),
      el("td", { class: raw ? "source" : "num" }, counts),
      el("td", { class: "sentence", title: raw ? it.sentence : it.text }, raw ? it.sentence : it.text),
      el("td", { class: "review" }, reviewBadge(it.review)));
    if (it.id === state.selected) tr.classList.add("selected");
    tbody.append(tr);
  }
  if (!page.items.length) tbody.append(el("tr", null, el("td", { colspan: 9, class: "empty" }, "No events match these filters.")));
  const from = page.total ? state.offset + 1 : 0;
  document.getElementById("count").textContent =
    `${from}–${state.offset + page.items.length} of ${page.capped ? "over " : ""}${page.total.toLocaleString()} ${raw ? "raw events" : "merged stories"}`;
  document.getElementById("prev").disabled = state.offset === 0;
  // A capped total (over 1,000) does not end the pages: next does.
  document.getElementById("next").disabled = !state.next;
}

// updateDownloads points the download links at the current selection.
function updateDownloads(p) {
  for (const f of ["csv", "jsonl", "parquet"]) {
    const q = withParam(p, "format", f);
    if (state.sort) q.set("sort", state.sort);
    const a = document.getElementById("dl-" + f);
    a.href = "/api/download?" + q;
    a.setAttribute("download", "");
  }
}

// The detail panel.

// highlighted renders a sentence from its segments, marking actor,
// trigger and recipient.
function highlighted(m) {
  const p = el("div", { class: "sentence-text" });
  if (m.highlight && m.highlight.length) {
    for (const s of m.highlight) p.append(s.role ? el("mark", { class: s.role, title: s.role }, s.text) : document.createTextNode(s.text));
  } else {
    p.append(m.sentence || m.event.text || "");
  }
  return p;
}

function report(m, onReviewed) {
  const meta = el("div", { class: "meta" },
    el("strong", null, m.source || m.doc_id), " · ", m.doc_date || "", m.title ? " · " + m.title : "", " ");
  if (m.url && /^https?:\/\//.test(m.url)) meta.append(el("a", { href: m.url, rel: "noopener noreferrer", target: "_blank" }, "source article ↗"));
  const e = m.event;
  const who = [e.actor && `${e.actor.name || e.actor.text} (${e.actor.code || e.actor.country})`, e.recipient && `${e.recipient.name || e.recipient.text} (${e.recipient.code || e.recipient.country})`];
  return el("div", { class: "report", "data-id": m.id }, meta, highlighted(m),
    el("div", { class: "keys" },
      el("span", null, e.type, " ", e.date || ""),
      el("span", null, who[0] || "?", " → ", who[1] || "—"),
      el("span", null, "trigger: ", e.trigger || "—"),
      el("span", null, "rule: ", e.rule || "—"),
      el("span", null, "confidence: ", (e.confidence || 0).toFixed(2)),
      e.mentions > 1 ? el("span", { title: "the coder merged this many sentences of the article into this event; the first is shown" }, `${e.mentions} sentences in this article`) : null,
      e.modality && e.modality !== "asserted" ? el("span", null, e.modality) : null),
    reportReview(m, onReviewed));
}

async function openDetail(id) {
  state.selected = id;
  for (const tr of document.querySelectorAll("#table tbody tr")) tr.classList.toggle("selected", tr.dataset.id === id);
  const body = clear(document.getElementById("detail-body"));
  document.getElementById("detail").hidden = false;
  const [d] = await Promise.all([api("/api/events/" + encodeURIComponent(id)), review.ready]);
  if (state.selected !== id) return;
  const reopen = () => { openDetail(id); loadTable(); };
  if (id.startsWith("E")) {
    const e = d.event;
    body.append(el("h3", null, el("span", { class: "type q" + e.quad }, e.type), " ", e.date),
      facts([["actor", e.actor && `${e.actor.name || e.actor.text} (${e.actor.code || e.actor.country})`],
        ["recipient", e.recipient && `${e.recipient.name || e.recipient.text} (${e.recipient.code || e.recipient.country})`],
        ["place", e.location && e.location.name], ["mode", e.mode], ["CAMEO", e.cameo],
        ["merged story", el("a", { href: "#", title: "open the story with every report", onclick: ev => { ev.preventDefault(); openDetail(d.story_id); } }, d.story_id)]]),
      reviewPanel(d, reopen),
      el("h4", null, "Source sentence"), report(d, reopen));
    return;
  }
  body.append(el("h3", null, el("span", { class: "type q" + d.quad }, d.type), " ", entityLabel(d.actor) || "?", " → ", entityLabel(d.recipient) || "?"),
    facts([["date", d.first_date && d.first_date !== d.last_date ? `${d.first_date} – ${d.last_date}` : d.date],
      ["actor", d.actor && `${entityLabel(d.actor)} (${d.actor.code || d.actor.country})`],
      ["recipient", d.recipient && `${entityLabel(d.recipient)} (${d.recipient.code || d.recipient.country})`],
      ["place", d.place && `${d.place.name}${d.place.country ? ", " + d.place.country : ""}`],
      ["mode", d.mode], ["reported by", `${d.articles} article${d.articles === 1 ? "" : "s"}, ${d.sources} source${d.sources === 1 ? "" : "s"}, ${d.mentions} mention${d.mentions === 1 ? "" : "s"}`],
      ["first / last seen", `${d.first_seen} / ${d.last_seen}`]]),
    reviewPanel(d, reopen),
    el("h4", null, `Every report (${d.reports.length} event${d.reports.length === 1 ? "" : "s"} in ${d.articles} article${d.articles === 1 ? "" : "s"})`));
  for (const m of d.reports) body.append(report(m, reopen));
}

function facts(rows) {
  const dl = el("dl", { class: "facts" });
  for (const [k, v] of rows) if (v) dl.append(el("dt", null, k), el("dd", null, v));
  return dl;
}

// Autocomplete: the store's actors, countries and places as suggestions.
async function loadSuggestions() {
  // Each answer is a page {total, offset, limit, items}.
  const [actors, countries, places] = (await Promise.all([
    api("/api/actors", new URLSearchParams({ limit: 2000 })),
    api("/api/counts", new URLSearchParams({ by: "country" })),
    api("/api/places", new URLSearchParams({ limit: 3000 })),
  ])).map(page => page.items);
  const fill = (id, items) => {
    const list = clear(document.getElementById(id));
    const seen = new Set();
    for (const [value, label] of items) {
      if (!value || seen.has(value)) continue;
      seen.add(value);
      list.append(el("option", { value, label }));
    }
  };
  fill("actor-list", actors.map(a => [a.name || a.code, `${a.code || a.country} · ${a.count} events`])
    .concat(countries.map(c => [c.key, `${countryName(c.key)} (either side) · ${c.count}`])));
  fill("country-list", countries.map(c => [c.key, `${countryName(c.key)} · ${c.count} events`]));
  fill("place-list", places.map(p => [p.name, `${p.country || ""} · ${p.count} events`]));
}

// countryName names an ISO alpha-3 code from the map's outlines.
function countryName(code) { return (window.countryNames && window.countryNames.get(code)) || code; }
