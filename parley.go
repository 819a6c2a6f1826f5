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
// articles at once from several goroutines.
//
// This package only wires parley's parts together. For more control use
// them directly: package reader reads files and feeds of articles, coder
// codes them, store keeps and merges them, export writes them as PLOVER,
// POLECAT, GDELT, CSV or Parquet files.
package parley

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parley-events/parley/coder"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/reader"
)

// Code codes one article into events, repeated reports of one happening
// inside it merged, negated, future and hypothetical events left out.
//
// d needs Text and Date (the publication date: relative dates such as "on
// Monday" are resolved against it); ID, Source, URL and Title are optional
// (an empty ID becomes "doc"; event ids are ID-1, ID-2, ...). A wire
// dateline at the start of Text ("MOSCOW, October 27. /TASS/.") is found
// when the caller has not set d.Dateline. Code annotates d in place
// (tokens, sentences, parse), so the caller can inspect the layers
// afterwards.
//
// ctx is checked before coding starts; coding one article takes
// milliseconds and is not interrupted part-way.
func Code(ctx context.Context, d *doc.Document) ([]event.Event, error) {
	if d == nil {
		return nil, errors.New("parley: nil document")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if strings.TrimSpace(d.Text) == "" {
		return nil, fmt.Errorf("parley: document %q: empty text", d.ID)
	}
	if d.Date.IsZero() {
		return nil, fmt.Errorf("parley: document %q: no publication date (events are dated relative to it)", d.ID)
	}
	if strings.IndexByte(d.Text, 0) >= 0 {
		return nil, fmt.Errorf("parley: document %q: text contains NUL bytes: binary data, not an article", d.ID)
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
	return code(d)
}

// CodeText codes one article given as plain text, published on the day of
// published (its time of day and zone are ignored). The events' DocID is
// "text".
func CodeText(ctx context.Context, text string, published time.Time) ([]event.Event, error) {
	if published.IsZero() {
		return nil, errors.New("parley: no publication date (events are dated relative to it)")
	}
	y, m, day := published.Date()
	text = strings.TrimRight(text, " \t\r\n")
	d := &doc.Document{ID: "text", Text: text, Date: time.Date(y, m, day, 0, 0, 0, 0, time.UTC), Dateline: reader.FindDateline(text)}
	return Code(ctx, d)
}

// code runs the default coder; a panic inside it is a bug, returned as an
// error so that one bad article cannot take the embedding program down.
func code(d *doc.Document) (evs []event.Event, err error) {
	defer func() {
		if r := recover(); r != nil {
			evs, err = nil, fmt.Errorf("parley: document %q: internal error while coding (a bug: please report it): %v", d.ID, r)
		}
	}()
	return coder.Default().Code(d), nil
}
