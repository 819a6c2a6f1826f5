package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-events/parley/feed/feedtest"
	"github.com/parley-events/parley/webdoc"
)

// A news site's RSS 2.0 feed: guids that are not links, relative links
// with tracking parameters, CDATA descriptions, namespaced extensions.
func TestParseRSS(t *testing.T) {
	site := feedtest.New(filepath.Join("testdata", "site"), t.Cleanup)
	site.Publish(feedtest.Stories[:2]...)
	resp, err := NewFetcher(5*time.Second).Get(context.Background(), site.RSS(), AcceptFeed, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(resp.Body, resp.URL)
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Northline News - World" || f.Link != site.URL("/world/") || len(f.Items) != 2 {
		t.Fatalf("feed %q %q with %d items", f.Title, f.Link, len(f.Items))
	}
	it := f.Items[0] // newest first
	if it.Key != "northline-sudan-army-rsf-clash-el-fasher" {
		t.Errorf("key %q: want the guid", it.Key)
	}
	if it.Link != site.URL("/world/sudan-army-rsf-clash-el-fasher/?utm_source=rss&utm_medium=feed") {
		t.Errorf("link %q: want it resolved against the feed", it.Link)
	}
	if it.Title != "Sudan's army and RSF clash near El Fasher, residents say" || !it.Published.Equal(feedtest.Stories[1].Published) {
		t.Errorf("title %q published %v", it.Title, it.Published)
	}
}

