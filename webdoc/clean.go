package webdoc

import (
	_ "embed"
	"strings"

	"golang.org/x/net/html"

	"github.com/parley-events/parley/wordlist"
)

//go:embed boilerplate.tsv
var boilerplateTSV string

// boilerplate holds the lines of boilerplate.tsv, normalised.
var boilerplate = func() map[string]bool {
	m := map[string]bool{}
	err := wordlist.Rows("webdoc/boilerplate.tsv", strings.NewReader(boilerplateTSV), 0, func(_ int, f []string) error {
		m[normLine(strings.Join(f, "\t"))] = true
		return nil
	})
	if err != nil {
		panic(err) // the embedded list is read by the package tests
	}
	return m
}()

// normLine lower-cases a paragraph, collapses its white space and drops
// trailing punctuation, for comparison with the boilerplate list.
func normLine(s string) string {
	s = strings.ToLower(strings.Join(strings.FieldsFunc(s, isSpace), " "))
	return strings.TrimRight(s, " .:!»›→")
}

// isBoilerplate says whether a paragraph is a known page label.
func isBoilerplate(p string) bool {
	return len(p) < 60 && boilerplate[normLine(p)]
}

// removeAds deletes advertising slots from the page before the article is
// looked for: elements whose class or id names an ad (the "ad", "ads",
// "advert…" classes sites give them, Google's "adsbygoogle" and "div-gpt-ad"
// slots). Readability scores them low but keeps their labels when they sit
// between the story's paragraphs.
func removeAds(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && isAdSlot(c) {
			n.RemoveChild(c)
		} else {
			removeAds(c)
		}
		c = next
	}
}

func isAdSlot(n *html.Node) bool {
	if n.Data == "body" || n.Data == "html" || n.Data == "article" || n.Data == "main" {
		return false // a page whose body carries an "ads" class is still a page
	}
	for _, tok := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		if adName(tok) {
			return true
		}
	}
	id := strings.ToLower(attr(n, "id"))
	return strings.HasPrefix(id, "div-gpt-ad") || strings.HasPrefix(id, "google_ads") || adName(id)
}

// adName recognises a class or id naming an ad slot: "ad", "ads",
// "ad-slot", "inline-ad", "advert", "advertisement", "adsbygoogle",
// but not "add", "admin", "header" or "shadow".
func adName(tok string) bool {
	switch tok {
	case "ad", "ads", "advert", "adverts", "advertisement", "adsbygoogle", "ad-container", "dfp":
		return true
	}
	for _, pre := range []string{"ad-", "ads-", "ad_", "ads_", "advert", "dfp-", "gpt-ad"} {
		if strings.HasPrefix(tok, pre) {
			return true
		}
	}
	for _, suf := range []string{"-ad", "-ads", "_ad", "_ads", "-advert", "-advertisement"} {
		if strings.HasSuffix(tok, suf) {
			return true
		}
	}
	return false
}
