package dates

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// kind is what a calendar word contributes to an expression.
type kind uint8

const (
	kNone      kind = iota
	kMonth          // value 1-12
	kWeekday        // value 0 (Sunday) - 6
	kRelDay         // yesterday, today, tonight, tomorrow: value is days from publication
	kUnit           // day, week, month, year, hour: value is days per unit (0 for hours)
	kNumber         // a, two, twelve: value
	kPart           // morning, afternoon, evening, night
	kMod            // last (-1), next (1), this (0)
	kEdge           // early, late, mid, earlier, later
	kPrep           // on, in, since, ...: taken into the expression
	kAgo            // ago
	kOvernight      // overnight
	kEpithet        // Bloody (Sunday), Good (Friday): the weekday is a name
)

var kindNames = map[string]kind{
	"month": kMonth, "weekday": kWeekday, "relday": kRelDay, "unit": kUnit,
	"number": kNumber, "part": kPart, "mod": kMod, "edge": kEdge, "prep": kPrep,
	"ago": kAgo, "overnight": kOvernight, "epithet": kEpithet,
}

// entry is one row of words.tsv.
type entry struct {
	word string // lower case
	kind kind
	val  int
	abbr bool // an abbreviated month name: counts only before a day or a year
}

//go:embed words.tsv
var wordsTSV string

// table maps lower-case calendar words to their entries.
var table = mustParseWords(wordsTSV)

// firstLast[n] has bit c-'a' of its first word set when some table word of
// length n starts with letter c, and of its second when one ends with c: a
// cheap test that spares most words the map lookup.
var firstLast = func() (fl [maxWordLen + 1][2]uint32) {
	for w := range table {
		fl[len(w)][0] |= 1 << (w[0] - 'a')
		fl[len(w)][1] |= 1 << (w[len(w)-1] - 'a')
	}
	return fl
}()

// maxWordLen bounds the words looked up in table, so that lower-casing fits
// in a small stack buffer.
const maxWordLen = 16

func mustParseWords(src string) map[string]entry {
	t, err := parseWords(src)
	if err != nil {
		// words.tsv is embedded: a bad row is a bug in this package, caught
		// by its tests, not bad input.
		panic(err)
	}
	return t
}

func parseWords(src string) (map[string]entry, error) {
	t := map[string]entry{}
	header := false
	for n, line := range strings.Split(src, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if !header {
			header = true
			if f[0] != "word" {
				return nil, fmt.Errorf("words.tsv:%d: want the header row word/kind/value/abbr", n+1)
			}
			continue
		}
		if len(f) < 3 || len(f) > 4 {
			return nil, fmt.Errorf("words.tsv:%d: want 3 or 4 tab-separated fields, got %d", n+1, len(f))
		}
		k, ok := kindNames[f[1]]
		if !ok {
			return nil, fmt.Errorf("words.tsv:%d: unknown kind %q", n+1, f[1])
		}
		v, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("words.tsv:%d: value %q is not a number", n+1, f[2])
		}
		w := f[0]
		if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" || len(w) > maxWordLen || w == "" {
			return nil, fmt.Errorf("words.tsv:%d: word %q must be lower-case ASCII letters, at most %d", n+1, w, maxWordLen)
		}
		if _, dup := t[w]; dup {
			return nil, fmt.Errorf("words.tsv:%d: %q listed twice", n+1, w)
		}
		e := entry{word: w, kind: k, val: v}
		if len(f) == 4 {
			if f[3] != "abbr" {
				return nil, fmt.Errorf("words.tsv:%d: fourth field must be abbr or absent", n+1)
			}
			e.abbr = true
		}
		t[w] = e
	}
	if !header {
		return nil, fmt.Errorf("words.tsv: no header row")
	}
	return t, nil
}

// tok is what one token can contribute to a date.
type tok struct {
	e       entry // calendar word (kind kNone if none)
	cap     bool  // starts with an upper-case letter
	poss    bool  // ends in 's or ’s ("Sunday's")
	dot     bool  // ended in "." ("Oct.")
	mid     bool  // "mid-November"
	num     int   // value of a number token
	digits  int   // digits of a number token ("07" has 2); 0 if not a number
	ord     bool  // an ordinal ("7th")
	decade  bool  // "1980s"
	y, m, d int   // a whole date in one token ("2023-10-07", "10.11.2020"); y is 0 if none
	punct   byte  // the token is this one ASCII punctuation character
	the     bool  // the word "the"
	and     bool  // "and" or "or"
	of      bool  // "of"
	sfx     bool  // a possessive token on its own ("'s", "’s")
}

