package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	"github.com/parley-events/parley/conllu"
	"github.com/parley-events/parley/nlp"
	"github.com/parley-events/parley/reader"
)

func init() {
	register(command{name: "parse", usage: "FILE|DIR|-  print the documents' sentences as CoNLL-U (tokens, tags, lemmas, parse)", run: runParse})
}

func runParse(args []string) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	opts := readerFlags(fs)
	if !parseArgs(fs, args, "parley parse [--date YYYY-MM-DD] FILE|DIR|-...") {
		return 2
	}
	failed := false
	for d, err := range reader.Documents(fs.Args(), opts.options()) {
		if err != nil {
			fmt.Fprintln(os.Stderr, "parley parse:", err)
			failed = true
			continue
		}
		nlp.Annotate(d)
		sents := make([]conllu.Sentence, len(d.Sentences))
		for i, s := range d.Sentences {
			cs := conllu.Sentence{ID: d.ID + "-" + strconv.Itoa(i+1), Text: d.SentenceText(s)}
			for _, t := range d.SentenceTokens(s) {
				head := 0
				if t.Head >= 0 {
					head = t.Head - s.First + 1
				}
				cs.Words = append(cs.Words, conllu.Word{Form: t.Text, Lemma: t.Lemma, UPOS: t.UPOS, XPOS: t.XPOS,
					Head: head, Rel: t.Rel, SpaceAfter: t.SpaceAfter})
			}
			sents[i] = cs
		}
		if err := conllu.Write(os.Stdout, sents); err != nil {
			fmt.Fprintln(os.Stderr, "parley parse:", err)
			return 1
		}
	}
	if failed {
		return 1
	}
	return 0
}
