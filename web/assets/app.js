// parley web UI: plain JavaScript and SVG over the JSON API.
// All text from the store is inserted with textContent, never as HTML.
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const QCOLOR = { 0: "#8a94a3", 1: "#6fb37a", 2: "#2e7d4f", 3: "#f0a04b", 4: "#d2453c" };
const FILTERS = ["actor", "recipient", "country", "type", "from", "to", "place", "source", "text", "level"];
const PAGE = 25;
const SVGNS = "http://www.w3.org/2000/svg";

const state = { offset: 0, total: 0, selected: null };

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}

function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

// filters reads the filter bar into URL parameters.
function filters() {
  const f = document.getElementById("filters");
  const p = new URLSearchParams();
  for (const name of FILTERS) {
    const v = f.elements[name].value.trim();
    if (v && !(name === "level" && v === "story")) p.set(name, v);
  }
  return p;
}

function level() { return document.getElementById("filters").elements.level.value; }

async function api(path, params) {
  const url = params && [...params].length ? path + "?" + params : path;
  const r = await fetch(url);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function setFilter(name, value) {
  document.getElementById("filters").elements[name].value = value;
  state.offset = 0;
  refresh();
}

function entityLabel(e) { return e ? (e.name || e.code || e.country) : ""; }

// refresh reloads every panel for the current filters and keeps them in
// the address, so a view can be bookmarked.
async function refresh() {
  const p = filters();
  history.replaceState(null, "", p.toString() ? "#" + p : location.pathname);
  const status = document.getElementById("count");
  status.textContent = "loading…";
  try {
    const agg = new URLSearchParams(p);
    const [tl, places, net] = await Promise.all([
      api("/api/timeline", agg), api("/api/places", agg), api("/api/network", withLimit(agg, 40))]);
    drawTimeline(tl.items);
    drawMap(places.items);
    drawNetwork(net.items);
    await loadTable();
  } catch (err) {
    status.textContent = "error: " + err.message;
  }
}

function withLimit(p, n) { const q = new URLSearchParams(p); q.set("limit", n); return q; }

async function loadTable() {
  const p = filters();
  p.set("limit", PAGE);
  p.set("offset", state.offset);
  const page = await api("/api/events", p);
  state.total = page.total;
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
      el("td", null, e.date || ""),
      el("td", null, el("span", { class: "type q" + (e.quad || 0), title: QUADS[e.quad] || "" }, e.type)),
      el("td", null, actor || "—", actorC ? el("span", { class: "code" }, actorC) : null),
      el("td", { class: "arrow" }, "→"),
      el("td", null, recip || "—", recipC ? el("span", { class: "code" }, recipC) : null),
      el("td", null, place || ""),
      el("td", { class: "num" }, counts),
      el("td", { class: "sentence", title: raw ? it.sentence : it.text }, raw ? it.sentence : it.text));
    if (it.id === state.selected) tr.classList.add("selected");
    tbody.append(tr);
  }
  if (!page.items.length) tbody.append(el("tr", null, el("td", { colspan: 8, class: "empty" }, "No events match these filters.")));
  const from = page.total ? state.offset + 1 : 0;
  document.getElementById("count").textContent =
    `${from}–${state.offset + page.items.length} of ${page.total.toLocaleString()} ${raw ? "raw events" : "merged stories"}`;
  document.getElementById("prev").disabled = state.offset === 0;
  document.getElementById("next").disabled = state.offset + PAGE >= page.total;
}

