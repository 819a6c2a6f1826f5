package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/reader"
	"github.com/parley-events/parley/store"
)

// readerOpts are the input flags shared by every command that reads articles.
type readerOpts struct {
	fs       *flag.FlagSet
	date     dateFlag
	maxBytes int
}

func readerFlags(fs *flag.FlagSet) *readerOpts {
	o := &readerOpts{fs: fs}
	fs.Var(&o.date, "date", "publication date (YYYY-MM-DD) for documents that carry none")
	fs.IntVar(&o.maxBytes, "max-bytes", reader.DefaultMaxBytes, fmt.Sprintf("largest document read, in bytes (its text is coded up to %d bytes unless this is given)", parley.DefaultMaxBytes))
	return o
}

// maxText is the coder's bound on a document's text: --max-bytes when
// given, else the coder's default (parley.DefaultMaxBytes, smaller than
// the reader's, which also bounds web pages and their markup).
func (o *readerOpts) maxText() int {
	n := 0
	o.fs.Visit(func(f *flag.Flag) {
		if f.Name == "max-bytes" {
			n = o.maxBytes
		}
	})
	return n
}

func (o *readerOpts) options() reader.Options {
	return reader.Options{Date: time.Time(o.date), MaxBytes: o.maxBytes}
}

type dateFlag time.Time

func (d *dateFlag) String() string {
	if time.Time(*d).IsZero() {
		return ""
	}
	return time.Time(*d).Format("2006-01-02")
}

func (d *dateFlag) Set(s string) error {
	t, err := reader.ParseDate(s)
	if err != nil {
		return err
	}
	*d = dateFlag(t)
	return nil
}

// parseArgs parses a command's flags and checks that at least one
// positional argument (a file, folder or "-") follows; on a mistake it
// prints the usage line and the flags, and returns false.
func parseArgs(fs *flag.FlagSet, args []string, usage string) bool {
	setUsage(fs, strings.TrimPrefix(usage, "usage: "), "")
	if err := fs.Parse(args); err != nil {
		return false
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return false
	}
	return true
}

// setUsage gives fs the usage text every command prints on -h or on a
// mistake, in the layout they all share: the usage line, a blank line and
// what the command does (when about is not empty), then the flags.
func setUsage(fs *flag.FlagSet, line, about string) {
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: "+line)
		if about != "" {
			fmt.Fprintln(os.Stderr, "\n"+about)
		}
		fs.PrintDefaults()
	}
}

// checkQuery validates the filters and paging flags of query and export,
// reporting a bad value with the accepted ones; ok is false when the
// command must exit with status 2.
func checkQuery(cmd string, q *store.Query, limit, offset int) bool {
	checked, err := q.Check()
	if err == nil && limit < 0 {
		err = fmt.Errorf("bad --limit %d (want 0 for all, or more)", limit)
	}
	if err == nil && offset < 0 {
		err = fmt.Errorf("bad --offset %d (want 0 or more)", offset)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "parley %s: %s\n", cmd, strings.TrimPrefix(err.Error(), store.ErrBadQuery.Error()+": "))
		return false
	}
	*q = checked
	return true
}

// openStore opens the store a command reads, --db's SQLite file or
// postgres:// URL. Errors never show a password: they name the store as
// store.Redact writes it.
func openStore(ctx context.Context, cmd, db string, opts store.Options) (store.Store, bool) {
	s, err := store.Open(ctx, db, opts)
	if err != nil {
		msg := err.Error()
		if raw, red := db, store.Redact(db); raw != red {
			msg = strings.ReplaceAll(msg, raw, red)
		}
		fmt.Fprintf(os.Stderr, "parley %s: %s\n", cmd, msg)
		return nil, false
	}
	return s, true
}

// listFlag collects the values of a flag given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }
