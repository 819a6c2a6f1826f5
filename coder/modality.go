package coder

import (
	"strings"

	"github.com/parley-events/parley/event"
)

// modality says whether the event of match m is asserted, or negated,
// future, hypothetical or conditional, from the trigger verb's auxiliaries
// and negation, a subordinator of its clause, and the verbs it is embedded
// under ("plans to attack", "called for a ceasefire").
func (x *extraction) modality(m match) event.Modality {
	// The strongest doubt wins: a negated future act is negated.
	rank := map[event.Modality]int{event.Asserted: 0, event.Future: 1, event.Hypothetical: 2, event.Conditional: 3, event.Negated: 4}
	best := event.Asserted
	note := func(mod event.Modality) {
		if mod != "" && rank[mod] > rank[best] {
			best = mod
		}
	}
	v := m.head
	if m.tr.POS == "N" {
		for _, dep := range x.deps[v] {
			if t := x.d.Tokens[dep]; t.Rel == "det" && strings.EqualFold(t.Text, "no") {
				note(event.Negated)
			}
		}
		// The noun's clause is its governing verb's.
		for steps := 0; steps < 3; steps++ {
			t := x.d.Tokens[v]
			if t.Head < 0 {
				break
			}
			v = t.Head
			if x.d.Tokens[v].UPOS == "VERB" {
				note(modalityOf("embed", x.lemmaAt(v)))
				break
			}
		}
	}
	// ownForm is set when v is reached from a finite conjunct verb, which
	// has its own tense: in "disputes will be resolved and he calls on
	// them", "calls" shares the clause's "if" or "when" but not its "will"
	// or "not". A participle with no auxiliary of its own beside a bare
	// verb is a past tense the tagger mistook ("would open and praised").
	ownForm := false
	for steps := 0; v >= 0 && steps < 4; steps++ {
		for _, dep := range x.deps[v] {
			t := x.d.Tokens[dep]
			switch t.Rel {
			case "aux":
				if !ownForm {
					note(modalityOf("aux", t.Text))
				}
			case "advmod", "neg":
				if !ownForm {
					note(modalityOf("neg", t.Text))
				}
			case "mark":
				note(modalityOf("mark", t.Text))
			}
		}
		t := x.d.Tokens[v]
		if t.Head < 0 {
			break
		}
		if t.Rel == "advcl" && x.markedBy(v, "by") {
			// "need to de-escalate by withdrawing troops": the means
			// shares the modality of what it serves.
			v = t.Head
			continue
		}
		if t.Rel == "acl" && x.hasMarkTo(v) && modalityOf("embed", x.lemmaAt(t.Head)) != "" {
			// "Ethiopia's offer to mediate", "a plan to attack": the
			// noun's word says what became of its infinitive.
			note(modalityOf("embed", x.lemmaAt(t.Head)))
			break
		}
		if o := x.d.Tokens[t.Head]; t.Rel == "acl" && x.hasMarkTo(v) && o.Rel == "obj" && o.Head >= 0 {
			// "expects the police to stand down", parsed with the
			// infinitive on the object: the object's verb embeds it.
			note(modalityOf("embed", x.lemmaAt(o.Head)))
			v = o.Head
			continue
		}
		if t.Rel != "xcomp" && t.Rel != "ccomp" && t.Rel != "conj" {
			break
		}
		if t.Rel != "conj" {
			note(modalityOf("embed", x.lemmaAt(t.Head)))
		}
		ownForm = t.Rel == "conj" && (finite(t.XPOS) || t.XPOS == "VBN" && x.d.Tokens[t.Head].XPOS == "VB" && !x.hasAux(v))
		v = x.conjHead(v)
	}
	return best
}

// markedBy says whether verb v's clause is introduced by subordinator w.
func (x *extraction) markedBy(v int, w string) bool {
	for _, dep := range x.deps[v] {
		if t := x.d.Tokens[dep]; t.Rel == "mark" && strings.EqualFold(t.Text, w) {
			return true
		}
	}
	return false
}

// hasAux says whether verb v has an auxiliary of its own.
func (x *extraction) hasAux(v int) bool {
	for _, dep := range x.deps[v] {
		if r := x.d.Tokens[dep].Rel; r == "aux" || r == "aux:pass" {
			return true
		}
	}
	return false
}
