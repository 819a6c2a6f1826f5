package export

import (
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/kb"
	"github.com/parley-events/parley/store"
)

// An analyst's review (store.Review) travels with its record: the columns
// reviewed, review_verdict, reviewer, reviewed_at and review_note say who
// judged the event how, and the record carries the corrected values in
// place of the coder's, in every layout. A story carries its newest review
// of any report.

// withReview attaches rev to r and applies its corrections to r.Event.
func withReview(r *Record, rev *store.Review) {
	if rev == nil {
		return
	}
	r.Review = rev
	e := &r.Event
	if t := event.Type(rev.Type); t != "" && t != e.Type {
		// A corrected type brings its own quad class and CAMEO root
		// (kb/data/plover.tsv).
		pt, _ := kb.Default().PloverType(t)
		e.Type, e.Mode = t, ""
		e.Quad, e.CAMEO = pt.Quad, pt.CAMEO
	}
	if rev.Date != "" {
		e.Date, e.DatePrecision = rev.Date, event.Day
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
