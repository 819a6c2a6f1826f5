package depparse

import (
	"bytes"
	"encoding/gob"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/parley-events/parley/conllu"
	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/tag"
)

// TestTune trains with the options in the environment and reports dev
// accuracy after every iteration. It is for tuning by hand and runs only
// when DEPPARSE_TUNE is set.
func TestTune(t *testing.T) {
	if os.Getenv("DEPPARSE_TUNE") == "" {
		t.Skip("set DEPPARSE_TUNE=1 to tune")
	}
	trainSents := trainingSentences(t)
	dev, err := conllu.ReadFile(shared.Path(t, "data/ud/en_ewt-ud-dev.conllu.gz"))
	if err != nil {
		t.Fatal(err)
	}
	env := func(k string, d float64) float64 {
		if v, err := strconv.ParseFloat(os.Getenv(k), 64); err == nil {
			return v
		}
		return d
	}
	o := defaultOptions(int(env("ITER", 15)), 1)
	o.exploreFrom = int(env("EXPLORE_FROM", float64(o.exploreFrom)))
	o.exploreProb = env("EXPLORE_P", o.exploreProb)
	o.minWeight = env("MINW", 1.0)
	o.minWordFreq = int(env("MINFREQ", float64(o.minWordFreq)))
	o.skipNonProj = env("SKIPNP", 0) != 0
	o.alsoGold = env("ALSOGOLD", 0) != 0
	start := time.Now()
	var devUp, devXp [][]string
	if os.Getenv("JK") != "" {
		tg := tag.Default()
		for _, s := range dev {
			words, _, _ := sentTags(s, 0, nil, nil)
			up, xp := make([]string, len(words)), make([]string, len(words))
			tg.Tag(words, up, xp)
			devUp, devXp = append(devUp, up), append(devXp, xp)
		}
	}
	o.afterIteration = func(it int, p *Parser) {
		s := Evaluate(p, dev, nil, nil)
		t.Logf("iter %d  dev UAS %.4f LAS %.4f  feats %d entries %d  %.0fs", it+1, s.UAS, s.LAS,
			p.wt.features(), len(p.wt.ents), time.Since(start).Seconds())
		if devUp != nil {
			s := Evaluate(p, dev, devUp, devXp)
			t.Logf("    predicted tags: dev UAS %.4f LAS %.4f", s.UAS, s.LAS)
		}
		if it+1 < o.iterations {
			return
		}
		for _, pq := range [][2]float32{{1.5, 0}, {1.75, 0}, {2, 0}} {
			m := pq[0]
			q := p.withWeights(p.wt.pruned(m))
			var buf bytes.Buffer
			if err := q.Save(&buf); err != nil {
				t.Fatal(err)
			}
			s := Evaluate(q, dev, devUp, devXp)
			t.Logf("  prune %.2f unit %.3f: dev UAS %.4f LAS %.4f  feats %d entries %d  file %d bytes", m, pq[1], s.UAS, s.LAS,
				q.wt.features(), len(q.wt.ents), buf.Len())
		}
	}
	train2 := trainSents
	if n := int(env("NSENT", 0)); n > 0 {
		train2 = trainSents[:n]
	}
	var up, xp [][]string
	if jk := os.Getenv("JK"); jk != "" {
		f, err := os.Open(jk)
		if err != nil {
			t.Fatal(err)
		}
		var tags [2][][]string
		if err := gob.NewDecoder(f).Decode(&tags); err != nil {
			t.Fatal(err)
		}
		f.Close()
		up, xp = tags[0][:len(train2)], tags[1][:len(train2)]
	}
	p := train(train2, up, xp, o)
	if out := os.Getenv("SAVE"); out != "" {
		var buf bytes.Buffer
		if err := p.Save(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		s := Evaluate(p, dev, nil, nil)
		t.Logf("saved %s: %d bytes, dev gold-tag LAS %.4f", out, buf.Len(), s.LAS)
	}
}

// trainingSentences reads what `parley train parser` trains on: EWT train,
// then GUM train.
func trainingSentences(t *testing.T) []conllu.Sentence {
	var all []conllu.Sentence
	for _, f := range []string{"data/ud/en_ewt-ud-train.conllu.gz", "data/ud/gum-filtered/en_gum-ud-train.conllu.gz"} {
		s, err := conllu.ReadFile(shared.Path(t, f))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, s...)
	}
	return all
}
