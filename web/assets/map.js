// The map: Natural Earth country outlines (world.json, embedded; nothing
// is fetched from elsewhere) in plain SVG, with pan (drag), zoom (wheel,
// double click, buttons) and a fit to the selected events. Event places
// are graduated circles coloured by their most frequent quad class, merged
// into clusters where they would overlap at the current zoom; the
// "countries" style shades each country by its events instead.
//
// Plain SVG rather than a map library: the outlines come pre-projected
// (equirectangular, 2 units per degree, top at 84°N), so drawing, panning
// and zooming are one transform, and the page needs no tiles and no
// third-party code.
"use strict";

const MAPW = 720, MAPH = 288;
const CHORO = ["#fde4cf", "#f9bb8c", "#f18a55", "#d95a33", "#a7321c"];
const map = { world: null, places: [], unplaced: [], s: 1, tx: 0, ty: 0, W: 0, H: 0, min: 1, dragged: false };

function project(p) { return [(p.lon + 180) * 2, (84 - p.lat) * 2]; }

// loadWorld fetches the outlines once, however many panels wait for them.
let worldLoading = null;
function loadWorld() {
  worldLoading ||= api("/world.json").then(w => {
    map.world = w;
    window.countryNames = new Map(w.countries.filter(c => c.iso3).map(c => [c.iso3, c.name]));
  }, err => { worldLoading = null; throw err; });
  return worldLoading;
}

async function loadMap(p) {
  // Each place comes with its events per quad class, which colour its symbol.
  const [, page] = await Promise.all([loadWorld(), api("/api/places", withParam(p, "limit", 5000))]);
  const all = page.items;
  const hasXY = pl => pl.lat || pl.lon;
  map.places = all.filter(hasXY).map(pl => Object.assign({}, pl, { q: pl.quads || [pl.count, 0, 0, 0, 0], xy: project(pl) }));
  map.unplaced = all.filter(pl => !hasXY(pl));
  map.max = Math.max(1, ...all.map(pl => pl.count));
  setupMap();
  drawMap();
  fitSelection();
  drawUnplaced();
}

// setupMap builds the SVG once: outlines in a group that pans and zooms,
// and a layer of symbols drawn in screen units above it.
function setupMap() {
  const root = document.getElementById("map");
  map.W = root.clientWidth || 600;
  map.H = root.clientHeight || 360;
  root.setAttribute("viewBox", `0 0 ${map.W} ${map.H}`);
  map.min = Math.min(map.W / MAPW, map.H / MAPH);
  if (root.dataset.ready) return;
  root.dataset.ready = "1";
  const world = svg("g", { id: "map-world" });
  for (const c of map.world.countries) {
    world.append(svg("path", { class: "country", d: c.d, "data-iso3": c.iso3 || "", "data-name": c.name }, svg("title", null, c.name)));
  }
  root.append(world, svg("g", { id: "map-marks" }));
  root.addEventListener("wheel", ev => {
    ev.preventDefault();
    const [x, y] = mapPoint(ev);
    zoomMap(Math.exp(-ev.deltaY * 0.0015), x, y);
  }, { passive: false });
  root.addEventListener("dblclick", ev => { const [x, y] = mapPoint(ev); zoomMap(2, x, y); });
  let start = null;
  root.addEventListener("pointerdown", ev => {
    start = { x: ev.clientX, y: ev.clientY, tx: map.tx, ty: map.ty };
    map.dragged = false;
  });
  root.addEventListener("pointermove", ev => {
    if (!start) return;
    const k = map.W / root.getBoundingClientRect().width, dx = (ev.clientX - start.x) * k, dy = (ev.clientY - start.y) * k;
    if (!map.dragged && Math.hypot(dx, dy) < 4) return;
    if (!map.dragged) root.setPointerCapture(ev.pointerId);
    map.dragged = true;
    map.tx = start.tx + dx;
    map.ty = start.ty + dy;
    drawMap();
  });
  const end = () => { start = null; };
  root.addEventListener("pointerup", end);
  root.addEventListener("pointercancel", end);
  // A click that ended a drag is not a click on what lies under it.
  root.addEventListener("click", ev => { if (map.dragged) { ev.stopPropagation(); map.dragged = false; } }, true);
  world.addEventListener("click", ev => {
    const iso3 = ev.target.dataset && ev.target.dataset.iso3;
    if (state.mapMode === "countries" && iso3) setFilter("place", iso3);
  });
}

