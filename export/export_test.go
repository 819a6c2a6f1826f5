package export

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/internal/version"
	"github.com/parley-events/parley/reader"
	"github.com/parley-events/parley/store"
	"github.com/parquet-go/parquet-go"
)

// storedRecords codes the seed article and a few dev articles with the real
// reader and coder, ingests them into a temporary SQLite store and returns
// every raw event and every merged story as records.
func storedRecords(t testing.TB) (events, stories []Record) {
	t.Helper()
	dev := shared.Path(t, "eval/dev")
	fixtureOnce.Do(func() { fixtureEvents, fixtureStories, fixtureErr = buildFixture(dev) })
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixtureEvents, fixtureStories
}

var (
	fixtureOnce                   sync.Once
	fixtureEvents, fixtureStories []Record
	fixtureErr                    error
)

func buildFixture(dev string) ([]Record, []Record, error) {
	paths := []string{"../examples/tass-2023-10-27.txt"}
	files, _ := filepath.Glob(filepath.Join(dev, "*.txt"))
	if len(files) > 6 {
		files = files[:6]
	}
	paths = append(paths, files...)
	dir, err := os.MkdirTemp("", "parley-export-test")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	s, err := store.OpenSQLite(ctx, filepath.Join(dir, "parley.db"), store.Options{})
	if err != nil {
		return nil, nil, err
	}
	defer s.Close()
	var loadErrs []string
	p, err := store.Load(ctx, s, reader.Documents(paths, reader.Options{}), parley.Code,
		store.LoadOptions{Workers: 1, OnError: func(err error) { loadErrs = append(loadErrs, err.Error()) }})
	if err != nil {
		return nil, nil, err
	}
	if len(loadErrs) > 0 {
		return nil, nil, fmt.Errorf("ingest errors: %s", strings.Join(loadErrs, "; "))
	}
	if p.Documents != len(paths) || p.Events == 0 {
		return nil, nil, fmt.Errorf("ingested %d documents with %d events from %d files", p.Documents, p.Events, len(paths))
	}
	var events, stories []Record
	evs, err := s.Events(ctx, store.Query{Limit: 1000})
	if err != nil {
		return nil, nil, err
	}
	for i := range evs.Items {
		events = append(events, FromMention(&evs.Items[i]))
	}
	sts, err := s.Stories(ctx, store.Query{Limit: 1000})
	if err != nil {
		return nil, nil, err
	}
	for _, st := range sts.Items {
		d, err := s.Story(ctx, st.ID)
		if err != nil {
			return nil, nil, err
		}
		stories = append(stories, FromStory(d))
	}
	return events, stories, nil
}

func levels(t *testing.T) map[string][]Record {
	events, stories := storedRecords(t)
	return map[string][]Record{"event": events, "story": stories}
}

