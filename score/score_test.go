package score

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/internal/shared"
)

// goldDoc parses gold lines written as in a gold file.
func goldDoc(t *testing.T, id string, lines ...string) []Gold {
	t.Helper()
	g, err := readGold(strings.NewReader(strings.Join(lines, "\n")), id+".jsonl", id)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// ev builds a prediction: type, actor country, recipient country ("" = none).
func ev(doc, typ, actor, recipient string) event.Event {
	e := event.Event{DocID: doc, Type: event.Type(typ), Actor: &event.Actor{Country: actor}}
	if recipient != "" {
		e.Recipient = &event.Actor{Country: recipient}
	}
	return e
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func checkPRF(t *testing.T, name string, got PRF, matched, predicted, required, optional int) {
	t.Helper()
	if got.Matched != matched || got.Predicted != predicted || got.Required != required || got.Optional != optional {
		t.Errorf("%s: matched/predicted/required/optional = %d/%d/%d/%d, want %d/%d/%d/%d", name,
			got.Matched, got.Predicted, got.Required, got.Optional, matched, predicted, required, optional)
	}
	p, r := 1.0, 1.0
	if predicted > 0 {
		p = float64(matched) / float64(predicted)
	}
	if required > 0 {
		r = float64(matched) / float64(required)
	}
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	if !near(got.Precision, p) || !near(got.Recall, r) || !near(got.F1, f) {
		t.Errorf("%s: P/R/F1 = %.3f/%.3f/%.3f, want %.3f/%.3f/%.3f", name, got.Precision, got.Recall, got.F1, p, r, f)
	}
}

func TestSymmetricSwap(t *testing.T) {
	gold := map[string][]Gold{"d": goldDoc(t, "d",
		`{"type":"CONSULT","symmetric":true,"actor":{"country":"RUS","names":["Bogdanov"]},"recipient":{"country":"IRN","names":["Bagheri Kani"]}}`,
		`{"type":"CONSULT","symmetric":false,"actor":{"country":"PSE","names":["Haniyeh"]},"recipient":{"country":"IRN","names":["Amirabdollahian"]}}`,
	)}
	pred := []event.Event{ev("d", "CONSULT", "IRN", "RUS"), ev("d", "CONSULT", "IRN", "PSE")}
	pred[0].Actor.Name = "Ali Bagheri Kani" // swapped: compared with the gold recipient's names
	r := Score(gold, pred, []string{"d"})
	checkPRF(t, "dyad", r.Dyad, 1, 2, 2, 0)
	if r.ActorEntity.Right != 1 || r.ActorEntity.Scored != 1 {
		t.Errorf("actor entity on a swapped match = %+v, want 1/1", r.ActorEntity)
	}
	if len(r.Missed) != 1 || r.Missed[0].Gold.Actor.Country != "PSE" {
		t.Fatalf("missed = %+v, want the asymmetric PSE→IRN event", r.Missed)
	}
	if !strings.Contains(r.Missed[0].Near, "actor IRN not PSE") {
		t.Errorf("near = %q, want the actor mismatch explained", r.Missed[0].Near)
	}
	// Type match ignores the sides: both predictions match.
	checkPRF(t, "type", r.Type, 2, 2, 2, 0)
}

func TestOptionalLeftOut(t *testing.T) {
	gold := map[string][]Gold{"d": goldDoc(t, "d",
		`{"type":"ACCUSE","actor":{"country":"UNO","names":["Guterres"]},"recipient":{"country":"MMR","names":["military"]}}`,
		`{"type":"SUPPORT","optional":true,"actor":{"country":"UNO","names":["Guterres"]},"recipient":{"country":"MMR","names":["victims"]}}`,
		`{"type":"REQUEST","optional":true,"actor":{"country":"UNO","names":["Guterres"]},"recipient":null}`,
	)}
	// Predicted optional events leave both counts; missed ones do not count.
	r := Score(gold, []event.Event{ev("d", "ACCUSE", "UNO", "MMR"), ev("d", "SUPPORT", "UNO", "MMR")}, nil)
	checkPRF(t, "dyad", r.Dyad, 1, 1, 1, 1)
	if len(r.Missed) != 0 || len(r.Spurious) != 0 {
		t.Errorf("missed %d spurious %d, want 0 and 0", len(r.Missed), len(r.Spurious))
	}
	// A wrong prediction still counts against precision.
	r = Score(gold, []event.Event{ev("d", "SUPPORT", "UNO", "MMR"), ev("d", "THREATEN", "UNO", "MMR")}, nil)
	checkPRF(t, "dyad", r.Dyad, 0, 1, 1, 1)
}

func TestNullRecipient(t *testing.T) {
	gold := map[string][]Gold{"d": goldDoc(t, "d",
		`{"type":"REQUEST","actor":{"country":"UNO","names":["Secretary-General"]},"recipient":null}`,
		`{"type":"REQUEST","actor":{"country":"UNO","names":["Secretary-General"]},"recipient":null}`,
		`{"type":"REQUEST","actor":{"country":"UNO","names":["Secretary-General"]},"recipient":{"country":"MMR","names":["the military"]}}`,
	)}
	// null accepts a recipient or none; a definite recipient needs the same country.
	pred := []event.Event{ev("d", "REQUEST", "UNO", "MMR"), ev("d", "REQUEST", "UNO", ""), ev("d", "REQUEST", "UNO", "THA")}
	r := Score(gold, pred, nil)
	checkPRF(t, "dyad", r.Dyad, 3, 3, 3, 0)
	// Without the THA prediction, the MMR one must go to the definite gold
	// event and the recipientless one to a null one: still two matches.
	r = Score(gold, pred[:2], nil)
	checkPRF(t, "dyad", r.Dyad, 2, 2, 3, 0)
	// A missing predicted recipient does not fit a definite gold recipient.
	r = Score(map[string][]Gold{"d": gold["d"][2:]}, pred[1:2], nil)
	checkPRF(t, "dyad", r.Dyad, 0, 1, 1, 0)
}

func TestAltTypes(t *testing.T) {
	gold := map[string][]Gold{"d": goldDoc(t, "d",
		`{"type":"ACCUSE","alt_types":["REJECT"],"actor":{"country":"PSE","names":["Hamas"]},"recipient":{"country":"ISR","names":["Israeli authorities"]}}`,
	)}
	r := Score(gold, []event.Event{ev("d", "REJECT", "PSE", "ISR")}, nil)
	checkPRF(t, "alt type", r.Dyad, 1, 1, 1, 0)
	r = Score(gold, []event.Event{ev("d", "PROTEST", "PSE", "ISR")}, nil)
	checkPRF(t, "other type", r.Dyad, 0, 1, 1, 0)
	checkPRF(t, "other type, type match", r.Type, 0, 1, 1, 0)
	if len(r.Spurious) != 1 || !strings.Contains(r.Spurious[0].Near, "type PROTEST not ACCUSE/REJECT") {
		t.Errorf("spurious = %+v, want the type mismatch explained", r.Spurious)
	}
}

func TestRequiredFirst(t *testing.T) {
	// The optional event comes first in the file and fits the only
	// prediction; the prediction must go to the required one.
	gold := map[string][]Gold{"d": goldDoc(t, "d",
		`{"type":"ASSAULT","optional":true,"actor":{"country":"ISR","names":["Israel"]},"recipient":{"country":"PSE","names":["Gaza"]}}`,
		`{"type":"COERCE","alt_types":["ASSAULT"],"actor":{"country":"ISR","names":["Israel"]},"recipient":{"country":"PSE","names":["Gaza"]}}`,
	)}
	r := Score(gold, []event.Event{ev("d", "ASSAULT", "ISR", "PSE")}, nil)
	checkPRF(t, "required first", r.Dyad, 1, 1, 1, 0)

	// Greedy matching in file order would give p1 to A and leave B without
	// a prediction; the augmenting path moves A to p2.
	gold = map[string][]Gold{"d": goldDoc(t, "d",
		`{"type":"ASSAULT","alt_types":["COERCE"],"actor":{"country":"ISR","names":["Israel"]},"recipient":{"country":"PSE","names":["Gaza"]}}`,
		`{"type":"ASSAULT","actor":{"country":"ISR","names":["Israel"]},"recipient":{"country":"PSE","names":["Gaza"]}}`,
	)}
	r = Score(gold, []event.Event{ev("d", "ASSAULT", "ISR", "PSE"), ev("d", "COERCE", "ISR", "PSE")}, nil)
	checkPRF(t, "augmenting path", r.Dyad, 2, 2, 2, 0)

	// Both: an optional event that a greedy required-blind matcher would
	// give the only prediction fitting a required one.
	gold = map[string][]Gold{"d": goldDoc(t, "d",
		`{"type":"ASSAULT","optional":true,"actor":{"country":"ISR","names":["Israel"]},"recipient":null}`,
		`{"type":"ASSAULT","actor":{"country":"ISR","names":["Israel"]},"recipient":{"country":"LBN","names":["Lebanon"]}}`,
		`{"type":"ASSAULT","actor":{"country":"ISR","names":["Israel"]},"recipient":{"country":"SYR","names":["Syria"]}}`,
	)}
	r = Score(gold, []event.Event{ev("d", "ASSAULT", "ISR", "LBN"), ev("d", "ASSAULT", "ISR", "SYR"), ev("d", "ASSAULT", "ISR", "PSE")}, nil)
	checkPRF(t, "required and optional", r.Dyad, 2, 2, 2, 1)
}

func TestDuplicateIsFalsePositive(t *testing.T) {
	gold := map[string][]Gold{"d": goldDoc(t, "d",
		`{"type":"ASSAULT","actor":{"country":"PSE","names":["Hamas"]},"recipient":{"country":"ISR","names":["Israel"]},"date":"2023-10-07"}`,
	)}
	// Two mentions of the same attack, not merged: one match, one false
	// positive. The one with the right date is the one matched, though it
	// comes second.
	a, b := ev("d", "ASSAULT", "PSE", "ISR"), ev("d", "ASSAULT", "PSE", "ISR")
	a.Date, b.Date = "2023-10-27", "2023-10-07"
	r := Score(gold, []event.Event{a, b}, nil)
	checkPRF(t, "duplicate", r.Dyad, 1, 2, 1, 0)
	if r.Date.Right != 1 || r.Date.Scored != 1 {
		t.Errorf("date = %+v, want the right-dated duplicate matched", r.Date)
	}
	if len(r.Spurious) != 1 || !strings.Contains(r.Spurious[0].Near, "another prediction took it") {
		t.Errorf("spurious = %+v, want it explained as an unmerged repeat", r.Spurious)
	}
}

func TestSecondaryAccuracies(t *testing.T) {
	gold := map[string][]Gold{"d": goldDoc(t, "d",
		`{"type":"CONSULT","mode":"visit","symmetric":true,"actor":{"country":"PSE","names":["Ismail Haniyeh","Haniyeh"]},"recipient":{"country":"IRN","names":["Amirabdollahian"]},"date":"2024-03-26","place":{"country":"IRN","names":["Tehran"]}}`,
		`{"type":"ASSAULT","mode":null,"actor":{"country":"ISR","names":["Israel"]},"recipient":{"country":"PSE","names":["Gaza"]},"date":null,"place":{"country":"PSE","names":["Gaza Strip","Gaza"]}}`,
		`{"type":"REQUEST","actor":{"country":"UNO","names":["Guterres"]},"recipient":null,"date":"2024-03-28","place":null}`,
	)}
	p1 := ev("d", "CONSULT", "PSE", "IRN")
	p1.Mode, p1.Date = "VISIT", "2024-03-26"
	p1.Actor.Name = "Hamas chief Ismail Haniyeh" // contains a gold name
	p1.Location = &event.Location{Country: "IRN", Name: "tehran"}
	p2 := ev("d", "ASSAULT", "ISR", "PSE")
	p2.Mode, p2.Date = "aerial", "2024-03-28"
	p2.Actor.Name = "Isr" // contained in a gold name
	p2.Location = &event.Location{Country: "ISR", Name: "Sderot"}
	p3 := ev("d", "REQUEST", "UNO", "")
	p3.Actor.Name = "António Guterres"
	p3.Date = "2024-03-27"
	r := Score(gold, []event.Event{p1, p2, p3}, nil)
	checkPRF(t, "dyad", r.Dyad, 3, 3, 3, 0)
	for _, c := range []struct {
		name          string
		got           Accuracy
		right, scored int
	}{
		{"mode (only where gold has one)", r.Mode, 1, 1},
		{"actor entity", r.ActorEntity, 3, 3},
		{"date (only non-null)", r.Date, 1, 2},
		{"place country (only non-null)", r.PlaceCountry, 1, 2},
		{"place name", r.PlaceName, 1, 2},
	} {
		if c.got.Right != c.right || c.got.Scored != c.scored || !near(c.got.Share, float64(c.right)/float64(c.scored)) {
			t.Errorf("%s = %+v, want %d/%d", c.name, c.got, c.right, c.scored)
		}
	}
	if len(r.Mismatches) != 3 {
		t.Errorf("mismatches = %d, want 3 (date, place country, place name)", len(r.Mismatches))
	}
	// An empty predicted name matches nothing.
	p3.Actor.Name = ""
	r = Score(gold, []event.Event{p3}, nil)
	if r.ActorEntity.Right != 0 || r.ActorEntity.Scored != 1 {
		t.Errorf("empty name: actor entity = %+v, want 0/1", r.ActorEntity)
	}
}

func TestDocsCodedAndNot(t *testing.T) {
	gold := map[string][]Gold{
		"a": goldDoc(t, "a", `{"type":"PROTEST","actor":{"country":"IRN","names":["Iranians"]},"recipient":null}`),
		"b": goldDoc(t, "b", `{"type":"PROTEST","actor":{"country":"IRN","names":["Iranians"]},"recipient":null}`),
		"e": nil, // an empty gold file
	}
	pred := []event.Event{ev("a", "PROTEST", "IRN", ""), ev("c", "PROTEST", "IRN", "")}
	r := Score(gold, pred, []string{"a", "c", "e"})
	// b never coded: missed; c has no gold: false positive; e: nothing.
	checkPRF(t, "dyad", r.Dyad, 1, 2, 2, 0)
	if r.Docs != 4 || len(r.PerDoc) != 4 {
		t.Fatalf("docs = %d, per-doc %d, want 4", r.Docs, len(r.PerDoc))
	}
	want := map[string][2]bool{"a": {true, true}, "b": {true, false}, "c": {false, true}, "e": {true, true}}
	for _, d := range r.PerDoc {
		if w := want[d.DocID]; d.HasGold != w[0] || d.Coded != w[1] {
			t.Errorf("%s: has gold %v coded %v, want %v", d.DocID, d.HasGold, d.Coded, w)
		}
	}
	e := r.PerDoc[3]
	if e.Dyad.F1 != 1 {
		t.Errorf("empty gold, no predictions: F1 %v, want 1", e.Dyad.F1)
	}
	var buf bytes.Buffer
	r.WriteSummary(&buf)
	for _, s := range []string{"no gold file", "not coded", "dyad", "place name"} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("summary lacks %q:\n%s", s, buf.String())
		}
	}
}