function drawTimeline(points) {
  const root = clear(document.getElementById("timeline"));
  const W = root.clientWidth || 1000, H = 150, L = 34, B = 20, T = 6;
  root.setAttribute("viewBox", `0 0 ${W} ${H}`);
  if (!points.length) { root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no dated events")); return; }
  const days = new Map();
  for (const p of points) {
    if (!days.has(p.date)) days.set(p.date, [0, 0, 0, 0, 0]);
    days.get(p.date)[p.quad] += p.count;
  }
  // Over a long period, bars stand for several days, so each stays visible.
  const t0 = Date.parse(points[0].date), t1 = Date.parse(points[points.length - 1].date);
  const span = Math.round((t1 - t0) / 86400000) + 1, per = Math.ceil(span / 150);
  const dayMs = 86400000 * per, n = Math.ceil(span / per);
  if (per > 1) {
    const merged = new Map();
    for (const [date, q] of days) {
      const key = new Date(t0 + Math.floor((Date.parse(date) - t0) / dayMs) * dayMs).toISOString().slice(0, 10);
      if (!merged.has(key)) merged.set(key, [0, 0, 0, 0, 0]);
      q.forEach((v, k) => merged.get(key)[k] += v);
    }
    days.clear();
    for (const [k, v] of merged) days.set(k, v);
  }
  const max = Math.max(...[...days.values()].map(q => q.reduce((a, b) => a + b, 0)));
  // Bars are at most 28 px wide, so a short period does not look like a long one.
  const bw = Math.min(28, (W - L - 4) / n), y = v => T + (H - T - B) * (1 - v / max);
  for (const v of [0, max]) {
    root.append(svg("line", { x1: L, x2: W, y1: y(v), y2: y(v), stroke: "#e3e7ec" }));
    root.append(svg("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" }, v));
  }
  for (const [date, q] of days) {
    const i = Math.round((Date.parse(date) - t0) / dayMs);
    let acc = 0;
    const last = new Date(Date.parse(date) + dayMs - 86400000).toISOString().slice(0, 10);
    const g = svg("g", { class: "bar", onclick: () => { setFilterQuiet("from", date); setFilter("to", last); } });
    g.append(svg("title", null, `${date}${per > 1 ? ` (+${per - 1} days)` : ""}: ` + [1, 2, 3, 4].filter(k => q[k]).map(k => `${q[k]} ${QUADS[k]}`).join(", ")));
    for (const k of [1, 2, 3, 4]) {
      if (!q[k]) continue;
      g.append(svg("rect", { x: L + 2 + i * bw, y: y(acc + q[k]), width: Math.max(1, bw - (bw > 4 ? 1 : 0)), height: y(acc) - y(acc + q[k]), fill: QCOLOR[k] }));
      acc += q[k];
    }
    root.append(g);
  }
  const ticks = Math.min(n, Math.floor(W / 90));
  for (let k = 0; k < ticks; k++) {
    const i = Math.round(k * (n - 1) / Math.max(1, ticks - 1));
    const d = new Date(t0 + i * dayMs).toISOString().slice(0, 10);
    root.append(svg("text", { x: L + 2 + (i + .5) * bw, y: H - 5, "text-anchor": "middle" }, d));
  }
}

function setFilterQuiet(name, value) { document.getElementById("filters").elements[name].value = value; }

let world = null;
async function drawMap(places) {
  const root = clear(document.getElementById("map"));
  if (!world) world = await api("/world.json");
  root.setAttribute("viewBox", `0 0 ${world.width} ${world.height}`);
  root.setAttribute("preserveAspectRatio", "xMidYMid meet");
  const g = svg("g");
  for (const c of world.countries) g.append(svg("path", { class: "country", d: c.d }, svg("title", null, c.name)));
  root.append(g);
  // Same projection as internal/worldgen: equirectangular, 2 units per degree, top at 84°N.
  const max = Math.max(1, ...places.map(p => p.count));
  for (const p of places) {
    if (!p.lat && !p.lon) continue;
    const r = 2.5 + 9 * Math.sqrt(p.count / max);
    root.append(svg("circle", { class: "place", cx: (p.lon + 180) * 2, cy: (84 - p.lat) * 2, r, onclick: () => setFilter("place", p.name) },
      svg("title", null, `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.count} events`)));
  }
}

