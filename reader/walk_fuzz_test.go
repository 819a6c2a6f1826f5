package reader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzWalk lays out a folder tree from the input, one file a line as
// "PATH|CONTENT" (PATH's folders made as needed), and reads it: no panic,
// every document's id unique and the same on a second read, every
// document from a file inside the tree.
func FuzzWalk(f *testing.F) {
	f.Add("2023-01/article.txt|date 2023-01-05 Iran condemned Israel.\n2023-02/article.txt|date 2023-02-05 Israel condemned Iran.")
	f.Add("a.jsonl|{\"id\":\"x\",\"date\":\"2023-01-05\",\"text\":\"t\"}\nb/a.txt|date 2023-01-05\nid x\n\nother")
	f.Add(".hidden/a.txt|date 2023-01-05 t\nz|date 0001-01-01 t\ngold.txt|date 2023-01-05 t\ngold.jsonl|{}")
	f.Add("deep/er/still/x.html|<html><body><p>date</p></body></html>\nx.warc|WARC/1.0")
	f.Fuzz(func(t *testing.T, layout string) {
		dir := t.TempDir()
		lines := strings.Split(layout, "\n")
		if len(lines) > 16 {
			lines = lines[:16]
		}
		for _, line := range lines {
			name, content, _ := strings.Cut(line, "|")
			name = safeName(name)
			if name == "" {
				continue
			}
			path := filepath.Join(dir, name)
			if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
				continue // a file already where a folder should be
			}
			os.WriteFile(path, []byte(content), 0o644)
		}
		read := func() []string {
			var ids []string
			texts := map[string]string{}
			for d, err := range Documents([]string{dir}, Options{}) {
				if err != nil {
					continue
				}
				// The same id twice only for the same text (one page twice
				// in a crawl).
				if text, seen := texts[d.ID]; seen && text != d.Text {
					t.Fatalf("id %q given to two texts", d.ID)
				}
				texts[d.ID] = d.Text
				if !strings.HasPrefix(d.Path, dir+string(filepath.Separator)) {
					t.Fatalf("document %q from %q, outside %s", d.ID, d.Path, dir)
				}
				ids = append(ids, d.ID)
			}
			return ids
		}
		first, second := read(), read()
		if strings.Join(first, "\x00") != strings.Join(second, "\x00") {
			t.Fatalf("ids differ between two reads: %q, %q", first, second)
		}
	})
}

// safeName turns fuzz input into a relative path of at most four short
// parts, without "." or ".." parts.
func safeName(s string) string {
	var parts []string
	for _, p := range strings.Split(s, "/") {
		p = strings.Map(func(r rune) rune {
			if r == 0 || r == '\\' {
				return -1
			}
			return r
		}, p)
		if p == "" || p == "." || p == ".." || len(p) > 64 {
			continue
		}
		parts = append(parts, p)
		if len(parts) == 4 {
			break
		}
	}
	return strings.Join(parts, "/")
}
