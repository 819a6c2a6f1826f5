package cameo

import (
	"sort"
	"strings"

	"github.com/parley-events/parley/doc"
)

// sentence is one parsed sentence as the coder sees it: upper-case words,
// the noun phrases PETRARCH would make "NE"s of, and the tokens comma-clause
// deletion removed.
type sentence struct {
	toks     []doc.Token // the sentence's tokens; Head is made sentence-relative
	words    []string    // upper case; "" for punctuation other than commas
	deps     [][]int
	phrases  []*phrase
	inPhrase []*phrase // by token
	deleted  []bool
}

// phrase is a noun phrase: one alternative, or several when it is a
// compound ("Gondor and Osgiliath", "lawmakers in Fornost and Gondor").
type phrase struct {
	first, last int // token span, inclusive
	head        int
	alts        []alt
}

// alt is one reading of a phrase: its words and the actor code they give.
type alt struct {
	words []string
	code  string // "---" when no actor or agent matched
}

func (p *phrase) compound() bool { return len(p.alts) > 1 }

// coded reports whether any reading has an actor code.
func (p *phrase) coded() bool {
	for _, a := range p.alts {
		if a.code != "---" {
			return true
		}
	}
	return false
}

func (s *sentence) phraseOf(i int) *phrase {
	if i < 0 || i >= len(s.inPhrase) {
		return nil
	}
	return s.inPhrase[i]
}

func newSentence(d *doc.Document, sn doc.Sentence, actorWord func(string) bool) *sentence {
	n := sn.Last - sn.First
	s := &sentence{toks: make([]doc.Token, n), words: make([]string, n), deps: make([][]int, n),
		inPhrase: make([]*phrase, n), deleted: make([]bool, n)}
	for i := 0; i < n; i++ {
		t := d.Tokens[sn.First+i]
		if t.Head >= sn.First && t.Head < sn.Last {
			t.Head -= sn.First
		} else {
			t.Head = -1
		}
		s.toks[i] = t
		if t.UPOS != "PUNCT" || t.Text == "," {
			s.words[i] = strings.ToUpper(t.Text)
		}
	}
	s.repairNames(actorWord)
	for i, t := range s.toks {
		if t.Head >= 0 {
			s.deps[t.Head] = append(s.deps[t.Head], i)
		}
	}
	return s
}

// repairNames mends two parser errors on names. A capitalised word that
// begins an actor's name but was tagged as something else ("Osgiliath"
// as an interjection, "Arnor" as an auxiliary) is a proper noun, and the
// subject when it hangs before its verb. A noun phrase directly followed
// by another that the parser made a second dependent of the same head
// ("The Hermit | Kingdom fired", "Deputy | Prime Minister Telemar left")
// modifies the second.
func (s *sentence) repairNames(actorWord func(string) bool) {
	for i := range s.toks {
		t := &s.toks[i]
		if actorWord != nil && t.Text != "" && t.Text[0] >= 'A' && t.Text[0] <= 'Z' && actorWord(s.words[i]) &&
			!closedClass[t.UPOS] && !s.nominalTag(i) && t.UPOS != "ADJ" {
			t.UPOS, t.XPOS = "PROPN", "NNP"
			if t.Head > i && strings.HasPrefix(s.toks[t.Head].UPOS, "VERB") {
				switch t.Rel {
				case "discourse", "aux", "dep", "advmod", "vocative", "mark":
					t.Rel = "nsubj"
				}
			}
		}
	}
	ends := make([]int, len(s.toks))
	starts := make([]int, len(s.toks))
	for i := range s.toks {
		starts[i], ends[i] = i, i
	}
	for i := range s.toks {
		for h, k := s.toks[i].Head, 0; h >= 0 && k < len(s.toks); h, k = s.toks[h].Head, k+1 {
			starts[h], ends[h] = min(starts[h], i), max(ends[h], i)
		}
	}
	for i := range s.toks {
		for j := i + 1; j < len(s.toks); j++ {
			a, b := &s.toks[i], &s.toks[j]
			if !s.nominalTag(i) || !s.nominalTag(j) || a.UPOS == "PRON" || b.UPOS == "PRON" ||
				a.Head != b.Head || a.Head < 0 || ends[i]+1 != starts[j] || j > a.Head {
				continue
			}
			if a.Rel == b.Rel || strings.HasSuffix(a.Rel, ":unmarked") || a.Rel == "dep" {
				a.Head, a.Rel = j, "compound"
			}
		}
	}
}

