package queue

import (
	"context"
	"fmt"
	"iter"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/store"
)

// SubmitStats counts what Submit did.
type SubmitStats struct {
	Published  int // documents put on the queue
	Duplicates int // dropped by JetStream: the same id was published within the duplicate window
	Errors     int // bad input documents and failed publishes
}

// messageOverhead is what a message adds to a document's text: its other
// fields as JSON, escapes in the text, the headers.
const messageOverhead = 16 << 10

// MaxText is the longest document text the NATS server behind js can
// carry in one message (its max_payload, 1 MiB unless configured, less
// the message's overhead); parley submit reads no longer document.
func MaxText(js jetstream.JetStream) int {
	return max(int(js.Conn().MaxPayload())-messageOverhead, 0)
}

// submitWindow is how many publishes may await their acknowledgement at
// once: enough to keep the server busy, few enough to bound memory.
const submitWindow = 256

// Submit publishes docs to the work queue, each with its store id as the
// JetStream message id, so a document submitted twice within the
// duplicate window is kept once (and after it, the store skips it). Bad
// input documents and failed publishes are told to onError and counted;
// submitting goes on. It returns when docs is exhausted or ctx is done,
// after every publish has been acknowledged or has failed.
func Submit(ctx context.Context, js jetstream.JetStream, cfg Config, docs iter.Seq2[*doc.Document, error], onError func(error)) (SubmitStats, error) {
	cfg = cfg.withDefaults()
	var st SubmitStats
	report := func(err error) {
		st.Errors++
		if onError != nil {
			onError(err)
		}
	}
	type pending struct {
		id string
		f  jetstream.PubAckFuture
	}
	var window []pending
	maxPayload := int(js.Conn().MaxPayload())
	settle := func() {
		for _, p := range window {
			select {
			case ack := <-p.f.Ok():
				if ack.Duplicate {
					st.Duplicates++
				} else {
					st.Published++
				}
			case err := <-p.f.Err():
				report(fmt.Errorf("queue: publish %s: %w", p.id, err))
			}
		}
		window = window[:0]
	}
	for d, err := range docs {
		if ctx.Err() != nil {
			break
		}
		if err != nil {
			report(err)
			continue
		}
		id := store.DocumentID(d)
		data, err := encode(d, id)
		if err != nil {
			report(fmt.Errorf("queue: document %s: %w", id, err))
			continue
		}
		if maxPayload > 0 && len(data) > maxPayload {
			report(fmt.Errorf("queue: %s: document of %d bytes makes a message of %d bytes, more than the NATS server's max_payload of %d: not queued (raise max_payload, or store it with parley ingest)",
				parley.Name(d), len(d.Text), len(data), maxPayload))
			continue
		}
		f, err := js.PublishAsync(cfg.Subject, data, jetstream.WithMsgID(id))
		if err != nil {
			report(fmt.Errorf("queue: publish %s: %w", id, err))
			continue
		}
		window = append(window, pending{id, f})
		if len(window) == submitWindow {
			settle()
		}
	}
	settle()
	return st, ctx.Err()
}
