package reader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/internal/shared"
)

// collect reads paths and returns the documents and the errors.
func collect(t *testing.T, paths []string, opts Options) ([]*doc.Document, []error) {
	t.Helper()
	var docs []*doc.Document
	var errs []error
	for d, err := range Documents(paths, opts) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, d)
	}
	return docs, errs
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSeedFormat(t *testing.T) {
	p := shared.Path(t, "examples/tass-2023-10-27.txt")
	docs, errs := collect(t, []string{p}, Options{})
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("docs %d errs %v", len(docs), errs)
	}
	d := docs[0]
	if d.ID != "tass-2023-10-27" || d.Day() != "2023-10-27" || d.Source != "TASS" {
		t.Errorf("id %q day %q source %q", d.ID, d.Day(), d.Source)
	}
	if !strings.HasPrefix(d.Text, "MOSCOW, October 27.") || d.Dateline == nil || d.Dateline.Place != "Moscow" {
		t.Errorf("text %q dateline %+v", d.Text[:30], d.Dateline)
	}
	if !strings.HasPrefix(d.Text[d.Dateline.End:], "Political Deputy") {
		t.Errorf("dateline ends at %q", d.Text[d.Dateline.End:][:20])
	}
}

func TestHeaderFormat(t *testing.T) {
	p := shared.Path(t, "eval/dev/022.txt")
	docs, errs := collect(t, []string{p}, Options{})
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("docs %d errs %v", len(docs), errs)
	}
	d := docs[0]
	if d.ID != "022" || d.Day() != "2024-03-28" || !strings.HasPrefix(d.Source, "Tasnim") || !strings.HasPrefix(d.URL, "https://") {
		t.Errorf("%+v", d)
	}
	if !strings.HasPrefix(d.Text, "Hamas Chief Met") {
		t.Errorf("text starts %q", d.Text[:20])
	}
}

func TestJSONLinesAndErrors(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "batch.jsonl", `{"id":"a","date":"2024-01-02","source":"X","text":"Iran condemned the attack."}
not json
{"id":"b","text":"No date here."}
{"id":"c","date":"2024-13-40","text":"Bad date."}

{"id":"d","date":"2024-01-03T10:00:00Z","title":"T","text":"Russia and China met."}
`)
	docs, errs := collect(t, []string{p}, Options{})
	if len(docs) != 2 || docs[0].ID != "a" || docs[1].ID != "d" || docs[1].Day() != "2024-01-03" {
		t.Fatalf("docs %+v", docs)
	}
	if len(errs) != 3 {
		t.Fatalf("want 3 errors, got %v", errs)
	}
	wantLines := []int{2, 3, 4}
	for i, err := range errs {
		var re *Error
		if !errors.As(err, &re) || re.Path != p || re.Line != wantLines[i] {
			t.Errorf("error %d: %v (want line %d)", i, err, wantLines[i])
		}
	}
}

func TestPlainTextNeedsDate(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "plain.txt", "Date palms grow in Iraq. Iraq exported dates.\n")
	if _, errs := collect(t, []string{p}, Options{}); len(errs) != 1 || !strings.Contains(errs[0].Error(), "no publication date") {
		t.Fatalf("want a no-date error naming the file, got %v", errs)
	}
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	docs, errs := collect(t, []string{p}, Options{Date: day})
	if len(errs) != 0 || len(docs) != 1 || docs[0].Day() != "2024-05-01" || !strings.HasPrefix(docs[0].Text, "Date palms") {
		t.Fatalf("docs %+v errs %v", docs, errs)
	}
}

func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a-empty.txt", "  \n\n")
	write(t, dir, "b-binary.txt", "date 2024-01-01\n\x00\x01\x02ELF")
	write(t, dir, "c-utf8.txt", "date 2024-01-01\n\nIran \xff\xfe condemned Israel.")
	write(t, dir, "d-good.txt", "date 2024-01-01\n\nIran condemned Israel.")
	write(t, dir, "e-big.txt", "date 2024-01-01\n\n"+strings.Repeat("word ", 1000))
	docs, errs := collect(t, []string{dir}, Options{MaxBytes: 2000})
	if len(docs) != 2 {
		t.Fatalf("want 2 documents (utf8 repaired, good), got %d: %v", len(docs), errs)
	}
	if len(docs[0].Warnings) != 1 || !strings.Contains(docs[0].Text, "\uFFFD") {
		t.Errorf("invalid UTF-8 not repaired with a warning: %+v", docs[0])
	}
	if len(errs) != 3 {
		t.Fatalf("want 3 errors, got %v", errs)
	}
	for i, want := range []string{"a-empty.txt: empty", "b-binary.txt: binary", "e-big.txt: document larger"} {
		if !strings.Contains(errs[i].Error(), want) {
			t.Errorf("error %d = %v, want %q", i, errs[i], want)
		}
	}
}

func TestMissingPathGoesOn(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "good.txt", "date 2024-01-01\n\nIran condemned Israel.")
	docs, errs := collect(t, []string{filepath.Join(dir, "nope.txt"), good}, Options{})
	if len(docs) != 1 || len(errs) != 1 {
		t.Fatalf("docs %d errs %v", len(docs), errs)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("date 2023-10-27 MOSCOW, October 27. /TASS/. Text."))
	f.Add([]byte("date 2024-01-01\nsource X\n\nBody."))
	f.Add([]byte(`{"id":"a","date":"2024-01-02","text":"x"}`))
	f.Add([]byte("\xff\x00date"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		p := filepath.Join(dir, "f.txt")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for d, err := range Documents([]string{p}, Options{}) {
			if err == nil && (d.Text == "" || d.Date.IsZero()) {
				t.Fatalf("document without text or date: %+v", d)
			}
			if err == nil && d.Dateline != nil && d.Dateline.End > len(d.Text) {
				t.Fatalf("dateline past the text")
			}
		}
	})
}

// A folder of articles with their gold files (the shared development set:
// 001.txt beside 001.jsonl) yields the articles only; a JSON Lines file
// without a .txt twin is still read as articles.
func TestFolderSkipsGoldFiles(t *testing.T) {
	dev := shared.Path(t, "eval/dev")
	texts, _ := filepath.Glob(filepath.Join(dev, "*.txt"))
	n := 0
	for d, err := range Documents([]string{dev}, Options{}) {
		if err != nil {
			t.Fatalf("reading %s: %v", dev, err)
		}
		if filepath.Ext(d.Path) != ".txt" {
			t.Errorf("read %s as an article", d.Path)
		}
		n++
	}
	if n != len(texts) {
		t.Errorf("%d documents from %d articles", n, len(texts))
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "feed.jsonl"), []byte(`{"id":"a","date":"2024-05-10","text":"Iran condemned Israel."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	n = 0
	for _, err := range Documents([]string{dir}, Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 1 {
		t.Errorf("a lone JSON Lines file gave %d documents, want 1", n)
	}
}
