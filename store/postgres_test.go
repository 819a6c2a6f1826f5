package store

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
)

// TestPostgresConcurrentWritersMergeLikeOne ingests ten reports of one
// meeting from ten outlets on ten connections at once, each also
// re-submitted by a second writer: the store must hold each document once
// and one story of ten articles, as a single writer would build.
func TestPostgresConcurrentWritersMergeLikeOne(t *testing.T) {
	ctx := context.Background()
	s, _ := openPostgresTest(t, Options{})
	var docs []*doc.Document
	for i := 0; i < 10; i++ {
		d := irnaDoc()
		d.ID, d.Source = fmt.Sprintf("report-%d", i), fmt.Sprintf("outlet %d", i)
		docs = append(docs, d)
	}
	var mu sync.Mutex
	results := map[string][]Result{}
	var wg sync.WaitGroup
	for copy := 0; copy < 2; copy++ {
		for _, d := range docs {
			evs := []event.Event{irnaMeeting.event(t, d, 0), tassMeeting.event(t, tassDoc(), 1)}
			// The second event is the same meeting told from Moscow's side,
			// in the same document: it must not count the article twice.
			evs[1].Span, evs[1].TriggerSpan, evs[1].Sentence = evs[0].Span, evs[0].TriggerSpan, 0
			evs[1].Actor.Span, evs[1].Recipient.Span = [2]int{}, [2]int{}
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := s.Ingest(ctx, d, evs)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				results[d.ID] = append(results[d.ID], r)
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	for id, rs := range results {
		if len(rs) != 2 || rs[0].Skipped == rs[1].Skipped {
			t.Errorf("%s: want one stored and one skipped write, got %+v", id, rs)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 10 || st.Events != 20 || st.Stories != 1 {
		t.Fatalf("stats %+v, want 10 documents, 20 events, 1 story", st)
	}
	page, err := s.Stories(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if got := page.Items[0]; got.Articles != 10 || got.Sources != 10 || got.Mentions != 20 {
		t.Errorf("story counts: %d articles, %d sources, %d mentions; want 10, 10, 20", got.Articles, got.Sources, got.Mentions)
	}
	actors, err := s.Actors(ctx, Query{Level: "event"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actors {
		if a.Count != 10 && a.Count != 20 {
			t.Errorf("actor %s counted in %d events", a.Name, a.Count)
		}
	}
}

// TestPostgresReadOnlyRefusesWrites opens a store read-only, as parley
// serve does without a token: queries work, writes are refused by the
// server.
func TestPostgresReadOnlyRefusesWrites(t *testing.T) {
	ctx := context.Background()
	w, dsn := openPostgresTest(t, Options{})
	ingest(t, w, tassDoc(), tassMeeting)
	r, err := Open(ctx, dsn, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if st, err := r.Stats(ctx); err != nil || st.Documents != 1 {
		t.Errorf("read-only stats: %+v %v", st, err)
	}
	if _, err := r.Ingest(ctx, irnaDoc(), nil); err == nil {
		t.Error("a read-only store accepted a document")
	}
}

// BenchmarkPostgresIngest is BenchmarkStoreIngest on PostgreSQL: one
// document with two events per transaction, each merging into a story.
func BenchmarkPostgresIngest(b *testing.B) {
	s, err := OpenPostgres(context.Background(), pgTestSchema(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	t := &testing.T{}
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
