package score

import (
	"sort"
	"strings"

	"github.com/parley-events/parley/event"
)

// PRF is precision, recall and F1 with the counts behind them.
type PRF struct {
	Matched   int `json:"matched"`   // required gold events matched (each by one prediction)
	Required  int `json:"required"`  // required gold events
	Predicted int `json:"predicted"` // predictions, less those matched to optional gold events
	Optional  int `json:"optional"`  // predictions matched to optional gold events (left out of both counts)

	// Precision = Matched/Predicted, Recall = Matched/Required, F1 their
	// harmonic mean. An empty denominator means nothing could go wrong on
	// that side and gives 1: a document with no gold and no predictions
	// scores 1, one with no gold and a prediction scores P 0, R 1, F1 0.
	Precision float64 `json:"p"`
	Recall    float64 `json:"r"`
	F1        float64 `json:"f1"`
}

func (s *PRF) add(o PRF) {
	s.Matched += o.Matched
	s.Required += o.Required
	s.Predicted += o.Predicted
	s.Optional += o.Optional
}

func (s *PRF) finish() {
	s.Precision, s.Recall = 1, 1
	if s.Predicted > 0 {
		s.Precision = float64(s.Matched) / float64(s.Predicted)
	}
	if s.Required > 0 {
		s.Recall = float64(s.Matched) / float64(s.Required)
	}
	s.F1 = 0
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
}

// Accuracy is the share of dyad matches that got one attribute right, among
// those where the gold event states it.
type Accuracy struct {
	Right  int     `json:"right"`
	Scored int     `json:"scored"`
	Share  float64 `json:"share"` // Right/Scored, 0 when nothing was scored
}

func (a *Accuracy) count(right bool) {
	a.Scored++
	if right {
		a.Right++
	}
}

func (a *Accuracy) finish() {
	a.Share = 0
	if a.Scored > 0 {
		a.Share = float64(a.Right) / float64(a.Scored)
	}
}

// DocReport is the score of one document.
type DocReport struct {
	DocID     string
	Dyad      PRF
	Type      PRF
	Gold      int  // gold events, required and optional
	Predicted int  // predictions, all of them
	HasGold   bool // false: a coded document without a gold file; its predictions are false positives
	Coded     bool // false: a gold document not among the coded ones; its gold events are missed
}

// Item is a missed gold event or a spurious prediction.
type Item struct {
	DocID string
	Gold  *Gold        // a missed required gold event, or nil
	Pred  *event.Event // a spurious prediction, or nil
	// Near describes the closest counterpart in the same document and why it
	// did not match ("" when nothing comes close).
	Near string
}

// Mismatch is a dyad match whose secondary attribute is wrong.
type Mismatch struct {
	DocID string
	Field string // "mode", "actor entity", "date", "place country", "place name"
	Want  string
	Got   string
	Gold  *Gold
	Pred  *event.Event
}

// Report is the outcome of scoring a set of documents.
type Report struct {
	Docs int // documents scored
	Dyad PRF // the headline figure
	Type PRF // type alone, ignoring actor and recipient

	// Among dyad matches (to required and optional gold events alike):
	Mode         Accuracy // where the gold event has a mode
	ActorEntity  Accuracy // where the matched gold side has names
	Date         Accuracy // exact day, where the gold date is not null
	PlaceCountry Accuracy // where the gold place is not null
	PlaceName    Accuracy // where the gold place is not null and has names

	PerDoc     []DocReport
	Missed     []Item // required gold events without a dyad match
	Spurious   []Item // predictions without a dyad match
	Mismatches []Mismatch
}

// Score matches predictions to gold, document by document, and scores them
// as FORMAT.md says. docs are the documents that were coded: a coded document
// with no gold file counts its predictions as false positives; a gold
// document never coded counts its gold events as missed. Predictions of
// documents outside docs and gold are scored as coded documents without gold.
func Score(gold map[string][]Gold, pred []event.Event, docs []string) Report {
	byDoc := map[string][]*event.Event{}
	for i := range pred {
		p := pred[i] // a copy, so the report does not alias the caller's slice
		byDoc[p.DocID] = append(byDoc[p.DocID], &p)
	}
	coded := map[string]bool{}
	for _, d := range docs {
		coded[d] = true
	}
	ids := map[string]bool{}
	for d := range gold {
		ids[d] = true
	}
	for d := range coded {
		ids[d] = true
	}
	for d := range byDoc {
		ids[d] = true
		coded[d] = true
	}
	order := make([]string, 0, len(ids))
	for d := range ids {
		order = append(order, d)
	}
	sort.Strings(order)

	var r Report
	for _, id := range order {
		golds, hasGold := gold[id]
		dr := scoreDoc(&r, id, golds, byDoc[id])
		dr.HasGold, dr.Coded = hasGold, coded[id]
		r.PerDoc = append(r.PerDoc, dr)
		r.Dyad.add(dr.Dyad)
		r.Type.add(dr.Type)
	}
	r.Docs = len(order)
	r.Dyad.finish()
	r.Type.finish()
	for _, a := range []*Accuracy{&r.Mode, &r.ActorEntity, &r.Date, &r.PlaceCountry, &r.PlaceName} {
		a.finish()
	}
	return r
}

func typeFit(g *Gold, p *event.Event) fit {
	if g.TypeFits(p.Type) {
		return direct
	}
	return noFit
}

// prf counts one document's matching.
func prf(golds []Gold, npred int, m []int) PRF {
	var s PRF
	for i, g := range golds {
		switch {
		case g.Optional && m[i] >= 0:
			s.Optional++
		case !g.Optional:
			s.Required++
			if m[i] >= 0 {
				s.Matched++
			}
		}
	}
	s.Predicted = npred - s.Optional
	s.finish()
	return s
}

