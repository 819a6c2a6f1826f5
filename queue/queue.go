// Package queue codes documents on many machines through a NATS JetStream
// work queue into one shared store.
//
// `parley submit` publishes documents to a stream (Submit); any number of
// `parley worker` processes pull them from one durable consumer, code
// them, store them and acknowledge them (Worker). Delivery is at least
// once: a document whose worker died before acknowledging it is delivered
// again after the ack wait, and the store skips a document id it already
// holds, so redelivery never duplicates. Documents that cannot be stored
// (unreadable message, coder panic, refused by the store, or delivered too
// often) go to a dead-letter stream with the error instead of blocking
// the queue.
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-events/parley/doc"
)

// Config names the streams and consumer and sets delivery limits. Submit
// and every worker must use the same names.
type Config struct {
	Stream      string // work-queue stream (default "PARLEY")
	Subject     string // subject documents are published on (default "parley.documents")
	DeadStream  string // stream keeping dead letters (default "PARLEY_DEAD")
	DeadSubject string // subject of dead letters (default "parley.dead")
	Consumer    string // durable consumer shared by all workers (default "parley-workers")
	// AckWait is how long a delivered document may stay unacknowledged
	// before it is delivered again (to another worker): the longest a dead
	// worker holds up its documents (default 60s).
	AckWait time.Duration
	// MaxDeliveries is how many deliveries without an acknowledgement make
	// a document poison: it is dead-lettered unprocessed, since it may be
	// what kills workers (default 10).
	MaxDeliveries int
	// Replicas is the number of copies of each stream in a NATS cluster
	// (default 1; use 3 on a three-server cluster).
	Replicas int
	// Duplicates is the window in which JetStream drops a re-published
	// document with the same id (default 10 minutes); after it the store
	// still skips it.
	Duplicates time.Duration
}

func (c Config) withDefaults() Config {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&c.Stream, "PARLEY")
	def(&c.Subject, "parley.documents")
	def(&c.DeadStream, "PARLEY_DEAD")
	def(&c.DeadSubject, "parley.dead")
	def(&c.Consumer, "parley-workers")
	if c.AckWait <= 0 {
		c.AckWait = 60 * time.Second
	}
	if c.MaxDeliveries <= 0 {
		c.MaxDeliveries = 10
	}
	if c.Replicas <= 0 {
		c.Replicas = 1
	}
	if c.Duplicates <= 0 {
		c.Duplicates = 10 * time.Minute
	}
	return c
}

// Setup creates the streams and the workers' consumer, or updates them to
// cfg; it is safe to call from every process at start.
func Setup(ctx context.Context, js jetstream.JetStream, cfg Config) (jetstream.Consumer, error) {
	cfg = cfg.withDefaults()
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        cfg.Stream,
		Description: "parley: documents waiting to be coded",
		Subjects:    []string{cfg.Subject},
		Retention:   jetstream.WorkQueuePolicy, // an acknowledged document is removed
		Storage:     jetstream.FileStorage,
		Replicas:    cfg.Replicas,
		Duplicates:  cfg.Duplicates,
	}); err != nil {
		return nil, fmt.Errorf("queue: stream %s: %w", cfg.Stream, err)
	}
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        cfg.DeadStream,
		Description: "parley: documents that could not be coded or stored, with the error",
		Subjects:    []string{cfg.DeadSubject},
		Storage:     jetstream.FileStorage,
		Replicas:    cfg.Replicas,
	}); err != nil {
		return nil, fmt.Errorf("queue: stream %s: %w", cfg.DeadStream, err)
	}
	c, err := js.CreateOrUpdateConsumer(ctx, cfg.Stream, jetstream.ConsumerConfig{
		Durable:       cfg.Consumer,
		Description:   "parley workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       cfg.AckWait,
		MaxDeliver:    -1, // never silently dropped: poison goes to the dead letters
		MaxAckPending: 10000,
		FilterSubject: cfg.Subject,
	})
	if err != nil {
		return nil, fmt.Errorf("queue: consumer %s: %w", cfg.Consumer, err)
	}
	return c, nil
}

// Connect connects to the NATS servers at url (comma-separated for a
// cluster) and keeps reconnecting for as long as the process lives: a
// restarted server must not stop a worker.
// Connection losses and reconnections are logged to log (nil: not logged).
func Connect(url, name string, log *slog.Logger) (*nats.Conn, jetstream.JetStream, error) {
	opts := []nats.Option{nats.Name(name), nats.MaxReconnects(-1), nats.ReconnectWait(500 * time.Millisecond)}
	if log != nil {
		opts = append(opts,
			nats.DisconnectErrHandler(func(_ *nats.Conn, err error) { log.Warn("NATS disconnected", "err", err) }),
			nats.ReconnectHandler(func(c *nats.Conn) { log.Info("NATS reconnected", "server", c.ConnectedUrlRedacted()) }))
	}
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("queue: connect %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("queue: %w", err)
	}
	return nc, js, nil
}

// message is a document on the wire: its reader fields, without the
// annotation layers, which the worker computes.
type message struct {
	ID     string    `json:"id"`
	Source string    `json:"source,omitempty"`
	URL    string    `json:"url,omitempty"`
	Title  string    `json:"title,omitempty"`
	Date   time.Time `json:"date"`
	Path   string    `json:"path,omitempty"`
	Line   int       `json:"line,omitempty"`
	Text   string    `json:"text"`
	// Dateline is the reader's: the coder places statements by it, so a
	// worker must code with it as `parley code` does.
	Dateline *doc.Dateline `json:"dateline,omitempty"`
}

func encode(d *doc.Document, id string) ([]byte, error) {
	return json.Marshal(message{ID: id, Source: d.Source, URL: d.URL, Title: d.Title, Date: d.Date, Path: d.Path, Line: d.Line, Text: d.Text, Dateline: d.Dateline})
}

func decode(data []byte) (*doc.Document, error) {
	var m message
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("unreadable document message: %w", err)
	}
	if m.ID == "" {
		return nil, errors.New("document message without an id")
	}
	return &doc.Document{ID: m.ID, Source: m.Source, URL: m.URL, Title: m.Title, Date: m.Date, Path: m.Path, Line: m.Line, Text: m.Text, Dateline: m.Dateline}, nil
}

// Dead-letter headers.
const (
	HeaderError      = "Parley-Error"      // why the document was dead-lettered
	HeaderDocID      = "Parley-Doc-Id"     // the document id, when known
	HeaderDeliveries = "Parley-Deliveries" // deliveries of the original message
	HeaderSequence   = "Parley-Sequence"   // its sequence in the work-queue stream
)
