package store

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
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
	{Sort: "date"}, {Sort: "place"}, {Sort: "-place", Country: "RUS"}, {Sort: "actor"}, {Sort: "-recipient", Source: "TASS"},
	{Actor: "Bogdanov", Sort: "date"}, {Source: "IRNA", Sort: "-date", Offset: 5}, {Sort: "-date", Offset: 11},
	{Sort: "place", Offset: 40}, {Sort: "-place", Type: "CONSULT"}, {Sort: "place", Actor: "Lavrov"},
	{Text: "says", From: "2023-10-04"}, {Text: "met Kuleba", Type: "CONSULT"}, {Text: "nowhere"}, {Text: "says", Sort: "-type"},
}

// storyIDs and eventIDs page through every match of q (in pages of 7),
// returning the ids in order and the first page's total. The pages
// follow each other by offset, or (after) each starts after the last row
// of the one before, its Next (the first page keeps q's offset).
func storyIDs(t *testing.T, s Store, q Query, after ...bool) ([]string, Page[Story]) {
	t.Helper()
	var first Page[Story]
	ids := pageIDs(t, q, len(after) > 0 && after[0], func(q Query) ([]string, string, error) {
		p, err := s.Stories(context.Background(), q)
		if first.Limit == 0 {
			first = p
		}
		var ids []string
		for _, st := range p.Items {
			ids = append(ids, st.ID)
		}
		return ids, p.Next, err
	})
	return ids, first
}

func eventIDs(t *testing.T, s Store, q Query, after ...bool) ([]string, Page[Mention]) {
	t.Helper()
	var first Page[Mention]
	ids := pageIDs(t, q, len(after) > 0 && after[0], func(q Query) ([]string, string, error) {
		p, err := s.Events(context.Background(), q)
		if first.Limit == 0 {
			first = p
		}
		var ids []string
		for _, m := range p.Items {
			ids = append(ids, m.ID)
		}
		return ids, p.Next, err
	})
	return ids, first
}

