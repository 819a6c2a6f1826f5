package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/parley-events/parley/conllu"
	"github.com/parley-events/parley/depparse"
	"github.com/parley-events/parley/tag"
)

func init() {
	registerTrainTarget(trainTarget{
		name:  "parser",
		about: "dependency parser (depparse/model.bin.gz) from UD English EWT and GUM train, on jackknifed tags",
		run:   trainParser,
	})
}

// trainParser trains the parser on EWT and GUM train with tags predicted
// by taggers that did not see each sentence (tag.Jackknife), reports its
// accuracy on the reportTreebanks with the tags of the tagger in the source
// tree, and writes depparse/model.bin.gz.
func trainParser(sharedDir, repoDir string, seed int64) error {
	ud := filepath.Join(sharedDir, "data", "ud")
	train, err := readTrainingTreebank(ud)
	if err != nil {
		return err
	}
	start := time.Now()
	fmt.Fprintf(os.Stderr, "jackknifing tags over %d sentences (%d folds)\n", len(train), depparse.JackknifeFolds)
	upos, xpos := tag.Jackknife(train, depparse.JackknifeFolds, tag.TrainIterations, seed)
	fmt.Fprintf(os.Stderr, "  %.0fs; training parser, %d passes, seed %d\n", time.Since(start).Seconds(), depparse.TrainIterations, seed)
	p := depparse.Train(train, upos, xpos, depparse.TrainIterations, seed)
	fmt.Fprintf(os.Stderr, "  %.0fs\n", time.Since(start).Seconds())
	// The tagger file, not the binary's embedded model: `parley train all`
	// has just rewritten it, and it is the one the parser will ship with.
	tf, err := os.Open(filepath.Join(repoDir, "tag", "tagger.model"))
	if err != nil {
		return err
	}
	tg, err := tag.Load(tf)
	tf.Close()
	if err != nil {
		return err
	}
	for _, file := range reportTreebanks {
		name := treebankName(file)
		sents, err := conllu.ReadFile(filepath.Join(ud, file))
		if err != nil {
			return err
		}
		up, xp := make([][]string, len(sents)), make([][]string, len(sents))
		for i, s := range sents {
			words := make([]string, len(s.Words))
			for j, w := range s.Words {
				words[j] = w.Form
			}
			up[i], xp[i] = make([]string, len(words)), make([]string, len(words))
			tg.Tag(words, up[i], xp[i])
		}
		s := depparse.Evaluate(p, sents, up, xp)
		g := depparse.Evaluate(p, sents, nil, nil)
		fmt.Fprintf(os.Stderr, "  %-15s UAS %.4f LAS %.4f (gold tags: UAS %.4f LAS %.4f)\n", name, s.UAS, s.LAS, g.UAS, g.LAS)
	}
	var buf bytes.Buffer
	if err := p.Save(&buf); err != nil {
		return err
	}
	out := filepath.Join(repoDir, "depparse", "model.bin.gz")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes); rebuild the binary to embed it\n", out, buf.Len())
	return nil
}
