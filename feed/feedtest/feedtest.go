// Package feedtest serves a small news site for tests: article pages from
// a folder, an RSS 2.0 feed and an Atom feed of the stories published so
// far, with the caching headers real feeds send (ETag, Last-Modified, 304
// answers), and faults on demand (server errors, slow answers, broken XML)
// to test how a feed reader survives outages. It listens on 127.0.0.1
// only.
package feedtest

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Story is one published article.
type Story struct {
	Slug      string // page file name without .html; served at /world/SLUG/
	Title     string
	Published time.Time
}

// Fault is a way for the feed to fail, for Times requests (0: until
// cleared).
type Fault struct {
	Status int           // answer with this status (e.g. 500, 503)
	Delay  time.Duration // wait this long before answering (to hit timeouts)
	Body   string        // answer 200 with this body instead of the feed (broken XML)
	Times  int
}

// Site is the test news site.
type Site struct {
	Server *httptest.Server
	dir    string

	mu      sync.Mutex
	stories []Story // oldest first
	faults  map[string]*Fault
	files   map[string]file
	hits    map[string]int
	agents  map[string]bool
	cond    map[string]int // conditional requests per path
}

// New serves the pages of dir (SLUG.html files). cleanup (a test's
// t.Cleanup) is given the server's Close; with nil, close Server yourself.
func New(dir string, cleanup func(func())) *Site {
	s := &Site{dir: dir, faults: map[string]*Fault{}, files: map[string]file{}, hits: map[string]int{}, agents: map[string]bool{}, cond: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	if cleanup != nil {
		cleanup(s.Server.Close)
	}
	return s
}

// URL returns the absolute URL of a path on the site.
func (s *Site) URL(path string) string { return s.Server.URL + path }

// RSS and Atom are the feeds' URLs.
func (s *Site) RSS() string  { return s.URL("/world/rss.xml") }
func (s *Site) Atom() string { return s.URL("/world/atom.xml") }

// StoryPath is where a story's page is served.
func StoryPath(slug string) string { return "/world/" + slug + "/" }

// Publish adds stories to the feeds.
func (s *Site) Publish(stories ...Story) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stories = append(s.stories, stories...)
}

type file struct {
	contentType string
	body        []byte
}

// Serve answers requests for path with body, whatever the folder holds
// (a story whose link leads to a PDF, an image).
func (s *Site) Serve(path, contentType string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[path] = file{contentType, body}
}

// Fail makes requests for path fail as f says.
func (s *Site) Fail(path string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[path] = &f
}

// Heal clears the faults of path.
func (s *Site) Heal(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.faults, path)
}

// Hits returns how many requests path received.
func (s *Site) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// Conditional returns how many requests for path carried If-None-Match
// or If-Modified-Since.
func (s *Site) Conditional(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cond[path]
}

// UserAgents returns the User-Agent headers seen.
func (s *Site) UserAgents() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for a := range s.agents {
		out = append(out, a)
	}
	return out
}

