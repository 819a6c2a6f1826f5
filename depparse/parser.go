// Package depparse is parley's labelled dependency parser for English.
//
// It is a greedy transition-based parser (arc-hybrid, trained with a
// dynamic oracle after Goldberg and Nivre 2013) scored by an averaged
// perceptron over Zhang and Nivre (2011) style feature templates. It reads
// words with their UPOS and Penn Treebank (XPOS) tags and predicts, for each
// word, its head and its Universal Dependencies relation with subtype
// (nsubj:pass, nmod:poss, compound:prt, ...), as in UD English EWT.
//
// The model shipped in the binary is trained on UD English EWT with
// jackknifed tags from package tag; `parley train parser` rebuilds it.
package depparse

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
)

//go:embed model.bin.gz
var embeddedModel []byte

// Parser is a trained dependency parser. Its methods are safe for
// concurrent use.
type Parser struct {
	labels []string
	root   int // index of the root label
	xpos   tagSet
	upos   tagSet
	known  map[uint64]struct{} // hashes of words common enough in training
	wt     *weights
	pool   sync.Pool // *scratch
}

// tagSet interns tag strings to small ids (ids start after the reserved
// noTag, rootTag and unkTag).
type tagSet struct {
	names []string
	ids   map[string]uint16
}

func newTagSet(names []string) tagSet {
	t := tagSet{names: names, ids: make(map[string]uint16, len(names))}
	for i, n := range names {
		t.ids[n] = uint16(i + unkTag + 1)
	}
	return t
}

func (t *tagSet) id(s string) uint16 {
	if v, ok := t.ids[s]; ok {
		return v
	}
	return unkTag
}

// scratch is the per-call working memory of Parse, reused through a pool so
// parsing allocates nothing per token.
type scratch struct {
	st      state
	x       sentence
	feats   []uint64
	scores  []int32
	touched uint32 // see weights.score
}

var (
	defaultOnce   sync.Once
	defaultParser *Parser
)

// Default returns the parser embedded in the binary, loaded on first use.
func Default() *Parser {
	defaultOnce.Do(func() {
		p, err := Load(bytes.NewReader(embeddedModel))
		if err != nil {
			// The model is part of the source tree; a broken one is a
			// build defect, not bad input.
			panic(fmt.Sprintf("depparse: embedded model: %v", err))
		}
		defaultParser = p
	})
	return defaultParser
}

// Labels returns the relations the parser can predict.
func (p *Parser) Labels() []string { return append([]string(nil), p.labels...) }

// Parse fills heads (0 = root, else the 1-based index of the head word, as
// in CoNLL-U) and rels for one sentence of words with their UPOS and XPOS
// tags. heads and rels must be as long as words; a missing or unknown tag
// is treated as a tag never seen in training.
func (p *Parser) Parse(words, upos, xpos []string, heads []int, rels []string) {
	p.parseOnly(words, upos, xpos, heads, rels)
	n := len(words)
	repair(words, upos, heads[:n], rels[:n])
}

// parseOnly is Parse without the repairs.
func (p *Parser) parseOnly(words, upos, xpos []string, heads []int, rels []string) {
	n := len(words)
	if len(heads) < n || len(rels) < n {
		panic(fmt.Sprintf("depparse: Parse of %d words given %d heads and %d rels", n, len(heads), len(rels)))
	}
	if n == 0 {
		return
	}
	sc, _ := p.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{scores: make([]int32, p.wt.nclass)}
	}
	p.prepare(&sc.x, words, upos, xpos)
	st := &sc.st
	st.reset(n)
	for !st.terminal() {
		sc.feats = features(st, &sc.x, sc.feats[:0])
		clear(sc.scores)
		sc.touched += p.wt.score(sc.feats, sc.scores)
		c := bestClass(p, st, sc.scores)
		k, l := p.decode(c)
		st.apply(k, l)
	}
	for i := 1; i <= n; i++ {
		heads[i-1] = int(st.head[i])
		rels[i-1] = p.labels[st.label[i]]
	}
	p.pool.Put(sc)
}

// prepare interns the attributes of a sentence. Words outside the known
// set become unkWord, in training just as in parsing.
func (p *Parser) prepare(x *sentence, words, upos, xpos []string) {
	n := len(words)
	m := n + 2
	if cap(x.w) < m {
		x.w = make([]uint64, m)
		x.t = make([]uint16, m)
		x.p = make([]uint16, m)
	}
	x.w, x.t, x.p = x.w[:m], x.t[:m], x.p[:m]
	x.n = n
	x.w[0], x.t[0], x.p[0] = noWord, noTag, noTag
	x.w[1], x.t[1], x.p[1] = rootWord, rootTag, rootTag
	for i, w := range words {
		h := wordHash(w)
		if _, ok := p.known[h]; !ok {
			h = unkWord
		}
		x.w[i+2] = h
		x.t[i+2], x.p[i+2] = unkTag, unkTag
		if i < len(xpos) {
			x.t[i+2] = p.xpos.id(xpos[i])
		}
		if i < len(upos) {
			x.p[i+2] = p.upos.id(upos[i])
		}
	}
}

// Classes: 0 is SHIFT, 1+l is LEFT-l, 1+L+l is RIGHT-l (then the two kind
// classes, see kindClass).
func (p *Parser) decode(c int) (kind int, label int16) {
	L := len(p.labels)
	switch {
	case c == 0:
		return shift, -1
	case c <= L:
		return left, int16(c - 1)
	default:
		return right, int16(c - 1 - L)
	}
}

func (p *Parser) kindOf(c int) int {
	k, _ := p.decode(c)
	return k
}

// kindClass is the class whose weights score every LEFT (kind left) or
// every RIGHT (kind right) transition whatever its label: the structural
// evidence for popping s0 is shared by all labels instead of being learned
// once per label. Classes 1+2L and 2+2L, after the labelled ones.
func kindClass(L, kind int) int { return 2*L + kind }

// classScore is the score of class c: its own weight plus its kind's.
func classScore[S int32 | float32](L int, scores []S, c int) S {
	switch {
	case c == 0:
		return scores[0]
	case c <= L:
		return scores[c] + scores[kindClass(L, left)]
	default:
		return scores[c] + scores[kindClass(L, right)]
	}
}

// bestClass returns the highest-scoring valid class.
func bestClass[S int32 | float32](p *Parser, st *state, scores []S) int {
	L := len(p.labels)
	best := -1
	var bs S
	consider := func(c int) {
		if v := classScore(L, scores, c); best < 0 || v > bs {
			best, bs = c, v
		}
	}
	if st.canShift() {
		consider(0)
	}
	if st.canLeft() {
		for l := 0; l < L; l++ {
			if l != p.root {
				consider(1 + l)
			}
		}
	}
	if st.canRight() {
		if st.rightIsRoot() {
			consider(1 + L + p.root)
		} else {
			for l := 0; l < L; l++ {
				if l != p.root {
					consider(1 + L + l)
				}
			}
		}
	}
	return best
}

// withWeights returns a parser like p with weight table wt.
func (p *Parser) withWeights(wt *weights) *Parser {
	return &Parser{labels: p.labels, root: p.root, xpos: p.xpos, upos: p.upos, known: p.known, wt: wt}
}
