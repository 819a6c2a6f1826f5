// Package mention finds the actors a document talks about and resolves each
// mention to a name, a country and a PLOVER sector.
//
// It works in passes over an annotated Document (tokens tagged and parsed):
//
//  1. chunking: runs of knowledge-base names, nationality adjectives,
//     demonyms, role nouns and proper nouns are grouped into noun-phrase
//     mentions ("Russian Deputy Foreign Minister Mikhail Bogdanov" is one
//     person: RUS, GOV, title "deputy foreign minister");
//  2. enrichment over the parse: a mention with no country takes it from an
//     "of"/"from" modifier, a possessor or an apposition ("militants from
//     ... Hamas", "Abu Marzouk, a senior leader of ... Hamas");
//  3. office holders: an office named without a name resolves to the one
//     person who held it on the article's day ("the Secretary-General");
//  4. coreference in document order: surnames ("Marzouk"), definite
//     descriptions ("the senior Iranian diplomat", "the embassy", "the
//     enclave"), and personal pronouns point back to an earlier mention;
//  5. situation: unnamed collectives ("the army", "protesters") take the
//     country their sentence, or else their document, is set in.
//
// It is the mentions stage of parley's pipeline (Stage): Find sets the
// document's Mentions layer, and Index indexes it for later stages.
package mention

import (
	_ "embed"
	"strings"
	"unicode"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/kb"
	"github.com/parley-events/parley/wordlist"
)

// Set is the mentions of one document, in text order.
type Set struct {
	Mentions []doc.Mention
	at       []int32     // token index → index of the mention covering it, or -1
	speaker  int         // the mention "I" first refers to, or -1
	quote    quote       // the latest quotation attributed to a speaker
	issuer   *kb.Entity  // the institution that published the document, if not a news medium
	labels   map[int]int // paragraph → the speaker its transcript label names, or -1
	deps     [][]int     // token → its dependents (doc.Document.Dependents)
}

// Dependents returns the parse's dependents index the set was resolved
// with, for later stages that read the same parse.
func (s *Set) Dependents() [][]int { return s.deps }

// At returns the mention covering token i, or nil.
func (s *Set) At(i int) *doc.Mention {
	if i < 0 || i >= len(s.at) || s.at[i] < 0 {
		return nil
	}
	return &s.Mentions[s.at[i]]
}

// Index returns the index of the mention covering token i, or -1.
func (s *Set) Index(i int) int {
	if i < 0 || i >= len(s.at) {
		return -1
	}
	return int(s.at[i])
}

// Find finds and resolves the mentions of an annotated document, sets
// them as its Mentions layer and returns them indexed.
func Find(d *doc.Document, k *kb.KB) *Set {
	s := &Set{at: make([]int32, len(d.Tokens)), speaker: -1, quote: quote{speaker: -1}, deps: d.Dependents()}
	for i := range s.at {
		s.at[i] = -1
	}
	day := d.Day()
	for si, sent := range d.Sentences {
		chunkSentence(d, k, s, si, sent, day)
	}
	enrich(d, s)
	enrich(d, s) // a second pass lets information travel two links
	s.issuer = issuerOf(d, k)
	holders(d, k, s)
	corefer(d, k, s)
	enrich(d, s) // what coreference resolved travels on: "its forces" take "its" country
	setInConjuncts(d, s)
	situate(d, k, s)
	d.Mentions = s.Mentions
	return s
}

// Index indexes the Mentions layer of d, which Find (the mentions stage)
// set, for the stages that read it.
func Index(d *doc.Document) *Set {
	s := &Set{Mentions: d.Mentions, at: make([]int32, len(d.Tokens)), speaker: -1, deps: d.Dependents()}
	for i := range s.at {
		s.at[i] = -1
	}
	for mi, m := range d.Mentions {
		for j := m.First; j < m.Last; j++ {
			s.at[j] = int32(mi)
		}
	}
	return s
}

// Stage is the pipeline stage that adds the Mentions layer.
type Stage struct{ KB *kb.KB }