// classify looks at one token without allocating.
func classify(s string) tok {
	var t tok
	if s == "" {
		return t
	}
	if len(s) == 1 && isPunct(s[0]) {
		t.punct = s[0]
		return t
	}
	if s == "'s" || s == "’s" || s == "'S" || s == "’S" {
		t.sfx = true
		return t
	}
	switch {
	case len(s) > 2 && (s[len(s)-2:] == "'s" || s[len(s)-2:] == "'S"):
		t.poss, s = true, s[:len(s)-2]
	case len(s) > 4 && (s[len(s)-4:] == "’s" || s[len(s)-4:] == "’S"):
		t.poss, s = true, s[:len(s)-4]
	}
	if len(s) > 1 && s[len(s)-1] == '.' {
		t.dot, s = true, s[:len(s)-1]
	}
	if len(s) > 4 && (s[:4] == "mid-" || s[:4] == "Mid-") {
		t.mid, s = true, s[4:]
	}
	if s[0] >= '0' && s[0] <= '9' {
		classifyNumber(s, &t)
		if t.mid && !t.isYear() {
			return tok{} // "mid-30s" is an age, not a time
		}
		return t
	}
	if len(s) > maxWordLen {
		return t
	}
	var buf [maxWordLen]byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		default:
			return t
		}
		buf[i] = c
	}
	t.cap = s[0] >= 'A' && s[0] <= 'Z'
	w := buf[:len(s)]
	switch string(w) {
	case "the":
		t.the = true
		return t
	case "and", "or":
		t.and = true
		return t
	case "of":
		t.of = true
		return t
	}
	if fl := firstLast[len(w)]; fl[0]&(1<<(w[0]-'a')) == 0 || fl[1]&(1<<(w[len(w)-1]-'a')) == 0 {
		return t
	}
	t.e = table[string(w)]
	if t.mid && t.e.kind != kMonth {
		t.e = entry{}
	}
	return t
}

func isPunct(c byte) bool {
	return c == ',' || c == '.' || c == ';' || c == ':' || c == '(' || c == ')' || c == '!' || c == '?' || c == '"' || c == '-'
}

// classifyNumber reads "7", "07", "7th", "1980s", "2023-10-07", "2023/10/07",
// "10.11.2020" (day first, as dotted dates are written) and "25/10/2023" or
// "10/25/2023" when only one reading is a valid date.
func classifyNumber(s string, t *tok) {
	n, i := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' && i < 9 {
		n = n*10 + int(s[i]-'0')
		i++
	}
	rest := s[i:]
	switch {
	case rest == "":
		t.num, t.digits = n, i
	case rest == "st" || rest == "nd" || rest == "rd" || rest == "th":
		t.num, t.digits, t.ord = n, i, true
	case rest == "s" && i == 4:
		t.decade = true
	case len(s) == 10 && i == 4 && (s[4] == '-' || s[4] == '/') && s[7] == s[4]:
		y, m, d, ok := threeNumbers(s, 4, 2, 2)
		if ok {
			setDate(t, y, m, d)
		}
	case (rest[0] == '.' || rest[0] == '/') && i <= 2:
		parts := [3]int{}
		ok := true
		k, p := 0, 0
		for p < 3 && k < len(s) {
			start := k
			v := 0
			for k < len(s) && s[k] >= '0' && s[k] <= '9' && k-start < 4 {
				v = v*10 + int(s[k]-'0')
				k++
			}
			if k == start {
				ok = false
				break
			}
			parts[p] = v
			p++
			if p < 3 {
				if k >= len(s) || s[k] != rest[0] {
					ok = false
					break
				}
				k++
			} else if k != len(s) || k-start != 4 {
				ok = false
			}
		}
		if !ok || p != 3 {
			return
		}
		a, b, y := parts[0], parts[1], parts[2]
		if rest[0] == '.' {
			setDate(t, y, b, a)
			return
		}
		switch {
		case a == b:
			setDate(t, y, a, b)
		case a > 12 && b <= 12:
			setDate(t, y, b, a)
		case b > 12 && a <= 12:
			setDate(t, y, a, b)
		}
	}
}

// threeNumbers reads fixed-width numbers separated by one byte.
func threeNumbers(s string, w1, w2, w3 int) (int, int, int, bool) {
	var out [3]int
	k := 0
	for p, w := range [3]int{w1, w2, w3} {
		if p > 0 {
			k++ // separator
		}
		for j := 0; j < w; j++ {
			if k >= len(s) || s[k] < '0' || s[k] > '9' {
				return 0, 0, 0, false
			}
			out[p] = out[p]*10 + int(s[k]-'0')
			k++
		}
	}
	return out[0], out[1], out[2], k == len(s)
}

func setDate(t *tok, y, m, d int) {
	if y >= 1000 && y <= 9999 && validDay(y, m, d) {
		t.y, t.m, t.d = y, m, d
	}
}

// isDay reports whether a token can be a day of the month.
func (t tok) isDay() bool { return t.digits >= 1 && t.digits <= 2 && t.num >= 1 && t.num <= 31 }

// isYear reports whether a token is a plausible four-digit year.
func (t tok) isYear() bool { return t.digits == 4 && !t.ord && t.num >= 1900 && t.num <= 2100 }

// isMonth reports whether a token is a capitalised month name.
func (t tok) isMonth() bool { return t.e.kind == kMonth && t.cap }
