package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/parley-events/parley/feed/feedtest"
	"github.com/parley-events/parley/store"
)

// newsSite serves the feed package's test site: four wire stories and a
// video page, with RSS and Atom feeds, on 127.0.0.1.
func newsSite(t *testing.T) *feedtest.Site {
	return feedtest.New(filepath.Join("..", "..", "feed", "testdata", "site"), t.Cleanup)
}

func watchOnce(t *testing.T, db string, extra ...string) int {
	t.Helper()
	args := append([]string{"--db", db, "--once", "--page-delay", "0", "--quiet"}, extra...)
	return runWatch(args)
}

// parley watch --once against a local news site: every story is fetched,
// coded and stored once; a second run stores nothing and fetches no page;
// a story published later is picked up by the next run.
func TestWatchStoresEachItemOnce(t *testing.T) {
	site := newsSite(t)
	site.Publish(feedtest.Stories[:3]...)
	site.Publish(feedtest.Video)
	db := filepath.Join(t.TempDir(), "events.db")

	if code := watchOnce(t, db, site.RSS()); code != 0 {
		t.Fatalf("first run: exit %d", code)
	}
	st := storeStats(t, db)
	if st.Documents != 3 {
		t.Fatalf("%d documents stored, want 3 (the video page is no article)", st.Documents)
	}
	if st.Events == 0 {
		t.Errorf("no events coded from three wire stories")
	}
	t.Logf("first run: %d documents, %d events, %d stories", st.Documents, st.Events, st.Stories)

	s, err := store.OpenSQLite(context.Background(), db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.Document(context.Background(), site.URL("/world/sudan-army-rsf-clash-el-fasher/"))
	s.Close()
	if err != nil {
		t.Fatalf("the Sudan story is not stored under its canonical URL: %v", err)
	}
	if d.Title != "Sudan's army and RSF clash near El Fasher, residents say" || d.Source != "Northline News" || d.Date != "2024-06-04" ||
		!strings.HasPrefix(d.Text, "KHARTOUM, June 4 (Northline) - Sudan's army") || strings.Contains(d.Text, "Advertisement") {
		t.Errorf("stored document: title %q source %q date %q text %.80q", d.Title, d.Source, d.Date, d.Text)
	}

	// Again: nothing new, the feed answered 304, no page fetched again.
	if code := watchOnce(t, db, site.RSS()); code != 0 {
		t.Fatalf("second run: exit %d", code)
	}
	if st2 := storeStats(t, db); st2.Documents != 3 || st2.Events != st.Events {
		t.Errorf("second run changed the store: %+v", st2)
	}
	if site.Conditional("/world/rss.xml") != 1 {
		t.Errorf("second run: %d conditional feed requests, want 1", site.Conditional("/world/rss.xml"))
	}
	for _, story := range append(slices.Clone(feedtest.Stories[:3]), feedtest.Video) {
		if n := site.Hits(feedtest.StoryPath(story.Slug)); n != 1 {
			t.Errorf("%s fetched %d times", story.Slug, n)
		}
	}

	// A new story, and the site's Atom feed beside its RSS feed: the
	// Atom items are the same articles, stored once.
	site.Publish(feedtest.Stories[3])
	if code := watchOnce(t, db, site.RSS(), site.Atom()); code != 0 {
		t.Fatalf("third run: exit %d", code)
	}
	if st3 := storeStats(t, db); st3.Documents != 4 {
		t.Errorf("%d documents after the new story, want 4", st3.Documents)
	}
}

// Outages: a feed answering 500, one too slow for --timeout, one serving
// broken XML; each run exits 1 and stores nothing; the run after the site
// recovers stores everything. A healthy feed beside a failing one is read.
func TestWatchFeedOutage(t *testing.T) {
	site := newsSite(t)
	site.Publish(feedtest.Stories[:2]...)
	db := filepath.Join(t.TempDir(), "events.db")
	for _, f := range []feedtest.Fault{
		{Status: 500},
		{Delay: 3 * time.Second},
		{Body: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>World</title><item><title>Sudan's army`},
	} {
		site.Fail("/world/rss.xml", f)
		if code := watchOnce(t, db, "--timeout", "500ms", site.RSS()); code != 1 {
			t.Errorf("fault %+v: exit %d, want 1", f, code)
		}
		if n := storeStats(t, db).Documents; n != 0 {
			t.Errorf("fault %+v: %d documents stored", f, n)
		}
	}
	// The RSS feed still down, the Atom feed up: the Atom stories are
	// stored and the run still says a feed failed.
	if code := watchOnce(t, db, "--timeout", "500ms", site.RSS(), site.Atom()); code != 1 {
		t.Errorf("one feed down: exit %d, want 1", code)
	}
	if n := storeStats(t, db).Documents; n != 2 {
		t.Errorf("%d documents from the healthy feed, want 2", n)
	}
	site.Heal("/world/rss.xml")
	site.Publish(feedtest.Stories[2])
	if code := watchOnce(t, db, site.RSS()); code != 0 {
		t.Errorf("after recovery: exit %d", code)
	}
	if n := storeStats(t, db).Documents; n != 3 {
		t.Errorf("%d documents after recovery, want 3", n)
	}
}

func TestWatchUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"--once", "ftp://news.example/rss"}, {"--interval", "0", "https://news.example/rss"}, {"--db", "postgres://h/db", "https://news.example/rss"}} {
		if code := runWatch(args); code != 2 {
			t.Errorf("parley watch %v: exit %d, want 2", args, code)
		}
	}
}