function mapPoint(ev) {
  const r = document.getElementById("map").getBoundingClientRect();
  return [(ev.clientX - r.left) * map.W / r.width, (ev.clientY - r.top) * map.H / r.height];
}

// zoomMap zooms by factor about the screen point (x, y).
function zoomMap(factor, x, y) {
  const s = Math.max(map.min, Math.min(map.min * 60, map.s * factor));
  map.tx = x - (x - map.tx) * s / map.s;
  map.ty = y - (y - map.ty) * s / map.s;
  map.s = s;
  drawMap();
}

// fitSelection fits the map to what the selection shows: its places, or
// in the countries style the countries it shades.
function fitSelection() {
  if (state.mapMode !== "countries") { fitMap(map.places); return; }
  const boxes = [];
  for (const path of document.getElementById("map-world").children) {
    if (!path.style.fill) continue;
    const b = path.getBBox();
    boxes.push([b.x, b.y], [b.x + b.width, b.y + b.height]);
  }
  fitBox(boxes, 1.05);
}

// fitMap shows the places (or the world when there are none), with a
// margin, no closer than about ten degrees across.
function fitMap(places) { fitBox(places.map(p => p.xy), 1.25); }

// fitBox shows the points scaled by margin, or the world without points.
function fitBox(points, margin) {
  let x0 = 0, y0 = 0, x1 = MAPW, y1 = MAPH;
  if (points.length) {
    x0 = Math.min(...points.map(p => p[0])); x1 = Math.max(...points.map(p => p[0]));
    y0 = Math.min(...points.map(p => p[1])); y1 = Math.max(...points.map(p => p[1]));
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, w = Math.max(20, (x1 - x0) * margin), h = Math.max(14, (y1 - y0) * margin);
    x0 = cx - w / 2; x1 = cx + w / 2; y0 = cy - h / 2; y1 = cy + h / 2;
  }
  map.s = Math.max(map.min, Math.min(map.min * 60, map.W / (x1 - x0), map.H / (y1 - y0)));
  map.tx = map.W / 2 - (x0 + x1) / 2 * map.s;
  map.ty = map.H / 2 - (y0 + y1) / 2 * map.s;
  drawMap();
}

// clusters merges places whose symbols would overlap on screen, biggest
// first.
function clusters() {
  const cell = 30, grid = new Map(), out = [];
  const radius = n => Math.min(26, 3.5 + 12 * Math.sqrt(n / map.max));
  for (const p of [...map.places].sort((a, b) => b.count - a.count)) {
    const x = p.xy[0] * map.s + map.tx, y = p.xy[1] * map.s + map.ty;
    if (x < -30 || y < -30 || x > map.W + 30 || y > map.H + 30) continue;
    const gx = Math.floor(x / cell), gy = Math.floor(y / cell);
    let hit = null;
    for (let i = gx - 1; i <= gx + 1 && !hit; i++) for (let j = gy - 1; j <= gy + 1 && !hit; j++) {
      for (const c of grid.get(i + "," + j) || []) if (Math.hypot(c.x - x, c.y - y) < c.r + radius(p.count) * 0.6) { hit = c; break; }
    }
    if (hit) {
      hit.members.push(p);
      hit.count += p.count;
      p.q.forEach((v, k) => hit.q[k] += v);
      hit.r = radius(hit.count);
      continue;
    }
    const c = { x, y, count: p.count, q: p.q.slice(), members: [p], r: radius(p.count) };
    out.push(c);
    const key = gx + "," + gy;
    if (!grid.has(key)) grid.set(key, []);
    grid.get(key).push(c);
  }
  return out;
}

// shortCount writes a count in at most four characters: 950, 2.3k, 41k.
function shortCount(n) {
  if (n < 1000) return String(n);
  if (n < 10000) return (n / 1000).toFixed(1).replace(/\.0$/, "") + "k";
  if (n < 1e6) return Math.round(n / 1000) + "k";
  return (n / 1e6).toFixed(1).replace(/\.0$/, "") + "M";
}

function dominantQuad(q) {
  let best = 0;
  for (let k = 1; k <= 4; k++) if (q[k] > q[best]) best = k;
  return best;
}