func TestReadGoldErrors(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{`{"type":"ATTACK","actor":{"country":"ISR"}}`, `"ATTACK" is not a PLOVER`},
		{`{"type":"ASSAULT","alt_types":["FIGHT"],"actor":{"country":"ISR"}}`, `alt_types: "FIGHT"`},
		{`{"type":"ASSAULT","recipient":null}`, "actor.country is missing"},
		{`{"type":"ASSAULT","actor":{"country":"ISR"},"recipient":{"names":["x"]}}`, "recipient.country is missing"},
		{`{"type":"ASSAULT","actor":{"country":"ISR"},"date":"7 October"}`, `date "7 October"`},
		{`{"type":"ASSAULT","actor":{"country":"ISR"},"place":{"names":["Gaza"]}}`, "place.country is missing"},
		{`{"type":"ASSAULT",`, "not a JSON object"},
		{`{"type":"ASSAULT","actor":{"country":"ISR"}} {}`, "more than one JSON value"},
	} {
		dir := t.TempDir()
		p := filepath.Join(dir, "x.jsonl")
		body := `{"type":"AGREE","actor":{"country":"ARM"}}` + "\n\n" + c.line + "\n"
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadGoldDir(dir)
		if err == nil || !strings.Contains(err.Error(), "x.jsonl:3:") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want x.jsonl:3: ... %s", c.line, err, c.want)
		}
	}
	if _, err := ReadGoldDir(t.TempDir()); err == nil {
		t.Error("empty folder: no error")
	}
}