// Atom: the entry id is the key; the alternate link is the page.
func TestParseAtom(t *testing.T) {
	site := feedtest.New(filepath.Join("testdata", "site"), t.Cleanup)
	site.Publish(feedtest.Stories...)
	resp, err := NewFetcher(5*time.Second).Get(context.Background(), site.Atom(), AcceptFeed, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(resp.Body, resp.URL)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 4 {
		t.Fatalf("%d items", len(f.Items))
	}
	it := f.Items[3]
	if it.Key != "tag:northline-news.example,2024:ukraine-poland-ministers-kyiv" || it.Link != site.URL("/world/ukraine-poland-ministers-kyiv/") ||
		it.Published.Format(time.RFC3339) != "2024-06-03T14:20:00Z" {
		t.Errorf("item %+v", it)
	}
}

func TestParseErrors(t *testing.T) {
	for name, doc := range map[string]string{
		"empty":         "  ",
		"html":          "<!doctype html><html><body><h1>Service unavailable</h1></body></html>",
		"truncated rss": `<?xml version="1.0"?><rss version="2.0"><channel><title>World</title><item><title>Half`,
		"json":          `{"error": "rate limited"}`,
	} {
		if _, err := Parse([]byte(doc), "https://news.example/rss"); !errors.Is(err, ErrNotAFeed) {
			t.Errorf("%s: error %v, want ErrNotAFeed", name, err)
		}
	}
	// An item with neither id nor link is dropped; a permalink guid is
	// the link.
	f, err := Parse([]byte(`<rss version="2.0"><channel><title>T</title>
		<item><title>No id, no link</title></item>
		<item><title>Permalink</title><guid>https://news.example/a/1</guid></item>
		<item><title>Not web</title><link>mailto:desk@news.example</link><guid>x-1</guid></item>
		</channel></rss>`), "https://news.example/rss")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 2 || f.Items[0].Link != "https://news.example/a/1" || f.Items[1].Link != "" || f.Items[1].Key != "x-1" {
		t.Errorf("items %+v", f.Items)
	}
}

// recorder is a Handler that extracts pages with webdoc and keeps them in
// memory, as a store would.
type recorder struct {
	mu   sync.Mutex
	docs map[string]string // doc ID -> title
	seen []string          // item keys in the order handled
}

func (r *recorder) handle(ctx context.Context, it Item, page *Response) (string, error) {
	d, err := webdoc.Extract(page.Body, webdoc.Options{URL: page.URL, ContentType: page.ContentType, Date: it.Published})
	if err != nil {
		return "", Permanent(err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.docs == nil {
		r.docs = map[string]string{}
	}
	r.docs[d.ID] = d.Title
	r.seen = append(r.seen, it.Key)
	return d.ID, nil
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.docs)
}

func newWatcher(t *testing.T, statePath string, h Handler, feeds ...string) *Watcher {
	t.Helper()
	st, err := OpenState(context.Background(), statePath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &Watcher{
		Feeds: feeds, Fetcher: NewFetcher(2 * time.Second), State: st, Handle: h,
		Interval: time.Hour, RetryBase: 20 * time.Millisecond, MaxBackoff: 200 * time.Millisecond,
		Log: t.Logf,
	}
}

// Each item is handled once, across polls and restarts: the second poll
// gets a 304 for the unchanged feed; a story published later is the only
// page fetched by the next poll.
func TestEachItemOnce(t *testing.T) {
	site := feedtest.New(filepath.Join("testdata", "site"), t.Cleanup)
	site.Publish(feedtest.Stories[:3]...)
	statePath := filepath.Join(t.TempDir(), "watch.db")
	rec := &recorder{}
	w := newWatcher(t, statePath, rec.handle, site.RSS())
	ctx := context.Background()

	polls, err := w.Once(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p := polls[0]; p.Items != 3 || p.New != 3 || p.Stored != 3 || rec.count() != 3 {
		t.Fatalf("first poll %+v, %d documents", p, rec.count())
	}
	// Oldest first: the Japan story (03:30) before the Sudan one (07:05).
	if strings.Join(rec.seen, " ") != "northline-ukraine-poland-ministers-kyiv northline-japan-protests-china-coast-guard northline-sudan-army-rsf-clash-el-fasher" {
		t.Errorf("order %v", rec.seen)
	}
	if ua := site.UserAgents(); len(ua) != 1 || ua[0] != UserAgent {
		t.Errorf("user agents %v", ua)
	}

	// Restart: a new watcher on the same state file.
	w.State.Close()
	w = newWatcher(t, statePath, rec.handle, site.RSS())
	polls, err = w.Once(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p := polls[0]; !p.NotModified || p.New != 0 {
		t.Errorf("second poll %+v: want 304 Not Modified", p)
	}
	if site.Conditional("/world/rss.xml") != 1 {
		t.Errorf("%d conditional feed requests, want 1", site.Conditional("/world/rss.xml"))
	}
	for _, st := range feedtest.Stories[:3] {
		if n := site.Hits(feedtest.StoryPath(st.Slug)); n != 1 {
			t.Errorf("%s fetched %d times", st.Slug, n)
		}
	}

	site.Publish(feedtest.Stories[3])
	polls, err = w.Once(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p := polls[0]; p.Items != 4 || p.New != 1 || p.Stored != 1 || rec.count() != 4 {
		t.Errorf("poll after a new story %+v, %d documents", p, rec.count())
	}
	if n := site.Hits(feedtest.StoryPath(feedtest.Stories[0].Slug)); n != 1 {
		t.Errorf("an old story was fetched again (%d)", n)
	}
	counts, _ := w.State.Counts(ctx)
	if counts[StatusStored] != 4 || len(counts) != 1 {
		t.Errorf("state %v", counts)
	}

	// The same stories in the site's Atom feed: other keys, same links
	// (without the RSS tracking parameters), same documents.
	w.Feeds = []string{site.Atom()}
	if _, err := w.Once(ctx); err != nil {
		t.Fatal(err)
	}
	if rec.count() != 4 {
		t.Errorf("%d documents after reading the Atom feed, want still 4", rec.count())
	}
}

// A feed that fails (server errors, a timeout, broken XML) is reported and
// changes nothing; the next poll after it recovers reads everything.
func TestFeedOutage(t *testing.T) {
	site := feedtest.New(filepath.Join("testdata", "site"), t.Cleanup)
	site.Publish(feedtest.Stories[:2]...)
	rec := &recorder{}
	w := newWatcher(t, filepath.Join(t.TempDir(), "watch.db"), rec.handle, site.RSS())
	w.Fetcher = NewFetcher(300 * time.Millisecond)
	ctx := context.Background()
	faults := []struct {
		name  string
		fault feedtest.Fault
		check func(error) bool
	}{
		{"500", feedtest.Fault{Status: 500}, func(err error) bool {
			var he *HTTPError
			return errors.As(err, &he) && he.Status == 500 && Temporary(err)
		}},
		{"503", feedtest.Fault{Status: 503}, func(err error) bool { return Temporary(err) }},
		{"timeout", feedtest.Fault{Delay: 2 * time.Second}, func(err error) bool { return Temporary(err) }},
		{"malformed", feedtest.Fault{Body: `<?xml version="1.0"?><rss version="2.0"><channel><title>World</title><item><title>Sudan`}, func(err error) bool { return errors.Is(err, ErrNotAFeed) }},
		{"html error page", feedtest.Fault{Body: `<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>`}, func(err error) bool { return errors.Is(err, ErrNotAFeed) }},
	}
	for _, f := range faults {
		site.Fail("/world/rss.xml", f.fault)
		polls, err := w.Once(ctx)
		if err == nil || !f.check(polls[0].Err) {
			t.Errorf("%s: error %v", f.name, err)
		}
		if rec.count() != 0 {
			t.Errorf("%s: %d documents stored from a failing feed", f.name, rec.count())
		}
		if v, _ := w.State.Validators(ctx, site.RSS()); v != (Validators{}) {
			t.Errorf("%s: validators %+v kept from a failed poll", f.name, v)
		}
	}
	site.Heal("/world/rss.xml")
	if _, err := w.Once(ctx); err != nil {
		t.Fatal(err)
	}
	if rec.count() != 2 {
		t.Errorf("%d documents after recovery, want 2", rec.count())
	}
}

// Item pages that fail: a page that is no article and a missing page are
// given up at once; a page whose server errors is retried at the next
// polls (the feed is fetched in full again, not answered by a 304) until
// it works or MaxAttempts is reached.
func TestItemFailures(t *testing.T) {
	site := feedtest.New(filepath.Join("testdata", "site"), t.Cleanup)
	gone := feedtest.Story{Slug: "deleted-story", Title: "Deleted", Published: time.Date(2024, 6, 5, 1, 0, 0, 0, time.UTC)}
	report := feedtest.Story{Slug: "un-report-sudan", Title: "Full report (PDF)", Published: time.Date(2024, 6, 5, 2, 0, 0, 0, time.UTC)}
	site.Serve(feedtest.StoryPath(report.Slug), "application/pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"))
	site.Publish(feedtest.Stories[0], feedtest.Video, gone, report, feedtest.Stories[1], feedtest.Stories[2])
	sudan := feedtest.StoryPath(feedtest.Stories[1].Slug)
	japan := feedtest.StoryPath(feedtest.Stories[2].Slug)
	site.Fail(sudan, feedtest.Fault{Status: 502, Times: 2})
	site.Fail(japan, feedtest.Fault{Status: 503})
	rec := &recorder{}
	w := newWatcher(t, filepath.Join(t.TempDir(), "watch.db"), rec.handle, site.RSS())
	w.MaxAttempts = 3
	ctx := context.Background()

	p := mustPoll(t, w, ctx)
	if p.Stored != 1 || p.Failed != 3 || p.Retry != 2 {
		t.Errorf("first poll %+v: want 1 stored, video, PDF and 404 given up, 2 to retry", p)
	}
	p = mustPoll(t, w, ctx)
	if p.NotModified || p.New != 2 || p.Retry != 2 {
		t.Errorf("second poll %+v: want the two failing pages tried again", p)
	}
	p = mustPoll(t, w, ctx) // Sudan works now; Japan's third failure gives it up
	if p.Stored != 1 || p.Failed != 1 || p.Retry != 0 {
		t.Errorf("third poll %+v", p)
	}
	p = mustPoll(t, w, ctx)
	if !p.NotModified {
		t.Errorf("fourth poll %+v: every item settled, the feed should be answered 304", p)
	}
	if site.Hits(feedtest.StoryPath(feedtest.Video.Slug)) != 1 || site.Hits(feedtest.StoryPath("deleted-story")) != 1 || site.Hits(japan) != 3 {
		t.Errorf("page fetches: video %d, deleted %d, japan %d", site.Hits(feedtest.StoryPath(feedtest.Video.Slug)), site.Hits(feedtest.StoryPath("deleted-story")), site.Hits(japan))
	}
	st, _ := w.State.Item(ctx, site.RSS(), "northline-video-geneva-talks")
	if st.Status != StatusFailed || !strings.Contains(st.Error, "no article text") {
		t.Errorf("video item %+v", st)
	}
	if rec.count() != 2 {
		t.Errorf("%d documents", rec.count())
	}
	st, _ = w.State.Item(ctx, site.RSS(), "northline-un-report-sudan")
	if st.Status != StatusFailed || !strings.Contains(st.Error, "is application/pdf, not a web page") {
		t.Errorf("PDF item %+v", st)
	}
}

func mustPoll(t *testing.T, w *Watcher, ctx context.Context) Poll {
	t.Helper()
	polls, err := w.Once(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return polls[0]
}

// Run keeps polling: it survives an outage with growing, jittered waits,
// picks up stories published while it runs, and stops cleanly.
func TestRun(t *testing.T) {
	site := feedtest.New(filepath.Join("testdata", "site"), t.Cleanup)
	site.Publish(feedtest.Stories[0])
	site.Fail("/world/rss.xml", feedtest.Fault{Status: 500, Times: 4})
	rec := &recorder{}
	w := newWatcher(t, filepath.Join(t.TempDir(), "watch.db"), rec.handle, site.RSS())
	w.Interval = 30 * time.Millisecond
	w.RetryBase = 40 * time.Millisecond
	w.MaxBackoff = 400 * time.Millisecond

	var mu sync.Mutex
	var failures []time.Time
	w.Log = func(format string, args ...any) {
		if strings.Contains(format, "failure %d") {
			mu.Lock()
			failures = append(failures, time.Now())
			mu.Unlock()
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()

	waitFor(t, "the first story after the outage", func() bool { return rec.count() == 1 })
	mu.Lock()
	if len(failures) != 4 {
		t.Errorf("%d failures logged, want 4", len(failures))
	}
	// Backoff: waits of [20,40), [40,80), [80,160) ms after failures 1-3.
	for i := 1; i < len(failures); i++ {
		gap := failures[i].Sub(failures[i-1])
		low := time.Duration(20<<(i-1)) * time.Millisecond
		if gap < low {
			t.Errorf("wait after failure %d: %v, want at least %v", i, gap, low)
		}
	}
	mu.Unlock()

	site.Publish(feedtest.Stories[1], feedtest.Stories[2])
	waitFor(t, "stories published while running", func() bool { return rec.count() == 3 })
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop after cancel")
	}
	for _, st := range feedtest.Stories[:3] {
		if n := site.Hits(feedtest.StoryPath(st.Slug)); n != 1 {
			t.Errorf("%s fetched %d times", st.Slug, n)
		}
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestBackoff(t *testing.T) {
	w := &Watcher{RetryBase: time.Second, MaxBackoff: 30 * time.Second}
	for n, full := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 5: 16 * time.Second, 6: 30 * time.Second, 40: 30 * time.Second} {
		seen := map[time.Duration]bool{}
		for range 50 {
			d := w.Backoff(n)
			if d < full/2 || d >= full {
				t.Errorf("Backoff(%d) = %v, want in [%v, %v)", n, d, full/2, full)
			}
			seen[d] = true
		}
		if len(seen) < 10 {
			t.Errorf("Backoff(%d): only %d distinct waits in 50: no jitter", n, len(seen))
		}
	}
}

func TestFetcher(t *testing.T) {
	var lastAccept string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lastAccept = r.Header.Get("Accept")
		switch r.URL.Path {
		case "/moved":
			http.Redirect(w, r, "/page", http.StatusMovedPermanently)
		case "/page":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<!doctype html><p>hello</p>")
		case "/big":
			w.Write(make([]byte, 2048))
		case "/busy":
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTooManyRequests)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	f := NewFetcher(2 * time.Second)
	f.MaxBytes = 1024
	ctx := context.Background()
	r, err := f.Get(ctx, srv.URL+"/moved", AcceptHTML, Validators{})
	if err != nil || r.URL != srv.URL+"/page" || string(r.Body) != "<!doctype html><p>hello</p>" || lastAccept != AcceptHTML {
		t.Errorf("redirect: %v %+v", err, r)
	}
	if _, err := f.Get(ctx, srv.URL+"/big", AcceptHTML, Validators{}); !errors.Is(err, ErrTooLarge) || Temporary(err) {
		t.Errorf("big: %v", err)
	}
	_, err = f.Get(ctx, srv.URL+"/busy", AcceptHTML, Validators{})
	var he *HTTPError
	if !errors.As(err, &he) || he.RetryAfter != 2*time.Minute || !Temporary(err) {
		t.Errorf("busy: %v", err)
	}
	if _, err := f.Get(ctx, srv.URL+"/missing", AcceptHTML, Validators{}); err == nil || Temporary(err) {
		t.Errorf("404 should be permanent: %v", err)
	}
	if _, err := f.Get(ctx, srv.URL+"/loop", AcceptHTML, Validators{}); err == nil || !strings.Contains(err.Error(), "redirects") {
		t.Errorf("redirect loop: %v", err)
	}
	if _, err := f.Get(ctx, "file:///etc/passwd", AcceptHTML, Validators{}); err == nil {
		t.Error("file: URL fetched")
	}
	// A closed port: a network error, temporary.
	closed := httptest.NewServer(http.NotFoundHandler())
	addr := closed.URL
	closed.Close()
	if _, err := f.Get(ctx, addr, AcceptFeed, Validators{}); err == nil || !Temporary(err) {
		t.Errorf("closed port: %v", err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 6, 5, 12, 0, 0, 0, time.UTC)
	for h, want := range map[string]time.Duration{
		"":                              0,
		"30":                            30 * time.Second,
		"Wed, 05 Jun 2024 12:05:00 GMT": 5 * time.Minute,
		"Wed, 05 Jun 2024 11:00:00 GMT": 0,
		"soon":                          0,
	} {
		if got := retryAfter(h, now); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", h, got, want)
		}
	}
}
