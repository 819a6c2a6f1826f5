package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/reader"
	"github.com/parley-events/parley/store"
)

func init() {
	register(command{name: "ingest", usage: "PATH...|-  code articles and store them with their events (merged across articles)", run: runIngest})
}

func runIngest(args []string) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	db := fs.String("db", defaultDB, "store: SQLite file (created when missing) or postgres:// URL")
	workers := fs.Int("workers", runtime.NumCPU(), "documents coded at once")
	window := fs.Duration("window", store.DefaultWindow, "reports of one happening may be dated this far apart (merged into one story)")
	opts := readerFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: parley ingest [flags] PATH...|-\n\nCodes every article of the files, folders (recursively) or standard input (-)\nand stores it with its events. Already stored articles are skipped, so an\ninterrupted run can simply be repeated.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	// Ctrl-C stops cleanly: the document being written is rolled back and
	// everything reported done stays.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Every input must exist before the store is touched: a mistyped path
	// must not leave an empty store behind.
	for _, p := range fs.Args() {
		if p == "-" {
			continue
		}
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintf(os.Stderr, "parley ingest: %s: no such file or folder\n", p)
			return 1
		}
	}
	s, ok := openStore(ctx, "ingest", *db, store.Options{Window: *window})
	if !ok {
		return 1
	}
	defer s.Close()

	before, _ := s.Stats(ctx)
	bar := newProgressBar(os.Stderr, countDocuments(fs.Args()))
	c := newCoder(parley.Options{MaxBytes: opts.maxText()})
	// Warnings about a document (invalid UTF-8 replaced) are told as
	// parley code tells them; the document is still stored.
	docs := func(yield func(*doc.Document, error) bool) {
		for d, err := range reader.Documents(fs.Args(), opts.options()) {
			if d != nil {
				for _, w := range d.Warnings {
					bar.clear()
					fmt.Fprintf(os.Stderr, "parley ingest: %s: warning: %s\n", docName(d), w)
				}
			}
			if !yield(d, err) {
				return
			}
		}
	}
	p, err := store.Load(ctx, s, docs, c.Code, store.LoadOptions{
		Workers:  *workers,
		OnError:  func(err error) { bar.clear(); fmt.Fprintln(os.Stderr, "parley ingest:", err) },
		OnStored: bar.update,
	})
	after, _ := s.Stats(context.WithoutCancel(ctx))
	bar.clear()
	fmt.Fprintf(os.Stderr, "parley ingest: %d documents stored, %d already stored, %d failed; %d events, %d new stories (%d in the store); %.1f s\n",
		p.Documents, p.Skipped, p.Errors, p.Events, after.Stories-before.Stories, after.Stories, p.Elapsed.Seconds())
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(os.Stderr, "parley ingest: interrupted:", err)
		return 130
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley ingest: stopped by a store error:", err)
		return 1
	}
	if p.Errors > 0 {
		return 1
	}
	return 0
}

// countDocuments is how many documents the inputs hold when that is known
// before reading them: each file of one article (text, HTML) is one; JSON
// Lines and WARC files, and standard input, hold an unknown number, and
// then the count is 0.
func countDocuments(paths []string) int {
	files, err := reader.Files(paths)
	if err != nil {
		return 0
	}
	for _, f := range files {
		if f == "-" || !reader.OneDocument(f) {
			return 0
		}
	}
	return len(files)
}

// progressBar shows progress on a terminal, at most five times a second:
// documents done of the total when it is known, with the time left, and
// documents/s, events and errors. It stays silent when stderr is a pipe or
// a file (the summary line is written either way).
type progressBar struct {
	f     *os.File
	tty   bool
	total int // documents to read, 0 when unknown
	last  time.Time
	p     store.Progress
}

func newProgressBar(f *os.File, total int) *progressBar {
	st, err := f.Stat()
	return &progressBar{f: f, tty: err == nil && st.Mode()&os.ModeCharDevice != 0, total: total}
}

func (b *progressBar) line(p store.Progress) string {
	done := p.Documents + p.Skipped + p.Errors
	rate := 0.0
	if s := p.Elapsed.Seconds(); s > 0 {
		rate = float64(done) / s
	}
	counts := fmt.Sprintf("%d documents stored, %d already stored, %d events, %d errors (%.1f documents/s)",
		p.Documents, p.Skipped, p.Events, p.Errors, rate)
	if b.total == 0 {
		return counts
	}
	const width = 24
	filled := min(width, width*done/b.total)
	eta := "?"
	if rate > 0 {
		eta = (time.Duration(float64(b.total-done)/rate) * time.Second).Round(time.Second).String()
	}
	return fmt.Sprintf("[%s%s] %d/%d, %s left; %s", strings.Repeat("#", filled), strings.Repeat(".", width-filled),
		done, b.total, eta, counts)
}

func (b *progressBar) update(p store.Progress) {
	b.p = p
	if !b.tty || time.Since(b.last) < 200*time.Millisecond {
		return
	}
	b.last = time.Now()
	fmt.Fprintf(b.f, "\r\033[K%s", b.line(p))
}

func (b *progressBar) clear() {
	if b.tty {
		fmt.Fprint(b.f, "\r\033[K")
	}
}
