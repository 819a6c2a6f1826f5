package mention

import (
	"strings"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/kb"
)

// enrich fills a mention's missing country and sector from the mentions
// the parse attaches to it: "of"/"from" modifiers ("militants from Hamas",
// "the delegation of the Hamas movement"), possessors ("Myanmar's army")
// and appositions in both directions ("Abu Marzouk, a senior political
// leader of ... Hamas").
func enrich(d *doc.Document, s *Set) {
	for i := range s.Mentions {
		m := &s.Mentions[i]
		if m.Kind == Pronoun {
			continue
		}
		for _, dep := range s.deps[m.Head] {
			t := d.Tokens[dep]
			rel := t.Rel
			o := s.Index(dep)
			if o < 0 || o == i {
				// "a member of the Hamas politburo": the modifier's own
				// modifier may carry the entity.
				if rel == "appos" || rel == "nmod" {
					o = s.viaModifier(d, dep)
				}
				if o < 0 || o == i {
					continue
				}
			}
			other := &s.Mentions[o]
			switch {
			case rel == "appos" || rel == "nmod:desc":
				// "Ana Lima, Brazil's foreign minister"; a title before
				// the name the parse hangs on it: "The Foreign Minister
				// of Chile Juan Soto".
				merge(m, other)
				merge(other, m)
			case rel == "nmod:poss" || strings.HasPrefix(rel, "nmod") && (s.CaseOf(d, dep) == "of" || s.CaseOf(d, dep) == "from"):
				if m.Named && m.Country != "" {
					continue
				}
				if m.Country == "" && other.Country != "" && (other.Kind != Pronoun || other.Ref >= 0) {
					m.Country = other.Country
					if m.Sector == "" || other.Kind == Organisation && other.Sector != "" && m.Kind == Group {
						m.Sector = other.Sector
					}
				}
			case strings.HasPrefix(rel, "nmod") && s.CaseOf(d, dep) == "in" && other.Place:
				// "officials in Belarus", "police in Nairobi": an
				// unnamed collective placed in a country is of it.
				if m.Country == "" && !m.Named && other.Country != "" && situated(m) && !envoys(m) {
					m.Country = other.Country
				}
			}
		}
	}
}

// viaModifier finds the mention attached to token tok by an "of"/"from"
// modifier, for heads that are not mentions themselves ("member of X").
func (s *Set) viaModifier(d *doc.Document, tok int) int {
	for _, dep := range s.deps[tok] {
		if strings.HasPrefix(d.Tokens[dep].Rel, "nmod") {
			if o := s.Index(dep); o >= 0 && s.Mentions[o].Country != "" {
				return o
			}
		}
	}
	return -1
}

// merge copies into m what other knows and m does not.
func merge(m, other *doc.Mention) {
	if other.Kind == Pronoun {
		return
	}
	if m.Country == "" {
		m.Country = other.Country
	}
	if m.Sector == "" {
		m.Sector = other.Sector
	}
	if m.Title == "" {
		m.Title = other.Title
	}
}

// CaseOf returns the lower-cased preposition ("case" dependent) of the
// noun at token n, or "".
func (s *Set) CaseOf(d *doc.Document, n int) string {
	for _, dep := range s.deps[n] {
		if d.Tokens[dep].Rel == "case" {
			return strings.ToLower(d.Tokens[dep].Text)
		}
	}
	return ""
}

// corefer links surnames, definite descriptions and pronouns to earlier
// mentions, copying the antecedent's resolution.
//
// First-person pronouns are resolved last, once the speakers their quotes
// are attributed to are known ("'We condemn the coup,' he said").
func corefer(d *doc.Document, k *kb.KB, s *Set) {
	for _, firstPerson := range []bool{false, true} {
		for i := range s.Mentions {
			if m := &s.Mentions[i]; (m.Kind == Pronoun && (m.Role == pronSpeaker || m.Role == pronWe)) == firstPerson {
				s.resolve(d, k, i)
			}
		}
	}
}

