package main

import (
	"context"
	"fmt"
	"github.com/parley-events/parley"
	"io"
	"strings"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/reader"
	"github.com/parley-events/parley/score"
	"github.com/parley-events/parley/store"
)

// evalReviewed scores the coder against the events analysts reviewed in
// the store at db. Each reviewed event becomes gold as the analyst left
// it: marked correct, as coded; corrected, with the corrections; marked
// wrong without a correction, as no event at all. The reviewed articles
// are coded again, and only the coder's events in sentences that hold a
// reviewed event are scored (the rest of an article has no gold), so an
// analyst should review every event of a sentence whose events she
// reviews.
func evalReviewed(ctx context.Context, db string, out io.Writer, explain, asJSON bool) error {
	s, err := store.Open(ctx, db, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	reviews, err := s.ReviewedEvents(ctx)
	if err != nil {
		return err
	}
	if len(reviews) == 0 {
		return fmt.Errorf("%s holds no reviewed events: review some in the web UI (parley serve --token ...) first", store.Redact(db))
	}
	gold := map[string][]score.Gold{}
	sentences := map[string]map[[2]int]bool{} // document → spans of sentences with a reviewed event
	var ids []string
	for _, r := range reviews {
		m, err := s.Event(ctx, r.EventID)
		if err != nil {
			return err
		}
		if sentences[r.DocID] == nil {
			sentences[r.DocID] = map[[2]int]bool{}
			ids = append(ids, r.DocID)
		}
		sentences[r.DocID][m.Event.Span] = true
		if g, ok := goldOf(&r, &m.Event); ok {
			g.DocID, g.Line = r.DocID, len(gold[r.DocID])+1
			gold[r.DocID] = append(gold[r.DocID], g)
		}
	}
	c := newCoder(parley.Options{})
	texts := map[string]string{}
	var preds []event.Event
	for _, id := range ids {
		d, err := s.Document(ctx, id)
		if err != nil {
			return err
		}
		published, err := time.Parse("2006-01-02", d.Date)
		if err != nil {
			return fmt.Errorf("document %s: stored date %q: %w", id, d.Date, err)
		}
		texts[id] = d.Text
		evs, err := c.Code(ctx, &doc.Document{ID: d.ID, Source: d.Source, URL: d.URL, Title: d.Title, Date: published,
			Text: d.Text, Dateline: reader.FindDateline(d.Text)})
		if err != nil {
			return err
		}
		for _, e := range evs {
			if inReviewedSentence(e.Span, sentences[id]) {
				e.DocID = id
				preds = append(preds, e)
			}
		}
	}
	r := score.Score(gold, preds, ids)
	if asJSON {
		out.Write(r.JSON())
		fmt.Fprintln(out)
		return nil
	}
	fmt.Fprintf(out, "%d reviewed events in %d articles (%d gold events, the others marked wrong)\n", len(reviews), len(ids), countGold(gold))
	r.WriteSummary(out)
	if explain {
		r.WriteExplain(out, texts)
	}
	return nil
}

func countGold(gold map[string][]score.Gold) int {
	n := 0
	for _, g := range gold {
		n += len(g)
	}
	return n
}

// reviewedRun reports whether the arguments ask to score against reviews.
func reviewedRun(args []string) bool {
	for _, a := range args {
		if a == "--" {
			break
		}
		if name, v, _ := strings.Cut(strings.TrimLeft(a, "-"), "="); strings.HasPrefix(a, "-") && name == "reviewed" && v != "false" {
			return true
		}
	}
	return false
}

// inReviewedSentence reports whether span lies in one of the sentences.
func inReviewedSentence(span [2]int, sentences map[[2]int]bool) bool {
	for s := range sentences {
		if span[0] < s[1] && s[0] < span[1] {
			return true
		}
	}
	return false
}

// goldOf is the gold event a review makes of the coded event e, or false
// when the analyst says there is no such event.
func goldOf(r *store.Review, e *event.Event) (score.Gold, bool) {
	corrected := r.Type != "" || r.Date != "" || r.Actor != nil || r.Recipient != nil || r.Place != nil
	if r.Verdict == store.VerdictWrong && !corrected {
		return score.Gold{}, false
	}
	g := score.Gold{Type: string(e.Type), Mode: e.Mode, Date: e.Date}
	if r.Type != "" {
		g.Type, g.Mode = r.Type, ""
	}
	if r.Date != "" {
		g.Date = r.Date
	}
	g.Actor = goldEntity(e.Actor, r.Actor)
	if e.Recipient != nil || r.Recipient != nil {
		rec := goldEntity(e.Recipient, r.Recipient)
		g.Recipient = &rec
	}
	if l := e.Location; l != nil || r.Place != nil {
		p := score.Place{}
		if l != nil {
			p.Country, p.Names = l.Country, nonEmpty(l.Name)
		}
		if r.Place != nil {
			p.Names = nonEmpty(r.Place.Name)
			if r.Place.Country != "" {
				p.Country = r.Place.Country
			}
		}
		g.Place = &p
	}
	return g, true
}

// goldEntity is a gold side: the coded actor with the analyst's fix.
func goldEntity(a *event.Actor, fix *store.EntityFix) score.Entity {
	var ent score.Entity
	if a != nil {
		ent = score.Entity{Country: a.Country, Sector: a.Sector, Names: nonEmpty(a.Name, a.Text)}
	}
	if fix != nil {
		if fix.Name != "" {
			ent.Names = []string{fix.Name}
		}
		if fix.Country != "" {
			ent.Country = fix.Country
		}
		if fix.Sector != "" {
			ent.Sector = fix.Sector
		}
	}
	return ent
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