// pageIDs reads pages of 7 with page until one is empty (by offset) or
// has no Next (after), and checks that Next is the last id of every full
// page.
func pageIDs(t *testing.T, q Query, after bool, page func(Query) ([]string, string, error)) []string {
	t.Helper()
	var all []string
	q.Limit = 7
	for range 10000 {
		ids, next, err := page(q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		all = append(all, ids...)
		if want := ""; len(ids) == q.Limit {
			if want = ids[len(ids)-1]; next != want {
				t.Fatalf("%+v: next %q, want the page's last id %q", q, next, want)
			}
		} else if next != want {
			t.Fatalf("%+v: a page of %d has next %q", q, len(ids), next)
		}
		switch {
		case len(ids) == 0:
			return all
		case after && next == "":
			return all
		case after:
			q.Offset, q.After = 0, next
		default:
			q.Offset += q.Limit
		}
	}
	t.Fatalf("%+v: no end after 10,000 pages", q)
	return nil
}

// TestPlansAgree pages through every filter twice: with the plans a small
// store gets (member sets read as lists, exact counts, pages sorted from
// the filter's indexes, every filter through the stories) and with those
// of a large one (every member set tested per story, counts capped at 3,
// unfiltered pages at any offset read from the day at that offset,
// stories sorted by place read place by place, a full-text filter's
// sentences read once and passed as a list,
// pages read in day order, one actor or outlet read from its member table,
// in its index's day order when the name names one, or grouped by story,
// counts reading a filter's only set joined to its rows). The
// stories and raw events, and their order, must be the same; the count
// is exact up to the cap and says when it was capped.
func TestPlansAgree(t *testing.T) { eachBackend(t, testPlansAgree) }

func testPlansAgree(t *testing.T, b backend) {
	s := randomStore(t, b, 300)
	defer func(d, c, o int, m, j, k, x, p, l bool) {
		denseAt, countCap, deepOffset, soleMembers, countJoin, soleKey, textCount, placesFirst, textOnce = d, c, o, m, j, k, x, p, l
	}(denseAt, countCap, deepOffset, soleMembers, countJoin, soleKey, textCount, placesFirst, textOnce)
	for _, q := range planQueries {
		denseAt, countCap, deepOffset, soleMembers, countJoin, textCount, placesFirst, textOnce = 1<<30, 1<<30, 1<<30, false, false, false, false, false
		small, smallPage := storyIDs(t, s, q)
		smallEvents, smallEventPage := eventIDs(t, s, q)
		// Exact counts read through a filter's only set joined to its
		// rows (each story once, however many of its actors match), and
		// stories of a full-text filter through their raw events.
		countJoin, textCount = true, true
		if _, p := storyIDs(t, s, q); p.Total != smallPage.Total {
			t.Errorf("%+v: %d stories counted through the set's rows, %d through its list", q, p.Total, smallPage.Total)
		}
		if _, p := eventIDs(t, s, q); p.Total != smallEventPage.Total {
			t.Errorf("%+v: %d raw events counted through the set's rows, %d through its list", q, p.Total, smallEventPage.Total)
		}
		countJoin, textCount = false, false
		if after, _ := storyIDs(t, s, q, true); !slices.Equal(small, after) {
			t.Errorf("%+v: stories paged after differ:\n%v\n%v", q, small, after)
		}
		if after, _ := eventIDs(t, s, q, true); !slices.Equal(smallEvents, after) {
			t.Errorf("%+v: raw events paged after differ:\n%v\n%v", q, smallEvents, after)
		}
		// The large store's plans: every member set large (tested per
		// story), or every one small enough to be read from its table
		// when it is the only filter; counts capped at 3 either way.
		for _, large := range []struct {
			name    string
			denseAt int
			soleKey bool
		}{{"dense", 0, true}, {"member table", 1 << 30, true}, {"member table grouped", 1 << 30, false}} {
			denseAt, countCap, deepOffset, soleMembers, countJoin, soleKey, textCount, placesFirst, textOnce = large.denseAt, 3, 0, true, true, large.soleKey, true, true, true
			big, bigPage := storyIDs(t, s, q)
			bigEvents, bigEventPage := eventIDs(t, s, q)
			if !slices.Equal(small, big) {
				t.Errorf("%+v (%s): stories differ between plans:\n%v\n%v", q, large.name, small, big)
			}
			if !slices.Equal(smallEvents, bigEvents) {
				t.Errorf("%+v (%s): raw events differ between plans:\n%v\n%v", q, large.name, smallEvents, bigEvents)
			}
			// Keyset pages (each after the last row of the one before)
			// hold the same rows in the same order, NULL days and
			// places included.
			if after, _ := storyIDs(t, s, q, true); !slices.Equal(small, after) {
				t.Errorf("%+v (%s): stories paged after differ:\n%v\n%v", q, large.name, small, after)
			}
			if after, _ := eventIDs(t, s, q, true); !slices.Equal(smallEvents, after) {
				t.Errorf("%+v (%s): raw events paged after differ:\n%v\n%v", q, large.name, smallEvents, after)
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
	// The keyset pages above crossed from dated stories to undated ones
	// and from placed raw events to unplaced ones.
	for _, c := range []string{`SELECT count(*) FROM stories WHERE day IS NULL`, `SELECT count(*) FROM events WHERE place_pk IS NULL`} {
		if n := rowsOf(t, queriesOf(t, s), c); len(n) != 1 || n[0] == "0" {
			t.Errorf("%s: %v, the test needs some", c, n)
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
		// A raw event's outlet is its document's.
		{`SELECT pk, source_key FROM events ORDER BY 1`, `SELECT e.pk, d.source_key FROM events e JOIN documents d ON d.pk = e.doc_pk ORDER BY 1`},
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

// rowsOf returns every row of a query on qs as one string, its columns
// joined by spaces (dump).
func rowsOf(t *testing.T, qs *queries, query string) []string {
	t.Helper()
	var out []string
	for _, row := range dump(t, qs.r, query) {
		out = append(out, strings.Join(row, " "))
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

// TestStoryRecords: what the records of a page of stories take from
// their reports, read at once, is what Story reads for each: its first
// report (without its review) and the contexts of all of them.
func TestStoryRecords(t *testing.T) { eachBackend(t, testStoryRecords) }

func testStoryRecords(t *testing.T, b backend) {
	s := randomStore(t, b, 120)
	ctx := context.Background()
	page, err := s.Stories(ctx, Query{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	first := page.Items[0].ID
	if _, err := s.AddReview(ctx, first, NewReview{Verdict: "wrong", Reviewer: "test"}); err != nil {
		t.Fatal(err)
	}
	if page, err = s.Stories(ctx, Query{Limit: 1000}); err != nil {
		t.Fatal(err)
	}
	qs := queriesOf(t, s)
	got, err := qs.StoryRecords(ctx, page.Items)
	if err != nil {
		t.Fatal(err)
	}
	reports, withContexts := 0, 0
	for i, st := range page.Items {
		want, err := s.Story(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		g, _ := json.Marshal(got[i].Story)
		w, _ := json.Marshal(want.Story)
		if string(g) != string(w) {
			t.Fatalf("story %s read with its page:\n%s\nalone:\n%s", st.ID, g, w)
		}
		wantFirst := want.Reports[0]
		wantFirst.Review = nil
		g, _ = json.Marshal(got[i].First)
		w, _ = json.Marshal(wantFirst)
		if string(g) != string(w) {
			t.Fatalf("story %s: first report\n%s\nStory's\n%s", st.ID, g, w)
		}
		contexts := []string{}
		for _, r := range want.Reports {
			for _, c := range r.Event.Contexts {
				if !slices.Contains(contexts, c) {
					contexts = append(contexts, c)
				}
			}
		}
		slices.Sort(contexts)
		if !slices.Equal(got[i].Contexts, contexts) {
			t.Errorf("story %s: contexts %q, its reports' %q", st.ID, got[i].Contexts, contexts)
		}
		if len(contexts) > 1 {
			withContexts++
		}
		reports += len(want.Reports)
	}
	if len(page.Items) < 20 || reports <= len(page.Items) || withContexts == 0 {
		t.Errorf("%d stories, %d reports, %d with several contexts: the test needs stories of several reports and contexts", len(page.Items), reports, withContexts)
	}
}

// TestStorySortOrder: the stories sorted by articles or mentions (read
// in the order of their indexes on SQLite) come most reported first, or
// least with "articles", ties newest first, by offset and by after.
func TestStorySortOrder(t *testing.T) { eachBackend(t, testStorySortOrder) }

func testStorySortOrder(t *testing.T, b backend) {
	s := randomStore(t, b, 300)
	all, err := s.Stories(context.Background(), Query{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	pk := func(st Story) int64 { n, _ := parseID(st.ID, 'S'); return n }
	for _, c := range []struct {
		sort string
		key  func(Story) int
	}{{"-articles", func(st Story) int { return -st.Articles }}, {"articles", func(st Story) int { return st.Articles }},
		{"-mentions", func(st Story) int { return -st.Mentions }}, {"mentions", func(st Story) int { return st.Mentions }}} {
		want := slices.Clone(all.Items)
		slices.SortStableFunc(want, func(a, b Story) int {
			if c.key(a) != c.key(b) {
				return c.key(a) - c.key(b)
			}
			return int(pk(b) - pk(a))
		})
		var wantIDs []string
		for _, st := range want {
			wantIDs = append(wantIDs, st.ID)
		}
		for _, after := range []bool{false, true} {
			got, _ := storyIDs(t, s, Query{Sort: c.sort}, after)
			if !slices.Equal(got, wantIDs) {
				t.Errorf("sort %s (after %v):\n%v\nwant\n%v", c.sort, after, got, wantIDs)
			}
		}
		if first, last := want[0], want[len(want)-1]; c.key(first) == c.key(last) {
			t.Errorf("sort %s: every story has the same key, the test sorts nothing", c.sort)
		}
	}
}

// TestContextsOf: the contexts read from an event's JSON by their list
// alone are those the whole JSON decodes to.
func TestContextsOf(t *testing.T) {
	for _, js := range []string{
		`{"id":"a","contexts":[],"span":[1,2]}`,
		`{"id":"a","contexts":null,"span":[1,2]}`,
		`{"id":"a","contexts":["military","a]\"b\\","c"],"span":[1,2]}`,
		`{"text":"\"contexts\":[\"no\"]","contexts": [ "x" ],"span":[1,2]}`,
		`{"id":"a","span":[1,2]}`,
		`{"id":"a","contexts":[ ]}`,
	} {
		var want struct {
			Contexts []string `json:"contexts"`
		}
		if err := json.Unmarshal([]byte(js), &want); err != nil {
			t.Fatal(err)
		}
		got, err := contextsOf([]byte(js))
		if err != nil || len(got) != len(want.Contexts) || !slices.Equal(got, want.Contexts) {
			t.Errorf("%s: %q, %v; want %q", js, got, err, want.Contexts)
		}
	}
	if _, err := contextsOf([]byte(`{"contexts":["a"`)); err == nil {
		t.Error("a cut JSON read without error")
	}
}

// TestMentionCache: a raw event read again (decoded once, then copied)
// is the same, with its newest review, and a change to a copy read
// before does not reach it.
func TestMentionCache(t *testing.T) { eachBackend(t, testMentionCache) }

func testMentionCache(t *testing.T, b backend) {
	s := randomStore(t, b, 40)
	ctx := context.Background()
	page, err := s.Events(ctx, Query{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var m *Mention
	for i := range page.Items {
		if it := &page.Items[i]; it.Event.Actor != nil && it.Event.Location != nil && len(it.Highlight) > 0 && len(it.Event.Contexts) > 0 {
			m = it
			break
		}
	}
	if m == nil {
		t.Fatal("no raw event with an actor, a place, contexts and a highlight")
	}
	want, _ := json.Marshal(m)
	m.Event.Actor.Name, m.Event.Location.Name, m.Event.Contexts[0], m.Highlight[0].Text = "changed", "changed", "changed", "changed"
	again, err := s.Event(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(again); string(got) != string(want) {
		t.Errorf("read again:\n%s\nfirst read:\n%s", got, want)
	}
	if _, err := s.AddReview(ctx, m.ID, NewReview{Verdict: "wrong", Reviewer: "test"}); err != nil {
		t.Fatal(err)
	}
	reviewed, err := s.Event(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if reviewed.Review == nil || reviewed.Review.Verdict != "wrong" {
		t.Errorf("read after a review: review %+v", reviewed.Review)
	}
	if again, err = s.Event(ctx, m.ID); err != nil || again.Review == nil {
		t.Errorf("read after a review, again: %+v, %v", again.Review, err)
	}
}
