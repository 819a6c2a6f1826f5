package store

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
)

// randomReports builds n documents whose events report a few happenings
// many times over, the way a news corpus does: the same types, sides and
// places on nearby days, sides named more or less fully, symmetric types
// with their sides either way round, places missing from some reports,
// several outlets, and some documents without any date.
func randomReports(n int, seed uint64) []Item {
	r := rand.New(rand.NewPCG(seed, 1))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	type person struct{ country, name string }
	people := []person{
		{"RUS", "Mikhail Bogdanov"}, {"RUS", "Bogdanov"}, {"RUS", ""}, {"RUS", "Sergei Lavrov"},
		{"IRN", "Ali Bagheri Kani"}, {"IRN", "Bagheri Kani"}, {"IRN", ""},
		{"UKR", ""}, {"UKR", "Dmytro Kuleba"}, {"USA", "Antony Blinken"}, {"USA", "Blinken"},
	}
	places := []*event.Location{
		nil, nil,
		{Text: "in Moscow", Name: "Moscow", Country: "RUS", GeonamesID: 524901, Resolution: 4},
		{Text: "in Tehran", Name: "Tehran", Country: "IRN", GeonamesID: 112931, Resolution: 4},
		{Text: "near Avdiivka", Name: "Avdiivka", Country: "UKR", Resolution: 4},
		{Text: "in Ukraine", Country: "UKR", Resolution: 1},
	}
	base := day("2023-10-01")
	var items []Item
	for i := range n {
		d := &doc.Document{ID: fmt.Sprintf("doc-%d", i), Source: pick("TASS", "IRNA", "Reuters", "", "")}
		if d.Source == "" && r.IntN(2) == 0 {
			d.URL = pick("https://www.bbc.co.uk/news/1", "https://apnews.com/2")
		}
		if r.IntN(10) > 0 {
			d.Date = base.AddDate(0, 0, r.IntN(12))
		}
		var sentences []string
		var evs []event.Event
		for k := range 1 + r.IntN(4) {
			a, b := people[r.IntN(len(people))], people[r.IntN(len(people))]
			s := fmt.Sprintf("Sentence %d of report %d says %s met %s.", k, i, a.name, b.name)
			e := event.Event{
				ID: fmt.Sprintf("%s-%d", d.ID, k), DocID: d.ID, Type: event.Type(pick("CONSULT", "CONSULT", "AGREE", "ASSAULT", "PROTEST")),
				Quad: 1 + r.IntN(4), Sentence: k, Text: s, Trigger: "met", Mentions: 1 + r.IntN(3), Modality: "asserted",
				Actor:     &event.Actor{Name: a.name, Country: a.country, Sector: "GOV", Code: a.country + "GOV"},
				Recipient: &event.Actor{Name: b.name, Country: b.country, Sector: "GOV", Code: b.country + "GOV"},
				Location:  places[r.IntN(len(places))],
				// Contexts without drawing from r (the reports stay
				// those the tests were written with).
				Contexts: [][]string{{}, {"military"}, {}, {"diplomatic", "economic"}, {"economic"}}[(i+k)%5],
			}
			if r.IntN(8) == 0 {
				e.Recipient = nil
			}
			if r.IntN(3) > 0 {
				e.Date = base.AddDate(0, 0, r.IntN(12)).Format("2006-01-02")
			}
			start := len(strings.Join(sentences, " "))
			if start > 0 {
				start++
			}
			e.Span = [2]int{start, start + len(s)}
			sentences = append(sentences, s)
			evs = append(evs, e)
		}
		d.Text = strings.Join(sentences, " ")
		items = append(items, Item{Doc: d, Events: evs})
	}
	return items
}

