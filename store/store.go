// Package store keeps coded documents and events in a database and merges
// repeated reports of one happening into story-level events.
//
// Two levels stay queryable: raw events (one per coded event of one
// document, exactly as `parley code` wrote it) and stories (one per
// real-world happening, with how many sentences, articles and sources
// reported it). The Store interface hides the database: SQLite (the
// default, a single file, no server) or PostgreSQL (one database shared by
// workers on several machines).
package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
)

// Store is a database of documents, raw events and merged stories.
// Implementations are safe for concurrent use; writes are serialised.
type Store interface {
	// HasDocument reports whether the document (by id, or by content hash
	// when it has no id) is already stored with the same text, so callers
	// can skip coding it. An id stored with another text is not: Ingest
	// refuses that document with ErrConflict.
	HasDocument(ctx context.Context, d *doc.Document) (bool, error)
	// Ingest stores one document, its events and their merge into stories
	// in one transaction. Ingesting a stored document again changes
	// nothing and reports Skipped. A different text under a stored id is
	// refused with ErrConflict.
	Ingest(ctx context.Context, d *doc.Document, events []event.Event) (Result, error)

	// Stories returns merged events matching q, newest first.
	Stories(ctx context.Context, q Query) (Page[Story], error)
	// Events returns raw events matching q, newest first.
	Events(ctx context.Context, q Query) (Page[Mention], error)
	// Story returns one merged event with all its mentions.
	Story(ctx context.Context, id string) (*StoryDetail, error)
	// Event returns one raw event with its story id.
	Event(ctx context.Context, id string) (*Mention, error)
	// Document returns one stored document with its raw events.
	Document(ctx context.Context, id string) (*Document, error)

	// CountBy aggregates matching events by day, week, month, type,
	// actor or country.
	CountBy(ctx context.Context, q Query, by string) ([]Count, error)
	// Timeline counts matching events per day and quad class.
	Timeline(ctx context.Context, q Query) ([]TimelinePoint, error)
	// Actors lists the actors of matching events, most events first.
	Actors(ctx context.Context, q Query) ([]ActorCount, error)
	// Network returns who acts on whom: edges weighted by event count.
	Network(ctx context.Context, q Query) ([]Edge, error)
	// Places lists event places with coordinates, for the map.
	Places(ctx context.Context, q Query) ([]PlaceCount, error)
	// Stats summarises the store.
	Stats(ctx context.Context) (Stats, error)

	// Reviews keeps analysts' reviews of events (review.go).
	Reviews

	Close() error
}

// Options tune a store.
type Options struct {
	// Window is how far apart the dates of two reports of one happening
	// may be (default one day: ±1 day).
	Window time.Duration
	// ReadOnly opens the store for queries only.
	ReadOnly bool
}

// DefaultWindow is the default de-duplication window: ±1 day.
const DefaultWindow = 24 * time.Hour

// ErrConflict is returned when a document id is already stored with a
// different text.
var ErrConflict = errors.New("document id already stored with a different text")

// ErrBadQuery wraps errors in a query's filters (a malformed date, an
// unknown aggregate): the caller's mistake, not the store's.
var ErrBadQuery = errors.New("bad query")

// ErrNotFound is returned for an unknown id.
var ErrNotFound = errors.New("not found")

// Open opens the store at dsn: a SQLite file path (created when missing),
// or a postgres:// URL of a PostgreSQL database shared by several machines.
func Open(ctx context.Context, dsn string, opts Options) (Store, error) {
	if opts.Window == 0 {
		opts.Window = DefaultWindow
	}
	if opts.Window < 0 {
		return nil, fmt.Errorf("store: negative de-duplication window %v", opts.Window)
	}
	if isPostgresURL(dsn) {
		return OpenPostgres(ctx, dsn, opts)
	}
	return OpenSQLite(ctx, dsn, opts)
}

// Result says what Ingest did with one document.
type Result struct {
	DocID      string `json:"doc_id"`
	Skipped    bool   `json:"skipped"`     // already stored: nothing changed
	Events     int    `json:"events"`      // raw events stored
	NewStories int    `json:"new_stories"` // events that started a new story
	Merged     int    `json:"merged"`      // events merged into an existing story
}

// Query selects events. Empty fields do not filter. Type, Mode and
// Country accept comma-separated lists.
type Query struct {
	Actor     string // actor name (substring), CAMEO code, or country code
	Recipient string // same, for the recipient
	Country   string // ISO alpha-3 of either side
	Type      string // PLOVER type
	Mode      string // PLOVER mode
	Quad      int    // 1..4, 0 for any
	From, To  string // YYYY-MM-DD, inclusive
	Place     string // place name (substring) or place country
	Source    string // outlet (substring)
	Text      string // full-text search over event sentences (all words)
	// Reviewed selects by analysts' reviews: "yes" (reviewed), "no",
	// "correct" or "wrong" (the newest verdict); see review.go.
	Reviewed string
	// Level is what aggregates count: "story" (merged events, the
	// default) or "event" (raw events, one per document).
	Level string
	// Sort orders Stories and Events: date (the default, newest first),
	// type, actor, recipient, place, source (raw events) or articles
	// (stories); a leading "-" reverses (see sort.go).
	Sort   string
	Limit  int // page size (default 50, at most 1000)
	Offset int
	// After is the id of the last row of the previous page (its Next):
	// the page holds the rows that follow it in the sort order, at the
	// cost of a first page however deep (an Offset reads and skips every
	// row before the page). Not with Offset.
	After string
}

