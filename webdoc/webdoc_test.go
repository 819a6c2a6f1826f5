package webdoc

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

func readPage(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A wire story inside a news site's page: the text is the six story
// paragraphs and nothing of the navigation, cookie banner, advertising,
// share bar, photo caption, inline "Read more" box, related stories,
// newsletter box or footer.
func TestWireStoryPage(t *testing.T) {
	d, err := Extract(readPage(t, "wire.html"), Options{URL: "https://www.northline-news.example/world/europe/armenia-azerbaijan-ministers-meet-geneva-2024-03-14/?utm_source=rss"})
	if err != nil {
		t.Fatal(err)
	}
	wantURL := "https://www.northline-news.example/world/europe/armenia-azerbaijan-ministers-meet-geneva-2024-03-14/"
	if d.URL != wantURL || d.ID != wantURL {
		t.Errorf("URL %q, ID %q: want the canonical %q", d.URL, d.ID, wantURL)
	}
	if d.Title != "Armenia, Azerbaijan foreign ministers meet in Geneva, agree to resume border talks" {
		t.Errorf("title %q", d.Title)
	}
	if d.Source != "Northline News" {
		t.Errorf("source %q", d.Source)
	}
	if d.Day() != "2024-03-14" {
		t.Errorf("date %s", d.Day())
	}
	if len(d.Warnings) != 0 {
		t.Errorf("warnings %v", d.Warnings)
	}
	paras := strings.Split(d.Text, "\n\n")
	if len(paras) != 6 {
		t.Fatalf("%d paragraphs, want 6:\n%s", len(paras), d.Text)
	}
	if !strings.HasPrefix(paras[0], "GENEVA, March 14 (Northline) - The foreign ministers of Armenia and Azerbaijan met in Geneva on Thursday") {
		t.Errorf("first paragraph %q", paras[0])
	}
	if paras[2] != `"The sides agreed that the border commissions will meet again before the end of April," the statement said. It gave no details of the disputed sections of the frontier, where soldiers from the two countries have exchanged fire several times in the past year.` {
		t.Errorf("third paragraph %q", paras[2])
	}
	if !strings.HasPrefix(paras[5], "Reporting by Lena Hartmann") {
		t.Errorf("last paragraph %q", paras[5])
	}
	for _, junk := range []string{"cookies", "Accept all", "Business", "Advertisement", "Share on X", "Copy link",
		"NORTHLINE/Pierre Albouy", "Read more", "EU extends monitoring mission", "Iran, IAEA", "newsletter",
		"Sign up", "All rights reserved", "Trust Principles", "By Lena Hartmann", "5:42 PM"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("text keeps page furniture %q", junk)
		}
	}
}

