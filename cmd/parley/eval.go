package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/parley-events/parley/cameo"
	"github.com/parley-events/parley/coder"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
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
	if !parseArgs(fs, args, "parley eval --gold DIR [--explain] DOCS... | parley eval --reviewed [--db DB] | parley eval --petrarch RECORDS.xml [--dict DIR]") {
		return 2
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
	var preds []event.Event
	var ids []string
	texts := map[string]string{}
	failed := false
	err = codeAll(fs.Args(), opts.options(), coder.Default(), runtime.GOMAXPROCS(0), func(d *doc.Document, evs []event.Event, err error) error {
		if err != nil {
			fmt.Fprintln(os.Stderr, "parley eval:", err)
			failed = true
			return nil
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
	r := score.Score(gold, preds, ids)
	if *asJSON {
		os.Stdout.Write(r.JSON())
		fmt.Println()
	} else {
		r.WriteSummary(os.Stdout)
		if *explain {
			r.WriteExplain(os.Stdout, texts)
		}
	}
	if failed {
		return 1
	}
	return 0
}
