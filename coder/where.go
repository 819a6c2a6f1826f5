package coder

import (
	"github.com/parley-events/parley/mention"
	"strings"
	"time"
	"unicode"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/kb"
)

// location finds where the event happened, from the most specific evidence
// to the least: a place phrase of the trigger or of its recipient, the
// recipient itself when it is a place under attack or visited, where the
// story was filed from (meetings, and statements by a side or by an
// international body), where the story sets meetings, and last where the
// story as a whole is set.
//
// A place it finds but cannot locate is put at its country's coordinates
// (countryLevel).
func (x *extraction) location(m match, recip *doc.Mention) *event.Location {
	loc, _ := x.placeWhy(m, recip)
	return loc
}

// placeWhy is location with the name of the rule that found the place.
func (x *extraction) placeWhy(m match, recip *doc.Mention) (*event.Location, string) {
	loc, why := x.findLocation(m, recip)
	return x.countryLevel(loc), why
}

// findLocation is location before places without coordinates are put at
// their country's, with the rule that found it.
func (x *extraction) findLocation(m match, recip *doc.Mention) (*event.Location, string) {
	if loc := x.triggerPlace(m); loc != nil {
		return loc, "trigger phrase"
	}
	if loc := x.placeAfter(m); loc != nil {
		return loc, "after the trigger"
	}
	if loc := x.agentPlace(m); loc != nil {
		return loc, "actor's place"
	}
	pt, _ := x.c.kb.PloverType(m.tr.Type)
	material := pt.Quad == 4 || pt.Quad == 2
	if loc := x.recipientPlace(m, recip, material); loc != nil {
		return loc, "recipient's place"
	}
	if material {
		if loc := x.objectPlace(m); loc != nil {
			return loc, "object's place"
		}
	}
	// A place under attack, aid or sanction is where they happen, and a
	// visit happens at its destination ("visit to Iran").
	if recip != nil && recip.Place && (material || m.tr.Type == event.Sanction || m.tr.Mode == "visit") {
		if loc := x.placeOf(recip); loc != nil {
			return loc, "recipient"
		}
	}
	if pt.Quad == 1 || pt.Quad == 3 {
		// A meeting the story reports happened where its reporter files
		// from, as a rule; a statement is placed there only when the place
		// is in one of its sides' countries, or the speaker is an
		// international body (a UN briefing datelined New York): a Kyiv
		// dateline does not place Beijing's criticism of Washington.
		if loc := x.filedFrom(); loc != nil && (m.tr.Type == event.Consult || x.side(m, loc.Country) || x.stateless(m)) {
			return loc, "dateline"
		}
	}
	if m.tr.Type == event.Consult {
		if loc := x.meetingPlace(m); loc != nil {
			return loc, "meeting place"
		}
	}
	if loc := x.storyPlace(m, recip); loc != nil {
		return loc, "story place"
	}
	return nil, ""
}

// triggerPlace reads an "in"/"at" phrase of the trigger, or of the verb an
// event noun hangs on: "condemns the attack ... in Kanbalu Township".
func (x *extraction) triggerPlace(m match) *event.Location {
	heads := []int{m.head}
	if t := x.d.Tokens[m.head]; m.tr.POS == "N" && t.Head >= 0 && x.d.Tokens[t.Head].UPOS == "VERB" {
		heads = append(heads, t.Head)
	}
	for _, h := range heads {
		if loc := x.placeDep(h, x.isPlaceRel); loc != nil {
			return loc
		}
	}
	return nil
}

// agentPlace reads a place phrase the parser hung on the "by" agent of an
// event noun: "the attack ... by the M23 on 22 May in the area of Shangi".
func (x *extraction) agentPlace(m match) *event.Location {
	if m.tr.POS != "N" {
		return nil
	}
	a, via := x.actorsOf(m)
	if via != "agent" || len(a) == 0 || a[0] <= m.head {
		return nil
	}
	return x.placeDep(a[0], x.isNmod)
}

