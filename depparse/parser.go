// Package depparse is parley's labelled dependency parser for English.
//
// It is a greedy transition-based parser (arc-hybrid, trained with a
// dynamic oracle after Goldberg and Nivre 2013) scored by an averaged
// perceptron over Zhang and Nivre (2011) style feature templates. It reads
// words with their UPOS and Penn Treebank (XPOS) tags and predicts, for each
// word, its head and its Universal Dependencies relation with subtype
// (nsubj:pass, nmod:poss, compound:prt, ...), as in UD English EWT.
//
// The model shipped in the binary is trained on UD English EWT and GUM
// (train splits) with jackknifed tags from package tag; `parley train
// parser` rebuilds it. Parse gives one tree; ParseAlternatives also says
// how sure the parser was of each attachment and which head came second.
package depparse

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"
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
	p.parseSentence(words, upos, xpos, heads, rels, nil)
}

// parseSentence is Parse, filling alts too when it is not nil.
func (p *Parser) parseSentence(words, upos, xpos []string, heads []int, rels []string, alts []Alternative) {
	n := len(words)
	if len(heads) < n || len(rels) < n {
		panic(fmt.Sprintf("depparse: Parse of %d words given %d heads and %d rels", n, len(heads), len(rels)))
	}
	if d := datelineEnd(words, upos); d > 0 && len(xpos) >= n {
		p.parseDateline(words, upos, xpos, heads, rels, alts, d)
		return
	}
	p.parseSpan(words, upos, xpos, heads, rels, alts)
}

// parseSpan parses words as one sentence and repairs the result (see
// repair). A word that the repairs moved gets its unrepaired attachment as
// its alternative, with margins 0.
func (p *Parser) parseSpan(words, upos, xpos []string, heads []int, rels []string, alts []Alternative) {
	n := len(words)
	if alts == nil {
		p.parseOnly(words, upos, xpos, heads, rels, nil)
		repair(words, upos, xpos, heads[:n], rels[:n])
		return
	}
	p.parseOnly(words, upos, xpos, heads, rels, alts)
	raw := make([]int, n)
	rawRels := make([]string, n)
	copy(raw, heads[:n])
	copy(rawRels, rels[:n])
	repair(words, upos, xpos, heads[:n], rels[:n])
	for i := range n {
		if heads[i] != raw[i] {
			alts[i] = Alternative{Head: raw[i], Rel: rawRels[i]}
		}
	}
}

// Alternative is what the parser weighed for one word and did not choose.
type Alternative struct {
	// Head and Rel are the runner-up attachment: of all the heads that
	// the parser could have given the word while it was on top of the
	// stack (the words arriving at the front of the buffer and the word
	// under it), the one whose transition scored closest to the
	// transition the parser chose at that step. Head is 1-based, 0 = root,
	// and -1 when the word never had another possible head.
	Head int
	Rel  string
	// HeadMargin is how far the runner-up's transition scored below the
	// chosen transition of its step, in the model's score units: +Inf
	// when Head is -1.
	HeadMargin float64
	// Margin is the chosen attachment's score minus that of the best
	// other valid transition at the step that attached the word
	// (another head, another label, or reading on). Near 0, the parser
	// nearly did something else with the word; +Inf when nothing else
	// was valid.
	Margin float64
}

// ParseAlternatives parses like Parse and also fills alts[i] with the
// alternative for word i: a small Margin marks an attachment the parser
// was unsure of, and Head names the head it would otherwise have picked.
// For example, in "a reply to French and German criticism of Mali" a
// parse that hangs French on reply as nmod with a small margin may name
// criticism as the runner-up head. A word that the post-parse repairs
// moved gets its unrepaired attachment as its alternative, with margins 0;
// in a sentence opening with a dateline, the dateline's head and the dash,
// which Parse attaches by rule, have no alternative (Head -1, margins
// +Inf). alts must be as long as words. It costs about a third more than
// Parse.
func (p *Parser) ParseAlternatives(words, upos, xpos []string, heads []int, rels []string, alts []Alternative) {
	n := len(words)
	if len(alts) < n {
		panic(fmt.Sprintf("depparse: ParseAlternatives of %d words given %d alternatives", n, len(alts)))
	}
	p.parseSentence(words, upos, xpos, heads, rels, alts[:n])
}

