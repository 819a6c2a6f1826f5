package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/parley-events/parley/conllu"
	"github.com/parley-events/parley/lemma"
	"github.com/parley-events/parley/tag"
)

func init() {
	registerTrainTarget(trainTarget{
		name:  "tagger",
		about: "POS tagger (tag/tagger.model) from UD English EWT and GUM train",
		run:   trainTagger,
	})
}

// trainTagger trains the averaged-perceptron tagger on EWT and GUM train,
// reports its accuracy on the reportTreebanks, and writes tag/tagger.model.
func trainTagger(sharedDir, repoDir string, seed int64) error {
	ud := filepath.Join(sharedDir, "data", "ud")
	train, err := readTrainingTreebank(ud)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "training tagger on %d sentences, %d passes, seed %d\n", len(train), tag.TrainIterations, seed)
	t := tag.Train(train, tag.TrainIterations, seed)
	for _, file := range reportTreebanks {
		sents, err := conllu.ReadFile(filepath.Join(ud, file))
		if err != nil {
			return err
		}
		u, x := t.Accuracy(sents)
		fmt.Fprintf(os.Stderr, "  %-15s UPOS %.4f  XPOS %.4f\n", treebankName(file), u, x)
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

func init() {
	registerTrainTarget(trainTarget{
		name:  "lemma",
		about: "lemma tables (lemma/*.tsv) from WordNet 3.0 (apt-get install wordnet-base) and EWT train",
		run:   trainLemma,
	})
}

// trainLemma derives the lemmatiser's tables: the WordNet lexicon and
// exception lists from the Debian wordnet-base package, then the
// corrections for frequent EWT words that the rules get wrong.
func trainLemma(sharedDir, repoDir string, seed int64) error {
	var lex, exc bytes.Buffer
	if err := lemma.BuildWordNet(lemma.WordNetDir, &lex, &exc); err != nil {
		return err
	}
	dir := filepath.Join(repoDir, "lemma")
	if err := os.WriteFile(filepath.Join(dir, "wordnet.tsv"), lex.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "exceptions.tsv"), exc.Bytes(), 0o644); err != nil {
		return err
	}
	train, err := conllu.ReadFile(filepath.Join(sharedDir, "data", "ud", "en_ewt-ud-train.conllu.gz"))
	if err != nil {
		return err
	}
	var tb bytes.Buffer
	if err := lemma.BuildTreebankTable(train, lemma.TreebankMinCount, bytes.NewReader(lex.Bytes()), bytes.NewReader(exc.Bytes()), &tb); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "treebank.tsv"), tb.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote lemma/wordnet.tsv (%d bytes), lemma/exceptions.tsv (%d bytes), lemma/treebank.tsv (%d bytes)\n", lex.Len(), exc.Len(), tb.Len())
	fmt.Fprintln(os.Stderr, "(rebuild the binary to embed the new tables)")
	return nil
}
