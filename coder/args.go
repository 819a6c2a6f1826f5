package coder

import (
	"strings"

	"github.com/parley-events/parley/event"
)

// actorsOf finds the actor phrase heads of a trigger (several when the
// subject is coordinated) and says how they were found.
func (x *extraction) actorsOf(m match) ([]int, string) {
	h := m.head
	if m.tr.POS == "N" {
		// The event noun's own possessor or "by" phrase, or a nationality
		// or name modifier ("Israeli strikes", "Houthi attacks").
		for _, dep := range x.deps[h] {
			t := x.d.Tokens[dep]
			switch {
			case t.Rel == "nmod:poss":
				if x.ms.At(dep) != nil {
					return x.conjuncts(dep), "possessor"
				}
			case strings.HasPrefix(t.Rel, "nmod") && x.caseOf(dep) == "by":
				if x.ms.At(dep) != nil {
					return x.conjuncts(dep), "agent"
				}
			}
		}
		for _, dep := range x.deps[h] {
			t := x.d.Tokens[dep]
			if (t.Rel == "amod" || t.Rel == "compound") && dep < h && x.ms.At(dep) != nil && x.ms.Index(dep) != x.ms.Index(h) {
				return []int{dep}, "modifier"
			}
		}
		// The subject of the light verb that governs the noun: "Israel has
		// begun delivering air strikes", "held talks with".
		v, ok := x.governingVerb(h)
		if !ok {
			return nil, ""
		}
		h = v
	}
	s, via := x.subjectOf(h, 0)
	if s < 0 {
		return nil, ""
	}
	return x.conjuncts(s), via
}

// governingVerb climbs from an event noun to the verb it is the object of,
// through nouns it modifies ("support for Palestine" in "stressed the
// stance on support for Palestine" climbs to "stressed"), provided that verb
// does not itself make the noun unreal ("called for a ceasefire").
func (x *extraction) governingVerb(n int) (int, bool) {
	for steps := 0; steps < 3; steps++ {
		t := x.d.Tokens[n]
		if t.Head < 0 {
			return 0, false
		}
		rel := t.Rel
		h := t.Head
		ht := x.d.Tokens[h]
		switch {
		case rel == "obj" || rel == "nsubj:pass" || strings.HasPrefix(rel, "obl"):
			if ht.UPOS != "VERB" && ht.UPOS != "AUX" {
				return 0, false
			}
			if !lightVerbs[x.lemmaAt(h)] {
				return 0, false
			}
			return h, true
		case strings.HasPrefix(rel, "nmod") || rel == "compound" || rel == "conj":
			n = h
		default:
			return 0, false
		}
	}
	return 0, false
}

// subjectOf finds the subject phrase of verb v, following conjoined verbs,
// control ("began delivering"), relative clauses ("who arrived"),
// participial modifiers and passives. It returns -1 when there is none.
func (x *extraction) subjectOf(v, depth int) (int, string) {
	if depth > 4 || v < 0 {
		return -1, ""
	}
	passive := false
	for _, dep := range x.deps[v] {
		if x.d.Tokens[dep].Rel == "aux:pass" || x.d.Tokens[dep].Rel == "nsubj:pass" {
			passive = true
		}
	}
	for _, dep := range x.deps[v] {
		t := x.d.Tokens[dep]
		switch {
		case t.Rel == "nsubj" && !passive:
			if rel := x.relativeAntecedent(dep); rel >= 0 {
				return rel, "subject"
			}
			return x.nominal(dep), "subject"
		case passive && (t.Rel == "obl:agent" || strings.HasPrefix(t.Rel, "obl") && x.caseOf(dep) == "by"):
			return x.nominal(dep), "agent"
		}
	}
	if passive {
		return -1, ""
	}
	t := x.d.Tokens[v]
	switch t.Rel {
	case "conj", "xcomp":
		return x.subjectOf(t.Head, depth+1)
	case "acl", "acl:relcl":
		if x.ms.At(t.Head) != nil {
			return t.Head, "subject"
		}
	case "advcl":
		if t.XPOS == "VBG" || t.XPOS == "VBN" {
			return x.subjectOf(t.Head, depth+1)
		}
	}
	return -1, ""
}

// relativeAntecedent maps a relative pronoun subject ("who") to the noun
// its clause modifies.
func (x *extraction) relativeAntecedent(dep int) int {
	switch strings.ToLower(x.d.Tokens[dep].Text) {
	case "who", "which", "that":
	default:
		return -1
	}
	v := x.d.Tokens[dep].Head
	if v >= 0 && x.d.Tokens[v].Rel == "acl:relcl" {
		return x.d.Tokens[v].Head
	}
	return -1
}