// closedClass are the tags a capitalised actor word keeps ("The" of "The
// Hermit Kingdom" stays a determiner).
var closedClass = map[string]bool{"DET": true, "ADP": true, "CCONJ": true, "SCONJ": true, "PRON": true, "PART": true, "NUM": true, "PUNCT": true}

func (s *sentence) nominalTag(i int) bool {
	switch s.toks[i].UPOS {
	case "NOUN", "PROPN", "PRON", "NUM":
		return true
	}
	return false
}

func (s *sentence) nominal(i int) bool {
	switch s.toks[i].UPOS {
	case "NOUN", "PROPN", "NUM":
		return true
	case "PRON":
		return s.toks[i].Rel != "nmod:poss" && !strings.HasPrefix(s.toks[i].XPOS, "W")
	}
	return false
}

func baseRel(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 && rel != "nmod:poss" {
		return rel[:i]
	}
	return rel
}

// inNoun lists the relations of words that belong to their head's noun
// phrase.
var inNoun = map[string]bool{
	"det": true, "amod": true, "compound": true, "flat": true, "nmod:poss": true, "nummod": true,
	"fixed": true, "goeswith": true, "nmod:desc": true,
}

// base collects the tokens of the simple noun phrase headed by h.
func (s *sentence) base(h int, out map[int]bool) {
	out[h] = true
	for _, c := range s.deps[h] {
		r := s.toks[c].Rel
		if inNoun[r] || inNoun[baseRel(r)] || (r == "case" && s.toks[c].XPOS == "POS") ||
			(r == "advmod" && c < h) || (r == "punct" && c > s.first(h) && c < h) {
			s.subtree(c, out)
		}
	}
}

func (s *sentence) first(h int) int {
	m := h
	for _, c := range s.deps[h] {
		if c < m && s.toks[c].Rel != "case" && s.toks[c].Rel != "punct" && s.toks[c].Rel != "cc" {
			m = c
		}
	}
	return m
}

func (s *sentence) subtree(h int, out map[int]bool) {
	out[h] = true
	for _, c := range s.deps[h] {
		s.subtree(c, out)
	}
}

// nmodChild is h's nearest following "of/in/from ... NP" modifier.
func (s *sentence) nmodChild(h int) int {
	for _, c := range s.deps[h] {
		if c > h && s.toks[c].Rel == "nmod" && s.nominal(c) && s.caseWord(c) >= 0 {
			return c
		}
	}
	return -1
}

func (s *sentence) caseWord(c int) int {
	for _, x := range s.deps[c] {
		if s.toks[x].Rel == "case" && s.toks[x].UPOS == "ADP" && x < c {
			return x
		}
	}
	return -1
}

// conjuncts lists the nouns coordinated with h ("Rohan, Fornost and
// Bree" after "Mordor"), however the parser chained them.
func (s *sentence) conjuncts(h int) []int {
	var out []int
	for _, c := range s.deps[h] {
		if s.toks[c].Rel == "conj" && s.nominal(c) && c > h {
			out = append(out, c)
			out = append(out, s.conjuncts(c)...)
		}
	}
	sort.Ints(out)
	return out
}