// dump returns every row of a query as strings, for comparing stores.
func dump(t *testing.T, db queryDB, query string) [][]string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = fmt.Sprint(v)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestStoryCacheMergesAsSQLiteDoes writes the same reports, in the same
// batches, once through the writer's cache and once looking every story,
// actor and place up in SQLite: the two stores must hold the same stories,
// actors and places, every column of them, and file every event under the
// same story.
func TestStoryCacheMergesAsSQLiteDoes(t *testing.T) {
	ctx := context.Background()
	items := randomReports(600, 7)
	cached, _ := open(t, Options{})
	direct, _ := open(t, Options{})
	direct.noWriteCache = true
	r := rand.New(rand.NewPCG(3, 3))
	for k := 0; k < len(items); {
		n := min(1+r.IntN(60), len(items)-k)
		for _, s := range []*SQLite{cached, direct} {
			_, errs := s.IngestBatch(ctx, items[k:k+n])
			for _, err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		k += n
	}
	for _, q := range []string{
		`SELECT * FROM stories ORDER BY pk`,
		`SELECT pk, doc_pk, story_pk FROM events ORDER BY pk`,
		`SELECT * FROM actors ORDER BY pk`,
		`SELECT * FROM places ORDER BY pk`,
	} {
		want, got := dump(t, direct.r, q), dump(t, cached.r, q)
		if !reflect.DeepEqual(got, want) {
			for i := range min(len(got), len(want)) {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("%s: row %d is %v through the cache, %v through SQLite", q, i, got[i], want[i])
					break
				}
			}
			t.Fatalf("%s: %d rows through the cache, %d through SQLite", q, len(got), len(want))
		}
	}
	// The corpus exercised what the cache has to get right.
	var merged, sources, placed, undated int
	err := cached.r.QueryRow(`SELECT count(*) FILTER (WHERE articles > 1), count(*) FILTER (WHERE sources > 1),
		count(*) FILTER (WHERE articles > 1 AND place_key <> ''), count(*) FILTER (WHERE day IS NULL) FROM stories`).
		Scan(&merged, &sources, &placed, &undated)
	if err != nil {
		t.Fatal(err)
	}
	if merged < 50 || sources < 20 || placed < 20 || undated == 0 {
		t.Errorf("corpus too easy: %d merged stories, %d with several sources, %d merged with a place, %d undated",
			merged, sources, placed, undated)
	}
}

// TestStoryCacheSeesOtherWriters interleaves two stores open on one file:
// each must see the other's stories and merges, which its story cache did
// not make.
func TestStoryCacheSeesOtherWriters(t *testing.T) {
	ctx := context.Background()
	a, path := open(t, Options{})
	b, err := OpenSQLite(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	tass, irna := tassDoc(), irnaDoc()
	// a reads the stories of 25–27 October into its cache.
	ingest(t, a, tass, tassMeeting)
	// b merges a report into a's story, and starts one a has not seen.
	r := ingest(t, b, irna, irnaMeeting)
	if r.Merged != 1 {
		t.Fatalf("b did not merge the IRNA report into a's story: %+v", r)
	}
	protest := coded{sentence: irnaMeeting.sentence, typ: "PROTEST", date: "2023-10-26", quad: 3,
		actor: "Bagheri Kani", actorName: "Ali Bagheri Kani", ac: "IRN", trigger: "held talks"}
	other := irnaDoc()
	other.ID, other.Source = "irna-protest", "Mehr"
	if r := ingest(t, b, other, protest); r.NewStories != 1 {
		t.Fatalf("b: %+v, want a new story", r)
	}
	// a must find b's story, and count b's report in the meeting.
	// Its report comes from IRNA, as b's did: no new outlet.
	again := irnaDoc()
	again.ID = "irna-again"
	if r := ingest(t, a, again, protest, irnaMeeting); r.Merged != 2 {
		t.Fatalf("a: %+v, want both events merged into b's stories", r)
	}
	st, err := a.Stats(ctx)
	if err != nil || st.Stories != 2 {
		t.Fatalf("%d stories, %v; want 2", st.Stories, err)
	}
	var articles, sources int
	if err := a.r.QueryRow(`SELECT articles, sources FROM stories WHERE type = 'CONSULT'`).Scan(&articles, &sources); err != nil {
		t.Fatal(err)
	}
	if articles != 3 || sources != 2 {
		t.Errorf("the meeting counts %d articles from %d sources, want 3 from 2", articles, sources)
	}
}

// TestStoryCacheForgetsRolledBackStories fails a document after its
// first event started a story: that story was rolled back, so the next
// report of the happening starts it again rather than merging into a
// story that is not stored.
func TestStoryCacheForgetsRolledBackStories(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t, Options{})
	tass := tassDoc()
	bad := tassDoc()
	bad.ID = "bad"
	badEvent := irnaMeeting.event(t, irnaDoc(), 1)
	badEvent.Intensity = math.NaN()
	_, errs := s.IngestBatch(ctx, []Item{{Doc: bad, Events: []event.Event{tassMeeting.event(t, bad, 0), badEvent}}})
	if errs[0] == nil {
		t.Fatal("the bad document was stored")
	}
	if r := ingest(t, s, tass, tassMeeting); r.NewStories != 1 {
		t.Errorf("%+v, want a new story", r)
	}
	var n int
	if err := s.r.QueryRow(`SELECT count(*) FROM events e JOIN stories s ON s.pk = e.story_pk`).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d events filed under a stored story (%v), want 1", n, err)
	}
}