// issuerOf is the institution a document's source line names as its
// publisher when that is no news medium, or nil. The line's first part
// may name it outright ("European Union, statement by the spokesperson")
// or as a state's office: one that opens with the state
// ("UK Foreign and Commonwealth Office", "Australian Minister for Foreign
// Affairs") or ends with it ("President of Russia", "Cabinet of Ministers
// of Ukraine"), which stands for that state's government.
func issuerOf(d *doc.Document, k *kb.KB) *kb.Entity {
	src, _, _ := strings.Cut(d.Source, ",")
	src, _, _ = strings.Cut(src, "(")
	src = strings.TrimSpace(src)
	words := strings.Fields(src)
	if len(words) == 0 {
		return nil
	}
	n, ents := k.Match(words)
	if n == len(words) && len(ents) > 0 {
		e := best(ents)
		if e.Kind == Person || e.Sector == "MED" || e.Country == "" {
			return nil
		}
		return &e
	}
	country := ""
	if n > 0 && best(ents).Kind == Country {
		country = best(ents).Country // "UK Ministry of Defence"
	} else if n, c := k.MatchAdjective(words); n > 0 && n < len(words) {
		country = c // "Australian Minister for Foreign Affairs"
	} else {
		for i := len(words) - 1; i > 0 && country == ""; i-- {
			if n, ents := k.Match(words[i:]); n == len(words)-i && len(ents) > 0 && best(ents).Kind == Country {
				country = best(ents).Country // "President of Russia", "Global Affairs Canada"
			}
		}
	}
	if country == "" || k.Special(country) {
		return nil
	}
	return &kb.Entity{Name: src, Country: country, Sector: "GOV", Kind: Organisation}
}

// quote is the latest quotation whose speaker a sentence names.
type quote struct {
	paragraph, sentence int
	speaker             int // mention index
}

// quoteSpeaker is the speaker of the quotation first-person pronoun i
// stands in: the subject of a reporting verb of its sentence ("'We
// condemn the coup,' said the spokesman", "he noted: 'today we
// welcome ...'"), or of the quotation the paragraph opened in the
// sentences just before. It returns -1 outside such a quotation.
func (s *Set) quoteSpeaker(d *doc.Document, k *kb.KB, i int) int {
	m := &s.Mentions[i]
	sent := d.Sentences[m.Sentence]
	quoted := false
	for t := sent.First; t < sent.Last; t++ {
		switch d.Tokens[t].Text {
		case "\"", "“", "”", "``", "''":
			quoted = true
		}
	}
	if quoted {
		for v := sent.First; v < sent.Last; v++ {
			t := d.Tokens[v]
			if t.UPOS != "VERB" {
				continue
			}
			if n, ok := k.Reporting([]string{strings.ToLower(t.Lemma)}); !ok || n != 1 {
				continue
			}
			for _, dep := range s.deps[v] {
				j := s.Index(dep)
				if j < 0 || j == i || !strings.HasPrefix(d.Tokens[dep].Rel, "nsubj") {
					continue
				}
				o := &s.Mentions[j]
				if o.Kind == Pronoun && (o.Role == pronSpeaker || o.Role == pronWe) || o.Country == "" && o.Kind != Person {
					continue
				}
				s.quote = quote{paragraph: sent.Paragraph, sentence: m.Sentence, speaker: j}
				return j
			}
		}
	}
	if q := s.quote; q.speaker >= 0 && q.paragraph == sent.Paragraph && m.Sentence-q.sentence <= 3 {
		return q.speaker
	}
	return s.labelledSpeaker(d, m.Sentence)
}

