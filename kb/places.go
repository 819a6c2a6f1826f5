package kb

// Geocoding: place names in news text resolved against data/places.tsv, a
// GeoNames-derived gazetteer built by kb/gen/places (about 25,000 populated
// places: every place of 15,000 people or more, plus every capital and
// first-order seat, with their ASCII alternate names).
//
// The table is parsed on the first call to Places, Geocode or LoadPlaces,
// not when the knowledge base loads, so commands that never geocode do not
// pay for it. It is read from the embedded files and is the same for every
// KB value, so it is held once per process.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parley-events/parley/wordlist"
)

// placesFile is the gazetteer's name inside dataFS.
const placesFile = "data/places.tsv"

// Place is one populated place of the gazetteer.
type Place struct {
	GeonameID  int     // GeoNames id (https://www.geonames.org/<id>)
	Name       string  // GeoNames' name, as written locally in Latin script ("Khān Yūnis")
	Country    string  // ISO 3166-1 alpha-3 (KOS for Kosovo, PSE for Palestine)
	Admin1     string  // GeoNames first-order division code ("48" is Moscow city), "" when none
	Lat, Lon   float64 // WGS84 decimal degrees
	Population int     // GeoNames' population figure (0 when unknown)
	Feature    string  // GeoNames feature code: PPLC capital, PPLA first-order seat, PPL ...
}

// Capital reports whether the place is a national capital or seat of government.
func (p Place) Capital() bool { return p.Feature == "PPLC" || p.Feature == "PPLG" }

// placeHit is one place a lookup key leads to.
type placeHit struct {
	place int32 // index into gazetteer.places
	alias bool  // reached through an alternate name, not the place's own name
}

// gazetteer is the parsed places table.
type gazetteer struct {
	places []Place
	byKey  map[string][]placeHit // placeKey -> hits, own names first, then most populous
}

var loadGazetteer = sync.OnceValues(func() (*gazetteer, error) {
	data, err := dataFS.ReadFile(placesFile)
	if err != nil {
		return nil, err
	}
	return parseGazetteer(placesFile, string(data))
})

// LoadPlaces parses the gazetteer now, if it has not been yet, and reports
// whether it is usable. Places and Geocode load it on their first call and
// treat a broken table as empty; a command that wants the cost paid up front,
// or the error shown, calls this first.
func (k *KB) LoadPlaces() error {
	_, err := loadGazetteer()
	return err
}

// Places returns the places a name may refer to: places called so first,
// then places that have it as an alternate name, each group most populous
// first. Matching ignores case, apostrophes (straight or curly), dots and
// the difference between hyphens and spaces ("Khan Yunis", "khan-yunis");
// a leading "al-"/"el-" may be present in the text and absent in the table
// or the other way round. The slice is the caller's to keep.
func (k *KB) Places(name string) []Place {
	g, err := loadGazetteer()
	if err != nil {
		return nil
	}
	hits := g.lookup(name)
	if len(hits) == 0 {
		return nil
	}
	out := make([]Place, len(hits))
	for i, h := range hits {
		out[i] = g.places[h.place]
	}
	return out
}

// Geocode picks the place a name most likely refers to. It prefers, in
// order: a place in one of the prefer countries (alpha-3 codes, typically
// the countries already named in the sentence or document, most relevant
// first), a place called so over one that merely has the name as an
// alternate, a national capital, then the most populous. ok is false when
// the gazetteer has no place of that name.
func (k *KB) Geocode(name string, prefer []string) (Place, bool) {
	g, err := loadGazetteer()
	if err != nil {
		return Place{}, false
	}
	hits := g.lookup(name)
	if len(hits) == 0 {
		return Place{}, false
	}
	best := hits[0]
	bestRank := g.rank(best, prefer)
	for _, h := range hits[1:] {
		if r := g.rank(h, prefer); r.better(bestRank) {
			best, bestRank = h, r
		}
	}
	return g.places[best.place], true
}

// placeRank orders the candidates of Geocode; smaller is better in each field.
type placeRank struct {
	preferred  int // position of the country in prefer, len(prefer) when absent
	alias      int // 0 own name, 1 alternate name
	capital    int // 0 capital, 1 other
	population int // negated population
}

