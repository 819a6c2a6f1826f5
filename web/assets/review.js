// Reviews: an analyst marks an event correct or wrong, corrects its type,
// actor, recipient, date or place, and adds a note. The reviewer's name and
// the server's token are remembered in this browser (localStorage).
"use strict";

// writable is known once ready has settled (main.js asks the server).
const review = { writable: false, ready: Promise.resolve() };

function reviewer() { return localStorage.getItem("parley.reviewer") || ""; }
function reviewToken() { return localStorage.getItem("parley.token") || ""; }

// postReview sends a review of a raw event (E…) or a story (S…).
async function postReview(id, body) {
  const r = await fetch("/api/events/" + encodeURIComponent(id) + "/reviews", {
    method: "POST",
    headers: { "Content-Type": "application/json", "Authorization": "Bearer " + reviewToken() },
    body: JSON.stringify(body),
  });
  const out = await r.json();
  if (!r.ok) throw new Error(out.error || r.statusText);
  return out;
}

// describeReview says in words what a review says.
function describeReview(r) {
  const parts = [];
  const side = f => [f.name, [f.country, f.sector].filter(Boolean).join(" ")].filter(Boolean).join(" · ");
  if (r.type) parts.push(`type → ${r.type}`);
  if (r.date) parts.push(`date → ${r.date}`);
  if (r.actor) parts.push(`actor → ${side(r.actor)}`);
  if (r.recipient) parts.push(`recipient → ${side(r.recipient)}`);
  if (r.place) parts.push(`place → ${[r.place.name, r.place.country].filter(Boolean).join(", ")}`);
  return parts;
}

function reviewLine(r) {
  const when = r.at.replace("T", " ").replace("Z", " UTC");
  return el("div", { class: "review-line" }, reviewBadge(r), " ",
    el("span", null, r.verdict ? `marked ${r.verdict}` : "reviewed", " by ", el("strong", null, r.reviewer), ", ", when),
    ...describeReview(r).map(t => el("span", { class: "fix" }, t)),
    r.note ? el("div", { class: "note" }, "“", r.note, "”") : null);
}

