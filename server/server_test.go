package server

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/store"
)

// Two outlets' reports of the 26 October 2023 Bogdanov–Bagheri Kani
// meeting in Moscow, coded as `parley code` writes events.
var articles = []struct {
	id, source, date, text string
	actor, actorName, ac   string
	trigger                string
	recip, recipName, rc   string
}{
	{"tass-2023-10-27", "TASS", "2023-10-27",
		`MOSCOW, October 27. /TASS/. On Thursday, Russian Deputy Foreign Minister Mikhail Bogdanov met with his Iranian colleague in Moscow.`,
		"Russian Deputy Foreign Minister Mikhail Bogdanov", "Mikhail Bogdanov", "RUS", "met", "his Iranian colleague", "Ali Bagheri Kani", "IRN"},
	{"irna-2023-10-27", "IRNA", "2023-10-27",
		`TEHRAN, Oct. 27 (IRNA) - Iran's deputy foreign minister Ali Bagheri Kani held talks in Moscow on Thursday with Bogdanov.`,
		"Iran's deputy foreign minister Ali Bagheri Kani", "Ali Bagheri Kani", "IRN", "held talks", "Bogdanov", "Bogdanov", "RUS"},
}

func spanOf(t *testing.T, text, sub string) [2]int {
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in %q", sub, text)
	}
	return [2]int{i, i + len(sub)}
}

// codeMeeting codes the test articles (by their known wording).
func codeMeeting(t *testing.T) store.CodeFunc {
	return func(_ context.Context, d *doc.Document) ([]event.Event, error) { return meeting(t, d), nil }
}

// meeting is the event of a test article.
func meeting(t *testing.T, d *doc.Document) []event.Event {
	{
		for _, a := range articles {
			if a.text != d.Text {
				continue
			}
			sent := d.Text[strings.Index(d.Text, ". ")+2:]
			if d.Source == "IRNA" {
				sent = d.Text
			}
			return []event.Event{{
				ID: d.ID + "-1", DocID: d.ID, Date: "2023-10-26", DatePrecision: "day", Type: "CONSULT", Quad: 1, CAMEO: "04",
				Actor:     &event.Actor{Text: a.actor, Name: a.actorName, Country: a.ac, Sector: "GOV", Code: a.ac + "GOV", Span: spanOf(t, d.Text, a.actor)},
				Recipient: &event.Actor{Text: a.recip, Name: a.recipName, Country: a.rc, Sector: "GOV", Code: a.rc + "GOV", Span: spanOf(t, d.Text, a.recip)},
				Location:  &event.Location{Name: "Moscow", Country: "RUS", Lat: 55.75, Lon: 37.62, GeonamesID: 524901, Resolution: 4},
				Span:      spanOf(t, d.Text, sent), Text: sent, Trigger: a.trigger, TriggerSpan: spanOf(t, d.Text, a.trigger),
				Modality: "asserted", Mentions: 1, Confidence: 0.9,
			}}
		}
		return nil
	}
}

// serve starts a real server on a free port over a fresh store.
func serve(t *testing.T, token string) (string, store.Store) {
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
	srv := New(Config{Store: st, Code: codeMeeting(t), Token: token, MaxBody: 4096})
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		<-done
		st.Close()
	})
	return "http://" + ln.Addr().String(), st
}

func call(t *testing.T, method, url, token, body string, want int, out any) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d: %s", method, url, resp.StatusCode, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, url, err, b)
		}
	}
}

func post(a int) string {
	b, _ := json.Marshal(map[string]string{"id": articles[a].id, "source": articles[a].source, "date": articles[a].date, "text": articles[a].text})
	return string(b)
}

