// The actor network: who acts on whom, one node per resolved entity (name
// and country; the same entity under several sectors or codes is one
// node; a country's own names and demonyms are the country's node; common
// nouns such as "the families" or "Serbian authorities" are no node), edges weighted by events and coloured by their most frequent quad
// class. A force layout (repulsion between nodes, springs along edges)
// places it; nodes can be dragged, the view zoomed (wheel) and panned, and
// labels are drawn only where they do not collide.
"use strict";

const SECTORS = [["GOV", "government", "#2f5fd0"], ["MIL", "military", "#7a3fc0"], ["REB", "rebels, armed groups", "#c0392b"],
  ["IGO", "international organisations", "#1a8c8c"], ["BUS", "business", "#b8860b"], ["", "other or none", "#5b6b80"]];
const PALETTE = ["#2f5fd0", "#d2453c", "#2e7d4f", "#f0a04b", "#7a3fc0", "#1a8c8c", "#b8860b", "#c2185b", "#5d4037"];
const net = { nodes: [], links: [], s: 1, tx: 0, ty: 0, W: 0, H: 0, drag: null, moved: false };

// names is assets/names.json: role nouns and each country's names.
let names = null;
let countryOfWord = null; // lower-case country name, adjective or demonym → ISO alpha-3

async function loadNames() {
  if (names) return;
  names = await api("/names.json");
  names.roleSet = new Set(names.roles);
  countryOfWord = new Map();
  for (const [code, c] of Object.entries(names.countries)) for (const w of c.words) if (!countryOfWord.has(w)) countryOfWord.set(w, code);
}

function singular(w) {
  if (/ies$/.test(w)) return w.slice(0, -3) + "y";
  if (/(ss|sh|ch|x)es$/.test(w)) return w.slice(0, -2);
  if (/[^s]s$/.test(w)) return w.slice(0, -1);
  return w;
}

// resolve says what node an actor is: a country ("Palestinians",
// "Ukrainian", "Russia" stand for their country), a named entity, or a
// common noun that is never a node ("the families", "regions", "Serbian
// authorities", "Villagers"): then null.
function resolve(e) {
  let n = (e.name || "").trim();
  if (!n) return e.country ? { key: e.country, label: countryName(e.country), country: e.country } : null;
  const lower = n.toLowerCase();
  if (countryOfWord.get(lower) === e.country) return { key: e.country, label: names.countries[e.country].name, country: e.country };
  if (/^[a-z]/.test(n)) return null;
  n = n.replace(/^the\s+/i, "");
  const words = n.split(/\s+/);
  let i = 0;
  while (i < words.length && countryOfWord.has(words[i].toLowerCase())) i++;
  const rest = words.slice(i);
  if (!rest.length) return { key: e.country, label: countryName(e.country), country: e.country };
  const phrase = rest.join(" ").toLowerCase(), last = singular(rest[rest.length - 1].toLowerCase());
  const role = names.roleSet.has(phrase) || names.roleSet.has(rest.slice(0, -1).concat(last).join(" ").toLowerCase());
  // One role word ("Villagers", "Officials") or lower-case role words
  // ("Serbian authorities") are common nouns; capitalised words ("Armed
  // Forces" of a name) are not.
  if (role && (rest.length === 1 || rest.slice(1).every(w => /^[a-z]/.test(w)))) return null;
  return { key: (e.name || e.code) + "|" + e.country, label: e.name, country: e.country };
}

function sectorOf(e) {
  const s = e.sector || "";
  if (["IGO", "UNO", "NGO", "IGOUNO"].includes(s) || ["IGO", "UNO", "NGO"].includes(e.country)) return "IGO";
  return SECTORS.some(x => x[0] === s) ? s : "";
}