func write(t *testing.T, format string, recs []Record, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(format, &buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatalf("%s: record %s: %v", format, recs[i].Event.ID, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTables(t *testing.T) {
	tb, err := lookups()
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]countryCodes{
		"RUS": {FIPS: "RS", COW: 365, Name: "Russia"},
		"DEU": {FIPS: "GM", COW: 255, Name: "Germany"},
		"GBR": {FIPS: "UK", COW: 200, Name: "United Kingdom"},
		"KOR": {FIPS: "KS", COW: 732, Name: "South Korea"},
		"PSE": {FIPS: "WE", COW: 0, Name: "Palestine"},
	} {
		got, ok := tb.country(code)
		if !ok || got.FIPS != want.FIPS || got.COW != want.COW {
			t.Errorf("%s: got %+v, want FIPS %s COW %d", code, got, want.FIPS, want.COW)
		}
	}
	if _, ok := tb.country("UNO"); ok {
		t.Error("UNO is a PLOVER group code, not a country")
	}
	for code, want := range map[string]float64{"04": 1, "043": 2.8, "0874": 10, "195": -10, "1956": -10, "112": -2, "057": 8} {
		if got, ok := Goldstein(code); !ok || got != want {
			t.Errorf("Goldstein(%q) = %v, %v; want %v", code, got, ok, want)
		}
	}
	if _, ok := Goldstein(""); ok {
		t.Error("Goldstein of no code")
	}
}

func TestPLOVERRoundTrip(t *testing.T) {
	for level, recs := range levels(t) {
		data := write(t, "plover", recs, Options{CodedDate: "2026-01-02"})
		got, err := ReadPLOVER(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(recs) {
			t.Fatalf("%s: read %d records, wrote %d", level, len(got), len(recs))
		}
		for i, p := range got {
			r := &recs[i]
			want := PLOVEROf(r, "2026-01-02")
			// JSON turns numbers into float64 and arrays into []any: compare
			// the re-encoded records.
			a, _ := json.Marshal(p)
			b, _ := json.Marshal(want)
			if !bytes.Equal(a, b) {
				t.Errorf("%s %s: read back\n%s\nwant\n%s", level, r.Event.ID, a, b)
			}
			if p.Event[0] != string(r.Event.Type) || p.Date != r.Event.Date || (r.Event.Actor != nil && p.Actor[0].Code != r.Event.Actor.Country) {
				t.Errorf("%s %s: record %+v does not carry the event", level, r.Event.ID, p)
			}
			if level == "story" && p.TextInfo["articles"] != float64(r.Articles) {
				t.Errorf("story %s: text_info articles %v, want %d", r.Event.ID, p.TextInfo["articles"], r.Articles)
			}
		}
	}
}

func TestPOLECATRoundTrip(t *testing.T) {
	if len(POLECATColumns) != 40 {
		t.Fatalf("POLECAT has 40 columns, the header lists %d", len(POLECATColumns))
	}
	tb, _ := lookups()
	for level, recs := range levels(t) {
		header, rows, err := ReadTable(bytes.NewReader(write(t, "polecat", recs, Options{})), "polecat")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(header, POLECATColumns) || len(rows) != len(recs) {
			t.Fatalf("%s: header %v and %d rows for %d records", level, header, len(rows), len(recs))
		}
		for i, row := range rows {
			e := &recs[i].Event
			col := func(name string) string { return row[slices.Index(POLECATColumns, name)] }
			if col("Event ID") != e.ID || col("Event Type") != string(e.Type) || col("Event Date") != e.Date ||
				col("Actor Country") != sideCountry(e.Actor) || col("Publication Date") != recs[i].Published {
				t.Errorf("%s row %d: %q does not match event %+v", level, i, row, e)
			}
			if c, ok := tb.country(sideCountry(e.Actor)); ok && c.COW > 0 && col("Actor COW") != strconv.Itoa(c.COW) {
				t.Errorf("%s row %d: Actor COW %q for %s", level, i, col("Actor COW"), e.Actor.Country)
			}
			if q, _ := strconv.Atoi(col("Quad Code")); q != e.Quad {
				t.Errorf("%s row %d: Quad Code %q, want %d", level, i, col("Quad Code"), e.Quad)
			}
		}
	}
}

func TestGDELTRoundTrip(t *testing.T) {
	if len(GDELTColumns) != 61 {
		t.Fatalf("GDELT 2.0 has 61 columns, the header lists %d", len(GDELTColumns))
	}
	col := func(row []string, name string) string { return row[slices.Index(GDELTColumns, name)] }
	roots := 0
	for level, recs := range levels(t) {
		for _, withHeader := range []bool{false, true} {
			header, rows, err := ReadTable(bytes.NewReader(write(t, "gdelt", recs, Options{Header: withHeader})), "gdelt")
			if err != nil {
				t.Fatal(err)
			}
			if (header != nil) != withHeader || len(rows) != len(recs) {
				t.Fatalf("%s header=%v: read header %v and %d rows for %d records", level, withHeader, header, len(rows), len(recs))
			}
			for i, row := range rows {
				r := &recs[i]
				e := &r.Event
				if id := col(row, "GLOBALEVENTID"); id != e.ID[1:] {
					t.Errorf("%s: GLOBALEVENTID %s for %s", level, id, e.ID)
				}
				if e.Date != "" && col(row, "SQLDATE") != strings.ReplaceAll(e.Date, "-", "") {
					t.Errorf("%s %s: SQLDATE %s for %s", level, e.ID, col(row, "SQLDATE"), e.Date)
				}
				code, root := col(row, "EventCode"), col(row, "EventRootCode")
				if !strings.HasPrefix(code, e.CAMEO) || root != e.CAMEO[:2] || !strings.HasPrefix(code, col(row, "EventBaseCode")) {
					t.Errorf("%s %s: codes %s/%s/%s for CAMEO %s", level, e.ID, code, col(row, "EventBaseCode"), root, e.CAMEO)
				}
				g, err := strconv.ParseFloat(col(row, "GoldsteinScale"), 64)
				if want, _ := Goldstein(e.CAMEO); err != nil || g != want {
					t.Errorf("%s %s: GoldsteinScale %q, want %v", level, e.ID, col(row, "GoldsteinScale"), want)
				}
				if col(row, "QuadClass") != strconv.Itoa(e.Quad) || col(row, "NumArticles") != strconv.Itoa(r.Articles) ||
					col(row, "NumSources") != strconv.Itoa(r.Sources) || col(row, "NumMentions") != strconv.Itoa(r.Mentions) {
					t.Errorf("%s %s: quad and counts %q", level, e.ID, row[29:34])
				}
				if e.Actor != nil && e.Actor.Code != "" && col(row, "Actor1Code") != e.Actor.Code {
					t.Errorf("%s %s: Actor1Code %q, want %q", level, e.ID, col(row, "Actor1Code"), e.Actor.Code)
				}
				if l := e.Location; l != nil && l.Country != "" {
					c, _ := storeCountry(l.Country)
					if inGaza(l) {
						c.FIPS = "GZ"
					}
					if col(row, "ActionGeo_CountryCode") != c.FIPS || col(row, "ActionGeo_ADM1Code") != c.FIPS || col(row, "ActionGeo_Type") == "0" {
						t.Errorf("%s %s: ActionGeo %q for %+v", level, e.ID, row[51:59], l)
					}
					if f := col(row, "ActionGeo_FeatureID"); f != "" && f != c.FIPS {
						t.Errorf("%s %s: ActionGeo_FeatureID %q is no GNS id nor FIPS code", level, e.ID, f)
					}
					if located(l) != (col(row, "ActionGeo_Lat") != "") {
						t.Errorf("%s %s: ActionGeo_Lat %q for %+v", level, e.ID, col(row, "ActionGeo_Lat"), l)
					}
				}
				if root := col(row, "IsRootEvent"); root != map[bool]string{true: "1", false: "0"}[e.Sentence < leadSentences] {
					t.Errorf("%s %s: IsRootEvent %s for sentence %d", level, e.ID, root, e.Sentence)
				} else if root == "1" {
					roots++
				}
				if col(row, "SOURCEURL") != firstNonEmpty(r.URL, r.Source) || len(col(row, "DATEADDED")) != 14 {
					t.Errorf("%s %s: DATEADDED %q SOURCEURL %q", level, e.ID, col(row, "DATEADDED"), col(row, "SOURCEURL"))
				}
			}
		}
	}
	if roots == 0 {
		t.Error("no root event among the exported events")
	}
}

func sideCountry(a *event.Actor) string {
	if a == nil {
		return ""
	}
	return a.Country
}

func storeCountry(iso3 string) (countryCodes, bool) {
	tb, _ := lookups()
	return tb.country(iso3)
}

func TestCSVRoundTrip(t *testing.T) {
	for level, recs := range levels(t) {
		data := write(t, "csv", recs, Options{})
		if !bytes.Contains(data, []byte("\r\n")) {
			t.Error("RFC 4180 records end with CRLF")
		}
		header, rows, err := ReadTable(bytes.NewReader(data), "csv")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(header, CSVColumns()) || len(rows) != len(recs) {
			t.Fatalf("%s: header %v, %d rows for %d records", level, header, len(rows), len(recs))
		}
		for i, row := range rows {
			want := RowOf(&recs[i])
			if w := want.Strings(); !slices.Equal(row, w) {
				t.Errorf("%s row %d:\n got %q\nwant %q", level, i, row, w)
			}
		}
	}
}

func TestParquetRoundTrip(t *testing.T) {
	for level, recs := range levels(t) {
		data := write(t, "parquet", recs, Options{})
		rows, err := ReadParquet(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(recs) {
			t.Fatalf("%s: read %d rows, wrote %d", level, len(rows), len(recs))
		}
		for i := range rows {
			want := RowOf(&recs[i])
			if len(rows[i].Contexts) == 0 && len(want.Contexts) == 0 {
				rows[i].Contexts = want.Contexts // an empty list reads back as nil
			}
			if !reflect.DeepEqual(rows[i], want) {
				t.Errorf("%s row %d:\n got %+v\nwant %+v", level, i, rows[i], want)
			}
		}
	}
}

// TestTSVKeepsRowsWhole gives a real record a title with a tab, a line
// break and quotes: the TSV row must keep its column count for a reader
// that splits on tabs and lines without any quoting rules.
func TestTSVKeepsRowsWhole(t *testing.T) {
	events, _ := storedRecords(t)
	r := events[0]
	r.Source = "Agency\tof \"record\"\nsecond line"
	for format, n := range map[string]int{"polecat": 40, "gdelt": 61} {
		data := write(t, format, []Record{r}, Options{Header: true})
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		if len(lines) != 2 {
			t.Fatalf("%s: %d lines, want header and one row", format, len(lines))
		}
		for _, l := range lines {
			if got := len(strings.Split(l, "\t")); got != n {
				t.Errorf("%s: %d tab-separated fields, want %d: %q", format, got, n, l)
			}
		}
		if _, rows, err := ReadTable(bytes.NewReader(data), format); err != nil || len(rows) != 1 {
			t.Errorf("%s: read back %d rows, %v", format, len(rows), err)
		}
	}
}

// TestReadTableNamesBadLine cuts the last row of a real GDELT export short:
// the reader must refuse it and name its line.
func TestReadTableNamesBadLine(t *testing.T) {
	events, _ := storedRecords(t)
	data := write(t, "gdelt", events, Options{})
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	last := lines[len(lines)-1]
	lines[len(lines)-1] = last[:strings.LastIndex(last, "\t")]
	_, _, err := ReadTable(strings.NewReader(strings.Join(lines, "\n")+"\n"), "gdelt")
	if err == nil || !strings.Contains(err.Error(), "line "+strconv.Itoa(len(lines))) || !strings.Contains(err.Error(), "60 columns, want 61") {
		t.Errorf("short row: error %v, want one naming line %d", err, len(lines))
	}
	if _, _, err := ReadTable(strings.NewReader("id,date\n1,2\n"), "csv"); err == nil {
		t.Error("a CSV file with another header was accepted")
	}
}

// TestStoryRecordsCarryCounts checks the story level against the raw level:
// every story's article count is the number of distinct articles among the
// raw events merged into it.
func TestStoryRecordsCarryCounts(t *testing.T) {
	events, stories := storedRecords(t)
	t.Logf("%d raw events merged into %d stories", len(events), len(stories))
	if len(stories) == 0 || len(stories) > len(events) {
		t.Fatalf("%d stories from %d raw events", len(stories), len(events))
	}
	docs := map[string]map[string]bool{}
	for _, e := range events {
		if docs[e.StoryID] == nil {
			docs[e.StoryID] = map[string]bool{}
		}
		docs[e.StoryID][e.DocID] = true
	}
	for _, s := range stories {
		if s.Level != LevelStory || s.Articles != len(docs[s.Event.ID]) || s.Mentions < s.Articles || s.DocID == "" {
			t.Errorf("story %s: level %s, %d articles, %d mentions, doc %q; raw events name %d articles",
				s.Event.ID, s.Level, s.Articles, s.Mentions, s.DocID, len(docs[s.Event.ID]))
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := NewWriter("xlsx", &bytes.Buffer{}, Options{}); err == nil || !strings.Contains(err.Error(), "polecat") {
		t.Errorf("unknown format: %v", err)
	}
}

// The Parquet file types its columns for the reader: dates are DATE, codes
// are strings, and what parley does not know is null. Every column that
// can be unknown is optional, and a record without a place, a title or a
// mode reads back null there, not 0 or "".
func TestParquetSchemaTypes(t *testing.T) {
	events, _ := storedRecords(t)
	r := events[0]
	r.Event.Location, r.Event.Mode, r.Title, r.URL = nil, "", "", ""
	located := events[0]
	located.Event.Location = &event.Location{Name: "Moscow", Country: "RUS", Lat: 55.7522, Lon: 37.6156, GeonamesID: 524901, Resolution: 4}
	data := write(t, "parquet", []Record{r, located}, Options{})
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	schema := f.Schema()
	required := map[string]bool{"level": true, "id": true, "type": true, "contexts": true, "intensity": true,
		"mentions": true, "articles": true, "sources": true, "confidence": true, "reviewed": true}
	for _, field := range schema.Fields() {
		name := field.Name()
		if !required[name] && !field.Optional() {
			t.Errorf("column %s is not nullable", name)
		}
		switch name {
		case "date", "first_seen", "last_seen", "published":
			if lt := field.Type().LogicalType(); lt.String() != "DATE" {
				t.Errorf("column %s is %v, want DATE", name, field.Type())
			}
		case "cameo", "id", "actor_code":
			if lt := field.Type().LogicalType(); lt.String() != "STRING" {
				t.Errorf("column %s is %v, want a string", name, field.Type())
			}
		}
	}
	nulls := map[string]int64{}
	for _, rg := range f.RowGroups() {
		for i, chunk := range rg.ColumnChunks() {
			pages := chunk.Pages()
			for {
				p, err := pages.ReadPage()
				if err != nil {
					break
				}
				nulls[schema.Columns()[i][0]] += p.NumNulls()
			}
			pages.Close()
		}
	}
	for _, col := range []string{"place_name", "lat", "lon", "geonames_id", "place_resolution"} {
		if nulls[col] != 1 {
			t.Errorf("column %s has %d nulls, want the placeless record's", col, nulls[col])
		}
	}
	// Neither record is reviewed: who, when and how are unknown.
	for _, col := range []string{"review_verdict", "reviewer", "reviewed_at", "review_note"} {
		if nulls[col] != 2 {
			t.Errorf("column %s has %d nulls, want both unreviewed records'", col, nulls[col])
		}
	}
	for _, col := range []string{"mode", "title", "url"} {
		if nulls[col] == 0 {
			t.Errorf("column %s has no null, though the first record has no value", col)
		}
	}
	rows, err := ReadParquet(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].Lat != nil || rows[1].Lat == nil || *rows[1].Lat != 55.7522 {
		t.Errorf("lat read back as %v and %v, want null and 55.7522", rows[0].Lat, rows[1].Lat)
	}
	if rows[0].Date == nil || dayString(*rows[0].Date) != r.Event.Date {
		t.Errorf("date read back as %v, want %s", rows[0].Date, r.Event.Date)
	}
}

// CSV cells keep codes as written ("051", "0874") and leave unknown values
// empty: no 0 for a latitude parley does not know, no 0 for a missing quad.
func TestCSVCodesAndNulls(t *testing.T) {
	events, _ := storedRecords(t)
	r := events[0]
	r.Event.CAMEO, r.Event.Location, r.Event.Quad = "051", nil, 0
	unlocated := events[0]
	unlocated.Event.Location = &event.Location{Name: "Kanbalu Township", Country: "MMR", Resolution: 4}
	_, rows, err := ReadTable(bytes.NewReader(write(t, "csv", []Record{r, unlocated}, Options{})), "csv")
	if err != nil {
		t.Fatal(err)
	}
	cols := CSVColumns()
	cell := func(row []string, name string) string { return row[slices.Index(cols, name)] }
	if c := cell(rows[0], "cameo"); c != "051" {
		t.Errorf("cameo %q, want 051", c)
	}
	for _, name := range []string{"quad", "lat", "lon", "geonames_id", "place_resolution", "place_name"} {
		if c := cell(rows[0], name); c != "" {
			t.Errorf("placeless record: %s %q, want empty", name, c)
		}
	}
	if cell(rows[1], "place_name") != "Kanbalu Township" || cell(rows[1], "lat") != "" || cell(rows[1], "lon") != "" {
		t.Errorf("unlocated place: %q %q %q, want its name and no coordinates", cell(rows[1], "place_name"), cell(rows[1], "lat"), cell(rows[1], "lon"))
	}
	if d := cell(rows[0], "date"); d != r.Event.Date {
		t.Errorf("date %q, want %s", d, r.Event.Date)
	}
}

// POLECAT rows name the release that wrote them and leave unknown
// coordinates empty.
func TestPOLECATVersionAndPlaces(t *testing.T) {
	events, _ := storedRecords(t)
	r := events[0]
	r.Event.Location = &event.Location{Name: "Kanbalu Township", Country: "MMR", Resolution: 4}
	_, rows, err := ReadTable(bytes.NewReader(write(t, "polecat", []Record{r}, Options{})), "polecat")
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) string { return rows[0][slices.Index(POLECATColumns, name)] }
	if col("Version") != version.Release {
		t.Errorf("Version %q, want %s", col("Version"), version.Release)
	}
	if col("Latitude") != "" || col("Longitude") != "" || col("Placename") != "Kanbalu Township" {
		t.Errorf("unlocated place written as %q at %q, %q", col("Placename"), col("Latitude"), col("Longitude"))
	}
}

// docs/export-columns.md describes every CSV and Parquet column.
func TestColumnDictionary(t *testing.T) {
	doc, err := os.ReadFile("../docs/export-columns.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range CSVColumns() {
		name := "`" + c + "`"
		if strings.HasPrefix(c, "recipient_") && c != "recipient_name" && c != "recipient_code" {
			continue // described with the actor's columns
		}
		if !bytes.Contains(doc, []byte(name)) {
			t.Errorf("docs/export-columns.md does not describe column %s", c)
		}
	}
}

// POLECAT's Story columns list the people, organisations and places the
// article's events name, as the knowledge base knows them.
func TestPOLECATStoryNames(t *testing.T) {
	events, _ := storedRecords(t)
	var tass []event.Event
	for _, r := range events {
		if r.DocID == "tass-2023-10-27" {
			tass = append(tass, r.Event)
		}
	}
	people, orgs, places := StoryNames(tass)
	for _, c := range []struct {
		list []string
		want []string
	}{
		{people, []string{"Mikhail Bogdanov", "Ali Bagheri Kani", "Mousa Abu Marzouk"}},
		{places, []string{"Moscow", "Gaza Strip", "Lebanon", "Syria"}},
	} {
		for _, w := range c.want {
			if !slices.Contains(c.list, w) {
				t.Errorf("StoryNames: %q missing from %q", w, c.list)
			}
		}
	}
	for _, o := range orgs {
		if slices.Contains(people, o) || slices.Contains(places, o) {
			t.Errorf("%q is listed twice", o)
		}
	}
	r := events[0]
	r.StoryPeople, r.StoryOrganizations, r.StoryLocations = people, orgs, places
	_, rows, err := ReadTable(bytes.NewReader(write(t, "polecat", []Record{r}, Options{})), "polecat")
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0][slices.Index(POLECATColumns, "Story People")]; got != strings.Join(people, "; ") || got == "" {
		t.Errorf("Story People %q, want %q", got, strings.Join(people, "; "))
	}
}

// A place parley could not locate has null coordinates in PLOVER records,
// GDELT's ActionGeo and POLECAT's Latitude, never 0, 0.
func TestUnlocatedPlaceEverywhere(t *testing.T) {
	events, _ := storedRecords(t)
	r := events[0]
	r.Event.Location = &event.Location{Name: "Kanbalu Township", Country: "MMR", Resolution: 4}
	recs, err := ReadPLOVER(bytes.NewReader(write(t, "plover", []Record{r}, Options{})))
	if err != nil {
		t.Fatal(err)
	}
	if l := recs[0].EventLoc; l == nil || l.Lat != nil || l.Lon != nil || l.ResolvedPlace != "Kanbalu Township" {
		t.Errorf("plover event_loc %+v, want the place with null coordinates", l)
	}
	_, rows, err := ReadTable(bytes.NewReader(write(t, "gdelt", []Record{r}, Options{})), "gdelt")
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) string { return rows[0][slices.Index(GDELTColumns, name)] }
	if col("ActionGeo_Lat") != "" || col("ActionGeo_Long") != "" || col("ActionGeo_CountryCode") != "BM" {
		t.Errorf("gdelt ActionGeo %q, %q in %q, want empty coordinates in BM", col("ActionGeo_Lat"), col("ActionGeo_Long"), col("ActionGeo_CountryCode"))
	}
}
