// Package coder turns annotated news articles into PLOVER events.
//
// It provides the coding stages of parley's pipeline (Coder.Pipeline gives
// the whole default pipeline, from segmentation to merged events):
//
//   - times: each sentence's time expressions (package dates), resolved
//     against the publication date with the tense of its main verb;
//   - triggers: the trigger lexicon (kb/data/triggers.tsv) looked up at
//     each verb and noun, the rest of the pattern checked ("meet with +",
//     "air strike on +");
//   - events: each trigger's arguments from the dependency parse: the
//     actor from the subject (through conjoined, controlled and relative
//     clauses, passives and the governing verb of an event noun), the
//     recipient from the slot the pattern marks, expanded over coordination
//     ("on the enclave and parts of Lebanon and Syria" gives three events),
//     and where the frames find none a trained ranker (package argmodel);
//     reporting frames ("the embassy said", "according to X") give the
//     attribution, negation and modal or future auxiliaries the modality;
//     dates are chosen and places geocoded. What a sentence leaves to the
//     next (who did what so far) is the document's Discourse layer;
//   - sanctions: sanctions that name no target take the document's;
//   - merge: repeated reports of the same happening become one event.
//
// Every event records the rule that found its trigger (Rule) and the rules
// that chose its actor, recipient, place and date (Why).
package coder

import (
	"sort"
	"strings"
	"sync"

	"github.com/parley-events/parley/argmodel"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/kb"
)

// Coder codes documents into events. It is safe for concurrent use.
type Coder struct {
	kb *kb.KB
	// AllModalities keeps negated, future, hypothetical and conditional
	// events in the output (they are left out by default).
	AllModalities bool
	// ImplicitRecipients gives patterns without a "+" the recipient the
	// verb's object or first prepositional phrase names, as PETRARCH's
	// dictionaries expect (their patterns rarely mark the target).
	// parley's own lexicon marks every recipient slot and leaves it off.
	ImplicitRecipients bool
	// Arguments is the trained argument model that confirms or replaces
	// the actor and recipient the grammar frames find (nil: the frames
	// decide alone).
	Arguments *argmodel.Model
	// Trace, if set, is told every argument decision (for training). It is
	// called from the goroutine that runs Code.
	Trace func(Decision)
}

var (
	defaultOnce  sync.Once
	defaultCoder *Coder
)

// Default returns a coder over the embedded knowledge base and models.
func Default() *Coder {
	defaultOnce.Do(func() {
		defaultCoder = New(kb.Default())
		defaultCoder.Arguments = embeddedArguments()
	})
	return defaultCoder
}

// New returns a coder over knowledge base k.
func New(k *kb.KB) *Coder { return &Coder{kb: k} }

// Code runs the default pipeline (Pipeline) on d and returns its events,
// repeated mentions of the same happening merged. A document that already
// has tokens, tags and a parse keeps them.
func (c *Coder) Code(d *doc.Document) []event.Event {
	if err := c.Pipeline().Run(d); err != nil {
		// No stage of the default pipeline returns an error.
		panic(err)
	}
	return d.Events
}

// symmetric says whether the two sides of events of type t play the same
// role (a column of kb/data/plover.tsv), so that "A met B" and "B met A"
// are one happening.
func (c *Coder) symmetric(t event.Type) bool {
	pt, _ := c.kb.PloverType(t)
	return pt.Symmetric
}

// sentenceIndex maps each token to its sentence.
func sentenceIndex(d *doc.Document) []int32 {
	idx := make([]int32, len(d.Tokens))
	for si, s := range d.Sentences {
		for i := s.First; i < s.Last; i++ {
			idx[i] = int32(si)
		}
	}
	return idx
}

// merge folds events that report the same happening into the first
// report, counting mentions. Two reports are the same happening when they
// have the same type and modality, the same actor and recipient countries
// (either way round for symmetric types) and compatible dates (the same
// day, or one only dated to a month or year that contains the other).
func merge(evs []event.Event, symmetric func(event.Type) bool) []event.Event {
	var out []event.Event
	byDyad := map[string][]int{} // dyad key → indices in out
next:
	for _, e := range evs {
		k := dyadKey(&e, symmetric)
		for _, i := range byDyad[k] {
			if datesFit(&out[i], &e) && !distinct(&out[i], &e) && !twoStatements(&out[i], &e, symmetric) {
				combine(&out[i], &e)
				continue next
			}
		}
		e.Mentions = 1
		byDyad[k] = append(byDyad[k], len(out))
		out = append(out, e)
	}
	return out
}

