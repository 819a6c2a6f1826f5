// Package kb is parley's knowledge base: the countries, territories,
// organisations, people and role nouns that actor names in news text refer
// to, with the country code and PLOVER sector each one gives an actor.
//
// The facts live in readable TSV files under data/ (their formats are agreed
// in the team's kb-format notes and restated in each file's header), are
// embedded in the binary, and are loaded once by Default. Load reads the same
// files from any folder, for tests and for users' own dictionaries.
//
// Lookups are built for the actor resolver, which calls Match at every token
// of every sentence: names are indexed by their first normalised word, and
// matching compares the candidate phrases against the tokens in place,
// without allocating.
package kb

import (
	"embed"
	"io/fs"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// dataFS holds every knowledge-base table. Other files of this package
// (places, triggers) read their own tables from it too.
//
//go:embed data/*.tsv
var dataFS embed.FS

// MaxNameWords is the longest name, in tokens, that Match will consider.
const MaxNameWords = 12

// Entity is anything a name in text can refer to.
type Entity struct {
	Name     string // canonical name ("Russia", "Hamas", "Ali Bagheri Kani", "Gaza Strip")
	Kind     Kind   // CountryKind, TerritoryKind, OrganisationKind, PersonKind, CapitalKind/MetonymKind (the government seat), PlaceKind
	Class    string // the file's own kind column: "armed", "igo", "media" (organisations); "province", "region" (territories)
	Country  string // ISO alpha-3 or special code (UNO, IGO, EUR, NGO, ISM, IMG, MNC)
	Sector   string // PLOVER sector or "" (countries and territories: ""; metonyms such as Kremlin: "GOV")
	Title    string // people: office
	From, To string // people: validity (YYYY-MM-DD prefixes), "" open
	Lat, Lon float64
	Source   string // file:line it came from, for provenance and error messages
}

// Kind is what a name or a role noun refers to. An actor mention takes
// the kind of the entity or role it names (package mention's Kind is this
// type, with the mention finder's own kinds added).
type Kind string

// The kinds of entities (Entity.Kind) and roles (Role.Kind).
const (
	CountryKind      Kind = "country"
	TerritoryKind    Kind = "territory"
	OrganisationKind Kind = "organisation"
	PersonKind       Kind = "person"  // a person; for a role, a title
	CapitalKind      Kind = "capital" // a capital standing for its government ("Moscow said")
	MetonymKind      Kind = "metonym" // a seat of government ("the Kremlin")
	PlaceKind        Kind = "place"
	GroupKind        Kind = "group" // a role: a collective ("protesters", "the army")
	BodyKind         Kind = "body"  // a role: an institution ("the ministry")
)

// Role is a role noun or phrase ("deputy foreign minister", "troop") and the
// sector it gives the actor it names.
type Role struct {
	Phrase string // lemma form, lower case
	Sector string // PLOVER sector
	Kind   Kind   // PersonKind (a title), GroupKind (a collective) or BodyKind (an institution)
}

// Country is one line of countries.tsv, for callers that need a country's
// name, capital or centroid from its code.
type Country struct {
	Code, Name string
	Capital    string
	Lat, Lon   float64
}

// KB is a loaded knowledge base. It is read-only after loading and safe for
// concurrent use.
type KB struct {
	names     index // countries, aliases, metonyms, territories, organisations, people
	adjs      index // nationality adjectives ("Iranian", "U.S.", "North Korean")
	dems      index // demonyms ("Palestinians", "Britons")
	roles     index // role phrases, lemma form
	countries map[string]Country
	offices   map[string][]Entity // lower-case title → the people who held it
	counts    map[string]int      // entries loaded per file, for reports
	lexicon   *lexicon            // a folder's own event tables; nil: the embedded ones
}

var (
	defaultOnce sync.Once
	defaultKB   *KB
)

// Default returns the knowledge base built from the embedded data files,
// loading it on first use. The embedded data is checked by the package tests
// to load without errors, so a failure here is a build defect and panics.
func Default() *KB {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(dataFS, "data")
		if err != nil {
			panic("kb: embedded data: " + err.Error())
		}
		k, err := Load(sub)
		if err != nil {
			panic("kb: embedded data does not load: " + err.Error())
		}
		defaultKB = k
	})
	return defaultKB
}

// Match finds the longest name at the start of words (the tokens as
// written) and returns how many tokens it covers and the entities it names
// (several when a name is ambiguous, such as "Congo"). A leading "the" is
// skipped and counted in n. It returns n=0 when no name starts there. The
// returned slice is shared: callers must not modify it.
func (k *KB) Match(words []string) (n int, ents []Entity) {
	n, p := k.names.match(words, true)
	if p == nil {
		return 0, nil
	}
	return n, p.ents[:len(p.ents):len(p.ents)]
}

