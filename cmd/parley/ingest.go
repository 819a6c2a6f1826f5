package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/parley-events/parley/coder"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/reader"
	"github.com/parley-events/parley/store"
)

func init() {
	register(command{name: "ingest", usage: "PATH...|-  code articles and store them with their events (merged across articles)", run: runIngest})
	// parley serve codes submitted articles with the same coder.
	serveCode = func(d *doc.Document) []event.Event { return coder.Default().Code(d) }
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
	s, err := store.Open(ctx, *db, store.Options{Window: *window})
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley ingest:", err)
		return 1
	}
	defer s.Close()

	bar := newProgressBar(os.Stderr)
	c := coder.Default()
	p, err := store.Load(ctx, s, reader.Documents(fs.Args(), opts.options()), c.Code, store.LoadOptions{
		Workers:  *workers,
		OnError:  func(err error) { bar.clear(); fmt.Fprintln(os.Stderr, "parley ingest:", err) },
		OnStored: bar.update,
	})
	bar.done(p)
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley ingest: interrupted:", err)
		return 130
	}
	if p.Errors > 0 {
		return 1
	}
	return 0
}

// progressBar shows documents/s, events and errors on a terminal, at most
// five times a second, and stays silent when stderr is a pipe or file.
type progressBar struct {
	f    *os.File
	tty  bool
	last time.Time
	p    store.Progress
}

func newProgressBar(f *os.File) *progressBar {
	st, err := f.Stat()
	return &progressBar{f: f, tty: err == nil && st.Mode()&os.ModeCharDevice != 0}
}

func (b *progressBar) line(p store.Progress) string {
	rate := 0.0
	if s := p.Elapsed.Seconds(); s > 0 {
		rate = float64(p.Documents+p.Skipped) / s
	}
	return fmt.Sprintf("%d documents stored, %d already stored, %d events, %d errors (%.1f documents/s)",
		p.Documents, p.Skipped, p.Events, p.Errors, rate)
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

func (b *progressBar) done(p store.Progress) {
	if b.tty {
		fmt.Fprintf(b.f, "\r\033[K%s\n", b.line(p))
	}
}