// better ranks by preferred country, then capital, then a population five
// times larger (an English alternate name of a city, "Geneva" for Genève,
// beats the own name of a small town, Geneva, Illinois), then own name
// over alternate name, then population.
func (a placeRank) better(b placeRank) bool {
	switch {
	case a.preferred != b.preferred:
		return a.preferred < b.preferred
	case a.capital != b.capital:
		return a.capital < b.capital
	case a.population <= 5*b.population && a.population < 0:
		return true // a is at least five times as populous (populations are negated)
	case b.population <= 5*a.population && b.population < 0:
		return false
	case a.alias != b.alias:
		return a.alias < b.alias
	}
	return a.population < b.population
}

func (g *gazetteer) rank(h placeHit, prefer []string) placeRank {
	p := &g.places[h.place]
	r := placeRank{preferred: len(prefer), alias: 1, capital: 1, population: -p.Population}
	for i, c := range prefer {
		if strings.EqualFold(c, p.Country) {
			r.preferred = i
			break
		}
	}
	if !h.alias {
		r.alias = 0
	}
	if p.Capital() {
		r.capital = 0
	}
	return r
}

// lookup returns the hits for a name, trying it without a leading article
// when it has none as written. The key is folded into a stack buffer and
// looked up without converting it to a string, so a lookup does not allocate.
func (g *gazetteer) lookup(name string) []placeHit {
	var buf [64]byte
	key := appendPlaceKey(buf[:0], name)
	if len(key) == 0 {
		return nil
	}
	if hits := g.byKey[string(key)]; len(hits) > 0 {
		return hits
	}
	for _, art := range placeArticles {
		if len(key) > len(art) && string(key[:len(art)]) == art {
			return g.byKey[string(key[len(art):])]
		}
	}
	return nil
}

// placeArticles are the forms of the Arabic article (after placeKey has
// turned the hyphen into a space) that may lead a name in text or table.
var placeArticles = []string{"al ", "el "}

// stripPlaceArticle removes a leading article from a key.
func stripPlaceArticle(key string) (string, bool) {
	for _, art := range placeArticles {
		if rest, ok := strings.CutPrefix(key, art); ok && rest != "" {
			return rest, true
		}
	}
	return "", false
}

// placeKey is the folded form names are indexed and looked up under: lower
// case, apostrophes and dots dropped, runs of hyphens and white space made one
// space. kb/gen/places deduplicates aliases with the same folding.
func placeKey(s string) string { return string(appendPlaceKey(nil, s)) }

// appendPlaceKey appends the placeKey of s to buf.
func appendPlaceKey(buf []byte, s string) []byte {
	start := len(buf)
	space := false
	for _, r := range s {
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == 'ʻ' || r == '`' || r == '.':
			continue
		case r == '-' || r == '‐' || r == '–' || unicode.IsSpace(r):
			space = true
			continue
		}
		if space && len(buf) > start {
			buf = append(buf, ' ')
		}
		space = false
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return buf
}

// placeColumns is the number of fields of a places.tsv line.
const placeColumns = 9

