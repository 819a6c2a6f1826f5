package store

import (
	"context"
	"iter"
	"runtime"
	"sync"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
)

// CodeFunc codes one document into events; it must be safe for
// concurrent use.
type CodeFunc func(*doc.Document) []event.Event

// LoadOptions tune Load.
type LoadOptions struct {
	Workers int // documents coded at once (default: all cores)
	// OnError is told about every bad input document and every document
	// the store refused; loading goes on.
	OnError func(error)
	// OnStored is called after each document is committed (or skipped as
	// already stored), from one goroutine.
	OnStored func(Progress)
}

// Progress counts what Load has done so far.
type Progress struct {
	Documents int // committed by this run
	Skipped   int // already stored
	Events    int
	Errors    int
	Elapsed   time.Duration
}

// Load codes documents with code on several workers and stores each one,
// with its events, in its own transaction, in input order (so that the
// same input always builds the same stories). Documents already stored are
// not coded again, so a run interrupted at any point can simply be
// repeated. It returns when docs is exhausted or ctx is cancelled.
func Load(ctx context.Context, s Store, docs iter.Seq2[*doc.Document, error], code CodeFunc, opts LoadOptions) (Progress, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	start := time.Now()
	type job struct {
		seq    int
		d      *doc.Document
		err    error
		stored bool
		events []event.Event
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := make(chan job, workers*2)
	out := make(chan job, workers*2)

	// Reader: numbers the input so results can be put back in order.
	go func() {
		defer close(in)
		seq := 0
		for d, err := range docs {
			select {
			case in <- job{seq: seq, d: d, err: err}:
				seq++
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range in {
				if j.err == nil {
					if has, err := s.HasDocument(ctx, j.d); err != nil {
						j.err = err
					} else if has {
						j.stored = true
					} else {
						j.events = code(j.d)
					}
				}
				select {
				case out <- j:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()

	var p Progress
	report := func(err error) {
		p.Errors++
		if opts.OnError != nil {
			opts.OnError(err)
		}
	}
	pending := map[int]job{}
	next := 0
	var failure error
	for j := range out {
		pending[j.seq] = j
		for failure == nil {
			j, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			switch {
			case j.err != nil:
				report(j.err)
			case j.stored:
				p.Skipped++
			default:
				r, err := s.Ingest(ctx, j.d, j.events)
				if err != nil && ctx.Err() != nil {
					failure = ctx.Err() // interrupted: the transaction was rolled back
					cancel()
					continue
				}
				if err != nil {
					report(err)
					continue
				}
				if r.Skipped {
					p.Skipped++
				} else {
					p.Documents++
					p.Events += r.Events
				}
			}
			p.Elapsed = time.Since(start)
			if opts.OnStored != nil {
				opts.OnStored(p)
			}
		}
	}
	p.Elapsed = time.Since(start)
	if failure == nil {
		failure = ctx.Err()
	}
	return p, failure
}
