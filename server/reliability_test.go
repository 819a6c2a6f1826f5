package server

import (
	"context"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/coder"
	"github.com/parley-events/parley/store"
)

// serveConfig starts a real server with cfg over a fresh SQLite store (set
// as cfg.Store) on a free loopback port.
func serveConfig(t *testing.T, cfg Config) (string, store.Store) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "parley.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Store = st
	srv := New(cfg)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		<-done
		st.Close()
	})
	return "http://" + ln.Addr().String(), st
}

// TestPostSurvivesCoderPanic: a document the coder panics on is refused
// with the reason, and the server goes on serving.
func TestPostSurvivesCoderPanic(t *testing.T) {
	broken := parley.New(parley.Options{Trace: func(coder.Decision) { panic("index out of range [7] with length 3") }})
	base, st := serveConfig(t, Config{Code: broken.Code, Token: "s3cret"})
	var e struct{ Error string }
	call(t, "POST", base+"/api/documents", "s3cret", post(0), http.StatusUnprocessableEntity, &e)
	if !strings.Contains(e.Error, "internal error while coding") || !strings.Contains(e.Error, "index out of range") {
		t.Errorf("error %q does not tell of the coder's failure", e.Error)
	}
	call(t, "GET", base+"/healthz", "", "", http.StatusOK, nil)
	if s, err := st.Stats(context.Background()); err != nil || s.Documents != 0 {
		t.Errorf("stats %+v, %v: the refused document was stored", s, err)
	}
}

// TestPostRefusesBadDates: a submitted article's date outside the years a
// news article can have, or no date at all, is refused with the reason.
func TestPostRefusesBadDates(t *testing.T) {
	base, _ := serve(t, "s3cret")
	for date, want := range map[string]string{
		"0001-01-01": "outside the years 1800 to 2199",
		"9999-12-31": "outside the years 1800 to 2199",
		"2023-13-45": `bad date \"2023-13-45\": month out of range`,
		"":           "no publication date",
	} {
		body := `{"id":"x","date":"` + date + `","text":"Iran condemned Israel."}`
		var e struct{ Error string }
		call(t, "POST", base+"/api/documents", "s3cret", body, http.StatusBadRequest, &e)
		if !strings.Contains(e.Error, strings.ReplaceAll(want, `\"`, `"`)) {
			t.Errorf("date %q: error %q, want %q", date, e.Error, want)
		}
	}
}

// TestBearerSchemeAnyCase: the scheme is case-insensitive, and a refusal
// tells the client how to authenticate.
func TestBearerSchemeAnyCase(t *testing.T) {
	base, _ := serve(t, "s3cret")
	for _, auth := range []string{"bearer s3cret", "BEARER s3cret", "Bearer  s3cret "} {
		req, _ := http.NewRequest("POST", base+"/api/documents", strings.NewReader(post(0)))
		req.Header.Set("Authorization", auth)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("Authorization %q: status %d, want 200", auth, resp.StatusCode)
		}
	}
	req, _ := http.NewRequest("POST", base+"/api/documents", strings.NewReader(post(0)))
	req.Header.Set("Authorization", "Basic czNjcmV0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") != `Bearer realm="parley"` {
		t.Errorf("status %d, WWW-Authenticate %q; want 401 with a Bearer challenge", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
	}
}

// TestUIHeaders: the web UI may not be framed by another site and sends
// no referrer.
func TestUIHeaders(t *testing.T) {
	base, _ := serveConfig(t, Config{UI: fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>parley</title>")}}})
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("Content-Security-Policy %q lacks frame-ancestors 'none'", csp)
	}
	if rp := resp.Header.Get("Referrer-Policy"); rp != "no-referrer" {
		t.Errorf("Referrer-Policy %q, want no-referrer", rp)
	}
}

// TestPostCodingBounds: coding a submitted article has its own time
// bound (not the query timeout) with a message that says so, and at most
// MaxCoding articles are coded at once: a post beyond is answered 503
// with Retry-After until the slow coding has really ended.
func TestPostCodingBounds(t *testing.T) {
	release := make(chan struct{})
	var once sync.Once
	slow := parley.New(parley.Options{Trace: func(coder.Decision) { <-release }})
	base, st := serveConfig(t, Config{Code: slow.Code, Token: "s3cret", MaxCoding: 1,
		CodeTimeout: 300 * time.Millisecond, QueryTimeout: 100 * time.Millisecond})
	defer once.Do(func() { close(release) })
	var e struct{ Error string }
	call(t, "POST", base+"/api/documents", "s3cret", post(0), http.StatusServiceUnavailable, &e)
	if !strings.Contains(e.Error, "coding the document took longer than 300ms") {
		t.Errorf("time-out message %q", e.Error)
	}
	// The first article is still being coded: no room for another.
	req, _ := http.NewRequest("POST", base+"/api/documents", strings.NewReader(post(1)))
	req.Header.Set("Authorization", "Bearer s3cret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("second post: status %d, Retry-After %q; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	once.Do(func() { close(release) })
	// Once the coder returns, its place is free again; coding now takes
	// longer than the query timeout and still stores the article.
	deadline := time.Now().Add(10 * time.Second)
	for {
		req, _ := http.NewRequest("POST", base+"/api/documents", strings.NewReader(post(1)))
		req.Header.Set("Authorization", "Bearer s3cret")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			break
		}
		if resp.StatusCode != http.StatusServiceUnavailable || time.Now().After(deadline) {
			t.Fatalf("after the release: status %d", resp.StatusCode)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if s, err := st.Stats(context.Background()); err != nil || s.Documents != 1 {
		t.Errorf("stats %+v, %v; want the second article stored", s, err)
	}
}