// Lookup returns the entities whose name or alias is exactly name (after
// normalisation: case folded except for short all-capital aliases, accents
// and curly apostrophes folded, a leading "the" dropped).
func (k *KB) Lookup(name string) []Entity {
	words := strings.Fields(name)
	n, ents := k.Match(words)
	if n == 0 || n != len(words) {
		return nil
	}
	return ents
}

// Adjective returns the country of a nationality adjective ("Iranian" →
// IRN, "U.S." → USA, "North Korean" → PRK). Nationality words are always
// capitalised in English, so a word written in lower case does not match
// ("polish", "us").
func (k *KB) Adjective(word string) (country string, ok bool) {
	return phraseCode(&k.adjs, word)
}

// Demonym returns the country of a word for its people ("Palestinians" →
// PSE, "Israelis" → ISR, "Britons" → GBR), with the same capitalisation
// rule as Adjective.
func (k *KB) Demonym(word string) (country string, ok bool) {
	return phraseCode(&k.dems, word)
}

// MatchAdjective is Adjective over tokens: the longest nationality
// adjective at the start of words ("North", "Korean" → n=2, PRK).
func (k *KB) MatchAdjective(words []string) (n int, country string) {
	n, p := k.adjs.match(words, false)
	if p == nil {
		return 0, ""
	}
	return n, p.code
}

// MatchDemonym is Demonym over tokens ("South", "Sudanese" → n=2, SSD).
func (k *KB) MatchDemonym(words []string) (n int, country string) {
	n, p := k.dems.match(words, false)
	if p == nil {
		return 0, ""
	}
	return n, p.code
}

func phraseCode(ix *index, s string) (string, bool) {
	var one [1]string
	words := one[:]
	if strings.ContainsAny(s, " \t") {
		words = strings.Fields(s)
	} else {
		one[0] = s
	}
	n, p := ix.match(words, false)
	if p == nil || n != len(words) {
		return "", false
	}
	return p.code, true
}

// Special reports whether code is one of PLOVER's non-country actor codes
// (IGO, UNO, EUR, NGO, ISM, IMG, MNC). The codes do not depend on the
// loaded data, so a nil *KB answers too.
func (k *KB) Special(code string) bool { return specialCodes[code] }

// Country returns the country with ISO alpha-3 code (or KOS).
func (k *KB) Country(code string) (Country, bool) {
	c, ok := k.countries[code]
	return c, ok
}

// KnownCode reports whether code is a country in countries.tsv or one of
// PLOVER's special codes (IGO, UNO, EUR, NGO, ISM, IMG, MNC).
func (k *KB) KnownCode(code string) bool {
	if _, ok := k.countries[code]; ok {
		return true
	}
	return specialCodes[code]
}

// Role finds the longest role phrase at the start of lemmas (lower-case
// token lemmas): "deputy foreign minister" gives n=3 before "minister" alone.
func (k *KB) Role(lemmas []string) (n int, r Role) {
	n, p := k.roles.match(lemmas, false)
	if p == nil {
		return 0, Role{}
	}
	return n, p.role
}

// Holders returns the people who held office title (lower case, as
// people.tsv writes it: "secretary-general", "foreign minister") on day,
// in country when country is not "". A description like "the Iranian
// foreign minister" names one person on a given day; "the
// Secretary-General" alone is the UN's, whose title people.tsv writes bare
// while other organisations' are qualified ("secretary general of nato").
func (k *KB) Holders(title, country, day string) []Entity {
	var out []Entity
	for _, e := range k.offices[strings.ToLower(title)] {
		if (country == "" || e.Country == country) && activeOn(&e, day) {
			out = append(out, e)
		}
	}
	return out
}

// ActiveOn keeps, among ents, the people whose office was held on day
// (YYYY-MM-DD) and all entities that are not people. A person line with
// From "2021" or To "2024-05" is compared on those prefixes, so a partial
// date covers the whole year or month. An empty day keeps everything.
func (k *KB) ActiveOn(ents []Entity, day string) []Entity {
	if day == "" {
		return ents
	}
	drop := 0
	for i := range ents {
		if !activeOn(&ents[i], day) {
			drop++
		}
	}
	if drop == 0 {
		return ents
	}
	kept := make([]Entity, 0, len(ents)-drop)
	for i := range ents {
		if activeOn(&ents[i], day) {
			kept = append(kept, ents[i])
		}
	}
	return kept
}

func activeOn(e *Entity, day string) bool {
	if e.Kind != PersonKind {
		return true
	}
	if e.From != "" && prefix(day, len(e.From)) < e.From {
		return false
	}
	if e.To != "" && prefix(day, len(e.To)) > e.To {
		return false
	}
	return true
}

