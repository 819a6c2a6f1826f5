// Package lemma gives the dictionary form (lemma) of an English word from
// its part of speech: "met"/VBD → "meet", "militants"/NNS → "militant",
// "was"/VBD → "be", "better"/JJR → "good".
//
// It works like WordNet's morphy: irregular forms come from the WordNet 3.0
// exception lists, regular ones from suffix rules whose results are checked
// against the WordNet lexicon; a small table of corrections learnt from the
// EWT treebank covers frequent words (pronouns, auxiliaries, contractions)
// that WordNet does not describe. All three tables are embedded.
//
// Common words are returned in lower case; proper nouns keep their case.
package lemma

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parley-events/parley/wordlist"
)

//go:embed wordnet.tsv
var wordnetTSV []byte

//go:embed exceptions.tsv
var exceptionsTSV []byte

//go:embed treebank.tsv
var treebankTSV []byte

// Part-of-speech bits of a lexicon entry.
const (
	Noun   = 1 << iota // common noun
	Proper             // proper noun (WordNet writes it capitalised)
	Verb
	Adj
	Adv
	CapitalAdj // adjective written capitalised (German, Jordanian)
)

type formPOS struct{ form, pos string }

// tables are the parsed data files.
type tables struct {
	lexicon    map[string]uint8
	exceptions map[formPOS]string // pos is n, v, a or r
	treebank   map[formPOS]string // pos is a Penn Treebank tag
}

var (
	loadOnce sync.Once
	deflt    *tables
)

func defaultTables() *tables {
	loadOnce.Do(func() {
		t, err := parseTables(bytes.NewReader(wordnetTSV), bytes.NewReader(exceptionsTSV), bytes.NewReader(treebankTSV))
		if err != nil {
			panic(fmt.Sprintf("lemma: embedded table: %v", err))
		}
		deflt = t
	})
	return deflt
}