// placeDep returns the first place phrase among the dependents of h whose
// relation rel accepts, marked by a locative preposition. A place the
// gazetteer knows wins over an unknown one: "stationed at Ain al-Asad
// Airbase in Iraq's al-Anbar province" is placed in al-Anbar, which has
// coordinates.
func (x *extraction) placeDep(h int, rel func(int) bool) *event.Location {
	var unknown *event.Location
	for _, dep := range x.deps[h] {
		if !rel(dep) {
			continue
		}
		switch x.caseOf(dep) {
		case "in", "at", "inside", "near", "around", "across":
		default:
			continue
		}
		loc := x.placeAt(dep)
		switch {
		case loc == nil:
		case !located(loc):
			if unknown == nil {
				unknown = loc
			}
		case unknown == nil || loc.Country == unknown.Country:
			return loc
		}
	}
	return unknown
}

// located says whether loc has coordinates: a country, a known territory
// or a gazetteer place, not a name the knowledge base does not know.
func located(loc *event.Location) bool { return loc.Lat != 0 || loc.Lon != 0 }

func (x *extraction) isPlaceRel(dep int) bool {
	rel := x.d.Tokens[dep].Rel
	return strings.HasPrefix(rel, "obl") || strings.HasPrefix(rel, "nmod")
}

// recipientPlace reads a place phrase the parser hung on the recipient:
// "met with Bogdanov in Moscow". For material acts it also reads where the
// recipient is said to be: "an attack on American forces stationed at Ain
// al-Asad Airbase", "aid to families sheltering in Rafah"; a meeting with
// "officials based in Doha" need not happen in Doha.
func (x *extraction) recipientPlace(m match, recip *doc.Mention, material bool) *event.Location {
	if recip == nil || recip.Head <= m.head {
		return nil
	}
	for i := recip.First; i < recip.Last; i++ {
		for _, dep := range x.deps[i] {
			if c := x.caseOf(dep); (c == "in" || c == "at") && x.isNmod(dep) {
				if loc := x.placeAt(dep); loc != nil {
					return loc
				}
			}
		}
	}
	if !material {
		return nil
	}
	for _, dep := range x.deps[x.phraseHead(recip.Head)] {
		if t := x.d.Tokens[dep]; t.Rel == "acl" && t.UPOS == "VERB" {
			if loc := x.placeDep(dep, x.isPlaceRel); loc != nil {
				return loc
			}
		}
	}
	return nil
}

// objectPlace reads a place phrase of the thing a material act is done to,
// when that thing is no actor: "attacked an army post in the area of
// Kamango", "shelled homes in Kharkiv".
func (x *extraction) objectPlace(m match) *event.Location {
	if m.tr.POS != "V" {
		return nil
	}
	for _, dep := range x.deps[m.head] {
		if x.d.Tokens[dep].Rel == "obj" {
			if loc := x.placeDep(dep, x.isNmod); loc != nil {
				return loc
			}
		}
	}
	return nil
}

