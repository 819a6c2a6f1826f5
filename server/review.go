package server

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/parley-events/parley/store"
)

// Reviews: an analyst marks an event correct or wrong, corrects it and adds
// a note. Reading reviews is open like every other endpoint; writing one
// needs the bearer token that POST /api/documents needs, so a server
// started without --token stays read-only. The routes are in the endpoint
// table (openapi.go), which documents them.
//
//	POST /api/events/{id}/reviews  body {verdict, reviewer, type, date, actor, recipient, place, note}
//	GET  /api/events/{id}/reviews  every review of the event (or the story's reports), oldest first
//	GET  /api/reviews              {total, offset, limit, items, writable}: the newest review of each reviewed event

// authorize checks the bearer token of a request that writes.
func (s *Server) authorize(r *http.Request) error {
	if s.cfg.Token == "" {
		return &httpError{http.StatusForbidden, "this server is read-only (start it with --token to accept reviews)"}
	}
	auth := r.Header.Get("Authorization")
	if !strings.HasPrefix(auth, "Bearer ") || subtle.ConstantTimeCompare([]byte(auth[len("Bearer "):]), []byte(s.cfg.Token)) != 1 {
		return &httpError{http.StatusUnauthorized, "missing or wrong bearer token"}
	}
	return nil
}

// maxReviewBody bounds a review's request body.
const maxReviewBody = 64 << 10

func (s *Server) postReview(r *http.Request) (any, error) {
	if err := s.authorize(r); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxReviewBody))
	dec.DisallowUnknownFields()
	var rev store.NewReview
	if err := dec.Decode(&rev); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &httpError{http.StatusRequestEntityTooLarge, "review larger than 64 KiB"}
		}
		return nil, badRequest("body is not a JSON review {verdict, reviewer, type, date, actor, recipient, place, note}: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, badRequest("body holds more than one JSON object")
	}
	return s.cfg.Store.AddReview(r.Context(), r.PathValue("id"), rev)
}

func (s *Server) reviewHistory(r *http.Request) (any, error) {
	return s.cfg.Store.ReviewHistory(r.Context(), r.PathValue("id"))
}

// reviewPage is the answer of GET /api/reviews: a page of reviews, as
// every list answers, and whether this server accepts reviews.
type reviewPage struct {
	store.Page[store.Review]
	// Writable says whether this server accepts reviews (with its token).
	Writable bool `json:"writable"`
}

// reviews answers the newest review of each reviewed raw event, paged by
// limit (default 1000, at most maxAggregate) and offset.
func (s *Server) reviews(r *http.Request) (any, error) {
	limit, offset := 1000, 0
	for k, vs := range r.URL.Query() {
		n, err := strconv.Atoi(vs[0])
		switch {
		case k != "limit" && k != "offset":
			return nil, badRequest("unknown parameter %q (want limit, offset)", k)
		case err != nil || n < 0:
			return nil, badRequest("bad %s %q (want a whole number)", k, vs[0])
		case k == "limit" && n > 0:
			limit = min(n, maxAggregate)
		case k == "offset":
			offset = n
		}
	}
	items, err := s.cfg.Store.ReviewedEvents(r.Context())
	if err != nil {
		return nil, err
	}
	start := min(offset, len(items))
	end := min(start+limit, len(items))
	page := store.Page[store.Review]{Total: len(items), Offset: offset, Limit: limit, Items: items[start:end]}
	if page.Items == nil {
		page.Items = []store.Review{}
	}
	return reviewPage{Page: page, Writable: s.cfg.Token != ""}, nil
}
