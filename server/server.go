// Package server is parley's HTTP API and web UI over an event store.
//
// Every endpoint is read-only except POST /api/documents, which codes and
// stores a submitted article, and POST /api/events/{id}/reviews, which
// stores an analyst's review (review.go); both need the bearer token the
// server was started with. Filters are the same as `parley query`'s flags.
package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/reader"
	"github.com/parley-events/parley/store"
)

// Config sets up a server.
type Config struct {
	Store store.Store
	// Code codes a submitted article; nil disables POST /api/documents.
	Code store.CodeFunc
	// Token is the bearer token POST /api/documents requires; empty keeps
	// the server read-only.
	Token string
	// MaxBody bounds a submitted article's request body (default 1 MiB).
	MaxBody int64
	// QueryTimeout bounds one request's database work (default 10 s).
	QueryTimeout time.Duration
	// CodeTimeout bounds how long POST /api/documents waits for the
	// coder (default 60 s), apart from the database work.
	CodeTimeout time.Duration
	// MaxCoding is how many submitted documents are coded at once
	// (default: one per core); a post beyond that is answered 503 with
	// Retry-After. A post that timed out or whose client went away keeps
	// its place until its coding really ends, so the CPU in use stays
	// bounded.
	MaxCoding int
	// UI is the web interface's files, served at /; nil serves none.
	UI fs.FS
}

// Server serves the API.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	metrics *metrics
	coding  chan struct{} // a token per document being coded
	cache   aggCache      // answers of the aggregate endpoints (cache.go)
}

// New returns the server's handler.
func New(cfg Config) *Server {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 1 << 20
	}
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = 10 * time.Second
	}
	if cfg.CodeTimeout <= 0 {
		cfg.CodeTimeout = 60 * time.Second
	}
	if cfg.MaxCoding <= 0 {
		cfg.MaxCoding = runtime.GOMAXPROCS(0)
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), metrics: newMetrics(), coding: make(chan struct{}, cfg.MaxCoding)}
	for _, e := range s.endpoints() {
		if e.raw != nil {
			s.mux.HandleFunc(e.method+" "+e.path, e.raw)
			continue
		}
		s.route(e.method+" "+e.path, e.handle)
	}
	s.mux.HandleFunc("GET /metrics", s.metrics.serve)
	// Paths no route takes: the UI's files, and JSON errors under /api/
	// (and everywhere when there is no UI).
	var files http.Handler
	if cfg.UI != nil {
		files = http.FileServerFS(cfg.UI)
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if files == nil || r.Method != http.MethodGet && r.Method != http.MethodHead {
			s.noRoute(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		// No other site may frame the UI (clickjacking), and the
		// filters in its addresses are not sent to the sites it links to.
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Referrer-Policy", "no-referrer")
		files.ServeHTTP(w, r)
	})
	s.mux.HandleFunc("/api/", s.noRoute)
	return s
}

// noRoute answers a request no route takes, in JSON like every API
// answer: 405 with the allowed methods when the path exists, else 404.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) {
	var allowed []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && pattern != "/" && pattern != "/api/" {
			allowed = append(allowed, m)
		}
	}
	status, msg := http.StatusNotFound, fmt.Sprintf("no such endpoint: %s %s (see /api/openapi.json)", r.Method, r.URL.Path)
	if len(allowed) > 0 {
		status, msg = http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: method not allowed (want %s)", r.Method, r.URL.Path, strings.Join(allowed, ", "))
		w.Header().Set("Allow", strings.Join(allowed, ", "))
	}
	writeJSON(w, status, apiError{Error: msg})
	s.metrics.observe("unmatched", status, 0)
}

// writeJSON writes v as the JSON answer with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// HTTPServer wraps the handler in an http.Server with timeouts fit for a
// public address.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      s.cfg.QueryTimeout + 20*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// Serve serves on ln until ctx is cancelled, then shuts down
// gracefully.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.HTTPServer(ln.Addr().String())
	go s.warm(ctx)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return hs.Shutdown(sctx)
	}
}

// handler answers with a value to encode as JSON, or an error.
type handler func(r *http.Request) (any, error)

// httpError is an error with an HTTP status.
type httpError struct {
	status int
	msg    string
}

// withHeaders is an error answered with extra response headers
// (WWW-Authenticate on a 401, Retry-After on a 503).
type withHeaders struct {
	error
	header map[string]string
}

func (e withHeaders) Unwrap() error { return e.error }

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &httpError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