function drawMap() {
  const world = document.getElementById("map-world"), marks = clear(document.getElementById("map-marks"));
  world.setAttribute("transform", `translate(${map.tx},${map.ty}) scale(${map.s})`);
  const choropleth = state.mapMode === "countries";
  document.getElementById("map").classList.toggle("choropleth", choropleth);
  if (choropleth) { shadeCountries(); return; }
  for (const path of world.children) { path.removeAttribute("style"); path.lastChild.textContent = path.dataset.name; }
  const placed = [];
  const free = (x, y, w, h) => !placed.some(b => x < b.x + b.w && b.x < x + w && y < b.y + b.h && b.y < y + h);
  const cs = clusters();
  for (const c of cs) placed.push({ x: c.x - c.r, y: c.y - c.r, w: 2 * c.r, h: 2 * c.r });
  for (const c of cs) {
    const one = c.members.length === 1, p = c.members[0], q = dominantQuad(c.q);
    const title = one ? `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.count} events — click to filter`
      : `${c.members.length} places, ${c.count} events: ` + c.members.slice(0, 8).map(m => `${m.name} ${m.count}`).join(", ") + (c.members.length > 8 ? ", …" : "") + " — click to zoom in";
    const g = svg("g", { class: "place" + (one ? "" : " cluster"), "data-name": p.name,
      onclick: () => { if (one) setFilter("place", p.name); else fitMap(c.members); } },
      svg("circle", { cx: c.x, cy: c.y, r: c.r, fill: QCOLOR[q] }),
      svg("title", null, title));
    if (!one && c.r >= 8) g.append(svg("text", { x: c.x, y: c.y + 4, "text-anchor": "middle", class: "cluster-count" }, shortCount(c.count)));
    marks.append(g);
  }
  // Names of the biggest symbols, where they fit.
  let labels = 0;
  for (const c of [...cs].sort((a, b) => b.count - a.count)) {
    if (labels >= 30) break;
    const name = c.members[0].name + (c.members.length > 1 ? ` +${c.members.length - 1}` : "");
    const w = name.length * 6.2 + 4, h = 13, x = c.x + c.r + 3, y = c.y - h / 2;
    if (x + w > map.W || !free(x, y, w, h)) continue;
    placed.push({ x, y, w, h });
    marks.append(svg("text", { x, y: c.y + 4, class: "map-label" }, name));
    labels++;
  }
  drawMapLegend();
}

// shadeCountries colours each country by the events placed in it, in five
// classes of equal size on a logarithmic scale.
function shadeCountries() {
  const per = new Map();
  for (const p of map.places.concat(map.unplaced)) if (p.country) per.set(p.country, (per.get(p.country) || 0) + p.count);
  const max = Math.max(1, ...per.values());
  const cls = n => Math.min(4, Math.floor(5 * Math.log(n) / Math.log(max + 1)));
  for (const path of document.getElementById("map-world").children) {
    const n = per.get(path.dataset.iso3) || 0;
    path.style.fill = n ? CHORO[cls(n)] : "";
    path.lastChild.textContent = `${path.dataset.name}${n ? `: ${n} events — click to filter` : ""}`;
  }
  const legend = clear(document.getElementById("map-legend"));
  legend.append(el("span", null, "events placed in the country:"));
  for (let k = 0; k < 5; k++) {
    const lo = Math.ceil(Math.exp(k * Math.log(max + 1) / 5)), hi = Math.floor(Math.exp((k + 1) * Math.log(max + 1) / 5) - 0.001);
    if (hi < lo && k < 4) continue;
    legend.append(el("span", null, el("i", { style: `background:${CHORO[k]}` }), k === 4 ? `${lo}–${max}` : lo === hi ? `${lo}` : `${lo}–${hi}`));
  }
}

function drawMapLegend() {
  const legend = clear(document.getElementById("map-legend"));
  for (const q of [1, 2, 3, 4]) legend.append(el("span", null, el("i", { class: "dot", style: `background:${QCOLOR[q]}` }), QUADS[q]));
  legend.append(el("span", { class: "muted" }, `circle area: events (largest place ${map.max}); numbered circles merge nearby places — click to zoom in`));
}

function drawUnplaced() {
  const box = clear(document.getElementById("unplaced"));
  if (!map.unplaced.length) return;
  const n = map.unplaced.reduce((a, p) => a + p.count, 0);
  box.append(el("span", { class: "muted" }, `Not on the map (place without coordinates), ${n} event${n === 1 ? "" : "s"}: `));
  for (const p of map.unplaced.slice(0, 20)) {
    box.append(el("button", { type: "button", class: "chip", title: "filter on this place", onclick: () => setFilter("place", p.name) },
      p.name, p.country ? ` (${p.country})` : "", " ", el("span", { class: "code" }, p.count)));
  }
  if (map.unplaced.length > 20) box.append(el("span", { class: "muted" }, ` and ${map.unplaced.length - 20} more`));
}
