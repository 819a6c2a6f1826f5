package server

import (
	"context"
	"net/http"
	"reflect"
	"sync"
	"time"
)

// The aggregate endpoints (actors, timeline, network, places, counts,
// stats) read every matching story: on a large store the busiest of them
// cost tens of milliseconds, and a dashboard asks the same ones again and
// again. Their answers are kept until the store changes (versioner), at
// most maxCached of them; a changed store empties the cache.

// versioner is a store that says when its answers may have changed.
type versioner interface {
	Version(ctx context.Context) (string, error)
}

// The cache holds at most maxCached answers and maxCachedRows rows in
// all (an answer is up to maxAggregate rows: distinct queries must not
// fill the memory).
const (
	maxCached     = 512
	maxCachedRows = 100000
)

type aggCache struct {
	mu      sync.Mutex
	version string
	m       map[string]any
	rows    int
}

// cached answers r from the cache when the store has not changed since
// the answer was computed, else computes it with f and keeps it. A store
// that cannot say its version is not cached.
func (s *Server) cached(r *http.Request, f func() (any, error)) (any, error) {
	vs, ok := s.cfg.Store.(versioner)
	if !ok {
		return f()
	}
	version, err := vs.Version(r.Context())
	if err != nil {
		return nil, err
	}
	// The rows do not depend on the page asked for.
	params := r.URL.Query()
	params.Del("limit")
	params.Del("offset")
	params.Del("after")
	key := r.URL.Path + "?" + params.Encode()
	c := &s.cache
	c.mu.Lock()
	if c.version != version {
		c.version, c.m, c.rows = version, map[string]any{}, 0
	}
	v, hit := c.m[key]
	c.mu.Unlock()
	if hit {
		return v, nil
	}
	v, err = f()
	if err != nil {
		return nil, err
	}
	n := 1
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice {
		n = max(rv.Len(), 1)
	}
	c.mu.Lock()
	if c.version == version {
		if len(c.m) >= maxCached || c.rows+n > maxCachedRows {
			c.m, c.rows = map[string]any{}, 0
		}
		c.m[key] = v
		c.rows += n
	}
	c.mu.Unlock()
	return v, nil
}

// warmed are the aggregates the web UI asks for first, unfiltered: the
// server computes them when it starts, and again (at most once a minute)
// after the store has changed, so that the first visitor does not wait.
var warmed = []string{"/api/stats", "/api/actors", "/api/timeline", "/api/network", "/api/places",
	"/api/counts?by=day", "/api/counts?by=week", "/api/counts?by=month", "/api/counts?by=type",
	"/api/counts?by=quad", "/api/counts?by=actor", "/api/counts?by=country"}

// warm keeps the warmed aggregates in the cache until ctx ends.
func (s *Server) warm(ctx context.Context) {
	vs, ok := s.cfg.Store.(versioner)
	if !ok {
		return
	}
	last := ""
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	for {
		if v, err := vs.Version(ctx); err == nil && v != last {
			for _, u := range warmed {
				r, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
				if err != nil {
					return
				}
				s.mux.ServeHTTP(discard{}, r)
			}
			last = v
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute):
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// discard is a ResponseWriter that keeps nothing.
type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}