func (Stage) Name() string { return "mentions" }
func (Stage) Requires() []doc.Layer {
	return []doc.Layer{doc.LayerTokens, doc.LayerSentences, doc.LayerTags, doc.LayerLemmas, doc.LayerParse}
}
func (Stage) Adds() []doc.Layer { return []doc.Layer{doc.LayerMentions} }
func (s Stage) Run(d *doc.Document) error {
	Find(d, s.KB)
	return nil
}

// holders names the person behind an office described without a name:
// "the Secretary-General" (the UN's), "Iranian Foreign Minister" on the
// article's day. It only resolves an office that exactly one person held
// then (in the given country, if the phrase names one). An office named
// with no country ("the Vice President", "the Chancellor") is held in
// many countries the knowledge base does not list: it resolves only to a
// holder whose country the document names elsewhere, or whose government
// published it, or to an international organisation's ("the
// Secretary-General").
func holders(d *doc.Document, k *kb.KB, s *Set) {
	day := d.Day()
	named := map[string]bool{}
	for _, m := range s.Mentions {
		if m.Country != "" && m.Kind != Pronoun {
			named[m.Country] = true
		}
	}
	for i := range s.Mentions {
		m := &s.Mentions[i]
		if m.Kind != Person || m.Named || m.Title == "" || m.Plural {
			continue
		}
		h := k.Holders(m.Title, m.Country, day)
		if m.Country == "" && s.issuer != nil {
			// "The Prime Minister" in a statement of the British
			// government is Britain's.
			if own := k.Holders(m.Title, s.issuer.Country, day); len(own) == 1 {
				h = own
			}
		}
		if len(h) != 1 || m.Country == "" && !named[h[0].Country] && !k.Special(h[0].Country) && (s.issuer == nil || h[0].Country != s.issuer.Country) {
			continue
		}
		m.Name, m.Country, m.Named = h[0].Name, h[0].Country, true
		if m.Sector == "" || h[0].Sector != "" {
			m.Sector = h[0].Sector
		}
	}
}

// situate gives collective role mentions that name no country ("the
// army", "the authorities", "villagers") the country the document is about:
// the one its mentions name most often, when one clearly leads. A story
// about Myanmar's army says "the military" without repeating "Myanmar".
func situate(d *doc.Document, k *kb.KB, s *Set) {
	for i := range s.Mentions {
		if m := &s.Mentions[i]; m.Country == "" && m.Kind != Pronoun && unRoles[lastWord(m.Role)] {
			m.Country = "UNO"
		}
	}
	// First the sentence: "Police in Nairobi arrested dozens of
	// protesters" is set in one country, which the police and the
	// protesters take. Only places the sentence sets itself in count: in
	// "Britain condemned the regime's attack", Britain is a side.
	for lo := 0; lo < len(s.Mentions); {
		hi, only, many := lo, "", false
		for ; hi < len(s.Mentions) && s.Mentions[hi].Sentence == s.Mentions[lo].Sentence; hi++ {
			m := &s.Mentions[hi]
			if c := m.Country; c != "" && !k.Special(c) && m.SetIn {
				many = many || only != "" && only != c
				only = c
			}
		}
		if only != "" && !many {
			for i := lo; i < hi; i++ {
				if m := &s.Mentions[i]; m.Country == "" && situated(m) && !envoys(m) {
					m.Country = only
				}
			}
		}
		lo = hi
	}
	main := leader(countries(k, s.Mentions, false), false)
	if main == "" {
		return
	}
	for i := range s.Mentions {
		if m := &s.Mentions[i]; m.Country == "" && situated(m) && !envoys(m) {
			m.Country = main
		}
	}
}

// Setting is the country a story is set in: the one its text sets things
// in ("in Aleppo", "across Syria") more often than in any other; where it
// sets nothing in any country, the one its mentions name most often, at
// least twice and more than any other (as situate takes it); "" where
// none leads.
func Setting(k *kb.KB, ms []doc.Mention) string {
	if located := countries(k, ms, true); len(located) > 0 {
		return leader(located, true)
	}
	return leader(countries(k, ms, false), false)
}