// nominal returns the token carrying the mention of noun phrase n: n itself,
// or for a head that names no actor ("the stance", "parts") its possessor
// or "of" modifier ("Russia's stance", "parts of Lebanon").
func (x *extraction) nominal(n int) int {
	if n < 0 || x.ms.At(n) != nil {
		return n
	}
	for _, dep := range x.deps[n] {
		rel := x.d.Tokens[dep].Rel
		if rel == "nmod:poss" || strings.HasPrefix(rel, "nmod") && x.caseOf(dep) == "of" {
			if x.ms.At(dep) != nil {
				return dep
			}
		}
	}
	return n
}

// conjuncts expands a phrase head over its coordination: "Lebanon and
// Syria" gives both heads.
func (x *extraction) conjuncts(n int) []int {
	out := []int{x.nominal(n)}
	for _, dep := range x.deps[n] {
		if x.d.Tokens[dep].Rel == "conj" && isNominalTag(x.d.Tokens[dep].UPOS) {
			out = append(out, x.conjuncts(dep)...)
		}
	}
	return out
}

func isNominalTag(upos string) bool { return upos == "NOUN" || upos == "PROPN" || upos == "PRON" }

// recipientsOf finds the recipient phrase heads for the pattern's slot.
func (x *extraction) recipientsOf(m match) []int {
	slot := m.recipSlot
	t := x.d.Tokens[slot]
	var n int = -1
	if slot == m.head || t.UPOS != "ADP" {
		// A direct object: of the verb (or the passive subject), or the
		// phrase right after the pattern's last word.
		for _, dep := range x.deps[m.head] {
			switch x.d.Tokens[dep].Rel {
			case "obj", "nsubj:pass":
				n = dep
			}
		}
		if n < 0 && slot != m.head {
			n = x.nextMention(slot+1, 4)
		}
		if n < 0 && m.tr.POS == "V" {
			n = x.nextMention(m.last+1, 3)
		}
	} else {
		// A preposition: its phrase is its head in UD ("with" → "Marzouk").
		if t.Head > slot && t.Rel == "case" {
			n = t.Head
		} else {
			n = x.nextMention(slot+1, 5)
		}
	}
	if n < 0 {
		return nil
	}
	return x.conjuncts(n)
}

// nextMention returns the head of the first mention starting within limit
// tokens from token from, or -1.
func (x *extraction) nextMention(from, limit int) int {
	for j := from; j < len(x.d.Tokens) && j <= from+limit; j++ {
		if m := x.ms.At(j); m != nil {
			return m.Head
		}
		if x.d.Tokens[j].UPOS == "VERB" || x.d.Tokens[j].UPOS == "PUNCT" {
			return -1
		}
	}
	return -1
}

// caseOf returns the lower-cased preposition of a noun phrase, including
// the two-word "according to".
func (x *extraction) caseOf(n int) string {
	for _, dep := range x.deps[n] {
		if x.d.Tokens[dep].Rel == "case" {
			return strings.ToLower(x.d.Tokens[dep].Text)
		}
	}
	return ""
}

// attribution finds who the clause of token h is attributed to: the subject
// of a reporting verb it is the complement of, or parenthetical to
// ("..., the embassy said"), or an "according to" phrase.
func (x *extraction) attribution(h int) *event.Actor {
	for v, steps := h, 0; v >= 0 && steps < 6; steps++ {
		t := x.d.Tokens[v]
		for _, dep := range x.deps[v] {
			dt := x.d.Tokens[dep]
			switch {
			case (dt.Rel == "parataxis" || dt.Rel == "ccomp") && x.reporting(dep):
				if s, _ := x.subjectOf(dep, 0); s >= 0 {
					if a := x.actor(s); a != nil {
						return a
					}
				}
			case strings.HasPrefix(dt.Rel, "obl") && x.accordingTo(dep):
				if a := x.actor(x.nominal(dep)); a != nil {
					return a
				}
			}
		}
		if t.Rel == "ccomp" && t.Head >= 0 && x.reporting(t.Head) {
			if s, _ := x.subjectOf(t.Head, 0); s >= 0 {
				return x.actor(s)
			}
		}
		v = t.Head
	}
	return nil
}

func (x *extraction) reporting(v int) bool {
	_, ok := x.c.kb.Reporting([]string{x.lemmaAt(v)})
	return ok
}

func (x *extraction) accordingTo(n int) bool {
	for _, dep := range x.deps[n] {
		if strings.EqualFold(x.d.Tokens[dep].Text, "according") {
			return true
		}
	}
	return false
}
