package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/parley-events/parley/conllu"
	"github.com/parley-events/parley/tag"
)

func init() {
	registerTrainTarget(trainTarget{
		name:  "tagger",
		about: "POS tagger (tag/tagger.model) from UD English EWT train",
		run:   trainTagger,
	})
}

// trainTagger trains the averaged-perceptron tagger on EWT train, reports
// its accuracy on EWT dev and test and on PUD, and writes tag/tagger.model.
func trainTagger(sharedDir, repoDir string, seed int64) error {
	ud := filepath.Join(sharedDir, "data", "ud")
	train, err := conllu.ReadFile(filepath.Join(ud, "en_ewt-ud-train.conllu.gz"))
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "training tagger on %d sentences, %d passes, seed %d\n", len(train), tag.TrainIterations, seed)
	t := tag.Train(train, tag.TrainIterations, seed)
	for _, name := range []string{"en_ewt-ud-dev", "en_ewt-ud-test", "en_pud-ud-test"} {
		sents, err := conllu.ReadFile(filepath.Join(ud, name+".conllu.gz"))
		if err != nil {
			return err
		}
		u, x := t.Accuracy(sents)
		fmt.Fprintf(os.Stderr, "  %-15s UPOS %.4f  XPOS %.4f\n", name, u, x)
	}
	var buf bytes.Buffer
	if err := t.Save(&buf); err != nil {
		return err
	}
	out := filepath.Join(repoDir, "tag", "tagger.model")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes)\n", out, buf.Len())
	return nil
}