// parseGazetteer reads the places table. Errors name the file and line.
func parseGazetteer(file, data string) (*gazetteer, error) {
	g := &gazetteer{byKey: make(map[string][]placeHit, 120000)}
	g.places = make([]Place, 0, strings.Count(data, "\n"))
	add := func(key string, idx int32, alias bool) {
		if key == "" {
			return
		}
		hits := g.byKey[key]
		for i, h := range hits {
			if h.place == idx { // same place under two spellings: keep the better
				hits[i].alias = h.alias && alias
				return
			}
		}
		g.byKey[key] = append(hits, placeHit{place: idx, alias: alias})
	}
	index := func(name string, idx int32, alias bool) {
		key := placeKey(name)
		add(key, idx, alias)
		// "Al Hasakah" is also written "Hasakah": index the bare form too, as
		// an alternate. (The reverse, text "al-X" for table "X", is handled by
		// lookup.)
		if rest, ok := stripPlaceArticle(key); ok {
			add(rest, idx, true)
		}
	}

	err := wordlist.Rows(file, strings.NewReader(data), placeColumns, func(_ int, cols []string) error {
		var p Place
		var err error
		if p.GeonameID, err = strconv.Atoi(cols[0]); err != nil {
			return fmt.Errorf("geonameid %q is not a number", cols[0])
		}
		p.Name = cols[1]
		if p.Name == "" || p.Name == "-" {
			return fmt.Errorf("empty name")
		}
		p.Country = cols[3]
		if len(p.Country) != 3 {
			return fmt.Errorf("country %q is not an alpha-3 code", p.Country)
		}
		p.Admin1 = placeField(cols[4])
		if p.Lat, err = strconv.ParseFloat(cols[5], 64); err != nil || p.Lat < -90 || p.Lat > 90 {
			return fmt.Errorf("latitude %q out of range or not a number", cols[5])
		}
		if p.Lon, err = strconv.ParseFloat(cols[6], 64); err != nil || p.Lon < -180 || p.Lon > 180 {
			return fmt.Errorf("longitude %q out of range or not a number", cols[6])
		}
		if p.Population, err = strconv.Atoi(cols[7]); err != nil || p.Population < 0 {
			return fmt.Errorf("population %q is not a count", cols[7])
		}
		p.Feature = cols[8]
		if p.Feature == "" {
			return fmt.Errorf("empty feature code")
		}

		idx := int32(len(g.places))
		g.places = append(g.places, p)
		index(p.Name, idx, false)
		if aliases := placeField(cols[2]); aliases != "" {
			for _, a := range strings.Split(aliases, "|") {
				index(a, idx, true)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	for _, hits := range g.byKey {
		slices.SortFunc(hits, func(a, b placeHit) int {
			if a.alias != b.alias {
				if !a.alias {
					return -1
				}
				return 1
			}
			pa, pb := &g.places[a.place], &g.places[b.place]
			if pa.Population != pb.Population {
				return pb.Population - pa.Population
			}
			return pa.GeonameID - pb.GeonameID
		})
	}
	return g, nil
}

// placeField returns "" for the empty-field marker "-".
func placeField(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// watersFile is the table of seas, gulfs and straits inside dataFS.
const watersFile = "data/waters.tsv"

// Water is a sea, gulf or strait of data/waters.tsv: no country's, and
// outside the gazetteer of populated places.
type Water struct {
	Name     string  // its English name ("Persian Gulf")
	Lat, Lon float64 // an approximate centre, WGS84 decimal degrees
}

var loadWaters = sync.OnceValues(func() (map[string]Water, error) {
	data, err := dataFS.ReadFile(watersFile)
	if err != nil {
		return nil, err
	}
	return parseWaters(watersFile, string(data))
})

// Water looks up a sea, gulf or strait by its name or an alias, folded as
// place names are, with or without a leading "the" ("the Black Sea").
func (k *KB) Water(name string) (Water, bool) {
	waters, err := loadWaters()
	if err != nil {
		return Water{}, false
	}
	key := placeKey(name)
	if w, ok := waters[key]; ok {
		return w, true
	}
	w, ok := waters[strings.TrimPrefix(key, "the ")]
	return w, ok
}

// parseWaters reads the waters table: name, aliases, lat, lon. Errors name
// the file and line.
func parseWaters(file, data string) (map[string]Water, error) {
	waters := map[string]Water{}
	for i, text := range strings.Split(data, "\n") {
		if text == "" || text[0] == '#' {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 4 || cols[0] == "" {
			return nil, fmt.Errorf("%s:%d: want name, aliases, lat, lon", file, i+1)
		}
		w := Water{Name: cols[0]}
		var errLat, errLon error
		w.Lat, errLat = strconv.ParseFloat(cols[2], 64)
		w.Lon, errLon = strconv.ParseFloat(cols[3], 64)
		if errLat != nil || errLon != nil || w.Lat < -90 || w.Lat > 90 || w.Lon < -180 || w.Lon > 180 {
			return nil, fmt.Errorf("%s:%d: bad coordinates %q, %q", file, i+1, cols[2], cols[3])
		}
		for _, n := range append([]string{cols[0]}, strings.Split(cols[1], "|")...) {
			if key := placeKey(n); key != "" {
				if _, dup := waters[key]; dup {
					return nil, fmt.Errorf("%s:%d: %q is listed twice", file, i+1, n)
				}
				waters[key] = w
			}
		}
	}
	return waters, nil
}
