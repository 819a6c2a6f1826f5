package cameo

import (
	"strings"
)

// pattern is one verb pattern ("- SAID $ * TO_ATTEND [082]") compiled into
// the elements before the verb (upper, in reading order) and after it
// (lower).
type pattern struct {
	text     string
	code     string
	line     int
	upper    []elem
	upperRev []elem // upper from the verb backwards, as it is matched
	lower    []elem
	weight   int // literal words and markers: more specific patterns are tried first
}

// elem is one element of a pattern: a word, a synset, or a marker
// ('+' target, '$' source, '%' compound, '^' skip a noun phrase).
type elem struct {
	kind    byte // 'w', 's', '+', '$', '%', '^'
	word    string
	adjPrev bool // joined by '_' to the element (or verb) before it
	adjNext bool // joined by '_' to the element (or verb) after it
}

// compilePattern reads a pattern's text. The reason is "" on success.
func compilePattern(text, code string, line int) (*pattern, string) {
	f := strings.Fields(code)
	if len(f) == 0 {
		return nil, "pattern without a code"
	}
	if c := strings.TrimPrefix(f[0], ":"); c != "---" && (c == "" || c[0] < '0' || c[0] > '9') {
		return nil, "pattern code is not a CAMEO code"
	}
	p := &pattern{text: text, code: f[0], line: line}
	var all []elem
	verbAt := -1
	// PETRARCH 2 marks prepositional phrases "(IN ...)" and unordered
	// groups "{...}"; their words are matched in order here.
	text = strings.NewReplacer("(", " ", ")", " ", "{", " ", "}", " ").Replace(text)
	for _, chunk := range strings.Fields(strings.ToUpper(text)) {
		parts := strings.Split(chunk, "_")
		first := true
		for _, part := range parts {
			if part == "" {
				continue
			}
			// A marker may be written against a word ("+RST").
			for len(part) > 1 && strings.ContainsRune("+$%^", rune(part[0])) && part != "ANTI-" {
				all = append(all, elem{kind: part[0], adjPrev: !first})
				first = false
				part = part[1:]
			}
			e := elem{adjPrev: !first}
			switch {
			case part == "*":
				if verbAt >= 0 {
					return nil, "pattern with two verb marks"
				}
				verbAt = len(all)
				e.kind = '*'
			case strings.ContainsRune("+$%^", rune(part[0])) && len(part) == 1:
				e.kind = part[0]
			case part[0] == '&':
				e.kind, e.word = 's', strings.TrimSuffix(part, "_")
			default:
				e.kind, e.word = 'w', part
			}
			all = append(all, e)
			first = false
		}
	}
	if verbAt < 0 {
		return nil, "pattern without the verb mark '*'"
	}
	for i := range all {
		if i+1 < len(all) {
			all[i].adjNext = all[i+1].adjPrev
		}
	}
	p.upper = append([]elem(nil), all[:verbAt]...)
	for i := len(p.upper) - 1; i >= 0; i-- {
		p.upperRev = append(p.upperRev, p.upper[i])
	}
	p.lower = append([]elem(nil), all[verbAt+1:]...)
	for _, e := range all {
		if e.kind != '*' {
			p.weight++
		}
	}
	return p, ""
}

// skipWord reports words PETRARCH passes over when matching patterns:
// articles, some pronouns and auxiliaries, and numbers.
func skipWord(w string) bool {
	switch w {
	case "THE", "A", "AN", "IT", "HE", "THEY", "HER", "HAS", "HAD", "HAVE", "SOME", "FEW", "THAT",
		"HUNDRED", "THOUSAND", "MILLION", "BILLION", "TRILLION", "DOZEN",
		"ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "DOLLAR", "DUCAT":
		return true
	}
	if w == "" {
		return true
	}
	for _, r := range w {
		if (r < '0' || r > '9') && r != ',' && r != '.' {
			return false
		}
	}
	return true
}

// binding is what a pattern match assigned.
type binding struct {
	source, target, compound *phrase
}

// seqMatcher matches pattern elements along a sequence of tokens: the
// words after the verb in reading order, or those before it in reverse.
type seqMatcher struct {
	s        *sentence
	seq      []int // token indices
	backward bool
	syn      map[string]*synset
}

// match matches els[k:] starting at seq position pos; adj says the
// element must be the next word (skippable words aside).
func (m *seqMatcher) match(els []elem, k, pos int, b binding) (binding, bool) {
	if k == len(els) {
		return b, true
	}
	e := els[k]
	adj := e.adjPrev
	if m.backward {
		adj = e.adjNext
	}
	for p := pos; p < len(m.seq); p++ {
		w := m.s.words[m.seq[p]]
		switch e.kind {
		case 'w':
			if w == e.word {
				if nb, ok := m.match(els, k+1, p+1, b); ok {
					return nb, true
				}
			}
		case 's':
			if n := m.synsetAt(e.word, p, 0); n > 0 {
				if nb, ok := m.match(els, k+1, p+n, b); ok {
					return nb, true
				}
			}
		case '+', '$', '^', '%':
			ph := m.s.phraseOf(m.seq[p])
			if ph == nil || (e.kind == '%' && len(ph.alts) < 2) {
				break
			}
			// Bind a phrase once, where the sequence enters it.
			if p > pos && m.s.phraseOf(m.seq[p-1]) == ph {
				break
			}
			nb := b
			switch e.kind {
			case '+':
				nb.target = ph
			case '$':
				nb.source = ph
			case '%':
				nb.compound = ph
			}
			next := p + 1
			for next < len(m.seq) && m.s.phraseOf(m.seq[next]) == ph {
				next++
			}
			if e.kind == '+' || e.kind == '$' {
				// Later words may still match inside the phrase.
				next = p + 1
			}
			if r, ok := m.match(els, k+1, next, nb); ok {
				return r, true
			}
		}
		if adj && !skipWord(w) {
			break
		}
	}
	return b, false
}

// synsetAt returns how many tokens from seq position p a member of the
// synset label covers, or 0.
func (m *seqMatcher) synsetAt(label string, p, depth int) int {
	ss := m.syn[label]
	if ss == nil || depth > 4 {
		return 0
	}
	best := 0
	for _, mem := range ss.members {
		n := m.memberAt(mem, p, ss.plural, depth)
		if n > best {
			best = n
		}
	}
	return best
}

func (m *seqMatcher) memberAt(mem []string, p int, plurals bool, depth int) int {
	words := mem
	if m.backward {
		words = make([]string, len(mem))
		for i, w := range mem {
			words[len(mem)-1-i] = w
		}
	}
	q := p
	for i, w := range words {
		if q >= len(m.seq) {
			return 0
		}
		if strings.HasPrefix(w, "&") {
			n := m.synsetAt(w, q, depth+1)
			if n == 0 {
				return 0
			}
			q += n
			continue
		}
		tw := m.s.words[m.seq[q]]
		last := (!m.backward && i == len(words)-1) || (m.backward && i == 0)
		if tw != w && !(plurals && last && tw == plural(w)) {
			return 0
		}
		q++
	}
	return q - p
}