// phraseHead climbs from a modifier to the noun it modifies: a recipient
// written as a nationality ("American" in "American troops stationed at
// ...") stands for the whole phrase.
func (x *extraction) phraseHead(n int) int {
	t := x.d.Tokens[n]
	if (t.Rel == "amod" || t.Rel == "compound" || t.Rel == "nmod:poss") && t.Head >= 0 {
		return t.Head
	}
	return n
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

// stateless says whether the actor of match m is an international body or
// another actor with no country of its own (UN, EU, NGOs): it speaks where
// it sits, not in any side's country.
func (x *extraction) stateless(m match) bool {
	a, _ := x.actorsOf(m)
	if len(a) == 0 {
		return false
	}
	mm := x.ms.At(a[0])
	return mm != nil && mm.Country != "" && x.c.kb.Special(mm.Country)
}

// filedFrom is where the story says it was written or delivered: the wire
// dateline ("MOSCOW, October 27. /TASS/."), or else a line of the opening
// that is only a place and a date, as speeches and press releases carry
// under their title ("New York, 21 July 2023"). A city standing alone there
// is the well-known one (wire style qualifies the others: "GENEVA, Ill."),
// so the story's countries are not preferred: a story about the United
// States datelined GENEVA is filed from Switzerland.
func (x *extraction) filedFrom() *event.Location {
	if dl := x.d.Dateline; dl != nil {
		return x.prominent(dl.Place)
	}
	for si, s := range x.d.Sentences {
		if si >= openingLines {
			break
		}
		if loc := x.placeDateLine(s); loc != nil {
			return loc
		}
	}
	return nil
}

// openingLines is how many sentences of the opening may hold a place-and-
// date line: the title, a reference number, a subtitle, the line itself.
const openingLines = 6

// placeDateLine reads sentence s as "Place, date": capitalised words, a
// comma, then only numbers and month names, with a day or a year.
func (x *extraction) placeDateLine(s doc.Sentence) *event.Location {
	toks := x.d.Tokens[s.First:s.Last]
	comma := -1
	for i, t := range toks {
		if t.Text == "," {
			comma = i
			break
		}
		if t.UPOS == "VERB" || t.UPOS == "AUX" || !startsUpper(t.Text) {
			return nil
		}
	}
	if comma < 1 || comma > 4 {
		return nil
	}
	numbers := 0
	for _, t := range toks[comma+1:] {
		switch {
		case t.UPOS == "NUM":
			numbers++
		case isMonth(t.Text), t.Text == "." || t.Text == ",":
		default:
			return nil
		}
	}
	if numbers == 0 {
		return nil
	}
	name := x.d.Text[toks[0].Start:toks[comma-1].End]
	return x.prominent(name)
}

func startsUpper(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

// isMonth says whether word names a month, in full or abbreviated, in any
// case ("July", "JULY", "Jul.").
func isMonth(word string) bool {
	w := strings.TrimSuffix(strings.ToLower(word), ".")
	if len(w) < 3 {
		return false
	}
	w = strings.ToUpper(w[:1]) + w[1:]
	for _, layout := range []string{"January", "Jan"} {
		if _, err := time.Parse(layout, w); err == nil {
			return true
		}
	}
	return false
}

// meetingPlace places a meeting its sentence does not place where the story
// first sets something in one of its sides' countries: "Hamas Chief Met With
// Iranian Officials In Tehran" ... "Haniyeh met with Amirabdollahian on
// Tuesday". Meetings happen in a side's city, and stories lead with it.
func (x *extraction) meetingPlace(m match) *event.Location {
	// The first place set in each country, in the order of the mentions:
	// the first of them in a side's country is the first mention the
	// story sets in one (computed once per document, so a long story costs
	// one pass over its mentions, not one per event).
	for _, f := range x.setInPlaces().firsts {
		if x.side(m, f.country) {
			return elsewhere(f.loc)
		}
	}
	return nil
}

// setInIndex is what the document sets in each country, computed once.
type setInIndex struct {
	countries map[string]bool // countries of the mentions the document sets things in
	// firsts holds, per country that is not special, the first such
	// mention that placeOf locates, in the order of the mentions.
	firsts []setInPlace
}

type setInPlace struct {
	country string
	loc     *event.Location
}

// setInPlaces indexes the mentions the document sets things in.
func (x *extraction) setInPlaces() *setInIndex {
	if x.setIn != nil {
		return x.setIn
	}
	idx := &setInIndex{countries: map[string]bool{}}
	located := map[string]bool{}
	for i := range x.ms.Mentions {
		mm := &x.ms.Mentions[i]
		if !mm.SetIn {
			continue
		}
		idx.countries[mm.Country] = true
		if mm.Country == "" || located[mm.Country] || x.c.kb.Special(mm.Country) {
			continue
		}
		if loc := x.placeOf(mm); loc != nil {
			located[mm.Country] = true
			idx.firsts = append(idx.firsts, setInPlace{mm.Country, loc})
		}
	}
	x.setIn = idx
	return idx
}

// storyPlace places an event its sentence does not place where the story
// is set: the country the document sets things in most, or for an attack
// by and on others than that country, the country attacked when the story
// sets things there ("rallies in Tehran" against "Israel's killing of
// Gazans ... in the Gaza Strip"). Within that country, the one place the
// story sets things in, when there is only one (a tanker seized "in the
// Persian Gulf", retold later without a place); else the country.
func (x *extraction) storyPlace(m match, recip *doc.Mention) *event.Location {
	loc := x.documentPlace()
	if loc == nil {
		return nil
	}
	country := loc.Country
	if pt, _ := x.c.kb.PloverType(m.tr.Type); pt.Quad == 4 && recip != nil && recip.Country != country &&
		!x.side(m, country) && x.setsIn(recip.Country) {
		country = recip.Country
	}
	if x.physical(m) {
		if only := x.onlyPlaceIn(country); only != nil {
			return elsewhere(only)
		}
	}
	if country == loc.Country {
		return loc
	}
	if c, ok := x.c.kb.Country(country); ok {
		return &event.Location{Name: c.Name, Country: c.Code, Lat: c.Lat, Lon: c.Lon, Resolution: 1}
	}
	return loc
}

// physical says whether match m is an act done somewhere (force, aid,
// concessions, a protest), not words, which are said wherever the speaker
// is: a UN demand about Sudan is not made in Al Jazirah State.
func (x *extraction) physical(m match) bool {
	pt, _ := x.c.kb.PloverType(m.tr.Type)
	return pt.Quad == 2 || pt.Quad == 4 || m.tr.Type == event.Protest
}

// elsewhere copies a location found outside the event's sentence, without
// the words: the sentence does not name it.
func elsewhere(loc *event.Location) *event.Location {
	l := *loc
	l.Text = ""
	return &l
}

// setsIn says whether the document sets something in country.
func (x *extraction) setsIn(country string) bool {
	return x.setInPlaces().countries[country]
}

// onlyPlaceIn returns the one place below country level the document sets
// things in within country, or nil when it sets none or several.
func (x *extraction) onlyPlaceIn(country string) *event.Location {
	if loc, ok := x.onlyPlaces[country]; ok {
		return loc
	}
	loc := x.findOnlyPlaceIn(country)
	if x.onlyPlaces == nil {
		x.onlyPlaces = map[string]*event.Location{}
	}
	x.onlyPlaces[country] = loc
	return loc
}

func (x *extraction) findOnlyPlaceIn(country string) *event.Location {
	var only *event.Location
	for i := range x.ms.Mentions {
		mm := &x.ms.Mentions[i]
		if !mm.SetIn || mm.Country != country || mm.Kind == mention.Country {
			continue
		}
		loc := x.placeOf(mm)
		if loc == nil || loc.Resolution <= 1 || loc.Country != country {
			continue
		}
		if only != nil && !samePlace(only, loc) {
			return nil
		}
		only = loc
	}
	return only
}

func samePlace(a, b *event.Location) bool {
	if a.GeonamesID != 0 || b.GeonamesID != 0 {
		return a.GeonamesID == b.GeonamesID
	}
	return a.Name == b.Name
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

// settledCountry is the country the story is set in (mention.Setting),
// computed once.
func (x *extraction) settledCountry() string {
	if x.settled == nil {
		c := mention.Setting(x.c.kb, x.ms.Mentions)
		x.settled = &c
	}
	return *x.settled
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
				return x.placeIn(mm)
			}
			if j+2 < sent.Last && strings.EqualFold(x.d.Tokens[j+1].Text, "the") {
				if mm := x.ms.At(j + 2); mm != nil && mm.Place {
					return x.placeIn(mm)
				}
			}
		}
	}
	return nil
}

