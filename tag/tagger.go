// Package tag is parley's English part-of-speech tagger: a greedy
// left-to-right averaged perceptron (Collins 2002; Honnibal's "A good
// part-of-speech tagger in about 200 lines of Python") that predicts a joint
// UPOS|XPOS label for each word.
//
// It is trained on the Universal Dependencies English EWT and GUM treebanks
// (see `parley train tagger`); the trained model is embedded in the binary and
// returned by Default. Typographic quotes and dashes are folded to ASCII for
// feature extraction only, so news text with “curly quotes” tags like the
// mostly-ASCII web text of the treebank.
package tag

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
)

// label is one output class: a universal and a Penn Treebank tag.
type label struct{ upos, xpos string }

// Tagger is a trained tagging model. It is read-only after training or
// loading, and Tag is safe for concurrent use.
type Tagger struct {
	labels []label
	verbal []bool // verbal[c]: class c is a VERB or AUX

	// tagDict maps the hash of a frequent, unambiguous word form to its
	// class: such words are tagged without scoring.
	tagDict hashTable
	// lexicon maps the hash of a frequent lower-cased word to the hash of
	// its ambiguity class (the set of UPOS it takes in training).
	lexicon hashTable

	// weights maps a feature key to its run of packed entries in
	// entries: class in the low 8 bits, weight (int16, in units of scale)
	// in the next 16. Scores are summed in integers.
	weights featTable
	entries []uint32
	scale   float32 // the real weight of one unit, kept for inspection

	pool sync.Pool
}

//go:embed tagger.model
var embeddedModel []byte

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
)

// Default returns the embedded model, loaded once. It panics only if the
// embedded file is corrupt, which the package tests rule out.
func Default() *Tagger {
	defaultOnce.Do(func() {
		t, err := Load(bytes.NewReader(embeddedModel))
		if err != nil {
			panic(fmt.Sprintf("tag: embedded model: %v", err))
		}
		defaultTagger = t
	})
	return defaultTagger
}

func (t *Tagger) getScratch() *scratch {
	if s, ok := t.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{scores: make([]int32, len(t.labels)), feats: make([]uint64, 0, 64)}
}

func (t *Tagger) lex(h uint64) uint64 {
	v, ok := t.lexicon.get(dictKey(h))
	if !ok {
		return 0
	}
	return v
}

// Tag fills upos[i] and xpos[i] with the tags of words[i]. upos and xpos
// must be at least as long as words. Tag is safe for concurrent use.
func (t *Tagger) Tag(words []string, upos, xpos []string) {
	t.tagOnly(words, upos, xpos)
	fixPhrases(words, upos[:len(words)], xpos[:len(words)])
}

// tagOnly is Tag without the phrase corrections.
func (t *Tagger) tagOnly(words []string, upos, xpos []string) {
	if len(words) == 0 {
		return
	}
	_ = upos[len(words)-1]
	_ = xpos[len(words)-1]
	s := t.getScratch()
	t.tagClasses(s, words)
	for i := range words {
		l := t.labels[s.tags[i+2]]
		upos[i], xpos[i] = l.upos, l.xpos
	}
	t.pool.Put(s)
}

// tagClasses predicts the class of every word into s.tags[2:].
func (t *Tagger) tagClasses(s *scratch, words []string) {
	s.fill(words, t.lex)
	n := len(words)
	if cap(s.tags) < n+2 {
		s.tags = make([]int32, n+2)
	}
	s.tags = s.tags[:n+2]
	s.tags[0], s.tags[1] = -1, -1
	s.lastVerb, s.verbal = 0, t.verbal
	for i := range words {
		if c, ok := t.tagDict.get(dictKey(s.info[i+2].form)); ok {
			s.set(i, int32(c))
			continue
		}
		s.set(i, int32(t.predict(s, s.features(i))))
	}
}

// predict returns the best-scoring class for a feature set. It works in
// three passes so that the processor overlaps the cache misses instead of
// waiting for each: it touches every feature's slot, then finds each run
// and touches its start, then adds the runs (integer sums, so the order of
// addition changes nothing).
func (t *Tagger) predict(s *scratch, feats []uint64) int {
	sc := s.scores
	clear(sc)
	slots, mask := t.weights.slots, t.weights.mask
	var touch uint32
	for _, f := range feats {
		touch += slots[f&mask].lo
	}
	var runs [128]uint64 // lo<<32 | n of the features found
	nr := 0
	for _, f := range feats {
		lo, n := t.weights.get(f)
		if n == 0 {
			continue
		}
		if nr == len(runs) {
			for _, e := range t.entries[lo : lo+n] {
				sc[e&0xff] += int32(int16(e >> 8))
			}
			continue
		}
		runs[nr] = uint64(lo)<<32 | uint64(n)
		nr++
		touch += t.entries[lo]
	}
	for _, r := range runs[:nr] {
		lo, n := uint32(r>>32), uint32(r)
		for _, e := range t.entries[lo : lo+n] {
			sc[e&0xff] += int32(int16(e >> 8))
		}
	}
	s.touched += touch
	best := 0
	for c, v := range sc {
		if v > sc[best] {
			best = c
		}
	}
	return best
}

// Labels returns the model's output classes as "UPOS|XPOS" strings.
func (t *Tagger) Labels() []string {
	out := make([]string, len(t.labels))
	for i, l := range t.labels {
		out[i] = l.upos + "|" + l.xpos
	}
	return out
}