// countries lists the country of each mention that names one (not a
// pronoun, not a special code), or, if located, of each place a clause is
// set in.
func countries(k *kb.KB, ms []doc.Mention, located bool) []string {
	var out []string
	for _, m := range ms {
		if m.Country == "" || k.Special(m.Country) || m.Kind == Pronoun || located && !(m.Place && m.SetIn) {
			continue
		}
		out = append(out, m.Country)
	}
	return out
}

// leader is the most frequent of names when it is more frequent than any
// other and, unless once is set, named at least twice.
func leader(names []string, once bool) string {
	counts := map[string]int{}
	for _, c := range names {
		counts[c]++
	}
	best, first, second := "", 0, 0
	for c, n := range counts {
		switch {
		case n > first:
			best, first, second = c, n, first
		case n > second:
			second = n
		}
	}
	if first == second || first < 2 && !once {
		return ""
	}
	return best
}

// envoys says whether m is a plural of an envoy role.
func envoys(m *doc.Mention) bool { return m.Plural && envoyRoles[lastWord(m.Role)] }

// situated says whether a mention without a country may take its context's:
// unnamed collectives and institutions of a country, and unknown places.
func situated(m *doc.Mention) bool {
	return m.Kind == Place || m.Sector != "" && m.Sector != "IGO" && m.Sector != "NGO" && (m.Kind == Group || m.Kind == Body || m.Kind == Person && m.Plural && !m.Named)
}

// usedAsNoun says whether a role word the tagger took for an adjective
// ("A senior United Nations official today condemned") stands where a noun
// would: no noun follows it.
func usedAsNoun(toks []doc.Token, i int) bool {
	if toks[i].UPOS != "ADJ" {
		return false
	}
	if i+1 >= len(toks) {
		return true
	}
	next := toks[i+1]
	switch next.UPOS {
	case "NOUN", "PROPN", "ADJ", "NUM":
		return timeWords[strings.ToLower(next.Text)]
	}
	return true
}

// modifies says whether token t (at document index i) is a noun modifying
// a noun to its right.
func modifies(t doc.Token, i int) bool { return t.Rel == "compound" && t.Head > i }

// afterLocative says whether the phrase at token i follows a locative
// preposition, possibly across a list ("in Odesa, Chornomorsk and
// Mykolaiv").
func afterLocative(toks []doc.Token, i int) bool {
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		switch strings.ToLower(toks[j].Text) {
		case "in", "at", "near", "outside", "around", "into", "from", "off", "across", "towards", "toward", "inside":
			// "withdrew from Kherson", "detained off Gujarat"
			return true
		case ",", "and", "the":
			continue
		case "of":
			// "the city of Belgorod", "the town of Bakhmut": the noun
			// says the name is a place, wherever the phrase stands.
			return j > 0 && settlementNouns[strings.ToLower(toks[j-1].Lemma)]
		}
		if toks[j].UPOS != "PROPN" {
			return false
		}
	}
	return false
}

// setInConjuncts marks the places coordinated with a place a clause is
// set in as set in too: "clashes in Sudan and Chad", "shelling across
// Donetsk, Luhansk and Zaporizhzhia" are set in each of them.
func setInConjuncts(d *doc.Document, s *Set) {
	for i := range s.Mentions {
		m := &s.Mentions[i]
		for h := m.Head; m.Place && !m.SetIn && h >= 0 && d.Tokens[h].Rel == "conj"; {
			h = d.Tokens[h].Head
			if c := s.At(h); c != nil && c.Place && c.SetIn {
				m.SetIn = true
			}
		}
	}
}

// setIn says whether the phrase at token i is the place a clause is set in:
// "in Nairobi", "at the border", "across Iran" (not "into Israeli
// territory", a destination).
func setIn(toks []doc.Token, i int) bool {
	j := i - 1
	for k := 0; k < 3 && j >= 0 && (toks[j].UPOS == "DET" || toks[j].UPOS == "ADJ"); k++ {
		j-- // "in the north of", "in northern Nigeria", "across eastern Ukraine"
	}
	if j < 0 {
		return false
	}
	switch strings.ToLower(toks[j].Text) {
	case "in", "at", "near", "across", "throughout", "inside":
		return true
	}
	return false
}

