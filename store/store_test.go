package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
)

// The stories below are real reports of the 26 October 2023 meeting of
// Russian deputy foreign minister Mikhail Bogdanov with Iran's Ali Bagheri
// Kani in Moscow, worded as two different outlets did, coded by hand the
// way `parley code` writes events (byte spans into the document text).

const tassText = `MOSCOW, October 27. /TASS/. On Thursday, Russian Deputy Foreign Minister Mikhail Bogdanov, who also serves as special presidential envoy for the Middle East and Syria, met with his Iranian colleague in Moscow. The two diplomats noted the need for a ceasefire in the Middle East.`

const irnaText = `TEHRAN, Oct. 27 (IRNA) - Iran's deputy foreign minister for political affairs Ali Bagheri Kani held talks in Moscow on Thursday with Bogdanov, the Russian president's special envoy for the Middle East, on the situation in Gaza.`

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// span returns the byte span of the first sub in text after from.
func span(t *testing.T, text, sub string, from int) [2]int {
	t.Helper()
	i := strings.Index(text[from:], sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	return [2]int{from + i, from + i + len(sub)}
}

// coded builds the event a coder writes for one sentence of d.
type coded struct {
	sentence               string // the sentence, as in d.Text
	typ, date              string
	actor, actorName, ac   string
	trigger                string
	recip, recipName, rc   string
	place, placeCountry    string
	quad                   int
	sentenceIndex, mention int
}

func (c coded) event(t *testing.T, d *doc.Document, i int) event.Event {
	t.Helper()
	ss := span(t, d.Text, c.sentence, 0)
	e := event.Event{
		ID: d.ID + "-" + string(rune('a'+i)), DocID: d.ID, Date: c.date, DatePrecision: "day",
		Type: event.Type(c.typ), Quad: c.quad, Sentence: c.sentenceIndex, Span: ss, Text: c.sentence,
		Trigger: c.trigger, TriggerSpan: span(t, d.Text, c.trigger, ss[0]), Modality: "asserted",
		Mentions: max(c.mention, 1), Confidence: 0.9, Rule: "test",
	}
	if c.actor != "" {
		e.Actor = &event.Actor{Text: c.actor, Name: c.actorName, Country: c.ac, Sector: "GOV", Code: c.ac + "GOV",
			Span: span(t, d.Text, c.actor, ss[0])}
	}
	if c.recip != "" {
		e.Recipient = &event.Actor{Text: c.recip, Name: c.recipName, Country: c.rc, Sector: "GOV", Code: c.rc + "GOV",
			Span: span(t, d.Text, c.recip, ss[0])}
	}
	if c.place != "" {
		e.Location = &event.Location{Text: "in " + c.place, Name: c.place, Country: c.placeCountry, Lat: 55.75, Lon: 37.62, GeonamesID: 524901, Resolution: 4}
	}
	return e
}

func open(t *testing.T, opts Options) (*SQLite, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "parley.db")
	s, err := OpenSQLite(context.Background(), path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func ingest(t *testing.T, s Store, d *doc.Document, cs ...coded) Result {
	t.Helper()
	var evs []event.Event
	for i, c := range cs {
		evs = append(evs, c.event(t, d, i))
	}
	r, err := s.Ingest(context.Background(), d, evs)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func tassDoc() *doc.Document {
	return &doc.Document{ID: "tass-2023-10-27", Source: "TASS", URL: "https://tass.com/politics/1697551", Date: day("2023-10-27"), Text: tassText}
}

func irnaDoc() *doc.Document {
	return &doc.Document{ID: "irna-2023-10-27", Source: "IRNA", Date: day("2023-10-27"), Text: irnaText}
}

var tassMeeting = coded{
	sentence: "On Thursday, Russian Deputy Foreign Minister Mikhail Bogdanov, who also serves as special presidential envoy for the Middle East and Syria, met with his Iranian colleague in Moscow.",
	typ:      "CONSULT", date: "2023-10-26", quad: 1,
	actor: "Russian Deputy Foreign Minister Mikhail Bogdanov", actorName: "Mikhail Bogdanov", ac: "RUS",
	trigger: "met", recip: "his Iranian colleague", recipName: "Ali Bagheri Kani", rc: "IRN",
	place: "Moscow", placeCountry: "RUS", sentenceIndex: 0,
}

// The IRNA report names the Iranian first and calls Bogdanov by surname.
var irnaMeeting = coded{
	sentence: irnaText,
	typ:      "CONSULT", date: "2023-10-26", quad: 1,
	actor: "Iran's deputy foreign minister for political affairs Ali Bagheri Kani", actorName: "Ali Bagheri Kani", ac: "IRN",
	trigger: "held talks", recip: "Bogdanov", recipName: "Bogdanov", rc: "RUS",
	place: "Moscow", placeCountry: "RUS", sentenceIndex: 0,
}

func TestTwoReportsOfOneMeetingMerge(t *testing.T) { eachBackend(t, testTwoReportsOfOneMeetingMerge) }

func testTwoReportsOfOneMeetingMerge(t *testing.T, b backend) {
	ctx := context.Background()
	s, _ := b.open(t, Options{})
	if r := ingest(t, s, tassDoc(), tassMeeting); r.NewStories != 1 || r.Merged != 0 {
		t.Fatalf("first report: %+v", r)
	}
	if r := ingest(t, s, irnaDoc(), irnaMeeting); r.NewStories != 0 || r.Merged != 1 {
		t.Fatalf("second report should merge: %+v", r)
	}
	stories, err := s.Stories(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if stories.Total != 1 {
		t.Fatalf("want one merged event, got %d: %+v", stories.Total, stories.Items)
	}
	st := stories.Items[0]
	if st.Articles != 2 || st.Sources != 2 || st.Mentions != 2 {
		t.Errorf("counts: articles %d sources %d mentions %d, want 2 2 2", st.Articles, st.Sources, st.Mentions)
	}
	if st.Type != "CONSULT" || st.Date != "2023-10-26" || st.FirstSeen != "2023-10-27" || st.LastSeen != "2023-10-27" {
		t.Errorf("story fields: %+v", st)
	}
	if st.Actor == nil || st.Actor.Name != "Mikhail Bogdanov" || st.Place == nil || st.Place.Name != "Moscow" {
		t.Errorf("story actor/place: %+v %+v", st.Actor, st.Place)
	}
	raw, err := s.Events(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if raw.Total != 2 || raw.Items[0].StoryID != st.ID || raw.Items[1].StoryID != st.ID {
		t.Fatalf("raw level: %+v", raw)
	}
	det, err := s.Story(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(det.Reports) != 2 {
		t.Fatalf("story detail has %d reports", len(det.Reports))
	}
	// The TASS report highlights actor, trigger and recipient in its sentence.
	var tass *Mention
	for i := range det.Reports {
		if det.Reports[i].DocID == "tass-2023-10-27" {
			tass = &det.Reports[i]
		}
	}
	if tass == nil {
		t.Fatal("TASS report missing from story")
	}
	roles := map[string]string{}
	var whole strings.Builder
	for _, seg := range tass.Highlight {
		whole.WriteString(seg.Text)
		if seg.Role != "" {
			roles[seg.Role] = seg.Text
		}
	}
	if whole.String() != tassMeeting.sentence {
		t.Errorf("segments do not rebuild the sentence: %q", whole.String())
	}
	want := map[string]string{"actor": tassMeeting.actor, "trigger": "met", "recipient": "his Iranian colleague"}
	for k, v := range want {
		if roles[k] != v {
			t.Errorf("highlight %s = %q, want %q", k, roles[k], v)
		}
	}
}

func TestSameTypeOnOtherDaysOrPlacesStaysApart(t *testing.T) {
	eachBackend(t, testSameTypeOnOtherDaysOrPlacesStaysApart)
}

func testSameTypeOnOtherDaysOrPlacesStaysApart(t *testing.T, b backend) {
	ctx := context.Background()
	s, _ := b.open(t, Options{})
	ingest(t, s, tassDoc(), tassMeeting)

	// Same sides, same place, three days later: another meeting.
	later := irnaMeeting
	later.date = "2023-10-29"
	d := irnaDoc()
	d.ID, d.Date = "irna-2023-10-30", day("2023-10-30")
	if r := ingest(t, s, d, later); r.Merged != 0 {
		t.Errorf("a meeting three days later merged: %+v", r)
	}
	// Same sides, same day, another city: another meeting.
	elsewhere := irnaMeeting
	elsewhere.place, elsewhere.placeCountry = "Tehran", "IRN"
	d = irnaDoc()
	d.ID = "irna-tehran"
	ev := elsewhere.event(t, d, 0)
	ev.Location.GeonamesID = 112931
	if r, err := s.Ingest(ctx, d, []event.Event{ev}); err != nil || r.Merged != 0 {
		t.Errorf("a meeting in another city merged: %+v %v", r, err)
	}
	// Same day and place, another type.
	other := irnaMeeting
	other.typ = "AGREE"
	d = irnaDoc()
	d.ID = "irna-agree"
	if r := ingest(t, s, d, other); r.Merged != 0 {
		t.Errorf("an agreement merged into a meeting: %+v", r)
	}
	// Same day, place and type, another recipient entity of the same country.
	marzouk := irnaMeeting
	marzouk.recipName = "Vladimir Putin"
	d = irnaDoc()
	d.ID = "irna-putin"
	if r := ingest(t, s, d, marzouk); r.Merged != 0 {
		t.Errorf("a meeting with another Russian merged: %+v", r)
	}
	// A report that names no place joins the story at Moscow.
	noplace := irnaMeeting
	noplace.place = ""
	d = irnaDoc()
	d.ID = "irna-no-place"
	if r := ingest(t, s, d, noplace); r.Merged != 1 {
		t.Errorf("a report without a place did not merge: %+v", r)
	}
	// One day apart is inside the default window.
	next := irnaMeeting
	next.date = "2023-10-27"
	d = irnaDoc()
	d.ID = "irna-next-day"
	if r := ingest(t, s, d, next); r.Merged != 1 {
		t.Errorf("a report dated one day later did not merge: %+v", r)
	}
	n, err := s.Stories(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if n.Total != 5 {
		t.Errorf("want 5 stories, got %d", n.Total)
	}
}

func TestWindowIsConfigurable(t *testing.T) { eachBackend(t, testWindowIsConfigurable) }

func testWindowIsConfigurable(t *testing.T, b backend) {
	s, _ := b.open(t, Options{Window: 3 * 24 * time.Hour})
	ingest(t, s, tassDoc(), tassMeeting)
	later := irnaMeeting
	later.date = "2023-10-29"
	if r := ingest(t, s, irnaDoc(), later); r.Merged != 1 {
		t.Errorf("with a ±3 day window a report 3 days later should merge: %+v", r)
	}
}

func TestReingestChangesNothing(t *testing.T) { eachBackend(t, testReingestChangesNothing) }

func testReingestChangesNothing(t *testing.T, b backend) {
	ctx := context.Background()
	s, dsn := b.open(t, Options{})
	ingest(t, s, tassDoc(), tassMeeting)
	ingest(t, s, irnaDoc(), irnaMeeting)
	before, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r := ingest(t, s, tassDoc(), tassMeeting); !r.Skipped || r.Events != 0 {
		t.Errorf("re-ingest: %+v", r)
	}
	if has, err := s.HasDocument(ctx, irnaDoc()); err != nil || !has {
		t.Errorf("HasDocument = %v, %v", has, err)
	}
	// A document without id is known by its content.
	anon := &doc.Document{Date: day("2023-10-27"), Text: "Moscow, Oct 27. Nothing happened today."}
	for i := 0; i < 2; i++ {
		if r, err := s.Ingest(ctx, anon, nil); err != nil || r.Skipped != (i == 1) || !strings.HasPrefix(r.DocID, "sha256-") {
			t.Errorf("anonymous document, pass %d: %+v %v", i, r, err)
		}
	}
	// Another text under a stored id is refused, not merged silently.
	changed := tassDoc()
	changed.Text += " Updated."
	if _, err := s.Ingest(ctx, changed, nil); !errors.Is(err, ErrConflict) {
		t.Errorf("changed text under a stored id: err = %v, want ErrConflict", err)
	}
	// Load asks about many documents at once.
	newDoc := irnaDoc()
	newDoc.ID = "not-stored"
	newAnon := &doc.Document{Text: "Another text without id."}
	docs := []*doc.Document{irnaDoc(), newDoc, anon, tassDoc(), newAnon, irnaDoc()}
	if stored, err := s.(DocumentsChecker).StoredDocuments(ctx, docs); err != nil ||
		fmt.Sprint(stored) != "[true false true true false true]" {
		t.Errorf("StoredDocuments = %v, %v; want [true false true true false true]", stored, err)
	}
	after, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Events != before.Events || after.Stories != before.Stories || after.Documents != before.Documents+1 {
		t.Errorf("stats before %+v after %+v", before, after)
	}
	// The store reopens with its data and a single migration record.
	s.Close()
	s2, err := Open(ctx, dsn, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	again, err := s2.Stats(ctx)
	if err != nil || again.Events != after.Events || again.Documents != after.Documents {
		t.Errorf("reopened: %+v %v", again, err)
	}
	if _, err := os.Stat(dsn + "-wal"); b.name == "sqlite" && err != nil {
		t.Errorf("store is not in WAL mode: %v", err)
	}
}

// corpus ingests a small multi-source corpus for the query tests.
func corpus(t *testing.T, b backend) Store {
	s, _ := b.open(t, Options{})
	ingest(t, s, tassDoc(), tassMeeting, coded{
		sentence: "The two diplomats noted the need for a ceasefire in the Middle East.",
		typ:      "REQUEST", date: "2023-10-26", quad: 1,
		actor: "The two diplomats", actorName: "", ac: "RUS", trigger: "noted the need", sentenceIndex: 1,
	})
	ingest(t, s, irnaDoc(), irnaMeeting)
	strike := `KYIV, Nov 2 (Reuters) - Russian forces shelled the city of Kherson on Thursday, Ukrainian officials said.`
	d := &doc.Document{ID: "reuters-kherson", Source: "Reuters", Date: day("2023-11-03"), Text: strike}
	ev := coded{sentence: strike, typ: "ASSAULT", date: "2023-11-02", quad: 4,
		actor: "Russian forces", actorName: "Russian Armed Forces", ac: "RUS", trigger: "shelled",
		recip: "the city of Kherson", recipName: "Kherson", rc: "UKR"}.event(t, d, 0)
	ev.Actor.Sector, ev.Actor.Code = "MIL", "RUSMIL"
	ev.Location = &event.Location{Name: "Kherson", Country: "UKR", Lat: 46.64, Lon: 32.61, GeonamesID: 706448, Resolution: 4}
	if _, err := s.Ingest(context.Background(), d, []event.Event{ev}); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFilters(t *testing.T) { eachBackend(t, testFilters) }

func testFilters(t *testing.T, b backend) {
	ctx := context.Background()
	s := corpus(t, b)
	cases := []struct {
		name    string
		q       Query
		stories int
		events  int
	}{
		{"all", Query{}, 3, 4},
		{"actor name", Query{Actor: "bogdanov"}, 1, 1},
		{"actor country", Query{Actor: "RUS"}, 3, 3},
		{"recipient", Query{Recipient: "Kherson"}, 1, 1},
		{"either side", Query{Country: "UKR"}, 1, 1},
		{"two countries", Query{Country: "UKR,IRN"}, 2, 3},
		{"type", Query{Type: "consult"}, 1, 2},
		{"quad", Query{Quad: 4}, 1, 1},
		{"month", Query{From: "2023-11-01", To: "2023-11-30"}, 1, 1},
		{"place", Query{Place: "Moscow"}, 1, 2},
		{"place country", Query{Place: "UKR"}, 1, 1},
		{"source", Query{Source: "irna"}, 1, 1},
		{"text", Query{Text: "ceasefire"}, 1, 1},
		{"text words", Query{Text: "held talks Gaza"}, 1, 1},
		{"text with FTS syntax", Query{Text: `NEAR("x" OR) *`}, 0, 0},
		{"no match", Query{Actor: "Nobody", Type: "CONSULT"}, 0, 0},
	}
	for _, c := range cases {
		st, err := s.Stories(ctx, c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		ev, err := s.Events(ctx, c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if st.Total != c.stories || len(st.Items) != c.stories || ev.Total != c.events {
			t.Errorf("%s: %d stories (%d items), %d events; want %d, %d", c.name, st.Total, len(st.Items), ev.Total, c.stories, c.events)
		}
	}
	if _, err := s.Stories(ctx, Query{From: "27/10/2023"}); err == nil {
		t.Error("a bad date was accepted")
	}
	page, err := s.Stories(ctx, Query{Limit: 2, Offset: 2})
	if err != nil || page.Total != 3 || len(page.Items) != 1 {
		t.Errorf("pagination: %+v %v", page, err)
	}
}

func TestAggregates(t *testing.T) { eachBackend(t, testAggregates) }

func testAggregates(t *testing.T, b backend) {
	ctx := context.Background()
	s := corpus(t, b)
	get := func(by string, level string) map[string]int {
		cs, err := s.CountBy(ctx, Query{Level: level}, by)
		if err != nil {
			t.Fatalf("count by %s: %v", by, err)
		}
		m := map[string]int{}
		for _, c := range cs {
			m[c.Key] = c.Count
		}
		return m
	}
	if m := get("type", ""); m["CONSULT"] != 1 || m["ASSAULT"] != 1 || m["REQUEST"] != 1 {
		t.Errorf("by type: %v", m)
	}
	if m := get("type", "event"); m["CONSULT"] != 2 {
		t.Errorf("raw by type: %v", m)
	}
	if m := get("day", ""); m["2023-10-26"] != 2 || m["2023-11-02"] != 1 {
		t.Errorf("by day: %v", m)
	}
	if m := get("week", ""); m["2023-10-23"] != 2 || m["2023-10-30"] != 1 {
		t.Errorf("by week (Monday): %v", m)
	}
	if m := get("month", ""); m["2023-10"] != 2 || m["2023-11"] != 1 {
		t.Errorf("by month: %v", m)
	}
	if m := get("country", ""); m["RUS"] != 3 || m["IRN"] != 1 || m["UKR"] != 1 {
		t.Errorf("by country: %v", m)
	}
	if m := get("actor", ""); m["Mikhail Bogdanov"] != 1 || m["Russian Armed Forces"] != 1 {
		t.Errorf("by actor: %v", m)
	}
	if _, err := s.CountBy(ctx, Query{}, "colour"); err == nil {
		t.Error("bad count-by accepted")
	}
	tl, err := s.Timeline(ctx, Query{Country: "RUS"})
	if err != nil || len(tl) != 2 || tl[0].Date != "2023-10-26" || tl[0].Quad != 1 || tl[0].Count != 2 || tl[1].Quad != 4 {
		t.Errorf("timeline: %+v %v", tl, err)
	}
	net, err := s.Network(ctx, Query{})
	if err != nil || len(net) != 2 {
		t.Fatalf("network: %+v %v", net, err)
	}
	for _, e := range net {
		if e.Count != 1 || e.Source.Country != "RUS" {
			t.Errorf("edge %+v", e)
		}
	}
	acts, err := s.Actors(ctx, Query{Country: "IRN"})
	if err != nil || len(acts) != 2 {
		t.Errorf("actors: %+v %v", acts, err)
	}
	pl, err := s.Places(ctx, Query{})
	if err != nil || len(pl) != 2 || pl[0].Count != 1 {
		t.Errorf("places: %+v %v", pl, err)
	}
	for _, p := range pl {
		if want := map[string][5]int{"Kherson": {0, 0, 0, 0, 1}, "Moscow": {0, 1, 0, 0, 0}}[p.Name]; p.Quads != want {
			t.Errorf("place %s by quad class: %v, want %v", p.Name, p.Quads, want)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Documents != 3 || st.Events != 4 || st.Stories != 3 || st.Sources != 3 || st.FirstDate != "2023-10-26" {
		t.Errorf("stats: %+v %v", st, err)
	}
	d, err := s.Document(ctx, "reuters-kherson")
	if err != nil || len(d.Events) != 1 || d.Text == "" || d.Source != "Reuters" {
		t.Errorf("document: %+v %v", d, err)
	}
	if _, err := s.Document(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown document: %v", err)
	}
	if _, err := s.Story(ctx, "E1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("story with an event id: %v", err)
	}
	if m, err := s.Event(ctx, "E1"); err != nil || m.DocID != "tass-2023-10-27" {
		t.Errorf("event E1: %+v %v", m, err)
	}
}

// TestOpenTakesPostgresURLs checks that a postgres:// URL reaches
// PostgreSQL (not a SQLite file of that name) and that errors do not show
// the password.
func TestOpenTakesPostgresURLs(t *testing.T) {
	t.Chdir(t.TempDir())
	_, err := Open(context.Background(), "postgres://parley:secret@127.0.0.1:1/parley?connect_timeout=2", Options{})
	if err == nil {
		t.Fatal("a postgres URL with no server behind it opened")
	}
	if strings.Contains(err.Error(), "secret") || !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Errorf("error %q should name the server without the password", err)
	}
	if files, _ := os.ReadDir("."); len(files) != 0 {
		t.Errorf("a postgres URL created a file: %v", files[0].Name())
	}
}

func TestLoadStoresInInputOrderAndResumes(t *testing.T) {
	eachBackend(t, testLoadStoresInInputOrderAndResumes)
}

func testLoadStoresInInputOrderAndResumes(t *testing.T, b backend) {
	ctx := context.Background()
	s, _ := b.open(t, Options{})
	// Ten reports of the meeting from ten outlets, a bad input line, and
	// the Kherson strike: one merged story of 10 articles, one other.
	var docs []*doc.Document
	for i := 0; i < 10; i++ {
		d := irnaDoc()
		d.ID, d.Source = "report-"+string(rune('a'+i)), "outlet "+string(rune('a'+i))
		docs = append(docs, d)
	}
	events := map[string][]event.Event{}
	for _, d := range docs {
		events[d.ID] = []event.Event{irnaMeeting.event(t, d, 0)}
	}
	seq := func(yield func(*doc.Document, error) bool) {
		for i, d := range docs {
			if i == 5 && !yield(nil, errors.New("input.jsonl:6: bad JSON")) {
				return
			}
			if !yield(d, nil) {
				return
			}
		}
	}
	var coded int
	var mu = make(chan struct{}, 1)
	code := func(_ context.Context, d *doc.Document) ([]event.Event, error) {
		mu <- struct{}{}
		coded++
		<-mu
		return events[d.ID], nil
	}
	var errs []error
	var last Progress
	p, err := Load(ctx, s, seq, code, LoadOptions{Workers: 4, OnError: func(e error) { errs = append(errs, e) }, OnStored: func(p Progress) { last = p }})
	if err != nil {
		t.Fatal(err)
	}
	if p.Documents != 10 || p.Events != 10 || p.Errors != 1 || len(errs) != 1 || last.Documents != 10 || coded != 10 {
		t.Errorf("progress %+v, errors %v, coded %d", p, errs, coded)
	}
	st, err := s.Stories(ctx, Query{})
	if err != nil || st.Total != 1 || st.Items[0].Articles != 10 || st.Items[0].Sources != 10 {
		t.Fatalf("stories: %+v %v", st, err)
	}
	// Input order decides which report anchors the story: the first one.
	det, err := s.Story(ctx, st.Items[0].ID)
	if err != nil || det.Reports[0].DocID != "report-a" {
		t.Errorf("story anchor: %+v %v", det, err)
	}
	// A second run codes nothing and stores nothing.
	coded = 0
	p, err = Load(ctx, s, seq, code, LoadOptions{Workers: 2})
	if err != nil || p.Documents != 0 || p.Skipped != 10 || coded != 0 {
		t.Errorf("second run: %+v %v, coded %d", p, err, coded)
	}
}

// BenchmarkStoreIngest measures the store's side of ingest: one document
// with two events per transaction, each event merging into a story.
func BenchmarkStoreIngest(b *testing.B) {
	t := &testing.T{}
	s, err := OpenSQLite(context.Background(), filepath.Join(b.TempDir(), "parley.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	base := tassDoc()
	evs := []event.Event{tassMeeting.event(t, base, 0), irnaMeeting.event(t, irnaDoc(), 1)}
	evs[1].Span, evs[1].TriggerSpan = evs[0].Span, evs[0].TriggerSpan
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := *base
		d.ID = fmt.Sprintf("doc-%d", i)
		d.Text = base.Text + fmt.Sprintf(" (%d)", i)
		d.Date = base.Date.AddDate(0, 0, i%700)
		for k := range evs {
			evs[k].Date = d.Date.AddDate(0, 0, -1).Format("2006-01-02")
		}
		if _, err := s.Ingest(context.Background(), &d, evs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// Filter values that can match nothing are errors naming the value and
// what is accepted; case does not matter for types, modes and countries.
func TestQueryCheck(t *testing.T) {
	q, err := Query{Type: "assault, consult", Country: "rus,ukr", Mode: "Aerial"}.Check()
	if err != nil || q.Type != "ASSAULT,CONSULT" || q.Country != "RUS,UKR" || q.Mode != "aerial" {
		t.Errorf("Check folded to %+v, %v", q, err)
	}
	// Review states and sort keys (review.go, sort.go): every accepted one
	// passes, folded to lower case.
	for _, ok := range []Query{{Reviewed: "Yes"}, {Reviewed: "no"}, {Reviewed: "CORRECT"}, {Reviewed: "wrong"},
		{Sort: "-Date"}, {Sort: "articles"}, {Sort: "mentions", Level: "story"}, {Level: "event", Sort: "source"}, {Level: "raw", Sort: "-place"}} {
		q, err := ok.Check()
		if err != nil || q.Reviewed != strings.ToLower(ok.Reviewed) || q.Sort != strings.ToLower(ok.Sort) {
			t.Errorf("Check(%+v) = %+v, %v", ok, q, err)
		}
	}
	for _, c := range []struct {
		q    Query
		want string
	}{
		{Query{Type: "FOO"}, `unknown type "FOO" (want one of AGREE, CONSULT`},
		{Query{Mode: "bogus"}, `unknown mode "bogus" (want one of`},
		{Query{Country: "russia"}, `unknown country "russia" (want an ISO 3166 alpha-3`},
		{Query{From: "2024-05-01", To: "2024-04-01"}, "from 2024-05-01 is after to 2024-04-01"},
		{Query{From: "May 1"}, `bad from date "May 1"`},
		{Query{Limit: -1}, "bad limit -1"},
		{Query{Offset: -5}, "bad offset -5"},
		{Query{Level: "all"}, `bad level "all"`},
		{Query{Reviewed: "maybe"}, `unknown reviewed "maybe" (want one of yes, no, correct, wrong)`},
		{Query{Sort: "colour"}, `unknown sort "colour" for stories (want one of date, type, actor, recipient, place, articles, mentions,`},
		{Query{Sort: "source"}, `unknown sort "source" for stories`},
		{Query{Level: "event", Sort: "-articles"}, `unknown sort "-articles" for raw events (want one of date, type, actor, recipient, place, source,`},
		{Query{Sort: "-"}, `unknown sort "-"`},
	} {
		_, err := c.q.Check()
		if !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Check(%+v) = %v, want an error containing %q", c.q, err, c.want)
		}
	}
}

// Cooperation, like a meeting, has two sides that play the same role: two
// articles that name them in opposite order report one happening (the
// coder and the store read this from kb/data/plover.tsv alike).
func TestReversedCooperationMerges(t *testing.T) { eachBackend(t, testReversedCooperationMerges) }

func testReversedCooperationMerges(t *testing.T, b backend) {
	s, _ := b.open(t, Options{})
	tass, irna := tassMeeting, irnaMeeting
	tass.typ, irna.typ = "COOPERATE", "COOPERATE"
	tass.quad, irna.quad = 2, 2
	if r := ingest(t, s, tassDoc(), tass); r.NewStories != 1 {
		t.Fatalf("first report: %+v", r)
	}
	if r := ingest(t, s, irnaDoc(), irna); r.NewStories != 0 || r.Merged != 1 {
		t.Fatalf("the reversed report should merge: %+v", r)
	}
}
