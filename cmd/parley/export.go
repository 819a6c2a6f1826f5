package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/export"
	"github.com/parley-events/parley/internal/version"
	"github.com/parley-events/parley/store"
)

func init() {
	register(command{name: "export", usage: "--format FORMAT [filters]  write stored events as PLOVER JSON, POLECAT TSV, GDELT 2.0, CSV or Parquet", run: runExport})
}

func runExport(args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	db := fs.String("db", defaultDB, "store: SQLite file or postgres:// URL")
	q := queryFlags(fs)
	format := fs.String("format", "", "file layout: "+strings.Join(export.Formats, ", ")+" (required)")
	out := fs.String("out", "", "file to write (default: standard output)")
	header := fs.Bool("header", false, "gdelt: start with a row of column names (GDELT's own files have none)")
	limit := fs.Int("limit", 0, "at most this many events (0: all)")
	offset := fs.Int("offset", 0, "skip this many events")
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: parley export --format "+strings.Join(export.Formats, "|")+" [--level story|event] [--out FILE] [filters] [--db PATH]\n\n"+
			"Writes the stored events that match the filters, newest first: merged stories\n"+
			"(with mention, article and source counts) or raw events (--level event).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "parley export: unexpected argument %q (filters are flags: see parley export -h)\n", fs.Arg(0))
		return 2
	}
	if *format == "" {
		fmt.Fprintln(os.Stderr, "parley export: --format is required ("+strings.Join(export.Formats, ", ")+")")
		return 2
	}
	if !slices.Contains(export.Formats, *format) {
		fmt.Fprintf(os.Stderr, "parley export: unknown --format %q (want %s)\n", *format, strings.Join(export.Formats, ", "))
		return 2
	}
	var stories bool
	switch q.Level {
	case "story", "stories", "":
		stories = true
	case "event", "events", "raw":
	default:
		fmt.Fprintf(os.Stderr, "parley export: bad --level %q (want story or event)\n", q.Level)
		return 2
	}
	if !checkQuery("export", q, *limit, *offset) {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, err := os.Stat(*db); err != nil && !strings.Contains(*db, "://") {
		fmt.Fprintf(os.Stderr, "parley export: no store at %s (ingest articles first, or pass --db)\n", *db)
		return 1
	}
	s, ok := openStore(ctx, "export", *db, store.Options{ReadOnly: true})
	if !ok {
		return 1
	}
	defer s.Close()

	dest, err := createOutput(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley export:", err)
		return 1
	}
	bw := bufio.NewWriterSize(dest, 1<<16)
	w, err := export.NewWriter(*format, bw, export.Options{Header: *header, Version: version.Release})
	if err != nil {
		dest.abort()
		fmt.Fprintln(os.Stderr, "parley export:", err)
		return 2
	}
	n, err := exportRecords(ctx, s, *q, stories, *limit, *offset, w, *format == "polecat")
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = dest.commit()
	}
	if err != nil {
		dest.abort()
		fmt.Fprintln(os.Stderr, "parley export:", err)
		if errors.Is(err, store.ErrBadQuery) {
			return 2
		}
		return 1
	}
	what := "events"
	if stories {
		what = "stories"
	}
	to := "standard output"
	if *out != "" {
		to = *out
	}
	fmt.Fprintf(os.Stderr, "parley export: %d %s written to %s (%s)\n", n, what, to, *format)
	return 0
}

// exportRecords pages through the matching stories or events and writes
// each as a record. A story is written with its reports, so its first
// report can supply the article-level fields.
func exportRecords(ctx context.Context, s store.Store, q store.Query, stories bool, limit, offset int, w export.Writer, names bool) (int, error) {
	written := 0
	var lastDoc string
	var people, orgs, places []string
	// storyNames fills POLECAT's Story columns from the events of the
	// record's article (records come newest first, so an article's are
	// mostly together and one lookup serves them).
	storyNames := func(r *export.Record) error {
		if !names || r.DocID == "" {
			return nil
		}
		if r.DocID != lastDoc {
			d, err := s.Document(ctx, r.DocID)
			if err != nil {
				return fmt.Errorf("document %s: %w", r.DocID, err)
			}
			evs := make([]event.Event, len(d.Events))
			for i := range d.Events {
				evs[i] = d.Events[i].Event
			}
			people, orgs, places = export.StoryNames(evs)
			lastDoc = r.DocID
		}
		r.StoryPeople, r.StoryOrganizations, r.StoryLocations = people, orgs, places
		return nil
	}
	err := pages(limit, offset, func(l, o int, after string) (int, string, error) {
		q.Limit, q.Offset, q.After = l, o, after
		if !stories {
			p, err := s.Events(ctx, q)
			for i := range p.Items {
				r := export.FromMention(&p.Items[i])
				if err := storyNames(&r); err != nil {
					return i, "", err
				}
				if err := w.Write(&r); err != nil {
					return i, "", err
				}
				written++
			}
			return len(p.Items), p.Next, err
		}
		p, err := s.Stories(ctx, q)
		if err != nil {
			return 0, "", err
		}
		for i := range p.Items {
			st, err := s.Story(ctx, p.Items[i].ID)
			if err != nil {
				return i, "", fmt.Errorf("story %s: %w", p.Items[i].ID, err)
			}
			r := export.FromStory(st)
			if err := storyNames(&r); err != nil {
				return i, "", err
			}
			if err := w.Write(&r); err != nil {
				return i, "", err
			}
			written++
		}
		return len(p.Items), p.Next, nil
	})
	return written, err
}

// output is where an export goes: standard output, or a temporary file
// renamed over --out only when the export is complete, so a failed run
// never leaves a truncated file that looks like a finished one.
type output struct {
	io.Writer
	f    *os.File
	path string
}

func createOutput(path string) (*output, error) {
	if path == "" || path == "-" {
		return &output{Writer: os.Stdout}, nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, err
	}
	return &output{Writer: f, f: f, path: path}, nil
}

func (o *output) commit() error {
	if o.f == nil {
		return nil
	}
	if err := o.f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(o.f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(o.f.Name(), o.path)
}

func (o *output) abort() {
	if o.f != nil {
		o.f.Close()
		os.Remove(o.f.Name())
	}
}