// A WordPress page dated only by JSON-LD: the NewsArticle's date, not the
// WebSite's or the WebPage's; the day is the page's own (21:40 in Nairobi
// is still November 2 there); a broken second JSON-LD script is ignored;
// comments, tags, share buttons and the "Most Read" widget are not text.
func TestJSONLDPage(t *testing.T) {
	d, err := Extract(readPage(t, "jsonld.html"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Day() != "2023-11-02" {
		t.Errorf("date %s, want the NewsArticle's 2023-11-02", d.Day())
	}
	if d.Title != "Kenya, Somalia agree to reopen border crossing at Mandera" {
		t.Errorf("title %q", d.Title)
	}
	if d.Source != "The Coastal Herald" {
		t.Errorf("source %q", d.Source)
	}
	if d.URL != "https://coastalherald.example/news/2023/11/02/kenya-somalia-mandera-border/" {
		t.Errorf("url %q", d.URL)
	}
	if !strings.HasPrefix(d.Text, "NAIROBI, Nov 2 – Kenya and Somalia have agreed") {
		t.Errorf("text starts %q (the 'Posted on' line should be gone)", d.Text[:min(80, len(d.Text))])
	}
	if !strings.HasSuffix(d.Text, "would share intelligence with Kenyan security agencies.") {
		t.Errorf("text ends %q", d.Text[max(0, len(d.Text)-80):])
	}
	if n := len(strings.Split(d.Text, "\n\n")); n != 5 {
		t.Errorf("%d paragraphs, want 5", n)
	}
	for _, junk := range []string{"Long overdue", "Most Read", "EPRA", "Share this", "WhatsApp", "Tags:", "Powered by WordPress", "E-Paper"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("text keeps %q", junk)
		}
	}
}

// A ministry statement with no date anywhere: an error the caller can
// recognise, or, with a default date, that date and a warning.
func TestPageWithoutDate(t *testing.T) {
	page := readPage(t, "nodate.html")
	_, err := Extract(page, Options{URL: "https://mfa.example/en/press/statements/mozambique"})
	if !errors.Is(err, ErrNoDate) {
		t.Fatalf("error %v, want ErrNoDate", err)
	}
	d, err := Extract(page, Options{URL: "https://mfa.example/en/press/statements/mozambique", Date: time.Date(2024, 5, 11, 15, 30, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if d.Day() != "2024-05-11" || d.Date.Hour() != 0 {
		t.Errorf("date %v", d.Date)
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "no publication date") {
		t.Errorf("warnings %v", d.Warnings)
	}
	if d.Source != "Ministry of Foreign Affairs" {
		t.Errorf("source %q (from application-name)", d.Source)
	}
	if d.URL != "https://mfa.example/en/press/statements/mozambique" {
		t.Errorf("url %q: want the page's address when it names no canonical URL", d.URL)
	}
	if d.Title != "Statement by the Spokesperson on the situation in northern Mozambique" {
		t.Errorf("title %q", d.Title)
	}
	if !strings.HasPrefix(d.Text, "The Ministry of Foreign Affairs condemns") || strings.Contains(d.Text, "Consular") {
		t.Errorf("text %q", d.Text)
	}
}

// A section front lists other stories' headlines: no article.
func TestSectionFrontHasNoText(t *testing.T) {
	_, err := Extract(readPage(t, "section.html"), Options{})
	if !errors.Is(err, ErrNoText) {
		t.Fatalf("error %v, want ErrNoText", err)
	}
	for _, page := range []string{"<html><body><p>Loading…</p></body></html>", "<!doctype html><title>x</title>", "just some words, not a page"} {
		if _, err := Extract([]byte(page), Options{Date: time.Now()}); !errors.Is(err, ErrNoText) {
			t.Errorf("%q: error %v, want ErrNoText", page, err)
		}
	}
	if _, err := Extract([]byte("  \n"), Options{}); err == nil || !strings.Contains(err.Error(), "empty page") {
		t.Errorf("empty page: %v", err)
	}
}

// An old table-layout page in windows-1252, declared by http-equiv, dated
// and titled by Dublin Core.
func TestLegacyCharsetPage(t *testing.T) {
	d, err := Extract(readPage(t, "latin1.html"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Swiss police detain protesters outside Zürich bank" || d.Source != "Alpine Courier" || d.Day() != "2022-06-09" {
		t.Errorf("title %q source %q date %s", d.Title, d.Source, d.Day())
	}
	if !strings.HasPrefix(d.Text, "ZÜRICH – Police in Zürich detained 23 climate activists") {
		t.Errorf("text %q", d.Text[:min(100, len(d.Text))])
	}
	if !strings.Contains(d.Text, "“We warned the group several times that the blockade was not authorised,” the spokesman") || !strings.Contains(d.Text, "A café owner") {
		t.Errorf("windows-1252 quotes or accents lost:\n%s", d.Text)
	}
	if strings.Contains(d.Text, "Archive") || strings.Contains(d.Text, "By our correspondent") {
		t.Errorf("furniture kept:\n%s", d.Text)
	}
	// The Content-Type header decides when the page declares nothing.
	page := strings.Replace(string(readPage(t, "latin1.html")), `<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">`, "", 1)
	d, err = Extract([]byte(page), Options{ContentType: "text/html; charset=windows-1252"})
	if err != nil || !strings.Contains(d.Text, "A café owner") {
		t.Errorf("charset from Content-Type: %v", err)
	}
}

func meta(t *testing.T, head, body string) Meta {
	t.Helper()
	root, err := html.Parse(strings.NewReader("<!doctype html><html><head>" + head + "</head><body>" + body + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://news.example/politics/story.html")
	return ReadMeta(root, base)
}

// Each way pages state their publication date, and which wins.
func TestPublicationDateSources(t *testing.T) {
	cases := []struct {
		name, head, body string
		day, from        string
		weak             bool
	}{
		{"open graph", `<meta property="article:published_time" content="2021-07-01T06:00:00+09:00">`, ``, "2021-07-01", "article:published_time", false},
		{"itemprop meta", `<meta itemprop="datePublished" content="2020-02-29">`, ``, "2020-02-29", "datepublished", false},
		{"dublin core", `<meta name="DC.date" content="2019-12-31">`, ``, "2019-12-31", "dc.date", false},
		{"dcterms", `<meta name="dcterms.issued" content="2018-04-05T10:00:00Z">`, ``, "2018-04-05", "dcterms.issued", false},
		{"parsely", `<meta name="parsely-pub-date" content="2022-10-09T23:59:00Z">`, ``, "2022-10-09", "parsely-pub-date", false},
		{"sailthru", `<meta name="sailthru.date" content="2017-08-21 14:02:10 -0400">`, ``, "2017-08-21", "sailthru.date", false},
		{"unix milliseconds", `<meta name="cXenseParse:recs:publishtime" content="1700000000000">`, ``, "2023-11-14", "cxenseparse:recs:publishtime", false},
		{"rfc 1123", `<meta name="pubdate" content="Tue, 10 Jan 2023 08:15:00 GMT">`, ``, "2023-01-10", "pubdate", false},
		{"written out", `<meta name="date" content="March 5, 2015">`, ``, "2015-03-05", "date", false},
		{"json-ld list", `<script type="application/ld+json">[{"@type":"Organization","name":"X"},{"@type":"ReportageNews","datePublished":"2016-06-23T22:10:00+01:00"}]</script>`, ``, "2016-06-23", "JSON-LD datePublished", false},
		{"time pubdate", ``, `<article><time pubdate datetime="2014-02-03T10:00">Feb 3</time></article>`, "2014-02-03", "<time> marked as the publication date", false},
		{"time itemprop", ``, `<p>Posted <time itemprop="datePublished" datetime="2013-09-09">9 Sep</time></p>`, "2013-09-09", "<time> marked as the publication date", false},
		{"microdata span", ``, `<span itemprop="datePublished" content="2012-01-15">15 January</span>`, "2012-01-15", "itemprop=datePublished", false},
		{"bare time is weak", ``, `<nav><time datetime="2030-01-01">Today</time></nav><article><time datetime="2011-11-11T11:11:11Z">Nov 11</time></article>`, "2011-11-11", "the first <time datetime> of the page", true},
		{"metadata beats json-ld", `<meta property="article:published_time" content="2021-01-02"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-01-03"}</script>`, ``, "2021-01-02", "article:published_time", false},
		{"unparseable skipped", `<meta property="article:published_time" content="yesterday"><meta name="dc.date" content="2010-10-10">`, ``, "2010-10-10", "dc.date", false},
		{"ambiguous refused", `<meta name="date" content="03/04/2024">`, ``, "", "", false},
		{"modified is not published", `<meta property="article:modified_time" content="2024-01-01">`, ``, "", "", false},
		{"time in footer ignored", ``, `<footer><time datetime="2024-01-01">©</time></footer>`, "", "", false},
	}
	for _, c := range cases {
		m := meta(t, c.head, c.body)
		day := ""
		if !m.Published.IsZero() {
			day = m.Published.Format("2006-01-02")
		}
		if day != c.day || m.DateFrom != c.from || m.DateWeak != c.weak {
			t.Errorf("%s: got %q from %q (weak %v), want %q from %q (weak %v)", c.name, day, m.DateFrom, m.DateWeak, c.day, c.from, c.weak)
		}
	}
}

func TestTitleSourceAndCanonical(t *testing.T) {
	m := meta(t, `<title>Ceasefire holds - The Daily</title>
		<meta name="twitter:title" content="Twitter title">
		<meta property="og:title" content="Ceasefire holds in &amp;amp; around the city">
		<meta name="application-name" content="The Daily App">
		<meta property="og:site_name" content=" The  Daily ">
		<meta property="og:url" content="https://news.example/og-url">
		<link rel="alternate canonical" href="../world/ceasefire.html#top">`, ``)
	if m.Title != "Ceasefire holds in & around the city" {
		t.Errorf("title %q", m.Title)
	}
	if m.PageTitle != "Ceasefire holds - The Daily" {
		t.Errorf("page title %q", m.PageTitle)
	}
	if m.SiteName != "The Daily" {
		t.Errorf("site name %q", m.SiteName)
	}
	if m.Canonical != "https://news.example/world/ceasefire.html" {
		t.Errorf("canonical %q", m.Canonical)
	}
	// No <link rel=canonical>: og:url; a javascript: or relative URL
	// without a base is no URL.
	m = meta(t, `<link rel="canonical" href="javascript:void(0)"><meta property="og:url" content="https://news.example/og-url">`, ``)
	if m.Canonical != "https://news.example/og-url" {
		t.Errorf("canonical %q", m.Canonical)
	}
	root, _ := html.Parse(strings.NewReader(`<link rel="canonical" href="/relative">`))
	if m := ReadMeta(root, nil); m.Canonical != "" {
		t.Errorf("relative canonical without a base: %q", m.Canonical)
	}
}

func TestParseDate(t *testing.T) {
	good := map[string]string{
		"2024-03-14T17:42:05Z":            "2024-03-14",
		"2024-03-14T23:42:05.123-05:00":   "2024-03-14",
		"2024-03-14T01:00:00+1000":        "2024-03-14",
		"2024-03-14T17:42":                "2024-03-14",
		"2024-03-14 17:42:05":             "2024-03-14",
		" 2024-03-14 ":                    "2024-03-14",
		"2024/03/14":                      "2024-03-14",
		"20240314":                        "2024-03-14",
		"Thu, 14 Mar 2024 17:42:05 +0000": "2024-03-14",
		"14 March 2024":                   "2024-03-14",
		"Mar. 14, 2024":                   "2024-03-14",
		"1710438125":                      "2024-03-14",
	}
	for in, want := range good {
		got, ok := ParseDate(in)
		if !ok || got.Format("2006-01-02") != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "today", "14/03/2024", "03/14/2024", "0001-01-01T00:00:00Z", "12345", "2024-13-01"} {
		if got, ok := ParseDate(bad); ok {
			t.Errorf("ParseDate(%q) = %v, want no date", bad, got)
		}
	}
}

func TestIsHTML(t *testing.T) {
	yes := []string{"<!DOCTYPE html>\n<html>", "\ufeff<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">", "  <html lang=en>", "<HTML>",
		"<!-- saved from url=(0044)https://news.example/ -->\n<html>", "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">"}
	no := []string{"date 2024-03-14\n\nGENEVA -", "{\"id\":1}", "<htmlish>", "<!-- unclosed", "<p>fragment</p>", ""}
	for _, s := range yes {
		if !IsHTML([]byte(s)) {
			t.Errorf("IsHTML(%q) = false", s)
		}
	}
	for _, s := range no {
		if IsHTML([]byte(s)) {
			t.Errorf("IsHTML(%q) = true", s)
		}
	}
}

// Paragraph breaks: block elements and double <br>; single <br>, inline
// elements and entities stay inside a paragraph.
func TestText(t *testing.T) {
	root, _ := html.Parse(strings.NewReader(`<div>First  <b>bold</b>line<br>same paragraph.<br><br>Second&nbsp;paragraph.
		<ul><li>Item one</li><li>Item <a href="#">two</a></li></ul><figure><img src=x><figcaption>Caption</figcaption></figure>
		<p style="display: none">Hidden</p><p hidden>Also hidden</p><table><tr><td>a</td><td>b</td></tr></table></div>`))
	want := "First boldline same paragraph.\n\nSecond paragraph.\n\nItem one\n\nItem two\n\na b"
	if got := Text(root); got != want {
		t.Errorf("Text:\n%q\nwant\n%q", got, want)
	}
}

func BenchmarkExtract(b *testing.B) {
	page := readPage(b, "wire.html")
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := Extract(page, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// Ad slots between a story's paragraphs, and the labels sites print as
// paragraphs of their own, are not article text.
func TestAdsAndBoilerplate(t *testing.T) {
	page := `<!doctype html><html><head><meta property="article:published_time" content="2024-02-01"></head><body class="has-ads"><article>
<p>ANKARA, Feb 1 (Northline) - Turkey's parliament approved Sweden's bid to join NATO on Thursday, removing the main obstacle to the alliance's expansion after more than a year of delays.</p>
<div class="inline-ad"><span>Sponsored</span><a href="https://ads.example/click">Buy now and save 40 percent on everything in the store today only</a></div>
<p>ADVERTISEMENT</p>
<div id="div-gpt-ad-1700000000-2"><p>Advertisement · Scroll to continue</p></div>
<p>The vote passed by 287 votes to 55, parliament's speaker said, and the protocol now goes to the president for signature.</p>
<p>Story continues below advertisement</p>
<ins class="adsbygoogle"></ins>
<p>Sweden's foreign minister welcomed the vote and said Stockholm looked forward to becoming a member of the alliance soon.</p>
</article></body></html>`
	d, err := Extract([]byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(d.Text, "\n\n")
	if len(paras) != 3 {
		t.Errorf("%d paragraphs, want the 3 of the story:\n%s", len(paras), d.Text)
	}
	for _, junk := range []string{"Buy now", "ADVERTISEMENT", "Scroll", "continues below", "Sponsored"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("text keeps %q", junk)
		}
	}
	for name, want := range map[string]bool{"ad": true, "ads": true, "ad-slot": true, "inline-ad": true, "advertisement": true,
		"advert-box": true, "adsbygoogle": true, "story_ads": true, "add": false, "admin": false, "header": false,
		"shadow": false, "lead": false, "badge": false, "thread": false, "loaded": false, "headline": false} {
		if adName(name) != want {
			t.Errorf("adName(%q) = %v", name, !want)
		}
	}
}

// Any bytes: a document or an error, never a panic, and a document always
// has text, a date and valid UTF-8.
func FuzzExtract(f *testing.F) {
	for _, name := range []string{"wire.html", "jsonld.html", "nodate.html", "section.html", "latin1.html"} {
		f.Add(readPage(f, name))
	}
	f.Add([]byte(`<html><head><script type="application/ld+json">[[[{"@graph":[{"@type":["NewsArticle"],"datePublished":1}]}]]]</script></head></html>`))
	f.Fuzz(func(t *testing.T, page []byte) {
		d, err := Extract(page, Options{URL: "https://news.example/a/b", Date: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return
		}
		if d.Text == "" || d.Date.IsZero() || !utf8.ValidString(d.Text) {
			t.Errorf("document with text %q date %v", d.Text, d.Date)
		}
	})
}
