package webdoc

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// Meta is what a page says about itself.
type Meta struct {
	Title     string    // headline: og:title, JSON-LD headline, twitter:title or dc.title
	PageTitle string    // the <title> element, often with the site's name
	Canonical string    // absolute canonical URL: <link rel=canonical>, og:url or JSON-LD url
	SiteName  string    // outlet: og:site_name, JSON-LD publisher name or application-name
	Published time.Time // publication time, in the page's own time zone
	// DateFrom names where Published was found ("article:published_time",
	// "JSON-LD datePublished", "<time datetime>", ...).
	DateFrom string
	// DateWeak is set when the date comes from a bare <time> element of
	// the page rather than from metadata that says it is the publication
	// date: probably right, but worth a warning.
	DateWeak bool
}

// dateMetaNames are the <meta> names and properties that give an article's
// publication date, strongest first. Each is in use by some news sites:
// Open Graph, Dublin Core, Parse.ly, Sailthru, Highwire (citations), and
// the older unprefixed spellings.
var dateMetaNames = []string{
	"article:published_time", "og:article:published_time", "og:published_time",
	"article:published", "article.published", "datepublished",
	"parsely-pub-date", "sailthru.date", "cxenseparse:recs:publishtime",
	"dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
	"dc.date.created", "dcterms.created", "citation_publication_date",
	"citation_date", "pubdate", "publishdate", "publish-date", "publish_date",
	"publication_date", "original-publish-date", "date", "og:pubdate",
}

// ReadMeta reads a parsed page's metadata. base, when not nil, resolves
// relative links.
func ReadMeta(root *html.Node, base *url.URL) Meta {
	var m Meta
	metas := map[string]string{} // lower-cased name or property -> first content
	var canonical, pageTitle string
	var ld []map[string]any
	var pubTimes, times []string // <time> elements: marked as the publication date, and all
	var itemDate string          // microdata itemprop=datePublished on a non-<time> element

	var walk func(n *html.Node, inChrome bool)
	walk = func(n *html.Node, inChrome bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "meta":
				content := attr(n, "content")
				for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
					if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" && content != "" {
						if _, seen := metas[key]; !seen {
							metas[key] = content
						}
					}
				}
			case "link":
				if canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					canonical = attr(n, "href")
				}
			case "title":
				if pageTitle == "" && n.FirstChild != nil {
					pageTitle = n.FirstChild.Data
				}
			case "script":
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					ld = append(ld, jsonLD(n.FirstChild.Data)...)
				}
				return
			case "time":
				dt := attr(n, "datetime")
				if dt == "" {
					dt = textOf(n)
				}
				_, pubdate := attrOK(n, "pubdate")
				if pubdate || strings.EqualFold(attr(n, "itemprop"), "datePublished") {
					pubTimes = append(pubTimes, dt)
				} else if !inChrome && attr(n, "datetime") != "" {
					times = append(times, dt)
				}
			case "nav", "aside", "footer":
				inChrome = true
			default:
				if itemDate == "" && strings.EqualFold(attr(n, "itemprop"), "datePublished") {
					itemDate = attr(n, "content")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inChrome)
		}
	}
	walk(root, false)
	article := articleObject(ld)

	// The publication date, from the most explicit source that parses.
	try := func(from, s string, weak bool) bool {
		if m.DateFrom != "" || s == "" {
			return false
		}
		if t, ok := ParseDate(s); ok {
			m.Published, m.DateFrom, m.DateWeak = t, from, weak
			return true
		}
		return false
	}
	for _, name := range dateMetaNames {
		try(name, metas[name], false)
	}
	if article != nil {
		try("JSON-LD datePublished", str(article["datePublished"]), false)
		try("JSON-LD dateCreated", str(article["dateCreated"]), false)
	}
	for _, t := range pubTimes {
		try("<time> marked as the publication date", t, false)
	}
	try("itemprop=datePublished", itemDate, false)
	for _, t := range times {
		try("the first <time datetime> of the page", t, true)
	}

	m.Title = clean(firstOf(metas["og:title"], str(field(article, "headline")), metas["twitter:title"], metas["dc.title"]))
	m.PageTitle = clean(pageTitle)
	m.SiteName = clean(firstOf(metas["og:site_name"], str(field(field(article, "publisher"), "name")), metas["dc.publisher"], metas["application-name"]))
	for _, c := range []string{canonical, metas["og:url"], str(field(article, "url")), str(field(article, "mainEntityOfPage"))} {
		if u := absolute(c, base); u != "" {
			m.Canonical = u
			break
		}
	}
	return m
}

