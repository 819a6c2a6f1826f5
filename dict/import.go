package dict

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/parley-events/parley/kb"
	"github.com/parley-events/parley/lemma"
)

// Options control an import.
type Options struct {
	// Ref is the knowledge base that gives country names, capitals,
	// centroids, adjectives and demonyms (kb.Default() when nil).
	Ref *kb.KB
	// Raw keeps what a test dictionary needs for compatibility runs:
	// country codes parley does not know (PETRARCH's validation suite uses
	// fictional countries) are written as countries without a centroid, and
	// verb patterns whose code PLOVER does not map (01 statements, 02
	// appeals, codes that are not CAMEO codes) keep it with type "-".
	// Load folders written this way with kb.LoadWith and RawCAMEO set.
	Raw bool
	// MaxExpansions bounds the trigger lines one verb pattern may expand
	// to through its synsets (default 64); larger patterns are skipped.
	MaxExpansions int
}

// Result is an imported dictionary set: parley tables by file name, and
// the report.
type Result struct {
	Tables map[string]*Table
	Report *Report
}

// Table is one output TSV file.
type Table struct {
	Header []string   // comment lines, without '#'
	Rows   [][]string // fields; "" is written as "-"
}

// Kind of a dictionary file, from its name.
func Kind(path string) (string, error) {
	b := strings.ToLower(filepath.Base(path))
	switch {
	case strings.Contains(b, "actors"):
		return "actors", nil
	case strings.Contains(b, "agents"):
		return "agents", nil
	case strings.Contains(b, "discard"):
		return "discards", nil
	case strings.Contains(b, "issue"):
		return "issues", nil
	case strings.Contains(b, "verbs") || strings.HasPrefix(b, "cameo"):
		return "verbs", nil
	}
	return "", fmt.Errorf("%s: cannot tell the dictionary kind from the name (want *.actors.txt, *.agents.txt, *.discards.txt, *issue*, *.verbs.txt or CAMEO*.txt)", path)
}

// converter holds the tables being built.
type converter struct {
	opt     Options
	m       *mappings
	ref     *kb.KB
	rep     *Report
	sources []string

	countries  map[string]*countryRow
	countryOrd []string
	claimed    map[string]string // normalised canonical name -> owner ("country:IRN", "org:3")
	orgs       []*orgRow
	people     [][]string
	offices    map[string]bool
	roles      [][]string
	roleSeen   map[string]bool
	triggers   [][]string
	trigSeen   map[string]string // pos+pattern -> cameo
	discards   [][]string
	issues     [][]string
	actorCodes [][]string
	agentCodes [][]string
}

type countryRow struct {
	code, name, capital, lat, lon string
	named                         bool // name from the reference KB or a dictionary entry
	aliases, adjs, dems           []string
	seen                          map[string]bool
}

type orgRow struct {
	name, country, sector, kind string
	aliases                     []string
	seen                        map[string]bool
}

