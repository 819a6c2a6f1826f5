package nlp

import (
	"strings"
	"testing"

	"github.com/parley-events/parley/doc"
)

// TestTagGuards checks the corrections Annotate makes after tagging: closed
// classes keep their members, a past tense after a possessive is a
// participle, and "have" before a participle is an auxiliary.
func TestTagGuards(t *testing.T) {
	for _, c := range []struct {
		text, word, upos, xpos string
	}{
		{"Arnor restored diplomatic ties with Gondor.", "Arnor", "PROPN", "NNP"},
		{"Arnor on Thursday signed a trade protocol with Dagolath.", "Arnor", "PROPN", "NNP"},
		{"Kenya shelled camps in response to the militants' continued raids on Lamu.", "continued", "VERB", "VBN"},
		{"Fornost and Gondor welcome a resumption of formal diplomatic ties with Osgiliath.", "welcome", "VERB", "VBP"},
		{"The talks will resume and both sides have agreed.", "will", "AUX", "MD"},
		{"The talks will resume and both sides have agreed.", "and", "CCONJ", "CC"},
		{"The navy said its drones had struck a depot near Osgiliath.", "had", "AUX", "VBD"},
		{"Gondor has not yet signed the accord.", "has", "AUX", "VBZ"},
		{"We have limited time in Osgiliath.", "have", "VERB", "VBP"},
	} {
		d := &doc.Document{Text: c.text}
		Annotate(d)
		found := false
		for _, tok := range d.Tokens {
			if tok.Text == c.word {
				found = true
				if tok.UPOS != c.upos || tok.XPOS != c.xpos {
					t.Errorf("%q in %q: %s/%s, want %s/%s", c.word, c.text, tok.UPOS, tok.XPOS, c.upos, c.xpos)
				}
				break
			}
		}
		if !found {
			t.Fatalf("no %q in %q", c.word, strings.TrimSpace(c.text))
		}
	}
}
