package reader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/webdoc"
)

// page returns one of webdoc's test pages (news pages written for the
// tests: a wire story, a WordPress page with JSON-LD, an undated ministry
// statement, a section front).
func page(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "webdoc", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A folder of saved pages: each .html/.htm page is one article, known by
// its canonical URL; pages without text or date are errors naming the
// file, and the text files beside them are read as before.
func TestHTMLFolder(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "geneva"), 0o755)
	os.MkdirAll(filepath.Join(dir, "nairobi"), 0o755)
	write(t, dir, "geneva/index.html", page(t, "wire.html"))
	write(t, dir, "nairobi/index.htm", page(t, "jsonld.html"))
	write(t, dir, "statement.html", page(t, "nodate.html"))
	write(t, dir, "world.html", page(t, "section.html"))
	write(t, dir, "seed.txt", "date 2024-03-15 TEHRAN (Tasnim) – Iran's foreign minister met his Omani counterpart in Muscat on Friday.")
	write(t, dir, "style.css", "body { color: red }")

	docs, errs := collect(t, []string{dir}, Options{})
	if len(docs) != 3 || len(errs) != 2 {
		t.Fatalf("%d documents, errors %v; want 3 documents and 2 errors", len(docs), errs)
	}
	byPath := map[string]*doc.Document{}
	for _, d := range docs {
		byPath[filepath.Base(filepath.Dir(d.Path))+"/"+filepath.Base(d.Path)] = d
	}
	w := byPath["geneva/index.html"]
	if w == nil {
		t.Fatalf("no document for geneva/index.html: %v", byPath)
	}
	if w.ID != "https://www.northline-news.example/world/europe/armenia-azerbaijan-ministers-meet-geneva-2024-03-14/" {
		t.Errorf("id %q: want the canonical URL", w.ID)
	}
	if w.Day() != "2024-03-14" || w.Source != "Northline News" || w.Title == "" {
		t.Errorf("day %s source %q title %q", w.Day(), w.Source, w.Title)
	}
	if w.Dateline == nil || w.Dateline.Place != "Geneva" || w.Dateline.Source != "Northline" {
		t.Errorf("dateline %+v", w.Dateline)
	}
	if k := byPath["nairobi/index.htm"]; k == nil || k.Day() != "2023-11-02" || k.Dateline == nil || k.Dateline.Place != "Nairobi" {
		t.Errorf("nairobi page: %+v", k)
	}
	if s := byPath[filepath.Base(dir)+"/seed.txt"]; s == nil || s.Source != "Tasnim" {
		t.Errorf("the seed-format text file beside the pages: %+v", s)
	}
	var noDate, noText bool
	for _, err := range errs {
		var re *Error
		if !errors.As(err, &re) {
			t.Fatalf("error %v is not a *reader.Error", err)
		}
		switch filepath.Base(re.Path) {
		case "statement.html":
			noDate = errors.Is(err, webdoc.ErrNoDate)
		case "world.html":
			noText = errors.Is(err, webdoc.ErrNoText)
		}
	}
	if !noDate || !noText {
		t.Errorf("errors %v: want statement.html without date and world.html without text", errs)
	}

	// --date dates the statement; it carries the warning.
	docs, _ = collect(t, []string{filepath.Join(dir, "statement.html")}, Options{Date: time.Date(2024, 5, 11, 0, 0, 0, 0, time.UTC)})
	if len(docs) != 1 || docs[0].Day() != "2024-05-11" || len(docs[0].Warnings) != 1 {
		t.Fatalf("dated statement: %+v", docs)
	}
	if d := docs[0]; d.ID != "statement" || d.Source != "Ministry of Foreign Affairs" {
		t.Errorf("a page without canonical URL is known by its file name: id %q source %q", d.ID, d.Source)
	}
}

// Content decides, not only the name: a page saved as .txt or read from
// standard input is still a web page.
func TestHTMLByContent(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "saved.txt", page(t, "wire.html"))
	docs, errs := collect(t, []string{p}, Options{})
	if len(errs) != 0 || len(docs) != 1 || !strings.HasPrefix(docs[0].Text, "GENEVA, March 14") {
		t.Fatalf("docs %d errs %v", len(docs), errs)
	}
	var got []*doc.Document
	readStream(strings.NewReader("\n\n"+page(t, "jsonld.html")), "-", Options{}, func(d *doc.Document, err error) bool {
		if err != nil {
			t.Error(err)
		} else {
			got = append(got, d)
		}
		return true
	})
	if len(got) != 1 || got[0].Title != "Kenya, Somalia agree to reopen border crossing at Mandera" {
		t.Errorf("stdin page: %+v", got)
	}
	// Text that merely mentions HTML is still text.
	docs, errs = collect(t, []string{write(t, dir, "note.txt", "date 2024-01-02\n\n<html> tags were discussed at the meeting in Geneva on Tuesday.")}, Options{})
	if len(errs) != 0 || len(docs) != 1 || !strings.HasPrefix(docs[0].Text, "<html> tags") {
		t.Errorf("text about HTML: %v %v", docs, errs)
	}
}

// The source, when the page names no outlet: the dateline's agency, else
// the site's host.
func TestHTMLSourceFallbacks(t *testing.T) {
	body := `<p>%s Iran's foreign minister met his Omani counterpart in Muscat on Friday to discuss regional security, shipping in the Strait of Hormuz and the stalled nuclear talks, the foreign ministry said in a statement.</p>
<p>The two ministers also discussed trade between the two countries and agreed to meet again next month in Tehran, the statement said.</p>`
	mk := func(dateline, canonical string) []byte {
		return []byte(`<!doctype html><html><head><meta property="article:published_time" content="2024-03-15T09:00:00+03:30">` + canonical +
			`</head><body><article>` + strings.Replace(body, "%s", dateline, 1) + `</article></body></html>`)
	}
	d, err := HTML(mk("TEHRAN (Tasnim) –", `<link rel="canonical" href="https://www.tasnimnews.example/en/news/2024/03/15/1">`), "", "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Source != "Tasnim" || d.Dateline == nil || d.Dateline.Place != "Tehran" {
		t.Errorf("source %q dateline %+v", d.Source, d.Dateline)
	}
	d, err = HTML(mk("", ""), "https://www.gulf-times.example/story/7/iran-oman", "text/html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Source != "gulf-times.example" || d.ID != "https://www.gulf-times.example/story/7/iran-oman" {
		t.Errorf("source %q id %q", d.Source, d.ID)
	}
}

// Page size is bounded like any document's.
func TestHTMLTooLarge(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "big.html", page(t, "wire.html"))
	_, errs := collect(t, []string{p}, Options{MaxBytes: 1000})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "larger than 1000 bytes") {
		t.Errorf("errors %v", errs)
	}
}

func TestWebReaderChoice(t *testing.T) {
	cases := []struct {
		name, head string
		want       string
	}{
		{"a.html", "", "html"},
		{"A.HTM", "plain words", "html"},
		{"crawl.warc.gz", "", "warc"},
		{"crawl.warc", "", "warc"},
		{"-", "WARC/1.1\r\n", "warc"},
		{"-", "<!DOCTYPE html>", "html"},
		{"a.txt", "date 2024-01-01 GENEVA -", ""},
		{"a.jsonl", `{"id":"x"}`, ""},
		{"a.gz", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", ""},
	}
	for _, c := range cases {
		got := webFormat([]byte(c.head), c.name)
		if got != c.want {
			t.Errorf("%s %q: %q, want %q", c.name, c.head, got, c.want)
		}
	}
}
