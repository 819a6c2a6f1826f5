package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/parley-events/parley/cameo"
	"github.com/parley-events/parley/dict"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/kb"
	"github.com/parley-events/parley/nlp"
	"github.com/parley-events/parley/reader"
)

// cameoEvent is one event of `parley code --petrarch`: the CAMEO triple,
// its PLOVER type and mode by PLOVER's translation table, and where it
// came from.
type cameoEvent struct {
	Doc      string `json:"doc"`
	Date     string `json:"date"`
	Sentence int    `json:"sentence"`
	Source   string `json:"source"`
	Target   string `json:"target"`
	// The sides as PLOVER countries and sectors, when their codes name one.
	SourceCountry string `json:"source_country,omitempty"`
	SourceSector  string `json:"source_sector,omitempty"`
	TargetCountry string `json:"target_country,omitempty"`
	TargetSector  string `json:"target_sector,omitempty"`
	CAMEO         string `json:"cameo"`
	Type          string `json:"type,omitempty"`
	Mode          string `json:"mode,omitempty"`
	Verb          string `json:"verb"`
	Pattern       string `json:"pattern,omitempty"`
	PatternLine   int    `json:"pattern_line,omitempty"`
	Text          string `json:"text"`
}

type cameoResult struct {
	events    []cameoEvent
	discarded []cameo.Discarded
	explained string // --format explain: the coder's view of each sentence
}

// codePetrarch codes documents with PETRARCH dictionaries instead of
// parley's knowledge base and writes CAMEO events.
func codePetrarch(dir, format string, paths []string, opts reader.Options, workers int) int {
	if format != "jsonl" && format != "table" && format != "explain" {
		fmt.Fprintf(os.Stderr, "parley code: --petrarch writes jsonl, table or explain, not %q\n", format)
		return 2
	}
	files, err := cameo.FilesIn(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley code:", err)
		return 1
	}
	d, err := cameo.Load(files)
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley code:", err)
		return 1
	}
	for reason, n := range d.Skipped {
		fmt.Fprintf(os.Stderr, "parley code: %s: %d dictionary entries skipped: %s\n", dir, n, reason)
	}
	c := cameo.New(d)
	ref := kb.Default()
	known := func(iso string) bool { _, ok := ref.Country(iso); return ok }
	code := func(doc *doc.Document) (r cameoResult, err error) {
		// The PETRARCH coder is not parley's (parley.Coder recovers its
		// own panics): a bug in it is this document's error all the same.
		defer func() {
			if p := recover(); p != nil {
				r, err = cameoResult{}, fmt.Errorf("%s: internal error while coding with PETRARCH dictionaries (a bug: please report it): %v", docName(doc), p)
			}
		}()
		nlp.Annotate(doc)
		if format == "explain" {
			var b strings.Builder
			err := c.Explain(&b, doc)
			return cameoResult{explained: b.String()}, err
		}
		evs, disc := c.Code(doc)
		r = cameoResult{discarded: disc}
		for _, e := range evs {
			typ, mode, _ := dict.PloverOf(e.Code)
			sn := doc.Sentences[e.Sentence]
			sc, ss, _ := dict.ActorOf(e.Source, known)
			tc, ts, _ := dict.ActorOf(e.Target, known)
			r.events = append(r.events, cameoEvent{Doc: doc.ID, Date: doc.Day(), Sentence: e.Sentence,
				Source: e.Source, Target: e.Target, SourceCountry: sc, SourceSector: ss, TargetCountry: tc, TargetSector: ts,
				CAMEO: e.Code, Type: typ, Mode: mode,
				Verb: doc.Tokens[e.Verb].Text, Pattern: e.Pattern, PatternLine: e.PatternLine,
				Text: doc.SentenceText(sn)})
		}
		return r, nil
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	failed := false
	write := writeJSONL[cameoEvent]
	if format == "table" {
		write = writeCAMEOTable
	}
	err = codeAllWith(paths, opts, workers, code, func(doc *doc.Document, r cameoResult, err error) error {
		if err != nil {
			fmt.Fprintln(os.Stderr, "parley code:", err)
			failed = true
			return nil
		}
		for _, x := range r.discarded {
			what := "sentence"
			if x.Story {
				what = "story"
			}
			fmt.Fprintf(os.Stderr, "parley code: %s: %s %d discarded by %q\n", docName(doc), what, x.Sentence+1, x.Phrase)
		}
		if format == "explain" {
			fmt.Fprintf(out, "## %s (%s)\n%s", doc.ID, doc.Day(), r.explained)
			return nil
		}
		return write(out, doc, r.events)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley code:", err)
		return 1
	}
	if failed {
		return 1
	}
	return 0
}

func writeCAMEOTable(w io.Writer, d *doc.Document, evs []cameoEvent) error {
	if len(evs) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "# %s (%s)\n", d.ID, d.Day())
	fmt.Fprintln(tw, "SENTENCE\tSOURCE\tTARGET\tCAMEO\tTYPE\tMODE\tVERB\tPATTERN")
	for _, e := range evs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Sentence+1, e.Source, e.Target, e.CAMEO, dash(e.Type), dash(e.Mode), e.Verb, dash(e.Pattern))
	}
	return tw.Flush()
}
