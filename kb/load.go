package kb

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/parley-events/parley/wordlist"
)

// The files Load reads. countries.tsv is required (every other file's
// country codes are checked against it); the others may be absent. The
// event tables (triggers.tsv, plover.tsv, reporting.tsv, contexts.tsv, see
// triggers.go) are read too when the folder has them.
const (
	countriesFile     = "countries.tsv"
	territoriesFile   = "territories.tsv"
	organisationsFile = "organisations.tsv"
	rolesFile         = "roles.tsv"
	peopleFile        = "people.tsv"
)

// specialCodes are PLOVER's actor codes that are not countries.
var specialCodes = map[string]bool{
	"IGO": true, // intergovernmental organisations
	"UNO": true, // the United Nations, its organs, agencies and missions
	"EUR": true, // European Union institutions
	"NGO": true, // non-governmental organisations
	"ISM": true, // transnational Islamist militants
	"IMG": true, // international militant groups
	"MNC": true, // multinational corporations
}

// sectors are the PLOVER actor sectors (plover.md), plus IGO and NGO for the
// staff of international and non-governmental organisations.
var sectors = map[string]bool{
	"COP": true, "GOV": true, "JUD": true, "LEG": true, "MIL": true, "PRM": true,
	"PTY": true, "REB": true, "SPY": true, "UAF": true, "UNK": true, "AGR": true,
	"BUS": true, "CRM": true, "CVL": true, "EDU": true, "ELI": true, "JRN": true,
	"LAB": true, "MED": true, "REF": true, "OPP": true, "PRE": true, "REL": true,
	"SOC": true, "IGO": true, "NGO": true,
}

// ValidSector reports whether s is a PLOVER sector code that the knowledge
// base accepts.
func ValidSector(s string) bool { return sectors[s] }

var (
	territoryKinds = set("territory", "region", "province", "state", "city-district")
	orgKinds       = set("igo", "ngo", "armed", "party", "agency", "military", "police", "court",
		"legislature", "media", "company", "religious", "other")
	roleKinds   = set(string(PersonKind), string(GroupKind), string(BodyKind))
	countryCode = regexp.MustCompile(`^[A-Z]{3}$`)
)

// validDate reports whether d is a real date written YYYY, YYYY-MM or
// YYYY-MM-DD.
func validDate(d string) bool {
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(d)]
	if layout == "" {
		return false
	}
	_, err := time.Parse(layout, d)
	return err == nil
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// loader accumulates the knowledge base and the problems found while
// reading it, so that one run reports every bad line, not only the first.
type loader struct {
	kb        *KB
	errs      []error
	canonical map[string]string // normalised canonical name → file:line that defined it
}

// maxErrors bounds the report for a badly broken folder.
const maxErrors = 100

func (l *loader) errorf(file string, line int, format string, args ...any) {
	if len(l.errs) == maxErrors {
		l.errs = append(l.errs, errors.New("kb: too many errors, stopping the report here"))
	}
	if len(l.errs) > maxErrors {
		return
	}
	l.errs = append(l.errs, fmt.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, args...)))
}

// LoadOptions change what LoadWith accepts.
type LoadOptions struct {
	// RawCAMEO reads the folder's triggers.tsv in raw CAMEO mode: a line
	// may have type "-" (and mode "-") with any code as its dictionary wrote
	// it, for CAMEO codes PLOVER does not map (01 statements, 02 appeals)
	// and test dictionaries' own codes (PETRARCH's validation verbs use 345,
	// 903...). Such triggers have Type "" and are only for compatibility
	// runs against CAMEO coders. Lines with a PLOVER type are checked as
	// usual, and the embedded lexicon is never read this way.
	RawCAMEO bool
}

// Load reads a knowledge base from the TSV files in fsys (see the package
// documentation for the files). A folder with its own event tables
// (triggers.tsv and the others) gets its own lexicon, each missing table
// taken from the embedded data; without them the embedded lexicon serves.
// Every problem found is reported, each naming its file and line; on error
// the KB is nil.
func Load(fsys fs.FS) (*KB, error) { return LoadWith(fsys, LoadOptions{}) }

