package export

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/parley-events/parley/event"
)

// PLOVERRecord is a PLOVER 2.0 JSON event record, the layout of the PLOVER
// manual's examples and of `parley code --format plover`.
type PLOVERRecord struct {
	ID string `json:"id"`
	// HasEvent says whether the text reports the event as having happened:
	// false for a negated, future, hypothetical or conditional one
	// ("Russia did not attack Ukraine"), whose Modality says which.
	HasEvent bool `json:"has_event"`
	// Modality is "asserted", "negated", "future", "hypothetical" or
	// "conditional".
	Modality   string          `json:"modality"`
	Date       string          `json:"date"`
	Actor      []PLOVEREntity  `json:"actor"`
	Recipient  []PLOVEREntity  `json:"recipient"`
	Event      []string        `json:"event"`
	EventLoc   *PLOVERLocation `json:"event_loc,omitempty"`
	EventText  string          `json:"event_text"`
	QuadCode   int             `json:"quad_code"`
	EventScale float64         `json:"event_scale"`
	Mode       []string        `json:"mode"`
	Context    []string        `json:"context"`
	Text       string          `json:"text"`
	// TextInfo says where the event sits in its article (doc_id, sentence,
	// span) and, for stored records, its story and counts (story_id,
	// level, mentions, articles, sources, first_seen, last_seen).
	TextInfo map[string]any `json:"text_info"`
	// CiteInfo says where the article was published (source, url, title,
	// publication_date).
	CiteInfo  map[string]any `json:"cite_info"`
	Coder     string         `json:"coder"`
	CodedDate string         `json:"coded_date"`
	Comment   string         `json:"comment,omitempty"`
}

// PLOVEREntity is one actor or recipient of a PLOVER record.
type PLOVEREntity struct {
	Code       string `json:"code"`
	Sector     string `json:"sector,omitempty"`
	EntityText string `json:"entity_text,omitempty"`
	Office     string `json:"office,omitempty"`
}

// PLOVERLocation is a PLOVER record's geocoded place.
type PLOVERLocation struct {
	ExtractedPlace string   `json:"extracted_place"`
	ResolvedPlace  string   `json:"resolved_place"`
	GeonameID      int      `json:"geonameid,omitempty"`
	Lat            *float64 `json:"lat"` // null when parley could not locate the place
	Lon            *float64 `json:"lon"`
	CountryCode    string   `json:"country_code"`
	Resolution     int      `json:"resolution"`
}

// ploverWriter writes one PLOVER record per line (JSON Lines).
type ploverWriter struct {
	enc   *json.Encoder
	coded string
}

// NewPLOVER returns a writer of PLOVER JSON records, one per line.
func NewPLOVER(w io.Writer, opts Options) Writer {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	coded := opts.CodedDate
	if coded == "" {
		coded = time.Now().UTC().Format("2006-01-02")
	}
	return &ploverWriter{enc: enc, coded: coded}
}

func (p *ploverWriter) Write(r *Record) error { return p.enc.Encode(PLOVEROf(r, p.coded)) }

func (p *ploverWriter) Close() error { return nil }

// PLOVEROf makes the PLOVER record of r, coded on codedDate.
func PLOVEROf(r *Record, codedDate string) PLOVERRecord {
	e := &r.Event
	out := PLOVERRecord{
		ID: e.ID, HasEvent: e.Modality == "" || e.Modality == event.Asserted, Modality: string(cmp.Or(e.Modality, event.Asserted)), Date: e.Date, Event: []string{string(e.Type)}, EventText: e.Trigger,
		QuadCode: e.Quad, EventScale: e.Intensity, Mode: []string{}, Context: e.Contexts, Text: e.Text,
		TextInfo: map[string]any{"doc_id": r.DocID, "sentence": e.Sentence, "span": e.Span},
		CiteInfo: map[string]any{"source": r.Source, "url": r.URL, "title": r.Title, "publication_date": r.Published},
		Coder:    "parley " + e.Rule, CodedDate: codedDate, Actor: []PLOVEREntity{}, Recipient: []PLOVEREntity{},
	}
	if r.StoryID != "" || r.Level == LevelStory {
		// Stored records carry their story and how often it was reported.
		out.TextInfo["level"] = string(r.Level)
		if r.StoryID != "" {
			out.TextInfo["story_id"] = r.StoryID
		}
		out.TextInfo["mentions"] = r.Mentions
		out.TextInfo["articles"] = r.Articles
		out.TextInfo["sources"] = r.Sources
		out.TextInfo["first_seen"] = r.FirstSeen
		out.TextInfo["last_seen"] = r.LastSeen
	}
	if e.Mode != "" {
		out.Mode = []string{e.Mode}
	}
	if e.Actor != nil {
		out.Actor = []PLOVEREntity{ploverEntity(e.Actor)}
	}
	if e.Recipient != nil {
		out.Recipient = []PLOVEREntity{ploverEntity(e.Recipient)}
	}
	if l := e.Location; l != nil {
		out.EventLoc = &PLOVERLocation{ExtractedPlace: l.Text, ResolvedPlace: l.Name, GeonameID: l.GeonamesID,
			CountryCode: l.Country, Resolution: l.Resolution}
		if located(l) {
			lat, lon := l.Lat, l.Lon
			out.EventLoc.Lat, out.EventLoc.Lon = &lat, &lon
		}
	}
	return out
}

func ploverEntity(a *event.Actor) PLOVEREntity {
	return PLOVEREntity{Code: a.Country, Sector: a.Sector, EntityText: a.Text, Office: a.Title}
}

// ReadPLOVER reads PLOVER JSON records, one per line, as NewPLOVER writes
// them. Blank lines are skipped; a line that is not a record is an error
// naming the line.
func ReadPLOVER(r io.Reader) ([]PLOVERRecord, error) {
	br := bufio.NewReader(r)
	var out []PLOVERRecord
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 && len(bytes.TrimSpace(b)) > 0 {
			var rec PLOVERRecord
			if jerr := json.Unmarshal(b, &rec); jerr != nil {
				return out, fmt.Errorf("plover: line %d: %v", line, jerr)
			}
			if rec.ID == "" || len(rec.Event) == 0 {
				return out, fmt.Errorf("plover: line %d: record without id or event type", line)
			}
			out = append(out, rec)
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}
