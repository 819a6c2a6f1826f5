package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/conllu"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/nlp"
	"github.com/parley-events/parley/reader"
)

func init() {
	register(command{name: "parse", usage: "FILE|DIR|-  print the documents' sentences as CoNLL-U (tokens, tags, lemmas, parse); --layers adds every layer of the pipeline", run: runParse})
}

func runParse(args []string) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	opts := readerFlags(fs)
	layers := fs.Bool("layers", false, "run the whole pipeline and print, after each sentence's parse, its mentions, times, triggers and events with the rules that chose their parts")
	if !parseArgs(fs, args, "parley parse [--layers] [--date YYYY-MM-DD] FILE|DIR|-...") {
		return 2
	}
	var c *parley.Coder
	if *layers {
		c = parley.New(parley.Options{AllModalities: true, MaxBytes: opts.maxText()})
		fmt.Printf("# pipeline\n%s\n", prefixLines(c.Pipeline().String(), "#   "))
	}
	failed := false
	for d, err := range reader.Documents(fs.Args(), opts.options()) {
		if err != nil {
			fmt.Fprintln(os.Stderr, "parley parse:", err)
			failed = true
			continue
		}
		if c != nil {
			if _, err := c.Code(context.Background(), d); err != nil {
				fmt.Fprintln(os.Stderr, "parley parse:", err)
				failed = true
				continue
			}
		} else {
			nlp.Annotate(d)
		}
		if err := writeParse(os.Stdout, d, c != nil); err != nil {
			fmt.Fprintln(os.Stderr, "parley parse:", err)
			return 1
		}
	}
	if failed {
		return 1
	}
	return 0
}

// writeParse writes d's sentences as CoNLL-U, each followed, with layers,
// by comment lines for the sentence's mentions, times, triggers and events.
func writeParse(w io.Writer, d *doc.Document, layers bool) error {
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
		if layers {
			cs.Comments = sentenceLayers(d, i)
		}
		if err := conllu.Write(w, []conllu.Sentence{cs}); err != nil {
			return err
		}
	}
	return nil
}

// sentenceLayers describes the layers of sentence si, one line each,
// token numbers counted from 1 in the sentence as in CoNLL-U:
//
//	mention 1-2 "Chile's" country CHL
//	time 9-10 "on Tuesday" 2025-03-11 day
//	trigger 3 "met" CONSULT meet with + (triggers.tsv:12)
//	event CONSULT CHLGOV → PERGOV 2025-03-11 Lima | actor subject, recipient slot, place trigger phrase, date sentence
func sentenceLayers(d *doc.Document, si int) []string {
	s := d.Sentences[si]
	span := func(first, last int) string { // [first, last) in the document
		if last-first == 1 {
			return strconv.Itoa(first - s.First + 1)
		}
		return fmt.Sprintf("%d-%d", first-s.First+1, last-s.First)
	}
	text := func(first, last int) string { return d.Text[d.Tokens[first].Start:d.Tokens[last-1].End] }
	var out []string
	for _, m := range d.Mentions {
		if m.Sentence != si {
			continue
		}
		l := fmt.Sprintf("mention %s %q %s", span(m.First, m.Last), text(m.First, m.Last), m.Kind)
		for _, f := range []string{m.Country, m.Sector} {
			if f != "" {
				l += " " + f
			}
		}
		if m.Named && m.Name != text(m.First, m.Last) {
			l += fmt.Sprintf(" %q", m.Name)
		}
		if m.Title != "" {
			l += fmt.Sprintf(" title %q", m.Title)
		}
		if m.Ref >= 0 {
			r := d.Mentions[m.Ref]
			l += fmt.Sprintf(" → %q", text(r.First, r.Last))
		}
		out = append(out, l)
	}
	for _, t := range d.Times {
		if t.Sentence == si {
			out = append(out, fmt.Sprintf("time %s %q %s %s", span(s.First+t.First, s.First+t.Last), t.Text, t.Day, t.Precision))
		}
	}
	for _, t := range d.Triggers {
		if t.Sentence == si {
			out = append(out, fmt.Sprintf("trigger %s %q %s %s (%s)", span(t.Head, t.Last+1), text(t.Head, t.Last+1), t.Pattern.Type, t.Pattern, t.Pattern.Source))
		}
	}
	for _, e := range d.Events {
		if e.Sentence != si {
			continue
		}
		l := fmt.Sprintf("event %s %s → %s %s", e.Type, actorCode(e.Actor), actorCode(e.Recipient), e.Date)
		if e.Location != nil {
			l += " " + e.Location.Name
		}
		if e.Modality != event.Asserted {
			l += " (" + string(e.Modality) + ")"
		}
		if w := e.Why; w != nil {
			l += fmt.Sprintf(" | actor %s, recipient %s, place %s, date %s", or(w.Actor), or(w.Recipient), or(w.Place), or(w.Date))
		}
		out = append(out, l)
	}
	return out
}

func actorCode(a *event.Actor) string {
	if a == nil || a.Code == "" {
		return "-"
	}
	return a.Code
}

func or(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func prefixLines(s, prefix string) string {
	return prefix + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+prefix)
}