// placeIn is the location of place mention mm, with the coordinates of the
// wider place its phrase names when it has none of its own ("Kanbalu
// Township in Sagaing Region").
func (x *extraction) placeIn(mm *doc.Mention) *event.Location {
	loc := x.placeOf(mm)
	if loc == nil || located(loc) {
		return loc
	}
	if within := x.placeAt(mm.Head); within != nil && located(within) && within.Country == loc.Country {
		return within
	}
	return loc
}

// placeAt resolves the phrase headed by token n to a location, trying a
// nested place phrase when the head is not one ("in the area of Goma",
// "two provinces of the Republic of Moldova"). A place the knowledge base
// cannot locate takes the coordinates of the wider place the phrase puts it
// in: "in Tamu Township in Chin State" is at Chin State's centre, with that
// precision.
func (x *extraction) placeAt(n int) *event.Location {
	loc := x.placeName(n)
	if loc != nil && located(loc) {
		return loc
	}
	for _, dep := range x.deps[n] {
		switch x.caseOf(dep) {
		case "in", "of", "near":
			wider := x.placeName(dep)
			switch {
			case wider == nil:
			case loc == nil:
				return wider
			case located(wider) && wider.Country == loc.Country:
				within := *loc
				within.Lat, within.Lon, within.Resolution = wider.Lat, wider.Lon, wider.Resolution
				return &within
			}
		}
	}
	return loc
}

