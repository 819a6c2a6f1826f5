// Package parley is the Go API of the parley event coder, for programs that
// embed it instead of running the parley command.
//
// parley reads dated English news text and returns political events in
// the PLOVER 2.0 ontology: who (Actor) did what (Type, Mode) to whom
// (Recipient), when (Date) and where (Location), each with the sentence,
// trigger words and rule that produced it. Everything the coder needs (the
// tagger and parser models, the knowledge base, the gazetteer) is embedded
// in the binary: nothing is downloaded and no service is called.
//
//	evs, err := parley.CodeText(ctx, text, published)
//	for _, e := range evs {
//		fmt.Println(e.Date, e.Type, e.Actor.Code, e.Recipient.Code)
//	}
//
// The first call loads the embedded models (about a second); later calls
// reuse them. Code and CodeText are safe for concurrent use: code many
// articles at once from several goroutines. New returns a Coder with
// other options (all modalities, no argument model, size and time limits).
//
// This package only wires parley's parts together. For more control use
// them directly: package reader reads files and feeds of articles, store
// keeps and merges them, export writes them as PLOVER, POLECAT, GDELT, CSV
// or Parquet files. Every parley command codes through a Coder of this
// package.
package parley

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/parley-events/parley/coder"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/pipeline"
	"github.com/parley-events/parley/reader"
)

// DefaultMaxBytes is the largest text a Coder codes when Options.MaxBytes
// is zero: 2 MiB, a hundred times a long news article. Coding takes about
// 3 to 7 s and 100 to 200 MB of heap per MB of text, and grows faster than
// the text past a few MB (BenchmarkCodeSize), so a 2-core worker with
// 2 GB codes a text of this size within seconds even with one per core.
const DefaultMaxBytes = 2 << 20

// Options choose how a Coder codes.
type Options struct {
	// AllModalities keeps negated, future, hypothetical and conditional
	// events (marked in Event.Modality); by default only asserted events
	// are returned.
	AllModalities bool
	// ImplicitRecipients gives trigger patterns that mark no recipient
	// slot the recipient the verb's object or first prepositional phrase
	// names, as PETRARCH-style dictionaries expect.
	ImplicitRecipients bool
	// RulesOnly codes with the grammar frames alone, without the trained
	// argument model that confirms or replaces their actor and recipient
	// (parley eval --rules-only).
	RulesOnly bool
	// MaxBytes bounds the text of one document (DefaultMaxBytes when
	// zero; negative for no bound). A longer text is refused before any
	// work is done.
	MaxBytes int
	// MaxTime bounds how long Code waits for one document (zero: no
	// bound other than the caller's context). Coding cannot be stopped
	// part-way: a document that runs out of time is reported as an error
	// at once while its coding finishes in the background, so callers
	// that must bound the CPU in use should also bound how many documents
	// they code at once.
	MaxTime time.Duration
	// Trace, if set, is told every decision about an event's actor and
	// recipient (what parley train args learns from), on the goroutine
	// that codes the document.
	Trace func(coder.Decision)
}

// A Coder codes documents into events with fixed options. It is safe for
// concurrent use. Its Code method is the one place where a document is
// checked and where a panic in the coder (a bug) becomes that document's
// error instead of taking the program down.
type Coder struct {
	opts     Options
	inner    *coder.Coder
	pipeline *pipeline.Pipeline // built once from inner
}

// New returns a coder over the embedded knowledge base and models with the
// options opts. The models are loaded on the first call of New (about a
// second) and shared by every Coder.
func New(opts Options) *Coder {
	c := *coder.Default()
	c.AllModalities = opts.AllModalities
	c.ImplicitRecipients = opts.ImplicitRecipients
	c.Trace = opts.Trace
	if opts.RulesOnly {
		c.Arguments = nil
	}
	if opts.MaxBytes == 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	return &Coder{opts: opts, inner: &c, pipeline: c.Pipeline()}
}

// Options returns the options c codes with (MaxBytes filled in).
func (c *Coder) Options() Options { return c.opts }

var (
	defaultOnce  sync.Once
	defaultCoder *Coder
)

// defaultCoded is the Coder of Code and CodeText: the default options.
func defaultCoded() *Coder {
	defaultOnce.Do(func() { defaultCoder = New(Options{}) })
	return defaultCoder
}

// Code codes one article with the default options; see Coder.Code.
func Code(ctx context.Context, d *doc.Document) ([]event.Event, error) {
	return defaultCoded().Code(ctx, d)
}

// CodeText codes one article given as plain text with the default options;
// see Coder.CodeText.
func CodeText(ctx context.Context, text string, published time.Time) ([]event.Event, error) {
	return defaultCoded().CodeText(ctx, text, published)
}

