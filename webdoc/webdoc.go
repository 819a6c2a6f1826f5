// Package webdoc turns a news web page (HTML) into a dated Document.
//
// A news page is mostly not the article: navigation, advertising, cookie
// banners, share buttons and lists of related stories surround a few
// paragraphs of text. webdoc keeps the article text (found by
// go-readability, a port of Mozilla's Readability.js, the reader view of
// Firefox) and reads what the page says about itself from its metadata:
// the headline, the publication date (Open Graph article:published_time,
// schema.org JSON-LD datePublished, <time datetime>, Dublin Core dc.date
// and the other common spellings), the canonical URL and the outlet's name.
//
// A page without article text or without a publication date is an error
// (ErrNoText, ErrNoDate), unless the caller gives a default date.
package webdoc

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/parley-events/parley/doc"
)

// ErrNoText is returned for a page with no article text: a section front,
// a video or photo page, a paywall stub, an error page.
var ErrNoText = errors.New("no article text in the page (a section front, a media page or a paywall?)")

// ErrNoDate is returned for a page whose metadata gives no publication
// date, when the caller gave no default date.
var ErrNoDate = errors.New("no publication date in the page (no article:published_time, JSON-LD datePublished, <time datetime> or dc.date): give a default date")

// MinWords is the fewest words an article text may have. Less than this is
// a teaser or a caption left over from a page that has no article.
const MinWords = 25

// Options describe where a page came from.
type Options struct {
	// URL is the address the page was fetched from. It resolves relative
	// links (a relative canonical URL) and is the document's URL when the
	// page names no canonical one.
	URL string
	// ContentType is the HTTP Content-Type header, if known: its charset
	// decodes the page when the page itself declares none.
	ContentType string
	// Date dates a page whose metadata has no publication date (a feed
	// item's date, a crawl date, or the --date flag). The document then
	// carries a warning saying so.
	Date time.Time
}

// Extract reads one HTML page into a Document: the article text, its
// headline, publication day, URL and source. The document's ID is its URL
// (canonical when the page names one); callers reading files may replace
// it. Errors wrap ErrNoText or ErrNoDate when the page lacks either.
func Extract(page []byte, opts Options) (d *doc.Document, err error) {
	// Pages are written by anyone; a page that trips a bug in the
	// extraction is an error for that page, not the end of a crawl.
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("internal error extracting the page (a bug: please report it): %v", r)
		}
	}()
	root, err := parse(page, opts.ContentType)
	if err != nil {
		return nil, err
	}
	base, _ := url.Parse(opts.URL)
	if base != nil && !base.IsAbs() {
		base = nil
	}
	meta := ReadMeta(root, base)

	// Readability rewrites the tree it reads, so it runs after the
	// metadata has been read from the untouched page.
	removeAds(root)
	parser := readability.NewParser()
	article, err := parser.ParseAndMutate(root, base)
	if err != nil {
		return nil, fmt.Errorf("extracting article text: %w", err)
	}
	d = &doc.Document{Title: meta.Title, Source: meta.SiteName, URL: meta.Canonical}
	if d.Title == "" {
		// Readability's title is the <title> without the site's name.
		d.Title = clean(firstOf(article.Title(), meta.PageTitle))
	}
	if d.Source == "" {
		d.Source = strings.TrimSpace(article.SiteName())
	}
	if d.URL == "" && base != nil {
		d.URL = base.String()
	}
	d.ID = d.URL

	if article.Node != nil {
		d.Text = dropFurniture(dropBoilerplate(Text(article.Node)))
	}
	if n := len(strings.Fields(d.Text)); n < MinWords {
		if n == 0 {
			return nil, ErrNoText
		}
		return nil, fmt.Errorf("%w: only %d words found", ErrNoText, n)
	}
	if prose(d.Text) == 0 {
		// Headlines and teasers of other stories: a section front.
		return nil, fmt.Errorf("%w: no paragraph of running text, only headlines or links", ErrNoText)
	}

	switch {
	case !meta.Published.IsZero():
		t := meta.Published
		d.Date = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		if meta.DateWeak {
			d.Warnings = append(d.Warnings, "publication date taken from "+meta.DateFrom+", not from the page's metadata")
		}
	case !opts.Date.IsZero():
		t := opts.Date
		d.Date = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		d.Warnings = append(d.Warnings, "no publication date in the page: dated "+d.Date.Format("2006-01-02")+" by the caller")
	default:
		return nil, ErrNoDate
	}
	return d, nil
}

