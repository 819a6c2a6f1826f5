// Package segment splits a document's text into tokens and sentences.
//
// Tokenisation follows the Penn Treebank conventions the tagger and parser
// were trained on, adapted to wire news: punctuation and quotes are split
// off, possessives ('s, ’s) and negations (n't) are their own tokens,
// abbreviations (U.S., Gen., Lt., Oct.) and initials (I.H.) keep their
// period, numbers keep their decimal points and thousands separators
// (2.3, 32,300), and hyphenated words (al-Aqsa, Gaza-based) stay whole
// because names are matched whole downstream.
//
// Sentences end at terminal punctuation followed by a capitalised word, a
// digit or an opening quote, and always at a paragraph break (a blank line).
// A wire dateline (Document.Dateline) is metadata, not a sentence: the
// tokens start after it.
package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-events/parley/doc"
)

// Segment fills d.Tokens and d.Sentences from d.Text.
func Segment(d *doc.Document) {
	start := 0
	if d.Dateline != nil {
		start = d.Dateline.End
	}
	var breaks []int // token indices preceded by a paragraph break
	d.Tokens, breaks = Tokenize(d.Text, start, d.Tokens[:0])
	d.Sentences = Split(d.Tokens, breaks, d.Sentences[:0])
}

// Tokenize appends the tokens of text[start:] to out. It also returns the
// indices of the tokens that follow a paragraph break.
func Tokenize(text string, start int, out []doc.Token) ([]doc.Token, []int) {
	var breaks []int
	i := start
	newlines := 0
	for i < len(text) {
		c := text[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' {
			if c == '\n' {
				newlines++
			}
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				i += n
				continue
			}
		}
		// A chunk: a maximal run of non-space characters.
		j := i
		for j < len(text) {
			c := text[j]
			if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' {
				break
			}
			if c >= utf8.RuneSelf {
				r, n := utf8.DecodeRuneInString(text[j:])
				if unicode.IsSpace(r) {
					break
				}
				j += n
				continue
			}
			j++
		}
		if len(out) > 0 && (newlines >= 2 || newlines == 1 && lineEnds(out, lastBreak(breaks))) {
			breaks = append(breaks, len(out))
		}
		newlines = 0
		if len(out) > 0 {
			out[len(out)-1].SpaceAfter = true
		}
		out = chunk(text, i, j, out)
		i = j
	}
	return out, breaks
}

func lastBreak(breaks []int) int {
	if len(breaks) == 0 {
		return 0
	}
	return breaks[len(breaks)-1]
}

// lineEnds says whether a single line break after toks ends a paragraph:
// in text written one paragraph per line, the line ends a sentence; a
// headline ("Joint Statement from Australia ... on Additional Strikes
// Against the Houthis in Yemen") ends without punctuation but is written
// in title case. A line wrapped mid-sentence is neither.
func lineEnds(toks []doc.Token, from int) bool {
	last := toks[len(toks)-1].Text
	if isCloser(last) && len(toks) > 1 {
		last = toks[len(toks)-2].Text
	}
	if isTerminal(last) {
		return true
	}
	capital, words := 0, 0
	for _, t := range toks[from:] {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsLetter(r) || titleFunctionWords[t.Text] {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			capital++
		}
	}
	return words >= 2 && capital*5 >= words*4
}

// titleFunctionWords stay lower case in title-case headlines.
var titleFunctionWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "of": true, "in": true,
	"on": true, "at": true, "to": true, "for": true, "by": true, "from": true, "with": true, "as": true,
	"vs": true, "over": true, "into": true, "amid": true, "after": true,
}

// chunk appends the tokens of the whitespace-free run text[s:e].
func chunk(text string, s, e int, out []doc.Token) []doc.Token {
	// Leading punctuation: quotes, brackets, currency before a digit, dashes.
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if n2 := dashLen(text[s:e]); n2 > 0 && e-s > n2 {
			out = appendTok(out, text, s, s+n2)
			s += n2
			continue
		}
		if strings.ContainsRune(openers, r) || (strings.ContainsRune(currency, r) && s+n < e && isDigit(text[s+n])) {
			if s+n == e {
				break // the chunk is this one character: emitted below
			}
			out = appendTok(out, text, s, s+n)
			s += n
			continue
		}
		break
	}
	// Trailing punctuation, collected right to left.
	var tail [8][2]int
	nt := 0
	for e > s && nt < len(tail) {
		word := text[s:e]
		if strings.HasSuffix(word, "...") && e-3 > s {
			tail[nt] = [2]int{e - 3, e}
			nt, e = nt+1, e-3
			continue
		}
		r, n := utf8.DecodeLastRuneInString(word)
		if n == len(word) {
			break
		}
		if r == '.' {
			if isAbbreviation(word) {
				break
			}
			tail[nt] = [2]int{e - n, e}
			nt, e = nt+1, e-n
			continue
		}
		if strings.ContainsRune(closers, r) {
			// "’s" / "'s" is a possessive, not a closing quote: handled in core.
			tail[nt] = [2]int{e - n, e}
			nt, e = nt+1, e-n
			continue
		}
		if n2 := dashLenSuffix(word); n2 > 0 && n2 < len(word) {
			tail[nt] = [2]int{e - n2, e}
			nt, e = nt+1, e-n2
			continue
		}
		break
	}
	out = core(text, s, e, out)
	for k := nt - 1; k >= 0; k-- {
		out = appendTok(out, text, tail[k][0], tail[k][1])
	}
	return out
}