func (s *Server) route(pattern string, h handler) {
	name := pattern[strings.IndexByte(pattern, ' ')+1:]
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.WithValue(r.Context(), requestContextKey{}, r.Context()), s.cfg.QueryTimeout)
		defer cancel()
		v, err := h(r.WithContext(ctx))
		status := http.StatusOK
		var wh withHeaders
		if errors.As(err, &wh) {
			for k, v := range wh.header {
				w.Header().Set(k, v)
			}
		}
		if err != nil {
			var he *httpError
			switch {
			case errors.As(err, &he):
				status = he.status
			case errors.Is(err, store.ErrNotFound):
				status = http.StatusNotFound
			case errors.Is(err, store.ErrBadQuery):
				status = http.StatusBadRequest
			case errors.Is(err, store.ErrConflict):
				status = http.StatusConflict
			case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
				// The client went away: nobody reads this answer.
				status = http.StatusServiceUnavailable
				err = errors.New("request cancelled")
			case errors.Is(err, context.DeadlineExceeded):
				status = http.StatusServiceUnavailable
				err = errors.New("query took too long; narrow the filters")
			default:
				// A database message is no answer for a client (and may
				// tell it about the schema): the log keeps it.
				status = http.StatusInternalServerError
				log.Printf("parley serve: %s %s: %v", r.Method, r.URL.RequestURI(), err)
				err = errors.New("internal error: the store failed on this request (the server's log has the details)")
			}
			v = apiError{Error: err.Error()}
		}
		writeJSON(w, status, v)
		s.metrics.observe(name, status, time.Since(start))
	})
}

// requestContextKey holds a request's own context, without the query
// timeout, for work that has its own bound (coding a submitted document).
type requestContextKey struct{}

// requestContext is r's context without the query timeout.
func requestContext(r *http.Request) context.Context {
	if ctx, ok := r.Context().Value(requestContextKey{}).(context.Context); ok {
		return ctx
	}
	return r.Context()
}

// queryParams are the filter parameters, the same as `parley query`'s flags.
var queryParams = []string{"actor", "recipient", "country", "type", "mode", "quad", "from", "to", "place", "source", "text", "level", "limit", "offset", "after", "reviewed", "sort"}

// query reads the filters of a request.
func query(r *http.Request) (store.Query, error) {
	v := r.URL.Query()
	q := store.Query{
		Actor: v.Get("actor"), Recipient: v.Get("recipient"), Country: v.Get("country"), Type: v.Get("type"),
		Mode: v.Get("mode"), From: v.Get("from"), To: v.Get("to"), Place: v.Get("place"), Source: v.Get("source"),
		Text: v.Get("text"), Level: v.Get("level"), Reviewed: v.Get("reviewed"), Sort: v.Get("sort"),
		After: v.Get("after"),
	}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"quad", &q.Quad}, {"limit", &q.Limit}, {"offset", &q.Offset}} {
		if s := v.Get(p.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return q, badRequest("bad %s %q (want a whole number)", p.name, s)
			}
			*p.dst = n
		}
	}
	for k := range v {
		if !known(k) {
			return q, badRequest("unknown parameter %q (want %s)", k, strings.Join(queryParams, ", "))
		}
	}
	return q.Check()
}

func known(k string) bool {
	for _, p := range queryParams {
		if p == k {
			return true
		}
	}
	return k == "by"
}

func (s *Server) events(r *http.Request) (any, error) {
	q, err := query(r)
	if err != nil {
		return nil, err
	}
	switch q.Level {
	case "", "story", "stories":
		return s.cfg.Store.Stories(r.Context(), q)
	case "event", "events", "raw":
		return s.cfg.Store.Events(r.Context(), q)
	}
	return nil, badRequest("bad level %q (want story or event)", q.Level)
}

func (s *Server) event(r *http.Request) (any, error) {
	id := r.PathValue("id")
	if strings.HasPrefix(id, "E") {
		return s.cfg.Store.Event(r.Context(), id)
	}
	return s.cfg.Store.Story(r.Context(), id)
}

// document answers a stored article. Where the server read it from is its
// own business: the path is not shown.
func (s *Server) document(r *http.Request) (any, error) {
	d, err := s.cfg.Store.Document(r.Context(), r.PathValue("id"))
	if d != nil {
		d.Path = ""
	}
	return d, err
}

func (s *Server) actors(r *http.Request) (any, error) {
	return aggregate(s, r, 100, s.cfg.Store.Actors)
}

func (s *Server) timeline(r *http.Request) (any, error) {
	return aggregate(s, r, maxAggregate, s.cfg.Store.Timeline)
}

func (s *Server) network(r *http.Request) (any, error) {
	return aggregate(s, r, 100, s.cfg.Store.Network)
}

func (s *Server) places(r *http.Request) (any, error) {
	return aggregate(s, r, 500, s.cfg.Store.Places)
}

func (s *Server) counts(r *http.Request) (any, error) {
	by := r.URL.Query().Get("by")
	if by == "" {
		return nil, badRequest("missing by (day, week, month, type, quad, actor or country)")
	}
	return aggregate(s, r, maxAggregate, func(ctx context.Context, q store.Query) ([]store.Count, error) {
		return s.cfg.Store.CountBy(ctx, q, by)
	})
}

// maxAggregate is the most rows an aggregate endpoint reads from the store,
// and its largest page.
const maxAggregate = 10000

