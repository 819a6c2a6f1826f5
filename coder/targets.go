package coder

import (
	"strings"

	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/mention"
)

// occupants is the actor a target that names none stands for: those the
// text says are kept there ("striking al-Harir Airbase in the Kurdistan
// region, where US military forces are stationed", "Ain al-Asad Airbase,
// housing US forces"). An attack on a base is an attack on its garrison.
// It reads the words after target noun r, up to the end of its clause, and
// returns nil when they name no one.
func (x *extraction) occupants(r int) *event.Actor {
	sent := x.sentenceOf(r)
	j := r + 1
	for ; j < sent.Last && j <= r+8; j++ {
		w := strings.ToLower(x.d.Tokens[j].Text)
		if w == "where" || w == "housing" || w == "hosting" || w == "which" {
			break
		}
		if t := x.d.Tokens[j]; t.UPOS == "VERB" || t.Text == ";" {
			return nil
		}
	}
	if j >= sent.Last || j > r+8 {
		return nil
	}
	w := strings.ToLower(x.d.Tokens[j].Text)
	if w == "housing" || w == "hosting" {
		if k := x.nextMention(j+1, 3); k >= 0 && x.namesActor(k) {
			return x.actor(k)
		}
		return nil
	}
	// "where US forces are stationed", "which hosts US troops".
	k := -1
	for i := j + 1; i < sent.Last && i <= j+8; i++ {
		if k < 0 && x.namesActor(i) {
			k = i
		}
		if stationWords[strings.ToLower(x.d.Tokens[i].Text)] || stationWords[x.lemmaAt(i)] && x.d.Tokens[i].UPOS == "VERB" {
			if k < 0 && w == "which" {
				// "which houses US troops": the occupants follow the verb.
				k = x.nextMention(i+1, 3)
			}
			if k >= 0 && x.namesActor(k) {
				return x.actor(x.ms.At(k).Head)
			}
			return nil
		}
	}
	return nil
}

// facility says whether recipient phrase head r is a place that houses
// forces or staff ("al-Harir Airbase", "the camp"), as opposed to a town
// or a country, whose people are not the ones stationed there.
func (x *extraction) facility(r int) bool {
	if m := x.ms.At(r); m != nil && m.Kind != mention.Place {
		return false
	}
	return facilities[x.lemmaAt(r)]
}

// responder is the target of a hostile event noun that names none but is
// the cause of another act: in "Israel began its war on Gaza in response
// to Hamas's operation" the operation was aimed at Israel, who responds.
// It returns nil when the noun is no such cause.
func (x *extraction) responder(n int) *event.Actor {
	v := x.answered(n)
	if v < 0 {
		return nil
	}
	s, _ := x.subjectOf(v, 0)
	if s < 0 {
		return nil
	}
	if a := x.actor(s); a != nil && a.Country != "" {
		return a
	}
	// "The strikes came in response to ...": the act is an event noun.
	return x.disc.Actors[s]
}

// answered returns the verb of the act that answers noun n, when n is
// what a response answers ("began its war ... in response to Hamas's
// operation"), or -1. The parse may hang n on the response noun or, past
// it, on the verb ("struck Lebanon in retaliation for Hezbollah's
// operation"): the words "retaliation for" say the same either way.
func (x *extraction) answered(n int) int {
	t := x.d.Tokens[n]
	if !(strings.HasPrefix(t.Rel, "nmod") || strings.HasPrefix(t.Rel, "obl")) || t.Head < 0 {
		return -1
	}
	c := -1
	for _, dep := range x.deps[n] {
		if x.d.Tokens[dep].Rel == "case" {
			c = dep
		}
	}
	if c < 1 {
		return -1
	}
	switch strings.ToLower(x.d.Tokens[c].Text) {
	case "to", "for", "against":
	default:
		return -1
	}
	v := t.Head
	if responseWords[x.lemmaAt(v)] {
		v = x.d.Tokens[v].Head
	} else if !responseWords[x.lemmaAt(c-1)] {
		return -1
	}
	if v < 0 || x.d.Tokens[v].UPOS != "VERB" {
		return -1
	}
	return v
}

// detention says whether match m is an arrest or detention told without
// its maker, as a noun ("the detention of the deposed president") or a
// passive with no agent ("the reporter was arrested in Cairo"), which the
// text often reports without saying who made it.
func (x *extraction) detention(m match) bool {
	if m.tr.Type != event.Coerce || m.tr.Mode != "arrest" {
		return false
	}
	return m.tr.POS == "N" || x.passive(m.head, false) && x.passiveSubject(m.head) >= 0 && x.byPhrase(m.head) < 0
}

// detainer is the unnamed actor of a detention whose text names no one:
// the authorities, or whoever holds power, where it happened: the place
// the sentence names ("the detention of US citizens in Iran", "a doctor
// was arrested in Turkey"), else, for a detention noun, the detainee's
// own country ("the detention of President Bazoum" in Niger).
// It returns nil when the detainee is no country's (a UN official).
func (x *extraction) detainer(m match, r int) *event.Actor {
	rec := x.recipientActor(r)
	if rec == nil || rec.Country == "" || x.c.kb.Special(rec.Country) {
		return nil
	}
	country := rec.Country
	if l := x.location(m, x.ms.At(r)); l != nil && l.Text != "" && l.Country != "" && !x.c.kb.Special(l.Country) {
		country = l.Country
	} else if m.tr.POS == "V" {
		// "three nationals were arrested": who arrested them, and
		// where, is not said.
		return nil
	}
	return &event.Actor{Name: "unidentified", Country: country, Sector: "UNK", Code: country + "UNK"}
}