async function loadNetwork(p) {
  // The outlines carry the countries' names, which label country nodes.
  const [page] = await Promise.all([api("/api/network", withParam(p, "limit", 1000)), loadNames(), loadWorld()]);
  const edges = page.items;
  // Merge by entity: name + country, a country's names into the country.
  const nodes = new Map(), links = new Map();
  const node = (e, r) => {
    if (!nodes.has(r.key)) nodes.set(r.key, { key: r.key, e: { name: r.label, country: r.country, code: e.code }, w: 0, sectors: new Map(), names: new Set() });
    const n = nodes.get(r.key);
    n.sectors.set(sectorOf(e), (n.sectors.get(sectorOf(e)) || 0) + 1);
    if (e.name) n.names.add(e.name);
    return n;
  };
  let hidden = 0;
  for (const ed of edges) {
    let rs = resolve(ed.source), rt = resolve(ed.target);
    if (state.netGroups) {
      rs = rs || { key: entityLabel(ed.source) + "|" + ed.source.country, label: entityLabel(ed.source), country: ed.source.country };
      rt = rt || { key: entityLabel(ed.target) + "|" + ed.target.country, label: entityLabel(ed.target), country: ed.target.country };
    }
    if (!rs || !rt) { hidden += ed.count; continue; }
    const s = node(ed.source, rs), t = node(ed.target, rt);
    if (s === t) continue;
    const k = s.key + "→" + t.key;
    if (!links.has(k)) links.set(k, { s, t, n: 0, quads: [0, 0, 0, 0, 0] });
    const l = links.get(k);
    l.n += ed.count;
    l.quads[ed.quad] += ed.count;
  }
  net.links = [...links.values()].filter(l => l.n >= state.netMin);
  for (const l of net.links) { l.q = dominantQuad(l.quads); l.s.w += l.n; l.t.w += l.n; }
  net.nodes = [...nodes.values()].filter(n => n.w > 0);
  for (const n of net.nodes) n.sector = [...n.sectors.entries()].sort((a, b) => b[1] - a[1])[0][0];
  net.hidden = hidden;
  layoutNetwork();
  fitNetwork();
}

// layoutNetwork lays each connected part of the graph out on its own,
// then packs the parts in rows, biggest first, so a few hundred actors in
// many small groups stay readable instead of one crowded ball.
function layoutNetwork() {
  const root = document.getElementById("network");
  net.W = root.clientWidth || 600;
  net.H = root.clientHeight || 360;
  if (!net.nodes.length) return;
  // Connected parts, by union–find.
  const parent = new Map(net.nodes.map(n => [n, n]));
  const find = n => { while (parent.get(n) !== n) { parent.set(n, parent.get(parent.get(n))); n = parent.get(n); } return n; };
  for (const l of net.links) parent.set(find(l.s), find(l.t));
  const parts = new Map();
  for (const n of net.nodes) { const r = find(n); if (!parts.has(r)) parts.set(r, []); parts.get(r).push(n); }
  const groups = [...parts.values()].sort((a, b) => b.length - a.length || b.reduce((s, n) => s + n.w, 0) - a.reduce((s, n) => s + n.w, 0));
  const k = 46; // the ideal edge length
  const boxes = groups.map(g => {
    const links = net.links.filter(l => g.includes(l.s));
    forceLayout(g, links, k);
    const xs = g.map(n => n.x), ys = g.map(n => n.y), pad = 26;
    const x0 = Math.min(...xs) - pad - 40, x1 = Math.max(...xs) + pad + 40, y0 = Math.min(...ys) - pad, y1 = Math.max(...ys) + pad;
    return { g, x0, y0, w: x1 - x0, h: y1 - y0 };
  });
  // Shelf packing into rows about as wide as the panel's shape allows.
  const area = boxes.reduce((a, b) => a + b.w * b.h, 0);
  const rowW = Math.max(boxes[0].w, Math.sqrt(area * net.W / net.H) * 1.05);
  let x = 0, y = 0, rowH = 0;
  for (const b of boxes) {
    if (x > 0 && x + b.w > rowW) { x = 0; y += rowH; rowH = 0; }
    for (const n of b.g) { n.x += x - b.x0; n.y += y - b.y0; }
    x += b.w;
    rowH = Math.max(rowH, b.h);
  }
}

// forceLayout runs a Fruchterman–Reingold layout of one connected part to
// rest: nodes repel with k²/d, edges pull with d²/k, moves are capped by a
// cooling temperature; a weak pull to the centre keeps the part round.
function forceLayout(list, links, k) {
  const n = list.length;
  list.sort((a, b) => b.w - a.w);
  list.forEach((a, i) => {
    const r = k * Math.sqrt(i) * 0.7, t = i * 2.399963; // a sunflower spiral: heaviest in the middle
    a.x = r * Math.cos(t); a.y = r * Math.sin(t);
  });
  if (n < 2) return;
  const iters = n > 150 ? 200 : 300;
  for (let it = 0, temp = k * 2; it < iters; it++, temp *= 0.98) {
    for (const a of list) { a.dx = 0; a.dy = 0; }
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const a = list[i], b = list[j];
      let dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy;
      if (d2 > 16 * k * k) continue;
      if (d2 < 0.01) { dx = Math.random() - 0.5; dy = Math.random() - 0.5; d2 = 0.5; }
      const f = k * k / d2;
      a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
    }
    for (const l of links) {
      const dx = l.t.x - l.s.x, dy = l.t.y - l.s.y, d = Math.max(1, Math.hypot(dx, dy)), f = d / k;
      l.s.dx += dx * f; l.s.dy += dy * f; l.t.dx -= dx * f; l.t.dy -= dy * f;
    }
    for (const a of list) {
      a.dx -= a.x * 0.03; a.dy -= a.y * 0.03;
      const d = Math.max(1e-6, Math.hypot(a.dx, a.dy)), step = Math.min(d, temp);
      a.x += a.dx / d * step; a.y += a.dy / d * step;
    }
  }
}

