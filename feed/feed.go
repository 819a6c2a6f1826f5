// Package feed follows news feeds: it parses RSS and Atom (with gofeed),
// fetches feeds and article pages over HTTP politely (timeouts, size
// limits, a User-Agent, conditional requests), remembers in a small state
// database which items it has handled, and polls feeds on an interval with
// exponential backoff and jitter when a feed fails. What is done with a new
// item's page (extracting, coding and storing it) is the caller's Handler:
// `parley watch` plugs in the reader, the coder and the store.
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// Feed is a parsed RSS or Atom feed.
type Feed struct {
	Title string
	Link  string // the site the feed belongs to
	Items []Item // in the feed's order (usually newest first)
}

// Item is one entry of a feed.
type Item struct {
	// Key identifies the item within its feed: the RSS guid or Atom id,
	// else the link. It is what the state remembers.
	Key       string
	Link      string    // absolute URL of the article page ("" if none)
	Title     string    // as the feed gives it
	Published time.Time // the item's date (published, else updated); zero if none
}

// ErrNotAFeed is returned for a document that is neither RSS nor Atom (an
// HTML error page served with status 200, a truncated download).
var ErrNotAFeed = errors.New("not an RSS or Atom feed")

// Parse reads an RSS (0.9x, 1.0, 2.0), Atom or JSON feed. base, the
// feed's own URL, resolves relative item links.
func Parse(data []byte, base string) (*Feed, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%w: empty document", ErrNotAFeed)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotAFeed, err)
	}
	if f.FeedType == "json" && f.FeedVersion == "" {
		// Any JSON object parses as a JSON Feed; a real one names its version.
		return nil, fmt.Errorf("%w: JSON without a JSON Feed version", ErrNotAFeed)
	}
	baseURL, _ := url.Parse(base)
	out := &Feed{Title: strings.TrimSpace(f.Title), Link: resolve(baseURL, f.Link)}
	for _, it := range f.Items {
		item := Item{Title: strings.Join(strings.Fields(it.Title), " ")}
		link := it.Link
		if link == "" {
			link = firstNonEmpty(it.Links)
		}
		if link == "" && isURL(it.GUID) {
			link = it.GUID // RSS <guid isPermaLink="true">
		}
		item.Link = resolve(baseURL, link)
		item.Key = strings.TrimSpace(it.GUID)
		if item.Key == "" {
			item.Key = item.Link
		}
		switch {
		case it.PublishedParsed != nil:
			item.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			item.Published = *it.UpdatedParsed
		case it.DublinCoreExt != nil && len(it.DublinCoreExt.Date) > 0:
			if t, err := time.Parse(time.RFC3339, it.DublinCoreExt.Date[0]); err == nil {
				item.Published = t
			}
		}
		if item.Key == "" {
			continue // neither id nor link: nothing to fetch or remember
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}

func firstNonEmpty(ss []string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

func isURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// resolve makes link absolute against base; it returns "" for links that
// are not http(s).
func resolve(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}
