package tag

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/parley-events/parley/conllu"
	"github.com/parley-events/parley/internal/shared"
)

func readUD(t testing.TB, name string) []conllu.Sentence {
	t.Helper()
	s, err := conllu.ReadFile(shared.Path(t, "data/ud/"+name))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAccuracyEWTTest(t *testing.T) {
	u, x := Default().Accuracy(readUD(t, "en_ewt-ud-test.conllu.gz"))
	t.Logf("EWT test: UPOS %.4f XPOS %.4f", u, x)
	if u < 0.955 {
		t.Errorf("EWT test UPOS %.4f, want >= 0.955", u)
	}
}

func TestAccuracyPUD(t *testing.T) {
	u, x := Default().Accuracy(readUD(t, "en_pud-ud-test.conllu.gz"))
	t.Logf("PUD: UPOS %.4f XPOS %.4f", u, x)
	if u < 0.95 {
		t.Errorf("PUD UPOS %.4f, want >= 0.95", u)
	}
}

// TestTrainSmall trains on a few hundred sentences, checks the model learns
// its training data and survives a save/load round trip unchanged.
func TestTrainSmall(t *testing.T) {
	train := readUD(t, "en_ewt-ud-train.conllu.gz")[:300]
	m := Train(train, 5, 7)
	u, _ := m.Accuracy(train)
	if u < 0.9 {
		t.Errorf("training-set UPOS %.3f after 5 passes, want >= 0.9", u)
	}
	var a, b bytes.Buffer
	if err := m.Save(&a); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := m2.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("save → load → save changed the model")
	}
	u2, _ := m2.Accuracy(train)
	if u2 != u {
		t.Errorf("loaded model UPOS %.4f, trained %.4f", u2, u)
	}
	if m3 := Train(train, 5, 7); !bytes.Equal(a.Bytes(), save(t, m3)) {
		t.Error("training twice with the same seed gave different models")
	}
}

func save(t *testing.T, m *Tagger) []byte {
	var b bytes.Buffer
	if err := m.Save(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestJackknife(t *testing.T) {
	sents := readUD(t, "en_ewt-ud-train.conllu.gz")[:400]
	up, xp := Jackknife(sents, 4, 3, 1)
	n, ok := 0, 0
	for i, s := range sents {
		if len(up[i]) != len(s.Words) || len(xp[i]) != len(s.Words) {
			t.Fatalf("sentence %d: %d/%d tags for %d words", i, len(up[i]), len(xp[i]), len(s.Words))
		}
		for j, w := range s.Words {
			n++
			if up[i][j] == w.UPOS {
				ok++
			}
		}
	}
	acc := float64(ok) / float64(n)
	// Held-out tagging by models trained on 300 sentences: well below
	// training-set accuracy, well above chance.
	if acc < 0.75 || acc > 0.97 {
		t.Errorf("jackknifed UPOS accuracy %.3f, want 0.75..0.97", acc)
	}
}

func TestLoadRejectsGarbage(t *testing.T) {
	if _, err := Load(bytes.NewReader([]byte("not a model"))); err == nil {
		t.Error("Load accepted garbage")
	}
	good := save(t, Default())
	// A truncated model must fail with an error, not panic.
	var trunc bytes.Buffer
	m, _ := Load(bytes.NewReader(good))
	m.Save(&trunc)
	if _, err := Load(bytes.NewReader(trunc.Bytes()[:trunc.Len()/2])); err == nil {
		t.Error("Load accepted a truncated model")
	}
}

func ExampleTagger_Tag() {
	words := []string{"Russian", "troops", "attacked", "the", "village", "on", "Monday", "."}
	upos := make([]string, len(words))
	xpos := make([]string, len(words))
	Default().Tag(words, upos, xpos)
	for i, w := range words {
		if i > 0 {
			fmt.Print(" ")
		}
		fmt.Printf("%s/%s/%s", w, upos[i], xpos[i])
	}
	fmt.Println()
	// Output:
	// Russian/ADJ/JJ troops/NOUN/NNS attacked/VERB/VBD the/DET/DT village/NOUN/NN on/ADP/IN Monday/PROPN/NNP ./PUNCT/.
}
