package depparse_test

import (
	"bytes"
	"math"
	"slices"
	"testing"

	"github.com/parley-events/parley/conllu"
	"github.com/parley-events/parley/depparse"
	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/tag"
)

func readUD(t testing.TB, name string) []conllu.Sentence {
	t.Helper()
	s, err := conllu.ReadFile(shared.Path(t, "data/ud/"+name))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// predictedTags tags every sentence of sents with the embedded tagger.
func predictedTags(sents []conllu.Sentence) (upos, xpos [][]string) {
	tg := tag.Default()
	upos, xpos = make([][]string, len(sents)), make([][]string, len(sents))
	for i, s := range sents {
		words := forms(s)
		upos[i], xpos[i] = make([]string, len(words)), make([]string, len(words))
		tg.Tag(words, upos[i], xpos[i])
	}
	return upos, xpos
}

func forms(s conllu.Sentence) []string {
	w := make([]string, len(s.Words))
	for i, x := range s.Words {
		w[i] = x.Form
	}
	return w
}

func checkAccuracy(t *testing.T, file string, minLAS float64) {
	sents := readUD(t, file)
	p := depparse.Default()
	up, xp := predictedTags(sents)
	s := depparse.Evaluate(p, sents, up, xp)
	g := depparse.Evaluate(p, sents, nil, nil)
	t.Logf("%s: %d sentences, %d tokens; predicted tags UAS %.4f LAS %.4f; gold tags UAS %.4f LAS %.4f",
		file, s.Sentences, s.Tokens, s.UAS, s.LAS, g.UAS, g.LAS)
	if s.LAS < minLAS {
		t.Errorf("%s: LAS %.4f with predicted tags, want at least %.2f", file, s.LAS, minLAS)
	}
	if g.LAS < s.LAS {
		t.Errorf("%s: gold-tag LAS %.4f below predicted-tag LAS %.4f", file, g.LAS, s.LAS)
	}
}

func TestAccuracyEWTTest(t *testing.T) { checkAccuracy(t, "en_ewt-ud-test.conllu.gz", 0.82) }
func TestAccuracyPUD(t *testing.T)     { checkAccuracy(t, "en_pud-ud-test.conllu.gz", 0.78) }

// TestTreesAreWellFormed checks every parse of EWT test is one tree: a
// single root, heads in range, no cycles.
func TestTreesAreWellFormed(t *testing.T) {
	sents := readUD(t, "en_ewt-ud-test.conllu.gz")
	p := depparse.Default()
	up, xp := predictedTags(sents)
	for i, s := range sents {
		n := len(s.Words)
		heads, rels := make([]int, n), make([]string, n)
		p.Parse(forms(s), up[i], xp[i], heads, rels)
		roots := 0
		for j, h := range heads {
			if h < 0 || h > n || h == j+1 {
				t.Fatalf("%s: word %d has head %d", s.ID, j+1, h)
			}
			if (h == 0) != (rels[j] == "root") {
				t.Fatalf("%s: word %d head %d rel %s", s.ID, j+1, h, rels[j])
			}
			if h == 0 {
				roots++
			}
			for k, a := 0, j+1; a != 0; k++ {
				if k > n {
					t.Fatalf("%s: cycle through word %d", s.ID, j+1)
				}
				a = heads[a-1]
			}
		}
		if roots != 1 {
			t.Fatalf("%s: %d roots", s.ID, roots)
		}
	}
}

// TestTrainSmall trains on a few hundred sentences and checks the parser
// learns far more than a trivial baseline (every word attached to the next
// word with its most frequent label), that training is reproducible, and
// that a saved and loaded model parses identically.
func TestTrainSmall(t *testing.T) {
	train := readUD(t, "en_ewt-ud-train.conllu.gz")[:400]
	dev := readUD(t, "en_ewt-ud-dev.conllu.gz")[:300]
	p := depparse.Train(train, nil, nil, 4, 7)
	s := depparse.Evaluate(p, dev, nil, nil)

	// Trivial baseline.
	relCount := map[string]map[string]int{}
	for _, sn := range train {
		for _, w := range sn.Words {
			if relCount[w.UPOS] == nil {
				relCount[w.UPOS] = map[string]int{}
			}
			relCount[w.UPOS][w.Rel]++
		}
	}
	hit, tokens := 0, 0
	for _, sn := range dev {
		for i, w := range sn.Words {
			tokens++
			best, bn := "", 0
			for r, c := range relCount[w.UPOS] {
				if c > bn || (c == bn && r < best) {
					best, bn = r, c
				}
			}
			h := i + 2
			if i == len(sn.Words)-1 {
				h = 0
			}
			if w.Head == h && w.Rel == best {
				hit++
			}
		}
	}
	base := float64(hit) / float64(tokens)
	t.Logf("400 training sentences, 4 passes: dev UAS %.4f LAS %.4f; baseline LAS %.4f", s.UAS, s.LAS, base)
	if s.LAS < base+0.4 || s.LAS < 0.6 {
		t.Errorf("LAS %.4f after small training; baseline %.4f", s.LAS, base)
	}

	var a, b, c bytes.Buffer
	if err := p.Save(&a); err != nil {
		t.Fatal(err)
	}
	if err := depparse.Train(train, nil, nil, 4, 7).Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings with the same seed saved different models")
	}
	q, err := depparse.Load(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Save(&c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("saving a loaded model changed it")
	}
	if s2 := depparse.Evaluate(q, dev, nil, nil); s2 != s {
		t.Errorf("loaded model scores %+v, trained one %+v", s2, s)
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	var good bytes.Buffer
	if err := depparse.Train(readUD(t, "en_ewt-ud-train.conllu.gz")[:50], nil, nil, 1, 1).Save(&good); err != nil {
		t.Fatal(err)
	}
	bad := [][]byte{nil, []byte("not a model"), good.Bytes()[:good.Len()/2]}
	for _, b := range bad {
		if _, err := depparse.Load(bytes.NewReader(b)); err == nil {
			t.Errorf("Load of %d bytes of junk succeeded", len(b))
		}
	}
}

func TestEmptySentence(t *testing.T) {
	depparse.Default().Parse(nil, nil, nil, nil, nil)
}

func benchSents(b testing.TB) ([]conllu.Sentence, int) {
	sents := readUD(b, "en_ewt-ud-test.conllu.gz")
	tokens := 0
	for _, s := range sents {
		tokens += len(s.Words)
	}
	return sents, tokens
}

// BenchmarkParseEWTTest parses EWT test (given the tagger's tags).
func BenchmarkParseEWTTest(b *testing.B) {
	sents, tokens := benchSents(b)
	up, xp := predictedTags(sents)
	p := depparse.Default()
	words := make([][]string, len(sents))
	for i, s := range sents {
		words[i] = forms(s)
	}
	heads, rels := make([]int, 1000), make([]string, 1000)
	b.ResetTimer()
	for b.Loop() {
		for i := range sents {
			p.Parse(words[i], up[i], xp[i], heads, rels)
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(len(sents))/sec, "sentences/s")
	b.ReportMetric(float64(tokens)/sec, "tokens/s")
}

// BenchmarkTagParseEWTTest tags and parses EWT test on one goroutine.
func BenchmarkTagParseEWTTest(b *testing.B) {
	sents, tokens := benchSents(b)
	tg, p := tag.Default(), depparse.Default()
	words := make([][]string, len(sents))
	for i, s := range sents {
		words[i] = forms(s)
	}
	up, xp := make([]string, 1000), make([]string, 1000)
	heads, rels := make([]int, 1000), make([]string, 1000)
	b.ResetTimer()
	for b.Loop() {
		for i := range sents {
			n := len(words[i])
			tg.Tag(words[i], up[:n], xp[:n])
			p.Parse(words[i], up[:n], xp[:n], heads, rels)
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(len(sents))/sec, "sentences/s")
	b.ReportMetric(float64(tokens)/sec, "tokens/s")
}

// TestConcurrentParse parses EWT test from several goroutines at once and
// checks each gets the same trees as a sequential run.
func TestConcurrentParse(t *testing.T) {
	sents := readUD(t, "en_ewt-ud-test.conllu.gz")[:400]
	up, xp := predictedTags(sents)
	p := depparse.Default()
	parseAll := func() [][]int {
		out := make([][]int, len(sents))
		for i, s := range sents {
			out[i] = make([]int, len(s.Words))
			p.Parse(forms(s), up[i], xp[i], out[i], make([]string, len(s.Words)))
		}
		return out
	}
	want := parseAll()
	results := make(chan [][]int, 4)
	for range 4 {
		go func() { results <- parseAll() }()
	}
	for range 4 {
		got := <-results
		for i := range want {
			if !slices.Equal(got[i], want[i]) {
				t.Fatalf("sentence %d parsed differently when concurrent: %v vs %v", i, got[i], want[i])
			}
		}
	}
}

// TestParseAlternatives checks that ParseAlternatives parses as Parse does,
// that each alternative is well formed, and that the margins mean
// something on EWT dev: attachments the parser is least sure of (the
// smallest quarter of margins) are wrong far more often than the rest, and
// where the chosen head is wrong the runner-up is often right.
func TestParseAlternatives(t *testing.T) {
	sents := readUD(t, "en_ewt-ud-dev.conllu.gz")
	p := depparse.Default()
	up, xp := predictedTags(sents)
	type scored struct {
		margin float64
		right  bool
	}
	var all []scored
	wrong, rescued := 0, 0
	for si, s := range sents {
		words := forms(s)
		n := len(words)
		h1, r1 := make([]int, n), make([]string, n)
		h2, r2 := make([]int, n), make([]string, n)
		alts := make([]depparse.Alternative, n)
		p.Parse(words, up[si], xp[si], h1, r1)
		p.ParseAlternatives(words, up[si], xp[si], h2, r2, alts)
		if !slices.Equal(h1, h2) || !slices.Equal(r1, r2) {
			t.Fatalf("sentence %s: ParseAlternatives gave %v %v, Parse %v %v", s.ID, h2, r2, h1, r1)
		}
		for i, a := range alts {
			if a.Margin < 0 || a.HeadMargin < 0 || (a.Head == -1) != math.IsInf(a.HeadMargin, 1) {
				t.Fatalf("sentence %s word %d: margins %v / %v", s.ID, i+1, a.Margin, a.HeadMargin)
			}
			if a.Head == h1[i] || a.Head < -1 || a.Head > n || (a.Head >= 0) != (a.Rel != "") {
				t.Fatalf("sentence %s word %d (head %d): alternative %+v", s.ID, i+1, h1[i], a)
			}
			gold := s.Words[i].Head
			all = append(all, scored{a.Margin, h1[i] == gold})
			if h1[i] != gold {
				wrong++
				if a.Head == gold {
					rescued++
				}
			}
		}
	}
	slices.SortFunc(all, func(a, b scored) int {
		switch {
		case a.margin < b.margin:
			return -1
		case a.margin > b.margin:
			return 1
		}
		return 0
	})
	acc := func(xs []scored) float64 {
		r := 0
		for _, x := range xs {
			if x.right {
				r++
			}
		}
		return float64(r) / float64(len(xs))
	}
	q := len(all) / 4
	low, rest := acc(all[:q]), acc(all[q:])
	share := float64(rescued) / float64(wrong)
	t.Logf("EWT dev, predicted tags: UAS %.3f in the lowest-margin quarter, %.3f in the rest; runner-up right for %.3f of wrong heads",
		low, rest, share)
	if low > rest-0.1 {
		t.Errorf("lowest-margin quarter UAS %.3f, rest %.3f: margins do not tell unsure attachments", low, rest)
	}
	if share < 0.2 {
		t.Errorf("runner-up head right for only %.3f of wrong heads", share)
	}
}