func prefix(s string, n int) string {
	if n < len(s) {
		return s[:n]
	}
	return s
}

// Counts returns how many entries were loaded from each file, keyed by file
// name, for reports and tests.
func (k *KB) Counts() map[string]int {
	out := make(map[string]int, len(k.counts))
	for f, n := range k.counts {
		out[f] = n
	}
	return out
}

// phrase is one normalised name (or adjective, demonym, role) and what it
// stands for.
type phrase struct {
	key   string   // normalised: folded runes, separators as single spaces
	exact bool     // short all-capital alias: compared as written (US, UN, M23)
	ents  []Entity // names
	code  string   // adjectives and demonyms: the country
	role  Role     // roles
}

// index finds phrases by their first normalised word. Candidates under one
// first word are few (a dozen for "united"), so matching tries each in turn.
type index struct {
	byFirst map[string][]*phrase
	byKey   map[string]*phrase // key plus exactness, for merging while loading
	// capitalised requires the first token to begin with a capital letter:
	// used for nationality words, which English always capitalises.
	capitalised bool
}

func newIndex(capitalised bool) index {
	return index{byFirst: map[string][]*phrase{}, byKey: map[string]*phrase{}, capitalised: capitalised}
}

// add returns the phrase for text, creating it when new. The second result
// is false when text normalises to nothing.
func (ix *index) add(text string) (*phrase, bool) {
	exact := isShortCapitals(text)
	key := normalise(text, exact)
	if key == "" {
		return nil, false
	}
	mapKey := key
	if exact {
		mapKey = "\x00" + key
	}
	if p := ix.byKey[mapKey]; p != nil {
		return p, true
	}
	p := &phrase{key: key, exact: exact}
	ix.byKey[mapKey] = p
	first := normalise(firstWord(key), false)
	list := append(ix.byFirst[first], p)
	// Longest keys first, so the common case (the longest match is the
	// first that succeeds) is found early; match still checks them all.
	for i := len(list) - 1; i > 0 && len(list[i].key) > len(list[i-1].key); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	ix.byFirst[first] = list
	return p, true
}

func firstWord(key string) string {
	if i := strings.IndexByte(key, ' '); i >= 0 {
		return key[:i]
	}
	return key
}

// match returns the phrase covering the most tokens at the start of words,
// and how many tokens it covers (including a skipped leading "the" when
// skipThe is set).
func (ix *index) match(words []string, skipThe bool) (int, *phrase) {
	start := 0
	if skipThe && len(words) > 1 && strings.EqualFold(words[0], "the") {
		start = 1
	}
	if start >= len(words) {
		return 0, nil
	}
	if ix.capitalised {
		r, _ := utf8.DecodeRuneInString(words[start])
		if !unicode.IsUpper(r) {
			return 0, nil
		}
	}
	var buf [64]byte
	first, whole, ok := foldFirstSegment(buf[:0], words[start])
	if !ok {
		return 0, nil
	}
	cands := ix.byFirst[string(first)] // no allocation: map index by converted []byte
	bestN, best := 0, (*phrase)(nil)
	rest := words[start:]
	for _, p := range cands {
		var n int
		if whole && !p.exact {
			// The first token is exactly the first segment of every
			// candidate key (that is how they were found): compare from
			// the second token on.
			n = p.matchRest(rest, len(first))
		} else {
			n = p.matchWords(rest)
		}
		if n > bestN {
			bestN, best = n, p
		}
	}
	if best == nil {
		return 0, nil
	}
	return start + bestN, best
}

// matchWords returns how many of words the phrase covers exactly, or 0. The
// tokens are read as one stream of normalised runes with a separator between
// tokens; hyphens are separators too, so "Nagorno-Karabakh" written as one
// token or as three ("Nagorno", "-", "Karabakh") both match the key
// "nagorno karabakh". A match must end at the end of a token.
func (p *phrase) matchWords(words []string) int {
	return p.matchFrom(words, 0, 0, true)
}

// matchFrom continues matchWords at token wi and key offset pos.
func (p *phrase) matchFrom(words []string, wi, pos int, lastSep bool) int {
	key := p.key
	for ; wi < len(words); wi++ {
		w := words[wi]
		if wi >= MaxNameWords {
			return 0
		}
		if wi > 0 && !lastSep {
			if pos >= len(key) || key[pos] != ' ' {
				return 0
			}
			pos++
			lastSep = true
		}
		for _, r := range w {
			c := foldRune(r, p.exact)
			if c == ' ' {
				if lastSep {
					continue
				}
				if pos >= len(key) || key[pos] != ' ' {
					return 0
				}
				pos++
				lastSep = true
				continue
			}
			if pos >= len(key) {
				return 0
			}
			if c < utf8.RuneSelf {
				if key[pos] != byte(c) {
					return 0
				}
				pos++
			} else {
				kr, size := utf8.DecodeRuneInString(key[pos:])
				if kr != c {
					return 0
				}
				pos += size
			}
			lastSep = false
		}
		if pos == len(key) && !lastSep {
			return wi + 1
		}
	}
	return 0
}

