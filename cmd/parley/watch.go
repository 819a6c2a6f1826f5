package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/feed"
	"github.com/parley-events/parley/reader"
	"github.com/parley-events/parley/store"
)

func init() {
	register(command{name: "watch", usage: "FEED_URL...  follow RSS/Atom feeds: fetch, code and store each new article", run: runWatch})
}

func runWatch(args []string) int {
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	db := fs.String("db", defaultDB, "store: SQLite file (created when missing) or postgres:// URL")
	statePath := fs.String("state", "", "file remembering the items already handled and the feeds' cache headers (default: the --db file with .watch appended)")
	window := fs.Duration("window", store.DefaultWindow, "reports of one happening may be dated this far apart (merged into one story)")
	interval := fs.Duration("interval", 15*time.Minute, "time between two polls of a feed")
	once := fs.Bool("once", false, "poll every feed once and exit (for cron); the exit status is 1 when a feed failed")
	timeout := fs.Duration("timeout", 30*time.Second, "give up a request for a feed or page after this long")
	maxBytes := fs.Int64("max-bytes", feed.DefaultMaxBytes, "largest feed or page fetched, in bytes")
	pageDelay := fs.Duration("page-delay", time.Second, "pause between two article fetches")
	retryBase := fs.Duration("retry-base", time.Minute, "wait after a feed's first failure; doubled after each further one")
	maxBackoff := fs.Duration("max-backoff", time.Hour, "longest wait between retries of a failing feed")
	maxAttempts := fs.Int("max-attempts", 5, "tries of an article page that keeps failing before it is given up")
	quiet := fs.Bool("quiet", false, "log only problems")
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, `usage: parley watch [flags] FEED_URL...

Polls RSS or Atom feeds and, for each item not seen before, fetches its
article page, extracts the text and metadata, codes it and stores it with
its events. Items are remembered in a state file, so each is stored once
across restarts; a feed that fails is retried with exponential backoff.
Stops cleanly on Ctrl-C or SIGTERM, finishing the article being stored.`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	feeds := fs.Args()
	for _, f := range feeds {
		if !strings.HasPrefix(f, "http://") && !strings.HasPrefix(f, "https://") {
			fmt.Fprintf(os.Stderr, "parley watch: %q is not an http(s) feed URL\n", f)
			return 2
		}
	}
	if *interval <= 0 || *timeout <= 0 {
		fmt.Fprintln(os.Stderr, "parley watch: --interval and --timeout must be positive")
		return 2
	}
	if *statePath == "" {
		if strings.Contains(*db, "://") {
			fmt.Fprintln(os.Stderr, "parley watch: give --state (a file) when --db is not a file")
			return 2
		}
		*statePath = *db + ".watch"
	}

	logger := log.New(os.Stderr, "parley watch: ", log.LstdFlags)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s, err := store.Open(ctx, *db, store.Options{Window: *window})
	if err != nil {
		logger.Print(err)
		return 1
	}
	defer s.Close()
	state, err := feed.OpenState(ctx, *statePath)
	if err != nil {
		logger.Print(err)
		return 1
	}
	defer state.Close()

	fetcher := feed.NewFetcher(*timeout)
	fetcher.MaxBytes = *maxBytes
	c := newCoder(parley.Options{})
	w := &feed.Watcher{
		Feeds: feeds, Fetcher: fetcher, State: state,
		Handle:   storePage(s, c, logger, *quiet),
		Interval: *interval, RetryBase: *retryBase, MaxBackoff: *maxBackoff,
		PageDelay: *pageDelay, MaxAttempts: *maxAttempts,
		Problem: logger.Printf,
	}
	if !*quiet {
		w.Log = logger.Printf
	}
	if *once {
		polls, err := w.Once(ctx)
		var sum feed.Poll
		for _, p := range polls {
			sum.New += p.New
			sum.Stored += p.Stored
			sum.Failed += p.Failed
			sum.Retry += p.Retry
		}
		logger.Printf("%d feeds polled: %d new items, %d stored, %d given up, %d to retry", len(polls), sum.New, sum.Stored, sum.Failed, sum.Retry)
		if ctx.Err() != nil {
			logger.Print("interrupted")
			return 130
		}
		if err != nil {
			return 1
		}
		return 0
	}
	logger.Printf("watching %d feeds every %v (state %s)", len(feeds), *interval, *statePath)
	if err := w.Run(ctx); err != nil {
		logger.Print(err)
		return 1
	}
	logger.Print("stopped")
	return 0
}

// storePage is the watcher's Handler: the page becomes a document (dated
// by the feed item when the page has no date), is coded and is stored.
// Pages that are no article, and documents the store refuses, are given up
// rather than retried.
func storePage(s store.Store, c *parley.Coder, logger *log.Logger, quiet bool) feed.Handler {
	return func(ctx context.Context, it feed.Item, page *feed.Response) (string, error) {
		d, err := reader.HTML(page.Body, page.URL, page.ContentType, reader.Options{Date: it.Published})
		if err != nil {
			return "", feed.Permanent(err)
		}
		if d.Title == "" {
			d.Title = it.Title
		}
		if has, err := s.HasDocument(ctx, d); err != nil {
			return "", err
		} else if has {
			return d.ID, nil // the same article reached by another link
		}
		evs, err := c.Code(ctx, d)
		if err != nil && ctx.Err() != nil {
			return "", err // stopped: the page is tried again next run
		}
		if err != nil {
			return "", feed.Permanent(err)
		}
		r, err := s.Ingest(ctx, d, evs)
		if errors.Is(err, store.ErrConflict) {
			return "", feed.Permanent(err)
		}
		if err != nil {
			return "", err
		}
		if !quiet && !r.Skipped {
			logger.Printf("%s: %d events (%d new stories, %d merged)", d.ID, r.Events, r.NewStories, r.Merged)
		}
		return d.ID, nil
	}
}
