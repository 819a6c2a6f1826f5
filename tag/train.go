package tag

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/parley-events/parley/conllu"
)

// Training settings. They are constants rather than options so that
// `parley train tagger` always rebuilds the same model.
const (
	// A word form joins the tag dictionary (tagged without scoring) when it
	// occurs at least dictMinCount times with one class at least
	// dictMinShare of the time.
	dictMinCount = 20
	dictMinShare = 0.97
	// A lower-cased word joins the ambiguity-class lexicon when it occurs at
	// least lexMinCount times; its class is the set of UPOS tags that take
	// at least lexMinShare of its occurrences.
	lexMinCount = 3
	lexMinShare = 0.05
	// Averaged weights smaller than pruneBelow are dropped from the model:
	// they rarely change a decision and most features are rare.
	pruneBelow = 0.05
)

// trainEntry is one (feature, class) weight during training, with the
// bookkeeping for lazy averaging: total is the sum of the weight over all
// steps up to stamp.
type trainEntry struct {
	cls   int32
	w     int32
	stamp int32
	total int64
}

type trainer struct {
	labels  []label
	classOf map[label]int
	index   map[uint64]int32
	weights [][]trainEntry
	step    int32
	scores  []float32
}

// dictKey turns a word hash into a hash-table key (well mixed, non-zero).
func dictKey(h uint64) uint64 { return feat(0, h, 0) }

// Train trains a tagger on gold-tagged sentences for the given number of
// passes, shuffling the sentences before each pass with the seed. The same
// input, iterations and seed always give the same model.
func Train(sents []conllu.Sentence, iterations int, seed int64) *Tagger {
	sents = append(sents[:len(sents):len(sents)], datelines(sents)...)
	t := &Tagger{}
	tr := &trainer{classOf: map[label]int{}, index: map[uint64]int32{}}
	tr.buildLabels(sents)
	t.labels = tr.labels
	t.setVerbal()
	tr.scores = make([]float32, len(tr.labels))
	t.buildDictionaries(sents, tr.classOf)

	gold := make([][]int32, len(sents))
	for i, s := range sents {
		g := make([]int32, len(s.Words))
		for j, w := range s.Words {
			g[j] = int32(tr.class(w))
		}
		gold[i] = g
	}
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x7a67))
	s := &scratch{feats: make([]uint64, 0, 64)}
	words := make([]string, 0, 64)
	for it := 0; it < iterations; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			sent := sents[si]
			words = words[:0]
			for _, w := range sent.Words {
				words = append(words, w.Form)
			}
			s.fill(words, t.lex)
			n := len(words)
			s.tags = append(s.tags[:0], make([]int32, n+2)...)
			s.tags[0], s.tags[1] = -1, -1
			s.lastVerb, s.verbal = 0, t.verbal
			for i := 0; i < n; i++ {
				if c, ok := t.tagDict.get(dictKey(s.info[i+2].form)); ok {
					s.set(i, int32(c))
					continue
				}
				fs := s.features(i)
				guess := tr.predict(fs)
				tr.step++
				if g := gold[si][i]; int32(guess) != g {
					tr.update(g, int32(guess), fs)
				}
				s.set(i, int32(guess))
			}
		}
	}
	tr.finish(t)
	return t
}

// buildLabels numbers the UPOS|XPOS pairs of the training data, most
// frequent first (ties by name), so the numbering is reproducible. At most
// 256 classes fit the model format; rarer pairs fall back to the most
// frequent class with the same XPOS, else the same UPOS.
func (tr *trainer) buildLabels(sents []conllu.Sentence) {
	counts := map[label]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			counts[label{w.UPOS, w.XPOS}]++
		}
	}
	all := make([]label, 0, len(counts))
	for l := range counts {
		all = append(all, l)
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if counts[a] != counts[b] {
			return counts[a] > counts[b]
		}
		if a.upos != b.upos {
			return a.upos < b.upos
		}
		return a.xpos < b.xpos
	})
	keep := min(len(all), 256)
	tr.labels = all[:keep:keep]
	for i, l := range tr.labels {
		tr.classOf[l] = i
	}
	for _, l := range all[keep:] {
		c := -1
		for i, k := range tr.labels {
			if k.xpos == l.xpos {
				c = i
				break
			}
		}
		if c < 0 {
			for i, k := range tr.labels {
				if k.upos == l.upos {
					c = i
					break
				}
			}
		}
		if c < 0 {
			c = 0
		}
		tr.classOf[l] = c
	}
}

func (tr *trainer) class(w conllu.Word) int { return tr.classOf[label{w.UPOS, w.XPOS}] }

// buildDictionaries fills the tag dictionary and the ambiguity-class
// lexicon from the training data.
func (t *Tagger) buildDictionaries(sents []conllu.Sentence, classOf map[label]int) {
	s := &scratch{}
	byForm := map[uint64]map[int]int{}
	byLower := map[uint64]map[string]int{}
	for _, sent := range sents {
		for _, w := range sent.Words {
			ti := s.wordInfo(w.Form, nil)
			c := classOf[label{w.UPOS, w.XPOS}]
			if byForm[ti.form] == nil {
				byForm[ti.form] = map[int]int{}
			}
			byForm[ti.form][c]++
			if byLower[ti.lower] == nil {
				byLower[ti.lower] = map[string]int{}
			}
			byLower[ti.lower][w.UPOS]++
		}
	}
	type kv struct{ k, v uint64 }
	var dict []kv
	for h, m := range byForm {
		total, best, bestN := 0, 0, -1
		for c, n := range m {
			total += n
			if n > bestN || (n == bestN && c < best) {
				best, bestN = c, n
			}
		}
		if total >= dictMinCount && float64(bestN) >= dictMinShare*float64(total) {
			dict = append(dict, kv{dictKey(h), uint64(best)})
		}
	}
	var lex []kv
	for h, m := range byLower {
		total := 0
		for _, n := range m {
			total += n
		}
		if total < lexMinCount {
			continue
		}
		tags := make([]string, 0, len(m))
		for u, n := range m {
			if float64(n) >= lexMinShare*float64(total) {
				tags = append(tags, u)
			}
		}
		slices.Sort(tags)
		rs := []rune{}
		for _, u := range tags {
			rs = append(rs, []rune(u)...)
			rs = append(rs, '|')
		}
		lex = append(lex, kv{dictKey(h), hashRunes(rs)})
	}
	t.tagDict = newHashTable(len(dict))
	for _, e := range dict {
		t.tagDict.put(e.k, e.v)
	}
	t.lexicon = newHashTable(len(lex))
	for _, e := range lex {
		t.lexicon.put(e.k, e.v)
	}
}

func (tr *trainer) predict(feats []uint64) int {
	sc := tr.scores
	clear(sc)
	for _, f := range feats {
		r, ok := tr.index[f]
		if !ok {
			continue
		}
		for _, e := range tr.weights[r] {
			sc[e.cls] += float32(e.w)
		}
	}
	best := 0
	for c, v := range sc {
		if v > sc[best] {
			best = c
		}
	}
	return best
}

func (tr *trainer) update(truth, guess int32, feats []uint64) {
	for _, f := range feats {
		r, ok := tr.index[f]
		if !ok {
			r = int32(len(tr.weights))
			tr.index[f] = r
			tr.weights = append(tr.weights, nil)
		}
		tr.bump(r, truth, 1)
		tr.bump(r, guess, -1)
	}
}

func (tr *trainer) bump(r, cls, by int32) {
	es := tr.weights[r]
	for i := range es {
		if es[i].cls == cls {
			e := &es[i]
			e.total += int64(tr.step-e.stamp) * int64(e.w)
			e.stamp = tr.step
			e.w += by
			return
		}
	}
	tr.weights[r] = append(es, trainEntry{cls: cls, w: by, stamp: tr.step})
}

// finish averages the weights, prunes the small ones and stores them in t.
func (tr *trainer) finish(t *Tagger) {
	type row struct {
		key uint64
		es  []trainEntry
	}
	rows := make([]row, 0, len(tr.index))
	for k, r := range tr.index {
		rows = append(rows, row{k, tr.weights[r]})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].key < rows[j].key })
	steps := float64(max(tr.step, 1))
	type weight struct {
		cls int32
		avg float64
	}
	type run struct {
		key uint64
		ws  []weight
	}
	var runs []run
	var maxAbs float64
	for _, rw := range rows {
		slices.SortFunc(rw.es, func(a, b trainEntry) int { return int(a.cls - b.cls) })
		var ws []weight
		for _, e := range rw.es {
			total := e.total + int64(tr.step-e.stamp)*int64(e.w)
			avg := float64(total) / steps
			if avg >= pruneBelow || avg <= -pruneBelow {
				ws = append(ws, weight{e.cls, avg})
				maxAbs = max(maxAbs, math.Abs(avg))
			}
		}
		if len(ws) > 0 {
			runs = append(runs, run{rw.key, ws})
		}
	}
	// Quantise to int16 units: the largest weight maps to 32767.
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	t.scale = float32(scale)
	t.weights = newFeatTable(len(runs))
	t.entries = nil
	for _, r := range runs {
		lo := uint32(len(t.entries))
		for _, w := range r.ws {
			q := int16(math.Round(w.avg / scale))
			t.entries = append(t.entries, packEntry(uint8(w.cls), q))
		}
		t.weights.put(r.key, lo, uint32(len(r.ws)))
	}
}

func packEntry(cls uint8, q int16) uint32 { return uint32(uint16(q))<<8 | uint32(cls) }

// TrainIterations is the number of training passes `parley train tagger`
// uses (chosen on EWT dev).
const TrainIterations = 8

// datelines returns copies of the sentences that begin with a proper noun,
// with the leading proper nouns written in capitals. Wire stories open with
// an all-caps dateline (MOSCOW, KYIV, UNITED NATIONS), which the web text
// of the treebank never shows; without these copies the tagger takes
// all-caps words for common-noun acronyms.
func datelines(sents []conllu.Sentence) []conllu.Sentence {
	var out []conllu.Sentence
	for _, s := range sents {
		k := 0
		for k < len(s.Words) && s.Words[k].UPOS == "PROPN" {
			k++
		}
		if k == 0 || k == len(s.Words) {
			continue
		}
		c := s
		c.Words = slices.Clone(s.Words)
		for i := 0; i < k; i++ {
			c.Words[i].Form = strings.ToUpper(c.Words[i].Form)
		}
		out = append(out, c)
	}
	return out
}
