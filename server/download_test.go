package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/export"
	"github.com/parley-events/parley/store"
)

// fetch gets url and returns the response with its body read.
func fetch(t *testing.T, url string, want int) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != want {
		t.Fatalf("GET %s: status %d, want %d: %s", url, resp.StatusCode, want, b)
	}
	return resp, b
}

// TestDownload downloads the selection in each format and reads each file
// back with export's readers.
func TestDownload(t *testing.T) {
	base, _ := serve(t, "s3cret")
	call(t, "POST", base+"/api/documents", "s3cret", post(0), http.StatusOK, nil)
	call(t, "POST", base+"/api/documents", "s3cret", post(1), http.StatusOK, nil)

	resp, b := fetch(t, base+"/api/download?format=csv&level=event&sort=source", http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("csv content type %q", ct)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, `attachment; filename="parley-events-`) || !strings.HasSuffix(cd, `.csv"`) {
		t.Errorf("csv disposition %q", cd)
	}
	header, rows, err := export.ReadTable(bytes.NewReader(b), "csv")
	if err != nil || len(rows) != 2 || len(header) != len(export.CSVColumns()) {
		t.Fatalf("csv: %d rows, header %v, %v", len(rows), header, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	if src, ok := col["source"]; ok && (rows[0][src] != "IRNA" || rows[1][src] != "TASS") {
		t.Errorf("csv rows not in the asked order: %v", rows)
	}

	_, b = fetch(t, base+"/api/download?format=parquet", http.StatusOK)
	prows, err := export.ReadParquet(bytes.NewReader(b), int64(len(b)))
	if err != nil || len(prows) != 1 {
		t.Fatalf("parquet: %d rows, %v", len(prows), err)
	}

	var review store.Review
	call(t, "POST", base+"/api/events/"+prows[0].ID+"/reviews", "s3cret", `{"verdict":"correct","reviewer":"ana"}`, http.StatusOK, &review)
	_, b = fetch(t, base+"/api/download?format=jsonl&reviewed=yes", http.StatusOK)
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		var st store.Story
		if err := json.Unmarshal(sc.Bytes(), &st); err != nil {
			t.Fatalf("jsonl line %d: %v", n+1, err)
		}
		if st.Review == nil || st.Review.Reviewer != "ana" || st.Articles != 2 {
			t.Errorf("jsonl story: %+v", st)
		}
		n++
	}
	if n != 1 {
		t.Errorf("jsonl: %d lines, want 1", n)
	}
	_, b = fetch(t, base+"/api/download?format=jsonl&reviewed=no", http.StatusOK)
	if len(b) != 0 {
		t.Errorf("no unreviewed story, yet the file holds %q", b)
	}

	fetch(t, base+"/api/download?format=xlsx", http.StatusBadRequest)
	fetch(t, base+"/api/download", http.StatusBadRequest)
	_, b = fetch(t, base+"/api/download?format=csv&from=yesterday", http.StatusBadRequest)
	if !strings.Contains(string(b), "yesterday") {
		t.Errorf("bad filter message: %s", b)
	}
	fetch(t, base+"/api/download?format=csv&sort=colour", http.StatusBadRequest)
}

// TestDownloadPastTheCount: a download holds every matching row even
// where the store counts only up to store.MaxCount, and then sends no
// total (it would be a floor, not the count); an unfiltered one has the
// exact total.
func TestDownloadPastTheCount(t *testing.T) {
	base, st := serve(t, "")
	n := store.MaxCount + 150
	first := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		// One event a day, far enough apart that no two merge.
		day := first.AddDate(0, 0, 3*i)
		d := &doc.Document{ID: fmt.Sprintf("doc-%d", i), Source: "TASS", Date: day, Text: fmt.Sprintf("Russia met Iran, report %d.", i)}
		e := event.Event{ID: d.ID + "-1", DocID: d.ID, Date: day.Format("2006-01-02"), Type: "CONSULT", Quad: 1, Modality: "asserted",
			Actor:     &event.Actor{Name: "Russia", Country: "RUS", Code: "RUS"},
			Recipient: &event.Actor{Name: "Iran", Country: "IRN", Code: "IRN"},
			Text:      d.Text, Span: [2]int{0, len(d.Text)}, Trigger: "met", Mentions: 1}
		if _, err := st.Ingest(context.Background(), d, []event.Event{e}); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []string{"/api/download?format=csv&level=event", "/api/download?format=csv", "/api/download?format=jsonl&actor=Russia"} {
		resp, b := fetch(t, base+u, http.StatusOK)
		lines := strings.Count(string(b), "\n")
		if strings.Contains(u, "csv") {
			lines-- // the header
		}
		if lines != n {
			t.Errorf("%s: %d rows, want %d", u, lines, n)
		}
		// Unfiltered, SQLite knows the exact total; filtered, it counts
		// up to MaxCount only.
		want := fmt.Sprint(n)
		if strings.Contains(u, "actor=") {
			want = ""
		}
		if tot := resp.Header.Get("X-Parley-Total"); tot != want {
			t.Errorf("%s: X-Parley-Total %q, want %q", u, tot, want)
		}
		if tr := resp.Header.Get("X-Parley-Truncated"); tr != "" {
			t.Errorf("%s: X-Parley-Truncated %q, yet nothing was left out", u, tr)
		}
	}
	var page store.Page[store.Story]
	call(t, "GET", base+"/api/events?limit=10&actor=Russia&from=2020-01-01", "", "", http.StatusOK, &page)
	if page.Total != store.MaxCount || !page.Capped || len(page.Items) != 10 {
		t.Errorf("page: total %d, capped %v, %d items; want %d, capped, 10", page.Total, page.Capped, len(page.Items), store.MaxCount)
	}
}

// TestDownloadRecords: a CSV of stories, whose records the server makes
// from what StoryRecords reads of their reports (the first whole, the
// contexts of all), holds the records the stories make read one by one
// with all their reports (Story).
func TestDownloadRecords(t *testing.T) {
	base, st := serve(t, "")
	ctx := context.Background()
	first := time.Date(2023, 10, 1, 0, 0, 0, 0, time.UTC)
	contexts := [][]string{{}, {"military"}, {"diplomatic", "economic"}, {}, {"economic", "military"}}
	for i := range 40 {
		// Four days, two outlets: the reports of a day merge into one
		// story, its documents of several dates.
		day := first.AddDate(0, 0, i%4)
		d := &doc.Document{ID: fmt.Sprintf("doc-%d", i), Source: []string{"TASS", "IRNA"}[i%2], Date: day.AddDate(0, 0, i%3),
			Text: fmt.Sprintf("Russia met Iran, report %d.", i)}
		e := event.Event{ID: d.ID + "-1", DocID: d.ID, Date: day.Format("2006-01-02"), Type: "CONSULT", Quad: 1, Modality: "asserted",
			Actor:     &event.Actor{Name: "Russia", Country: "RUS", Code: "RUS", Text: fmt.Sprintf("Russia %d", i)},
			Recipient: &event.Actor{Name: "Iran", Country: "IRN", Code: "IRN"},
			Text:      d.Text, Span: [2]int{0, len(d.Text)}, Trigger: "met", Mentions: 1, Contexts: contexts[i%len(contexts)]}
		if _, err := st.Ingest(ctx, d, []event.Event{e}); err != nil {
			t.Fatal(err)
		}
	}
	page, err := st.Stories(ctx, store.Query{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	ew, err := export.NewWriter("csv", &want, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reports := 0
	for _, s := range page.Items {
		d, err := st.Story(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		reports += len(d.Reports)
		rec := export.FromStory(d)
		if err := ew.Write(&rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := ew.Close(); err != nil {
		t.Fatal(err)
	}
	if len(page.Items) < 2 || reports < 3*len(page.Items) {
		t.Fatalf("%d stories of %d reports: the test needs stories of several reports", len(page.Items), reports)
	}
	_, got := fetch(t, base+"/api/download?format=csv", http.StatusOK)
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("download:\n%s\nthe stories' records:\n%s", got, want.Bytes())
	}
	if !bytes.Contains(got, []byte("economic")) {
		t.Errorf("no context in the file:\n%s", got)
	}
}
