package coder

import (
	"strings"

	"github.com/parley-events/parley/dates"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/kb"
)

// findTimes finds the temporal expressions of every sentence of d (the
// times stage), resolved against the publication date with the tense of
// each sentence's main verb. A document without a date has none.
func findTimes(d *doc.Document) []doc.Time {
	if d.Date.IsZero() {
		return nil
	}
	deps := d.Dependents()
	var out []doc.Time
	var words []string
	for si, sent := range d.Sentences {
		toks := d.Tokens[sent.First:sent.Last]
		words = words[:0]
		for _, t := range toks {
			words = append(words, t.Text)
		}
		for _, e := range dates.Find(words, d.Date, tense(d, deps, sent)) {
			out = append(out, doc.Time{Sentence: si, Expr: e})
		}
	}
	return out
}

// tense is "future" when the root verb has will/shall, "past" for a past
// form, else "present".
func tense(d *doc.Document, deps [][]int, sent doc.Sentence) string {
	for i := sent.First; i < sent.Last; i++ {
		if d.Tokens[i].Head != -1 {
			continue
		}
		tense := "present"
		if d.Tokens[i].XPOS == "VBD" {
			tense = "past"
		}
		for _, dep := range deps[i] {
			t := d.Tokens[dep]
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
// trigger between them. An act with no date of its own takes the time the
// narrative gives it (see narrativeDate), else the publication date. why
// names which: "sentence", "narrative" or "publication".
func (x *extraction) dateFor(m match, exprs []dates.Expr, all []match) (day string, precision event.Precision, why string) {
	best := x.bestDate(m, exprs, all)
	if best >= 0 {
		return exprs[best].Day, event.Precision(exprs[best].Precision), "sentence"
	}
	if e, ok := x.narrativeDate(m, exprs); ok {
		return e.Day, event.Precision(e.Precision), "narrative"
	}
	return x.d.Day(), event.Publication, "publication"
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
			if x.ownedByNoun(first+e.First, first+e.Last, m, all) || x.inNounModifier(first+e.First, first+e.Last, m.head, all) {
				continue
			}
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

// ownedByNoun says whether the expression in tokens [first, last) is the
// date of another trigger that is an event noun ("condemned the 10 May
// attack": the day is the attack's, however near the condemnation).
func (x *extraction) ownedByNoun(first, last int, m match, all []match) bool {
	for _, o := range all {
		if o.head != m.head && o.tr.POS == "N" && x.attachedTo(first, last, o.head, all) >= 0 {
			return true
		}
	}
	return false
}

// triggersIn lists the triggers found in sentence k, as far as the
// document has been coded: the words a date may belong to instead.
func (x *extraction) triggersIn(k int) []match {
	sent := x.d.Sentences[k]
	var out []match
	for i := sent.First; i < sent.Last; i++ {
		if x.disc.TriggerTypes[i] != "" {
			out = append(out, match{head: i})
		}
	}
	return out
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
	for steps, t := 0, x.exprHead(first, last); t >= 0 && steps < 5; steps++ {
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

// inNounModifier says whether the expression in tokens [first, last)
// hangs on a clause that describes a noun that is no event, not on
// trigger h: in "congratulated him on Republic Day, celebrated on
// December 1" the day is the holiday's ("the meeting held on Friday" still
// dates what was said at it).
func (x *extraction) inNounModifier(first, last, h int, all []match) bool {
	t := x.exprHead(first, last)
	for steps := 0; t >= 0 && steps < 4; steps++ {
		p := x.d.Tokens[t].Head
		if p < 0 || p == h {
			return false
		}
		if pt := x.d.Tokens[p]; pt.UPOS == "VERB" {
			return (pt.Rel == "acl" || pt.Rel == "acl:relcl") && pt.Head != h && !isTrigger(all, pt.Head)
		}
		t = p
	}
	return false
}

// exprHead is the head of the expression in tokens [first, last): the
// token whose head lies outside it, or -1.
func (x *extraction) exprHead(first, last int) int {
	for i := first; i < last; i++ {
		if hd := x.d.Tokens[i].Head; hd < first || hd >= last {
			return i
		}
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

// narrativeDate dates an act that its own words leave undated, by the time
// news narrative sets for it:
//
//   - a reporting clause dates what it reports: "On Monday I reiterated our
//     regret over the decision to terminate the deal", "A late Sunday
//     statement reported missiles hitting the base";
//   - a sentence telling the past with no date of its own continues the time
//     the story set: the day named in the sentences before it, as long as
//     each sentence in between tells the past too ("Iranians held rallies
//     yesterday. ... Speaking at the rally, Mokhber said ...");
//   - a headline's happening is dated where the lead tells it ("Hamas Chief
//     Met With Iranian Officials" ... "Haniyeh met with ... on Tuesday").
//
// Statements in the present ("says", "calls for") and present perfects
// ("has criticized") are news of the day: they keep the publication date.
func (x *extraction) narrativeDate(m match, exprs []dates.Expr) (dates.Expr, bool) {
	if e, ok := x.reportingDate(m, exprs); ok {
		return e, true
	}
	si := int(x.sentIndex[m.head])
	if x.headline(si) {
		return x.leadDate(m, si)
	}
	if len(exprs) > 0 {
		// The sentence keeps time of its own, only not for this act.
		return dates.Expr{}, false
	}
	if e, ok := x.earlierDate(si, m.tr.Type); ok {
		return e, true
	}
	if m.tr.POS == "N" && si <= leadSentences {
		// "has criticized the US for ordering new sanctions" in the
		// lead names the happening the lead dates elsewhere ("announced
		// the sanctions on Wednesday").
		return x.leadDate(m, si)
	}
	return dates.Expr{}, false
}

// maxNarrative bounds how many sentences back a narrative's time carries,
// and leadSentences how far into the story a headline's happening is told.
const (
	maxNarrative  = 8
	leadSentences = 6
)

// reportingDate is the day of the reporting clause an act is told in, when
// the act is not itself in the present or future ("said on Monday that
// Iran supports" is no dated support).
func (x *extraction) reportingDate(m match, exprs []dates.Expr) (dates.Expr, bool) {
	if len(exprs) == 0 || x.presentOrFuture(m.head) {
		return dates.Expr{}, false
	}
	v := x.clauseAbove(m.head)
	if v < 0 || !x.c.kb.ReportingDate(kb.Say, x.lemmaAt(v)) || x.presentOrFuture(v) {
		return dates.Expr{}, false
	}
	heads := []int{v}
	for _, dep := range x.deps[v] {
		if strings.HasPrefix(x.d.Tokens[dep].Rel, "nsubj") && x.c.kb.ReportingDate(kb.Statement, x.lemmaAt(dep)) {
			heads = append(heads, dep)
		}
	}
	first := x.sentenceOf(m.head).First
	trigs := x.triggersIn(int(x.sentIndex[m.head]))
	for _, e := range exprs {
		if e.Precision != dates.Day || e.Since {
			continue
		}
		for _, h := range heads {
			if x.attachedTo(first+e.First, first+e.Last, h, trigs) >= 0 {
				return e, true
			}
		}
	}
	return dates.Expr{}, false
}

// clauseAbove is the verb that governs token i: the first verb among its
// heads, or -1.
func (x *extraction) clauseAbove(i int) int {
	for steps, t := 0, x.d.Tokens[i].Head; t >= 0 && steps < 8; steps++ {
		if x.d.Tokens[t].UPOS == "VERB" {
			return t
		}
		t = x.d.Tokens[t].Head
	}
	return -1
}

// presentOrFuture says whether verb token v is in the present tense or
// marked for the future ("supports", "will attack", "has condemned").
func (x *extraction) presentOrFuture(v int) bool {
	switch x.d.Tokens[v].XPOS {
	case "VBZ", "VBP":
		return true
	}
	for _, dep := range x.deps[v] {
		if !strings.HasPrefix(x.d.Tokens[dep].Rel, "aux") {
			continue
		}
		switch strings.ToLower(x.d.Tokens[dep].Text) {
		case "will", "shall", "'ll", "has", "have", "is", "are", "am", "'s", "'re":
			return true
		}
	}
	return false
}

// tellsPast says whether sentence si's main clause tells the past in the
// simple past or past perfect ("held", "were staged", "had met"), the
// tenses of narrative; present perfects and the present are news of the
// day.
func (x *extraction) tellsPast(si int) bool {
	sent := x.d.Sentences[si]
	for i := sent.First; i < sent.Last; i++ {
		if x.d.Tokens[i].Head != -1 {
			continue
		}
		past := x.d.Tokens[i].XPOS == "VBD"
		for _, dep := range x.deps[i] {
			t := x.d.Tokens[dep]
			if !strings.HasPrefix(t.Rel, "aux") && t.Rel != "cop" {
				continue
			}
			switch strings.ToLower(t.Text) {
			case "was", "were", "had", "did":
				past = true
			case "will", "shall", "'ll", "would", "has", "have", "is", "are", "am", "'s", "'re":
				return false
			}
		}
		return past
	}
	return false
}

// earlierDate is the time the narrative set before sentence si: the day
// of the latest earlier sentence that names one, when si and every
// sentence in between tell the past and si goes on about what they told.
func (x *extraction) earlierDate(si int, typ event.Type) (dates.Expr, bool) {
	if !x.tellsPast(si) {
		return dates.Expr{}, false
	}
	for k := si - 1; k >= 0 && si-k <= maxNarrative && !x.headline(k); k-- {
		if es := x.times[k]; len(es) > 0 {
			if !x.continues(si, k, typ) {
				break
			}
			return x.sentenceTime(k, es)
		}
		if !x.tellsPast(k) {
			break
		}
	}
	return dates.Expr{}, false
}

// sentenceTime is the day sentence k's main clause happened in the past:
// the expression attached to its root. A sentence whose dates belong to
// something else ("condemned the attack by M23 on 22 May": the
// condemnation is today's) or are no day ("in March") sets no day, and
// ends the narrative's reach all the same.
func (x *extraction) sentenceTime(k int, es []dates.Expr) (dates.Expr, bool) {
	if !x.tellsPast(k) {
		return dates.Expr{}, false
	}
	sent := x.d.Sentences[k]
	trigs := x.triggersIn(k)
	for i := sent.First; i < sent.Last; i++ {
		if x.d.Tokens[i].Head != -1 {
			continue
		}
		for _, e := range es {
			if e.Precision == dates.Day && !e.Since && x.attachedTo(sent.First+e.First, sent.First+e.Last, i, trigs) >= 0 {
				return e, true
			}
		}
		break
	}
	return dates.Expr{}, false
}

// headline says whether sentence si is the story's headline written into
// its text: the first sentence, a paragraph of its own, ending without a
// full stop.
func (x *extraction) headline(si int) bool {
	if si != 0 || len(x.d.Sentences) < 2 || x.d.Sentences[1].Paragraph == x.d.Sentences[0].Paragraph {
		return false
	}
	sent := x.d.Sentences[0]
	for i := sent.Last - 1; i >= sent.First; i-- {
		switch x.d.Tokens[i].Text {
		case "’", "'", "\"", "”", ")":
			continue
		case ".", "!", "?":
			return false
		}
		return true
	}
	return false
}

// leadDate dates a happening the headline or the lead names by the day
// the story's opening sentences attach to another word of the trigger's
// lemma ("Met" ... "met with ... on Tuesday"; "Sanctions" ... "announced
// the sanctions on Wednesday"): the first such day. A headline says in a
// word what the lead tells in another: for it, any word that can trigger
// the same type will do ("Talks" ... "met with ... on Saturday").
func (x *extraction) leadDate(m match, si int) (dates.Expr, bool) {
	lemma := x.lemmaAt(m.head)
	headline := x.headline(si)
	for k := 0; k < len(x.d.Sentences) && k <= leadSentences; k++ {
		if k == si {
			continue
		}
		sent := x.d.Sentences[k]
		es := x.times[k]
		if len(es) == 0 {
			continue
		}
		trigs := x.triggersIn(k)
		for j := sent.First; j < sent.Last; j++ {
			if x.lemmaAt(j) != lemma && !(headline && x.tellsType(j, m.tr.Type)) {
				continue
			}
			heads := []int{j}
			if v, ok := x.governingVerb(j); ok {
				heads = append(heads, v)
			}
			for _, e := range es {
				if e.Precision != dates.Day || e.Since {
					continue
				}
				for _, h := range heads {
					if x.attachedTo(sent.First+e.First, sent.First+e.Last, h, trigs) >= 0 {
						return e, true
					}
				}
			}
		}
	}
	return dates.Expr{}, false
}

// continues says whether sentence si, telling an act of type typ, goes on
// about what sentences [from, si) told: the act is of a kind they reported
// ("conducted a drone attack" after "missiles hitting the base"), or the
// sentence names again one of their things or acts ("the rally", "the
// statement", "killed"), give or take a suffix ("the announcement" after
// "announced"). A sentence about something else ("The delegation gave
// high marks ...") is not dated by the day of the meeting before it.
func (x *extraction) continues(si, from int, typ event.Type) bool {
	told := map[string]bool{}
	types := map[event.Type]bool{}
	for k := from; k < si; k++ {
		sent := x.d.Sentences[k]
		for i := sent.First; i < sent.Last; i++ {
			if st, ok := x.contentStem(i); ok {
				told[st] = true
			}
			if t := x.disc.TriggerTypes[i]; t != "" {
				types[t] = true
			}
		}
	}
	if types[typ] {
		return true
	}
	sent := x.d.Sentences[si]
	for i := sent.First; i < sent.Last; i++ {
		if st, ok := x.contentStem(i); ok && told[st] {
			return true
		}
	}
	return false
}

// contentStem is the stem of token i when it is a common noun or a verb
// that says what a sentence is about: not "say", "be", "people" or "day",
// which any two sentences may share.
func (x *extraction) contentStem(i int) (string, bool) {
	t := x.d.Tokens[i]
	if t.UPOS != "NOUN" && t.UPOS != "VERB" {
		return "", false
	}
	l := x.lemmaAt(i)
	if genericWords[l] || x.c.kb.ReportingDate(kb.Say, l) {
		return "", false
	}
	for _, suf := range [...]string{"ment", "ation", "ion", "er", "e"} {
		if s := strings.TrimSuffix(l, suf); s != l && len(s) >= 4 {
			l = s
			break
		}
	}
	if len(l) < 3 {
		return "", false
	}
	return l, true
}

// tellsType says whether the lexicon has token j's lemma trigger events
// of type typ.
func (x *extraction) tellsType(j int, typ event.Type) bool {
	for _, tr := range x.c.kb.Triggers(x.lemmaAt(j)) {
		if tr.Type == typ {
			return true
		}
	}
	return false
}
