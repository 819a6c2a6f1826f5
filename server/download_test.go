package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

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
