package server

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/store"
)

// TestAggregatesFollowTheStore: the aggregate answers are cached, but a
// document stored through the API or straight into the store (as parley
// ingest beside a running server does) shows in the next answer of every
// aggregate endpoint.
func TestAggregatesFollowTheStore(t *testing.T) {
	base, st := serve(t, "tok")
	var stats store.Stats
	var actors store.Page[store.ActorCount]
	var counts store.Page[store.Count]
	read := func() {
		call(t, "GET", base+"/api/stats", "", "", 200, &stats)
		call(t, "GET", base+"/api/actors", "", "", 200, &actors)
		call(t, "GET", base+"/api/counts?by=type", "", "", 200, &counts)
	}
	read()
	read() // from the cache
	if stats.Documents != 0 || actors.Total != 0 || counts.Total != 0 {
		t.Fatalf("empty store: stats %+v, actors %+v, counts %+v", stats, actors, counts)
	}
	call(t, "POST", base+"/api/documents", "tok", post(0), 200, nil)
	read()
	if stats.Documents != 1 || actors.Total != 2 || counts.Total != 1 || counts.Items[0].Count != 1 {
		t.Fatalf("after one post: stats %+v, actors %+v, counts %+v", stats, actors, counts)
	}
	a := articles[1]
	d := &doc.Document{ID: a.id, Source: a.source, Text: a.text, Date: time.Date(2023, 10, 27, 0, 0, 0, 0, time.UTC)}
	if _, err := st.Ingest(context.Background(), d, meeting(t, d)); err != nil {
		t.Fatal(err)
	}
	read()
	if stats.Documents != 2 || stats.Events != 2 {
		t.Fatalf("after a document stored beside the server: stats %+v", stats)
	}
	if n := actors.Items[0].Count + counts.Items[0].Count; n < 2 {
		t.Errorf("after a document stored beside the server: actors %+v, counts %+v", actors, counts)
	}
}

// TestCacheBounded: distinct queries with many rows do not grow the cache
// past maxCachedRows.
func TestCacheBounded(t *testing.T) {
	_, st := serve(t, "")
	s := New(Config{Store: st})
	rows := make([]store.Count, maxCachedRows/3+1)
	for i := range 10 {
		r, _ := http.NewRequest("GET", fmt.Sprintf("/api/counts?by=day&type=T%d", i), nil)
		if _, err := s.cached(r, func() (any, error) { return rows, nil }); err != nil {
			t.Fatal(err)
		}
		if s.cache.rows > maxCachedRows || len(s.cache.m)*len(rows) > maxCachedRows {
			t.Fatalf("after %d queries: %d entries, %d rows cached (at most %d)", i+1, len(s.cache.m), s.cache.rows, maxCachedRows)
		}
	}
	if len(s.cache.m) == 0 {
		t.Error("nothing cached")
	}
}
