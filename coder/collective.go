package coder

import (
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/mention"
	"strings"

	"github.com/parley-events/parley/event"
)

// sideActors turns actor phrase head a into the event's actors. Usually
// that is the one actor its mention names; an unnamed collective set in a
// list of places ("resistance groups in Iraq, Lebanon, and Yemen",
// "militants in Syria and Iraq") is one actor per place, each of that
// place's country, even when the parser took the last place for the
// subject.
func (x *extraction) sideActors(a int) []*event.Actor {
	if pair := x.pairSides(a); pair != nil {
		return pair
	}
	if group, places := x.placedCollective(a); group != nil {
		var out []*event.Actor
		for _, p := range places {
			act := x.actor(group.Head)
			act.Country, act.Code = p.Country, p.Country+act.Sector
			out = append(out, act)
		}
		return out
	}
	if act := x.actor(a); act != nil {
		return []*event.Actor{act}
	}
	return nil
}

// placedCollective finds the unnamed collective and the places of "GROUP
// in P1, P2 and P3" when token a is the collective or one of the places.
// It returns nil when a is neither.
func (x *extraction) placedCollective(a int) (*doc.Mention, []*doc.Mention) {
	m := x.ms.At(a)
	if m == nil {
		return nil, nil
	}
	group := m
	if r := x.d.Tokens[m.Head].Rel; r == "compound" || r == "amod" {
		return nil, nil // "fighters in a US airstrike": the place modifies a noun
	}
	if m.Kind == mention.Country || m.Kind == mention.Territory || m.Place {
		// A place of the list: walk back over the list to its "in".
		j := m.First - 1
		for j >= 0 && x.listSeparator(j) || j >= 0 && x.placeMentionAt(j) != nil {
			j--
		}
		if j < 1 || !strings.EqualFold(x.d.Tokens[j].Text, "in") || x.sentIndex[j] != x.sentIndex[a] {
			return nil, nil
		}
		if group = x.ms.At(j - 1); group == nil {
			return nil, nil
		}
	}
	if !x.unnamedCollective(group) {
		return nil, nil
	}
	in := group.Last
	if in >= len(x.d.Tokens) || !strings.EqualFold(x.d.Tokens[in].Text, "in") {
		return nil, nil
	}
	var places []*doc.Mention
	for j := in + 1; j < len(x.d.Tokens) && x.sentIndex[j] == x.sentIndex[a]; {
		p := x.placeMentionAt(j)
		if p == nil {
			break
		}
		places = append(places, p)
		j = p.Last
		k := j
		for k < len(x.d.Tokens) && x.listSeparator(k) {
			k++
		}
		if k == j || x.placeMentionAt(k) == nil {
			break
		}
		j = k
	}
	if len(places) == 0 {
		return nil, nil
	}
	return group, places
}

// placeMentionAt returns the country or territory mention starting at token j,
// or nil.
func (x *extraction) placeMentionAt(j int) *doc.Mention {
	p := x.ms.At(j)
	if p == nil || p.Country == "" || x.c.kb.Special(p.Country) || !(p.Kind == mention.Country || p.Kind == mention.Territory || p.Kind == mention.Capital || p.Kind == mention.Place) {
		return nil
	}
	if p.Last < len(x.d.Tokens) {
		// "fighters in a US airstrike": a place modifying another noun
		// is no place the group is in.
		switch x.d.Tokens[p.Last].UPOS {
		case "NOUN", "PROPN", "ADJ":
			return nil
		}
	}
	return p
}

func (x *extraction) listSeparator(j int) bool {
	switch strings.ToLower(x.d.Tokens[j].Text) {
	case ",", "and":
		return true
	}
	return false
}

// unnamedCollective says whether mention m is a group described only by
// what it is ("resistance groups", "militants", "protesters"): no name and
// no nationality in its words, so that its country is where it is.
func (x *extraction) unnamedCollective(m *doc.Mention) bool {
	if m.Named || m.Kind != mention.Group || m.Sector == "" {
		return false
	}
	for i := m.First; i < m.Last; i++ {
		w := x.d.Tokens[i].Text
		if _, ok := x.c.kb.Adjective(w); ok {
			return false
		}
		if _, ok := x.c.kb.Demonym(w); ok {
			return false
		}
		if len(x.c.kb.Lookup(w)) > 0 {
			return false
		}
	}
	return true
}

// actorList turns actor phrase heads into actors with a country, one per
// side: a list of places may be reached both through the collective and
// through a place the parser made a subject of its own.
func (x *extraction) actorList(heads []int) []*event.Actor {
	var out []*event.Actor
	seen := map[string]bool{}
	for _, a := range heads {
		for _, act := range x.sideActors(a) {
			if act.Country == "" || seen[act.Country+"|"+act.Name] {
				continue
			}
			seen[act.Country+"|"+act.Name] = true
			out = append(out, act)
		}
	}
	return out
}

// disjunctive says whether recipient heads are alternatives of different
// countries ("Israeli interests or US military forces"): a conjunct marked
// by "or" rather than "and".
func (x *extraction) disjunctive(recips []int) bool {
	if len(recips) < 2 {
		return false
	}
	countries := map[string]bool{}
	or := false
	for _, r := range recips {
		if m := x.ms.At(r); m != nil {
			countries[m.Country] = true
		}
		for _, dep := range x.deps[r] {
			if t := x.d.Tokens[dep]; t.Rel == "cc" && strings.EqualFold(t.Text, "or") {
				or = true
			}
		}
	}
	return or && len(countries) > 1
}

// pairSides gives the two sides a phrase like "the two countries" or
// "both parties" (data/pair_nouns.txt) at token a stands for: those of the
// latest event between two countries that play the same role ("Ethiopia
// and Eritrea signed an agreement. The Council urged the two countries to
// ...", "Peru and Bolivia clashed ... both sides"), or nil.
func (x *extraction) pairSides(a int) []*event.Actor {
	if a < 0 || x.disc.Pair[0] == nil {
		return nil
	}
	if m := x.ms.At(a); m != nil {
		if m.Country != "" {
			return nil
		}
		a = m.Head
	}
	if !pairNouns[x.lemmaAt(a)] {
		return nil
	}
	for _, dep := range x.deps[a] {
		if w := strings.ToLower(x.d.Tokens[dep].Text); w == "two" || w == "both" {
			return x.pair()
		}
	}
	return nil
}

// pair copies the two sides of the latest event between two countries
// (Discourse.Pair), for events of their own.
func (x *extraction) pair() []*event.Actor {
	p0, p1 := *x.disc.Pair[0], *x.disc.Pair[1]
	return []*event.Actor{&p0, &p1}
}