// buildPhrases finds the noun phrases, PETRARCH-style: a simple noun
// phrase with its possessor ("Gondor's government"), joined to one
// following prepositional phrase when that has no further one ("the
// government of Gondor", "soldiers from Gondor"), and expanded over
// coordination into one reading per member.
func (s *sentence) buildPhrases(code func([]string) string) {
	used := make([]bool, len(s.toks))
	for h := range s.toks {
		if used[h] || !s.nominal(h) {
			continue
		}
		r := s.toks[h].Rel
		if inNoun[r] || inNoun[baseRel(r)] {
			continue
		}
		members := append([]int{h}, s.conjuncts(h)...)
		if r == "conj" && s.toks[h].Head >= 0 && s.nominal(s.toks[h].Head) && s.toks[h].Head < h {
			continue // a member of an earlier head's compound
		}
		span := map[int]bool{}
		shared := s.sharedAdjectives(h)
		last := members[len(members)-1]
		post := s.sharedPP(h, last)
		var postAlts [][]int
		if post >= 0 {
			for _, pm := range append([]int{post}, s.conjuncts(post)...) {
				b := map[int]bool{}
				s.base(pm, b)
				if pm == post {
					b[s.caseWord(post)] = true
				}
				postAlts = append(postAlts, keys(b))
				used[pm] = true
				s.mark(b, span)
			}
			span[s.caseWord(post)] = true
		}
		var alts [][]int
		for _, m := range members {
			used[m] = true
			b := map[int]bool{}
			s.base(m, b)
			if m != h {
				for _, x := range shared {
					b[x] = true
				}
			}
			// A member's own prepositional phrase, when it is not the shared one.
			if post < 0 || (m != last && m != h) {
				if c := s.nmodChild(m); c >= 0 && c != post && !s.hasDeepNmod(c) && len(s.conjuncts(c)) == 0 {
					s.base(c, b)
					b[s.caseWord(c)] = true
					used[c] = true
				}
			}
			s.mark(b, span)
			for _, mb := range s.modifierAlts(m, b) {
				if len(postAlts) == 0 {
					alts = append(alts, mb)
					continue
				}
				for _, pa := range postAlts {
					alts = append(alts, append(append([]int(nil), mb...), pa...))
				}
			}
		}
		ph := &phrase{head: h, first: len(s.toks), last: -1}
		for i := range span {
			ph.first = min(ph.first, i)
			ph.last = max(ph.last, i)
		}
		for _, a := range alts {
			ph.alts = append(ph.alts, alt{words: s.phraseWords(a)})
		}
		s.phrases = append(s.phrases, ph)
	}
	sort.Slice(s.phrases, func(i, j int) bool { return s.phrases[i].first < s.phrases[j].first })
	s.joinCoordination(code)
	for _, ph := range s.phrases {
		for i := ph.first; i <= ph.last; i++ {
			if s.inPhrase[i] == nil {
				s.inPhrase[i] = ph
			}
		}
		for k := range ph.alts {
			ph.alts[k].code = code(ph.alts[k].words)
		}
	}
}

// sharedAdjectives are the adjectives before the first member of a
// coordination, which PETRARCH gives to every member ("Danish media and
// government").
func (s *sentence) sharedAdjectives(h int) []int {
	var out []int
	for _, c := range s.deps[h] {
		if c < h && s.toks[c].Rel == "amod" {
			tmp := map[int]bool{}
			s.subtree(c, tmp)
			out = append(out, keys(tmp)...)
		}
	}
	return out
}

// sharedPP is the simple prepositional phrase after the last member of a
// coordination headed by h, shared by all members ("lawmakers and
// officials in Fornost and Gondor"), or -1.
func (s *sentence) sharedPP(h, last int) int {
	post := s.nmodChild(last)
	if post < 0 && last != h {
		// The parser may hang it on the first member.
		if c := s.nmodChild(h); c > last {
			post = c
		}
	}
	if post >= 0 && s.hasDeepNmod(post) {
		return -1
	}
	return post
}

// phraseWords are the words of a reading's tokens for dictionary
// matching: no commas or possessive marks, and "Dol_Amroth" (written with
// the dictionaries' connector) split.
func (s *sentence) phraseWords(toks []int) []string {
	sort.Ints(toks)
	var ws []string
	for _, i := range toks {
		if w := s.words[i]; w != "" && w != "," && w != "'S" && w != "'" {
			for _, part := range strings.Split(w, "_") {
				if part != "" {
					ws = append(ws, part)
				}
			}
		}
	}
	return ws
}

func (s *sentence) mark(b, span map[int]bool) {
	for i := range b {
		if i >= 0 {
			span[i] = true
		}
	}
}

// joinCoordination mends coordinations the parser broke ("Fornost and
// the evil awful Gondor welcomed", parsed with Fornost as the root): two
// phrases with actor codes, joined by "and" or "or" with nothing but
// modifiers between, become one compound phrase when the first one has
// no role of its own in the sentence.
func (s *sentence) joinCoordination(code func([]string) string) {
	coded := func(p *phrase) bool {
		for _, a := range p.alts {
			if code(a.words) != "---" {
				return true
			}
		}
		return false
	}
	for i := 0; i+1 < len(s.phrases); i++ {
		p1 := s.phrases[i]
		switch s.toks[p1.head].Rel {
		case "root", "dep", "discourse", "vocative", "dislocated", "conj", "list", "parataxis":
		default:
			continue
		}
		if !coded(p1) {
			continue
		}
		cc := false
		j := i + 1
		k := p1.last + 1
		for ; k < len(s.toks); k++ {
			if j < len(s.phrases) && s.phrases[j].first == k {
				if coded(s.phrases[j]) {
					break
				}
				k = s.phrases[j].last
				j++
				continue
			}
			w, u := s.words[k], s.toks[k].UPOS
			if w == "AND" || w == "OR" {
				cc = true
			} else if w != "," && u != "DET" && u != "ADJ" {
				break
			}
		}
		if !cc || j >= len(s.phrases) || s.phrases[j].first != k {
			continue
		}
		p2 := s.phrases[j]
		p2.alts = append(append([]alt(nil), p1.alts...), p2.alts...)
		p2.first = p1.first
		s.phrases = append(s.phrases[:i], s.phrases[j:]...)
		i--
	}
}