// drawNetwork lays the actor graph out with a small force simulation
// (repulsion between all nodes, springs along edges), run to rest before
// drawing so the picture is stable.
function drawNetwork(edges) {
  const root = clear(document.getElementById("network"));
  const W = root.clientWidth || 600, H = 300;
  root.setAttribute("viewBox", `0 0 ${W} ${H}`);
  if (!edges.length) { root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no actor pairs")); return; }
  const nodes = new Map();
  const node = e => {
    if (!nodes.has(e.id)) {
      const k = nodes.size, a = 2 * Math.PI * k / 12;
      nodes.set(e.id, { e, x: W / 2 + (60 + 8 * k) * Math.cos(a), y: H / 2 + (40 + 5 * k) * Math.sin(a), vx: 0, vy: 0, w: 0 });
    }
    return nodes.get(e.id);
  };
  const links = edges.map(e => ({ s: node(e.source), t: node(e.target), n: e.count, q: e.quad }));
  for (const l of links) { l.s.w += l.n; l.t.w += l.n; }
  const list = [...nodes.values()];
  // Fruchterman–Reingold: nodes repel with k²/d, edges pull with d²/k,
  // moves are capped by a temperature that cools to zero.
  const k = 0.9 * Math.sqrt((W - 80) * (H - 32) / list.length);
  for (let it = 0, temp = W / 8; it < 300; it++, temp *= 0.985) {
    for (const a of list) { a.dx = 0; a.dy = 0; }
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
      const a = list[i], b = list[j];
      const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(1, Math.hypot(dx, dy));
      if (d > 2 * k) continue; // far nodes no longer push: unconnected pairs stay on the canvas
      const f = k * k / d;
      a.dx += dx / d * f; a.dy += dy / d * f; b.dx -= dx / d * f; b.dy -= dy / d * f;
    }
    for (const l of links) {
      const dx = l.t.x - l.s.x, dy = l.t.y - l.s.y, d = Math.max(1, Math.hypot(dx, dy)), f = d * d / k;
      l.s.dx += dx / d * f; l.s.dy += dy / d * f; l.t.dx -= dx / d * f; l.t.dy -= dy / d * f;
    }
    for (const a of list) {
      a.dx += (W / 2 - a.x) * 0.05 * k / 50; a.dy += (H / 2 - a.y) * 0.05 * k / 50;
      const d = Math.max(1e-6, Math.hypot(a.dx, a.dy)), step = Math.min(d, temp);
      a.x = Math.max(40, Math.min(W - 40, a.x + a.dx / d * step));
      a.y = Math.max(16, Math.min(H - 16, a.y + a.dy / d * step));
    }
  }
  const defs = svg("defs");
  for (const q of [0, 1, 2, 3, 4]) {
    defs.append(svg("marker", { id: "arrow" + q, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" },
      svg("path", { d: "M0,0L10,5L0,10z", fill: QCOLOR[q] })));
  }
  root.append(defs);
  const maxN = Math.max(...links.map(l => l.n)), maxW = Math.max(...list.map(n => n.w));
  const radius = n => 5 + 9 * Math.sqrt(n.w / maxW);
  for (const l of links) {
    const dx = l.t.x - l.s.x, dy = l.t.y - l.s.y, d = Math.hypot(dx, dy) || 1;
    const r = radius(l.t) + 3, ex = l.t.x - dx / d * r, ey = l.t.y - dy / d * r;
    // A slight curve keeps A→B and B→A apart.
    const mx = (l.s.x + ex) / 2 - dy / d * 12, my = (l.s.y + ey) / 2 + dx / d * 12;
    root.append(svg("path", { class: "edge", d: `M${l.s.x},${l.s.y}Q${mx},${my} ${ex},${ey}`, stroke: QCOLOR[l.q],
      "stroke-width": 1 + 4 * l.n / maxN, "marker-end": `url(#arrow${l.q})` },
      svg("title", null, `${entityLabel(l.s.e)} → ${entityLabel(l.t.e)}: ${l.n} events, mostly ${QUADS[l.q] || "unclassified"}`)));
  }
  for (const n of list) {
    const fill = { GOV: "#2f5fd0", MIL: "#7a3fc0", REB: "#c0392b", IGO: "#1a8c8c", UNO: "#1a8c8c" }[n.e.sector] || "#5b6b80";
    root.append(svg("g", { class: "node", onclick: () => setFilter("actor", n.e.name || n.e.code || n.e.country) },
      svg("circle", { cx: n.x, cy: n.y, r: radius(n), fill }),
      svg("text", { x: n.x, y: n.y - radius(n) - 3, "text-anchor": "middle" }, entityLabel(n.e)),
      svg("title", null, `${entityLabel(n.e)} (${n.e.country}${n.e.sector ? " " + n.e.sector : ""}): ${n.w} events`)));
  }
}

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

function report(m) {
  const meta = el("div", { class: "meta" },
    m.source || m.doc_id, " · ", m.doc_date || "", m.title ? " · " + m.title : "", " ");
  if (m.url && /^https?:\/\//.test(m.url)) meta.append(el("a", { href: m.url, rel: "noopener noreferrer", target: "_blank" }, "article"));
  const e = m.event;
  return el("div", { class: "report" }, meta, highlighted(m),
    el("div", { class: "keys" },
      el("span", null, "trigger: ", e.trigger || "—"),
      el("span", null, "rule: ", e.rule || "—"),
      el("span", null, "confidence: ", (e.confidence || 0).toFixed(2)),
      e.modality && e.modality !== "asserted" ? el("span", null, e.modality) : null));
}

async function openDetail(id) {
  state.selected = id;
  for (const tr of document.querySelectorAll("#table tbody tr")) tr.classList.toggle("selected", tr.dataset.id === id);
  const body = clear(document.getElementById("detail-body"));
  document.getElementById("detail").hidden = false;
  const d = await api("/api/events/" + encodeURIComponent(id));
  if (id.startsWith("E")) {
    const e = d.event;
    body.append(el("h3", null, el("span", { class: "type q" + e.quad }, e.type), " ", e.date),
      facts([["actor", e.actor && `${e.actor.name || e.actor.text} (${e.actor.code || e.actor.country})`],
        ["recipient", e.recipient && `${e.recipient.name || e.recipient.text} (${e.recipient.code || e.recipient.country})`],
        ["place", e.location && e.location.name], ["mode", e.mode], ["CAMEO", e.cameo], ["merged story", d.story_id]]),
      el("h4", null, "Source sentence"), report(d));
    return;
  }
  body.append(el("h3", null, el("span", { class: "type q" + d.quad }, d.type), " ", entityLabel(d.actor) || "?", " → ", entityLabel(d.recipient) || "?"),
    facts([["date", d.first_date && d.first_date !== d.last_date ? `${d.first_date} – ${d.last_date}` : d.date],
      ["actor", d.actor && `${entityLabel(d.actor)} (${d.actor.code || d.actor.country})`],
      ["recipient", d.recipient && `${entityLabel(d.recipient)} (${d.recipient.code || d.recipient.country})`],
      ["place", d.place && `${d.place.name}${d.place.country ? ", " + d.place.country : ""}`],
      ["mode", d.mode], ["reported by", `${d.articles} article${d.articles === 1 ? "" : "s"}, ${d.sources} source${d.sources === 1 ? "" : "s"}, ${d.mentions} mention${d.mentions === 1 ? "" : "s"}`],
      ["first / last seen", `${d.first_seen} / ${d.last_seen}`]]),
    el("h4", null, "Reports"));
  for (const m of d.reports) body.append(report(m));
}

function facts(rows) {
  const dl = el("dl", { class: "facts" });
  for (const [k, v] of rows) if (v) dl.append(el("dt", null, k), el("dd", null, v));
  return dl;
}

async function init() {
  const f = document.getElementById("filters");
  for (const t of TYPES) f.elements.type.append(el("option", { value: t }, t));
  const legend = document.getElementById("legend");
  for (const q of [1, 2, 3, 4]) legend.append(el("span", null, el("i", { style: `background:${QCOLOR[q]}` }), QUADS[q]));
  const saved = new URLSearchParams(location.hash.slice(1));
  for (const name of FILTERS) if (saved.has(name)) f.elements[name].value = saved.get(name);
  f.addEventListener("submit", ev => { ev.preventDefault(); state.offset = 0; refresh(); });
  document.getElementById("clear-filters").addEventListener("click", () => { f.reset(); state.offset = 0; refresh(); });
  document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadTable(); });
  document.getElementById("next").addEventListener("click", () => { state.offset += PAGE; loadTable(); });
  document.getElementById("close").addEventListener("click", () => { document.getElementById("detail").hidden = true; state.selected = null; });
  document.addEventListener("keydown", ev => { if (ev.key === "Escape") document.getElementById("detail").hidden = true; });
  try {
    const s = await api("/api/stats");
    document.getElementById("stats").textContent =
      `${s.documents.toLocaleString()} articles · ${s.events.toLocaleString()} events · ${s.stories.toLocaleString()} stories · ${s.sources} sources` +
      (s.first_date ? ` · ${s.first_date} – ${s.last_date}` : "");
  } catch (err) { /* the panels report errors */ }
  refresh();
}

init();