// core splits the middle of a chunk: inner dashes and ellipses, and the
// clitics 's, n't, 're, 've, 'll, 'd, 'm.
func core(text string, s, e int, out []doc.Token) []doc.Token {
	if s >= e {
		return out
	}
	word := text[s:e]
	// Inner em/en dashes and "--" separate words: "Hamas—the group".
	for k := 1; k < len(word)-1; k++ {
		if n := dashLen(word[k:]); n > 0 && k+n < len(word) {
			out = core(text, s, s+k, out)
			out = appendTok(out, text, s+k, s+k+n)
			return core(text, s+k+n, e, out)
		}
		if n := quoteLen(word[k:]); n > 0 {
			// "Israel's“crimes”": a double quote inside a run of letters
			// (a missing space) still separates words.
			out = core(text, s, s+k, out)
			out = appendTok(out, text, s+k, s+k+n)
			return core(text, s+k+n, e, out)
		}
		if strings.HasPrefix(word[k:], "...") {
			out = core(text, s, s+k, out)
			out = appendTok(out, text, s+k, s+k+3)
			return core(text, s+k+3, e, out)
		}
	}
	if n := cliticLen(word); n > 0 && n < len(word) {
		out = appendTok(out, text, s, e-n)
		return appendTok(out, text, e-n, e)
	}
	return appendTok(out, text, s, e)
}

func appendTok(out []doc.Token, text string, s, e int) []doc.Token {
	return append(out, doc.Token{Start: s, End: e, Text: text[s:e], Head: -1})
}

const (
	openers  = "\"“‘'([{«„"
	closers  = "\"”’')]}»,;:!?…"
	currency = "$£€¥"
)

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// dashLen is the byte length of a dash at the start of s: "—", "–", "--".
func dashLen(s string) int {
	switch {
	case strings.HasPrefix(s, "—"), strings.HasPrefix(s, "–"):
		return len("—")
	case strings.HasPrefix(s, "--"):
		return 2
	}
	return 0
}

func dashLenSuffix(s string) int {
	switch {
	case strings.HasSuffix(s, "—"), strings.HasSuffix(s, "–"):
		return len("—")
	case strings.HasSuffix(s, "--"):
		return 2
	}
	return 0
}

// quoteLen is the byte length of a double quotation mark at the start of
// s, or 0.
func quoteLen(s string) int {
	for _, q := range [...]string{"\"", "“", "”", "«", "»", "„"} {
		if strings.HasPrefix(s, q) {
			return len(q)
		}
	}
	return 0
}

// cliticLen is the byte length of a clitic ending the word, or 0.
func cliticLen(w string) int {
	lw := strings.ToLower(w)
	for _, c := range [...]string{"n't", "n’t"} {
		if strings.HasSuffix(lw, c) && len(lw) > len(c) {
			return len(c)
		}
	}
	for _, apo := range [...]string{"'", "’"} {
		for _, c := range [...]string{"s", "re", "ve", "ll", "d", "m"} {
			if strings.HasSuffix(lw, apo+c) && len(lw) > len(apo+c) {
				// "O'Neill" and "al-Ba'ath" are names, not clitics: only
				// split when a letter precedes the apostrophe.
				r, _ := utf8.DecodeLastRuneInString(lw[:len(lw)-len(apo+c)])
				if unicode.IsLetter(r) || isDigit(byte(r)) {
					return len(apo + c)
				}
			}
		}
	}
	return 0
}

// abbreviations keep their period. Those in sentenceFinal may also end a
// sentence ("sanctions on the U.S. The ministry said").
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true, "col": true,
	"maj": true, "capt": true, "cpt": true, "sgt": true, "cpl": true, "pvt": true, "adm": true, "cmdr": true,
	"sen": true, "rep": true, "gov": true, "pres": true, "amb": true, "rev": true, "hon": true, "st": true,
	"no": true, "nos": true, "vol": true, "art": true, "para": true, "fig": true, "p": true, "pp": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"inc": true, "corp": true, "ltd": true, "co": true, "jr": true, "sr": true, "vs": true, "etc": true,
	"approx": true, "est": true, "dept": true, "govt": true, "bln": true, "mln": true, "bn": true, "mn": true,
	"trln": true, "km": true, "sq": true, "ft": true, "mt": true, "ave": true, "blvd": true, "rd": true,
}

var sentenceFinal = map[string]bool{
	"inc": true, "corp": true, "ltd": true, "co": true, "jr": true, "sr": true, "etc": true,
	"bln": true, "mln": true, "bn": true, "mn": true, "trln": true, "km": true,
}

// isAbbreviation says whether word (ending in ".") keeps its period:
// a known abbreviation, a dotted acronym (U.S., I.H.), or an initial (J.).
func isAbbreviation(word string) bool {
	w := strings.TrimSuffix(word, ".")
	if w == "" {
		return false
	}
	if abbreviations[strings.ToLower(w)] {
		return true
	}
	return isDotted(w) || (len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z')
}

// isDotted matches letter-dot sequences: "U.S", "I.H", "e.g", "a.m".
func isDotted(w string) bool {
	if len(w) < 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		isLetter := (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
		if i%2 == 0 && !isLetter || i%2 == 1 && c != '.' {
			return false
		}
	}
	return true
}