// modifierAlts expands a coordinated modifier of h ("Eriadori and
// Calenardhon leaders") into one reading per member, as PETRARCH does
// with a compound inside a noun phrase; b is h's phrase.
func (s *sentence) modifierAlts(h int, b map[int]bool) [][]int {
	for _, x := range s.deps[h] {
		r := s.toks[x].Rel
		if x > h || (r != "compound" && r != "amod") || !s.nominal(x) {
			continue
		}
		conj := s.conjuncts(x)
		if len(conj) == 0 {
			continue
		}
		drop := map[int]bool{}
		s.subtree(x, drop)
		var out [][]int
		for _, xm := range append([]int{x}, conj...) {
			alt := map[int]bool{}
			for i := range b {
				if !drop[i] {
					alt[i] = true
				}
			}
			s.base(xm, alt)
			out = append(out, keys(alt))
		}
		return out
	}
	return [][]int{keys(b)}
}

// hasDeepNmod reports whether the noun phrase at c has a prepositional
// phrase of its own: PETRARCH then leaves the outer phrase unjoined.
func (s *sentence) hasDeepNmod(c int) bool {
	if s.nmodChild(c) >= 0 {
		return true
	}
	for _, m := range s.conjuncts(c) {
		if s.nmodChild(m) >= 0 {
			return true
		}
	}
	return false
}

func keys(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		if k >= 0 {
			out = append(out, k)
		}
	}
	sort.Ints(out)
	return out
}

// CommaOptions are PETRARCH's comma-clause deletion settings: a clause
// between two commas (Min..Max words), before the first (BMin..BMax) or
// after the last (EMin..EMax) is removed before coding; a zero maximum
// turns that deletion off.
type CommaOptions struct {
	Min, Max, BMin, BMax, EMin, EMax int
}

// DefaultCommas are PETRARCH's defaults.
var DefaultCommas = CommaOptions{Min: 2, Max: 8, BMin: 0, BMax: 0, EMin: 2, EMax: 8}

// clauseComma reports whether token i is a comma that separates clauses
// (not one inside a noun phrase or a list of names).
func (s *sentence) clauseComma(i int) bool {
	return s.words[i] == "," && !s.deleted[i] && s.inPhrase[i] == nil
}

func (s *sentence) countWords(from, to int) int {
	n := 0
	for i := from; i < to && i < len(s.toks); i++ {
		if s.deleted[i] {
			continue
		}
		w := s.words[i]
		if w != "" && w[0] >= 'A' && w[0] <= 'Z' {
			n++
		}
	}
	return n
}

// deleteCommaClauses applies PETRARCH's comma-clause deletion.
func (s *sentence) deleteCommaClauses(o CommaOptions) {
	var commas []int
	for i := range s.toks {
		if s.clauseComma(i) {
			commas = append(commas, i)
		}
	}
	if len(commas) == 0 {
		return
	}
	end := len(s.toks)
	for end > 0 && s.toks[end-1].UPOS == "PUNCT" && s.words[end-1] != "," {
		end--
	}
	del := func(from, to int) {
		for i := from; i < to; i++ {
			s.deleted[i] = true
		}
	}
	if o.BMax != 0 {
		if n := s.countWords(0, commas[0]); n >= o.BMin && n <= o.BMax {
			del(0, commas[0])
		}
	}
	if o.EMax != 0 {
		c := commas[len(commas)-1]
		if n := s.countWords(c+1, end); n >= o.EMin && n <= o.EMax {
			del(c+1, end)
		}
	}
	if o.Max != 0 {
		for k := 0; k+1 < len(commas); k++ {
			a, b := commas[k], commas[k+1]
			if n := s.countWords(a+1, b); n >= o.Min && n <= o.Max {
				del(a, b)
			}
		}
	}
	// A comma left with nothing before or after it goes too.
	if c := commas[0]; !s.deleted[c] && s.countWords(0, c) == 0 {
		s.deleted[c] = true
	}
	if c := commas[len(commas)-1]; !s.deleted[c] && s.countWords(c+1, end) == 0 {
		s.deleted[c] = true
	}
}