// goldAsPredictions turns gold events into the predictions a perfect coder
// would make.
func goldAsPredictions(gold map[string][]Gold) []event.Event {
	var out []event.Event
	for _, id := range DocIDs(gold) {
		for _, g := range gold[id] {
			e := event.Event{DocID: id, Type: event.Type(g.Type), Mode: g.Mode, Date: g.Date,
				Actor: &event.Actor{Country: g.Actor.Country}}
			if len(g.Actor.Names) > 0 {
				e.Actor.Name = g.Actor.Names[0]
			}
			if g.Recipient != nil {
				e.Recipient = &event.Actor{Country: g.Recipient.Country}
			}
			if g.Place != nil {
				e.Location = &event.Location{Country: g.Place.Country}
				if len(g.Place.Names) > 0 {
					e.Location.Name = g.Place.Names[0]
				}
			}
			out = append(out, e)
		}
	}
	return out
}

func TestRealGoldSelfScore(t *testing.T) {
	for _, set := range []struct {
		dir            string
		required, opts int
	}{{"eval/seed", 11, 4}, {"eval/dev", 72, 85}} {
		gold, err := ReadGoldDir(shared.Path(t, set.dir))
		if err != nil {
			t.Fatal(err)
		}
		req, opt := 0, 0
		for _, gs := range gold {
			for _, g := range gs {
				if g.Optional {
					opt++
				} else {
					req++
				}
			}
		}
		if req != set.required || opt != set.opts {
			t.Errorf("%s: %d required, %d optional gold events, README says %d and %d", set.dir, req, opt, set.required, set.opts)
		}
		pred := goldAsPredictions(gold)
		r := Score(gold, pred, DocIDs(gold))
		if r.Dyad.F1 != 1 || r.Type.F1 != 1 || len(r.Missed) != 0 || len(r.Spurious) != 0 {
			t.Errorf("%s against itself: dyad %+v type %+v missed %d spurious %d", set.dir, r.Dyad, r.Type, len(r.Missed), len(r.Spurious))
		}
		if r.Dyad.Optional != opt {
			t.Errorf("%s: %d optional matched, want %d", set.dir, r.Dyad.Optional, opt)
		}
		for name, a := range map[string]Accuracy{"mode": r.Mode, "actor": r.ActorEntity, "date": r.Date, "place country": r.PlaceCountry, "place name": r.PlaceName} {
			if a.Scored == 0 || a.Right != a.Scored {
				t.Errorf("%s against itself: %s %+v", set.dir, name, a)
			}
		}
		var h headline
		if err := json.Unmarshal(r.JSON(), &h); err != nil || h.Dyad.F1 != 1 || h.Docs != len(gold) {
			t.Errorf("JSON: %v %+v", err, h)
		}

		// Dropping every third prediction: each one dropped is a missed
		// required event or an unmatched optional one, never a false positive.
		var some []event.Event
		dropped := 0
		for i, p := range pred {
			if i%3 == 0 {
				dropped++
				continue
			}
			some = append(some, p)
		}
		r = Score(gold, some, DocIDs(gold))
		if r.Dyad.Precision != 1 || len(r.Spurious) != 0 || r.Dyad.Matched+len(r.Missed) != req {
			t.Errorf("%s with %d dropped: %+v, missed %d", set.dir, dropped, r.Dyad, len(r.Missed))
		}
		var buf bytes.Buffer
		r.WriteExplain(&buf, nil)
		if len(r.Missed) > 0 && !strings.Contains(buf.String(), "MISSED") {
			t.Errorf("explain lacks the missed events:\n%s", buf.String())
		}
	}
}

