package depparse

import (
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/parley-events/parley/conllu"
)

// Settings of the shipped model, used by `parley train parser`.
const (
	// TrainIterations is the number of passes over the training set.
	TrainIterations = 10
	// JackknifeFolds is the number of folds of the jackknifed training tags.
	JackknifeFolds = 10
)

// trainOptions are the knobs of training; Train uses defaultOptions, the
// values tuned on EWT dev.
type trainOptions struct {
	iterations  int
	seed        int64
	minWordFreq int     // words seen fewer times in training are unknown
	exploreFrom int     // first iteration (0-based) that follows the model's own errors
	exploreProb float64 // probability of following the prediction when exploring
	skipNonProj bool    // drop non-projective training trees
	alsoGold    bool    // with given tags, also train on each sentence with its gold tags
	minWeight   float64 // averaged weights smaller than this are pruned
	quantUnit   float32 // weights are rounded to multiples of this
	// afterIteration, if set, is called with the averaged model after
	// each iteration (for tuning on held-out data).
	afterIteration func(iter int, p *Parser)
}

func defaultOptions(iterations int, seed int64) trainOptions {
	return trainOptions{
		iterations:  iterations,
		seed:        seed,
		minWordFreq: 2,
		exploreFrom: 1,
		exploreProb: 0.9,
		alsoGold:    true,
		minWeight:   2,
		quantUnit:   1.0 / 16,
	}
}

// Train trains a parser on the gold trees of sents. upos and xpos give the
// tags to train with, one slice per sentence (jackknifed predicted tags, so
// the parser learns to live with the tagger's errors); each sentence is
// then seen twice per pass, once with these tags and once with its gold
// tags, which parses better than either alone. When upos and xpos are nil,
// only the gold tags are used. Training is deterministic for a given seed.
func Train(sents []conllu.Sentence, upos, xpos [][]string, iterations int, seed int64) *Parser {
	return train(sents, upos, xpos, defaultOptions(iterations, seed))
}

// example is one training sentence, interned.
type example struct {
	x     sentence
	head  []int32 // gold head per token, index 1..n
	label []int16 // gold label per token, index 1..n
}

func train(sents []conllu.Sentence, upos, xpos [][]string, o trainOptions) *Parser {
	p := newUntrained(sents, upos, xpos, o.minWordFreq)
	labelID := make(map[string]int16, len(p.labels))
	for i, l := range p.labels {
		labelID[l] = int16(i)
	}
	var exs []example
	type source struct {
		si   int
		gold bool
	}
	var srcs []source
	for si := range sents {
		srcs = append(srcs, source{si, upos == nil && xpos == nil})
		if o.alsoGold && (upos != nil || xpos != nil) {
			srcs = append(srcs, source{si, true})
		}
	}
	for _, src := range srcs {
		si, s := src.si, sents[src.si]
		if len(s.Words) == 0 {
			continue
		}
		words, up, xp := sentTags(s, si, upos, xpos)
		if src.gold {
			words, up, xp = sentTags(s, si, nil, nil)
		}
		var e example
		p.prepare(&e.x, words, up, xp)
		e.head = make([]int32, len(s.Words)+1)
		e.label = make([]int16, len(s.Words)+1)
		ok := true
		for i, w := range s.Words {
			if w.Head < 0 || w.Head > len(s.Words) {
				ok = false
			}
			e.head[i+1] = int32(w.Head)
			e.label[i+1] = labelID[w.Rel]
		}
		if !ok || (o.skipNonProj && !projective(e.head)) {
			continue
		}
		exs = append(exs, e)
	}

	L := len(p.labels)
	nclass := 2*L + 3 // SHIFT, LEFT-l, RIGHT-l, LEFT, RIGHT
	tw := newTrainWeights(nclass)
	tw.steps = 1
	rng := rand.New(rand.NewPCG(uint64(o.seed), 0x5eed))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	var st state
	var feats []uint64
	scores := make([]float32, nclass)
	cost := make([]int, nclass)
	for it := 0; it < o.iterations; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, ei := range order {
			e := &exs[ei]
			st.reset(e.x.n)
			for !st.terminal() {
				feats = features(&st, &e.x, feats[:0])
				clear(scores)
				tw.score(feats, scores)
				pred := bestClass(p, &st, scores)
				gold := p.cheapest(&st, e, scores, cost)
				if cost[pred] > cost[gold] {
					tw.update(feats, gold, 1)
					tw.update(feats, pred, -1)
					if kg, kp := p.kindOf(gold), p.kindOf(pred); kg != kp {
						if kg != shift {
							tw.update(feats, kindClass(L, kg), 1)
						}
						if kp != shift {
							tw.update(feats, kindClass(L, kp), -1)
						}
					}
				}
				tw.steps++
				next := gold
				if it >= o.exploreFrom && rng.Float64() < o.exploreProb {
					next = pred
				}
				k, l := p.decode(next)
				st.apply(k, l)
			}
		}
		if o.afterIteration != nil {
			o.afterIteration(it, p.withWeights(tw.table(o.minWeight, o.quantUnit)))
		}
	}
	p.wt = tw.table(o.minWeight, o.quantUnit)
	return p
}

