package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-events/parley/store"
)

// FuzzQuery sends any query string to every list endpoint of a server
// over a real SQLite store holding the test articles: the answer is a
// page (200) or a client error naming the problem (400), never a server
// error or a raw database message.
func FuzzQuery(f *testing.F) {
	for _, q := range []string{
		"actor=Lavrov&from=2023-10-01&to=2023-10-31",
		"text=talks+Moscow&limit=5&offset=1",
		"text=%00",
		"country=" + strings.Repeat("RUS,", 200),
		"actor=" + strings.Repeat("x", 2000),
		"text=\"unclosed OR NEAR(",
		"by=actor&quad=4",
		"level=event&mode=aerial&type=ASSAULT",
		"limit=-1&offset=99999999999999999999",
	} {
		f.Add(q)
	}
	st, err := store.Open(context.Background(), filepath.Join(f.TempDir(), "parley.db"), store.Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	srv := New(Config{Store: st, Code: codeMeeting(&testing.T{}), Token: "s3cret"})
	for a := range articles {
		req := httptest.NewRequest("POST", "/api/documents", strings.NewReader(post(a)))
		req.Header.Set("Authorization", "Bearer s3cret")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			f.Fatalf("storing article %d: %d %s", a, w.Code, w.Body)
		}
	}
	paths := []string{"/api/events", "/api/actors", "/api/timeline", "/api/network", "/api/places", "/api/counts"}
	f.Fuzz(func(t *testing.T, raw string) {
		for _, path := range paths {
			req := &http.Request{Method: "GET", URL: &url.URL{Path: path, RawQuery: raw}, Header: http.Header{}}
			req = req.WithContext(context.Background())
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, req)
			var body struct{ Error string }
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatalf("%s?%s: %d, not JSON: %q", path, raw, w.Code, w.Body)
			}
			if w.Code != http.StatusOK && w.Code != http.StatusBadRequest {
				t.Fatalf("%s?%s: status %d: %s", path, raw, w.Code, body.Error)
			}
			// A message may quote the request ("unknown parameter
			// \"sQl\""); only a mention of SQL the request did not
			// bring is the database's.
			asked, _ := url.QueryUnescape(raw)
			if strings.Count(strings.ToLower(body.Error), "sql") > strings.Count(strings.ToLower(raw+" "+asked), "sql") {
				t.Fatalf("%s?%s: a database message reached the client: %s", path, raw, body.Error)
			}
		}
	})
}