func TestExplainSentenceFromText(t *testing.T) {
	text := "Bogdanov met Marzouk. Israel struck Gaza."
	p := ev("d", "ASSAULT", "ISR", "PSE")
	p.Span = [2]int{22, len(text)}
	p.Trigger, p.Rule = "struck", "strike-v"
	r := Score(map[string][]Gold{"d": nil}, []event.Event{p}, []string{"d"})
	var buf bytes.Buffer
	r.WriteExplain(&buf, map[string]string{"d": text})
	for _, s := range []string{"SPURIOUS ASSAULT ISR→PSE", "sentence: Israel struck Gaza.", `trigger "struck", rule strike-v`} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("explain lacks %q:\n%s", s, buf.String())
		}
	}
}

func BenchmarkScoreDev(b *testing.B) {
	gold, err := ReadGoldDir(shared.Path(b, "eval/dev"))
	if err != nil {
		b.Fatal(err)
	}
	pred := goldAsPredictions(gold)
	pred = append(pred, pred...) // every event mentioned twice
	ids := DocIDs(gold)
	b.ResetTimer()
	for b.Loop() {
		Score(gold, pred, ids)
	}
}

// kuhn is the matching FORMAT.md describes, written the textbook way:
// augmenting paths from each required gold event, then from each optional
// one. It returns how many required and optional events it matches.
func kuhn(golds []Gold, preds []*event.Event) (req, opt int) {
	owner := make([]int, len(preds))
	for j := range owner {
		owner[j] = -1
	}
	var try func(g int, seen []bool) bool
	try = func(g int, seen []bool) bool {
		for j, p := range preds {
			if seen[j] || dyadFit(&golds[g], p) == noFit {
				continue
			}
			seen[j] = true
			if owner[j] < 0 || try(owner[j], seen) {
				owner[j] = g
				return true
			}
		}
		return false
	}
	for _, wantOptional := range []bool{false, true} {
		for g := range golds {
			if golds[g].Optional == wantOptional && try(g, make([]bool, len(preds))) {
				if wantOptional {
					opt++
				} else {
					req++
				}
			}
		}
	}
	return req, opt
}

