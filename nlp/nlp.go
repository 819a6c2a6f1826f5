// Package nlp runs parley's language pipeline over a Document: segmentation,
// part-of-speech tagging, lemmatisation and dependency parsing, in that
// order, each stage adding its layer to the document's tokens.
package nlp

import (
	"sync"

	"github.com/parley-events/parley/depparse"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/lemma"
	"github.com/parley-events/parley/segment"
	"github.com/parley-events/parley/tag"
)

// scratch holds the per-sentence slices the tagger and parser fill, reused
// across sentences so annotation does not allocate per token.
type scratch struct {
	words, upos, xpos, rels []string
	heads                   []int
}

var pool = sync.Pool{New: func() any { return new(scratch) }}

func (s *scratch) reset(n int) {
	if cap(s.words) < n {
		s.words, s.upos, s.xpos, s.rels = make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		s.heads = make([]int, n)
	}
	s.words, s.upos, s.xpos, s.rels, s.heads = s.words[:n], s.upos[:n], s.xpos[:n], s.rels[:n], s.heads[:n]
}

// Annotate segments d (unless it already has tokens), then tags, lemmatises
// and parses every sentence. It is safe for concurrent use on different
// documents.
func Annotate(d *doc.Document) {
	if d.Tokens == nil {
		segment.Segment(d)
	}
	s := pool.Get().(*scratch)
	defer pool.Put(s)
	tagger, parser := tag.Default(), depparse.Default()
	var tc *truecaser
	for _, sent := range d.Sentences {
		toks := d.Tokens[sent.First:sent.Last]
		s.reset(len(toks))
		if titleCase(toks) {
			if tc == nil {
				tc = newTruecaser(d)
			}
			tc.words(toks, s.words)
		} else {
			for i := range toks {
				s.words[i] = toks[i].Text
			}
		}
		tagger.Tag(s.words, s.upos, s.xpos)
		fixClosedClass(s.words, s.upos, s.xpos)
		fixAfterPossessive(s.words, s.upos, s.xpos)
		fixInterjection(s.words, s.upos, s.xpos)
		fixPerfect(s.words, s.upos, s.xpos)
		parser.Parse(s.words, s.upos, s.xpos, s.heads, s.rels)
		for i := range toks {
			t := &toks[i]
			t.UPOS, t.XPOS = s.upos[i], s.xpos[i]
			t.Lemma = lemma.Lemma(t.Text, t.UPOS, t.XPOS)
			t.Head = -1
			if h := s.heads[i]; h > 0 {
				t.Head = sent.First + h - 1
			}
			t.Rel = s.rels[i]
		}
	}
}