// Code codes one article into events, repeated reports of one happening
// inside it merged, negated, future and hypothetical events left out
// (unless Options.AllModalities).
//
// d needs Text and Date (the publication date: relative dates such as "on
// Monday" are resolved against it); ID, Source, URL and Title are optional
// (an empty ID becomes "doc"; event ids are ID-1, ID-2, ...). A wire
// dateline at the start of Text ("MOSCOW, October 27. /TASS/.") is found
// when the caller has not set d.Dateline. Code annotates d in place
// (tokens, sentences, parse), so the caller can inspect the layers
// afterwards.
//
// A document without text or date, with NUL bytes (binary data) or longer
// than Options.MaxBytes is refused with an error naming it; invalid UTF-8
// is replaced by U+FFFD with a warning in d.Warnings, as the reader does.
// ctx is checked before coding starts; coding itself is not interrupted,
// but when ctx ends (or Options.MaxTime passes) first, Code returns the
// context's error at once and the coding finishes in the background,
// its result dropped.
func (c *Coder) Code(ctx context.Context, d *doc.Document) ([]event.Event, error) {
	if d == nil {
		return nil, errors.New("parley: nil document")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := c.check(d); err != nil {
		return nil, err
	}
	if c.opts.MaxTime > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, c.opts.MaxTime,
			fmt.Errorf("%s: not coded within %v", Name(d), c.opts.MaxTime))
		defer cancel()
	}
	if ctx.Done() == nil {
		return c.run(d)
	}
	type result struct {
		evs []event.Event
		err error
	}
	done := make(chan result, 1)
	go func() {
		evs, err := c.run(d)
		done <- result{evs, err}
	}()
	select {
	case r := <-done:
		return r.evs, r.err
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

// CodeText codes one article given as plain text, published on the day of
// published (its time of day and zone are ignored). The events' DocID is
// "text".
func (c *Coder) CodeText(ctx context.Context, text string, published time.Time) ([]event.Event, error) {
	if published.IsZero() {
		return nil, errors.New("parley: no publication date (events are dated relative to it)")
	}
	y, m, day := published.Date()
	text = strings.TrimRight(text, " \t\r\n")
	d := &doc.Document{ID: "text", Text: text, Date: time.Date(y, m, day, 0, 0, 0, 0, time.UTC), Dateline: reader.FindDateline(text)}
	return c.Code(ctx, d)
}

// check refuses what cannot be coded and repairs what can (invalid UTF-8,
// a missing dateline, a missing id).
func (c *Coder) check(d *doc.Document) error {
	if strings.TrimSpace(d.Text) == "" {
		return fmt.Errorf("parley: %s: empty text", Name(d))
	}
	if d.Date.IsZero() {
		return fmt.Errorf("parley: %s: no publication date (events are dated relative to it)", Name(d))
	}
	if err := reader.CheckDate(d.Date); err != nil {
		return fmt.Errorf("parley: %s: %v", Name(d), err)
	}
	if c.opts.MaxBytes > 0 && len(d.Text) > c.opts.MaxBytes {
		return fmt.Errorf("parley: %s: text of %d bytes is larger than the limit of %d bytes", Name(d), len(d.Text), c.opts.MaxBytes)
	}
	if strings.IndexByte(d.Text, 0) >= 0 {
		return fmt.Errorf("parley: %s: text contains NUL bytes: binary data, not an article", Name(d))
	}
	if len(d.Tokens) == 0 {
		if !utf8.ValidString(d.Text) {
			// As the reader does: the text stays readable, offsets stay valid.
			d.Text = strings.ToValidUTF8(d.Text, "\uFFFD")
			d.Warnings = append(d.Warnings, "invalid UTF-8 replaced by U+FFFD")
		}
		if d.Dateline == nil {
			d.Dateline = reader.FindDateline(d.Text)
			if d.Dateline != nil && d.Source == "" {
				d.Source = d.Dateline.Source
			}
		}
	}
	if d.ID == "" {
		d.ID = "doc"
	}
	return nil
}

// run codes d; a panic inside the coder is a bug, returned as d's error so
// that one bad article cannot take the program down.
func (c *Coder) run(d *doc.Document) (evs []event.Event, err error) {
	defer func() {
		if r := recover(); r != nil {
			evs, err = nil, fmt.Errorf("%s: internal error while coding (a bug: please report it): %v", Name(d), r)
		}
	}()
	if err := c.pipeline.Run(d); err != nil {
		return nil, fmt.Errorf("%s: %w", Name(d), err)
	}
	return d.Events, nil
}

// Pipeline returns the stages c runs on each document, in order.
func (c *Coder) Pipeline() *pipeline.Pipeline { return c.pipeline }

// Name is how messages name a document: its file and line
// ("feeds/2023-10.jsonl:14"), its file ("articles/tass-1.txt"), or its id
// in quotes when it came from no file ("document \"tass-1\"").
func Name(d *doc.Document) string {
	switch {
	case d.Line > 0:
		return fmt.Sprintf("%s:%d", d.Path, d.Line)
	case d.Path != "":
		return d.Path
	}
	return fmt.Sprintf("document %q", d.ID)
}
