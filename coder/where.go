package coder

import (
	"strings"

	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/mention"
)

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
		// A meeting the story reports happened where its reporter files
		// from, as a rule; a statement is placed at the dateline only when
		// the dateline is in one of its sides' countries: a Kyiv dateline
		// does not place Beijing's criticism of Washington.
		if loc := x.geocode(x.d.Dateline.Place, x.d.Dateline.Place); loc != nil && (m.tr.Type == "CONSULT" || x.side(m, loc.Country)) {
			return loc
		}
	}
	return x.documentPlace()
}

// side says whether country is the country of the actor or a recipient of
// match m.
func (x *extraction) side(m match, country string) bool {
	if a, _ := x.actorsOf(m); len(a) > 0 {
		if mm := x.ms.At(a[0]); mm != nil && mm.Country == country {
			return true
		}
	}
	if m.recipSlot >= 0 {
		for _, r := range x.recipientsOf(m) {
			if mm := x.ms.At(r); mm != nil && mm.Country == country {
				return true
			}
		}
	}
	return false
}

// documentPlace is the country the document's places name most often, as a
// country-level location (resolution 1) for events the text does not place
// more precisely: a story about fighting in Myanmar places its army's raids
// in Myanmar.
func (x *extraction) documentPlace() *event.Location {
	if x.place != nil {
		return *x.place
	}
	// Places the text sets things in ("in Aleppo") tell where the story is;
	// countries named as actors ("the United Kingdom condemned") do not,
	// unless nothing else does.
	best := ""
	for _, located := range []bool{true, false} {
		counts := map[string]int{}
		for _, m := range x.ms.Mentions {
			if !m.Place || m.Country == "" || x.c.kb.Special(m.Country) || located && !m.SetIn {
				continue
			}
			counts[m.Country]++
			if counts[m.Country] > counts[best] {
				best = m.Country
			}
		}
		if best != "" {
			break
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
	if m.Country == "" {
		return nil // a place of unknown country ("the Red Sea") locates nothing
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