func parseTables(lexicon, exceptions, treebank io.Reader) (*tables, error) {
	t := &tables{lexicon: map[string]uint8{}, exceptions: map[formPOS]string{}, treebank: map[formPOS]string{}}
	err := readTSV("wordnet.tsv", lexicon, 2, func(f []string) error {
		var bits uint8
		for _, c := range f[1] {
			switch c {
			case 'n':
				bits |= Noun
			case 'p':
				bits |= Proper
			case 'v':
				bits |= Verb
			case 'a':
				bits |= Adj
			case 'r':
				bits |= Adv
			case 'c':
				bits |= CapitalAdj
			default:
				return fmt.Errorf("unknown part of speech %q", c)
			}
		}
		t.lexicon[f[0]] = bits
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("exceptions.tsv", exceptions, 3, func(f []string) error {
		k := formPOS{f[0], f[1]}
		if _, dup := t.exceptions[k]; !dup {
			t.exceptions[k] = f[2]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if treebank != nil {
		err = readTSV("treebank.tsv", treebank, 3, func(f []string) error {
			t.treebank[formPOS{f[0], f[1]}] = f[2]
			return nil
		})
	}
	return t, err
}

func readTSV(name string, r io.Reader, fields int, fn func([]string) error) error {
	return wordlist.Rows(name, r, fields, func(_ int, f []string) error { return fn(f) })
}

// Lexicon calls fn for every single-word lemma of the WordNet lexicon with
// its part-of-speech bits (Noun, Proper, Verb, Adj, Adv), in no particular
// order. The tagger uses it to know which words can be what.
func Lexicon(fn func(word string, pos uint8)) {
	for w, b := range defaultTables().lexicon {
		fn(w, b)
	}
}

// Exceptions calls fn for every irregular inflected form of the WordNet
// exception lists, with its part of speech (n, v, a, r) and lemma.
func Exceptions(fn func(form, pos, lemma string)) {
	for k, l := range defaultTables().exceptions {
		fn(k.form, k.pos, l)
	}
}

// Lemma returns the dictionary form of word given its universal (upos) and
// Penn Treebank (xpos) tags.
//
// Typographic hyphens become "-" in the lemma: "Secretary‑General" written
// with a non-breaking hyphen (U+2011) has the lemma "Secretary-General".
func Lemma(word, upos, xpos string) string {
	if strings.IndexByte(word, 0xE2) >= 0 { // the first byte of U+2010 and U+2011
		word = typographicHyphens.Replace(word)
	}
	return defaultTables().lemma(word, upos, xpos)
}

var typographicHyphens = strings.NewReplacer("\u2010", "-", "\u2011", "-")

func (t *tables) lemma(word, upos, xpos string) string {
	if upos == "PROPN" || xpos == "NNP" || xpos == "NNPS" {
		if xpos == "NNPS" {
			// Keep the case, drop the plural: Americans → American.
			// Only when lower-casing keeps the byte offsets (not for
			// invalid UTF-8 or letters whose cases differ in length).
			low := strings.ToLower(word)
			if l := t.inflect(low, "NNS"); l != low && len(low) == len(word) && len(l) <= len(word) && strings.HasPrefix(low, l) {
				return word[:len(l)]
			}
		}
		return word
	}
	switch upos {
	case "PUNCT", "SYM", "NUM", "X":
		return normaliseQuotes(word)
	}
	low := lower(word)
	if upos == "ADJ" && low != word && (t.lexicon[low]&CapitalAdj != 0 || hyphenCapital(word)) {
		// German, Jordanian, anti-American keep their capitals.
		return word
	}
	if xpos == "NNS" && (strings.HasSuffix(low, "'s") || strings.HasSuffix(low, "’s")) && len(low) > 3 {
		// Plurals written with an apostrophe: pic's, 1990's.
		low = strings.TrimSuffix(strings.TrimSuffix(low, "'s"), "’s")
		if l, ok := t.treebank[formPOS{low, xpos}]; ok {
			return l
		}
		return low
	}
	if l, ok := t.treebank[formPOS{low, xpos}]; ok {
		return l
	}
	return t.inflect(low, xpos)
}

// byRules is the lemma the rules alone give (no treebank table), used when
// building that table.
func (t *tables) byRules(low, xpos string) string { return t.inflect(low, xpos) }

// inflect undoes the inflection that xpos names on a lower-case word.
func (t *tables) inflect(low, xpos string) string {
	var pos string
	var bit uint8
	var rules [][2]string
	switch xpos {
	case "NNS":
		pos, bit, rules = "n", Noun, nounRules
	case "VBZ", "VBD", "VBN", "VBG":
		pos, bit, rules = "v", Verb, verbRules
	case "JJR", "JJS":
		pos, bit, rules = "a", Adj, adjRules
	case "RBR", "RBS":
		pos, bit, rules = "r", Adv, adjRules
	default:
		return low
	}
	if l, ok := t.exceptions[formPOS{low, pos}]; ok {
		return l
	}
	for _, r := range rules {
		if strings.HasSuffix(low, r[0]) && len(low) > len(r[0]) {
			stem := low[:len(low)-len(r[0])] + r[1]
			if t.lexicon[stem]&bit != 0 {
				return stem
			}
			if u := undouble(stem); u != stem && r[1] == "" && t.lexicon[u]&bit != 0 {
				return u
			}
		}
	}
	if t.lexicon[low]&bit != 0 {
		return low
	}
	return guess(low, xpos)
}

// hyphenCapital reports whether a capital letter follows a hyphen
// (anti-American).
func hyphenCapital(w string) bool {
	for i := 0; i+1 < len(w); i++ {
		if w[i] == '-' && w[i+1] >= 'A' && w[i+1] <= 'Z' {
			return true
		}
	}
	return false
}

// WordNet's morphy detachment rules, most specific first.
var (
	nounRules = [][2]string{{"ies", "y"}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"s", ""}}
	verbRules = [][2]string{{"ies", "y"}, {"ied", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}, {"s", ""}}
	adjRules  = [][2]string{{"iest", "y"}, {"ier", "y"}, {"est", ""}, {"er", ""}, {"est", "e"}, {"er", "e"}}
)

// undouble turns a stem ending in a doubled consonant into the single one
// (stopp → stop), as in stopped, stopping, bigger.
func undouble(s string) string {
	n := len(s)
	if n >= 3 && s[n-1] == s[n-2] && strings.IndexByte("bdgklmnprtvz", s[n-1]) >= 0 {
		return s[:n-1]
	}
	return s
}

// guess undoes a regular inflection of a word WordNet does not know.
func guess(low, xpos string) string {
	cut := func(suf, rep string) (string, bool) {
		if strings.HasSuffix(low, suf) && len(low) > len(suf)+1 {
			return low[:len(low)-len(suf)] + rep, true
		}
		return "", false
	}
	switch xpos {
	case "NNS", "VBZ":
		if s, ok := cut("ies", "y"); ok {
			return s
		}
		for _, suf := range []string{"sses", "xes", "zes", "ches", "shes"} {
			if s, ok := cut(suf, suf[:len(suf)-2]); ok {
				return s
			}
		}
		if strings.HasSuffix(low, "ss") || strings.HasSuffix(low, "us") || strings.HasSuffix(low, "is") {
			return low
		}
		if s, ok := cut("s", ""); ok {
			return s
		}
	case "VBD", "VBN":
		if s, ok := cut("ied", "y"); ok {
			return s
		}
		if s, ok := cut("ed", ""); ok {
			return undouble(s)
		}
	case "VBG":
		if s, ok := cut("ing", ""); ok {
			return undouble(s)
		}
	case "JJR", "RBR":
		if s, ok := cut("ier", "y"); ok {
			return s
		}
		if s, ok := cut("er", ""); ok {
			return undouble(s)
		}
	case "JJS", "RBS":
		if s, ok := cut("iest", "y"); ok {
			return s
		}
		if s, ok := cut("est", ""); ok {
			return undouble(s)
		}
	}
	return low
}

// lower lower-cases a word, mapping typographic apostrophes to ASCII
// (don’t → don't) so that the tables match.
func lower(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf || (w[i] >= 'A' && w[i] <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	return strings.Map(func(r rune) rune {
		if r == '’' || r == '‘' {
			return '\''
		}
		return unicode.ToLower(r)
	}, w)
}

func normaliseQuotes(w string) string {
	switch w {
	case "“", "”", "„", "«", "»":
		return `"`
	case "‘", "’":
		return "'"
	}
	return w
}

// CommonWord reports whether a lower-case word is, in WordNet, a common
// noun, verb, adjective or adverb, directly or through a regular
// inflection ("uproots", "drills", "bases"); proper nouns alone are not.
func CommonWord(low string) bool {
	t := defaultTables()
	const common = Noun | Verb | Adj | Adv
	if t.lexicon[low]&common != 0 {
		return true
	}
	for _, xpos := range []string{"NNS", "VBZ", "VBD", "VBG"} {
		if l := t.inflect(low, xpos); l != low && t.lexicon[l]&common != 0 {
			return true
		}
	}
	return false
}