func (s *Site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.agents[r.UserAgent()] = true
	if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
		s.cond[r.URL.Path]++
	}
	var fault Fault
	if f := s.faults[r.URL.Path]; f != nil {
		fault = *f
		if f.Times > 0 {
			if f.Times--; f.Times == 0 {
				delete(s.faults, r.URL.Path)
			}
		}
	}
	stories := append([]Story(nil), s.stories...)
	served, isServed := s.files[r.URL.Path]
	s.mu.Unlock()

	if fault.Delay > 0 {
		select {
		case <-time.After(fault.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if fault.Status != 0 {
		w.Header().Set("Retry-After", "0")
		http.Error(w, http.StatusText(fault.Status), fault.Status)
		return
	}
	if fault.Body != "" {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, fault.Body)
		return
	}
	switch {
	case isServed:
		w.Header().Set("Content-Type", served.contentType)
		w.Write(served.body)
	case r.URL.Path == "/world/rss.xml":
		s.serveFeed(w, r, "application/rss+xml; charset=utf-8", rss(s.Server.URL, stories), stories)
	case r.URL.Path == "/world/atom.xml":
		s.serveFeed(w, r, "application/atom+xml; charset=utf-8", atom(s.Server.URL, stories), stories)
	case strings.HasPrefix(r.URL.Path, "/world/") && strings.HasSuffix(r.URL.Path, "/"):
		slug := strings.Trim(strings.TrimPrefix(r.URL.Path, "/world/"), "/")
		if strings.ContainsAny(slug, "/.") {
			http.NotFound(w, r)
			return
		}
		page, err := os.ReadFile(filepath.Join(s.dir, slug+".html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	default:
		http.NotFound(w, r)
	}
}

// serveFeed answers with the feed, or 304 when the client's copy is
// current, as feed servers do.
func (s *Site) serveFeed(w http.ResponseWriter, r *http.Request, contentType, body string, stories []Story) {
	sum := sha1.Sum([]byte(body))
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	var last time.Time
	for _, st := range stories {
		if st.Published.After(last) {
			last = st.Published
		}
	}
	w.Header().Set("ETag", etag)
	if !last.IsZero() {
		w.Header().Set("Last-Modified", last.UTC().Format(http.TimeFormat))
	}
	w.Header().Set("Cache-Control", "max-age=60")
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		if inm == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	} else if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !last.IsZero() && !last.Truncate(time.Second).After(ims) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", contentType)
	fmt.Fprint(w, body)
}

// rss writes an RSS 2.0 feed, newest story first, as news sites do.
func rss(base string, stories []Story) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>Northline News - World</title>
<link>` + base + `/world/</link>
<atom:link href="` + base + `/world/rss.xml" rel="self" type="application/rss+xml"/>
<description>World news from Northline News</description>
<language>en-us</language>
<ttl>5</ttl>
`)
	for i := len(stories) - 1; i >= 0; i-- {
		st := stories[i]
		fmt.Fprintf(&b, `<item>
<title>%s</title>
<link>/world/%s/?utm_source=rss&amp;utm_medium=feed</link>
<guid isPermaLink="false">northline-%s</guid>
<pubDate>%s</pubDate>
<dc:creator>Northline staff</dc:creator>
<category>World</category>
<description><![CDATA[<p>%s</p>]]></description>
<media:content url="%s/img/%s.jpg" medium="image"/>
</item>
`, html.EscapeString(st.Title), st.Slug, st.Slug, st.Published.Format(time.RFC1123Z), html.EscapeString(st.Title), base, st.Slug)
	}
	b.WriteString("</channel>\n</rss>\n")
	return b.String()
}

// atom writes an Atom 1.0 feed of the same stories.
func atom(base string, stories []Story) string {
	var b strings.Builder
	updated := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, st := range stories {
		if st.Published.After(updated) {
			updated = st.Published
		}
	}
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Northline News: World</title>
<link href="` + base + `/world/" rel="alternate" type="text/html"/>
<link href="` + base + `/world/atom.xml" rel="self"/>
<id>tag:northline-news.example,2024:world</id>
<updated>` + updated.Format(time.RFC3339) + `</updated>
`)
	for i := len(stories) - 1; i >= 0; i-- {
		st := stories[i]
		fmt.Fprintf(&b, `<entry>
<title type="html">%s</title>
<link rel="alternate" type="text/html" href="%s/world/%s/"/>
<id>tag:northline-news.example,2024:%s</id>
<published>%s</published>
<updated>%s</updated>
<author><name>Northline staff</name></author>
<summary type="html">%s</summary>
</entry>
`, html.EscapeString(st.Title), base, st.Slug, st.Slug, st.Published.Format(time.RFC3339), st.Published.Format(time.RFC3339), html.EscapeString(st.Title))
	}
	b.WriteString("</feed>\n")
	return b.String()
}

// Stories are the articles of the feed package's test site
// (feed/testdata/site), with the dates their pages give.
var Stories = []Story{
	{Slug: "ukraine-poland-ministers-kyiv", Title: "Polish, Ukrainian foreign ministers meet in Kyiv, discuss grain transit", Published: time.Date(2024, 6, 3, 14, 20, 0, 0, time.UTC)},
	{Slug: "sudan-army-rsf-clash-el-fasher", Title: "Sudan's army and RSF clash near El Fasher, residents say", Published: time.Date(2024, 6, 4, 7, 5, 0, 0, time.UTC)},
	{Slug: "japan-protests-china-coast-guard", Title: "Japan protests to China over coast guard ships near disputed islands", Published: time.Date(2024, 6, 4, 3, 30, 0, 0, time.UTC)},
	{Slug: "brazil-sends-aid-bolivia-floods", Title: "Brazil sends humanitarian aid to flood-hit Bolivia", Published: time.Date(2024, 6, 5, 21, 45, 0, 0, time.UTC)},
}

// Video is a story whose page is a video player: no article text.
var Video = Story{Slug: "video-geneva-talks", Title: "Video: Geneva talks end", Published: time.Date(2024, 6, 5, 20, 0, 0, 0, time.UTC)}
