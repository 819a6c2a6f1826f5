package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/parley-events/parley/store"
)

// TestReviewAPI reviews the stored meeting over HTTP: writing needs the
// token, bad reviews are refused with the reason, and the review shows in
// the event, the story, its history, the list and the reviewed filter.
func TestReviewAPI(t *testing.T) {
	base, _ := serve(t, "s3cret")
	call(t, "POST", base+"/api/documents", "s3cret", post(0), http.StatusOK, nil)
	call(t, "POST", base+"/api/documents", "s3cret", post(1), http.StatusOK, nil)
	var raw store.Page[store.Mention]
	call(t, "GET", base+"/api/events?level=event&source=IRNA", "", "", http.StatusOK, &raw)
	if raw.Total != 1 {
		t.Fatalf("raw events: %+v", raw)
	}
	ev := raw.Items[0]
	url := base + "/api/events/" + ev.ID + "/reviews"

	body := `{"verdict":"wrong","reviewer":"ana","recipient":{"name":"Mikhail Bogdanov","country":"RUS"},"date":"2023-10-26","note":"Bogdanov is the host"}`
	call(t, "POST", url, "", body, http.StatusUnauthorized, nil)
	call(t, "POST", url, "wrong", body, http.StatusUnauthorized, nil)
	var e map[string]string
	call(t, "POST", url, "s3cret", `{"verdict":"perhaps","reviewer":"ana"}`, http.StatusBadRequest, &e)
	if !strings.Contains(e["error"], "perhaps") {
		t.Errorf("bad verdict message: %v", e)
	}
	call(t, "POST", url, "s3cret", `{"verdict":"wrong","reviewer":"ana","colour":"red"}`, http.StatusBadRequest, nil)
	call(t, "POST", url, "s3cret", `{"verdict":"wrong"}`, http.StatusBadRequest, nil)
	call(t, "POST", base+"/api/events/E999/reviews", "s3cret", body, http.StatusNotFound, nil)
	call(t, "POST", url, "s3cret", `{"note":"`+strings.Repeat("x", 70000)+`","reviewer":"a"}`, http.StatusRequestEntityTooLarge, nil)

	var r store.Review
	call(t, "POST", url, "s3cret", body, http.StatusOK, &r)
	if r.EventID != ev.ID || r.Verdict != "wrong" || r.Reviewer != "ana" || r.At == "" || r.Recipient == nil || r.Recipient.Country != "RUS" {
		t.Fatalf("stored review: %+v", r)
	}
	var m store.Mention
	call(t, "GET", base+"/api/events/"+ev.ID, "", "", http.StatusOK, &m)
	if m.Review == nil || m.Review.Note != "Bogdanov is the host" {
		t.Errorf("event review: %+v", m.Review)
	}
	var st store.StoryDetail
	call(t, "GET", base+"/api/events/"+ev.StoryID, "", "", http.StatusOK, &st)
	if st.Review == nil || st.Review.ID != r.ID {
		t.Errorf("story review: %+v", st.Review)
	}
	var hist []store.Review
	call(t, "POST", base+"/api/events/"+ev.StoryID+"/reviews", "s3cret", `{"verdict":"correct","reviewer":"ben"}`, http.StatusOK, nil)
	call(t, "GET", base+"/api/events/"+ev.StoryID+"/reviews", "", "", http.StatusOK, &hist)
	if len(hist) != 2 || hist[0].Reviewer != "ana" || hist[1].Reviewer != "ben" {
		t.Errorf("story history: %+v", hist)
	}
	var list struct {
		Writable bool           `json:"writable"`
		Total    int            `json:"total"`
		Items    []store.Review `json:"items"`
	}
	call(t, "GET", base+"/api/reviews", "", "", http.StatusOK, &list)
	if !list.Writable || len(list.Items) != 2 || list.Total != 2 {
		t.Errorf("review list: %+v", list)
	}
	call(t, "GET", base+"/api/reviews?limit=1&offset=1", "", "", http.StatusOK, &list)
	if list.Total != 2 || len(list.Items) != 1 || list.Items[0].Reviewer != "ben" {
		t.Errorf("second page of the review list: %+v", list)
	}
	for q, want := range map[string]int{"level=event&reviewed=wrong": 1, "level=event&reviewed=correct": 1, "reviewed=no": 0, "reviewed=yes": 1} {
		var p store.Page[store.Story]
		call(t, "GET", base+"/api/events?"+q, "", "", http.StatusOK, &p)
		if p.Total != want {
			t.Errorf("?%s: %d matches, want %d", q, p.Total, want)
		}
	}
	call(t, "GET", base+"/api/events?reviewed=maybe", "", "", http.StatusBadRequest, nil)

	var spec struct {
		Paths map[string]map[string]any `json:"paths"`
	}
	call(t, "GET", base+"/api/openapi.json", "", "", http.StatusOK, &spec)
	for path, method := range map[string]string{"/api/events/{id}/reviews": "post", "/api/reviews": "get", "/api/download": "get"} {
		if spec.Paths[path][method] == nil {
			t.Errorf("openapi.json lacks %s %s", method, path)
		}
	}
}

func TestReviewsNeedAToken(t *testing.T) {
	base, _ := serve(t, "")
	call(t, "POST", base+"/api/events/E1/reviews", "anything", `{"verdict":"correct","reviewer":"ana"}`, http.StatusForbidden, nil)
	var list struct {
		Writable bool `json:"writable"`
	}
	call(t, "GET", base+"/api/reviews", "", "", http.StatusOK, &list)
	if list.Writable {
		t.Error("a server without a token says it accepts reviews")
	}
}