// placeName resolves the name headed by token n, or when the gazetteer does
// not know it, the wider place its apposition names: a village too small
// for the gazetteer is still in its province ("Shangi, North Kivu").
func (x *extraction) placeName(n int) *event.Location {
	if loc := x.placeHead(n); loc != nil {
		return loc
	}
	for _, dep := range x.deps[n] {
		if x.apposed(dep) {
			if loc := x.placeHead(dep); loc != nil {
				return loc
			}
		}
	}
	return nil
}

// apposed says whether token dep follows its head as an apposition, which
// the parser also labels a conjunct when only a comma joins them
// ("Kamango, North Kivu").
func (x *extraction) apposed(dep int) bool {
	switch x.d.Tokens[dep].Rel {
	case "appos":
		return true
	case "conj":
		for _, c := range x.deps[dep] {
			if x.d.Tokens[c].Rel == "cc" {
				return false
			}
		}
		start := x.nameStart(dep)
		return start > 0 && x.d.Tokens[start-1].Text == ","
	}
	return false
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
	name := x.d.Text[x.d.Tokens[x.nameStart(n)].Start:t.End]
	return x.geocode(name, name)
}

// nameStart is the first token of the proper name headed by token n: the
// proper nouns before it that hang on it ("Kanbalu" of "Kanbalu Township").
func (x *extraction) nameStart(n int) int {
	first := n
	for first > 0 && x.d.Tokens[first-1].UPOS == "PROPN" && x.d.Tokens[first-1].Head == n {
		first--
	}
	return first
}

// placeOf turns a place mention into a location, geocoding cities. A
// common noun the mention set took for a place ("drone attacks in several
// regions") is none; a sea or gulf the gazetteer of towns lacks is found in
// the table of waters ("the Persian Gulf").
func (x *extraction) placeOf(m *doc.Mention) *event.Location {
	text := x.d.Text[x.d.Tokens[m.First].Start:x.d.Tokens[m.Last-1].End]
	switch m.Kind {
	case mention.Country:
		return x.countryLevel(&event.Location{Text: text, Name: m.Name, Country: m.Country, Lat: m.Lat, Lon: m.Lon, Resolution: 1})
	case mention.Territory:
		if !isName(m.Name) {
			return nil
		}
		loc := &event.Location{Text: text, Name: m.Name, Country: m.Country, Lat: m.Lat, Lon: m.Lon, Resolution: 2}
		if !located(loc) {
			// A phrase that refers back to a territory ("the enclave")
			// has its name but not always its coordinates.
			for _, e := range x.c.kb.Lookup(m.Name) {
				if e.Kind == mention.Territory && e.Country == m.Country && (e.Lat != 0 || e.Lon != 0) {
					loc.Lat, loc.Lon = e.Lat, e.Lon
					break
				}
			}
		}
		return x.countryLevel(loc)
	}
	if loc := x.geocode(m.Name, text); loc != nil {
		return loc
	}
	if m.Country == "" {
		return nil // a place of unknown country ("the Red Sea") locates nothing
	}
	name := m.Name
	if first := x.nameStart(m.Head); first < m.First {
		// The mention kept only the last words of the name: "Ain al-Asad
		// Airbase", not "Airbase".
		name = x.d.Text[x.d.Tokens[first].Start:x.d.Tokens[m.Head].End]
	}
	for _, n := range []string{name, spelling(text)} {
		if w, ok := x.c.kb.Water(n); ok {
			return &event.Location{Text: text, Name: w.Name, Country: m.Country, Lat: w.Lat, Lon: w.Lon, Resolution: 4}
		}
	}
	if !isName(name) {
		return nil
	}
	return &event.Location{Text: text, Name: name, Country: m.Country, Lat: m.Lat, Lon: m.Lon, Resolution: 4}
}

