package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/parley-events/parley/conllu"
	"github.com/parley-events/parley/depparse"
	"github.com/parley-events/parley/tag"
)

func init() {
	register(command{name: "nlp", usage: "eval FILE.conllu[.gz]: tag and parse a treebank's tokens, print accuracy and speed as JSON", run: runNLP, subcommands: []string{"eval"}})
}

func runNLP(args []string) int {
	if len(args) == 0 || args[0] != "eval" {
		fmt.Fprintln(os.Stderr, "usage: parley nlp eval FILE.conllu[.gz]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			return 0
		}
		return 2
	}
	fs := flag.NewFlagSet("nlp eval", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: parley nlp eval FILE.conllu[.gz]\n\n"+
			"Tags and parses the sentences of a CoNLL-U file using the file's own tokens and prints one JSON\n"+
			"line: sentences, tokens, UPOS and XPOS accuracy, UAS and LAS (fractions, punctuation included)\n"+
			"and sentences per second for tagging plus parsing on one core, by the clock and by the\n"+
			"process's CPU time (run with GOMAXPROCS=1 to keep the garbage collector on that core).")
	}
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	sents, err := conllu.ReadFile(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(os.Stderr, "parley nlp eval: %v\n", err)
		return 1
	}
	r := evalNLP(tag.Default(), depparse.Default(), sents)
	out, _ := json.Marshal(r)
	fmt.Println(string(out))
	return 0
}

// nlpReport is the JSON line printed by `parley nlp eval`.
type nlpReport struct {
	Sentences  int     `json:"sentences"`
	Tokens     int     `json:"tokens"`
	UPOS       float64 `json:"upos"`
	XPOS       float64 `json:"xpos"`
	UAS        float64 `json:"uas"`
	LAS        float64 `json:"las"`
	SentPerSec float64 `json:"sentences_per_second"`
	// SentPerCPUSec is sentences per second of the process's CPU time
	// over the same pass: the figure to compare binaries by on a machine
	// that other jobs share, where wall time also counts the wait for a
	// processor (0 where the system does not say).
	SentPerCPUSec float64 `json:"sentences_per_cpu_second"`
}

// evalNLP tags and parses every sentence on the calling goroutine (so the
// speed is that of one core) and scores the result against the gold
// annotation.
func evalNLP(tg *tag.Tagger, p *depparse.Parser, sents []conllu.Sentence) nlpReport {
	type work struct {
		words, upos, xpos, rels []string
		heads                   []int
	}
	ws := make([]work, len(sents))
	for i, s := range sents {
		n := len(s.Words)
		w := work{words: make([]string, n), upos: make([]string, n), xpos: make([]string, n), rels: make([]string, n), heads: make([]int, n)}
		for j, wd := range s.Words {
			w.words[j] = wd.Form
		}
		ws[i] = w
	}
	run := func() (wall, cpu float64) {
		start, startCPU := time.Now(), processCPUTime()
		for i := range ws {
			w := &ws[i]
			tg.Tag(w.words, w.upos, w.xpos)
			p.Parse(w.words, w.upos, w.xpos, w.heads, w.rels)
		}
		return time.Since(start).Seconds(), (processCPUTime() - startCPU).Seconds()
	}
	// The first pass pays for page faults on the models' tables; time the
	// second, steady-state pass.
	run()
	elapsed, cpu := run()

	r := nlpReport{Sentences: len(sents)}
	var upos, xpos, uas, las int
	for i, s := range sents {
		w := &ws[i]
		for j, wd := range s.Words {
			r.Tokens++
			if w.upos[j] == wd.UPOS {
				upos++
			}
			if w.xpos[j] == wd.XPOS {
				xpos++
			}
			if w.heads[j] == wd.Head {
				uas++
				if w.rels[j] == wd.Rel {
					las++
				}
			}
		}
	}
	if r.Tokens > 0 {
		t := float64(r.Tokens)
		r.UPOS, r.XPOS, r.UAS, r.LAS = float64(upos)/t, float64(xpos)/t, float64(uas)/t, float64(las)/t
	}
	if elapsed > 0 {
		r.SentPerSec = float64(len(sents)) / elapsed
	}
	if cpu > 0 {
		r.SentPerCPUSec = float64(len(sents)) / cpu
	}
	return r
}