// dyadKey identifies an event's type, modality and sides by country,
// either way round for symmetric types.
func dyadKey(e *event.Event, symmetric func(event.Type) bool) string {
	a, r := e.Actor.Country, country(e.Recipient)
	if symmetric(e.Type) && r < a {
		a, r = r, a
	}
	return string(e.Type) + "|" + string(e.Modality) + "|" + a + "|" + r
}

func country(a *event.Actor) string {
	if a == nil {
		return ""
	}
	return a.Country
}

// datesFit says whether two events' dates may be the same day.
func datesFit(a, b *event.Event) bool {
	if a.Date == b.Date {
		return true
	}
	within := func(day, span string, precision event.Precision) bool {
		switch precision {
		case event.Month:
			return len(day) >= 7 && len(span) >= 7 && day[:7] == span[:7]
		case event.Year:
			return len(day) >= 4 && len(span) >= 4 && day[:4] == span[:4]
		}
		return false
	}
	return within(b.Date, a.Date, a.DatePrecision) || within(a.Date, b.Date, b.DatePrecision)
}

// distinct says whether two reports of the same dyad and date describe
// different happenings all the same: different specific places ("hitting
// the base near al-Khazra", "a drone attack on Ain al-Asad Airbase"; two
// provinces, "in al-Anbar" and "in the Kurdistan region"), or
// different modes of one type (a missile barrage, a drone attack).
func distinct(a, b *event.Event) bool {
	if a.Mode != "" && b.Mode != "" && a.Mode != b.Mode {
		return true
	}

	la, lb := a.Location, b.Location
	if la == nil || lb == nil || la.Resolution < 2 || lb.Resolution < 2 {
		return false
	}
	if (la.Resolution == 2) != (lb.Resolution == 2) {
		// A province and a town may be the same place told two ways;
		// two provinces, or two towns, that differ are not.
		return false
	}
	return la.Name != lb.Name && !strings.Contains(la.Name, lb.Name) && !strings.Contains(lb.Name, la.Name)
}

// twoStatements says whether two reports of one side's words to another
// are two things said: a demand, a rebuke or praise told in two sentences
// in other words ("called for a ceasefire", then "urged the army to
// withdraw") is two statements, each a happening of its own.
// Meetings and agreements (symmetric types) and sanctions told twice are
// one happening, the same words in two sentences are one statement
// repeated, and a headline or lead sums up what the body then tells.
func twoStatements(a, b *event.Event, symmetric func(event.Type) bool) bool {
	verbal := a.Quad == 1 || a.Quad == 3
	summary := min(a.Sentence, b.Sentence) <= 1
	return verbal && !symmetric(a.Type) && a.Type != event.Sanction && a.Sentence != b.Sentence && !summary && !strings.EqualFold(a.Trigger, b.Trigger)
}

// combine folds report b into event a, keeping what b knows better: a
// place, a more precise date.
func combine(a, b *event.Event) {
	a.Mentions++
	if a.Location == nil && b.Location != nil {
		a.Location = b.Location
	}
	if rank(b.DatePrecision) > rank(a.DatePrecision) {
		a.Date, a.DatePrecision = b.Date, b.DatePrecision
	}
	if a.Confidence < b.Confidence {
		a.Confidence = b.Confidence
	}
}

func rank(precision event.Precision) int {
	switch precision {
	case event.Day:
		return 4
	case event.Week:
		return 3
	case event.Month:
		return 2
	case event.Year:
		return 1
	}
	return 0
}

// sortEvents orders events by sentence and trigger position.
func sortEvents(evs []event.Event) {
	sort.SliceStable(evs, func(i, j int) bool {
		if evs[i].Sentence != evs[j].Sentence {
			return evs[i].Sentence < evs[j].Sentence
		}
		return evs[i].TriggerSpan[0] < evs[j].TriggerSpan[0]
	})
}