// countryLevel gives a place the knowledge base names but cannot locate
// ("Israeli territory", a village the gazetteer lacks) its country's
// coordinates, at country precision, so that no place is written at 0, 0.
// A place already located, or nil, is returned as it is.
func (x *extraction) countryLevel(loc *event.Location) *event.Location {
	if loc == nil || located(loc) {
		return loc
	}
	if c, ok := x.c.kb.Country(loc.Country); ok && (c.Lat != 0 || c.Lon != 0) {
		l := *loc
		l.Lat, l.Lon, l.Resolution = c.Lat, c.Lon, 1
		return &l
	}
	return loc
}

// isName says whether a place name is a name, written with a capital, not
// a common noun ("regions", "the area").
func isName(name string) bool {
	return strings.IndexFunc(name, unicode.IsUpper) >= 0
}

// geocode looks a place name up in the gazetteer, preferring the document's
// countries.
func (x *extraction) geocode(name, text string) *event.Location {
	p, ok := x.c.kb.Geocode(name, x.docCountries())
	if !ok {
		return nil
	}
	return x.gazetteerPlace(p, text)
}

// prominent geocodes a name standing alone, as in a dateline, without
// preferring the story's countries: the gazetteer's capital or most
// prominent place of that name (Genève for "Geneva", not Geneva, Illinois,
// even in a story about the United States).
func (x *extraction) prominent(name string) *event.Location {
	p, ok := x.c.kb.Geocode(name, nil)
	if !ok {
		return nil
	}
	return x.gazetteerPlace(p, name)
}

// gazetteerPlace is the location of gazetteer place p, written as text. It
// is named as the text spells it when that spelling is one of the place's
// names: GeoNames' main name lags renamings and transliterations ("Odessa"
// for Odesa, "Mykolayiv" for Mykolaiv), while the article's spelling is the
// one its readers use; the GeoNames id still identifies the place.
func (x *extraction) gazetteerPlace(p kb.Place, text string) *event.Location {
	loc := &event.Location{Text: text, Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon,
		GeonamesID: p.GeonameID, Resolution: 4}
	if sp := spelling(text); sp != "" && sp != p.Name && x.namesPlace(sp, p.GeonameID) {
		loc.Name = sp
	}
	return loc
}

// namesPlace says whether name is one of the names of gazetteer place id.
func (x *extraction) namesPlace(name string, id int) bool {
	for _, q := range x.c.kb.Places(name) {
		if q.GeonameID == id {
			return true
		}
	}
	return false
}

// spelling is a place phrase without its article, or "" when it is written
// in capitals (a headline's "ODESA" names no spelling).
func spelling(text string) string {
	text = strings.TrimSpace(text)
	for _, art := range []string{"the ", "The "} {
		text = strings.TrimPrefix(text, art)
	}
	if strings.ToUpper(text) == text {
		return ""
	}
	return text
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
