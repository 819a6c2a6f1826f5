package export

import (
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/store"
)

// An analyst's review (store.Review) travels with its record: the columns
// reviewed, review_verdict, reviewer, reviewed_at and review_note say who
// judged the event how, and the record carries the corrected values in
// place of the coder's, in every layout. A story carries its newest review
// of any report.

// ploverQuad and ploverCAMEO are the quad class and CAMEO root of each
// PLOVER type (kb/data/plover.tsv), so a corrected type brings its own.
var (
	ploverQuad = map[string]int{"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
		"REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3, "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
	ploverCAMEO = map[string]string{"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "CONCEDE": "08", "COOPERATE": "06", "AID": "07",
		"RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "SANCTION": "16", "PROTEST": "14",
		"MOBILIZE": "15", "COERCE": "17", "ASSAULT": "19"}
)

// withReview attaches rev to r and applies its corrections to r.Event.
func withReview(r *Record, rev *store.Review) {
	if rev == nil {
		return
	}
	r.Review = rev
	e := &r.Event
	if rev.Type != "" && rev.Type != e.Type {
		e.Type, e.Mode = rev.Type, ""
		e.Quad, e.CAMEO = ploverQuad[rev.Type], ploverCAMEO[rev.Type]
	}
	if rev.Date != "" {
		e.Date, e.DatePrecision = rev.Date, "day"
	}
	e.Actor = correctedActor(e.Actor, rev.Actor)
	e.Recipient = correctedActor(e.Recipient, rev.Recipient)
	if p := rev.Place; p != nil {
		l := event.Location{Name: p.Name, Country: p.Country}
		if e.Location != nil && e.Location.Name == p.Name && (p.Country == "" || e.Location.Country == p.Country) {
			l = *e.Location // the same place: keep its coordinates
		} else if e.Location != nil {
			l.Text = e.Location.Text
		}
		e.Location = &l
	}
}

// correctedActor is a's corrected copy: the analyst's name, country and
// sector where given; a code made of them; the words of the sentence kept.
func correctedActor(a *event.Actor, fix *store.EntityFix) *event.Actor {
	if fix == nil {
		return a
	}
	out := event.Actor{}
	if a != nil {
		out = *a
	}
	if fix.Name != "" {
		out.Name, out.Title = fix.Name, ""
	}
	if fix.Country != "" {
		out.Country = fix.Country
	}
	if fix.Sector != "" {
		out.Sector = fix.Sector
	}
	if fix.Country != "" || fix.Sector != "" {
		out.Code = out.Country + out.Sector
	}
	return &out
}

// reviewColumns fill the review columns of a row.
func reviewColumns(row *Row, rev *store.Review) {
	if rev == nil {
		return
	}
	row.Reviewed, row.ReviewVerdict, row.Reviewer, row.ReviewedAt, row.ReviewNote = true, rev.Verdict, rev.Reviewer, rev.At, rev.Note
}