// parse decodes the page to UTF-8 (by its BOM, its <meta charset>, the
// Content-Type header, or a guess, in that order) and parses it.
func parse(page []byte, contentType string) (*html.Node, error) {
	if len(bytes.TrimSpace(page)) == 0 {
		return nil, errors.New("empty page")
	}
	enc, name, _ := charset.DetermineEncoding(page, contentType)
	if name != "utf-8" {
		decoded, err := enc.NewDecoder().Bytes(page)
		if err != nil {
			return nil, fmt.Errorf("decoding the page from %s: %w", name, err)
		}
		page = decoded
	}
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("parsing HTML: %w", err)
	}
	return root, nil
}

// IsHTML says whether content that starts with head is an HTML page: a
// doctype or an <html> tag, after a byte-order mark, white space and
// comments.
func IsHTML(head []byte) bool {
	h := bytes.TrimLeft(head, "\ufeff \t\r\n")
	for bytes.HasPrefix(h, []byte("<!--")) {
		end := bytes.Index(h, []byte("-->"))
		if end < 0 {
			return false
		}
		h = bytes.TrimLeft(h[end+3:], " \t\r\n")
	}
	if bytes.HasPrefix(h, []byte("<?xml")) { // XHTML
		if end := bytes.Index(h, []byte("?>")); end >= 0 {
			h = bytes.TrimLeft(h[end+2:], " \t\r\n")
		}
	}
	lower := bytes.ToLower(h[:min(len(h), 16)])
	if bytes.HasPrefix(lower, []byte("<!doctype html")) {
		return true
	}
	if bytes.HasPrefix(lower, []byte("<html")) && len(lower) > 5 {
		c := lower[5]
		return c == '>' || c == ' ' || c == '\t' || c == '\r' || c == '\n'
	}
	return false
}

// proseWords is the fewest words of a paragraph of running text.
const proseWords = 10

// prose counts the paragraphs of running text: at least proseWords words,
// ending like a sentence.
func prose(text string) int {
	n := 0
	for _, p := range strings.Split(text, "\n\n") {
		if isProse(p) {
			n++
		}
	}
	return n
}

func isProse(p string) bool {
	p = strings.TrimRight(p, " \"'”’)]")
	if len(strings.Fields(p)) < proseWords || p == "" {
		return false
	}
	switch p[len(p)-1] {
	case '.', '!', '?', ':', ';':
		return true
	}
	return strings.HasSuffix(p, "…")
}

// dropFurniture removes the lines before the first paragraph of running
// text that are not sentences themselves: bylines, timestamps ("Posted on
// November 2, 2023"), kickers and standfirsts that readability kept with
// the story. The headline is already in Document.Title.
func dropFurniture(text string) string {
	paras := strings.Split(text, "\n\n")
	for i, p := range paras {
		if isProse(p) {
			return strings.Join(paras[i:], "\n\n")
		}
		if len(strings.Fields(p)) >= 2*proseWords {
			break // a long paragraph is text, however it ends
		}
	}
	return text
}

// dropBoilerplate removes paragraphs that are page labels ("Advertisement",
// "Story continues below advertisement"), listed in boilerplate.tsv.
func dropBoilerplate(text string) string {
	paras := strings.Split(text, "\n\n")
	kept := paras[:0]
	for _, p := range paras {
		if !isBoilerplate(p) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n\n")
}
