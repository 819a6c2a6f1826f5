package export

import (
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/parley-events/parley/event"
)

// GDELTColumns are the 61 columns of GDELT 2.0's event table, in order,
// named as GDELT's codebook and its BigQuery table name them.
var GDELTColumns = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

type gdeltWriter struct {
	t      *tableWriter
	tables *tables
}

// NewGDELT returns a writer of GDELT 2.0's event table: 61 tab-separated
// columns, no header unless opts.Header.
//
// How parley's events fill GDELT's columns:
//   - GLOBALEVENTID is the number of the store id (E12 gives 12, S7 gives
//     7), or a 53-bit hash of an id that has no number;
//   - SQLDATE and the other dates are the event's date (the publication
//     date when the event has none); FractionDate is GDELT's
//     YYYY + ((month-1)*30 + day)/365;
//   - actors: Code is the CAMEO-style actor code (IRNGOV), Name the
//     resolved name in capitals, CountryCode the ISO alpha-3 country; a
//     PLOVER special code (UNO, EUR, IGO, NGO, ISM, ...) goes to
//     KnownGroupCode instead; Type1Code is the PLOVER sector. Ethnic and
//     religion codes stay empty;
//   - IsRootEvent is 1 for an event of the article's lead, as GDELT marks
//     the events of an article's first paragraph: its first leadSentences
//     sentences (a title, if the article has one, and the opening);
//   - EventCode, EventBaseCode and EventRootCode come from the event's
//     CAMEO code ("0841" gives 0841, 084, 08; a root-only "04" gives 040,
//     040, 04 as GDELT writes it); GoldsteinScale from data/goldstein.tsv;
//   - NumMentions, NumSources and NumArticles are the sentences, outlets
//     and articles that reported it; AvgTone is 0 (parley measures no tone);
//   - ActionGeo is the event's place: Type 1 country, 2/3 US state/city,
//     5 other first-order division, 4 other city or finer; CountryCode and
//     ADM1Code are FIPS 10-4 (data/countries.tsv; parley resolves no
//     division, so ADM1Code is the country's code). FIPS has no code for
//     Palestine but two for its parts, as GDELT writes them: GZ for a
//     place in the Gaza Strip, WE for the West Bank and Palestine as a
//     whole. Lat and Long are empty for a place parley could not locate.
//     FeatureID is the FIPS code of a country-level place and empty for
//     any other: GDELT writes the ids of the NGA's GNS gazetteer there,
//     parley knows GeoNames ids, which are other numbers (the PLOVER,
//     POLECAT, CSV and Parquet exports carry them). Actor1Geo and
//     Actor2Geo are left empty (Type 0): parley places the event, not each
//     actor;
//   - DATEADDED is the (first) publication day at 00:00:00; SOURCEURL the
//     article's URL, or its outlet's name when it has none, as GDELT does
//     for sources without URLs.
func NewGDELT(w io.Writer, opts Options) (Writer, error) {
	tb, err := lookups()
	if err != nil {
		return nil, err
	}
	t, err := newTable(w, "gdelt", GDELTColumns, opts.Header)
	if err != nil {
		return nil, err
	}
	return &gdeltWriter{t: t, tables: tb}, nil
}

func (g *gdeltWriter) Write(r *Record) error {
	f, err := g.fields(r)
	if err != nil {
		return err
	}
	return g.t.row(f)
}

func (g *gdeltWriter) Close() error { return g.t.Close() }

func (g *gdeltWriter) fields(r *Record) ([]string, error) {
	e := &r.Event
	day := e.Date
	if day == "" {
		day = r.Published
	}
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return nil, fmt.Errorf("gdelt: event %s: no usable date (event %q, published %q)", e.ID, e.Date, r.Published)
	}
	f := make([]string, 0, len(GDELTColumns))
	fraction := float64(t.Year()) + float64((int(t.Month())-1)*30+t.Day())/365
	f = append(f, strconv.FormatInt(globalID(e.ID), 10), t.Format("20060102"), t.Format("200601"), t.Format("2006"),
		strconv.FormatFloat(fraction, 'f', 4, 64))
	f = append(f, g.actor(e.Actor)...)
	f = append(f, g.actor(e.Recipient)...)
	root := "0"
	if e.Sentence < leadSentences {
		root = "1"
	}
	code, base, rootCode := cameoLevels(e.CAMEO)
	gs := ""
	if v, ok := g.tables.goldsteinOf(e.CAMEO); ok {
		gs = strconv.FormatFloat(v, 'f', 1, 64)
	}
	f = append(f, root, code, base, rootCode, strconv.Itoa(e.Quad), gs,
		strconv.Itoa(r.Mentions), strconv.Itoa(r.Sources), strconv.Itoa(r.Articles), "0")
	noGeo := []string{"0", "", "", "", "", "", "", ""}
	f = append(f, noGeo...)
	f = append(f, noGeo...)
	f = append(f, g.geo(e.Location)...)
	added := ""
	if seen := firstNonEmpty(r.FirstSeen, r.Published); len(seen) == 10 {
		added = strings.ReplaceAll(seen, "-", "") + "000000"
	}
	f = append(f, added, firstNonEmpty(r.URL, r.Source))
	return f, nil
}

