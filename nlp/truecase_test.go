package nlp

import (
	"testing"

	"github.com/parley-events/parley/doc"
)

// A title-case headline is tagged as ordinary text would be: its verbs and
// common nouns are no longer proper nouns, its names still are.
func TestTitleCaseHeadline(t *testing.T) {
	d := &doc.Document{Text: "Russia Condemns New US Sanctions as Unlawful\n\n" +
		"Moscow on Thursday condemned the new sanctions announced by the United States. " +
		"The Russian embassy in Washington called the sanctions unlawful."}
	Annotate(d)
	want := map[string]string{"Russia": "PROPN", "Condemns": "VERB", "Unlawful": "ADJ", "US": "PROPN"}
	got := map[string]string{}
	for _, tk := range d.Tokens[d.Sentences[0].First:d.Sentences[0].Last] {
		got[tk.Text] = tk.UPOS
	}
	for w, u := range want {
		if got[w] != u {
			t.Errorf("%s tagged %s, want %s (sentence tags %v)", w, got[w], u, got)
		}
	}
	// Ordinary sentences are not touched.
	if titleCase(d.Tokens[d.Sentences[1].First:d.Sentences[1].Last]) {
		t.Error("the body's first sentence taken for a headline")
	}
}
