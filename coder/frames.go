package coder

import (
	"strings"

	"github.com/parley-events/parley/frames"
)

// frameTree is the parse of the document being coded, as the argument
// frames of kb/data/frames.tsv see it.
type frameTree struct{ x *extraction }

func (t frameTree) Dependents(tok int) []int { return t.x.deps[tok] }
func (t frameTree) Rel(tok int) string       { return t.x.d.Tokens[tok].Rel }
func (t frameTree) Head(tok int) int         { return t.x.d.Tokens[tok].Head }

func (t frameTree) Test(test frames.Test, tok, anchor int) bool {
	x := t.x
	switch test.Name {
	case "case":
		return test.Holds(x.caseOf(tok))
	case "mention":
		return x.ms.At(tok) != nil
	case "actor":
		return x.namesActor(tok)
	case "before":
		return tok < anchor
	case "other":
		return x.ms.Index(tok) != x.ms.Index(anchor)
	case "participle":
		return x.participle(tok)
	case "nosubject":
		for _, dep := range x.deps[anchor] {
			if strings.HasPrefix(x.d.Tokens[dep].Rel, "nsubj") {
				return false
			}
		}
		return true
	case "noobject":
		// No pattern of the noun has a recipient it acts upon ("bombing
		// on +", "arrest of +"): "the bombing of the port" has a target,
		// "the withdrawal of the troops" (only "withdrawal from +") an
		// actor.
		for _, tr := range x.c.kb.Triggers(x.lemmaAt(anchor)) {
			if tr.POS == "N" && tr.Recipient > tr.Head {
				switch tr.Words[tr.Recipient] {
				case "of", "on", "against":
					return false
				}
			}
		}
		return true
	}
	panic("coder: frame test " + test.Name + " not implemented")
}

// frameActors tries the argument frames for trigger match m, in order, and
// returns the actor heads of the first that matches, how they relate to
// the event (the frame's role) and the frame.
func (x *extraction) frameActors(m match) (heads []int, via string, f *frames.Frame) {
	return x.matchFrames(m, func(role string) bool { return role != "recipient" })
}

// frameRecipients tries the recipient frames for trigger match m and
// returns the recipient heads of the first that matches.
func (x *extraction) frameRecipients(m match) []int {
	heads, _, _ := x.matchFrames(m, func(role string) bool { return role == "recipient" })
	return heads
}

// matchFrames tries, in order, the frames for m's part of speech whose
// role is wanted.
func (x *extraction) matchFrames(m match, wanted func(role string) bool) (heads []int, via string, f *frames.Frame) {
	pos, h := m.tr.POS, m.head
	fs, _ := x.c.kb.Frames() // the embedded frames are checked by kb's tests
	for i := range fs {
		f := &fs[i]
		if f.Trigger != pos || !wanted(f.Role) {
			continue
		}
		tok, ok := f.Match(frameTree{x}, h)
		if !ok {
			continue
		}
		switch f.Expand {
		case "single":
			heads = []int{tok}
		case "conjuncts":
			heads = x.conjuncts(tok)
		case "sides":
			if heads = x.conjuncts(tok); len(heads) < 2 || !x.namesActor(heads[0]) {
				continue
			}
		}
		return heads, f.Role, f
	}
	return nil, "", nil
}