// matchRest is matchWords for a phrase whose first segment (segLen bytes of
// the key) is known to equal the whole first token.
func (p *phrase) matchRest(words []string, segLen int) int {
	if segLen == len(p.key) {
		return 1
	}
	if p.key[segLen] != ' ' {
		return 0
	}
	return p.matchFrom(words, 1, segLen, false)
}

// foldFirstSegment appends the normalised runes of w up to its first
// separator, and reports whether that segment is the whole of w. It fails
// when w starts with a separator or the segment does not fit in buf's
// capacity (no name has a first word that long).
func foldFirstSegment(buf []byte, w string) (seg []byte, whole, ok bool) {
	whole = true
	for _, r := range w {
		c := foldRune(r, false)
		if c == ' ' {
			whole = false
			break
		}
		if len(buf)+utf8.RuneLen(c) > cap(buf) {
			return buf, false, false
		}
		buf = utf8.AppendRune(buf, c)
	}
	return buf, whole, len(buf) > 0
}

// normalise gives the matching key of a name: runes folded by foldRune,
// runs of separators (spaces, hyphens) collapsed to one space, a leading
// "the" dropped.
func normalise(s string, exact bool) string {
	var b strings.Builder
	sep := true
	for _, r := range s {
		c := foldRune(r, exact)
		if c == ' ' {
			if !sep {
				b.WriteByte(' ')
				sep = true
			}
			continue
		}
		b.WriteRune(c)
		sep = false
	}
	out := strings.TrimSuffix(b.String(), " ")
	if len(out) > 4 && strings.EqualFold(out[:4], "the ") {
		out = out[4:]
	}
	// The tokenizer splits the possessive clitic ("People" "’s"): so does
	// the key, so "People's Liberation Army" matches its tokens.
	if strings.Contains(out, "'s") {
		out = strings.ReplaceAll(out+" ", "'s ", " 's ")
		out = strings.TrimSuffix(strings.ReplaceAll(out, "  ", " "), " ")
	}
	return out
}

// foldRune maps a rune to its matching form: white space and hyphens (and
// dashes) become the separator ' ', curly apostrophes become straight ones,
// and unless exact, letters are lower-cased and stripped of accents
// ("Élysée" matches "Elysee").
func foldRune(r rune, exact bool) rune {
	if r < utf8.RuneSelf {
		switch {
		case r == '-' || r == ' ' || r == '\t' || r == '\n' || r == '\r':
			return ' '
		case !exact && 'A' <= r && r <= 'Z':
			return r + ('a' - 'A')
		}
		return r
	}
	switch r {
	case '\u2019', '\u2018', '\u02bc', '\u0060', '\u00b4':
		return '\''
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u00a0', '\u2009', '\u202f':
		return ' '
	}
	if exact {
		return r
	}
	r = unicode.ToLower(r)
	if r >= 0xC0 && r < 0x180 {
		if a := accentFold[r-0xC0]; a != 0 {
			return a
		}
	}
	return r
}

// accentFold maps the lower-case letters of Latin-1 and Latin Extended-A to
// their base letter (0 where there is none, such as ß or æ).
var accentFold = func() [0xC0]rune {
	var t [0xC0]rune
	groups := []struct {
		base  rune
		runes string
	}{
		{'a', "àáâãäåāăą"}, {'c', "çćĉċč"}, {'d', "ďđ"}, {'e', "èéêëēĕėęě"},
		{'g', "ĝğġģ"}, {'h', "ĥħ"}, {'i', "ìíîïĩīĭįı"}, {'j', "ĵ"}, {'k', "ķ"},
		{'l', "ĺļľŀł"}, {'n', "ñńņňŉ"}, {'o', "òóôõöøōŏő"}, {'r', "ŕŗř"},
		{'s', "śŝşš"}, {'t', "ţťŧ"}, {'u', "ùúûüũūŭůűų"}, {'w', "ŵ"},
		{'y', "ýÿŷ"}, {'z', "źżž"},
	}
	for _, g := range groups {
		for _, r := range g.runes {
			t[r-0xC0] = g.base
		}
	}
	return t
}()

// isShortCapitals reports whether a name is written entirely in capitals
// with at most five letters (US, U.S., UN, IS, M23, NATO): such names match
// only as written, so the pronoun "us" is not the United States.
func isShortCapitals(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0 && letters <= 5
}
