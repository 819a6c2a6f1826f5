// The timeline: events per day, week or month, stacked by quad class, with
// a brush that selects a period.
"use strict";

const DAY = 86400000;
let timelinePoints = [];

async function loadTimeline(p) {
  timelinePoints = (await api("/api/timeline", p)).items;
  drawTimeline();
}

// binStart returns the first day (ms, UTC) of the bin holding day t.
function binStart(t, bin) {
  const d = new Date(t);
  if (bin === "week") return t - ((d.getUTCDay() + 6) % 7) * DAY; // weeks start on Monday
  if (bin === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return t;
}

function nextBin(t, bin) {
  if (bin === "week") return t + 7 * DAY;
  if (bin === "month") { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); }
  return t + DAY;
}

function iso(t) { return new Date(t).toISOString().slice(0, 10); }

// niceStep is a round step (1, 2, 5 × 10^n) near max/ticks.
function niceStep(max, ticks) {
  const raw = Math.max(1, max / ticks), mag = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

// chooseBin picks the bin for the range: the user's, unless it would make
// more bars than the chart has pixels.
function chooseBin(span, width) {
  const order = ["day", "week", "month"];
  const count = { day: span, week: span / 7, month: span / 30.4 };
  let bin = state.bin;
  if (bin === "auto") bin = span <= 120 ? "day" : span <= 900 ? "week" : "month";
  let note = "";
  while (bin !== "month" && count[bin] > width / 2) {
    bin = order[order.indexOf(bin) + 1];
    note = ` (${state.bin === "auto" ? "" : "too many " + state.bin + "s: "}by ${bin})`;
  }
  return { bin, note: state.bin === "auto" ? "" : note };
}

function drawTimeline() {
  const points = timelinePoints;
  const root = clear(document.getElementById("timeline"));
  const W = root.clientWidth || 1000, H = 170, L = 44, B = 22, T = 8, R = 8;
  root.setAttribute("viewBox", `0 0 ${W} ${H}`);
  if (!points.length) {
    document.getElementById("bin-label").textContent = state.bin === "auto" ? "day" : state.bin;
    root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no dated events"));
    return;
  }
  // The axis covers the filtered period when there is one, else the data.
  const from = form().elements.from.value, to = form().elements.to.value;
  const t0 = from ? Date.parse(from) : Date.parse(points[0].date), tEnd = to ? Date.parse(to) : Date.parse(points[points.length - 1].date);
  const { bin, note } = chooseBin((tEnd - t0) / DAY + 1, W - L - R);
  document.getElementById("bin-label").textContent = bin + note;
  // Every bin from the first to the last, empty ones included, so the axis
  // is true to time.
  const bins = [], index = new Map();
  for (let t = binStart(t0, bin); t <= tEnd; t = nextBin(t, bin)) {
    index.set(t, bins.length);
    bins.push({ start: t, end: nextBin(t, bin) - DAY, q: [0, 0, 0, 0, 0] });
  }
  for (const p of points) {
    const i = index.get(binStart(Date.parse(p.date), bin));
    if (i !== undefined) bins[i].q[p.quad] += p.count;
  }
  const max = Math.max(1, ...bins.map(b => b.q.reduce((a, c) => a + c, 0)));
  const step = niceStep(max, 4), top = Math.ceil(max / step) * step;
  const plotW = W - L - R, bw = Math.min(36, plotW / bins.length), y = v => T + (H - T - B) * (1 - v / top);
  for (let v = 0; v <= top; v += step) {
    root.append(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: v ? "#eef1f5" : "#c9d1db" }));
    root.append(svg("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", class: "axis" }, v.toLocaleString()));
  }
  const gap = bw > 4 ? 1 : 0;
  bins.forEach((b, i) => {
    const total = b.q.reduce((a, c) => a + c, 0);
    if (!total) return;
    const g = svg("g", { class: "bar" });
    const range = bin === "day" ? iso(b.start) : `${iso(b.start)} – ${iso(b.end)}`;
    g.append(svg("title", null, `${range}: ${total} event${total === 1 ? "" : "s"} — ` + [1, 2, 3, 4].filter(k => b.q[k]).map(k => `${b.q[k]} ${QUADS[k]}`).join(", ")));
    let acc = 0;
    for (const k of [1, 2, 3, 4, 0]) {
      if (!b.q[k]) continue;
      g.append(svg("rect", { x: L + i * bw, y: y(acc + b.q[k]), width: Math.max(1, bw - gap), height: y(acc) - y(acc + b.q[k]), fill: QCOLOR[k] }));
      acc += b.q[k];
    }
    root.append(g);
  });
  // Axis labels at round boundaries (months in quarters or halves, whole
  // years), as many as fit without touching.
  const every = Math.max(1, Math.ceil((bin === "month" ? 50 : 76) / bw));
  let label = t => iso(t), at = (i) => i % every === 0;
  if (bin === "month") {
    const month = t => new Date(t).getUTCMonth(), year = t => new Date(t).getUTCFullYear();
    if (every > 6) {
      const step = Math.ceil(every / 12);
      label = t => String(year(t));
      at = i => month(bins[i].start) === 0 && year(bins[i].start) % step === 0;
    } else {
      const step = every <= 1 ? 1 : every <= 3 ? 3 : 6;
      label = t => iso(t).slice(0, 7);
      at = i => month(bins[i].start) % step === 0;
    }
  }
  let lastRight = -Infinity;
  for (let i = 0; i < bins.length; i++) {
    if (!at(i)) continue;
    const x = L + i * bw, text = label(bins[i].start), w = text.length * 6.5;
    if (x - w / 2 < lastRight + 8 || x + w / 2 > W) continue;
    lastRight = x + w / 2;
    root.append(svg("line", { x1: x, x2: x, y1: H - B, y2: H - B + 4, stroke: "#9aa5b4" }));
    root.append(svg("text", { x, y: H - 6, "text-anchor": "middle", class: "axis" }, text));
  }
  brush(root, { L, T, H, B, plotW, bw, bins });
}

// brush lets the user drag across the chart (or click a bar) to filter
// on that period.
function brush(root, g) {
  const sel = svg("rect", { class: "brush", x: 0, y: g.T, width: 0, height: g.H - g.T - g.B, visibility: "hidden" });
  root.append(sel);
  const binAt = ev => {
    const r = root.getBoundingClientRect(), x = (ev.clientX - r.left) * (root.viewBox.baseVal.width / r.width);
    return Math.max(0, Math.min(g.bins.length - 1, Math.floor((x - g.L) / g.bw)));
  };
  let from = null;
  root.onpointerdown = ev => {
    from = binAt(ev);
    try { root.setPointerCapture(ev.pointerId); } catch (e) { /* a synthetic pointer */ }
    show(from, from);
  };
  const show = (a, b) => {
    const lo = Math.min(a, b), hi = Math.max(a, b);
    sel.setAttribute("x", g.L + lo * g.bw);
    sel.setAttribute("width", Math.max(2, (hi - lo + 1) * g.bw));
    sel.setAttribute("visibility", "visible");
  };
  root.onpointermove = ev => { if (from !== null) show(from, binAt(ev)); };
  root.onpointerup = ev => {
    if (from === null) return;
    const to = binAt(ev), lo = Math.min(from, to), hi = Math.max(from, to);
    from = null;
    form().elements.from.value = iso(g.bins[lo].start);
    form().elements.to.value = iso(g.bins[hi].end);
    state.invalid.delete("from");
    state.invalid.delete("to");
    firstPage();
    refresh();
  };
}