// chunk kinds, in the order they may appear inside one noun phrase.
const (
	cAdj    = iota // nationality adjective: "Iranian"
	cName          // knowledge-base name: "Hamas", "Russia", "Moscow"
	cRole          // role noun phrase: "deputy foreign minister", "embassy"
	cPerson        // person name: KB person or capitalised proper nouns
	cDem           // demonym: "Palestinians"
	cPron          // personal pronoun: "he", "they"
)

type chunk struct {
	kind        int
	first, last int
	ent         *kb.Entity
	country     string
	role        kb.Role
	roleText    string
}

func chunkSentence(d *doc.Document, k *kb.KB, s *Set, si int, sent doc.Sentence, day string) {
	toks := d.Tokens[sent.First:sent.Last]
	words := make([]string, len(toks))
	lemmas := make([]string, len(toks))
	lower := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Text
		lower[i] = strings.ToLower(t.Text)
		lemmas[i] = strings.ToLower(t.Lemma)
		if lemmas[i] == "" {
			lemmas[i] = strings.ToLower(t.Text)
		}
	}
	var chunks []chunk
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.UPOS == "PUNCT" && t.Text != "-" {
			i++
			continue
		}
		n, ents := k.Match(words[i:])
		if n == 0 && i+2 < len(words) && initial(words[i+1]) {
			// "Antony J. Blinken" is "Antony Blinken": a middle initial
			// the knowledge base does not list.
			if m, es := k.Match(append([]string{words[i]}, words[i+2:]...)); m >= 2 {
				n, ents = m+1, es
			}
		}
		if n > 0 {
			// A leading "the" is part of the match: start the chunk after it.
			first := i
			if strings.EqualFold(words[i], "the") && n > 1 {
				first++
			}
			ents = onDay(k, ents, day)
			if len(ents) > 0 {
				e := best(ents)
				kind := cName
				if e.Kind == Person {
					kind = cPerson
				}
				chunks = append(chunks, chunk{kind: kind, first: first, last: i + n, ent: &e})
				i += n
				continue
			}
		}
		if c := ledBy(k, t.Text); c != "" {
			// "US-led strikes", "Saudi-backed forces": the side that leads.
			chunks = append(chunks, chunk{kind: cAdj, first: i, last: i + 1, country: c})
			i++
			continue
		}
		n, c := k.MatchAdjective(words[i:])
		if n == 0 && !startsUpper(t.Text) && startsUpper(t.Lemma) {
			// "the russian military": a nationality written in lower
			// case, which the lemmatiser knows only as a proper adjective
			// ("polish" and "us" are words of their own and stay so).
			n, c = k.MatchAdjective([]string{t.Lemma})
		}
		if n > 0 && (t.UPOS == "ADJ" || t.UPOS == "PROPN" || t.UPOS == "NOUN") {
			chunks = append(chunks, chunk{kind: cAdj, first: i, last: i + n, country: c})
			i += n
			continue
		}
		if n, c := k.MatchDemonym(words[i:]); n > 0 && t.UPOS != "ADJ" {
			chunks = append(chunks, chunk{kind: cDem, first: i, last: i + n, country: c})
			i += n
			continue
		}
		if kind := anaphorKind[lemmas[i]]; kind != "" && t.UPOS == "NOUN" {
			// "the enclave", "Israeli territory": a place noun that refers
			// back to a place, or with a nationality names one.
			chunks = append(chunks, chunk{kind: cRole, first: i, last: i + 1, role: kb.Role{Phrase: lemmas[i], Kind: anaphor}, roleText: lemmas[i]})
			i++
			continue
		}
		if t.UPOS == "NOUN" || t.UPOS == "PROPN" || t.UPOS == "ADJ" {
			n, r := k.Role(lemmas[i:])
			if n == 0 {
				// The treebank keeps some plurals as lemmas ("troops"): try
				// the words as written too, and a plural noun's singular.
				n, r = k.Role(lower[i:])
			}
			if n == 0 && t.XPOS == "NNS" && strings.HasSuffix(lemmas[i], "s") {
				one := append([]string{strings.TrimSuffix(lemmas[i], "s")}, lemmas[i+1:]...)
				n, r = k.Role(one)
			}
			// A role noun modifying another noun names no actor: "drone
			// attack", "army base", "police station".
			// A role before another role joins it: "rebel spokesman",
			// "opposition negotiators" are the rebels' and the opposition's.
			beforeRole := false
			if n > 0 && i+n < len(lemmas) {
				m, _ := k.Role(lemmas[i+n:])
				beforeRole = m > 0
			}
			if n > 0 && (isNominal(toks[i+n-1].UPOS) || usedAsNoun(toks, i+n-1) || beforeRole) && (!modifies(toks[i+n-1], sent.First+i+n-1) || beforeRole) {
				chunks = append(chunks, chunk{kind: cRole, first: i, last: i + n, role: r, roleText: strings.Join(lemmas[i:i+n], " ")})
				i += n
				continue
			}
		}
		if t.UPOS == "PROPN" && startsUpper(t.Text) && !strings.EqualFold(t.Text, "the") && !calendarWords[lemmas[i]] {
			j := i + 1
			for j < len(toks) && toks[j].UPOS == "PROPN" && startsUpper(toks[j].Text) {
				if n, _ := k.Match(words[j:]); n > 0 && !initial(words[j-1]) {
					// "Iranian President Masoud Pezeshkian": the known name
					// starts here. After a middle initial it is the end of
					// the same name: "Carla M. Reyes".
					break
				}
				j++
			}
			c := chunk{kind: cPerson, first: i, last: j}
			if j-i >= 3 && initial(words[j-2]) {
				// "Carla M. Reyes" when the knowledge base knows her as
				// "Reyes" (or "Charly Reyes"): the surname after a middle
				// initial names the same person.
				if e, ok := knownPerson(k, words[j-1:j], day); ok {
					c.ent = &e
				}
			}
			chunks = append(chunks, c)
			i = j
			continue
		}
		if t.UPOS == "PRON" {
			if p := pronounKind(t.Text); p != "" && (p != pronIt || refersToActor(d, sent.First+i)) {
				chunks = append(chunks, chunk{kind: cPron, first: i, last: i + 1, roleText: p})
			}
		} else if t.UPOS == "NOUN" && anaphoricNouns[lemmas[i]] && i > 0 && lower[i-1] == "the" && (i+1 == len(toks) || toks[i+1].UPOS != "PROPN") {
			// "the group", "the movement": an organisation named before.
			chunks = append(chunks, chunk{kind: cPron, first: i, last: i + 1, roleText: pronOrganisation})
		}
		i++
	}
	group(d, k, s, si, sent, toks, chunks)
}

