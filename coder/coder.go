// Package coder turns annotated news articles into PLOVER events.
//
// For every sentence it looks up the trigger lexicon (kb/data/triggers.tsv)
// at each verb and noun, checks the rest of the pattern ("meet with +",
// "air strike on +"), and takes the event's arguments from the dependency
// parse: the actor from the subject (through conjoined, controlled and
// relative clauses, passives and the governing verb of an event noun), the
// recipient from the slot the pattern marks, expanded over coordination
// ("on the enclave and parts of Lebanon and Syria" gives three events).
// Reporting frames ("the embassy said", "according to X") give the
// attribution, negation and modal or future auxiliaries the modality;
// dates are resolved against the publication date and places geocoded.
// Repeated reports of the same happening inside a document are merged.
package coder

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/kb"
	"github.com/parley-events/parley/mention"
	"github.com/parley-events/parley/nlp"
)

// Coder codes documents into events. It is safe for concurrent use.
type Coder struct {
	kb *kb.KB
	// AllModalities keeps negated, future, hypothetical and conditional
	// events in the output (they are left out by default).
	AllModalities bool
}

var (
	defaultOnce  sync.Once
	defaultCoder *Coder
)

// Default returns a coder over the embedded knowledge base and models.
func Default() *Coder {
	defaultOnce.Do(func() { defaultCoder = New(kb.Default()) })
	return defaultCoder
}

// New returns a coder over knowledge base k.
func New(k *kb.KB) *Coder { return &Coder{kb: k} }

// Code annotates d if needed and returns its events, repeated mentions of
// the same happening merged.
func (c *Coder) Code(d *doc.Document) []event.Event {
	if len(d.Tokens) == 0 || d.Tokens[0].UPOS == "" {
		nlp.Annotate(d)
	}
	ms := mention.Find(d, c.kb)
	x := &extraction{c: c, d: d, ms: ms, deps: dependents(d)}
	var evs []event.Event
	for si := range d.Sentences {
		evs = append(evs, x.sentence(si)...)
	}
	evs = merge(evs)
	out := evs[:0]
	for _, e := range evs {
		if c.AllModalities || e.Modality == "asserted" {
			out = append(out, e)
		}
	}
	for i := range out {
		out[i].ID = fmt.Sprintf("%s-%d", d.ID, i+1)
	}
	return out
}

// dependents indexes each token's dependents, in text order.
func dependents(d *doc.Document) [][]int {
	deps := make([][]int, len(d.Tokens))
	for i, t := range d.Tokens {
		if t.Head >= 0 && t.Head < len(d.Tokens) {
			deps[t.Head] = append(deps[t.Head], i)
		}
	}
	return deps
}

// merge folds events that report the same happening (same type, same
// sides — either order for symmetric types — and same date) into the
// first report, counting mentions.
func merge(evs []event.Event) []event.Event {
	seen := map[string]int{}
	var out []event.Event
	for _, e := range evs {
		k := mergeKey(e)
		if i, ok := seen[k]; ok {
			out[i].Mentions++
			if out[i].Location == nil && e.Location != nil {
				out[i].Location = e.Location
			}
			if out[i].Confidence < e.Confidence {
				out[i].Confidence = e.Confidence
			}
			continue
		}
		e.Mentions = 1
		seen[k] = len(out)
		out = append(out, e)
	}
	return out
}

func mergeKey(e event.Event) string {
	a, r := actorKey(e.Actor), actorKey(e.Recipient)
	if symmetricTypes[e.Type] && r < a {
		a, r = r, a
	}
	return strings.Join([]string{e.Type, a, r, e.Date, e.Modality}, "|")
}

func actorKey(a *event.Actor) string {
	if a == nil {
		return ""
	}
	return a.Country + "/" + strings.ToLower(a.Name)
}

// symmetricTypes are the types whose two sides may be reported either way
// round ("A met B", "B met A") and still be one happening.
var symmetricTypes = map[string]bool{"CONSULT": true, "AGREE": true, "COOPERATE": true}

// sortEvents orders events by sentence and trigger position.
func sortEvents(evs []event.Event) {
	sort.SliceStable(evs, func(i, j int) bool {
		if evs[i].Sentence != evs[j].Sentence {
			return evs[i].Sentence < evs[j].Sentence
		}
		return evs[i].TriggerSpan[0] < evs[j].TriggerSpan[0]
	})
}