// The watch command as a daemon: it keeps polling (a story published while
// it runs is stored), rides out a feed outage, and exits 0 on SIGTERM.
func TestWatchDaemonStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the parley binary")
	}
	bin := buildParley(t)
	site := newsSite(t)
	site.Publish(feedtest.Stories[0])
	db := filepath.Join(t.TempDir(), "events.db")
	cmd := exec.Command(bin, "watch", "--db", db, "--interval", "100ms", "--retry-base", "50ms", "--max-backoff", "200ms", "--page-delay", "0", site.RSS())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-exited
		}
	})
	waitDocs := func(n int) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for {
			if documents(db) >= n {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %d documents; log:\n%s", n, stderr.String())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitDocs(1)
	site.Fail("/world/rss.xml", feedtest.Fault{Status: 503, Times: 3})
	site.Publish(feedtest.Stories[1])
	waitDocs(2)

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit: %v; log:\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("parley watch did not stop on SIGTERM; log:\n%s", stderr.String())
	}
	log := stderr.String()
	if !strings.Contains(log, "HTTP 503") || !strings.Contains(log, "next try in") || !strings.Contains(log, "stopped") {
		t.Errorf("log does not tell the outage, the backoff and the stop:\n%s", log)
	}
	if n := documents(db); n != 2 {
		t.Errorf("%d documents, want 2", n)
	}
}

// documents counts the stored documents (0 while the store does not exist
// yet or is busy).
func documents(db string) int {
	s, err := store.OpenSQLite(context.Background(), db, store.Options{ReadOnly: true})
	if err != nil {
		return 0
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		return 0
	}
	return st.Documents
}

// writeCrawl writes a news crawl as crawlers do, with gowarc's writer: one
// gzip member per record, a request and a response per page, and an image.
func writeCrawl(t *testing.T, path string, pages map[string]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := gowarc.NewMarshaler()
	write := func(typ gowarc.RecordType, uri, contentType, block string) {
		b := gowarc.NewRecordBuilder(typ, gowarc.WithAddMissingDigest(true), gowarc.WithAddMissingRecordId(true), gowarc.WithAddMissingContentLength(true))
		b.AddWarcHeader(gowarc.WarcTargetURI, uri)
		b.AddWarcHeader(gowarc.WarcDate, "2024-06-05T08:00:00Z")
		b.AddWarcHeader(gowarc.ContentType, contentType)
		if _, err := b.WriteString(block); err != nil {
			t.Fatal(err)
		}
		rec, _, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		zw := gzip.NewWriter(f)
		if _, _, err := m.Marshal(zw, rec, 0); err != nil {
			t.Fatal(err)
		}
		zw.Close()
		rec.Close()
	}
	uris := slices.Sorted(maps.Keys(pages))
	for _, uri := range uris {
		u, _ := url.Parse(uri)
		write(gowarc.Request, uri, "application/http;msgtype=request", "GET "+u.RequestURI()+" HTTP/1.1\r\nHost: "+u.Host+"\r\n\r\n")
		write(gowarc.Response, uri, "application/http;msgtype=response",
			fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(pages[uri]), pages[uri]))
	}
	write(gowarc.Response, "https://static.northline-news.example/logo.png", "application/http;msgtype=response",
		"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 8\r\n\r\n\x89PNG\r\n\x1a\n")
}

// parley ingest and parley code read a WARC file's HTML responses as
// articles.
func TestIngestAndCodeWARC(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join("..", "..", "feed", "testdata", "site")
	pages := map[string]string{}
	for _, st := range feedtest.Stories[:3] {
		b, err := os.ReadFile(filepath.Join(site, st.Slug+".html"))
		if err != nil {
			t.Fatal(err)
		}
		pages["https://www.northline-news.example"+feedtest.StoryPath(st.Slug)] = string(b)
	}
	crawl := filepath.Join(dir, "crawl.warc.gz")
	writeCrawl(t, crawl, pages)

	db := filepath.Join(dir, "events.db")
	if code := runIngest([]string{"--db", db, "--workers", "1", crawl}); code != 0 {
		t.Fatalf("parley ingest: exit %d", code)
	}
	st := storeStats(t, db)
	if st.Documents != 3 || st.Events == 0 {
		t.Errorf("ingested %d documents, %d events; want 3 documents with events", st.Documents, st.Events)
	}

	if testing.Short() {
		return
	}
	out, err := exec.Command(buildParley(t), "code", "--format", "table", crawl).Output()
	if err != nil {
		t.Fatalf("parley code: %v", err)
	}
	for uri := range pages {
		if !bytes.Contains(out, []byte("# "+uri+" (")) {
			t.Errorf("parley code output has no events of %s:\n%s", uri, out)
		}
	}
}
