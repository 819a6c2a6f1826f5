// main.js starts the UI: reads filters and view settings from the address,
// wires the controls and loads the panels.
"use strict";

async function init() {
  const f = form();
  for (const t of TYPES) f.elements.type.append(el("option", { value: t }, t));
  const legend = document.getElementById("legend");
  for (const q of [1, 2, 3, 4]) legend.append(el("span", null, el("i", { style: `background:${QCOLOR[q]}` }), QUADS[q]));

  // Filters from the address; a value the filter bar cannot show or the
  // API would refuse is kept and reported, never dropped silently.
  const saved = new URLSearchParams(location.hash.slice(1));
  for (const name of FILTERS) {
    if (!saved.has(name)) continue;
    const v = saved.get(name), field = f.elements[name];
    if (name === "type") {
      const t = v.toUpperCase();
      if (TYPES.includes(t)) { field.value = t; continue; }
    }
    const bad = validate(name, v);
    if (bad) { state.invalid.set(name, v); continue; }
    field.value = v;
  }
  const num = (v, def, ok) => { const n = parseInt(v, 10); return ok(n) ? n : def; };
  state.page = num(saved.get("page"), 25, n => [25, 50, 100, 250].includes(n));
  state.sort = saved.get("sort") || "";
  state.bin = ["auto", "day", "week", "month"].includes(saved.get("bin")) ? saved.get("bin") : "auto";
  state.mapMode = saved.get("map") === "countries" ? "countries" : "symbols";
  state.netColour = saved.get("net") === "country" ? "country" : "sector";
  state.netMin = num(saved.get("min"), 1, n => n >= 1);
  state.netGroups = saved.get("groups") === "true";

  const bind = (id, field, prop, after) => {
    const c = document.getElementById(id);
    c[prop] = state[field];
    c.addEventListener("change", () => {
      state[field] = prop === "checked" ? c.checked : (typeof state[field] === "number" ? Math.max(1, parseInt(c.value, 10) || 1) : c.value);
      keepInAddress();
      after();
    });
  };
  bind("page-size", "page", "value", () => { state.page = +state.page; firstPage(); loadTable(); });
  bind("bin", "bin", "value", drawTimeline);
  bind("map-mode", "mapMode", "value", () => { drawMap(); fitSelection(); });
  bind("net-colour", "netColour", "value", drawNetwork);
  bind("net-min", "netMin", "value", () => loadNetwork(filters()));
  bind("net-groups", "netGroups", "checked", () => loadNetwork(filters()));
  document.getElementById("page-size").value = String(state.page);
  document.getElementById("map-in").addEventListener("click", () => zoomMap(2, map.W / 2, map.H / 2));
  document.getElementById("map-out").addEventListener("click", () => zoomMap(0.5, map.W / 2, map.H / 2));
  document.getElementById("map-fit").addEventListener("click", fitSelection);
  document.getElementById("net-fit").addEventListener("click", fitNetwork);

  for (const name of FILTERS) f.elements[name].addEventListener("input", () => { state.invalid.delete(name); });
  f.addEventListener("submit", ev => {
    ev.preventDefault();
    // Check what the browser lets through (typed text) before asking.
    for (const name of FILTERS) {
      const v = f.elements[name].value.trim(), bad = validate(name, v);
      if (bad) state.invalid.set(name, v); else state.invalid.delete(name);
    }
    firstPage();
    refresh();
  });
  document.getElementById("clear-filters").addEventListener("click", () => { f.reset(); state.invalid.clear(); firstPage(); refresh(); });
  document.getElementById("prev").addEventListener("click", prevPage);
  document.getElementById("next").addEventListener("click", nextPage);
  const close = () => { document.getElementById("detail").hidden = true; state.selected = null; };
  document.getElementById("close").addEventListener("click", close);
  document.addEventListener("keydown", ev => { if (ev.key === "Escape") close(); });
  let resize = null;
  window.addEventListener("resize", () => { clearTimeout(resize); resize = setTimeout(() => { drawTimeline(); setupMap(); drawMap(); fitNetwork(); }, 200); });

  // The panels do not wait for the header's figures.
  const panels = refresh();
  const reviewPage = api("/api/reviews");
  review.ready = reviewPage.then(r => { review.writable = r.writable; }, () => {});
  try {
    const [s, reviews] = await Promise.all([api("/api/stats"), reviewPage]);
    document.getElementById("stats").textContent =
      `${s.documents.toLocaleString()} articles · ${s.events.toLocaleString()} events · ${s.stories.toLocaleString()} stories · ${s.sources} sources` +
      (s.first_date ? ` · ${s.first_date} – ${s.last_date}` : "") + (reviews.total ? ` · ${reviews.total.toLocaleString()} reviewed` : "");
  } catch (err) { /* the panels report errors */ }
  // The suggestions wait for the panels: on a big store their queries
  // would otherwise compete with the panels' for the server.
  await panels;
  loadSuggestions().catch(() => { /* suggestions are a convenience */ });
}

init();
