package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/parley-events/parley/argtrain"
	"github.com/parley-events/parley/kb"
)

func init() {
	registerTrainTarget(trainTarget{
		name:  "args",
		about: "argument model (coder/data/arguments.tsv) from the annotated articles of eval/train, eval/dev and eval/seed",
		run:   trainArgs,
	})
}

// argsCorpora are the folders of annotated articles the shipped argument
// model learns from, relative to the shared folder.
var argsCorpora = []string{"eval/train", "eval/dev", "eval/seed"}

// trainArgs trains the argument model on every annotated article and
// writes coder/data/arguments.tsv. Its generalisation is measured apart,
// by parley eval --kfold.
func trainArgs(sharedDir, repoDir string, seed int64) error {
	var dirs []string
	for _, c := range argsCorpora {
		dirs = append(dirs, filepath.Join(sharedDir, c))
	}
	exs, err := argtrain.Load(dirs...)
	if err != nil {
		return err
	}
	opt := argtrain.Shipped
	opt.Seed = uint64(seed)
	fmt.Fprintf(os.Stderr, "training the argument model on %d articles\n", len(exs))
	w := argtrain.Train(kb.Default(), exs, opt)
	var buf bytes.Buffer
	header := fmt.Sprintf("Argument model: weights of the features that choose an event's actor and recipient.\n"+
		"Written by `parley train args` (averaged perceptron, %d passes, seed %d, eagerness %g) from the annotated articles\n"+
		"of ../shared/%v; do not edit by hand. Format: role TAB feature TAB weight.", opt.Epochs, seed, opt.Eagerness, argsCorpora)
	if err := w.Write(&buf, header); err != nil {
		return err
	}
	out := filepath.Join(repoDir, "coder", "data", "arguments.tsv")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d weights, %d bytes)\n", out, len(w), buf.Len())
	return nil
}
