package argtrain

import (
	"testing"
	"time"

	"github.com/parley-events/parley/coder"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/kb"
	"github.com/parley-events/parley/nlp"
	"github.com/parley-events/parley/score"
)

func TestEvidenceFindsItsSentences(t *testing.T) {
	d := &doc.Document{ID: "x", Date: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
		Text: "Gondor’s envoy met Rohan’s king in Edoras on Monday. The talks lasted two hours. Later, Gondor thanked Rohan for its help."}
	nlp.Annotate(d)
	golds := []score.Gold{
		{Evidence: "Gondor's envoy met Rohan's king"},                     // curly quote in the text
		{Evidence: "met Rohan’s king in Edoras ... Gondor thanked Rohan"}, // two pieces
		{Evidence: "in Edoras on Monday. The talks lasted two hours"},     // across a sentence break
		{Evidence: "Mordor attacked"},                                     // nowhere
	}
	got := evidenceSentences(d, golds)
	want := [][]int{{0}, {0, 2}, {0, 1}, nil}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Errorf("evidence %q: sentences %v, want %v", golds[i].Evidence, got[i], want[i])
			continue
		}
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("evidence %q: sentences %v, want %v", golds[i].Evidence, got[i], want[i])
			}
		}
	}
}

// Generalisation, measured as parley eval --kfold 5 measures it: each fold
// of the training articles is coded by a model that never saw it. The
// thresholds sit a little below the figures in the README.
func TestCrossValidationOnUnseenArticles(t *testing.T) {
	if testing.Short() {
		t.Skip("trains five models")
	}
	exs, err := Load(shared.Path(t, "eval/train"))
	if err != nil {
		t.Fatal(err)
	}
	always, err := Load(shared.Path(t, "eval/dev"), shared.Path(t, "eval/seed"))
	if err != nil {
		t.Fatal(err)
	}
	gold := map[string][]score.Gold{}
	var ids []string
	var evs []event.Event
	for _, ex := range exs {
		gold[ex.Doc.ID] = ex.Gold
	}
	for _, f := range CrossValidate(kb.Default(), exs, always, 5, Shipped) {
		ids = append(ids, f.IDs...)
		evs = append(evs, f.Events...)
	}
	withModel := score.Score(gold, evs, ids)

	evs = evs[:0]
	frames := coder.New(kb.Default())
	for _, ex := range exs {
		evs = append(evs, frames.Code(ex.Doc)...)
	}
	framesOnly := score.Score(gold, evs, ids)
	t.Logf("train, 5-fold: dyad P %.3f R %.3f F1 %.3f; frames alone: F1 %.3f",
		withModel.Dyad.Precision, withModel.Dyad.Recall, withModel.Dyad.F1, framesOnly.Dyad.F1)
	if withModel.Dyad.F1 < 0.50 || framesOnly.Dyad.F1 < 0.50 {
		t.Errorf("generalisation regressed: 5-fold dyad F1 %.3f (≥0.50), frames alone %.3f (≥0.50)", withModel.Dyad.F1, framesOnly.Dyad.F1)
	}
	// Since the frames read targets from the story's setting and
	// complements from their controllers, the model decides few
	// arguments the frames leave open, and its gain is within the
	// folds' noise (mean of seeds 1-5: 0.528 against 0.527). It must
	// not cost what the frames find.
	if withModel.Dyad.F1 < framesOnly.Dyad.F1-0.01 {
		t.Errorf("the argument model costs on unseen articles: %.3f with it, %.3f without", withModel.Dyad.F1, framesOnly.Dyad.F1)
	}
}
