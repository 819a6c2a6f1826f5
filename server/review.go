package server

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/parley-events/parley/store"
)

// Reviews: an analyst marks an event correct or wrong, corrects it and adds
// a note. Reading reviews is open like every other endpoint; writing one
// needs the bearer token that POST /api/documents needs, so a server
// started without --token stays read-only.
//
//	POST /api/events/{id}/reviews  body {verdict, reviewer, type, date, actor, recipient, place, note}
//	GET  /api/events/{id}/reviews  every review of the event (or the story's reports), oldest first
//	GET  /api/reviews              {writable, items}: the newest review of each reviewed event

// routeReviews registers the review endpoints.
func (s *Server) routeReviews() {
	s.route("POST /api/events/{id}/reviews", s.postReview)
	s.route("GET /api/events/{id}/reviews", s.reviewHistory)
	s.route("GET /api/reviews", s.reviews)
}

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

// reviewList is the answer of GET /api/reviews.
type reviewList struct {
	// Writable says whether this server accepts reviews (with its token).
	Writable bool           `json:"writable"`
	Items    []store.Review `json:"items"`
}

func (s *Server) reviews(r *http.Request) (any, error) {
	items, err := s.cfg.Store.ReviewedEvents(r.Context())
	if err != nil {
		return nil, err
	}
	return reviewList{Writable: s.cfg.Token != "", Items: items}, nil
}

func init() {
	paramDocs["reviewed"] = "Analysts' reviews: yes (reviewed), no, correct or wrong (the newest verdict)."
	paramDocs["sort"] = "Order of stories or raw events: date (the default, newest first), type, actor, recipient, place, source (raw events) or articles (stories); a leading - reverses."
}

// documentReviews adds the review and download endpoints to the OpenAPI
// description spec and returns it.
func documentReviews(spec map[string]any) map[string]any {
	paths, _ := spec["paths"].(map[string]any)
	components, _ := spec["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	if paths == nil || schemas == nil {
		return spec
	}
	fix := obj(map[string]any{"name": str(), "country": str(), "sector": str()})
	place := obj(map[string]any{"name": str(), "country": str()})
	correction := map[string]any{"verdict": str(), "reviewer": str(), "type": str(), "date": str(),
		"actor": fix, "recipient": fix, "place": place, "note": str()}
	review := map[string]any{"id": integer(), "event_id": str(), "story_id": str(), "doc_id": str(), "index": integer(), "at": str()}
	for k, v := range correction {
		review[k] = v
	}
	schemas["Review"] = obj(review)
	schemas["Reviews"] = map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/Review"}}
	schemas["ReviewList"] = obj(map[string]any{"writable": map[string]any{"type": "boolean"}, "items": map[string]any{"$ref": "#/components/schemas/Reviews"}})
	history := get("Every review of a raw event (E…) or of any report of a story (S…), oldest first.", idParam, "Reviews")
	history["post"] = map[string]any{
		"summary":     "Review a raw event (E…) or a story's first report (S…): a verdict (correct or wrong), corrections and a note (needs the server's bearer token).",
		"security":    []any{map[string]any{"bearer": []any{}}},
		"parameters":  idParam,
		"requestBody": map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": obj(correction)}}},
		"responses": map[string]any{
			"200": map[string]any{"description": "the stored review", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Review"}}}},
			"400": map[string]any{"description": "bad review (no reviewer, unknown verdict or type, bad date or country)"},
			"401": map[string]any{"description": "missing or wrong token"},
			"403": map[string]any{"description": "server is read-only"},
			"404": map[string]any{"description": "no such event or story"},
		},
	}
	paths["/api/events/{id}/reviews"] = history
	paths["/api/reviews"] = get("The newest review of every reviewed raw event, and whether this server accepts reviews.", nil, "ReviewList")
	download := append(filterParams(), map[string]any{"name": "format", "in": "query", "required": true,
		"description": "csv, jsonl or parquet", "schema": str()})
	paths["/api/download"] = map[string]any{"get": map[string]any{
		"summary":    "The matching stories or raw events (level=event) as a file, in the sort order, at most 100,000 rows.",
		"parameters": download,
		"responses": map[string]any{
			"200": map[string]any{"description": "the file (text/csv, application/x-ndjson or application/vnd.apache.parquet)"},
			"400": map[string]any{"description": "bad parameter", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}},
		},
	}}
	return spec
}