// LoadWith is Load with options.
func LoadWith(fsys fs.FS, opt LoadOptions) (*KB, error) {
	l := &loader{
		kb: &KB{
			names:     newIndex(false),
			adjs:      newIndex(true),
			dems:      newIndex(true),
			roles:     newIndex(false),
			countries: map[string]Country{},
			offices:   map[string][]Entity{},
			counts:    map[string]int{},
		},
		canonical: map[string]string{},
	}
	// Countries first: the other files' codes are checked against them.
	steps := []struct {
		file     string
		required bool
		cols     int
		minCols  int // lines may omit trailing optional columns down to this
		parse    func(file string, line int, f []string)
	}{
		{countriesFile, true, 9, 9, l.country},
		{territoriesFile, false, 6, 6, l.territory},
		{organisationsFile, false, 5, 5, l.organisation},
		{peopleFile, false, 7, 6, l.person},
		{rolesFile, false, 3, 3, l.role},
	}
	for _, s := range steps {
		data, err := fs.ReadFile(fsys, s.file)
		if err != nil {
			if s.required || !errors.Is(err, fs.ErrNotExist) {
				l.errs = append(l.errs, fmt.Errorf("%s: %w", s.file, err))
			}
			continue
		}
		l.readTable(s.file, string(data), s.cols, s.minCols, s.parse)
	}
	lx, err := folderLexicon(fsys, opt.RawCAMEO)
	if err != nil {
		l.errs = append(l.errs, err)
	}
	if len(l.errs) > 0 {
		return nil, errors.Join(l.errs...)
	}
	if lx != nil {
		setLexicon(l.kb, lx)
	}
	return l.kb, nil
}

// readTable splits a TSV file into fields, checks the column count and
// hands each entry to parse. Empty fields and "-" both mean empty.
func (l *loader) readTable(file, data string, cols, minCols int, parse func(string, int, []string)) {
	// Problems are collected, not returned, so that one load reports them all.
	err := wordlist.Rows(file, strings.NewReader(data), 0, func(n int, f []string) error {
		i := n - 1
		if len(f) < minCols || len(f) > cols {
			want := strconv.Itoa(cols)
			if minCols != cols {
				want = fmt.Sprintf("%d to %d", minCols, cols)
			}
			l.errorf(file, i+1, "%d tab-separated columns, want %s", len(f), want)
			return nil
		}
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
			if f[j] == "-" {
				f[j] = ""
			}
		}
		for len(f) < cols {
			f = append(f, "")
		}
		l.kb.counts[file]++
		parse(file, i+1, f)
		return nil
	})
	if err != nil {
		l.errs = append(l.errs, err) // a line too long to read
	}
}

