package argtrain

import (
	"testing"
	"time"

	"github.com/parley-events/parley/doc"
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