// BenchmarkStoryLookup measures the writer on a corpus of many reports of
// few happenings, with and without the story cache.
func BenchmarkStoryLookup(b *testing.B) {
	items := randomReports(2000, 11)
	for _, cache := range []bool{true, false} {
		b.Run(fmt.Sprintf("cache=%v", cache), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s, err := OpenSQLite(context.Background(), fmt.Sprintf("%s/%d.db", b.TempDir(), i), Options{})
				if err != nil {
					b.Fatal(err)
				}
				s.noWriteCache = !cache
				start := time.Now()
				for k := 0; k < len(items); k += 128 {
					if _, errs := s.IngestBatch(context.Background(), items[k:min(k+128, len(items))]); errs[0] != nil {
						b.Fatal(errs[0])
					}
				}
				b.ReportMetric(float64(time.Since(start).Microseconds())/float64(len(items)), "µs/doc")
				s.Close()
			}
		})
	}
}

// batchSpy records the batches Load hands the store.
type batchSpy struct {
	*SQLite
	mu    sync.Mutex
	sizes []int
}

func (s *batchSpy) IngestBatch(ctx context.Context, items []Item) ([]Result, []error) {
	s.mu.Lock()
	s.sizes = append(s.sizes, len(items))
	s.mu.Unlock()
	return s.SQLite.IngestBatch(ctx, items)
}

// TestLoadWritesTheLastDocumentsInFewBatches codes documents more slowly
// than the store writes them: once the input is read, Load must not
// commit each document as it comes (every commit writes the pages it
// touched), but in batches that halve what is left.
func TestLoadWritesTheLastDocumentsInFewBatches(t *testing.T) {
	s, _ := open(t, Options{})
	spy := &batchSpy{SQLite: s}
	items := randomReports(300, 5)
	events := map[string][]event.Event{}
	for _, it := range items {
		events[it.Doc.ID] = it.Events
	}
	docs := func(yield func(*doc.Document, error) bool) {
		for _, it := range items {
			if !yield(it.Doc, nil) {
				return
			}
		}
	}
	code := func(_ context.Context, d *doc.Document) ([]event.Event, error) {
		time.Sleep(time.Millisecond)
		return events[d.ID], nil
	}
	p, err := Load(context.Background(), spy, docs, code, LoadOptions{Workers: 2, BatchWait: time.Minute})
	if err != nil || p.Documents != len(items) {
		t.Fatalf("%+v, %v", p, err)
	}
	// 300 documents: at most 256 before the input is read, then at most
	// log2(300) batches.
	if len(spy.sizes) > 12 {
		t.Errorf("%d batches %v, want at most 12", len(spy.sizes), spy.sizes)
	}
}
