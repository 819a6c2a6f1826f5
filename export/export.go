// Package export writes coded events in the file layouts that event-data
// tools already read: PLOVER JSON records, POLECAT's weekly TSV files,
// GDELT 2.0's event table, a plain CSV and Apache Parquet.
//
// Every writer takes Records, one per row. A Record is either a raw event
// (one coded event of one article, FromMention or FromDocument) or a merged
// story (every report of one happening, FromStory), so the same writer
// exports both levels of the store. Each layout has a reader (ReadPLOVER,
// ReadTable, ReadParquet) that checks what it reads back, so a file that
// parley wrote can be verified row by row.
package export

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/kb"
	"github.com/parley-events/parley/store"
)

// Level says whether a record is a raw event or a merged story.
type Level string

const (
	// LevelEvent is one coded event of one article.
	LevelEvent Level = "event"
	// LevelStory is one real-world happening merged over every report.
	LevelStory Level = "story"
)

// Record is one exported row: an event with where it was reported and how
// often.
type Record struct {
	Level Level
	// Event is the coded event. Event.ID is the record's id: the store's
	// event (E12) or story (S7) id, or the coder's id for unstored events.
	// For a story the event is built from the story and its first report.
	Event event.Event
	// StoryID is the story a stored raw event was merged into.
	StoryID string

	// Where the (first) report was published.
	DocID, Source, URL, Title string
	Published                 string // publication date, YYYY-MM-DD

	// Mentions counts sentences reporting the happening, Articles the
	// distinct articles and Sources the distinct outlets. A raw event has
	// one article and one source.
	Mentions, Articles, Sources int
	// FirstSeen and LastSeen are the earliest and latest publication dates
	// of the reports.
	FirstSeen, LastSeen string

	// Review is the analyst's review whose corrections Event carries, or
	// nil (review.go).
	Review *store.Review

	// StoryPeople, StoryOrganizations and StoryLocations are the people,
	// organisations and places the (first) reporting article's events name
	// (StoryNames), for POLECAT's Story columns; nil when not gathered.
	StoryPeople, StoryOrganizations, StoryLocations []string
}

// StoryNames sorts the names an article's events carry into people,
// organisations and places, as the knowledge base knows them: an actor
// resolved to a person of kb/data/people.tsv is a person, one resolved to
// an organisation or armed group an organisation, one resolved to a
// country or territory a place, as is every event location. Descriptions
// the knowledge base does not name ("the army", "villagers") are left out.
// Each list is in order of first appearance, without repeats.
func StoryNames(events []event.Event) (people, organisations, places []string) {
	k := kb.Default()
	seen := map[string]bool{}
	add := func(list *[]string, name string) {
		if name != "" && !seen[name] {
			seen[name] = true
			*list = append(*list, name)
		}
	}
	for i := range events {
		e := &events[i]
		for _, a := range []*event.Actor{e.Actor, e.Recipient} {
			if a == nil || a.Name == "" {
				continue
			}
			for _, ent := range k.Lookup(a.Name) {
				if ent.Name != a.Name {
					continue
				}
				switch ent.Kind {
				case kb.PersonKind:
					add(&people, a.Name)
				case kb.OrganisationKind:
					add(&organisations, a.Name)
				case kb.CountryKind, kb.TerritoryKind:
					add(&places, a.Name)
				default:
					continue
				}
				break
			}
		}
		if l := e.Location; l != nil {
			add(&places, l.Name)
		}
	}
	return people, organisations, places
}

// FromDocument makes the record of an event coded from d, before any store
// is involved (as `parley code` writes it).
func FromDocument(d *doc.Document, e *event.Event) Record {
	day := d.Day()
	return Record{Level: LevelEvent, Event: *e, DocID: d.ID, Source: d.Source, URL: d.URL, Title: d.Title,
		Published: day, Mentions: max(e.Mentions, 1), Articles: 1, Sources: 1, FirstSeen: day, LastSeen: day}
}

// FromMention makes the record of a stored raw event. Its id is the
// store's event id.
func FromMention(m *store.Mention) Record {
	e := m.Event
	e.ID = m.ID
	if e.Text == "" {
		e.Text = m.Sentence
	}
	r := Record{Level: LevelEvent, Event: e, StoryID: m.StoryID, DocID: m.DocID, Source: m.Source, URL: m.URL,
		Title: m.Title, Published: m.DocDate, Mentions: max(e.Mentions, 1), Articles: 1, Sources: 1,
		FirstSeen: m.DocDate, LastSeen: m.DocDate}
	withReview(&r, m.Review)
	return r
}

