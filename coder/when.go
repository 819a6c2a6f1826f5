package coder

import (
	"strings"

	"github.com/parley-events/parley/dates"
	"github.com/parley-events/parley/doc"
)

// dateExprs finds the temporal expressions of a sentence, resolved against
// the publication date with the tense of the sentence's main verb.
func (x *extraction) dateExprs(sent doc.Sentence) []dates.Expr {
	if x.d.Date.IsZero() {
		return nil
	}
	toks := x.d.Tokens[sent.First:sent.Last]
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Text
	}
	return dates.Find(words, x.d.Date, x.tense(sent))
}

// tense is "future" when the root verb has will/shall, "past" for a past
// form, else "present".
func (x *extraction) tense(sent doc.Sentence) string {
	for i := sent.First; i < sent.Last; i++ {
		if x.d.Tokens[i].Head != -1 {
			continue
		}
		tense := "present"
		if x.d.Tokens[i].XPOS == "VBD" {
			tense = "past"
		}
		for _, dep := range x.deps[i] {
			t := x.d.Tokens[dep]
			if t.Rel != "aux" {
				continue
			}
			switch strings.ToLower(t.Text) {
			case "will", "shall", "'ll":
				return "future"
			case "has", "have", "had", "did", "was", "were":
				tense = "past"
			}
		}
		return tense
	}
	return "past"
}

// dateFor picks the date of a trigger: an expression attached to it in the
// parse ("met ... on Thursday"), else the nearest expression with no other
// trigger between them, else the publication date.
func (x *extraction) dateFor(m match, exprs []dates.Expr, all []match) (string, string) {
	best := x.bestDate(m, exprs, all)
	if best < 0 {
		return x.d.Day(), "publication"
	}
	return exprs[best].Day, exprs[best].Precision
}

// bestDate is the index of the expression dateFor picks, or -1.
func (x *extraction) bestDate(m match, exprs []dates.Expr, all []match) int {
	if len(exprs) == 0 {
		return -1
	}
	first := x.sentenceOf(m.head).First
	best, dist := -1, 1<<30
	heads := []int{m.head}
	if v, ok := x.governingVerb(m.head); ok && m.tr.POS == "N" {
		// "announced the sanctions on Wednesday": the noun's date hangs on
		// its light verb.
		heads = append(heads, v)
	}
	for i, e := range exprs {
		for _, h := range heads {
			if steps := x.attachedTo(first+e.First, first+e.Last, h, all); steps >= 0 && steps < dist {
				best, dist = i, steps
			}
		}
	}
	if best < 0 {
		h := m.head - first
		for i, e := range exprs {
			lo, hi := e.Last, h
			dd := h - e.Last + 1
			if e.First > h {
				lo, hi, dd = h, e.First, e.First-h
			}
			if dd < dist && !triggerBetween(all, first+lo, first+hi, m.head) {
				best, dist = i, dd
			}
		}
	}
	return best
}

// moreDates lists the other days of a list the trigger's date belongs to:
// "strikes on November 19, 22, and earlier on November 15" are three
// happenings, one a day. They are the expressions the parse coordinates
// with the chosen one, each a day of its own.
func (x *extraction) moreDates(m match, exprs []dates.Expr, all []match) []dates.Expr {
	best := x.bestDate(m, exprs, all)
	if best < 0 || exprs[best].Precision != dates.Day {
		return nil
	}
	first := x.sentenceOf(m.head).First
	in := func(tok int, e dates.Expr) bool { return tok >= first+e.First && tok < first+e.Last }
	var out []dates.Expr
	for i, e := range exprs {
		if i == best || e.Precision != dates.Day || e.Day == exprs[best].Day {
			continue
		}
		// Climb conj links from the expression to the chosen one.
		for t, steps := first+e.Last-1, 0; t >= 0 && steps < 4; steps++ {
			if x.d.Tokens[t].Rel != "conj" {
				break
			}
			t = x.d.Tokens[t].Head
			if in(t, exprs[best]) {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// attachedTo returns how many head links lead from the expression in
// tokens [first, last) to token h, or -1 when another verb or another
// trigger stands in between ("condemn the detention ... on 23 January":
// the date is the detention's, not the condemnation's).
func (x *extraction) attachedTo(first, last, h int, all []match) int {
	// The expression's head: the token whose head lies outside it.
	e := -1
	for i := first; i < last; i++ {
		if hd := x.d.Tokens[i].Head; hd < first || hd >= last {
			e = i
			break
		}
	}
	for steps, t := 0, e; t >= 0 && steps < 5; steps++ {
		p := x.d.Tokens[t].Head
		if p == h {
			return steps
		}
		if p < 0 || x.d.Tokens[p].UPOS == "VERB" || isTrigger(all, p) || x.caseOf(p) == "by" {
			// A "by" phrase is the agent of an event noun, misattached:
			// its date is that event's.
			return -1
		}
		t = p
	}
	return -1
}

func isTrigger(all []match, i int) bool {
	for _, o := range all {
		if o.head == i {
			return true
		}
	}
	return false
}

func triggerBetween(all []match, lo, hi, self int) bool {
	for _, o := range all {
		if o.head != self && o.head > lo && o.head < hi {
			return true
		}
	}
	return false
}
