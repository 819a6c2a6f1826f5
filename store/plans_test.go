package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// queriesOf is the read side of a store.
func queriesOf(t *testing.T, s Store) *queries {
	switch v := s.(type) {
	case *SQLite:
		return &v.queries
	case *Postgres:
		return &v.queries
	}
	t.Fatalf("no read side in %T", s)
	return nil
}

// randomStore stores n random reports (randomReports) one document at a
// time, as parley ingest and the workers do.
func randomStore(t *testing.T, b backend, n int) Store {
	t.Helper()
	s, _ := b.open(t, Options{})
	for _, it := range randomReports(n, 11) {
		if _, err := s.Ingest(context.Background(), it.Doc, it.Events); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// planQueries are filters of every kind, alone and together.
var planQueries = []Query{
	{}, {Actor: "Bogdanov"}, {Actor: "Blinken"}, {Recipient: "Kani"}, {Actor: "RUS"}, {Recipient: "UKR"},
	{Country: "RUS"}, {Country: "IRN,UKR"}, {Type: "CONSULT"}, {Type: "AGREE,PROTEST"}, {Quad: 4}, {Quad: 2},
	{From: "2023-10-03", To: "2023-10-06"}, {Place: "Moscow"}, {Place: "UKR"}, {Source: "TASS"}, {Source: "bbc"},
	{Source: "nowhere"}, {Text: "met"}, {Text: "report 7"}, {Actor: "Lavrov", From: "2023-10-02", To: "2023-10-09"},
	{Country: "USA", Type: "CONSULT", From: "2023-10-01", To: "2023-10-31"}, {Source: "IRNA", Country: "RUS"},
	{Sort: "type"}, {Sort: "-type", Actor: "Bogdanov"}, {Offset: 30, Limit: 20, Country: "RUS"},
	{Actor: "Kuleba", Sort: "date"}, {Recipient: "Lavrov", Sort: "-date", Offset: 3}, {Source: "bbc", From: "2023-10-04"},
}

// storyIDs and eventIDs page through every match of q (in pages of 7),
// returning the ids in order and the first page's total.
func storyIDs(t *testing.T, s Store, q Query) ([]string, Page[Story]) {
	t.Helper()
	var ids []string
	q.Limit = 7
	first, err := s.Stories(context.Background(), q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	for p := first; len(p.Items) > 0; {
		for _, st := range p.Items {
			ids = append(ids, st.ID)
		}
		q.Offset += q.Limit
		if p, err = s.Stories(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	return ids, first
}

func eventIDs(t *testing.T, s Store, q Query) ([]string, Page[Mention]) {
	t.Helper()
	var ids []string
	q.Limit = 7
	first, err := s.Events(context.Background(), q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	for p := first; len(p.Items) > 0; {
		for _, m := range p.Items {
			ids = append(ids, m.ID)
		}
		q.Offset += q.Limit
		if p, err = s.Events(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	return ids, first
}

// TestPlansAgree pages through every filter twice: with the plans a small
// store gets (member sets read as lists, exact counts, pages sorted from
// the filter's indexes, every filter through the stories) and with those
// of a large one (every member set tested per story, counts capped at 3,
// pages read in day order, one actor or outlet read from its member table). The
// stories and raw events, and their order, must be the same; the count
// is exact up to the cap and says when it was capped.
func TestPlansAgree(t *testing.T) { eachBackend(t, testPlansAgree) }

func testPlansAgree(t *testing.T, b backend) {
	s := randomStore(t, b, 300)
	defer func(d, c int, m bool) { denseAt, countCap, soleMembers = d, c, m }(denseAt, countCap, soleMembers)
	for _, q := range planQueries {
		denseAt, countCap, soleMembers = 1<<30, 1<<30, false
		small, smallPage := storyIDs(t, s, q)
		smallEvents, smallEventPage := eventIDs(t, s, q)
		// The large store's plans: every member set large (tested per
		// story), or every one small enough to be read from its table
		// when it is the only filter; counts capped at 3 either way.
		for _, large := range []struct {
			name    string
			denseAt int
		}{{"dense", 0}, {"member table", 1 << 30}} {
			denseAt, countCap, soleMembers = large.denseAt, 3, true
			big, bigPage := storyIDs(t, s, q)
			bigEvents, bigEventPage := eventIDs(t, s, q)
			if !slices.Equal(small, big) {
				t.Errorf("%+v (%s): stories differ between plans:\n%v\n%v", q, large.name, small, big)
			}
			if !slices.Equal(smallEvents, bigEvents) {
				t.Errorf("%+v (%s): raw events differ between plans:\n%v\n%v", q, large.name, smallEvents, bigEvents)
			}
			for _, c := range []struct {
				what         string
				exact, total int
				capped       bool
				n            int
			}{{"stories", smallPage.Total, bigPage.Total, bigPage.Capped, len(small) + q.Offset},
				{"raw events", smallEventPage.Total, bigEventPage.Total, bigEventPage.Capped, len(smallEvents) + q.Offset}} {
				if c.exact != c.n {
					t.Errorf("%+v: %s total %d, %d paged", q, c.what, c.exact, c.n)
				}
				// An unfiltered SQLite page reads its exact total.
				unfiltered := q
				unfiltered.Sort, unfiltered.Offset, unfiltered.Limit = "", 0, 0
				exactAnyway := unfiltered == (Query{}) && b.name == "sqlite"
				if want := min(c.n, 3); c.total != want && !(exactAnyway && c.total == c.n) || c.capped != (c.total < c.n) {
					t.Errorf("%+v (%s): capped %s total %d (capped %v), want %d of %d", q, large.name, c.what, c.total, c.capped, want, c.n)
				}
			}
		}
	}
	// The member tables say what the raw events say: a story has an actor
	// or an outlet when one of its reports does.
	qs := queriesOf(t, s)
	for _, c := range []struct{ members, events string }{
		{`SELECT DISTINCT side, actor_pk, story_pk FROM story_actors ORDER BY 1, 2, 3`,
			`SELECT DISTINCT 0, actor_pk, story_pk FROM events WHERE actor_pk IS NOT NULL UNION
			 SELECT DISTINCT 1, recipient_pk, story_pk FROM events WHERE recipient_pk IS NOT NULL ORDER BY 1, 2, 3`},
		{`SELECT DISTINCT source_key, story_pk FROM story_sources ORDER BY 1, 2`,
			`SELECT DISTINCT d.source_key, e.story_pk FROM events e JOIN documents d ON d.pk = e.doc_pk ORDER BY 1, 2`},
		{`SELECT s.day, s.pk FROM story_actors m JOIN stories s ON s.pk = m.story_pk WHERE m.day IS DISTINCT FROM s.day`, `SELECT 1, 1 WHERE 1 = 0`},
		{`SELECT source_key, source FROM sources ORDER BY 1, 2`, `SELECT DISTINCT source_key, source FROM documents ORDER BY 1, 2`},
	} {
		got, want := rowsOf(t, qs, c.members), rowsOf(t, qs, c.events)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %d rows, the events give %d:\n%v\n%v", c.members, len(got), len(want), got[:min(len(got), 8)], want[:min(len(want), 8)])
		}
		if len(want) == 0 && c.events[len(c.events)-1] != '0' {
			t.Errorf("%s: no rows to compare", c.events)
		}
	}
	if b.name == "sqlite" {
		for _, table := range []string{"stories", "events", "documents"} {
			got := rowsOf(t, qs, `SELECT n FROM totals WHERE name = '`+table+`'`)
			want := rowsOf(t, qs, `SELECT count(*) FROM `+table)
			if !slices.Equal(got, want) || len(want) != 1 || want[0] == "0" {
				t.Errorf("totals of %s: %v, count(*) %v", table, got, want)
			}
		}
	}
}

func rowsOf(t *testing.T, qs *queries, query string) []string {
	t.Helper()
	rows, err := qs.r.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTextMatchBounded: a word in more sentences than a full-text filter
// reads marks the page capped; a rarer word is neither capped nor cut.
func TestTextMatchBounded(t *testing.T) {
	s, _ := open(t, Options{})
	items := randomReports(MaxTextMatches, 5) // 1 to 4 sentences each, all with "says"
	if _, errs := s.IngestBatch(context.Background(), items); errs != nil {
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	ctx := context.Background()
	common, err := s.Events(ctx, Query{Text: "says", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if !common.Capped || common.Total != MaxCount {
		t.Errorf("text=says: total %d, capped %v; want %d, capped", common.Total, common.Capped, MaxCount)
	}
	all, err := s.Events(ctx, Query{Limit: 1000, Level: "event"})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total <= MaxTextMatches {
		t.Fatalf("only %d raw events: the test needs more than %d sentences", all.Total, MaxTextMatches)
	}
	rare, err := s.Events(ctx, Query{Text: "report 7", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if rare.Capped || rare.Total == 0 || rare.Total > 4 {
		t.Errorf("text='report 7': total %d, capped %v; want 1 to 4 events, not capped", rare.Total, rare.Capped)
	}
}