// FromStory makes the record of a merged story. The story gives the type,
// the date, the resolved actors and place and the counts; its first report
// (the earliest published) gives what only an article has: the words that
// named the actors and the place, the trigger, the contexts and where it
// was published.
func FromStory(st *store.StoryDetail) Record {
	e := event.Event{ID: st.ID, Date: st.Date, DatePrecision: event.Day, Type: event.Type(st.Type), Mode: st.Mode, CAMEO: st.CAMEO,
		Quad: st.Quad, Intensity: st.Intensity, Text: st.Text, Mentions: st.Mentions, Modality: event.Asserted,
		Contexts: []string{}}
	r := Record{Level: LevelStory, Mentions: st.Mentions, Articles: st.Articles, Sources: st.Sources,
		FirstSeen: st.FirstSeen, LastSeen: st.LastSeen, Published: st.FirstSeen}
	var first *store.Mention
	if len(st.Reports) > 0 {
		first = &st.Reports[0]
		fe := &first.Event
		r.DocID, r.Source, r.URL, r.Title, r.Published = first.DocID, first.Source, first.URL, first.Title, first.DocDate
		e.DocID, e.Sentence, e.Span = fe.DocID, fe.Sentence, fe.Span
		e.Trigger, e.TriggerSpan, e.Rule, e.Confidence = fe.Trigger, fe.TriggerSpan, fe.Rule, fe.Confidence
		e.Contexts = union(st.Reports)
		if fe.DatePrecision != "" && fe.Date == st.Date {
			e.DatePrecision = fe.DatePrecision
		}
		if fe.Modality != "" {
			e.Modality = fe.Modality
		}
		if e.Text == "" {
			e.Text = first.Sentence
		}
	}
	e.Actor = storyActor(st.Actor, first, func(e *event.Event) *event.Actor { return e.Actor })
	e.Recipient = storyActor(st.Recipient, first, func(e *event.Event) *event.Actor { return e.Recipient })
	if p := st.Place; p != nil {
		e.Location = &event.Location{Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon, GeonamesID: p.GeonamesID,
			Resolution: p.Resolution}
		if first != nil && first.Event.Location != nil && first.Event.Location.Name == p.Name {
			e.Location.Text = first.Event.Location.Text
		}
	}
	r.Event = e
	withReview(&r, st.Review)
	return r
}

// storyActor turns a story's resolved entity into an actor, taking the
// words and title from the first report when that report names the same
// entity (merging may have kept a different report's wording).
func storyActor(ent *store.Entity, first *store.Mention, side func(*event.Event) *event.Actor) *event.Actor {
	if ent == nil {
		return nil
	}
	a := &event.Actor{Name: ent.Name, Country: ent.Country, Sector: ent.Sector, Code: ent.Code}
	if first != nil {
		if fa := side(&first.Event); fa != nil && fa.Country == ent.Country && fa.Name == ent.Name {
			a.Text, a.Title = fa.Text, fa.Title
		}
	}
	return a
}

// union is every context of every report, sorted.
func union(reports []store.Mention) []string {
	seen := map[string]bool{}
	out := []string{}
	for i := range reports {
		for _, c := range reports[i].Event.Contexts {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Options tune the writers.
type Options struct {
	// Header makes the GDELT writer start with a row of column names.
	// GDELT ships its files without one, so the default matches GDELT.
	// POLECAT and CSV files always have a header.
	Header bool
	// CodedDate is the PLOVER coded_date (YYYY-MM-DD); today (UTC) when
	// empty. Fix it to make output reproducible.
	CodedDate string
	// Version fills POLECAT's Version column; parley's release
	// (version.Release) when empty.
	Version string
}

// Writer writes records in one layout.
type Writer interface {
	Write(r *Record) error
	// Close writes what is buffered (and Parquet's footer). It does not
	// close the underlying io.Writer.
	Close() error
}

// Formats are the layouts NewWriter knows.
var Formats = []string{"plover", "polecat", "gdelt", "csv", "parquet"}

// NewWriter returns a writer of the named format (see Formats).
func NewWriter(format string, w io.Writer, opts Options) (Writer, error) {
	switch format {
	case "plover":
		return NewPLOVER(w, opts), nil
	case "polecat":
		return NewPOLECAT(w, opts)
	case "gdelt":
		return NewGDELT(w, opts)
	case "csv":
		return NewCSV(w)
	case "parquet":
		return NewParquet(w), nil
	}
	return nil, fmt.Errorf("unknown export format %q (want %s)", format, strings.Join(Formats, ", "))
}