// Import reads the dictionary files and converts them.
func Import(files []string, opt Options) (*Result, error) {
	m, err := loadMappings()
	if err != nil {
		return nil, err
	}
	if opt.Ref == nil {
		opt.Ref = kb.Default()
	}
	if opt.MaxExpansions <= 0 {
		opt.MaxExpansions = 64
	}
	c := &converter{opt: opt, m: m, ref: opt.Ref, rep: newReport(),
		countries: map[string]*countryRow{}, claimed: map[string]string{}, offices: map[string]bool{},
		roleSeen: map[string]bool{}, trigSeen: map[string]string{}}
	// Verbs last is not needed; actors first so country-level names give
	// fictional countries their names before people refer to them.
	sort.SliceStable(files, func(i, j int) bool {
		ki, _ := Kind(files[i])
		kj, _ := Kind(files[j])
		return ki == "actors" && kj != "actors"
	})
	for _, f := range files {
		kind, err := Kind(f)
		if err != nil {
			return nil, err
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		name := filepath.Base(f)
		c.sources = append(c.sources, sourceCredit(f, string(data)))
		switch kind {
		case "actors":
			actors, skips := ParseActors(name, string(data))
			for _, s := range skips {
				c.rep.skipEntry(s)
			}
			c.rep.Read["actors"] += len(actors)
			for i := range actors {
				c.actor(&actors[i])
			}
		case "agents":
			agents, skips := ParseAgents(name, string(data))
			for _, s := range skips {
				c.rep.skipEntry(s)
			}
			c.rep.Read["agents"] += len(agents)
			for _, a := range agents {
				c.agent(a)
			}
		case "discards":
			ds := ParseDiscards(name, string(data))
			c.rep.Read["discards"] += len(ds)
			for _, d := range ds {
				scope, match := "sentence", "prefix"
				if d.Story {
					scope = "story"
				}
				if d.Word {
					match = "word"
				}
				c.discards = append(c.discards, []string{strings.ToLower(d.Phrase), scope, match})
			}
		case "issues":
			is, skips := ParseIssues(name, string(data))
			for _, s := range skips {
				c.rep.skipEntry(s)
			}
			c.rep.Read["issue phrases"] += len(is)
			for _, it := range is {
				code, kind := it.Code, "issue"
				if it.Exclude != "" {
					kind = "exclude-" + it.Exclude
				}
				c.issues = append(c.issues, []string{strings.ToLower(it.Phrase), code, kind})
			}
		case "verbs":
			vd, skips := ParseVerbs(name, string(data))
			for _, s := range skips {
				c.rep.skipEntry(s)
			}
			c.verbs(vd)
		}
	}
	return &Result{Tables: c.tables(), Report: c.rep}, nil
}

// sourceCredit names a source file and its licence: the first line of a
// LICENSE file beside it and its copyright line, else a licence named in
// the file's own comments.
func sourceCredit(path, data string) string {
	base := filepath.Base(path)
	if lic, err := os.ReadFile(filepath.Join(filepath.Dir(path), "LICENSE")); err == nil {
		var title, copy string
		for _, l := range strings.Split(string(lic), "\n") {
			l = strings.TrimSpace(l)
			if title == "" && l != "" {
				title = l
			}
			if copy == "" && strings.HasPrefix(strings.ToLower(l), "copyright") {
				copy = l
			}
		}
		return fmt.Sprintf("%s (%s; %s)", base, title, copy)
	}
	for _, l := range strings.Split(data, "\n") {
		if strings.Contains(l, "License") && strings.HasPrefix(strings.TrimSpace(l), "#") {
			return fmt.Sprintf("%s (%s)", base, strings.TrimSpace(strings.TrimLeft(l, "# ")))
		}
	}
	return base + " (licence: not stated in the file; check its source)"
}

// ---- names ----

var lowerWords = map[string]bool{"of": true, "and": true, "the": true, "for": true, "in": true, "on": true,
	"to": true, "at": true, "by": true, "de": true, "du": true, "des": true, "la": true, "le": true}

// DisplayName turns a dictionary phrase ("THE_UNITED_NATIONS_",
// "BAN_KI-MOON") into a name as written in news ("United Nations",
// "Ban Ki-Moon"): a leading "the" dropped, words capitalised, short
// acronyms (three letters or fewer, or with dots or digits) kept in
// capitals, small joining words in lower case.
func DisplayName(phrase string) string {
	words := phraseWords(phrase)
	if len(words) > 1 && strings.EqualFold(words[0], "THE") {
		words = words[1:]
	}
	for i, w := range words {
		lw := strings.ToLower(w)
		switch {
		case i > 0 && lowerWords[lw]:
			words[i] = lw
		case w != strings.ToUpper(w):
			// mixed case in the source: keep it
		case len(w) <= 3 && !(i > 0 && len(words) > 1 && len(w) == 3 && hasVowel(w)) || strings.ContainsAny(w, ".0123456789") || !hasVowel(w):
			// acronym: UN, U.N., M23, IMF
		default:
			words[i] = titleWord(lw)
		}
	}
	return strings.Join(words, " ")
}

func hasVowel(w string) bool { return strings.ContainsAny(strings.ToUpper(w), "AEIOUY") }

func titleWord(w string) string {
	b := []rune(w)
	up := true
	for i, r := range b {
		if up {
			b[i] = []rune(strings.ToUpper(string(r)))[0]
		}
		up = r == '-' || r == '(' || r == '/'
	}
	return string(b)
}

// splitParen turns "Aden Abyan Islamic Army (AAIA)" into the name and the
// abbreviation in parentheses.
func splitParen(name string) (string, string) {
	if i := strings.LastIndex(name, "("); i > 0 && strings.HasSuffix(name, ")") {
		return strings.TrimSpace(name[:i]), strings.TrimSpace(name[i+1 : len(name)-1])
	}
	return name, ""
}

// nameKey approximates the knowledge base's normalisation of canonical
// names, to keep them unique.
func nameKey(s string) string {
	s = strings.ToLower(strings.NewReplacer("-", " ", "\u2019", "'").Replace(s))
	s = strings.Map(foldAccent, s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimPrefix(s, "the ")
}

// ---- actors ----

func (c *converter) known(code string) bool {
	_, ok := c.ref.Country(code)
	return ok
}

func (c *converter) actor(a *Actor) {
	for _, b := range a.Bad {
		c.rep.skipEntry(b)
	}
	src := a.File + ":" + strconv.Itoa(a.Line)
	if len(a.Names) == 0 {
		c.rep.skip(a.File, a.Line, "actor without a name", "")
		return
	}
	periods := a.Periods()
	if len(periods) == 0 {
		c.rep.skip(a.File, a.Line, "actor without a code", a.Names[0])
		return
	}
	var names []string
	for _, n := range a.Names {
		d, abbr := splitParen(DisplayName(n))
		if d != "" {
			names = append(names, d)
		}
		if abbr != "" {
			names = append(names, abbr)
		}
	}
	for _, n := range names {
		for _, p := range periods {
			c.actorCodes = append(c.actorCodes, []string{n, p.Code, p.From, p.To, a.File + ":" + strconv.Itoa(p.Line)})
		}
	}
	dated := len(periods) > 1 || periods[0].From != "" || periods[0].To != ""
	if !dated {
		ac, reason := c.m.Actor(periods[0].Code, c.known, c.opt.Raw)
		if reason != "" {
			c.rep.skip(a.File, a.Line, reason, a.Names[0]+" ["+periods[0].Code+"]")
			return
		}
		switch {
		case ac.Sector == "":
			c.countryNames(ac, names, a)
		case strings.Contains(a.Comment, "CountryInfo"):
			c.person(a, names, ac, Period{Code: periods[0].Code, Line: periods[0].Line})
		default:
			c.organisation(a, names, ac, src)
		}
		return
	}
	for _, p := range periods {
		ac, reason := c.m.Actor(p.Code, c.known, c.opt.Raw)
		if reason != "" {
			c.rep.skip(a.File, p.Line, reason, a.Names[0]+" ["+p.Code+" "+p.From+".."+p.To+"]")
			continue
		}
		c.person(a, names, ac, p)
	}
}

// country returns the row for code, creating it from the reference
// knowledge base (or, in raw mode, as a country without a centroid).
func (c *converter) country(code string) *countryRow {
	if c.ref.Special(code) { // organisations with PLOVER's non-country codes need no countries.tsv line
		return nil
	}
	if r := c.countries[code]; r != nil {
		return r
	}
	r := &countryRow{code: code, name: code, lat: "-", lon: "-", seen: map[string]bool{}}
	if ref, ok := c.ref.Country(code); ok {
		r.name, r.capital, r.named = ref.Name, ref.Capital, true
		r.lat = strconv.FormatFloat(ref.Lat, 'f', 2, 64)
		r.lon = strconv.FormatFloat(ref.Lon, 'f', 2, 64)
	}
	if r.named {
		c.claim(r.name, "country:"+code)
	}
	r.seen[nameKey(r.name)] = true
	c.countries[code] = r
	c.countryOrd = append(c.countryOrd, code)
	return r
}

func (c *converter) claim(name, owner string) bool {
	k := nameKey(name)
	if prev, ok := c.claimed[k]; ok && prev != owner {
		return false
	}
	c.claimed[k] = owner
	return true
}

func (c *converter) countryNames(ac ActorCode, names []string, a *Actor) {
	r := c.country(ac.Country)
	if r == nil {
		c.rep.skip(a.File, a.Line, "country-level name of a special code", names[0])
		return
	}
	if ac.Sub != "" {
		c.rep.Notes["sub-national code (USAPRI, GBRGIB...) written as names of its country"]++
	}
	for _, n := range names {
		k := nameKey(n)
		if r.seen[k] {
			continue
		}
		if !r.named && c.claim(n, "country:"+r.code) {
			delete(r.seen, nameKey(r.name))
			r.name, r.named = n, true
			r.seen[k] = true
			continue
		}
		r.seen[k] = true
		if cc, ok := c.ref.Adjective(n); ok && cc == r.code {
			r.adjs = append(r.adjs, n)
		} else if cc, ok := c.ref.Demonym(n); ok && cc == r.code {
			r.dems = append(r.dems, n)
		} else {
			r.aliases = append(r.aliases, n)
		}
	}
}

var orgKindBySector = map[string]string{"GOV": "agency", "MIL": "military", "COP": "police", "JUD": "court",
	"LEG": "legislature", "MED": "media", "JRN": "media", "PTY": "party", "REB": "armed", "UAF": "armed",
	"BUS": "company", "NGO": "ngo", "IGO": "igo", "REL": "religious", "SPY": "agency"}

func (c *converter) organisation(a *Actor, names []string, ac ActorCode, src string) {
	c.country(ac.Country)
	kind := orgKindBySector[ac.Sector]
	if kind == "" {
		kind = "other"
	}
	owner := "org:" + ac.Country + ":" + ac.Sector
	k := nameKey(names[0])
	if prev, ok := c.claimed[k]; ok {
		if prev != owner {
			c.rep.skip(a.File, a.Line, "name already used by an entry with another code", names[0])
			return
		}
		// Same name, same code: merge the synonyms into the first entry.
		for _, o := range c.orgs {
			if nameKey(o.name) == k && o.country == ac.Country && o.sector == ac.Sector {
				c.addOrgAliases(o, names[1:])
				c.rep.Notes["entry merged into an earlier one with the same name and code"]++
				return
			}
		}
	}
	c.claimed[k] = owner
	o := &orgRow{name: names[0], country: ac.Country, sector: ac.Sector, kind: kind, seen: map[string]bool{k: true}}
	c.addOrgAliases(o, names[1:])
	c.orgs = append(c.orgs, o)
}

func (c *converter) addOrgAliases(o *orgRow, names []string) {
	for _, n := range names {
		if k := nameKey(n); !o.seen[k] {
			o.seen[k] = true
			o.aliases = append(o.aliases, n)
		}
	}
}

func (c *converter) person(a *Actor, names []string, ac ActorCode, p Period) {
	c.country(ac.Country)
	key := nameKey(names[0]) + "\x00" + p.From
	if c.offices[key] {
		c.rep.skip(a.File, p.Line, "duplicate person period (same name and start)", names[0])
		return
	}
	c.offices[key] = true
	c.people = append(c.people, []string{names[0], strings.Join(names[1:], "|"), ac.Country, ac.Sector, "", p.From, p.To})
}

// ---- agents ----

var bodyHeads = map[string]bool{"ministry": true, "department": true, "court": true, "parliament": true,
	"council": true, "agency": true, "office": true, "commission": true, "committee": true, "embassy": true,
	"assembly": true, "bureau": true, "organization": true, "organisation": true, "union": true, "party": true,
	"company": true, "corporation": true, "bank": true, "government": true, "administration": true,
	"senate": true, "congress": true, "tribunal": true, "newspaper": true, "radio": true, "television": true,
	"press": true, "media": true, "service": true, "authority": true, "body": true, "institute": true,
	"university": true, "school": true, "hospital": true, "church": true, "mosque": true, "judiciary": true,
	"legislature": true, "cabinet": true, "regime": true, "junta": true, "station": true, "network": true,
	"agency's": true, "group": true, "movement": true, "front": true, "association": true, "federation": true}
var groupHeads = map[string]bool{"army": true, "troops": true, "troop": true, "force": true, "forces": true,
	"police": true, "militia": true, "people": true, "community": true, "population": true, "navy": true,
	"guard": true, "military": true, "public": true, "crowd": true, "mob": true, "staff": true, "personnel": true,
	"opposition": true, "clergy": true, "youth": true, "infantry": true, "brigade": true, "battalion": true}

func roleKind(words []string) string {
	h := words[len(words)-1]
	switch {
	case bodyHeads[h]:
		return "body"
	case groupHeads[h]:
		return "group"
	}
	return "person"
}

func (c *converter) agent(a Agent) {
	sector, reason := c.m.Sector(a.Code)
	if reason != "" {
		c.rep.skip(a.File, a.Line, reason, a.Phrase+" ["+a.Code+"]")
		return
	}
	words := phraseWords(strings.ToLower(a.Phrase))
	if len(words) == 0 {
		c.rep.skip(a.File, a.Line, "agent without words", a.Phrase)
		return
	}
	// Roles are lemmas: the head noun in its singular form.
	words[len(words)-1] = lemma.Lemma(words[len(words)-1], "NOUN", "NNS")
	phrase := strings.Join(words, " ")
	c.agentCodes = append(c.agentCodes, []string{phrase, agentCodeText(a), a.File + ":" + strconv.Itoa(a.Line)})
	if strings.Contains(a.Phrase, " ") {
		c.rep.Notes["agent words that allowed a gap now must be adjacent"]++
	}
	if k := nameKey(phrase); c.roleSeen[k] {
		c.rep.skip(a.File, a.Line, "duplicate role phrase (after lemmatising)", phrase)
		return
	} else {
		c.roleSeen[k] = true
	}
	c.roles = append(c.roles, []string{phrase, sector, roleKind(words)})
}

func agentCodeText(a Agent) string {
	if a.Prefix {
		return a.Code + "~"
	}
	return "~" + a.Code
}

// accentBase maps accented Latin letters to their base letter, as the
// knowledge base's matcher does.
var accentBase = func() map[rune]rune {
	m := map[rune]rune{}
	for _, g := range []string{"aàáâãäåāăą", "cçćĉċč", "dďđ", "eèéêëēĕėęě", "gĝğġģ", "hĥħ", "iìíîïĩīĭįı",
		"jĵ", "kķ", "lĺļľŀł", "nñńņňŉ", "oòóôõöøōŏő", "rŕŗř", "sśŝşš", "tţťŧ", "uùúûüũūŭůűų", "wŵ", "yýÿŷ", "zźżž"} {
		rs := []rune(g)
		for _, r := range rs[1:] {
			m[r] = rs[0]
		}
	}
	return m
}()

func foldAccent(r rune) rune {
	if b, ok := accentBase[r]; ok {
		return b
	}
	return r
}