// actor is one actor's ten columns.
func (g *gdeltWriter) actor(a *event.Actor) []string {
	f := make([]string, 10)
	if a == nil {
		return f
	}
	f[0] = a.Code
	if f[0] == "" {
		f[0] = a.Country + a.Sector
	}
	f[1] = strings.ToUpper(firstNonEmpty(a.Name, a.Text))
	if _, ok := g.tables.country(a.Country); ok {
		f[2] = a.Country
	} else {
		f[3] = a.Country // UNO, EUR, IGO, NGO, ...: a group, not a country
	}
	f[7] = a.Sector
	return f
}

// leadSentences is how many sentences of an article are its lead, whose
// events are root events: a title and the first sentence or two of the
// text, which is what GDELT's first paragraph holds in wire copy.
const leadSentences = 3

// gaza is the Gaza Strip's bounding box, in degrees: a Palestinian place
// inside it is in FIPS "country" GZ, any other in WE (the West Bank).
var gaza = struct{ south, north, west, east float64 }{31.21, 31.60, 34.20, 34.58}

// inGaza says whether a Palestinian place lies in the Gaza Strip.
func inGaza(l *event.Location) bool {
	return l.Country == "PSE" && located(l) &&
		l.Lat >= gaza.south && l.Lat <= gaza.north && l.Lon >= gaza.west && l.Lon <= gaza.east
}

// geo is the eight ActionGeo columns of a place.
func (g *gdeltWriter) geo(l *event.Location) []string {
	if l == nil || (l.Name == "" && l.Country == "") {
		return []string{"0", "", "", "", "", "", "", ""}
	}
	c, _ := g.tables.country(l.Country)
	if inGaza(l) {
		c.FIPS, c.Name = "GZ", "Gaza Strip"
	}
	us := l.Country == "USA"
	var typ int
	switch {
	case l.Resolution == 1, l.Resolution == 2 && l.Name == c.Name:
		typ = 1
	case l.Resolution == 2 && us:
		typ = 2
	case l.Resolution == 2:
		typ = 5
	case us:
		typ = 3
	default:
		typ = 4
	}
	full := l.Name
	if typ != 1 && c.Name != "" && l.Name != c.Name {
		full = l.Name + ", " + c.Name
	} else if typ == 1 && c.Name != "" {
		full = c.Name
	}
	feature := ""
	if typ == 1 {
		feature = c.FIPS
	}
	lat, lon := "", ""
	if located(l) {
		lat, lon = num(l.Lat), num(l.Lon)
	}
	return []string{strconv.Itoa(typ), full, c.FIPS, c.FIPS, "", lat, lon, feature}
}

// cameoLevels splits a CAMEO code into GDELT's EventCode, EventBaseCode
// and EventRootCode.
func cameoLevels(c string) (code, base, root string) {
	switch len(c) {
	case 0, 1:
		return c, c, c
	case 2:
		return c + "0", c + "0", c
	case 3:
		return c, c, c[:2]
	default:
		return c, c[:3], c[:2]
	}
}

// globalID is the integer GDELT wants: the digits of a store id, else a
// hash that fits a double's 53-bit mantissa (spreadsheets read ids as
// numbers).
func globalID(id string) int64 {
	if len(id) > 1 && (id[0] == 'E' || id[0] == 'S') {
		if n, err := strconv.ParseInt(id[1:], 10, 64); err == nil && n >= 0 {
			return n
		}
	}
	if n, err := strconv.ParseInt(id, 10, 64); err == nil && n >= 0 {
		return n
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	return int64(h.Sum64() >> 11)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