func TestAPI(t *testing.T) {
	base, _ := serve(t, "s3cret")

	// Writing needs the token.
	call(t, "POST", base+"/api/documents", "", post(0), http.StatusUnauthorized, nil)
	call(t, "POST", base+"/api/documents", "wrong", post(0), http.StatusUnauthorized, nil)
	var res store.Result
	call(t, "POST", base+"/api/documents", "s3cret", post(0), http.StatusOK, &res)
	if res.Events != 1 || res.Skipped {
		t.Fatalf("first post: %+v", res)
	}
	call(t, "POST", base+"/api/documents", "s3cret", post(1), http.StatusOK, &res)
	if res.Merged != 1 {
		t.Fatalf("second report did not merge: %+v", res)
	}
	call(t, "POST", base+"/api/documents", "s3cret", post(1), http.StatusOK, &res)
	if !res.Skipped {
		t.Fatalf("re-post: %+v", res)
	}
	call(t, "POST", base+"/api/documents", "s3cret", `{"id":"x","date":"2023-10-27","text":"`+strings.Repeat("a", 5000)+`"}`, http.StatusRequestEntityTooLarge, nil)
	call(t, "POST", base+"/api/documents", "s3cret", `{"id":"x","date":"27 Oct","text":"a"}`, http.StatusBadRequest, nil)
	call(t, "POST", base+"/api/documents", "s3cret", `{"id":"tass-2023-10-27","date":"2023-10-27","text":"other"}`, http.StatusConflict, nil)

	var page store.Page[store.Story]
	call(t, "GET", base+"/api/events", "", "", http.StatusOK, &page)
	if page.Total != 1 || page.Items[0].Articles != 2 || page.Items[0].Sources != 2 {
		t.Fatalf("stories: %+v", page)
	}
	id := page.Items[0].ID
	var raw store.Page[store.Mention]
	call(t, "GET", base+"/api/events?level=event&source=IRNA", "", "", http.StatusOK, &raw)
	if raw.Total != 1 || raw.Items[0].StoryID != id {
		t.Fatalf("raw events: %+v", raw)
	}
	for _, u := range []string{"actor=Bogdanov&from=2023-10-01&to=2023-10-31", "country=IRN&type=CONSULT", "text=held+talks", "place=Moscow"} {
		call(t, "GET", base+"/api/events?"+u, "", "", http.StatusOK, &page)
		if page.Total != 1 {
			t.Errorf("?%s: %d stories", u, page.Total)
		}
	}
	call(t, "GET", base+"/api/events?country=UKR", "", "", http.StatusOK, &page)
	if page.Total != 0 {
		t.Errorf("country=UKR matched %d", page.Total)
	}
	var det store.StoryDetail
	call(t, "GET", base+"/api/events/"+id, "", "", http.StatusOK, &det)
	if len(det.Reports) != 2 || det.Reports[0].Sentence == "" {
		t.Fatalf("story detail: %+v", det)
	}
	var marked []string
	for _, seg := range det.Reports[0].Highlight {
		if seg.Role != "" {
			marked = append(marked, seg.Role+":"+seg.Text)
		}
	}
	if strings.Join(marked, "|") != "actor:Russian Deputy Foreign Minister Mikhail Bogdanov|trigger:met|recipient:his Iranian colleague" {
		t.Errorf("highlight: %v", marked)
	}
	var m store.Mention
	call(t, "GET", base+"/api/events/"+raw.Items[0].ID, "", "", http.StatusOK, &m)
	call(t, "GET", base+"/api/events/S999", "", "", http.StatusNotFound, nil)
	var d store.Document
	call(t, "GET", base+"/api/documents/tass-2023-10-27", "", "", http.StatusOK, &d)
	if d.Text != articles[0].text || len(d.Events) != 1 {
		t.Errorf("document: %+v", d)
	}
	var actorsPage store.Page[store.ActorCount]
	call(t, "GET", base+"/api/actors", "", "", http.StatusOK, &actorsPage)
	actors := actorsPage.Items
	if len(actors) != 2 {
		t.Errorf("actors: %+v", actors)
	}
	var tlPage store.Page[store.TimelinePoint]
	call(t, "GET", base+"/api/timeline?country=RUS", "", "", http.StatusOK, &tlPage)
	tl := tlPage.Items
	if len(tl) != 1 || tl[0].Date != "2023-10-26" || tl[0].Quad != 1 || tl[0].Count != 1 {
		t.Errorf("timeline: %+v", tl)
	}
	var netPage store.Page[store.Edge]
	call(t, "GET", base+"/api/network?type=CONSULT", "", "", http.StatusOK, &netPage)
	net := netPage.Items
	if len(net) != 1 || net[0].Count != 1 {
		t.Errorf("network: %+v", net)
	}
	var placesPage store.Page[store.PlaceCount]
	call(t, "GET", base+"/api/places", "", "", http.StatusOK, &placesPage)
	places := placesPage.Items
	if len(places) != 1 || places[0].Name != "Moscow" {
		t.Errorf("places: %+v", places)
	}
	var countsPage store.Page[store.Count]
	call(t, "GET", base+"/api/counts?by=month&level=event", "", "", http.StatusOK, &countsPage)
	counts := countsPage.Items
	if len(counts) != 1 || counts[0].Key != "2023-10" || counts[0].Count != 2 {
		t.Errorf("counts: %+v", counts)
	}
	var stats store.Stats
	call(t, "GET", base+"/api/stats", "", "", http.StatusOK, &stats)
	if stats.Documents != 2 || stats.Stories != 1 || stats.Events != 2 {
		t.Errorf("stats: %+v", stats)
	}
	// Bad parameters are the caller's mistake, named in the answer.
	var e map[string]string
	call(t, "GET", base+"/api/events?from=yesterday", "", "", http.StatusBadRequest, &e)
	if !strings.Contains(e["error"], "yesterday") {
		t.Errorf("error message: %v", e)
	}
	call(t, "GET", base+"/api/events?limit=-3", "", "", http.StatusBadRequest, nil)
	call(t, "GET", base+"/api/events?colour=red", "", "", http.StatusBadRequest, nil)
	call(t, "GET", base+"/api/counts?by=colour", "", "", http.StatusBadRequest, nil)
	// Filter values never reach SQL as text.
	call(t, "GET", base+"/api/events?actor=x'%20OR%201=1--&text=%22)%20OR%20*", "", "", http.StatusOK, &page)
	if page.Total != 0 {
		t.Errorf("injection attempt matched %d", page.Total)
	}

	var spec map[string]any
	call(t, "GET", base+"/api/openapi.json", "", "", http.StatusOK, &spec)
	paths, _ := spec["paths"].(map[string]any)
	for _, p := range []string{"/api/events", "/api/events/{id}", "/api/documents", "/api/documents/{id}", "/api/actors", "/api/timeline", "/api/network", "/api/places", "/api/counts", "/api/stats", "/metrics"} {
		if paths[p] == nil {
			t.Errorf("openapi.json lacks %s", p)
		}
	}
	call(t, "GET", base+"/healthz", "", "", http.StatusOK, nil)
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`parley_http_requests_total{route="/api/events",status="200"}`, `parley_http_request_duration_seconds_bucket{route="/api/events",le="+Inf"}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("metrics lack %s:\n%s", want, b)
		}
	}
}

func TestReadOnlyByDefault(t *testing.T) {
	base, _ := serve(t, "")
	call(t, "POST", base+"/api/documents", "anything", post(0), http.StatusForbidden, nil)
}

// TestPageAfter: /api/events answers next on a full page, and the page
// after it (after=next) holds the raw events that follow, as offset
// paging does; a bad after, or after with offset, is a 400.
func TestPageAfter(t *testing.T) {
	base, _ := serve(t, "s3cret")
	for a := range articles {
		call(t, "POST", base+"/api/documents", "s3cret", post(a), http.StatusOK, nil)
	}
	var all, first, second store.Page[store.Mention]
	call(t, "GET", base+"/api/events?level=event", "", "", http.StatusOK, &all)
	if len(all.Items) != 2 || all.Next != "" {
		t.Fatalf("all raw events: %d items, next %q", len(all.Items), all.Next)
	}
	call(t, "GET", base+"/api/events?level=event&limit=1", "", "", http.StatusOK, &first)
	if len(first.Items) != 1 || first.Next != first.Items[0].ID || first.Next != all.Items[0].ID {
		t.Fatalf("first page: %+v", first)
	}
	call(t, "GET", base+"/api/events?level=event&limit=1&after="+first.Next, "", "", http.StatusOK, &second)
	if len(second.Items) != 1 || second.Items[0].ID != all.Items[1].ID {
		t.Fatalf("page after %s: %+v, want %s", first.Next, second.Items, all.Items[1].ID)
	}
	var stories store.Page[store.Story]
	call(t, "GET", base+"/api/events?limit=1", "", "", http.StatusOK, &stories)
	var end store.Page[store.Story]
	call(t, "GET", base+"/api/events?limit=1&after="+stories.Next, "", "", http.StatusOK, &end)
	if stories.Next == "" || len(end.Items) != 0 || end.Next != "" {
		t.Errorf("after the only story (%s): %+v", stories.Next, end)
	}
	for _, u := range []string{"after=S1&level=event", "after=E1", "after=E999&level=event", "after=E1&level=event&offset=1", "after=x"} {
		call(t, "GET", base+"/api/events?"+u, "", "", http.StatusBadRequest, nil)
	}
}