// labelledSpeaker is the person a transcript's paragraph, the one
// sentence si is in, opens with as its speaker ("Foreign Minister of Chile
// Ana Reyes: Thank you, ..."), or -1. Each paragraph is looked at once.
func (s *Set) labelledSpeaker(d *doc.Document, si int) int {
	paragraph := d.Sentences[si].Paragraph
	if j, ok := s.labels[paragraph]; ok {
		return j
	}
	if s.labels == nil {
		s.labels = map[int]int{}
	}
	s.labels[paragraph] = -1
	for si > 0 && d.Sentences[si-1].Paragraph == paragraph {
		si-- // back to the paragraph's first sentence
	}
	sent := d.Sentences[si]
	first := sent.First
	if d.Tokens[first].UPOS == "DET" {
		first++
	}
	j := s.Index(first)
	if j < 0 || s.Mentions[j].First != first {
		return -1
	}
	// The person's name and title may run on (", Foreign Minister"); the
	// label ends at the first colon, or is a sentence of its own ("PENNY
	// WONG", which the segmenter cuts off a transcript's paragraph).
	o := &s.Mentions[j]
	label := o.Last == sent.Last
	for t := o.Last; t < sent.Last && t < o.Last+6 && !label; t++ {
		label = d.Tokens[t].Text == ":"
	}
	if label && o.Kind == Person && o.Country != "" {
		s.labels[paragraph] = j
	}
	return s.labels[paragraph]
}

// mainSubjectAfter is the subject of its sentence's main clause when
// pronoun i stands in a phrase fronted before it ("Rather than jailing its
// critics, the government should ...", "In its statement, the ministry
// said ..."): a possessive there looks ahead to that subject. It returns
// -1 otherwise.
func (s *Set) mainSubjectAfter(d *doc.Document, i int) int {
	m := &s.Mentions[i]
	sent := d.Sentences[m.Sentence]
	root := -1
	for t := sent.First; t < sent.Last; t++ {
		if d.Tokens[t].Head < 0 {
			root = t
			break
		}
	}
	if root < 0 || m.Head > root {
		return -1
	}
	for _, dep := range s.deps[root] {
		if !strings.HasPrefix(d.Tokens[dep].Rel, "nsubj") || dep < m.Head {
			continue
		}
		// The pronoun must hang on the main verb by a fronted phrase,
		// not inside the subject itself ("its forces said").
		for h := m.Head; h >= 0 && h != root; h = d.Tokens[h].Head {
			if h == dep {
				return -1
			}
		}
		if j := s.Index(dep); j >= 0 {
			return j
		}
	}
	return -1
}

// withoutHonorific drops a leading "Mr.", "Mrs.", "Ms.", "Dr." or "Mister"
// from a name: "Mr. Alvarado" is "Alvarado".
func withoutHonorific(name string) string {
	first, rest, ok := strings.Cut(name, " ")
	if !ok {
		return name
	}
	switch strings.ToLower(strings.TrimSuffix(first, ".")) {
	case "mr", "mrs", "ms", "dr", "mister", "madam", "madame":
		return rest
	}
	return name
}

// resolve resolves mention i against the mentions before it.
func (s *Set) resolve(d *doc.Document, k *kb.KB, i int) {
	m := &s.Mentions[i]
	ante := -1
	switch {
	case m.Kind == Pronoun && (m.Role == pronSpeaker || m.Role == pronWe):
		ante = s.quoteSpeaker(d, k, i)
		if ante < 0 && s.issuer != nil {
			// Outside quotation, a statement's "I" and "we" are
			// the institution that issued it.
			m.Name, m.Country, m.Sector = s.issuer.Name, s.issuer.Country, s.issuer.Sector
			return
		}
		if ante < 0 {
			ante = s.pronounAntecedent(d, i)
		}
	case m.Kind == Pronoun:
		ante = s.pronounAntecedent(d, i)
	case m.Kind == Person && m.Named && !strings.Contains(withoutHonorific(m.Name), " "):
		// A surname alone: "Marzouk" after "Abu Marzouk", "Mr. Alvarado"
		// after "Jorge Alvarado".
		name := withoutHonorific(m.Name)
		ante = s.latest(i, func(o *doc.Mention) bool {
			return o.Kind == Person && o.Named && o.Country != "" && hasWord(o.Name, name)
		})
	case !m.Named && definite(d, m.First):
		ante = s.describedBy(i)
	}
	if ante < 0 {
		return
	}
	if m.Kind == Pronoun && m.Role == pronSpeaker && s.speaker < 0 {
		s.speaker = ante
	}
	a := &s.Mentions[ante]
	m.Ref = ante
	m.Name = a.Name
	if m.Kind == Country && a.Kind != Country {
		// "the country" of a person is that person's country.
		if c, ok := k.Country(a.Country); ok {
			m.Name = c.Name
		}
	}
	if m.Country == "" || m.Kind == Pronoun || m.Kind == Person {
		m.Country = a.Country
	}
	if m.Sector == "" || m.Kind == Pronoun {
		m.Sector = a.Sector
	}
	if a.Title != "" {
		// "his Iranian colleague" is the deputy foreign minister.
		m.Title = a.Title
	}
	if a.Place && !m.Place {
		m.Place, m.Lat, m.Lon = true, a.Lat, a.Lon
	}
	m.Named = m.Named || a.Named
}

