package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/reader"
)

func init() {
	register(command{name: "code", usage: "FILE|DIR|-...  code articles into PLOVER events (JSON Lines, PLOVER JSON or a table)", run: runCode})
}

func runCode(args []string) int {
	fs := flag.NewFlagSet("code", flag.ContinueOnError)
	opts := readerFlags(fs)
	format := fs.String("format", "jsonl", "output format: jsonl, plover or table")
	all := fs.Bool("all-modalities", false, "also print negated, future, hypothetical and conditional events")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents coded in parallel")
	petrarch := fs.String("petrarch", "", "code with the PETRARCH/TABARI dictionaries in this folder (*.actors.txt, *.agents.txt, *.verbs.txt or CAMEO*.txt, *discards*) and write CAMEO events (jsonl, table, or explain: each sentence's tokens, phrases with their codes, and events)")
	if !parseArgs(fs, args, "parley code [flags] FILE|DIR|-...") {
		return 2
	}
	if *petrarch != "" {
		return codePetrarch(*petrarch, *format, fs.Args(), opts.options(), *workers)
	}
	var write func(w io.Writer, d *doc.Document, evs []event.Event) error
	switch *format {
	case "jsonl":
		write = writeJSONL[event.Event]
	case "plover":
		write = writePLOVER
	case "table":
		write = tableWriter(*all)
	default:
		fmt.Fprintf(os.Stderr, "parley code: unknown format %q (jsonl, plover, table)\n", *format)
		return 2
	}
	c := newCoder(parley.Options{AllModalities: *all, MaxBytes: opts.maxText()})
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	failed := false
	read := 0
	err := codeAll(fs.Args(), opts.options(), c, *workers, func(d *doc.Document, evs []event.Event, err error) error {
		if err != nil {
			fmt.Fprintln(os.Stderr, "parley code:", err)
			failed = true
			return nil
		}
		read++
		for _, w := range d.Warnings {
			fmt.Fprintf(os.Stderr, "parley code: %s: warning: %s\n", docName(d), w)
		}
		return write(out, d, evs)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley code:", err)
		return 1
	}
	if read == 0 && !failed {
		fmt.Fprintf(os.Stderr, "parley code: no documents in %s (inputs: .txt, .jsonl, .html, .warc files)\n", strings.Join(fs.Args(), " "))
		return 1
	}
	if failed {
		return 1
	}
	return 0
}

// newCoder is the coder every command codes with; tests replace it to
// code with a coder that fails.
var newCoder = parley.New

// docName is how messages name a document: its file and line, its file,
// or its id.
func docName(d *doc.Document) string {
	if d.Path == "" {
		return d.ID
	}
	return parley.Name(d)
}

// codeAll reads and codes documents with n workers and hands each result to
// emit in input order. Memory stays bounded: at most a few documents per
// worker are in flight.
func codeAll(paths []string, opts reader.Options, c *parley.Coder, n int, emit func(*doc.Document, []event.Event, error) error) error {
	ctx := context.Background()
	return codeAllWith(paths, opts, n, func(d *doc.Document) ([]event.Event, error) { return c.Code(ctx, d) }, emit)
}

// codeAllWith is codeAll with any coder: code turns one document into its
// result, or says why it could not (a panic in it included: see
// parley.Coder.Code and codePetrarch).
func codeAllWith[T any](paths []string, opts reader.Options, n int, code func(*doc.Document) (T, error), emit func(*doc.Document, T, error) error) error {
	if n < 1 {
		n = 1
	}
	type job struct {
		d    *doc.Document
		err  error
		out  T
		done chan struct{}
	}
	jobs := make(chan *job, n)
	order := make(chan *job, 2*n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out, j.err = code(j.d)
				close(j.done)
			}
		}()
	}
	go func() {
		for d, err := range reader.Documents(paths, opts) {
			j := &job{d: d, err: err, done: make(chan struct{})}
			order <- j
			if err != nil {
				close(j.done)
				continue
			}
			jobs <- j
		}
		close(jobs)
		close(order)
	}()
	var firstErr error
	for j := range order {
		<-j.done
		if firstErr != nil {
			continue // drain
		}
		if err := emit(j.d, j.out, j.err); err != nil {
			firstErr = err
		}
		j.d = nil
	}
	wg.Wait()
	return firstErr
}

// writeJSONL writes one JSON object per line.
func writeJSONL[T any](w io.Writer, _ *doc.Document, items []T) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range items {
		if err := enc.Encode(&items[i]); err != nil {
			return err
		}
	}
	return nil
}

// tableWriter returns the writer of the table format. With modalities it
// has a MODALITY column, so that "Russia did not attack Ukraine" does not
// read as an attack.
func tableWriter(modalities bool) func(w io.Writer, d *doc.Document, evs []event.Event) error {
	return func(w io.Writer, d *doc.Document, evs []event.Event) error {
		if len(evs) == 0 {
			return nil
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "# %s (%s)\n", d.ID, d.Day())
		header := "DATE\tTYPE\tMODE\tACTOR\tRECIPIENT\tPLACE\tTRIGGER"
		if modalities {
			header = "DATE\tTYPE\tMODE\tMODALITY\tACTOR\tRECIPIENT\tPLACE\tTRIGGER"
		}
		fmt.Fprintln(tw, header)
		for _, e := range evs {
			if modalities {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Date, e.Type, dash(e.Mode), e.Modality, side(e.Actor), side(e.Recipient), place(e.Location), e.Trigger)
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Date, e.Type, dash(e.Mode), side(e.Actor), side(e.Recipient), place(e.Location), e.Trigger)
		}
		return tw.Flush()
	}
}

func side(a *event.Actor) string {
	if a == nil {
		return "-"
	}
	return fmt.Sprintf("%s (%s)", a.Name, strings.TrimSpace(a.Country+" "+a.Sector))
}

func place(l *event.Location) string {
	if l == nil {
		return "-"
	}
	return fmt.Sprintf("%s (%s)", l.Name, l.Country)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