// list splits a |-separated field.
func list(field string) []string {
	if field == "" {
		return nil
	}
	parts := strings.Split(field, "|")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func src(file string, line int) string { return file + ":" + strconv.Itoa(line) }

// claim records a canonical name, reporting a duplicate.
func (l *loader) claim(file string, line int, name string) bool {
	key := normalise(name, false)
	if prev, ok := l.canonical[key]; ok {
		l.errorf(file, line, "duplicate canonical name %q (first defined at %s)", name, prev)
		return false
	}
	l.canonical[key] = src(file, line)
	return true
}

// addName indexes an entity under a name, once per entity.
func (l *loader) addName(file string, line int, name string, e Entity) {
	p, ok := l.kb.names.add(name)
	if !ok {
		l.errorf(file, line, "name %q is empty after normalisation", name)
		return
	}
	for _, have := range p.ents {
		if have.Source == e.Source && have.Kind == e.Kind && have.Name == e.Name {
			return // an alias that normalises to a name already given (Élysée, Elysee)
		}
	}
	p.ents = append(p.ents, e)
}

// addCode indexes a nationality word; one word names one country.
func (l *loader) addCode(ix *index, what, file string, line int, word, code string) {
	p, ok := ix.add(word)
	if !ok {
		l.errorf(file, line, "%s %q is empty after normalisation", what, word)
		return
	}
	if p.code != "" && p.code != code {
		l.errorf(file, line, "%s %q already names %s", what, word, p.code)
		return
	}
	p.code = code
}

func (l *loader) knownCode(file string, line int, code string) bool {
	if code == "" {
		l.errorf(file, line, "missing country code")
		return false
	}
	if !l.kb.KnownCode(code) {
		l.errorf(file, line, "unknown country code %q (not in %s and not a special code)", code, countriesFile)
		return false
	}
	return true
}

func (l *loader) validSector(file string, line int, sector string) bool {
	if !sectors[sector] {
		l.errorf(file, line, "unknown sector %q", sector)
		return false
	}
	return true
}

func (l *loader) coords(file string, line int, latS, lonS string) (lat, lon float64, ok bool) {
	lat, err1 := strconv.ParseFloat(latS, 64)
	lon, err2 := strconv.ParseFloat(lonS, 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		l.errorf(file, line, "bad coordinates %q, %q", latS, lonS)
		return 0, 0, false
	}
	return lat, lon, true
}

// country reads: code name aliases adjectives demonyms capital metonyms lat lon.
// A country whose centroid is not known (a fictional country of a test
// dictionary) has "-" for both lat and lon, and 0, 0 in Country.
func (l *loader) country(file string, line int, f []string) {
	code, name, capital := f[0], f[1], f[5]
	if !countryCode.MatchString(code) {
		l.errorf(file, line, "country code %q is not three capital letters", code)
		return
	}
	if specialCodes[code] {
		l.errorf(file, line, "country code %q is a PLOVER special code", code)
		return
	}
	if _, dup := l.kb.countries[code]; dup {
		l.errorf(file, line, "duplicate country code %q", code)
		return
	}
	if name == "" {
		l.errorf(file, line, "missing country name")
		return
	}
	var lat, lon float64
	switch {
	case f[7] == "" && f[8] == "":
	case f[7] == "" || f[8] == "":
		l.errorf(file, line, "centroid has only one of lat and lon (write \"-\" for both when it is unknown)")
		return
	default:
		var ok bool
		if lat, lon, ok = l.coords(file, line, f[7], f[8]); !ok {
			return
		}
	}
	l.kb.countries[code] = Country{Code: code, Name: name, Capital: capital, Lat: lat, Lon: lon}
	if !l.claim(file, line, name) {
		return
	}
	s := src(file, line)
	e := Entity{Name: name, Kind: CountryKind, Country: code, Lat: lat, Lon: lon, Source: s}
	l.addName(file, line, name, e)
	for _, a := range list(f[2]) {
		l.addName(file, line, a, e)
	}
	for _, a := range list(f[3]) {
		l.addCode(&l.kb.adjs, "adjective", file, line, a, code)
	}
	for _, d := range list(f[4]) {
		l.addCode(&l.kb.dems, "demonym", file, line, d, code)
	}
	// Metonyms stand for the government: "Moscow said", "the Kremlin said".
	// The capital is a metonym only when listed as one; many capitals are
	// also names of other places (Kingston, Victoria).
	for _, m := range list(f[6]) {
		kind := MetonymKind
		if normalise(m, false) == normalise(capital, false) {
			kind = CapitalKind
		}
		l.addName(file, line, m, Entity{Name: m, Kind: kind, Country: code, Sector: "GOV", Source: s})
	}
}

// territory reads: name aliases country kind lat lon
func (l *loader) territory(file string, line int, f []string) {
	name, code, kind := f[0], f[2], f[3]
	if name == "" {
		l.errorf(file, line, "missing territory name")
		return
	}
	if !territoryKinds[kind] {
		l.errorf(file, line, "unknown territory kind %q (want territory, region, province, state or city-district)", kind)
		return
	}
	if !l.knownCode(file, line, code) {
		return
	}
	lat, lon, ok := l.coords(file, line, f[4], f[5])
	if !ok || !l.claim(file, line, name) {
		return
	}
	e := Entity{Name: name, Kind: TerritoryKind, Class: kind, Country: code, Lat: lat, Lon: lon, Source: src(file, line)}
	l.addName(file, line, name, e)
	for _, a := range list(f[1]) {
		l.addName(file, line, a, e)
	}
}

// organisation reads: name aliases country sector kind
func (l *loader) organisation(file string, line int, f []string) {
	name, code, sector, kind := f[0], f[2], f[3], f[4]
	if name == "" {
		l.errorf(file, line, "missing organisation name")
		return
	}
	if !orgKinds[kind] {
		l.errorf(file, line, "unknown organisation kind %q", kind)
		return
	}
	if !l.knownCode(file, line, code) || !l.validSector(file, line, sector) || !l.claim(file, line, name) {
		return
	}
	e := Entity{Name: name, Kind: OrganisationKind, Class: kind, Country: code, Sector: sector, Source: src(file, line)}
	l.addName(file, line, name, e)
	for _, a := range list(f[1]) {
		l.addName(file, line, a, e)
	}
}

// person reads: name aliases country sector title from to. A person has one
// line per office, so the canonical name may repeat; the same office with
// the same start may not. The sector may be empty ("-") for a person coded
// by country only (dictionaries code some people as their country alone).
func (l *loader) person(file string, line int, f []string) {
	name, code, sector, title, from, to := f[0], f[2], f[3], f[4], f[5], f[6]
	if name == "" {
		l.errorf(file, line, "missing person name")
		return
	}
	if !l.knownCode(file, line, code) || sector != "" && !l.validSector(file, line, sector) {
		return
	}
	for _, d := range []string{from, to} {
		if d != "" && !validDate(d) {
			l.errorf(file, line, "date %q is not a valid YYYY, YYYY-MM or YYYY-MM-DD", d)
			return
		}
	}
	if from != "" && to != "" && prefix(to, len(from)) < from {
		l.errorf(file, line, "office ends (%s) before it starts (%s)", to, from)
		return
	}
	office := "person\x00" + normalise(name, false) + "\x00" + title + "\x00" + from
	if prev, ok := l.canonical[office]; ok {
		l.errorf(file, line, "duplicate office %q for %q from %q (first at %s)", title, name, from, prev)
		return
	}
	l.canonical[office] = src(file, line)
	e := Entity{Name: name, Kind: PersonKind, Country: code, Sector: sector, Title: title,
		From: from, To: to, Source: src(file, line)}
	l.addName(file, line, name, e)
	for _, a := range list(f[1]) {
		l.addName(file, line, a, e)
	}
	if title != "" {
		t := strings.ToLower(title)
		l.kb.offices[t] = append(l.kb.offices[t], e)
	}
}

// role reads: role sector kind
func (l *loader) role(file string, line int, f []string) {
	phraseText, sector, kind := f[0], f[1], f[2]
	if phraseText == "" {
		l.errorf(file, line, "missing role phrase")
		return
	}
	if phraseText != strings.ToLower(phraseText) {
		l.errorf(file, line, "role %q is not in lower case (roles are lemmas)", phraseText)
		return
	}
	if !roleKinds[kind] {
		l.errorf(file, line, "unknown role kind %q (want person, group or body)", kind)
		return
	}
	if !l.validSector(file, line, sector) {
		return
	}
	p, ok := l.kb.roles.add(phraseText)
	if !ok {
		l.errorf(file, line, "role %q is empty after normalisation", phraseText)
		return
	}
	if p.role.Phrase != "" {
		l.errorf(file, line, "duplicate role %q", phraseText)
		return
	}
	p.role = Role{Phrase: phraseText, Sector: sector, Kind: Kind(kind)}
}
