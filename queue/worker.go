package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/store"
)

// Worker pulls documents from the queue, codes them, stores them and
// acknowledges them. Run any number of workers on any number of machines
// against one queue and one store.
type Worker struct {
	JS     jetstream.JetStream
	Config Config
	Store  store.Store
	// Code codes one document (parley.New(...).Code): a document it
	// refuses, or a panic it caught, is dead-lettered.
	Code store.CodeFunc
	// Concurrency is how many documents are coded at once (default: all cores).
	Concurrency int
	// Batch is how many documents one pull fetches (default 4). Fetched
	// documents wait for their turn unacknowledged, so keep it small.
	Batch int
	// DrainTimeout bounds how long shutdown waits for fetched documents
	// to be coded and stored (default 30s); the rest go back to the queue.
	DrainTimeout time.Duration
	// StoreAttempts is how many times a document is tried against an
	// unreachable store before it goes back to the queue (default 120,
	// about ten minutes).
	StoreAttempts int
	Log           *slog.Logger
	Metrics       *Metrics
}

// permanent marks an error no retry can cure.
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// Run works until ctx is done, then drains: documents already fetched are
// finished (within DrainTimeout) and acknowledged, and nothing new is
// fetched. It returns nil after a drain, or the error that stopped it.
func (w *Worker) Run(ctx context.Context) error {
	w.Config = w.Config.withDefaults()
	if w.Concurrency <= 0 {
		w.Concurrency = runtime.NumCPU()
	}
	if w.Batch <= 0 {
		w.Batch = 4
	}
	if w.DrainTimeout <= 0 {
		w.DrainTimeout = 30 * time.Second
	}
	if w.StoreAttempts <= 0 {
		w.StoreAttempts = 120
	}
	if w.Log == nil {
		w.Log = slog.Default()
	}
	if w.Metrics == nil {
		w.Metrics = NewMetrics()
	}
	cons, err := Setup(ctx, w.JS, w.Config)
	if err != nil {
		return err
	}
	// work outlives ctx by at most DrainTimeout: in-flight documents finish.
	work, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			select {
			case <-time.After(w.DrainTimeout):
				stopWork()
			case <-done:
			}
		case <-done:
		}
	}()
	go w.watch(ctx, cons)

	w.Log.Info("worker started", "stream", w.Config.Stream, "consumer", w.Config.Consumer, "concurrency", w.Concurrency, "batch", w.Batch)
	var wg sync.WaitGroup
	for i := 0; i < w.Concurrency; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.pull(ctx, work, cons)
		}()
	}
	wg.Wait()
	close(done)
	w.Log.Info("worker drained", "stored", w.Metrics.Stored(), "skipped", w.Metrics.Skipped(), "dead", w.Metrics.Dead())
	return nil
}

// pull fetches and handles batches until ctx is done.
func (w *Worker) pull(ctx, work context.Context, cons jetstream.Consumer) {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		batch, err := cons.Fetch(w.Batch, jetstream.FetchMaxWait(time.Second))
		if err == nil {
			for msg := range batch.Messages() {
				w.handle(work, msg)
			}
			err = batch.Error()
		}
		if err == nil || errors.Is(err, nats.ErrTimeout) || errors.Is(err, jetstream.ErrNoMessages) {
			backoff = 100 * time.Millisecond
			continue
		}
		// NATS unreachable or restarting: the client reconnects by itself.
		w.Metrics.fetchErrors.Add(1)
		w.Log.Warn("fetch failed", "err", err, "retry_in", backoff)
		sleep(ctx, backoff)
		backoff = min(backoff*2, 5*time.Second)
	}
}

// watch samples the consumer's lag and the rates, and logs progress.
func (w *Worker) watch(ctx context.Context, cons jetstream.Consumer) {
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	w.Metrics.tick(time.Now())
	for n := 1; ; n++ {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			w.Metrics.tick(now)
			info, err := cons.Info(ctx)
			if err == nil {
				w.Metrics.setLag(int64(info.NumPending), int64(info.NumAckPending))
			}
			if n%2 == 0 {
				docs, events := w.Metrics.rates()
				w.Log.Info("progress", "stored", w.Metrics.Stored(), "skipped", w.Metrics.Skipped(), "dead", w.Metrics.Dead(),
					"documents_per_s", round(docs), "events_per_s", round(events), "pending", w.Metrics.Pending())
			}
		}
	}
}

func round(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }

// handle codes, stores and acknowledges one message, or dead-letters it.
func (w *Worker) handle(ctx context.Context, msg jetstream.Msg) {
	w.Metrics.inFlight.Add(1)
	defer w.Metrics.inFlight.Add(-1)
	meta, err := msg.Metadata()
	if err != nil {
		w.deadLetter(ctx, msg, nil, "", permanent{fmt.Errorf("not a JetStream message: %w", err)})
		return
	}
	d, err := decode(msg.Data())
	if err != nil {
		w.deadLetter(ctx, msg, meta, "", permanent{err})
		return
	}
	if int(meta.NumDelivered) > w.Config.MaxDeliveries {
		w.deadLetter(ctx, msg, meta, d.ID, permanent{fmt.Errorf("delivered %d times without being acknowledged: a worker may die on it", meta.NumDelivered)})
		return
	}
	log := w.Log.With("doc", d.ID, "delivery", meta.NumDelivered)
	// A long article may take longer to code than AckWait: without word
	// from the worker, JetStream would deliver it again to another one.
	defer w.keepAlive(msg)()

	var events []event.Event
	coded, skipped := false, false
	var res store.Result
	for attempt := 1; ; attempt++ {
		err = w.process(ctx, d, &events, &coded, &skipped, &res)
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			// Drain time is up: not the document's fault.
			log.Warn("stopped before the document was stored: returned to the queue", "err", err)
			if err := msg.Nak(); err != nil {
				w.Metrics.ackErrors.Add(1)
			}
			return
		}
		var p permanent
		if errors.As(err, &p) || !store.Retryable(err) {
			w.deadLetter(ctx, msg, meta, d.ID, err)
			return
		}
		w.Metrics.transient.Add(1)
		if ctx.Err() != nil || attempt >= w.StoreAttempts {
			log.Warn("store unavailable: document returned to the queue", "err", err, "attempts", attempt)
			if err := msg.Nak(); err != nil {
				w.Metrics.ackErrors.Add(1)
			}
			return
		}
		wait := min(time.Duration(attempt)*250*time.Millisecond, 5*time.Second)
		log.Warn("store error, retrying", "err", err, "attempt", attempt, "retry_in", wait)
		msg.InProgress() // keep the document: it is being worked on
		sleep(ctx, wait)
	}
	// Acknowledged only after the commit: a crash in between redelivers a
	// stored document, which the store then skips.
	if err := msg.DoubleAck(ctx); err != nil {
		w.Metrics.ackErrors.Add(1)
		log.Warn("acknowledgement failed: the document will be delivered again and skipped", "err", err)
	}
	if skipped {
		w.Metrics.skipped.Add(1)
		log.Debug("already stored")
		return
	}
	w.Metrics.stored.Add(1)
	w.Metrics.events.Add(int64(res.Events))
	log.Debug("stored", "events", res.Events, "new_stories", res.NewStories, "merged", res.Merged)
}

// keepAlive tells JetStream that msg is being worked on (an in-progress
// acknowledgement) every third of AckWait, until the function it returns
// is called.
func (w *Worker) keepAlive(msg jetstream.Msg) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(max(w.Config.AckWait/3, 10*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if err := msg.InProgress(); err != nil {
					w.Metrics.ackErrors.Add(1)
				}
			}
		}
	}()
	return func() {
		close(done)
		<-finished // no in-progress acknowledgement after the final one
	}
}

// process does one attempt: skip a stored document, code (once), store.
func (w *Worker) process(ctx context.Context, d *doc.Document, events *[]event.Event, coded, skipped *bool, res *store.Result) error {
	has, err := w.Store.HasDocument(ctx, d)
	if err != nil {
		return err
	}
	if has {
		*skipped = true
		return nil
	}
	if !*coded {
		start := time.Now()
		evs, err := w.Code(ctx, d)
		w.Metrics.codeNanos.Add(int64(time.Since(start)))
		if err != nil {
			return permanent{err}
		}
		*events, *coded = evs, true
	}
	start := time.Now()
	r, err := w.Store.Ingest(ctx, d, *events)
	w.Metrics.storeNanos.Add(int64(time.Since(start)))
	if err != nil {
		return err
	}
	*res, *skipped = r, r.Skipped
	return nil
}

// deadLetter publishes the message with the error to the dead-letter
// subject and removes it from the queue; if that publish fails, the
// message goes back to the queue instead.
func (w *Worker) deadLetter(ctx context.Context, msg jetstream.Msg, meta *jetstream.MsgMetadata, docID string, cause error) {
	out := nats.NewMsg(w.Config.DeadSubject)
	out.Data = msg.Data()
	out.Header.Set(HeaderError, cause.Error())
	if docID != "" {
		out.Header.Set(HeaderDocID, docID)
	}
	var opts []jetstream.PublishOpt
	if meta != nil {
		out.Header.Set(HeaderDeliveries, strconv.FormatUint(meta.NumDelivered, 10))
		out.Header.Set(HeaderSequence, strconv.FormatUint(meta.Sequence.Stream, 10))
		// Dead-lettering the same message twice (a crash in between) keeps one.
		opts = append(opts, jetstream.WithMsgID(fmt.Sprintf("dead-%s-%d", w.Config.Stream, meta.Sequence.Stream)))
	}
	if _, err := w.JS.PublishMsg(ctx, out, opts...); err != nil {
		w.Log.Error("dead-letter publish failed: document returned to the queue", "doc", docID, "err", err, "cause", cause)
		msg.Nak()
		return
	}
	if err := msg.DoubleAck(ctx); err != nil {
		w.Metrics.ackErrors.Add(1)
	}
	w.Metrics.dead.Add(1)
	w.Log.Warn("document dead-lettered", "doc", docID, "subject", w.Config.DeadSubject, "err", cause)
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