function fitNetwork() {
  const root = document.getElementById("network");
  setupNetwork(root);
  if (!net.nodes.length) { drawNetwork(); return; }
  const xs = net.nodes.map(n => n.x), ys = net.nodes.map(n => n.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  net.s = Math.min(1.5, (net.W - 140) / Math.max(1, x1 - x0), (net.H - 40) / Math.max(1, y1 - y0));
  net.tx = net.W / 2 - (x0 + x1) / 2 * net.s;
  net.ty = net.H / 2 - (y0 + y1) / 2 * net.s;
  drawNetwork();
}

function setupNetwork(root) {
  root.setAttribute("viewBox", `0 0 ${net.W} ${net.H}`);
  if (root.dataset.ready) return;
  root.dataset.ready = "1";
  const point = ev => {
    const r = root.getBoundingClientRect();
    return [(ev.clientX - r.left) * net.W / r.width, (ev.clientY - r.top) * net.H / r.height];
  };
  root.addEventListener("wheel", ev => {
    ev.preventDefault();
    const [x, y] = point(ev), s = Math.max(0.05, Math.min(8, net.s * Math.exp(-ev.deltaY * 0.0015)));
    net.tx = x - (x - net.tx) * s / net.s; net.ty = y - (y - net.ty) * s / net.s; net.s = s;
    drawNetwork();
  }, { passive: false });
  let pan = null;
  root.addEventListener("pointerdown", ev => {
    const g = ev.target.closest && ev.target.closest("g.node");
    const [x, y] = point(ev);
    net.moved = false;
    if (g) net.drag = net.nodes.find(n => n.key === g.dataset.key);
    else pan = { x, y, tx: net.tx, ty: net.ty };
    root.setPointerCapture(ev.pointerId);
  });
  root.addEventListener("pointermove", ev => {
    const [x, y] = point(ev);
    if (net.drag) {
      net.drag.x = (x - net.tx) / net.s; net.drag.y = (y - net.ty) / net.s;
      net.moved = true;
      drawNetwork();
    } else if (pan) {
      if (Math.hypot(x - pan.x, y - pan.y) > 3) net.moved = true;
      net.tx = pan.tx + x - pan.x; net.ty = pan.ty + y - pan.y;
      drawNetwork();
    }
  });
  const end = () => {
    const n = net.drag;
    net.drag = null; pan = null;
    if (n && !net.moved) setFilter("actor", n.key.includes("|") ? n.e.name : n.e.country);
  };
  root.addEventListener("pointerup", end);
  root.addEventListener("pointercancel", () => { net.drag = null; pan = null; });
}

function nodeColour(n) {
  if (state.netColour === "country") return net.countryColour.get(n.e.country) || "#9aa5b4";
  return SECTORS.find(x => x[0] === n.sector)[2];
}

function drawNetwork() {
  const root = clear(document.getElementById("network"));
  if (!net.nodes.length) {
    root.append(svg("text", { x: net.W / 2, y: net.H / 2, "text-anchor": "middle" },
      net.hidden ? "no named actor pairs (tick “unnamed groups” to see the others)" : "no actor pairs"));
    drawNetLegend();
    return;
  }
  const byCountry = new Map();
  for (const n of net.nodes) byCountry.set(n.e.country, (byCountry.get(n.e.country) || 0) + n.w);
  net.topCountries = [...byCountry.entries()].sort((a, b) => b[1] - a[1]).slice(0, PALETTE.length).map(c => c[0]);
  net.countryColour = new Map(net.topCountries.map((c, i) => [c, PALETTE[i]]));
  const defs = svg("defs");
  for (const q of [0, 1, 2, 3, 4]) {
    defs.append(svg("marker", { id: "arrow" + q, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" },
      svg("path", { d: "M0,0L10,5L0,10z", fill: QCOLOR[q] })));
  }
  root.append(defs);
  const X = n => n.x * net.s + net.tx, Y = n => n.y * net.s + net.ty;
  const maxN = Math.max(...net.links.map(l => l.n)), maxW = Math.max(...net.nodes.map(n => n.w));
  const radius = n => 4 + 10 * Math.sqrt(n.w / maxW);
  const edges = svg("g", { class: "edges" });
  for (const l of net.links) {
    const sx = X(l.s), sy = Y(l.s), tx = X(l.t), ty = Y(l.t);
    const dx = tx - sx, dy = ty - sy, d = Math.hypot(dx, dy) || 1;
    const r = radius(l.t) + 3, ex = tx - dx / d * r, ey = ty - dy / d * r;
    const mx = (sx + ex) / 2 - dy / d * 10, my = (sy + ey) / 2 + dx / d * 10; // a slight curve keeps A→B and B→A apart
    edges.append(svg("path", { class: "edge", d: `M${sx},${sy}Q${mx},${my} ${ex},${ey}`, stroke: QCOLOR[l.q],
      "stroke-width": 0.8 + 4 * l.n / maxN, "marker-end": `url(#arrow${l.q})` },
      svg("title", null, `${entityLabel(l.s.e)} → ${entityLabel(l.t.e)}: ${l.n} events, mostly ${QUADS[l.q] || "unclassified"}`)));
  }
  root.append(edges);
  const nodes = svg("g", { class: "nodes" }), labels = svg("g", { class: "labels" });
  const placed = net.nodes.map(n => ({ x: X(n) - radius(n), y: Y(n) - radius(n), w: 2 * radius(n), h: 2 * radius(n) }));
  const free = b => b.x >= 0 && b.x + b.w <= net.W && b.y >= 0 && b.y + b.h <= net.H &&
    !placed.some(o => b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h);
  for (const n of net.nodes) {
    const x = X(n), y = Y(n), r = radius(n);
    nodes.append(svg("g", { class: "node", "data-key": n.key },
      svg("circle", { cx: x, cy: y, r, fill: nodeColour(n) }),
      svg("title", null, `${entityLabel(n.e)} (${n.e.country}${n.sector ? " " + n.sector : ""}): ${n.w} events` +
        (n.names.size > 1 || (n.names.size === 1 && !n.names.has(n.e.name)) ? `; as ${[...n.names].join(", ")}` : "") + " — click to filter, drag to move")));
  }
  // Labels, heaviest nodes first: above, below, right or left of the
  // node, wherever they collide with nothing; else none (the tooltip names it).
  for (const n of [...net.nodes].sort((a, b) => b.w - a.w)) {
    const name = entityLabel(n.e), w = name.length * 6.1 + 2, h = 12, x = X(n), y = Y(n), r = radius(n);
    for (const [bx, by, anchor] of [[x - w / 2, y - r - h - 1, "middle"], [x - w / 2, y + r + 1, "middle"], [x + r + 2, y - h / 2, "start"], [x - r - 2 - w, y - h / 2, "end"]]) {
      const b = { x: bx, y: by, w, h };
      if (!free(b)) continue;
      placed.push(b);
      const tx = anchor === "middle" ? x : anchor === "start" ? bx : bx + w;
      labels.append(svg("text", { x: tx, y: by + h - 2, "text-anchor": anchor }, name));
      break;
    }
  }
  root.append(nodes, labels);
  drawNetLegend();
}

function drawNetLegend() {
  const legend = clear(document.getElementById("net-legend"));
  if (state.netColour === "country") {
    for (const c of net.topCountries || []) legend.append(el("span", null, el("i", { class: "dot", style: `background:${net.countryColour.get(c)}` }), countryName(c)));
    legend.append(el("span", null, el("i", { class: "dot", style: "background:#9aa5b4" }), "other"));
  } else {
    for (const [, label, colour] of SECTORS) legend.append(el("span", null, el("i", { class: "dot", style: `background:${colour}` }), label));
  }
  legend.append(el("span", null, el("i", { class: "line", style: `background:${QCOLOR[4]}` }), "edge: most frequent quad class"));
  if (net.hidden) legend.append(el("span", { class: "muted" }, `${net.hidden} events between unnamed groups not shown`));
}
