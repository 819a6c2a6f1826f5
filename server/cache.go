package server

import (
	"context"
	"net/http"
	"sync"
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

const maxCached = 512

type aggCache struct {
	mu      sync.Mutex
	version string
	m       map[string]any
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
	key := r.URL.Path + "?" + r.URL.Query().Encode()
	c := &s.cache
	c.mu.Lock()
	if c.version != version {
		c.version, c.m = version, map[string]any{}
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
	c.mu.Lock()
	if c.version == version {
		if len(c.m) >= maxCached {
			c.m = map[string]any{}
		}
		c.m[key] = v
	}
	c.mu.Unlock()
	return v, nil
}