// reviewPanel is the review box of the detail panel for a story or a raw
// event d; onDone redraws after a review was stored.
function reviewPanel(d, onDone) {
  const box = el("section", { class: "review-box" }, el("h4", null, "Review"));
  if (d.reports) {
    // A story: how its reports were judged, then the newest review.
    const n = { correct: 0, wrong: 0, other: 0, none: 0 };
    for (const m of d.reports) n[m.review ? (m.review.verdict || "other") : "none"]++;
    const parts = [n.correct && `${n.correct} marked correct`, n.wrong && `${n.wrong} marked wrong`, n.other && `${n.other} with a note or correction`, n.none && `${n.none} not reviewed`].filter(Boolean);
    box.append(el("div", { class: "review-summary" }, `Reports: ${parts.join(", ")}.`));
    if (d.review) box.append(el("div", { class: "muted small" }, "Newest review:"), reviewLine(d.review));
    box.append(el("div", { class: "muted small" }, "A review here is recorded on the story's first report; each report below can be reviewed on its own."));
  } else {
    box.append(d.review ? reviewLine(d.review) : el("div", { class: "muted" }, "Not reviewed yet."));
  }
  const msg = el("div", { class: "review-msg", role: "status" });
  if (!review.writable) {
    box.append(el("div", { class: "muted small" }, "This server is read-only: start it with parley serve --token … to accept reviews."));
    return box;
  }
  const name = el("input", { name: "reviewer", value: reviewer(), placeholder: "your name", size: 12, "aria-label": "reviewer" });
  const token = el("input", { name: "token", type: "password", value: reviewToken(), placeholder: "server token", size: 10, "aria-label": "token" });
  name.addEventListener("input", () => { msg.textContent = ""; });
  const send = async body => {
    if (!name.value.trim()) { msg.textContent = "Give your name first: reviews record who made them."; name.focus(); return; }
    localStorage.setItem("parley.reviewer", name.value.trim());
    localStorage.setItem("parley.token", token.value);
    msg.textContent = "saving…";
    try {
      await postReview(d.id, Object.assign({ reviewer: name.value.trim() }, body));
      msg.textContent = "saved";
      onDone();
    } catch (err) { msg.textContent = "not saved: " + err.message; }
  };
  box.append(el("div", { class: "review-actions" },
    el("button", { type: "button", class: "verdict correct", onclick: () => send({ verdict: "correct" }) }, "✓ Correct"),
    el("button", { type: "button", class: "verdict wrong", onclick: () => send({ verdict: "wrong" }) }, "✗ Wrong"),
    el("span", { class: "who" }, "as ", name, " ", token)));

  // The correction form.
  const f = el("form", { class: "review-form" });
  const typeSel = el("select", { name: "type" }, el("option", { value: "" }, "(keep)"), ...TYPES.map(t => el("option", { value: t }, t)));
  // Empty fields keep the coder's value, which each shows greyed.
  const cur = coded(d);
  const input = (n, ph, size) => el("input", { name: n, placeholder: ph || "", size: size || 14, title: ph ? "now: " + ph + " (empty keeps it)" : "empty keeps the coder's value" });
  f.append(
    el("label", null, "verdict ", el("select", { name: "verdict" }, el("option", { value: "wrong" }, "wrong"), el("option", { value: "correct" }, "correct"), el("option", { value: "" }, "no verdict"))),
    el("label", null, "type ", typeSel),
    el("label", null, "date ", el("input", { name: "date", type: "date" })),
    el("fieldset", null, el("legend", null, "actor"), input("actor_name", cur.actor.name || "name"), input("actor_country", cur.actor.country || "country", 6), input("actor_sector", cur.actor.sector || "sector", 6)),
    el("fieldset", null, el("legend", null, "recipient"), input("recipient_name", cur.recipient.name || "name"), input("recipient_country", cur.recipient.country || "country", 6), input("recipient_sector", cur.recipient.sector || "sector", 6)),
    el("fieldset", null, el("legend", null, "place"), input("place_name", cur.place.name || "name"), input("place_country", cur.place.country || "country", 6)),
    el("label", { class: "note-field" }, "note ", el("textarea", { name: "note", rows: 2, placeholder: "what is wrong, what the source says" })),
    el("button", { type: "submit" }, "Save review"));
  typeSel.firstChild.textContent = `(keep ${cur.type})`;
  f.addEventListener("submit", ev => {
    ev.preventDefault();
    const v = n => f.elements[n].value.trim();
    const side = p => ({ name: v(p + "_name"), country: v(p + "_country"), sector: v(p + "_sector") || undefined });
    send({ verdict: v("verdict"), type: v("type"), date: v("date"), actor: side("actor"), recipient: side("recipient"),
      place: { name: v("place_name"), country: v("place_country") }, note: v("note") });
  });
  box.append(el("details", { class: "review-details" }, el("summary", null, "Correct the type, actor, recipient, date or place, or add a note"), f));
  box.append(msg);

  // The review history.
  const hist = el("details", { class: "review-history" }, el("summary", null, "History"));
  hist.addEventListener("toggle", async () => {
    if (!hist.open || hist.dataset.loaded) return;
    hist.dataset.loaded = "1";
    const all = await api("/api/events/" + encodeURIComponent(d.id) + "/reviews");
    if (!all.length) hist.append(el("div", { class: "muted" }, "no reviews"));
    for (const r of all.slice().reverse()) hist.append(el("div", { class: "history-item" }, el("span", { class: "code" }, r.event_id), " ", reviewLine(r)));
  });
  box.append(hist);
  return box;
}

// coded is what the coder said of a story or raw event: type, sides, place.
function coded(d) {
  const side = a => a ? { name: a.name || a.text || "", country: a.country || "", sector: a.sector || "" } : {};
  if (d.event) {
    const e = d.event;
    return { type: e.type, actor: side(e.actor), recipient: side(e.recipient), place: e.location ? { name: e.location.name, country: e.location.country } : {} };
  }
  return { type: d.type, actor: side(d.actor), recipient: side(d.recipient), place: d.place ? { name: d.place.name, country: d.place.country } : {} };
}

// reportReview is the review line of one report (a raw event) in a story's
// detail panel, with quick verdict buttons.
function reportReview(m, onDone) {
  const line = el("div", { class: "report-review" }, m.review ? reviewLine(m.review) : el("span", { class: "muted" }, "not reviewed"));
  if (!review.writable || !m.id.startsWith("E")) return line;
  const msg = el("span", { class: "review-msg" });
  const quick = verdict => async () => {
    if (!reviewer()) { msg.textContent = "give your name in the review box above first"; return; }
    try { await postReview(m.id, { verdict, reviewer: reviewer() }); onDone(); } catch (err) { msg.textContent = "not saved: " + err.message; }
  };
  line.append(el("span", { class: "quick" },
    el("button", { type: "button", class: "verdict correct small", title: "this report is coded correctly", onclick: quick("correct") }, "✓"),
    el("button", { type: "button", class: "verdict wrong small", title: "this report is coded wrongly", onclick: quick("wrong") }, "✗"), msg));
  return line;
}