// The assignment solver gives the counts of the augmenting-path matching on
// random documents dense with look-alike events.
func TestMatchingCountsAgreeWithKuhn(t *testing.T) {
	countries := []string{"ISR", "PSE", "LBN"}
	types := []string{"ASSAULT", "COERCE"}
	seed := uint64(1)
	rnd := func(n int) int { // a fixed linear congruential sequence: reproducible
		seed = seed*6364136223846793005 + 1442695040888963407
		return int(seed>>33) % n
	}
	for trial := 0; trial < 500; trial++ {
		var golds []Gold
		for i := 0; i < 1+rnd(7); i++ {
			g := Gold{Type: types[rnd(2)], Actor: Entity{Country: countries[rnd(3)]}, Optional: rnd(3) == 0, Symmetric: rnd(4) == 0}
			if rnd(3) > 0 {
				g.Recipient = &Entity{Country: countries[rnd(3)]}
			}
			if rnd(3) == 0 {
				g.AltTypes = []string{types[rnd(2)]}
			}
			if rnd(2) == 0 {
				g.Date = "2023-10-0" + string(rune('1'+rnd(3)))
			}
			golds = append(golds, g)
		}
		var pred []event.Event
		for j := 0; j < rnd(8); j++ {
			p := ev("d", types[rnd(2)], countries[rnd(3)], []string{"", "ISR", "PSE", "LBN"}[rnd(4)])
			p.Date = "2023-10-0" + string(rune('1'+rnd(3)))
			pred = append(pred, p)
		}
		ptrs := make([]*event.Event, len(pred))
		for j := range pred {
			ptrs[j] = &pred[j]
		}
		req, opt := kuhn(golds, ptrs)
		r := Score(map[string][]Gold{"d": golds}, pred, nil)
		if r.Dyad.Matched != req || r.Dyad.Optional != opt {
			t.Fatalf("trial %d: matched %d required %d optional, augmenting paths give %d and %d\ngold %+v\npred %+v",
				trial, r.Dyad.Matched, r.Dyad.Optional, req, opt, golds, pred)
		}
	}
}
