package nlp

import (
	"strings"
	"testing"

	"github.com/parley-events/parley/conllu"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/internal/shared"
)

func TestAnnotateSeed(t *testing.T) {
	d := &doc.Document{Text: "Bogdanov also met with Marzouk. Israel has announced a total blockade of the Gaza Strip."}
	Annotate(d)
	if len(d.Sentences) != 2 {
		t.Fatalf("%d sentences", len(d.Sentences))
	}
	met := d.Tokens[2]
	if met.Text != "met" || met.UPOS != "VERB" || met.Lemma != "meet" || met.Head != -1 || met.Rel != "root" {
		t.Errorf("met: %+v", met)
	}
	if b := d.Tokens[0]; b.Head != 2 || b.Rel != "nsubj" {
		t.Errorf("Bogdanov: head %d rel %s, want 2 nsubj", b.Head, b.Rel)
	}
	for _, s := range d.Sentences {
		roots := 0
		for i := s.First; i < s.Last; i++ {
			h := d.Tokens[i].Head
			if h == -1 {
				roots++
			} else if h < s.First || h >= s.Last {
				t.Errorf("token %d's head %d lies outside its sentence", i, h)
			}
		}
		if roots != 1 {
			t.Errorf("sentence %v has %d roots", s, roots)
		}
	}
}

// ewtTexts returns the raw sentence texts of the EWT test file.
func ewtTexts(tb testing.TB) []string {
	sents, err := conllu.ReadFile(shared.Path(tb, "data/ud/en_ewt-ud-test.conllu.gz"))
	if err != nil {
		tb.Fatal(err)
	}
	texts := make([]string, len(sents))
	for i, s := range sents {
		texts[i] = s.Text
	}
	return texts
}

// BenchmarkPipeline runs the whole language pipeline (tokenise, split,
// tag, lemmatise, parse) over the raw text of EWT test, on one goroutine.
// Sentences are counted as the treebank counts them.
func BenchmarkPipeline(b *testing.B) {
	texts := ewtTexts(b)
	// Documents of 20 treebank sentences each, separated by blank lines so
	// that the splitter sees paragraph breaks where the treebank has them.
	var docs []string
	for i := 0; i < len(texts); i += 20 {
		j := min(i+20, len(texts))
		docs = append(docs, strings.Join(texts[i:j], "\n\n"))
	}
	Annotate(&doc.Document{Text: docs[0]})
	b.ResetTimer()
	tokens := 0
	for b.Loop() {
		for _, text := range docs {
			d := &doc.Document{Text: text}
			Annotate(d)
			tokens += len(d.Tokens)
		}
	}
	s := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N*len(texts))/s, "sentences/s")
	b.ReportMetric(float64(tokens)/s, "tokens/s")
}