func scoreDoc(r *Report, id string, golds []Gold, preds []*event.Event) DocReport {
	dyad := match(golds, preds, dyadFit)
	typ := match(golds, preds, typeFit)
	dr := DocReport{DocID: id, Gold: len(golds), Predicted: len(preds)}
	dr.Dyad = prf(golds, len(preds), dyad)
	dr.Type = prf(golds, len(preds), typ)

	taken := make([]int, len(preds)) // gold index+1 matched to each prediction, 0 if none
	for gi, pj := range dyad {
		if pj < 0 {
			continue
		}
		taken[pj] = gi + 1
		secondary(r, id, &golds[gi], preds[pj])
	}
	for gi := range golds {
		if dyad[gi] < 0 && !golds[gi].Optional {
			r.Missed = append(r.Missed, Item{DocID: id, Gold: &golds[gi], Near: nearPred(&golds[gi], preds, taken)})
		}
	}
	for pj, p := range preds {
		if taken[pj] == 0 {
			r.Spurious = append(r.Spurious, Item{DocID: id, Pred: p, Near: nearGold(p, golds, dyad)})
		}
	}
	return dr
}

// secondary scores the attributes of one dyad match.
func secondary(r *Report, id string, g *Gold, p *event.Event) {
	f := dyadFit(g, p)
	miss := func(field, want, got string) {
		r.Mismatches = append(r.Mismatches, Mismatch{DocID: id, Field: field, Want: want, Got: got, Gold: g, Pred: p})
	}
	if g.Mode != "" {
		ok := strings.EqualFold(g.Mode, p.Mode)
		r.Mode.count(ok)
		if !ok {
			miss("mode", g.Mode, p.Mode)
		}
	}
	if names := sideNames(g, f); len(names) > 0 {
		ok := nameMatch(actorName(p.Actor), names)
		r.ActorEntity.count(ok)
		if !ok {
			miss("actor entity", strings.Join(names, " | "), actorName(p.Actor))
		}
	}
	if g.Date != "" {
		ok := g.Date == p.Date
		r.Date.count(ok)
		if !ok {
			miss("date", g.Date, p.Date)
		}
	}
	if g.Place != nil {
		var country, name string
		if p.Location != nil {
			country, name = p.Location.Country, p.Location.Name
		}
		ok := sameCountry(country, g.Place.Country)
		r.PlaceCountry.count(ok)
		if !ok {
			miss("place country", g.Place.Country, country)
		}
		if len(g.Place.Names) > 0 {
			ok := nameMatch(name, g.Place.Names)
			r.PlaceName.count(ok)
			if !ok {
				miss("place name", strings.Join(g.Place.Names, " | "), name)
			}
		}
	}
}

// why lists the dyad checks a prediction fails against a gold event.
func why(g *Gold, p *event.Event) []string {
	var out []string
	if !g.TypeFits(p.Type) {
		want := g.Type
		if len(g.AltTypes) > 0 {
			want += "/" + strings.Join(g.AltTypes, "/")
		}
		out = append(out, "type "+orNone(string(p.Type))+" not "+want)
	}
	if sidesFit(g, p) == noFit {
		pa, pr := actorCountry(p.Actor), actorCountry(p.Recipient)
		if !sameCountry(pa, g.Actor.Country) {
			out = append(out, "actor "+orNone(pa)+" not "+g.Actor.Country)
		}
		if g.Recipient != nil && !sameCountry(pr, g.Recipient.Country) {
			out = append(out, "recipient "+orNone(pr)+" not "+g.Recipient.Country)
		}
		if len(out) == 0 || (sameCountry(pa, g.Actor.Country) && g.Recipient != nil && sameCountry(pr, g.Recipient.Country)) {
			out = append(out, "sides do not fit")
		}
	}
	return out
}

// closeness ranks how near a prediction comes to a gold event: the type
// counts most, then the actor, then the recipient.
func closeness(g *Gold, p *event.Event) int {
	n := 0
	if g.TypeFits(p.Type) {
		n += 4
	}
	pa, pr := actorCountry(p.Actor), actorCountry(p.Recipient)
	if sameCountry(pa, g.Actor.Country) || (g.Symmetric && sameCountry(pr, g.Actor.Country)) {
		n += 2
	}
	if g.Recipient == nil || sameCountry(pr, g.Recipient.Country) || (g.Symmetric && sameCountry(pa, g.Recipient.Country)) {
		n++
	}
	return n
}

// nearPred describes the prediction closest to a missed gold event.
func nearPred(g *Gold, preds []*event.Event, taken []int) string {
	best, bestN := -1, 2 // need at least the type, or the actor and recipient
	for j, p := range preds {
		if n := closeness(g, p); n > bestN {
			best, bestN = j, n
		}
	}
	if best < 0 {
		return ""
	}
	p := preds[best]
	s := "nearest prediction " + describePred(p)
	if reasons := why(g, p); len(reasons) > 0 {
		s += ": " + strings.Join(reasons, ", ")
	} else if taken[best] > 0 {
		s += ": fits, but the matching gave it to another gold event"
	}
	return s
}

// nearGold describes the gold event closest to a spurious prediction.
func nearGold(p *event.Event, golds []Gold, dyad []int) string {
	best, bestN := -1, 2
	for i := range golds {
		if n := closeness(&golds[i], p); n > bestN {
			best, bestN = i, n
		}
	}
	if best < 0 {
		return ""
	}
	g := &golds[best]
	s := "nearest gold " + describeGold(g)
	if reasons := why(g, p); len(reasons) > 0 {
		return s + ": " + strings.Join(reasons, ", ")
	}
	if dyad[best] >= 0 {
		return s + ": fits, but another prediction took it (a repeated mention not merged?)"
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
