package main

import (
	"encoding/json"
	"io"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
)

// ploverRecord is a PLOVER 2.0 JSON event record.
type ploverRecord struct {
	ID         string          `json:"id"`
	HasEvent   bool            `json:"has_event"`
	Date       string          `json:"date"`
	Actor      []ploverEntity  `json:"actor"`
	Recipient  []ploverEntity  `json:"recipient"`
	Event      []string        `json:"event"`
	EventLoc   *ploverLocation `json:"event_loc,omitempty"`
	EventText  string          `json:"event_text"`
	QuadCode   int             `json:"quad_code"`
	EventScale float64         `json:"event_scale"`
	Mode       []string        `json:"mode"`
	Context    []string        `json:"context"`
	Text       string          `json:"text"`
	TextInfo   map[string]any  `json:"text_info"`
	CiteInfo   map[string]any  `json:"cite_info"`
	Coder      string          `json:"coder"`
	CodedDate  string          `json:"coded_date"`
	Comment    string          `json:"comment,omitempty"`
}

type ploverEntity struct {
	Code       string `json:"code"`
	Sector     string `json:"sector,omitempty"`
	EntityText string `json:"entity_text,omitempty"`
	Office     string `json:"office,omitempty"`
}

type ploverLocation struct {
	ExtractedPlace string  `json:"extracted_place"`
	ResolvedPlace  string  `json:"resolved_place"`
	GeonameID      int     `json:"geonameid,omitempty"`
	Lat            float64 `json:"lat"`
	Lon            float64 `json:"lon"`
	CountryCode    string  `json:"country_code"`
	Resolution     int     `json:"resolution"`
}

func writePLOVER(w io.Writer, d *doc.Document, evs []event.Event) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	today := time.Now().UTC().Format("2006-01-02")
	for _, e := range evs {
		r := ploverRecord{
			ID: e.ID, HasEvent: true, Date: e.Date, Event: []string{e.Type}, EventText: e.Trigger,
			QuadCode: e.Quad, EventScale: e.Intensity, Mode: []string{}, Context: e.Contexts, Text: e.Text,
			TextInfo: map[string]any{"doc_id": d.ID, "sentence": e.Sentence, "span": e.Span},
			CiteInfo: map[string]any{"source": d.Source, "url": d.URL, "title": d.Title, "publication_date": d.Day()},
			Coder:    "parley " + e.Rule, CodedDate: today, Actor: []ploverEntity{}, Recipient: []ploverEntity{},
		}
		if e.Mode != "" {
			r.Mode = []string{e.Mode}
		}
		if e.Actor != nil {
			r.Actor = []ploverEntity{entity(e.Actor)}
		}
		if e.Recipient != nil {
			r.Recipient = []ploverEntity{entity(e.Recipient)}
		}
		if l := e.Location; l != nil {
			r.EventLoc = &ploverLocation{ExtractedPlace: l.Text, ResolvedPlace: l.Name, GeonameID: l.GeonamesID,
				Lat: l.Lat, Lon: l.Lon, CountryCode: l.Country, Resolution: l.Resolution}
		}
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

func entity(a *event.Actor) ploverEntity {
	return ploverEntity{Code: a.Country, Sector: a.Sector, EntityText: a.Text, Office: a.Title}
}