// group merges adjacent chunks into noun-phrase mentions following the
// order adjective* name* role* (person|name)?, allowing determiners and
// plain adjectives between them ("the senior Iranian diplomat").
func group(d *doc.Document, k *kb.KB, s *Set, si int, sent doc.Sentence, toks []doc.Token, chunks []chunk) {
	for a := 0; a < len(chunks); {
		if c := chunks[a]; c.kind == cPron {
			i := sent.First + c.first
			add(s, doc.Mention{First: i, Last: i + 1, Head: i, Sentence: si, Name: toks[c.first].Text,
				Kind: Pronoun, Role: c.roleText, Ref: -1, Plural: c.roleText == pronThey})
			a++
			continue
		}
		b := a + 1
		for b < len(chunks) && joinable(toks, chunks[b-1], chunks[b]) {
			b++
		}
		m := build(d, k, si, sent, toks, chunks[a:b])
		m.Head = syntacticHead(d, m.First, m.Last)
		// "in Aleppo" sets a clause; "in a US airstrike" does not: there
		// the place names whose the strike is.
		m.SetIn = m.Place && setIn(d.Tokens, m.First) && !modifies(d.Tokens[m.Head], m.Head) && d.Tokens[m.Head].Rel != "amod"
		add(s, m)
		a = b
	}
}

