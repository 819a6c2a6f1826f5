package reader

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/webdoc"
)

// warcRecord is one record as a crawler writes it (ISO 28500, WARC/1.1).
func warcRecord(n int, typ, uri, contentType, block string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:7f6c2a9e-1b1d-4d7e-9a00-%012d>\r\nWARC-Date: 2024-03-15T06:00:%02dZ\r\n", typ, n, n%60)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", contentType, len(block), block)
	return b.Bytes()
}

// httpResponse is an HTTP/1.1 response as stored in a response record.
func httpResponse(status string, headers []string, body []byte) string {
	return "HTTP/1.1 " + status + "\r\n" + strings.Join(headers, "\r\n") + "\r\n\r\n" + string(body)
}

func gzipped(b []byte) []byte {
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

// chunked encodes body with HTTP/1.1 chunked transfer coding.
func chunked(body []byte) []byte {
	var b bytes.Buffer
	for len(body) > 0 {
		n := min(700, len(body))
		fmt.Fprintf(&b, "%x\r\n%s\r\n", n, body[:n])
		body = body[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

// crawlRecords is a small news crawl: the records a crawler writes around
// two articles, with everything that is not an article (requests, an
// image, a redirect, a 404 page, a section front, metadata, a revisit,
// a DNS lookup) and an undated ministry statement stored as a resource.
func crawlRecords(t testing.TB) [][]byte {
	wire := page(t, "wire.html")
	jsonld := page(t, "jsonld.html")
	geneva := "https://www.northline-news.example/world/europe/armenia-azerbaijan-ministers-meet-geneva-2024-03-14/?utm_source=rss"
	mandera := "https://coastalherald.example/news/2023/11/02/kenya-somalia-mandera-border/"
	return [][]byte{
		warcRecord(1, "warcinfo", "", "application/warc-fields", "software: test-crawler/1.0\r\nformat: WARC File Format 1.1\r\n"),
		warcRecord(2, "response", "dns:www.northline-news.example", "text/dns", "20240315060001\nwww.northline-news.example. 300 IN A 192.0.2.10\n"),
		warcRecord(3, "request", geneva, "application/http;msgtype=request", "GET /world/europe/armenia-azerbaijan-ministers-meet-geneva-2024-03-14/?utm_source=rss HTTP/1.1\r\nHost: www.northline-news.example\r\nUser-Agent: test-crawler/1.0\r\n\r\n"),
		warcRecord(4, "response", geneva, "Application/HTTP; msgtype=response", httpResponse("200 OK",
			[]string{"Content-Type: text/html; charset=utf-8", fmt.Sprintf("Content-Length: %d", len(wire))}, []byte(wire))),
		warcRecord(5, "response", "https://static.northline-news.example/img/2024/03/14/geneva-talks.jpg", "application/http;msgtype=response", httpResponse("200 OK",
			[]string{"Content-Type: image/jpeg", "Content-Length: 4"}, []byte("\xff\xd8\xff\xe0"))),
		warcRecord(6, "response", "http://coastalherald.example/?p=48211", "application/http;msgtype=response", httpResponse("301 Moved Permanently",
			[]string{"Location: " + mandera, "Content-Type: text/html", "Content-Length: 0"}, nil)),
		warcRecord(7, "response", mandera, "application/http;msgtype=response", httpResponse("200 OK",
			[]string{"Content-Type: text/html; charset=UTF-8", "Transfer-Encoding: chunked", "Content-Encoding: gzip", "Vary: Accept-Encoding"},
			chunked(gzipped([]byte(jsonld))))),
		warcRecord(8, "response", "https://coastalherald.example/news/2023/11/02/missing/", "application/http;msgtype=response", httpResponse("404 Not Found",
			[]string{"Content-Type: text/html"}, []byte("<!doctype html><html><body><h1>Page not found</h1></body></html>"))),
		warcRecord(9, "response", "https://www.northline-news.example/world/", "application/http;msgtype=response", httpResponse("200 OK",
			[]string{"Content-Type: text/html"}, []byte(page(t, "section.html")))),
		warcRecord(10, "metadata", geneva, "application/warc-fields", "outlink: https://www.northline-news.example/world/\r\n"),
		warcRecord(11, "revisit", mandera, "application/http;msgtype=response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"),
		// As Common Crawl stores pages: the body decoded, the original
		// encoding and length headers renamed, a stale Content-Length.
		warcRecord(13, "response", "https://www.alpine-courier.example/inland/2022/06/09/zurich-protest.html", "application/http; msgtype=response", httpResponse("200 OK",
			[]string{"Content-Type: text/html", "X-Crawler-Content-Encoding: gzip", "X-Crawler-Content-Length: 812", "Content-Length: 812"}, []byte(page(t, "latin1.html")))),
		warcRecord(12, "resource", "https://mfa.example/en/press/statements/mozambique", "text/html", page(t, "nodate.html")),
	}
}

func writeWARC(t *testing.T, path string, records [][]byte, compress bool) {
	t.Helper()
	var b bytes.Buffer
	for _, r := range records {
		if compress {
			b.Write(gzipped(r)) // one gzip member per record
		} else {
			b.Write(r)
		}
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Each HTML article of a crawl is one document (one of them stored the
// way Common Crawl stores pages); everything else passes
// silently except the section front, which is reported by record number
// and URL; the undated statement is an error without --date.
func TestWARC(t *testing.T) {
	dir := t.TempDir()
	for _, compress := range []bool{true, false} {
		name := "crawl.warc"
		if compress {
			name += ".gz"
		}
		p := filepath.Join(dir, name)
		writeWARC(t, p, crawlRecords(t), compress)
		docs, errs := collect(t, []string{p}, Options{})
		if len(docs) != 3 || len(errs) != 2 {
			t.Fatalf("%s: %d documents, errors %v; want 3 and 2", name, len(docs), errs)
		}
		g, k, z := docs[0], docs[1], docs[2]
		if g.ID != "https://www.northline-news.example/world/europe/armenia-azerbaijan-ministers-meet-geneva-2024-03-14/" || g.Path != p ||
			g.Day() != "2024-03-14" || g.Dateline == nil || g.Dateline.Place != "Geneva" {
			t.Errorf("%s: first document id %q path %q day %s dateline %+v", name, g.ID, g.Path, g.Day(), g.Dateline)
		}
		if k.Title != "Kenya, Somalia agree to reopen border crossing at Mandera" || k.Day() != "2023-11-02" ||
			!strings.HasPrefix(k.Text, "NAIROBI, Nov 2 – Kenya and Somalia") {
			t.Errorf("%s: chunked gzip page: title %q day %s", name, k.Title, k.Day())
		}
		if z.ID != "https://www.alpine-courier.example/inland/2022/06/09/zurich-protest.html" || z.Source != "Alpine Courier" ||
			z.Day() != "2022-06-09" || !strings.Contains(z.Text, "A café owner on the square said the protest had been peaceful.") {
			t.Errorf("%s: page stored as Common Crawl does: id %q source %q day %s text %q", name, z.ID, z.Source, z.Day(), z.Text)
		}
		if !errors.Is(errs[0], webdoc.ErrNoText) || !strings.Contains(errs[0].Error(), "WARC record 9 (https://www.northline-news.example/world/)") {
			t.Errorf("%s: error %v", name, errs[0])
		}
		if !errors.Is(errs[1], webdoc.ErrNoDate) || !strings.Contains(errs[1].Error(), name+": WARC record 13") {
			t.Errorf("%s: error %v", name, errs[1])
		}
	}

	// With a default date, the statement (a resource record, no canonical
	// URL) is read too, known by its target URI.
	p := filepath.Join(dir, "crawl.warc.gz")
	docs, _ := collect(t, []string{p}, Options{Date: time.Date(2024, 5, 11, 0, 0, 0, 0, time.UTC)})
	if len(docs) != 4 || docs[3].ID != "https://mfa.example/en/press/statements/mozambique" || docs[3].Day() != "2024-05-11" {
		t.Fatalf("documents %d, last %+v", len(docs), docs[len(docs)-1])
	}

	// A folder walk finds .warc.gz files; standard input is recognised
	// by content.
	docs, _ = collect(t, []string{dir}, Options{})
	if len(docs) != 6 {
		t.Errorf("folder with crawl.warc and crawl.warc.gz: %d documents, want 6", len(docs))
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	readStream(f, "-", Options{}, func(d *doc.Document, err error) bool {
		if err == nil {
			n++
		}
		return true
	})
	if n != 3 {
		t.Errorf("WARC on standard input: %d documents, want 3", n)
	}
}

// A crawl cut short (a download interrupted inside a gzip member) yields
// the articles before the break and then one error, without panicking.
func TestTruncatedWARC(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cut.warc.gz")
	recs := crawlRecords(t)
	writeWARC(t, p, recs[:7], true)
	whole, _ := os.ReadFile(p)
	os.WriteFile(p, whole[:len(whole)-200], 0o644)
	docs, errs := collect(t, []string{p}, Options{})
	if len(docs) != 1 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "WARC record 7") {
		t.Errorf("documents %d errors %v: want the Geneva article and an error at record 7", len(docs), errs)
	}

	// Garbage after a good record.
	writeWARC(t, p, recs[:4], false)
	f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("<html>a proxy's error page where the next record should be</html>")
	f.Close()
	docs, errs = collect(t, []string{p}, Options{})
	if len(docs) != 1 || len(errs) != 1 {
		t.Errorf("documents %d errors %v", len(docs), errs)
	}
}

// A page too large for MaxBytes is an error for its record only.
func TestWARCPageTooLarge(t *testing.T) {
	p := filepath.Join(t.TempDir(), "crawl.warc.gz")
	writeWARC(t, p, crawlRecords(t), true)
	docs, errs := collect(t, []string{p}, Options{MaxBytes: 7000})
	var large int
	for _, err := range errs {
		if strings.Contains(err.Error(), "larger than 7000 bytes") {
			large++
		}
	}
	if len(docs) != 2 || large != 1 {
		t.Errorf("documents %d, errors %v: want the two smaller articles and one size error", len(docs), errs)
	}
}

func BenchmarkWARC(b *testing.B) {
	recs := crawlRecords(b)
	p := filepath.Join(b.TempDir(), "crawl.warc.gz")
	var buf bytes.Buffer
	for range 20 {
		for _, r := range recs {
			buf.Write(gzipped(r))
		}
	}
	os.WriteFile(p, buf.Bytes(), 0o644)
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		for _, err := range Documents([]string{p}, Options{}) {
			_ = err
		}
	}
}
