package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parley-events/parley/conllu"
	"github.com/parley-events/parley/internal/shared"
)

// trainTarget rebuilds one embedded model or derived table from the shared
// data folder. Each model's file registers its target in trainTargets.
type trainTarget struct {
	name  string
	about string
	// run trains from sharedDir and writes the model into the source tree
	// at repoDir (the module root), with the fixed seed.
	run func(sharedDir, repoDir string, seed int64) error
}

var trainTargets = map[string]trainTarget{}

func registerTrainTarget(t trainTarget) { trainTargets[t.name] = t }

func init() {
	register(command{name: "train", usage: "TARGET... rebuild embedded models from ../shared/data (targets: see -h)", run: runTrain})
}

func runTrain(args []string) int {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	sharedDir := fs.String("shared", shared.Dir(), "shared data folder")
	repoDir := fs.String("repo", ".", "module root to write model files into")
	seed := fs.Int64("seed", 1, "random seed (fixed, so training is reproducible)")
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: parley train [flags] TARGET... | all\n\ntargets:")
		names := make([]string, 0, len(trainTargets))
		for n := range trainTargets {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(os.Stderr, "  %-10s %s\n", n, trainTargets[n].about)
		}
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *sharedDir == "" {
		fmt.Fprintln(os.Stderr, "parley train: shared data folder not found; pass -shared DIR")
		return 2
	}
	targets := fs.Args()
	if len(targets) == 1 && targets[0] == "all" {
		// Order matters: later targets may use earlier models (the parser
		// trains on the tagger's predicted tags). The argument model is
		// not among them: it learns from the parses of the running binary,
		// so it is retrained after a rebuild (parley train args).
		targets = []string{"lemma", "tagger", "parser"}
	}
	if len(targets) == 0 {
		fs.Usage()
		return 2
	}
	for _, n := range targets {
		t, ok := trainTargets[strings.ToLower(n)]
		if !ok {
			fmt.Fprintf(os.Stderr, "parley train: unknown target %q\n", n)
			return 2
		}
		if err := t.run(*sharedDir, *repoDir, *seed); err != nil {
			fmt.Fprintf(os.Stderr, "parley train %s: %v\n", n, err)
			return 1
		}
	}
	return 0
}

// trainingTreebank is what the tagger and the parser learn from: UD English
// EWT train (web text) followed by UD English GUM train (Wikinews, Wikipedia
// biographies, travel guides, academic and textbook prose: the treebank
// closest to news). The order is fixed so training is reproducible.
var trainingTreebank = []string{
	"en_ewt-ud-train.conllu.gz",
	"gum-filtered/en_gum-ud-train.conllu.gz",
}

// reportTreebanks are the held-out sets the train targets score a new model
// on: EWT dev (for tuning), then the test sets reported in README.
var reportTreebanks = []string{
	"en_ewt-ud-dev.conllu.gz",
	"en_ewt-ud-test.conllu.gz",
	"en_pud-ud-test.conllu.gz",
	"gum-filtered/en_gum-ud-dev.conllu.gz",
	"gum-filtered/en_gum-ud-test.conllu.gz",
}

// readTrainingTreebank reads the files of trainingTreebank from the ud
// folder of the shared data, in order, into one slice.
func readTrainingTreebank(ud string) ([]conllu.Sentence, error) {
	var all []conllu.Sentence
	for _, name := range trainingTreebank {
		s, err := conllu.ReadFile(filepath.Join(ud, name))
		if err != nil {
			return nil, err
		}
		all = append(all, s...)
	}
	return all, nil
}

// treebankName is a report set's short name: "en_gum-ud-test" for
// "gum-filtered/en_gum-ud-test.conllu.gz".
func treebankName(file string) string {
	return strings.TrimSuffix(filepath.Base(file), ".conllu.gz")
}