// aggregate answers an aggregate endpoint with one page of its rows, as
// /api/events pages: {total, offset, limit, items}. The store computes up
// to maxAggregate rows, which are cached (cache.go); limit (default def)
// and offset cut the page.
func aggregate[T any](s *Server, r *http.Request, def int, rows func(context.Context, store.Query) ([]T, error)) (any, error) {
	q, err := query(r)
	if err != nil {
		return nil, err
	}
	limit, offset := q.Limit, q.Offset
	if limit == 0 {
		limit = def
	}
	limit = min(limit, maxAggregate)
	q.Limit, q.Offset = maxAggregate, 0
	v, err := s.cached(r, func() (any, error) { return rows(r.Context(), q) })
	if err != nil {
		return nil, err
	}
	all := v.([]T)
	start := min(offset, len(all))
	end := min(start+limit, len(all))
	return store.Page[T]{Total: len(all), Offset: offset, Limit: limit, Items: all[start:end]}, nil
}

func (s *Server) stats(r *http.Request) (any, error) {
	return s.cached(r, func() (any, error) { return s.cfg.Store.Stats(r.Context()) })
}

func (s *Server) healthz(r *http.Request) (any, error) {
	if _, err := s.cfg.Store.Stories(r.Context(), store.Query{Limit: 1}); err != nil {
		return nil, &httpError{http.StatusServiceUnavailable, "store unavailable: " + err.Error()}
	}
	return health{Status: "ok"}, nil
}

// submission is the body of POST /api/documents.
type submission struct {
	ID     string `json:"id"`
	Date   string `json:"date"`
	Source string `json:"source"`
	URL    string `json:"url"`
	Title  string `json:"title"`
	Text   string `json:"text"`
}

// postDocument codes and stores a submitted article.
func (s *Server) postDocument(r *http.Request) (any, error) {
	if s.cfg.Token == "" || s.cfg.Code == nil {
		return nil, &httpError{http.StatusForbidden, "this server is read-only (start it with --token to accept documents)"}
	}
	// The scheme is case-insensitive (RFC 9110 11.1): "bearer" is "Bearer".
	scheme, token, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(token)), []byte(s.cfg.Token)) != 1 {
		return nil, withHeaders{&httpError{http.StatusUnauthorized, "missing or wrong bearer token"},
			map[string]string{"WWW-Authenticate": `Bearer realm="parley"`}}
	}
	body := http.MaxBytesReader(nil, r.Body, s.cfg.MaxBody)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	var sub submission
	if err := dec.Decode(&sub); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("document larger than %d bytes", s.cfg.MaxBody)}
		}
		return nil, badRequest("body is not a JSON document {id, date, source, url, title, text}: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, badRequest("body holds more than one JSON object")
	}
	if strings.TrimSpace(sub.Text) == "" {
		return nil, badRequest("document has no text")
	}
	date, err := reader.ParseDate(sub.Date)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	d := &doc.Document{ID: sub.ID, Source: sub.Source, URL: sub.URL, Title: sub.Title, Date: date, Text: sub.Text,
		Dateline: reader.FindDateline(sub.Text)}
	// The store's work has the query timeout, the coding its own bound:
	// a long article does not eat the time its storing needs.
	base := requestContext(r)
	if has, err := s.cfg.Store.HasDocument(r.Context(), d); err != nil {
		return nil, err
	} else if has {
		res, err := s.cfg.Store.Ingest(r.Context(), d, nil)
		return res, err
	}
	evs, err := s.code(base, d)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(base, s.cfg.QueryTimeout)
	defer cancel()
	return s.cfg.Store.Ingest(ctx, d, evs)
}

// code codes a submitted document within CodeTimeout, at most MaxCoding
// at once. The coding runs on its own goroutine, which keeps its place
// among the MaxCoding until the coder returns, even when the request has
// already been answered (timed out, or the client went away).
func (s *Server) code(ctx context.Context, d *doc.Document) ([]event.Event, error) {
	select {
	case s.coding <- struct{}{}:
	default:
		return nil, withHeaders{&httpError{http.StatusServiceUnavailable,
			fmt.Sprintf("busy: %d documents are being coded; try again shortly", cap(s.coding))},
			map[string]string{"Retry-After": "1"}}
	}
	type result struct {
		evs []event.Event
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() { <-s.coding }()
		evs, err := s.cfg.Code(context.WithoutCancel(ctx), d)
		done <- result{evs, err}
	}()
	timer := time.NewTimer(s.cfg.CodeTimeout)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, &httpError{http.StatusUnprocessableEntity, r.err.Error()}
		}
		return r.evs, nil
	case <-timer.C:
		return nil, &httpError{http.StatusServiceUnavailable,
			fmt.Sprintf("coding the document took longer than %v: not stored (split it, or raise --code-timeout)", s.cfg.CodeTimeout)}
	case <-ctx.Done():
		return nil, ctx.Err() // the client went away: nobody reads the answer
	}
}