// joinable says whether chunk y continues the noun phrase of chunk x.
func joinable(toks []doc.Token, x, y chunk) bool {
	// Only modifiers may stand between them: "the senior Iranian diplomat",
	// "radical group Hamas". A possessive 's ends the possessor's phrase.
	for i := x.last; i < y.first; i++ {
		switch toks[i].UPOS {
		case "DET", "ADJ", "NUM":
		default:
			if toks[i].Text != "-" {
				return false
			}
		}
	}
	if y.first-x.last > 3 {
		return false
	}
	if y.kind == cPron {
		return false
	}
	switch x.kind {
	case cAdj:
		return y.kind != cDem
	case cName:
		// "Hamas movement", "Iranian Foreign Ministry", not "Russia Iran".
		return y.kind == cRole || (y.kind == cPerson && x.ent != nil && x.ent.Kind != Person && y.first == x.last && x.ent.Kind != Country)
	case cRole:
		// "foreign minister Sergei Lavrov", "militant group Hamas".
		return y.kind == cPerson || y.kind == cName || y.kind == cRole
	}
	return false
}

// build turns a run of chunks into one mention.
func build(d *doc.Document, k *kb.KB, si int, sent doc.Sentence, toks []doc.Token, cs []chunk) doc.Mention {
	first, last := cs[0].first, cs[len(cs)-1].last
	// Take in the determiners and plain adjectives right before the phrase.
	for first > 0 && (toks[first-1].UPOS == "DET" || (toks[first-1].UPOS == "ADJ" && first-1 > 0 && toks[first-2].UPOS == "DET")) {
		first--
	}
	m := doc.Mention{First: sent.First + first, Last: sent.First + last, Head: sent.First + last - 1, Sentence: si, Ref: -1}
	var adjCountry string
	for _, c := range cs {
		switch c.kind {
		case cAdj:
			if adjCountry == "" {
				adjCountry = c.country
			}
		case cDem:
			m.Country, m.Sector, m.Kind, m.Plural = c.country, "CVL", Group, true
			m.Name = text(d, sent.First+c.first, sent.First+c.last)
		case cRole:
			// A title after a collective's role is one of the collective's
			// people: "rebel negotiators" are rebels, "opposition leader"
			// the opposition's.
			ofCollective := m.Role != "" && m.Sector != "" && (m.Kind == Group || m.Kind == Body) && m.Title == ""
			m.Role = c.roleText
			if m.Sector == "" || c.role.Kind == Person && !ofCollective {
				m.Sector = c.role.Sector
			}
			if c.role.Kind == Person {
				m.Title = c.roleText
			}
			if m.Kind == "" || m.Kind == Country || m.Kind == Organisation || ofCollective && c.role.Kind == Person {
				m.Kind = c.role.Kind
			}
			last := toks[c.last-1]
			// "troops", and irregular plurals the lemma gives away ("fishermen").
			m.Plural = last.XPOS == "NNS" && (strings.HasSuffix(strings.ToLower(last.Text), "s") || !strings.EqualFold(last.Lemma, last.Text))
		case cName, cPerson:
			m.Named = true
			m.Name = text(d, sent.First+c.first, sent.First+c.last)
			if c.ent != nil {
				e := c.ent
				m.Name = e.Name
				if e.Country != "" {
					m.Country = e.Country
				}
				// An organisation used as a modifier ("Hamas delegation")
				// gives the country; the role gives the sector.
				if e.Sector != "" && (m.Sector == "" || c.kind == cPerson || e.Kind == Organisation) {
					m.Sector = e.Sector
				}
				if e.Title != "" {
					m.Title = e.Title
				}
				m.Kind = e.Kind
				switch m.Kind {
				case Country, Territory, Capital, Metonym, Place:
					m.Place, m.Lat, m.Lon = true, e.Lat, e.Lon
				}
			} else if c.kind == cPerson {
				m.Kind = Person
				if placeWords[strings.ToLower(toks[c.last-1].Text)] {
					// "Kanbalu Township", "Shangi Village": a place the
					// knowledge base does not hold.
					m.Kind, m.Place = Place, true
				} else if p, ok := k.Geocode(m.Name, nil); ok && (afterLocative(toks, c.first) || p.Population >= 500000) {
					// "in Odesa", "Mykolaiv": a town of the gazetteer.
					m.Kind, m.Place, m.Country = Place, true, p.Country
					m.Lat, m.Lon, m.GeonamesID = p.Lat, p.Lon, p.GeonameID
				}
			}
		}
	}
	if m.Country == "" {
		m.Country = adjCountry
	}
	if m.Kind == anaphor {
		m.Kind = Kind(anaphorKind[m.Role])
		m.Place = true
		if m.Country != "" {
			m.Named = true // "Israeli territory" names its country
			m.Name = text(d, m.First, m.Last)
		}
	}
	if m.Name == "" {
		m.Name = text(d, m.First, m.Last)
	}
	if m.Kind == "" {
		m.Kind = Group
	}
	return m
}

