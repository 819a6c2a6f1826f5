package export

import (
	"io"
	"strconv"
	"strings"

	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/internal/version"
)

// POLECATColumns is the header of POLECAT's weekly TSV files (the
// PLOVER-coded successor of ICEWS, Harvard Dataverse), 40 columns.
var POLECATColumns = []string{
	"Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
	"Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
	"Actor Name Raw", "Wikipedia Actor ID",
	"Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
	"Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
	"Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
	"Raw Placename", "Feature Type",
	"Source", "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language", "Version",
}

type polecatWriter struct {
	t       *tableWriter
	tables  *tables
	version string
}

// NewPOLECAT returns a writer of POLECAT's TSV layout, header first.
//
// Values follow POLECAT: dates YYYY-MM-DD, countries ISO alpha-3, several
// values in one cell separated by "; ", Quad Code 1-4 as in PLOVER's
// quad_code. Story People, Organizations and Locations are the record's
// StoryPeople, StoryOrganizations and StoryLocations (see StoryNames:
// what the article's events name, as the knowledge base knows it). Columns
// parley has no value for stay empty: the Wikipedia ids (parley resolves
// actors against its own tables, not Wikipedia) and Actor COW and
// Recipient COW of actors that are no COW state (organisations such as
// UNO or IGO, and territories).
func NewPOLECAT(w io.Writer, opts Options) (Writer, error) {
	tb, err := lookups()
	if err != nil {
		return nil, err
	}
	t, err := newTable(w, "polecat", POLECATColumns, true)
	if err != nil {
		return nil, err
	}
	v := opts.Version
	if v == "" {
		v = version.Release
	}
	return &polecatWriter{t: t, tables: tb, version: v}, nil
}

func (p *polecatWriter) Write(r *Record) error { return p.t.row(p.fields(r)) }

func (p *polecatWriter) Close() error { return p.t.Close() }

func (p *polecatWriter) fields(r *Record) []string {
	e := &r.Event
	f := make([]string, 0, len(POLECATColumns))
	f = append(f, e.ID, e.Date, string(e.Type), e.Mode, num(e.Intensity), strconv.Itoa(e.Quad), strings.Join(e.Contexts, "; "))
	f = append(f, p.side(e.Actor)...)
	f = append(f, p.side(e.Recipient)...)
	f = append(f, polecatPlace(e.Location)...)
	f = append(f, r.Source, r.Published, strings.Join(r.StoryPeople, "; "), strings.Join(r.StoryOrganizations, "; "),
		strings.Join(r.StoryLocations, "; "), "en", p.version)
	return f
}

// side is an actor's eight columns: name, country, COW, primary sector,
// sectors, title, raw name, Wikipedia id.
func (p *polecatWriter) side(a *event.Actor) []string {
	if a == nil {
		return make([]string, 8)
	}
	cow := ""
	if c, ok := p.tables.country(a.Country); ok && c.COW > 0 {
		cow = strconv.Itoa(c.COW)
	}
	name := a.Name
	if name == "" {
		name = a.Text
	}
	return []string{name, a.Country, cow, a.Sector, a.Sector, a.Title, a.Text, ""}
}

// polecatPlace is the ten place columns. The resolved name also fills the
// City, District or Province column that its resolution says it is.
func polecatPlace(l *event.Location) []string {
	if l == nil {
		return make([]string, 10)
	}
	var city, district, province, feature string
	switch l.Resolution {
	case 5:
		city, feature = l.Name, "PPLX" // GeoNames: section of a populated place
	case 4:
		city, feature = l.Name, "PPL"
	case 3:
		district, feature = l.Name, "ADM2"
	case 2:
		province, feature = l.Name, "ADM1"
	case 1:
		feature = "PCLI" // GeoNames: independent political entity
	}
	lat, lon, gid := "", "", ""
	if located(l) {
		lat, lon = num(l.Lat), num(l.Lon)
	}
	if l.GeonamesID > 0 {
		gid = strconv.Itoa(l.GeonamesID)
	}
	return []string{l.Name, city, district, province, l.Country, lat, lon, gid, l.Text, feature}
}