// Page is one page of results with the total number of matches.
type Page[T any] struct {
	// Total is how many rows match, counted up to MaxCount for a filtered
	// page of stories or raw events (Capped then says there are more).
	Total  int  `json:"total"`
	Capped bool `json:"capped,omitempty"`
	Offset int  `json:"offset"`
	Limit  int  `json:"limit"`
	Items  []T  `json:"items"`
	// Next is the id of the page's last row when the page is full: the
	// After of the page that follows (empty when none can).
	Next string `json:"next,omitempty"`
}

// Entity is a stored actor.
type Entity struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Country string `json:"country"`
	Sector  string `json:"sector"`
	Code    string `json:"code"`
}

// Place is a stored event place.
type Place struct {
	ID         int64   `json:"id"`
	Name       string  `json:"name"`
	Country    string  `json:"country"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	GeonamesID int     `json:"geonames_id"`
	Resolution int     `json:"resolution"`
}

// Story is a merged, story-level event: every report of one happening.
type Story struct {
	ID        string  `json:"id"`
	Type      string  `json:"type"`
	Mode      string  `json:"mode"`
	CAMEO     string  `json:"cameo"`
	Quad      int     `json:"quad"`
	Intensity float64 `json:"intensity"`
	Date      string  `json:"date"`       // the day of the first report of the happening
	FirstDate string  `json:"first_date"` // earliest and latest event dates among the reports
	LastDate  string  `json:"last_date"`
	FirstSeen string  `json:"first_seen"` // earliest and latest publication dates
	LastSeen  string  `json:"last_seen"`
	Actor     *Entity `json:"actor"`
	Recipient *Entity `json:"recipient"`
	Place     *Place  `json:"place"`
	Mentions  int     `json:"mentions"` // sentences reporting it, over all articles
	Articles  int     `json:"articles"` // distinct documents
	Sources   int     `json:"sources"`  // distinct outlets
	Text      string  `json:"text"`     // the sentence of its first report

	// Review is the newest review of any of its reports.
	Review *Review `json:"review,omitempty"`
}

// Mention is one raw event as stored: the coded event and where it came from.
type Mention struct {
	ID        string      `json:"id"`
	StoryID   string      `json:"story_id"`
	DocID     string      `json:"doc_id"`
	Source    string      `json:"source"`
	URL       string      `json:"url"`
	Title     string      `json:"title"`
	DocDate   string      `json:"doc_date"`
	Event     event.Event `json:"event"`
	Sentence  string      `json:"sentence"`            // the source sentence
	Highlight []Segment   `json:"highlight,omitempty"` // the sentence cut at actor, trigger and recipient
	Review    *Review     `json:"review,omitempty"`    // its newest review
}

// Segment is a piece of a sentence; Role is "", "actor", "trigger" or
// "recipient". Segments let a browser highlight without byte arithmetic.
type Segment struct {
	Text string `json:"text"`
	Role string `json:"role,omitempty"`
}

// StoryDetail is a story with every raw event merged into it.
type StoryDetail struct {
	Story
	Reports []Mention `json:"reports"`
}

// Document is a stored article with its raw events.
type Document struct {
	ID     string    `json:"id"`
	Hash   string    `json:"hash"`
	Source string    `json:"source"`
	URL    string    `json:"url"`
	Title  string    `json:"title"`
	Date   string    `json:"date"`
	Path   string    `json:"path,omitempty"` // the file it was read from; the HTTP API leaves it out
	Text   string    `json:"text"`
	Events []Mention `json:"events"`
}

// Count is one aggregate bucket.
type Count struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
}

// TimelinePoint counts events of one quad class on one day.
type TimelinePoint struct {
	Date  string `json:"date"`
	Quad  int    `json:"quad"`
	Count int    `json:"count"`
}

// ActorCount is an actor with its number of matching events (either side).
type ActorCount struct {
	Entity
	Count int `json:"count"`
}

// Edge is "Source acted on Target Count times".
type Edge struct {
	Source Entity `json:"source"`
	Target Entity `json:"target"`
	Count  int    `json:"count"`
	Quad   int    `json:"quad"` // the most frequent quad class on the edge
}

// PlaceCount is a place with its number of matching events.
type PlaceCount struct {
	Place
	Count int `json:"count"`
	// Quads counts them by quad class (1..4; 0: events without one).
	Quads [5]int `json:"quads"`
}

// Stats summarises a store.
type Stats struct {
	Documents int     `json:"documents"`
	Events    int     `json:"events"`
	Stories   int     `json:"stories"`
	Actors    int     `json:"actors"`
	Places    int     `json:"places"`
	Sources   int     `json:"sources"`
	FirstDate string  `json:"first_date"`
	LastDate  string  `json:"last_date"`
	ByType    []Count `json:"by_type"`
	ByQuad    []Count `json:"by_quad"`
}