// syntacticHead is the token of span [first, last) that the parse attaches
// outside it: the last noun doing so ("Ali" in "Iranian Deputy Foreign
// Minister Ali Bagheri Kani" when "Bagheri Kani" are flat dependents of
// "Ali"), else the last token.
func syntacticHead(d *doc.Document, first, last int) int {
	for i := last - 1; i >= first; i-- {
		t := d.Tokens[i]
		if (t.Head < first || t.Head >= last) && isNominal(t.UPOS) {
			return i
		}
	}
	return last - 1
}

func add(s *Set, m doc.Mention) {
	idx := int32(len(s.Mentions))
	s.Mentions = append(s.Mentions, m)
	for i := m.First; i < m.Last; i++ {
		s.at[i] = idx
	}
}

// knownPerson is the person the knowledge base knows by exactly words,
// in office on day if several are.
func knownPerson(k *kb.KB, words []string, day string) (kb.Entity, bool) {
	n, ents := k.Match(words)
	if n != len(words) {
		return kb.Entity{}, false
	}
	var people []kb.Entity
	for _, e := range ents {
		if e.Kind == Person {
			people = append(people, e)
		}
	}
	if len(people) == 0 {
		return kb.Entity{}, false
	}
	people = onDay(k, people, day)
	if len(people) == 0 {
		return kb.Entity{}, false
	}
	return best(people), true
}

// onDay keeps of the entities a name matched those active on day, or, for
// a person out of office on the day (still that person), the office
// nearest in time.
func onDay(k *kb.KB, ents []kb.Entity, day string) []kb.Entity {
	if active := k.ActiveOn(ents, day); len(active) > 0 {
		return active
	}
	return nearestOffice(ents, day)
}

// nearestOffice keeps, for a person named outside any of their terms, the
// office that ended most recently before day, or else the one that starts
// soonest after it.
func nearestOffice(ents []kb.Entity, day string) []kb.Entity {
	past, future := -1, -1
	for i, e := range ents {
		if e.Kind != Person {
			return ents
		}
		switch {
		case e.To != "" && e.To < day:
			if past < 0 || e.To > ents[past].To {
				past = i
			}
		case e.From > day:
			if future < 0 || e.From < ents[future].From {
				future = i
			}
		}
	}
	if past >= 0 {
		return ents[past : past+1]
	}
	if future >= 0 {
		return ents[future : future+1]
	}
	return ents
}

// best picks among the entities a name may refer to: people and
// organisations before countries and places (a name matched as a whole is
// more specific), and the first listed within a kind.
func best(ents []kb.Entity) kb.Entity {
	rank := func(e kb.Entity) int {
		switch e.Kind {
		case Person:
			return 0
		case Organisation:
			return 1
		case Country:
			return 2
		case Territory:
			return 3
		case Capital, Metonym:
			return 4
		}
		return 5
	}
	b := ents[0]
	for _, e := range ents[1:] {
		if rank(e) < rank(b) {
			b = e
		}
	}
	return b
}

func isNominal(upos string) bool { return upos == "NOUN" || upos == "PROPN" }

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