// pronounAntecedent resolves a personal pronoun: "he"/"she" to the latest
// person, preferring one that was a subject (news prose keeps its topic in
// subject position); "they" to the latest group or organisation subject;
// "I" to the latest person named, or a subject or "by" phrase (the speaker
// of a statement); "we" to the speaker's organisation, else the latest
// country or organisation subject.
func (s *Set) pronounAntecedent(d *doc.Document, i int) int {
	subject := func(o *doc.Mention) bool {
		t := d.Tokens[o.Head]
		if strings.HasPrefix(t.Rel, "nsubj") {
			return true
		}
		// "The members of the Security Council condemned": the actor of a
		// collective subject.
		return strings.HasPrefix(t.Rel, "nmod") && t.Head >= 0 && strings.HasPrefix(d.Tokens[t.Head].Rel, "nsubj")
	}
	// An object pronoun is never its own verb's subject: in "the coast
	// guard detained them", "them" are others (a possessive may be:
	// "Kenya closed its border").
	p := d.Tokens[s.Mentions[i].Head]
	clauseMate := func(o *doc.Mention) bool {
		t := d.Tokens[o.Head]
		return (p.Rel == "obj" || p.Rel == "iobj") && t.Head == p.Head && strings.HasPrefix(t.Rel, "nsubj")
	}
	resolved := func(o *doc.Mention) bool { return o.Country != "" && o.Kind != Pronoun && !clauseMate(o) }
	person := func(o *doc.Mention) bool { return o.Kind == Person && resolved(o) }
	// A news outlet reports; "they" and "it" are seldom the outlet
	// ("Voice of America reported ... They accused the government").
	press := func(o *doc.Mention) bool { return o.Sector == "MED" || o.Sector == "JRN" }
	group := func(o *doc.Mention) bool {
		return resolved(o) && !press(o) && (o.Kind == Organisation || o.Kind == Country || o.Kind == Group || o.Kind == Body)
	}
	switch s.Mentions[i].Role {
	case pronPerson:
		if j := s.latest(i, func(o *doc.Mention) bool { return person(o) && subject(o) && o.Sentence < s.Mentions[i].Sentence }); j >= 0 {
			return j
		}
		return s.latest(i, person)
	case pronThey:
		// "The Chilean president and his Peruvian counterpart met ...
		// They agreed": coordinated subjects are a plural antecedent
		// (the first stands for the coordination).
		coordinated := func(o *doc.Mention) bool {
			if !resolved(o) || !strings.HasPrefix(d.Tokens[o.Head].Rel, "nsubj") {
				return false
			}
			for _, dep := range s.deps[o.Head] {
				if d.Tokens[dep].Rel == "conj" && s.Index(dep) >= 0 {
					return true
				}
			}
			return false
		}
		if j := s.latest(i, func(o *doc.Mention) bool {
			return group(o) && (o.Plural || o.Kind == Organisation) && subject(o) || coordinated(o)
		}); j >= 0 {
			return j
		}
		return s.latest(i, func(o *doc.Mention) bool { return group(o) && o.Plural })
	case pronSpeaker:
		// The speaker of a statement is named, or introduced by title as
		// its issuer: "The Foreign Minister of Chile issued the following
		// statement: 'I deplore ...'", "Statement by the Foreign Minister".
		return s.latest(i, func(o *doc.Mention) bool { return person(o) && (o.Named || subject(o) || byPhrase(d, s, o.Head)) })
	case pronIt, pronOrganisation:
		// "it": a country or an organisation, "the group": an
		// organisation; the latest one that was a subject, else the latest.
		body := func(o *doc.Mention) bool {
			return resolved(o) && !press(o) && !o.Plural && (o.Named || s.Mentions[i].Role == pronIt) && (o.Kind == Organisation || o.Kind == Group || o.Kind == Body ||
				o.Kind == Country && s.Mentions[i].Role == pronIt)
		}
		if j := s.mainSubjectAfter(d, i); j >= 0 && body(&s.Mentions[j]) {
			return j
		}
		if j := s.latest(i, func(o *doc.Mention) bool { return body(o) && subject(o) }); j >= 0 {
			return j
		}
		return s.latest(i, body)
	case pronWe:
		// In a statement or speech, "we" is the speaker's side.
		if s.speaker >= 0 {
			return s.speaker
		}
		if j := s.latest(i, func(o *doc.Mention) bool { return group(o) && subject(o) }); j >= 0 {
			return j
		}
		return s.latest(i, func(o *doc.Mention) bool { return person(o) && o.Named })
	}
	return -1
}

