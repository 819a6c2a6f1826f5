package reader

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestIDsFromRelativePaths: two articles of one name in two subfolders
// get distinct ids, the same on every read; a file at the top of the
// folder, or named alone, keeps its base name (gold NAME.jsonl matches
// DIR/NAME.txt).
func TestIDsFromRelativePaths(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"2023-01", "2023-02"} {
		os.Mkdir(filepath.Join(dir, sub), 0o755)
		write(t, filepath.Join(dir, sub), "article.txt", "date 2023-01-05\n\nIran condemned Israel in "+sub+".\n")
	}
	write(t, dir, "top.txt", "date 2023-01-05\n\nIran condemned Israel.\n")
	write(t, filepath.Join(dir, "2023-02"), "feed.jsonl", `{"date":"2023-02-01","text":"Iran condemned Israel."}`+"\n")
	var want = []string{"2023-01/article", "2023-02/article", "2023-02/feed:1", "top"}
	for range 2 {
		docs, errs := collect(t, []string{dir}, Options{})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		var ids []string
		for _, d := range docs {
			ids = append(ids, d.ID)
		}
		if strings.Join(ids, " ") != strings.Join(want, " ") {
			t.Errorf("ids %q, want %q", ids, want)
		}
	}
	docs, _ := collect(t, []string{filepath.Join(dir, "2023-01", "article.txt")}, Options{})
	if len(docs) != 1 || docs[0].ID != "article" {
		t.Errorf("a file named alone: %+v, want id article", docs)
	}
}

// TestIDCollisionNamesBothFiles: two files named as arguments with one
// base name, or two records with one id, are one document and an error
// naming both; the same page twice (same id, same text) is no collision.
func TestIDCollisionNamesBothFiles(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "a"), 0o755)
	os.Mkdir(filepath.Join(dir, "b"), 0o755)
	a := write(t, filepath.Join(dir, "a"), "article.txt", "date 2023-01-05\n\nIran condemned Israel.\n")
	b := write(t, filepath.Join(dir, "b"), "article.txt", "date 2023-01-05\n\nIsrael condemned Iran.\n")
	docs, errs := collect(t, []string{a, b}, Options{})
	if len(docs) != 1 || len(errs) != 1 || !strings.Contains(errs[0].Error(), b+`: document id "article" is already that of `+a) {
		t.Errorf("docs %d, errors %v; want one document and an error naming %s and %s", len(docs), errs, a, b)
	}
	recs := write(t, dir, "feed.jsonl", `{"id":"x1","date":"2023-01-05","text":"Iran condemned Israel."}`+"\n"+
		`{"id":"x1","date":"2023-01-05","text":"Israel condemned Iran."}`+"\n"+
		`{"id":"x1","date":"2023-01-05","text":"Iran condemned Israel."}`+"\n")
	docs, errs = collect(t, []string{recs}, Options{})
	if len(docs) != 2 || len(errs) != 1 || !strings.Contains(errs[0].Error(), recs+`:2: document id "x1" is already that of `+recs+":1") {
		t.Errorf("docs %d, errors %v; want the first and third record and an error for line 2 naming line 1", len(docs), errs)
	}
}

// TestUnreadableEntryReadsTheRest: a folder entry whose path is longer
// than the system allows (a deep tree of long names) is reported, and the
// articles beside it are still read.
func TestUnreadableEntryReadsTheRest(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "date 2023-01-05\n\nIran condemned Israel.\n")
	write(t, dir, "z.txt", "date 2023-01-05\n\nIsrael condemned Iran.\n")
	// Build deep/xxx.../xxx.../... past PATH_MAX one folder at a time,
	// each step relative to an open folder (as mkdirat would).
	name := strings.Repeat("x", 250)
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	for depth := 0; depth < 20; depth++ {
		if err := syscall.Mkdirat(fd, name, 0o755); err != nil {
			t.Fatal(err)
		}
		next, err := syscall.Openat(fd, name, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
		syscall.Close(fd)
		if err != nil {
			t.Fatal(err)
		}
		fd = next
	}
	syscall.Close(fd)
	docs, errs := collect(t, []string{dir}, Options{})
	if len(docs) != 2 {
		t.Errorf("%d documents read, want a.txt and z.txt", len(docs))
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "not read") || !strings.Contains(errs[0].Error(), "file name too long") {
		t.Errorf("errors %v; want the entry past PATH_MAX reported", errs)
	}
	t.Cleanup(func() { removeDeep(dir) })
}

// removeDeep removes a tree too deep for os.RemoveAll's paths: it walks
// down by relative names.
func removeDeep(dir string) {
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(dir)
	var depth int
	for {
		ents, _ := os.ReadDir(".")
		if len(ents) == 0 || !ents[0].IsDir() {
			break
		}
		for _, e := range ents {
			if e.IsDir() {
				os.Chdir(e.Name())
				depth++
				break
			}
		}
	}
	for ; depth > 0; depth-- {
		os.Chdir("..")
		ents, _ := os.ReadDir(".")
		for _, e := range ents {
			if e.IsDir() {
				os.Remove(e.Name())
			}
		}
	}
}