// candidate is a head the parser could have given a word at some step:
// the best label for it and the score deficit against the chosen
// transition.
type candidate struct {
	word, head int32
	label      int16
	deficit    int32
}

// weigh records, for the stack top of st, the best LEFT and RIGHT
// attachments that the scores allow and how far each falls below the
// chosen class, and the word's margin when chosen attaches it.
func (p *Parser) weigh(st *state, scores []int32, chosen int, cands []candidate, alts []Alternative) []candidate {
	s0 := st.s(0)
	if s0 <= 0 {
		return cands
	}
	L := len(p.labels)
	best := classScore(L, scores, chosen)
	kind := p.kindOf(chosen)
	runnerUp := func(k int) (int16, int32, bool) {
		var bl int16 = -1
		var bs int32
		for l := 0; l < L; l++ {
			if k == left && l == p.root || k == right && (l == p.root) != st.rightIsRoot() {
				continue
			}
			c := 1 + l
			if k == right {
				c += L
			}
			if c == chosen {
				continue
			}
			if v := classScore(L, scores, c); bl < 0 || v > bs {
				bl, bs = int16(l), v
			}
		}
		return bl, bs, bl >= 0
	}
	margin := math.Inf(1)
	for _, k := range [2]int{left, right} {
		if k == left && !st.canLeft() || k == right && !st.canRight() {
			continue
		}
		l, v, ok := runnerUp(k)
		if !ok {
			continue
		}
		margin = min(margin, float64(best-v))
		if kind == shift || k != kind {
			cands = append(cands, candidate{s0, st.headIf(k), l, best - v})
		}
	}
	if kind != shift {
		if st.canShift() {
			margin = min(margin, float64(best-scores[0]))
		}
		alts[s0-1].Margin = margin * float64(p.wt.unit)
	}
	return cands
}

// fillAlternatives turns the candidates gathered during a parse into each
// word's runner-up head.
func (p *Parser) fillAlternatives(st *state, cands []candidate, alts []Alternative) {
	for i := range alts {
		alts[i].Head, alts[i].Rel, alts[i].HeadMargin = -1, "", math.Inf(1)
	}
	unit := float64(p.wt.unit)
	for _, c := range cands {
		a := &alts[c.word-1]
		m := float64(c.deficit) * unit
		if c.head != st.head[c.word] && m < a.HeadMargin {
			a.Head, a.Rel, a.HeadMargin = int(c.head), p.labels[c.label], m
		}
	}
}

// parseOnly is Parse without the repairs. When alts is not nil it records
// each word's alternative (see Alternative).
func (p *Parser) parseOnly(words, upos, xpos []string, heads []int, rels []string, alts []Alternative) {
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
	var cands []candidate
	if alts != nil {
		for i := range alts[:n] {
			alts[i].Margin = math.Inf(1)
		}
	}
	for !st.terminal() {
		sc.feats = features(st, &sc.x, sc.feats[:0])
		clear(sc.scores)
		sc.touched += p.wt.score(sc.feats, sc.scores)
		c := bestClass(p, st, sc.scores)
		k, l := p.decode(c)
		if alts != nil {
			cands = p.weigh(st, sc.scores, c, cands, alts)
		}
		st.apply(k, l)
	}
	for i := 1; i <= n; i++ {
		heads[i-1] = int(st.head[i])
		rels[i-1] = p.labels[st.label[i]]
	}
	if alts != nil {
		p.fillAlternatives(st, cands, alts)
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
		x.sig = make([]uint64, m)
		x.t = make([]uint16, m)
		x.p = make([]uint16, m)
	}
	x.w, x.sig, x.t, x.p = x.w[:m], x.sig[:m], x.t[:m], x.p[:m]
	x.n = n
	x.w[0], x.sig[0], x.t[0], x.p[0] = noWord, noWord, noTag, noTag
	x.w[1], x.sig[1], x.t[1], x.p[1] = rootWord, rootWord, rootTag, rootTag
	for i, w := range words {
		x.sig[i+2] = signature(w)
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
