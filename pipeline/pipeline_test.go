package pipeline_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/pipeline"
)

// words splits the text at spaces into tokens and one sentence.
var words = pipeline.Func("words", []doc.Layer{doc.LayerText}, []doc.Layer{doc.LayerTokens, doc.LayerSentences},
	func(d *doc.Document) error {
		off := 0
		for _, w := range strings.Fields(d.Text) {
			start := strings.Index(d.Text[off:], w) + off
			d.Tokens = append(d.Tokens, doc.Token{Start: start, End: start + len(w), Text: w, Head: -1})
			off = start + len(w)
		}
		d.Sentences = []doc.Sentence{{Start: 0, End: len(d.Text), First: 0, Last: len(d.Tokens)}}
		return nil
	})

// shout tags every token in capitals as a proper noun.
var shout = pipeline.Func("shout", []doc.Layer{doc.LayerTokens}, []doc.Layer{doc.LayerTags},
	func(d *doc.Document) error {
		for i := range d.Tokens {
			d.Tokens[i].UPOS = "X"
			if t := d.Tokens[i].Text; t == strings.ToUpper(t) {
				d.Tokens[i].UPOS = "PROPN"
			}
		}
		return nil
	})

func Example() {
	p, err := pipeline.New(words, shout)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(p)
	d := &doc.Document{Text: "NATO met in Oslo"}
	if err := p.Run(d); err != nil {
		fmt.Println(err)
	}
	for _, t := range d.Tokens {
		fmt.Println(t.Text, t.UPOS)
	}
	// Output:
	// words: text → tokens, sentences
	// shout: tokens → tags
	// NATO PROPN
	// met X
	// in X
	// Oslo X
}

func TestNewRefusesMisorderedStages(t *testing.T) {
	_, err := pipeline.New(shout, words)
	if err == nil || !strings.Contains(err.Error(), `stage "shout" requires tokens`) {
		t.Fatalf("got %v, want shout's missing tokens named", err)
	}
	if _, err := pipeline.New(words, words); err == nil || !strings.Contains(err.Error(), `two stages are named "words"`) {
		t.Fatalf("got %v, want the repeated name refused", err)
	}
}

func TestRunNamesTheFailingStage(t *testing.T) {
	broken := pipeline.Func("broken", []doc.Layer{doc.LayerTokens}, nil, func(*doc.Document) error { return fmt.Errorf("no luck") })
	p := pipeline.Must(words, broken, shout)
	d := &doc.Document{Text: "A B"}
	err := p.Run(d)
	if err == nil || err.Error() != "broken: no luck" {
		t.Fatalf("got %v", err)
	}
	if d.Tokens[0].UPOS != "" {
		t.Error("a stage after the failing one ran")
	}
}
