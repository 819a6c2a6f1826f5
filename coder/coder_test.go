package coder

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/reader"
	"github.com/parley-events/parley/score"
)

func mustDay(t *testing.T, day string) time.Time {
	t.Helper()
	pub, err := time.Parse("2006-01-02", day)
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

// codeText codes one sentence or paragraph published on day.
func codeText(t *testing.T, text, day string) []event.Event {
	t.Helper()
	pub, err := time.Parse("2006-01-02", day)
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{ID: "t", Date: pub, Text: text}
	return Default().Code(d)
}

func codeFile(t *testing.T, path string) (*doc.Document, []event.Event) {
	t.Helper()
	for d, err := range reader.Documents([]string{path}, reader.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		return d, Default().Code(d)
	}
	t.Fatalf("%s: no document", path)
	return nil, nil
}

// The reference article: dyad F1 ≥ 0.85 against its gold events.
func TestSeedArticle(t *testing.T) {
	p := shared.Path(t, "eval/seed/tass-2023-10-27.txt")
	gold, err := score.ReadGoldDir(filepath.Dir(p))
	if err != nil {
		t.Fatal(err)
	}
	d, evs := codeFile(t, p)
	r := score.Score(gold, evs, []string{d.ID})
	for _, e := range evs {
		t.Logf("%s %s %s → %s  %q", e.Date, e.Type, side(e.Actor), side(e.Recipient), e.Trigger)
	}
	if f := r.Dyad.F1; f < 0.85 {
		var b strings.Builder
		r.WriteExplain(&b, map[string]string{d.ID: d.Text})
		t.Errorf("seed dyad F1 %.3f < 0.85\n%s", f, b.String())
	}
}

func side(a *event.Actor) string {
	if a == nil {
		return "-"
	}
	return a.Country + a.Sector + ":" + a.Name
}

// The development set, scored as parley eval scores it. The thresholds sit a
// little below the figures reported in the README: the test guards against
// regressions; the README and the issue notes report the measured figures.
// The grammar frames were written from these articles, so they are held to
// the higher mark; the argument model, trained on other articles, codes
// events the frames leave out and trades some development precision for
// recall on unseen text (measured by cross-validation in package argtrain).
// Type F1 is held at 0.83: a target read from the story's setting lets two
// calls with the same sides on one day merge into one event, which costs
// one development event and gains more on the folds.
func TestDevelopmentSet(t *testing.T) {
	dir := shared.Path(t, "eval/dev")
	gold, err := score.ReadGoldDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	framesOnly := *Default()
	framesOnly.Arguments = nil
	for _, c := range []struct {
		name  string
		coder *Coder
		dyad  float64
	}{{"frames alone", &framesOnly, 0.78}, {"frames and model", Default(), 0.74}} {
		var evs []event.Event
		var ids []string
		for _, d := range devCorpus(t) {
			evs = append(evs, c.coder.Code(d)...)
			ids = append(ids, d.ID)
		}
		r := score.Score(gold, evs, ids)
		t.Logf("dev, %s: dyad P %.3f R %.3f F1 %.3f; type F1 %.3f; date %.3f", c.name, r.Dyad.Precision, r.Dyad.Recall, r.Dyad.F1, r.Type.F1, r.Date.Share)
		if r.Dyad.F1 < c.dyad || r.Type.F1 < 0.83 || r.Date.Share < 0.90 {
			t.Errorf("dev set regressed, %s: dyad F1 %.3f (≥%.2f), type F1 %.3f (≥0.83), date %.3f (≥0.90)", c.name, r.Dyad.F1, c.dyad, r.Type.F1, r.Date.Share)
		}
	}
}

func TestDefaultPipelineOrder(t *testing.T) {
	var names []string
	for _, s := range Default().Pipeline().Stages() {
		names = append(names, s.Name())
	}
	want := "segment annotate mentions times triggers events sanctions merge"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("stages %q, want %q", got, want)
	}
}

func TestLayersAfterCoding(t *testing.T) {
	d := &doc.Document{ID: "l", Date: time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC),
		Text: "Chile's president met Peru's foreign minister in Lima on Tuesday."}
	evs := Default().Code(d)
	if len(evs) != 1 || len(d.Events) != 1 {
		t.Fatalf("events %v", evs)
	}
	if len(d.Mentions) < 2 || len(d.Times) != 1 || d.Times[0].Text != "on Tuesday" || len(d.Triggers) != 1 {
		t.Fatalf("mentions %d, times %v, triggers %v", len(d.Mentions), d.Times, d.Triggers)
	}
	if tr := d.Triggers[0]; d.Tokens[tr.Head].Text != "met" || tr.Pattern.Type != "CONSULT" {
		t.Errorf("trigger %+v", tr)
	}
	if a := d.Discourse.Actors[d.Triggers[0].Head]; a == nil || a.Country != "CHL" {
		t.Errorf("discourse actor %+v", a)
	}
}
