package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path"
	"runtime"
	"strings"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/argtrain"
	"github.com/parley-events/parley/cameo"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/kb"
	"github.com/parley-events/parley/score"
)

func init() {
	register(command{name: "eval", usage: "--gold DIR DOCS... | --petrarch RECORDS.xml [--dict DIR]  code documents and score them against gold events, or run PETRARCH's unit suite", run: runEval})
}

// petrarchRun reports whether the arguments ask for the PETRARCH unit suite.
func petrarchRun(args []string) bool {
	for _, a := range args {
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "-") {
			continue
		}
		if name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "="); name == "petrarch" {
			return true
		}
	}
	return false
}

func runEval(args []string) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	opts := readerFlags(fs)
	goldDir := fs.String("gold", "", "folder of gold files (NAME.jsonl for document NAME)")
	explain := fs.Bool("explain", false, "list every missed and spurious event with its sentence")
	asJSON := fs.Bool("json", false, "print only the one-line JSON summary")
	petrarch := fs.String("petrarch", "", "PETRARCH unit-test records (PETR.UnitTest.records.xml) to code with --dict and score as CAMEO triples")
	dictDir := fs.String("dict", "", "with --petrarch: the folder holding the PETR.Validate.* dictionaries the records name (default: the records' own folder)")
	reviewed := fs.Bool("reviewed", false, "score against the events analysts reviewed in --db instead of gold files (eval_reviewed.go)")
	db := fs.String("db", defaultDB, "with --reviewed: the store")
	kfold := fs.Int("kfold", 0, "cross-validate the argument model in K folds over the articles of --gold (NAME.txt beside NAME.jsonl): each fold is coded by a model trained on the other folds")
	var trainAlso listFlag
	fs.Var(&trainAlso, "train-also", "with --kfold: a folder of annotated articles added to every fold's training set and never scored (repeatable)")
	rulesOnly := fs.Bool("rules-only", false, "code with the grammar frames alone, without the trained argument model")
	seed := fs.Uint64("seed", argtrain.Shipped.Seed, "with --kfold: the seed that shuffles the fold models' training")
	if petrarchRun(args) {
		// The records are the input: no DOCS.
		fs.Usage = func() {
			fmt.Fprintln(os.Stderr, "usage: parley eval --petrarch RECORDS.xml [--dict DIR] [--explain] [--json]")
			fs.PrintDefaults()
		}
		if err := fs.Parse(args); err != nil {
			return 2
		}
		if fs.NArg() > 0 {
			fs.Usage()
			return 2
		}
		if _, err := cameo.EvalPetrarch(os.Stdout, *petrarch, *dictDir, *explain, *asJSON); err != nil {
			fmt.Fprintln(os.Stderr, "parley eval:", err)
			return 1
		}
		return 0
	}
	if reviewedRun(args) {
		// The store is the input: no DOCS.
		fs.Usage = func() {
			fmt.Fprintln(os.Stderr, "usage: parley eval --reviewed [--db DB] [--explain] [--json]")
			fs.PrintDefaults()
		}
		if err := fs.Parse(args); err != nil || !*reviewed {
			return 2
		}
		if fs.NArg() > 0 {
			fs.Usage()
			return 2
		}
		if err := evalReviewed(context.Background(), *db, os.Stdout, *explain, *asJSON); err != nil {
			fmt.Fprintln(os.Stderr, "parley eval:", err)
			return 1
		}
		return 0
	}
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: parley eval --gold DIR [--explain] DOCS... | parley eval --kfold K --gold DIR | parley eval --reviewed [--db DB] | parley eval --petrarch RECORDS.xml [--dict DIR]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *kfold == 0 && fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	if *kfold != 0 {
		if *goldDir == "" || fs.NArg() > 0 || *kfold < 2 {
			fmt.Fprintln(os.Stderr, "usage: parley eval --kfold K (K >= 2) --gold DIR [--train-also DIR]... [--explain] [--json]")
			return 2
		}
		return crossValidate(*goldDir, trainAlso, *kfold, *seed, *explain, *asJSON)
	}
	if *goldDir == "" {
		fs.Usage()
		return 2
	}
	gold, err := score.ReadGoldDir(*goldDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley eval:", err)
		return 1
	}
	c := newCoder(parley.Options{RulesOnly: *rulesOnly, MaxBytes: opts.maxText()})
	var preds []event.Event
	var ids []string
	texts := map[string]string{}
	failed := false
	err = codeAll(fs.Args(), opts.options(), c, runtime.GOMAXPROCS(0), func(d *doc.Document, evs []event.Event, err error) error {
		if err != nil {
			fmt.Fprintln(os.Stderr, "parley eval:", err)
			failed = true
			return nil
		}
		// Gold files are named by article: DIR/2023-01/NAME.txt, whose id
		// is 2023-01/NAME, is scored against NAME.jsonl when no gold file
		// 2023-01/NAME.jsonl exists.
		if _, ok := gold[d.ID]; !ok {
			if base := path.Base(d.ID); gold[base] != nil {
				d.ID = base
				for i := range evs {
					evs[i].DocID = base
				}
			}
		}
		ids = append(ids, d.ID)
		texts[d.ID] = d.Text
		preds = append(preds, evs...)
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley eval:", err)
		return 1
	}
	report(score.Score(gold, preds, ids), texts, *explain, *asJSON)
	if failed {
		return 1
	}
	return 0
}

// crossValidate scores the argument model by k-fold cross-validation over
// the annotated articles of goldDir (see package argtrain).
func crossValidate(goldDir string, trainAlso []string, k int, seed uint64, explain, asJSON bool) int {
	exs, err := argtrain.Load(goldDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley eval:", err)
		return 1
	}
	var always []argtrain.Example
	if len(trainAlso) > 0 {
		if always, err = argtrain.Load(trainAlso...); err != nil {
			fmt.Fprintln(os.Stderr, "parley eval:", err)
			return 1
		}
	}
	gold := map[string][]score.Gold{}
	texts := map[string]string{}
	for _, ex := range exs {
		gold[ex.Doc.ID] = ex.Gold
		texts[ex.Doc.ID] = ex.Doc.Text
	}
	opt := argtrain.Shipped
	opt.Seed = seed
	var preds []event.Event
	var ids []string
	for _, f := range argtrain.CrossValidate(kb.Default(), exs, always, k, opt) {
		ids = append(ids, f.IDs...)
		preds = append(preds, f.Events...)
	}
	report(score.Score(gold, preds, ids), texts, explain, asJSON)
	return 0
}

// report prints a score report: the summary (and with explain every miss
// and spurious event), or one JSON line.
func report(r score.Report, texts map[string]string, explain, asJSON bool) {
	if asJSON {
		os.Stdout.Write(r.JSON())
		fmt.Println()
	} else {
		r.WriteSummary(os.Stdout)
		if explain {
			r.WriteExplain(os.Stdout, texts)
		}
	}
}
