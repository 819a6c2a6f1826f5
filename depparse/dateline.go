package depparse

import (
	"math"
	"unicode"
)

// A wire story opens with a dateline: the city in capitals, perhaps the
// country or the date, perhaps the agency, then a dash ("NAIROBI, Kenya
// (Reuters) - Gunmen attacked ...", "GENEVA, March 4 - Iran and ...").
// The treebank has almost none, and the parser reads the city as the
// subject of the story's verb or hangs the real subject from the city.
// When a sentence opens with a dateline, Parse parses the dateline and the
// clause after the dash apart and joins them: the clause's root is the
// sentence's root, the dateline's head hangs from it as dep, and the dash
// is the clause's punctuation.

// datelineEnd returns the index of the dash that closes a dateline at the
// start of words, or -1 when the sentence has none. A dateline is one or
// more words in capitals tagged as proper nouns (ADDIS ABABA), then
// optionally a comma and up to three capitalised words or numbers (",
// Kenya", ", March 4", ", Sept. 3"), then optionally up to three words in
// parentheses ("(AP)"), then a dash, with at least two words after it, the
// first capitalised. Web headings ("BIG MISTAKE - The food was cold") are
// not tagged as names, and a split compound ("US - trained") goes on in
// lower case.
func datelineEnd(words, upos []string) int {
	n := len(words)
	if len(upos) < n {
		return -1
	}
	i := 0
	for i < n && allCaps(words[i]) && upos[i] == "PROPN" {
		i++
	}
	if i == 0 {
		return -1
	}
	if i < n && words[i] == "," {
		j := i + 1
		for j < n && j <= i+3 && (capitalisedWord(words[j]) || numeric(words[j])) {
			j++
		}
		if j == i+1 {
			return -1
		}
		i = j
	}
	if i < n && words[i] == "(" {
		j := i + 1
		for j < n && j <= i+3 && words[j] != ")" {
			j++
		}
		if j >= n || words[j] != ")" || j == i+1 {
			return -1
		}
		i = j + 1
	}
	if i < n && dash(words[i]) && n-i > 2 && capitalisedWord(words[i+1]) {
		return i
	}
	return -1
}

// allCaps reports whether w has at least two letters, all upper case, and
// nothing but letters, dots and hyphens (KYIV, U.N., PORT-AU-PRINCE).
func allCaps(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.' || r == '-' || r == '\'':
		default:
			return false
		}
	}
	return letters >= 2
}

func capitalisedWord(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

func numeric(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

func dash(w string) bool {
	switch w {
	case "-", "--", "—", "–", "―":
		return true
	}
	return false
}

// parseDateline parses a sentence whose dateline ends with the dash at d:
// the words before the dash and the words after it each as a sentence of
// their own, then joined as described above. alts, when not nil, gets the
// alternatives of each part, their heads moved to sentence positions.
func (p *Parser) parseDateline(words, upos, xpos []string, heads []int, rels []string, alts []Alternative, d int) {
	n := len(words)
	c := d + 1
	var before, after []Alternative
	if alts != nil {
		before, after = alts[:d], alts[c:n]
	}
	p.parseSpan(words[:d], upos[:d], xpos[:d], heads[:d], rels[:d], before)
	p.parseSpan(words[c:n], upos[c:n], xpos[c:n], heads[c:n], rels[c:n], after)
	root := 0
	for i := c; i < n; i++ {
		if heads[i] == 0 {
			root = i + 1
		} else {
			heads[i] += c
		}
	}
	for i := 0; i < d; i++ {
		if heads[i] == 0 {
			heads[i], rels[i] = root, "dep"
			if alts != nil {
				alts[i] = Alternative{Head: -1, HeadMargin: math.Inf(1), Margin: math.Inf(1)}
			}
		}
	}
	heads[d], rels[d] = root, "punct"
	if alts == nil {
		return
	}
	alts[d] = Alternative{Head: -1, HeadMargin: math.Inf(1), Margin: math.Inf(1)}
	for i := range after {
		if after[i].Head > 0 {
			after[i].Head += c
		}
	}
}
