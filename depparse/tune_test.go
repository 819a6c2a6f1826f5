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
)

// TestTune trains with the options in the environment and reports dev
// accuracy after every iteration. It is for tuning by hand and runs only
// when DEPPARSE_TUNE is set.
func TestTune(t *testing.T) {
	if os.Getenv("DEPPARSE_TUNE") == "" {
		t.Skip("set DEPPARSE_TUNE=1 to tune")
	}
	trainSents, err := conllu.ReadFile(shared.Path(t, "data/ud/en_ewt-ud-train.conllu.gz"))
	if err != nil {
		t.Fatal(err)
	}
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
	start := time.Now()
	o.afterIteration = func(it int, p *Parser) {
		s := Evaluate(p, dev, nil, nil)
		t.Logf("iter %d  dev UAS %.4f LAS %.4f  feats %d entries %d  %.0fs", it+1, s.UAS, s.LAS,
			len(p.wt.start)-1, len(p.wt.w), time.Since(start).Seconds())
		if it+1 < o.iterations {
			return
		}
		for _, pq := range [][2]float32{{1, 1.0 / 16}, {1.25, 1.0 / 16}, {1.5, 1.0 / 16}, {1.75, 1.0 / 16}, {2, 1.0 / 16}} {
			m := pq[0]
			q := quantized(p.withWeights(p.wt.pruned(m)), pq[1])
			var buf bytes.Buffer
			if err := q.Save(&buf); err != nil {
				t.Fatal(err)
			}
			s := Evaluate(q, dev, nil, nil)
			t.Logf("  prune %.2f unit %.3f: dev UAS %.4f LAS %.4f  feats %d entries %d  file %d bytes", m, pq[1], s.UAS, s.LAS,
				len(q.wt.start)-1, len(q.wt.w), buf.Len())
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