// byPhrase says whether token h heads a "by" phrase ("a statement by
// the minister").
func byPhrase(d *doc.Document, s *Set, h int) bool {
	for _, dep := range s.deps[h] {
		if t := d.Tokens[dep]; t.Rel == "case" && strings.EqualFold(t.Text, "by") {
			return true
		}
	}
	return false
}

// describedBy finds the antecedent of a definite description: the latest
// mention with the same role ("the embassy" → "the Iranian Embassy"), or a
// person of the same country and sector ("the senior Iranian diplomat"),
// or for place nouns the latest place of that kind ("the enclave").
func (s *Set) describedBy(i int) int {
	m := &s.Mentions[i]
	if kind := anaphorKind[lastWord(m.Role)]; kind != "" {
		if Kind(kind) == Country {
			// "the senior Iranian diplomat stressed the country's stance":
			// the country of an actor earlier in the same sentence.
			if j := s.latest(i, func(o *doc.Mention) bool {
				return o.Sentence == m.Sentence && o.Country != "" && o.Kind != Pronoun && !o.Place
			}); j >= 0 {
				return j
			}
		}
		return s.latest(i, func(o *doc.Mention) bool { return o.Kind == Kind(kind) && o.Named })
	}
	if m.Role == "" {
		return -1
	}
	if j := s.latest(i, func(o *doc.Mention) bool { return o.Named && o.Role == m.Role && compatible(m, o) }); j >= 0 {
		return j
	}
	if m.Kind == Person && m.Country == "" {
		// "The Chilean minister said ... the minister added": the
		// latest of that role whose country is known.
		if j := s.latest(i, func(o *doc.Mention) bool { return o.Kind == Person && o.Role == m.Role && o.Country != "" }); j >= 0 {
			return j
		}
	}
	if m.Kind == Person && m.Country != "" {
		return s.latest(i, func(o *doc.Mention) bool {
			return o.Kind == Person && o.Named && o.Country == m.Country && (m.Sector == "" || o.Sector == m.Sector)
		})
	}
	return -1
}

func compatible(m, o *doc.Mention) bool {
	return m.Country == "" || o.Country == "" || m.Country == o.Country
}

// latest returns the index of the latest mention before i that ok accepts,
// looking back at most 40 mentions.
func (s *Set) latest(i int, ok func(*doc.Mention) bool) int {
	for j := i - 1; j >= 0 && j >= i-40; j-- {
		if ok(&s.Mentions[j]) {
			return j
		}
	}
	return -1
}

// definite says whether the phrase starting at token i is definite: "the",
// "this", or a possessive pronoun before it.
func definite(d *doc.Document, i int) bool {
	for _, j := range []int{i, i - 1} {
		if j < 0 || j >= len(d.Tokens) {
			continue
		}
		switch strings.ToLower(d.Tokens[j].Text) {
		case "the", "this", "that", "his", "her", "its", "their":
			return true
		}
	}
	return false
}

func hasWord(name, w string) bool {
	for _, f := range strings.Fields(name) {
		if strings.EqualFold(f, w) {
			return true
		}
	}
	return false
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}
