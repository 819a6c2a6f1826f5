package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/parley-events/parley/reader"
)

// readerOpts are the input flags shared by every command that reads articles.
type readerOpts struct {
	date     dateFlag
	maxBytes int
}

func readerFlags(fs *flag.FlagSet) *readerOpts {
	o := &readerOpts{}
	fs.Var(&o.date, "date", "publication date (YYYY-MM-DD) for documents that carry none")
	fs.IntVar(&o.maxBytes, "max-bytes", reader.DefaultMaxBytes, "largest document accepted, in bytes")
	return o
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
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return fmt.Errorf("want YYYY-MM-DD, got %q", s)
	}
	*d = dateFlag(t)
	return nil
}

// parseArgs parses a command's flags and checks that at least one
// positional argument (a file, folder or "-") follows; on a mistake it
// prints the usage line and the flags, and returns false.
func parseArgs(fs *flag.FlagSet, args []string, usage string) bool {
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: "+usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return false
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return false
	}
	return true
}

// listFlag collects the values of a flag given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }
