package store

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"runtime"
	"sync"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
)

// CodeFunc codes one document into events, or says why it cannot (a
// document the coder refuses, a bug caught as an error, ctx done); it
// must be safe for concurrent use. parley.Code and a parley.Coder's Code
// method are CodeFuncs.
type CodeFunc func(ctx context.Context, d *doc.Document) ([]event.Event, error)

// LoadOptions tune Load.
type LoadOptions struct {
	Workers int // documents coded at once (default: all cores)
	// OnError is told about every bad input document, every document
	// the coder refused and every document the store refused; loading
	// goes on.
	OnError func(error)
	// OnStored is called after each document is committed (or skipped as
	// already stored), from one goroutine.
	OnStored func(Progress)
	// MaxBatch bounds how many documents share one transaction when the
	// store can write several at once (BatchIngester); default
	// DefaultMaxBatch, 1 for a transaction per document.
	MaxBatch int
	// BatchWait bounds how long a coded document waits for others to
	// share its transaction (default DefaultBatchWait).
	BatchWait time.Duration
}

// Group commit: a store that can write several documents in one
// transaction (SQLite) gets the documents coded while it wrote the last
// batch, at most DefaultMaxBatch of them, and a document waits at most
// DefaultBatchWait for others. Each page the batch touches is then written
// once, not once per document. A document is reported stored only after
// its transaction commits, so a crash loses nothing reported done.
const (
	DefaultMaxBatch  = 256
	DefaultBatchWait = 250 * time.Millisecond
)

// DocumentsChecker is a Store that finds which of many documents it
// holds in one query, as Load asks before coding them.
type DocumentsChecker interface {
	// StoredDocuments reports, for each document, whether HasDocument
	// would say it is stored.
	StoredDocuments(ctx context.Context, docs []*doc.Document) ([]bool, error)
}

// maxCheck bounds how many documents Load asks the store about at once.
const maxCheck = 64

// Progress counts what Load has done so far.
type Progress struct {
	Documents int // committed by this run
	Skipped   int // already stored
	Events    int
	Errors    int
	Elapsed   time.Duration
}

// Load codes documents with code on several workers and stores each one,
// with its events, atomically (several documents may share a transaction:
// see MaxBatch), in input order (so that the same input always builds the
// same stories). Documents already stored are
// not coded again, so a run interrupted at any point can simply be
// repeated. It returns when docs is exhausted or ctx is cancelled.
func Load(ctx context.Context, s Store, docs iter.Seq2[*doc.Document, error], code CodeFunc, opts LoadOptions) (Progress, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	input := make(chan loadJob, maxCheck)
	in := make(chan loadJob, workers*2)
	out := make(chan loadJob, workers*2)

	// Reader: numbers the input so results can be put back in order.
	read := make(chan struct{}) // closed when the input is exhausted
	var total int               // documents read, set before read is closed
	go func() {
		defer close(input)
		defer close(read)
		for d, err := range docs {
			select {
			case input <- loadJob{seq: total, d: d, err: err}:
				total++
			case <-ctx.Done():
				return
			}
		}
	}()
	// Checker: marks the documents already stored, which are not coded
	// again. It asks about all the documents read while it waited (when
	// the input comes faster than coding, many at once: a store that is
	// a DocumentsChecker answers them in one query), and never waits for
	// more input than there is.
	checker, _ := s.(DocumentsChecker)
	go func() {
		defer close(in)
		for j := range input {
			group := []loadJob{j}
		more:
			for len(group) < maxCheck {
				select {
				case j, ok := <-input:
					if !ok {
						break more
					}
					group = append(group, j)
				default:
					break more
				}
			}
			checkStored(ctx, s, checker, group)
			for _, j := range group {
				select {
				case in <- j:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range in {
				if j.err == nil && !j.stored {
					j.events, j.err = code(ctx, j.d)
					if j.err != nil && ctx.Err() != nil {
						return // interrupted: not this document's fault
					}
				}
				if j.err == nil && !j.stored {
					// The store needs the text, not the annotations:
					// dropping them keeps a batch of documents small.
					d := *j.d
					d.Tokens, d.Sentences = nil, nil
					j.d = &d
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

	maxBatch, wait := opts.MaxBatch, opts.BatchWait
	if maxBatch <= 0 {
		maxBatch = DefaultMaxBatch
	}
	if wait <= 0 {
		wait = DefaultBatchWait
	}
	batcher, ok := s.(BatchIngester)
	if !ok {
		maxBatch = 1
	}

	// Writer: stores batches, in order, and reports each document.
	var p Progress
	var failure error
	report := func(err error) {
		p.Errors++
		if opts.OnError != nil {
			opts.OnError(err)
		}
	}
	batches := make(chan []loadJob, 1)
	written := make(chan struct{})
	go func() {
		defer close(written)
		for batch := range batches {
			if failure != nil {
				continue // interrupted: drain
			}
			var items []Item
			for _, j := range batch {
				if j.err == nil && !j.stored {
					items = append(items, Item{Doc: j.d, Events: j.events})
				}
			}
			results := make([]Result, len(items))
			errs := make([]error, len(items))
			switch {
			case len(items) == 0:
			case batcher != nil:
				results, errs = batcher.IngestBatch(ctx, items)
			default:
				for i, it := range items {
					results[i], errs[i] = s.Ingest(ctx, it.Doc, it.Events)
				}
			}
			k := 0
			for _, j := range batch {
				switch {
				case j.err != nil:
					report(j.err)
				case j.stored:
					p.Skipped++
				default:
					r, err := results[k], errs[k]
					k++
					if err != nil && ctx.Err() != nil {
						failure = ctx.Err() // interrupted: the transaction was rolled back
						cancel()
					}
					if failure != nil {
						continue
					}
					if err != nil {
						if j.d.Path != "" {
							// Name the file: two files may give one id.
							err = fmt.Errorf("%s: %w", where(j.d), err)
						}
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
				if failure != nil {
					continue
				}
				p.Elapsed = time.Since(start)
				if opts.OnStored != nil {
					opts.OnStored(p)
				}
			}
		}
	}()

	// Collector: puts coded documents back in input order and groups
	// them into batches. While the writer is busy it goes on taking coded
	// documents (up to a few batches' worth), so that a slow commit (a
	// WAL checkpoint syncing the disk) does not stall the coders.
	pending := map[int]loadJob{}
	next := 0
	var batch []loadJob
	var timeout <-chan time.Time
	var ready chan<- []loadJob // batches, once batch should go
	coded := out
	reading := read // nil once the input is read
	for coded != nil || len(batch) > 0 {
		// Once the input is read, the documents still to come are
		// counted: a batch goes as soon as it holds as many as are still
		// being coded, so that the last ones are written in a few batches
		// of halving size while the others are coded (each commit writes
		// the pages it touched, whatever the number of its documents) and
		// the one written after all coding has ended is small.
		if coded == nil || len(batch) >= maxBatch || reading == nil && len(batch) > 0 && len(batch) >= total-next {
			ready = batches
		}
		take := coded
		if len(batch) >= 4*maxBatch {
			take = nil
		}
		select {
		case j, ok := <-take:
			if !ok {
				coded = nil
				continue
			}
			pending[j.seq] = j
			for {
				j, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				batch = append(batch, j)
				if len(batch) == 1 {
					timeout = time.After(wait)
				}
			}
		case <-reading:
			reading = nil
		case <-timeout:
			ready = batches
		case ready <- batch:
			batch, timeout, ready = nil, nil, nil
		}
	}
	close(batches)
	<-written
	p.Elapsed = time.Since(start)
	if failure == nil {
		failure = ctx.Err()
	}
	return p, failure
}

// where names a document's file (and line) in messages.
func where(d *doc.Document) string {
	if d.Line > 0 {
		return fmt.Sprintf("%s:%d", d.Path, d.Line)
	}
	return d.Path
}

// loadJob is a document on its way through Load.
type loadJob struct {
	seq    int
	d      *doc.Document
	err    error
	stored bool
	events []event.Event
}

// checkStored marks the jobs whose documents s holds (or sets their
// error), in one query when s is a DocumentsChecker.
func checkStored(ctx context.Context, s Store, checker DocumentsChecker, group []loadJob) {
	var docs []*doc.Document
	var at []int
	for i, j := range group {
		if j.err == nil {
			docs, at = append(docs, j.d), append(at, i)
		}
	}
	if len(docs) == 0 {
		return
	}
	if checker != nil {
		stored, err := checker.StoredDocuments(ctx, docs)
		for k, i := range at {
			if err != nil {
				group[i].err = err
			} else {
				group[i].stored = stored[k]
			}
		}
		return
	}
	for _, i := range at {
		group[i].stored, group[i].err = s.HasDocument(ctx, group[i].d)
	}
}

// documentIDs are the ids docs are stored under.
func documentIDs(docs []*doc.Document) []string {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
		if ids[i] == "" {
			ids[i] = docKey(d, textHash(d.Text))
		}
	}
	return ids
}

// storedAmong reads the stored ids among ids, with their text hashes,
// from rows and says, for each of docs (whose ids are ids), whether it is
// stored: its id with its text. An id stored with another text is not: the
// document goes on to Ingest, which refuses it with ErrConflict rather than
// letting it pass for stored.
func storedAmong(ids []string, docs []*doc.Document, rows *sql.Rows) ([]bool, error) {
	have := map[string]string{} // id → text hash
	for rows.Next() {
		var id, hash string
		if err := rows.Scan(&id, &hash); err != nil {
			return nil, err
		}
		have[id] = hash
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	stored := make([]bool, len(ids))
	for i, id := range ids {
		if hash, ok := have[id]; ok {
			stored[i] = hash == textHash(docs[i].Text)
		}
	}
	return stored, nil
}