// cheapest fills cost with the dynamic-oracle cost of every valid class
// (labels included) and returns the best-scoring class of least cost.
func (p *Parser) cheapest(st *state, e *example, scores []float32, cost []int) int {
	cs, cl, cr := st.costs(e.head)
	L := len(p.labels)
	best, bestCost := -1, 0
	consider := func(c, k int) {
		cost[c] = k
		if best < 0 || k < bestCost || (k == bestCost && classScore(L, scores, c) > classScore(L, scores, best)) {
			best, bestCost = c, k
		}
	}
	s0, s1 := st.s(0), st.s(1)
	var gl int16 = -1
	var gh int32 = none
	if s0 > 0 {
		gl, gh = e.label[s0], e.head[s0]
	}
	if st.canShift() {
		consider(0, cs)
	}
	if st.canLeft() {
		for l := 0; l < L; l++ {
			if l == p.root {
				continue
			}
			k := cl
			if gh == st.b && int16(l) != gl {
				k++
			}
			consider(1+l, k)
		}
	}
	if st.canRight() {
		for l := 0; l < L; l++ {
			if (l == p.root) != st.rightIsRoot() {
				continue
			}
			k := cr
			if gh == s1 && int16(l) != gl {
				k++
			}
			consider(1+L+l, k)
		}
	}
	return best
}

// newUntrained sets up the label set, tag sets and known words of a parser
// to be trained on sents.
func newUntrained(sents []conllu.Sentence, upos, xpos [][]string, minWordFreq int) *Parser {
	labels := map[string]bool{"root": true}
	xs, us := map[string]bool{}, map[string]bool{}
	freq := map[uint64]int{}
	for si, s := range sents {
		words, up, xp := sentTags(s, si, upos, xpos)
		for i, w := range s.Words {
			labels[w.Rel] = true
			xs[xp[i]], us[up[i]] = true, true
			freq[wordHash(words[i])]++
		}
	}
	p := &Parser{
		labels: sortedKeys(labels),
		xpos:   newTagSet(sortedKeys(xs)),
		upos:   newTagSet(sortedKeys(us)),
		known:  map[uint64]struct{}{},
	}
	p.root = slices.Index(p.labels, "root")
	for h, f := range freq {
		if f >= minWordFreq {
			p.known[h] = struct{}{}
		}
	}
	return p
}

// sentTags returns the words of sentence si and the tags to use for it.
func sentTags(s conllu.Sentence, si int, upos, xpos [][]string) (words, up, xp []string) {
	words = make([]string, len(s.Words))
	up = make([]string, len(s.Words))
	xp = make([]string, len(s.Words))
	for i, w := range s.Words {
		words[i], up[i], xp[i] = w.Form, w.UPOS, w.XPOS
		if upos != nil && i < len(upos[si]) {
			up[i] = upos[si][i]
		}
		if xpos != nil && i < len(xpos[si]) {
			xp[i] = xpos[si][i]
		}
	}
	return
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortByKey(order []int, keys []uint64) {
	sort.Slice(order, func(i, j int) bool { return keys[order[i]] < keys[order[j]] })
}

// projective reports whether the tree given by head (index 1..n, 0 = ROOT)
// has no crossing arcs.
func projective(head []int32) bool {
	n := int32(len(head) - 1)
	for d := int32(1); d <= n; d++ {
		h := head[d]
		lo, hi := min(h, d), max(h, d)
		for k := lo + 1; k < hi; k++ {
			// every token strictly between must be dominated by h
			a := k
			for steps := int32(0); a != 0 && a != h; steps++ {
				a = head[a]
				if a < 0 || a > n || steps > n {
					return false
				}
			}
			if a != h {
				return false
			}
		}
	}
	return true
}
