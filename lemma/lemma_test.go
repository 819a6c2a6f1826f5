package lemma

import (
	"testing"

	"github.com/parley-events/parley/conllu"
	"github.com/parley-events/parley/internal/shared"
)

func TestNewsWords(t *testing.T) {
	for _, c := range []struct{ word, upos, xpos, want string }{
		{"met", "VERB", "VBD", "meet"},
		{"strikes", "NOUN", "NNS", "strike"},
		{"strikes", "VERB", "VBZ", "strike"},
		{"talks", "NOUN", "NNS", "talk"},
		{"militants", "NOUN", "NNS", "militant"},
		{"was", "AUX", "VBD", "be"},
		{"better", "ADJ", "JJR", "good"},
		{"Killed", "VERB", "VBN", "kill"},
		{"said", "VERB", "VBD", "say"},
		{"stopped", "VERB", "VBD", "stop"},
		{"attacking", "VERB", "VBG", "attack"},
		{"hostages", "NOUN", "NNS", "hostage"},
		{"countries", "NOUN", "NNS", "country"},
		{"women", "NOUN", "NNS", "woman"},
		{"Moscow", "PROPN", "NNP", "Moscow"},
		{"Americans", "PROPN", "NNPS", "American"},
		{"’s", "AUX", "VBZ", "be"},
		{"“", "PUNCT", "``", `"`},
	} {
		if got := Lemma(c.word, c.upos, c.xpos); got != c.want {
			t.Errorf("Lemma(%q, %s, %s) = %q, want %q", c.word, c.upos, c.xpos, got, c.want)
		}
	}
}

func TestAccuracyEWTTest(t *testing.T) {
	sents, err := conllu.ReadFile(shared.Path(t, "data/ud/en_ewt-ud-test.conllu.gz"))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"NOUN", "VERB", "ADJ"} {
		t.Logf("EWT test lemma accuracy %s: %.4f", u, Accuracy(sents, u))
	}
	all := Accuracy(sents, "NOUN", "VERB", "ADJ")
	t.Logf("EWT test lemma accuracy NOUN+VERB+ADJ: %.4f", all)
	if all < 0.97 {
		t.Errorf("lemma accuracy %.4f on EWT test NOUN/VERB/ADJ, want >= 0.97", all)
	}
}

func TestTypographicHyphensBecomePlain(t *testing.T) {
	for _, c := range []struct{ word, upos, xpos, want string }{
		{"Secretary\u2011General", "PROPN", "NNP", "Secretary-General"},
		{"cease\u2010fire", "NOUN", "NN", "cease-fire"},
		{"Under\u2011Secretary\u2011General", "PROPN", "NNP", "Under-Secretary-General"},
		{"long–term", "ADJ", "JJ", "long–term"}, // an en dash is no hyphen
	} {
		if got := Lemma(c.word, c.upos, c.xpos); got != c.want {
			t.Errorf("Lemma(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}