func text(d *doc.Document, first, last int) string {
	return d.Text[d.Tokens[first].Start:d.Tokens[last-1].End]
}

// pronounKind classifies personal pronouns that can refer to actors.
func pronounKind(w string) string {
	switch strings.ToLower(w) {
	case "he", "him", "she", "her":
		return pronPerson
	case "they", "them":
		return pronThey
	case "i", "me":
		return pronSpeaker
	case "we", "us":
		return pronWe
	case "it", "its":
		return pronIt
	}
	return ""
}

// ledBy returns the country of a compound that names who leads or backs
// something ("US-led", "Iranian-backed", "Qatar-brokered"): a country or
// nationality before one of the words of data/led_by.txt, or "".
func ledBy(k *kb.KB, w string) string {
	i := strings.LastIndexByte(w, '-')
	if i <= 0 || !ledByWords[strings.ToLower(w[i+1:])] {
		return ""
	}
	x := w[:i]
	if c, ok := k.Adjective(x); ok {
		return c
	}
	if _, ents := k.Match([]string{x}); len(ents) > 0 && ents[0].Kind == Country {
		return ents[0].Country
	}
	return ""
}

// initial says whether w is a name's initial: "J." or "J".
func initial(w string) bool {
	return (len(w) == 2 && w[1] == '.' || len(w) == 1) && w[0] >= 'A' && w[0] <= 'Z'
}

// refersToActor says whether "it" or "its" at token i can stand for an
// actor: a possessive ("its forces"), or the subject of a full verb ("it
// fired rockets"), not the "it" of "it is clear that".
func refersToActor(d *doc.Document, i int) bool {
	t := d.Tokens[i]
	if t.Rel == "nmod:poss" {
		return true
	}
	return t.Rel == "nsubj" && t.Head >= 0 && d.Tokens[t.Head].UPOS == "VERB"
}

// The word lists of data/, read by the one word-list reader (their tests
// check that they read).
var (
	//go:embed data/anaphoric_nouns.txt
	anaphoricNounsFile string
	//go:embed data/led_by.txt
	ledByFile string
	//go:embed data/envoy_roles.txt
	envoyRolesFile string
	//go:embed data/time_words.txt
	timeWordsFile string
	//go:embed data/settlement_nouns.txt
	settlementNounsFile string
	//go:embed data/calendar_words.txt
	calendarWordsFile string
	//go:embed data/place_words.txt
	placeWordsFile string
	//go:embed data/anaphor_kinds.tsv
	anaphorKindsFile string
	//go:embed data/un_roles.txt
	unRolesFile string

	ledByWords     = wordlist.MustParse("mention/data/led_by.txt", ledByFile)                   // "US-led": the side that leads
	anaphoricNouns = wordlist.MustParse("mention/data/anaphoric_nouns.txt", anaphoricNounsFile) // "the group": an organisation named before
	// envoyRoles are the roles of those who speak for one state to others:
	// several of them with no country named are the parties of a meeting,
	// not the country the story is about.
	envoyRoles      = wordlist.MustParse("mention/data/envoy_roles.txt", envoyRolesFile)
	unRoles         = wordlist.MustParse("mention/data/un_roles.txt", unRolesFile)                 // "peacekeepers": the UN's unless a country is named
	timeWords       = wordlist.MustParse("mention/data/time_words.txt", timeWordsFile)             // "officials today said"
	settlementNouns = wordlist.MustParse("mention/data/settlement_nouns.txt", settlementNounsFile) // "the town of ..."
	calendarWords   = wordlist.MustParse("mention/data/calendar_words.txt", calendarWordsFile)     // proper nouns that name times, not actors
	placeWords      = wordlist.MustParse("mention/data/place_words.txt", placeWordsFile)           // end the names of places: "Kanbalu Township"
	// anaphorKind maps nouns that refer back to a place to the kind of
	// mention they refer to ("the enclave" → territory).
	anaphorKind = wordlist.MustParseMap("mention/data/anaphor_kinds.tsv", anaphorKindsFile)
)
