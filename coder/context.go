package coder

import (
	"strings"

	"github.com/parley-events/parley/dates"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/mention"
)

// modality says whether the event of match m is asserted, or negated,
// future, hypothetical or conditional, from the trigger verb's auxiliaries
// and negation, a subordinator of its clause, and the verbs it is embedded
// under ("plans to attack", "called for a ceasefire").
func (x *extraction) modality(m match) string {
	rank := map[string]int{"asserted": 0, "future": 1, "hypothetical": 2, "conditional": 3, "negated": 4}
	best := "asserted"
	note := func(mod string) {
		if mod != "" && rank[mod] > rank[best] {
			best = mod
		}
	}
	v := m.head
	if m.tr.POS == "N" {
		for _, dep := range x.deps[v] {
			if t := x.d.Tokens[dep]; t.Rel == "det" && strings.EqualFold(t.Text, "no") {
				note("negated")
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
	for steps := 0; v >= 0 && steps < 4; steps++ {
		for _, dep := range x.deps[v] {
			t := x.d.Tokens[dep]
			switch t.Rel {
			case "aux":
				note(modalityOf("aux", t.Text))
			case "advmod", "neg":
				note(modalityOf("neg", t.Text))
			case "mark":
				note(modalityOf("mark", t.Text))
			}
		}
		t := x.d.Tokens[v]
		if t.Rel != "xcomp" && t.Rel != "ccomp" && t.Rel != "conj" || t.Head < 0 {
			break
		}
		if t.Rel != "conj" {
			note(modalityOf("embed", x.lemmaAt(t.Head)))
		}
		v = t.Head
	}
	return best
}

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
	if len(exprs) == 0 {
		return x.d.Day(), "publication"
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
	if best < 0 {
		return x.d.Day(), "publication"
	}
	return exprs[best].Day, exprs[best].Precision
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
		if p < 0 || x.d.Tokens[p].UPOS == "VERB" || isTrigger(all, p) {
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

// location finds where the event happened: an "in"/"at" phrase of the
// trigger, the recipient when it is a place under attack or sanction, and
// the dateline for meetings and statements.
func (x *extraction) location(m match, recip *mention.Mention) *event.Location {
	heads := []int{m.head}
	if t := x.d.Tokens[m.head]; m.tr.POS == "N" && t.Head >= 0 && x.d.Tokens[t.Head].UPOS == "VERB" {
		// Place phrases of an event noun often hang on its verb:
		// "condemns the attack ... in Kanbalu Township".
		heads = append(heads, t.Head)
	}
	for _, h := range heads {
		for _, dep := range x.deps[h] {
			rel := x.d.Tokens[dep].Rel
			if !strings.HasPrefix(rel, "obl") && !strings.HasPrefix(rel, "nmod") {
				continue
			}
			switch x.caseOf(dep) {
			case "in", "at", "inside", "near", "around", "across":
			default:
				continue
			}
			if loc := x.placeAt(dep); loc != nil {
				return loc
			}
		}
	}
	if loc := x.placeAfter(m); loc != nil {
		return loc
	}
	// "met with Bogdanov in Moscow": the parser often hangs the place on
	// the last noun phrase rather than the verb.
	if recip != nil && recip.Head > m.head {
		for i := recip.First; i < recip.Last; i++ {
			for _, dep := range x.deps[i] {
				if c := x.caseOf(dep); (c == "in" || c == "at") && x.isNmod(dep) {
					if loc := x.placeAt(dep); loc != nil {
						return loc
					}
				}
			}
		}
	}
	pt, _ := x.c.kb.PloverType(m.tr.Type)
	if recip != nil && recip.Place && (pt.Quad == 4 || pt.Quad == 2 || m.tr.Type == "SANCTION") {
		return x.placeOf(recip)
	}
	if (pt.Quad == 1 || pt.Quad == 3) && x.d.Dateline != nil {
		if loc := x.geocode(x.d.Dateline.Place, x.d.Dateline.Place); loc != nil {
			return loc
		}
	}
	return x.documentPlace()
}

// documentPlace is the country the document's places name most often, as a
// country-level location (resolution 1) for events the text does not place
// more precisely: a story about fighting in Myanmar places its army's raids
// in Myanmar.
func (x *extraction) documentPlace() *event.Location {
	if x.place != nil {
		return *x.place
	}
	counts := map[string]int{}
	best := ""
	for _, m := range x.ms.Mentions {
		if !m.Place || m.Country == "" || x.c.kb.Special(m.Country) {
			continue
		}
		counts[m.Country]++
		if counts[m.Country] > counts[best] {
			best = m.Country
		}
	}
	var loc *event.Location
	if c, ok := x.c.kb.Country(best); ok && best != "" {
		loc = &event.Location{Name: c.Name, Country: c.Code, Lat: c.Lat, Lon: c.Lon, Resolution: 1}
	}
	x.place = &loc
	return loc
}

// placeAfter reads a place phrase from the words that follow the trigger
// when the parse hung it elsewhere: "the attack by the Myanmar Armed Forces
// today in Kanbalu Township", up to the next verb or clause boundary.
func (x *extraction) placeAfter(m match) *event.Location {
	sent := x.sentenceOf(m.head)
	for j := m.last + 1; j < sent.Last && j <= m.last+12; j++ {
		t := x.d.Tokens[j]
		if t.UPOS == "VERB" || t.UPOS == "AUX" || t.Text == "," || t.Text == ";" {
			return nil
		}
		switch strings.ToLower(t.Text) {
		case "in", "at", "near", "around":
			if mm := x.ms.At(j + 1); mm != nil && mm.Place {
				return x.placeOf(mm)
			}
			if j+2 < sent.Last && strings.EqualFold(x.d.Tokens[j+1].Text, "the") {
				if mm := x.ms.At(j + 2); mm != nil && mm.Place {
					return x.placeOf(mm)
				}
			}
		}
	}
	return nil
}

// placeAt resolves the phrase headed by token n to a location, trying a
// nested place phrase when the head is not one ("in Kanbalu Township in
// Sagaing Region", "in the area of Shangi").
func (x *extraction) placeAt(n int) *event.Location {
	if loc := x.placeHead(n); loc != nil {
		return loc
	}
	for _, dep := range x.deps[n] {
		switch x.caseOf(dep) {
		case "in", "of", "near":
			if loc := x.placeHead(dep); loc != nil {
				return loc
			}
		}
	}
	return nil
}

func (x *extraction) placeHead(n int) *event.Location {
	if m := x.ms.At(n); m != nil {
		if m.Place {
			return x.placeOf(m)
		}
		return nil
	}
	t := x.d.Tokens[n]
	if t.UPOS != "PROPN" {
		return nil
	}
	// A proper noun the knowledge base does not name as an actor: a town.
	first := n
	for first > 0 && x.d.Tokens[first-1].UPOS == "PROPN" && x.d.Tokens[first-1].Head == n {
		first--
	}
	name := x.d.Text[x.d.Tokens[first].Start:t.End]
	return x.geocode(name, name)
}

// placeOf turns a place mention into a location, geocoding cities.
func (x *extraction) placeOf(m *mention.Mention) *event.Location {
	text := x.d.Text[x.d.Tokens[m.First].Start:x.d.Tokens[m.Last-1].End]
	switch m.Kind {
	case "country":
		return &event.Location{Text: text, Name: m.Name, Country: m.Country, Lat: m.Lat, Lon: m.Lon, Resolution: 1}
	case "territory":
		return &event.Location{Text: text, Name: m.Name, Country: m.Country, Lat: m.Lat, Lon: m.Lon, Resolution: 2}
	}
	if loc := x.geocode(m.Name, text); loc != nil {
		return loc
	}
	return &event.Location{Text: text, Name: m.Name, Country: m.Country, Lat: m.Lat, Lon: m.Lon, Resolution: 4}
}

// geocode looks a place name up in the gazetteer, preferring the document's
// countries.
func (x *extraction) geocode(name, text string) *event.Location {
	p, ok := x.c.kb.Geocode(name, x.docCountries())
	if !ok {
		return nil
	}
	return &event.Location{Text: text, Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon,
		GeonamesID: p.GeonameID, Resolution: 4}
}

// docCountries lists the countries the document's mentions resolve to, in
// order of first mention (computed once per document).
func (x *extraction) docCountries() []string {
	if x.countries != nil {
		return x.countries
	}
	x.countries = []string{}
	seen := map[string]bool{}
	for _, m := range x.ms.Mentions {
		if m.Country != "" && !seen[m.Country] {
			seen[m.Country] = true
			x.countries = append(x.countries, m.Country)
		}
	}
	return x.countries
}
