package server

import (
	"context"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

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