// jsonLD decodes a JSON-LD script into its objects, flattening top-level
// arrays and @graph lists. A script that does not decode is ignored: a
// page with broken JSON-LD still has its other metadata.
func jsonLD(s string) []map[string]any {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<![CDATA["), "]]>")
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return nil
	}
	var out []map[string]any
	var add func(v any)
	add = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				add(e)
			}
		case map[string]any:
			out = append(out, x)
			if g, ok := x["@graph"]; ok {
				add(g)
			}
		}
	}
	add(v)
	return out
}

// articleTypes are the schema.org types of a news story.
var articleTypes = regexp.MustCompile(`^(?:https?://schema\.org/)?(?:Article|NewsArticle|ReportageNews|AnalysisNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReviewNewsArticle|AskPublicNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|SocialMediaPosting|WebPage)$`)

// articleObject picks the JSON-LD object describing the article: the first
// of an article type, a WebPage only when there is no article.
func articleObject(objs []map[string]any) map[string]any {
	var page map[string]any
	for _, o := range objs {
		for _, t := range types(o["@type"]) {
			if !articleTypes.MatchString(t) {
				continue
			}
			if strings.HasSuffix(t, "WebPage") {
				if page == nil {
					page = o
				}
				continue
			}
			return o
		}
	}
	return page
}

func types(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// field returns o[key], or the first element's field when o is a list
// (publisher: [{...}]).
func field(o any, key string) any {
	switch x := o.(type) {
	case map[string]any:
		return x[key]
	case []any:
		if len(x) > 0 {
			return field(x[0], key)
		}
	}
	return nil
}

// str is a JSON-LD value as a string: a string, the first string of a
// list, or an object's @id (mainEntityOfPage: {"@id": "https://..."}).
func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		if len(x) > 0 {
			return str(x[0])
		}
	case map[string]any:
		if id, ok := x["@id"].(string); ok {
			return id
		}
	}
	return ""
}

// dateLayouts are the date spellings found in page metadata, tried in
// order. Bare day-month-year orders other than ISO are ambiguous
// (03/04/2024) and are not accepted.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.000Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"20060102",
	"20060102T150405Z0700",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"January 2, 2006 15:04 MST",
	"January 2, 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
}

// ParseDate reads a publication date as pages write it. The time keeps
// the page's own zone, so its day is the day the page gives.
func ParseDate(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil && plausible(t) {
			return t, true
		}
	}
	// Unix seconds or milliseconds (cxenseparse, some CMSs).
	if len(s) == 10 || len(s) == 13 {
		var n int64
		for _, c := range s {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			n = n*10 + int64(c-'0')
		}
		if len(s) == 13 {
			n /= 1000
		}
		if t := time.Unix(n, 0).UTC(); plausible(t) {
			return t, true
		}
	}
	return time.Time{}, false
}

// plausible rejects dates no news page was published on: zero values and
// placeholder years.
func plausible(t time.Time) bool {
	return t.Year() >= 1900 && t.Year() < 2200
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val), true
		}
	}
	return "", false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// clean collapses white space and decodes entities left encoded twice
// ("&amp;amp;" in some CMSs' metadata).
func clean(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return s
}

// absolute resolves u against base and keeps it only when it is an
// absolute http(s) URL.
func absolute(u string, base *url.URL) string {
	u = strings.TrimSpace(u)
	if u == "" {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	if base != nil {
		p = base.ResolveReference(p)
	}
	if (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	p.Fragment = ""
	return p.String()
}
