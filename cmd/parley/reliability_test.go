package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/coder"
	"github.com/parley-events/parley/internal/shared"
)

// stderrOf runs f in this process and returns its exit status and what it
// wrote to standard error.
func stderrOf(t *testing.T, f func() int) (int, string) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = w
	got := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		got <- string(b)
	}()
	status := f()
	os.Stderr = saved
	w.Close()
	return status, <-got
}

// writeFiles writes files (name → content) under a new folder and
// returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// codeWithPanics makes every command code with a coder that panics on
// each decision about an event's sides, as a bug in the coder would.
func codeWithPanics(t *testing.T) {
	saved := newCoder
	newCoder = func(opts parley.Options) *parley.Coder {
		opts.Trace = func(coder.Decision) { panic("index out of range [7] with length 3") }
		return saved(opts)
	}
	t.Cleanup(func() { newCoder = saved })
}

// TestIngestSurvivesCoderPanic: a document the coder panics on is
// reported with its file, the others are stored, and the exit status is 1.
func TestIngestSurvivesCoderPanic(t *testing.T) {
	codeWithPanics(t)
	dir := writeFiles(t, map[string]string{
		"meeting.txt": "date 2024-05-10\n\nRussia's Foreign Minister Sergei Lavrov met with Chinese Foreign Minister Wang Yi in Beijing on Monday.\n",
		"weather.txt": "date 2024-05-10\n\nThe weather in Beijing was mild on Monday.\n",
	})
	db := filepath.Join(t.TempDir(), "parley.db")
	status, stderr := stderrOf(t, func() int { return runIngest([]string{"--db", db, "--workers", "1", dir}) })
	if status != 1 || !strings.Contains(stderr, "meeting.txt: internal error while coding") {
		t.Errorf("status %d, stderr:\n%s\nwant 1 and the panic reported with the file", status, stderr)
	}
	if st := storeStats(t, db); st.Documents != 1 {
		t.Errorf("%d documents stored, want the one the coder did not fail on", st.Documents)
	}
}

// TestIngestWarnsAsCodeDoes: ingest tells of invalid UTF-8 replaced in a
// document, as parley code does, and still stores it.
func TestIngestWarnsAsCodeDoes(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"broken.txt": "date 2024-05-10\n\nIran condemned Israel on Monday.\xff\n",
	})
	db := filepath.Join(t.TempDir(), "parley.db")
	status, stderr := stderrOf(t, func() int { return runIngest([]string{"--db", db, "--workers", "1", dir}) })
	if status != 0 || !strings.Contains(stderr, "broken.txt: warning: invalid UTF-8 replaced by U+FFFD") {
		t.Errorf("status %d, stderr:\n%s\nwant 0 and the warning", status, stderr)
	}
	if st := storeStats(t, db); st.Documents != 1 {
		t.Errorf("%d documents stored, want 1", st.Documents)
	}
}

// TestIngestConflictNamesTheFile: an article whose id the store already
// holds with another text is refused naming its file, not only the id.
func TestIngestConflictNamesTheFile(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"2023-01/article.txt": "date 2023-01-05\n\nIran condemned Israel.\n",
		"2023-02/article.txt": "date 2023-02-05\n\nIsrael condemned Iran.\n",
	})
	db := filepath.Join(t.TempDir(), "parley.db")
	first, second := filepath.Join(dir, "2023-01", "article.txt"), filepath.Join(dir, "2023-02", "article.txt")
	if status, stderr := stderrOf(t, func() int { return runIngest([]string{"--db", db, first}) }); status != 0 {
		t.Fatalf("first ingest: %d\n%s", status, stderr)
	}
	status, stderr := stderrOf(t, func() int { return runIngest([]string{"--db", db, second}) })
	if status != 1 || !strings.Contains(stderr, second+": store: document article: document id already stored with a different text") {
		t.Errorf("status %d, stderr:\n%s\nwant 1 and the conflict naming %s", status, stderr, second)
	}
	// Read as one tree, the two articles have ids of their own.
	db2 := filepath.Join(t.TempDir(), "parley.db")
	if status, stderr := stderrOf(t, func() int { return runIngest([]string{"--db", db2, dir}) }); status != 0 || storeStats(t, db2).Documents != 2 {
		t.Errorf("the tree: status %d, %d documents\n%s", status, storeStats(t, db2).Documents, stderr)
	}
}

// TestEvalMatchesGoldInSubfolders: an article in a subfolder of the
// documents (id 2024/001) is scored against the gold file of its name
// (001.jsonl), as when it lies at the top.
func TestEvalMatchesGoldInSubfolders(t *testing.T) {
	dev := shared.Path(t, "eval/dev")
	text, err := os.ReadFile(filepath.Join(dev, "001.txt"))
	if err != nil {
		t.Skipf("no dev article: %v", err)
	}
	gold, err := os.ReadFile(filepath.Join(dev, "001.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	golds := writeFiles(t, map[string]string{"001.jsonl": string(gold)})
	flat := writeFiles(t, map[string]string{"001.txt": string(text)})
	nested := writeFiles(t, map[string]string{"2024/001.txt": string(text)})
	var scores []string
	for _, docs := range []string{flat, nested} {
		status, out := stdoutOf(t, func() int { return runEval([]string{"--json", "--gold", golds, docs}) })
		if status != 0 {
			t.Fatalf("eval %s: status %d", docs, status)
		}
		scores = append(scores, out)
	}
	if scores[0] != scores[1] || !strings.Contains(scores[0], `"docs":1,`) {
		t.Errorf("flat %s\nnested %s\nwant the same score of one document", scores[0], scores[1])
	}
}

// stdoutOf runs f in this process and returns its exit status and what it
// wrote to standard output.
func stdoutOf(t *testing.T, f func() int) (int, string) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = w
	got := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		got <- string(b)
	}()
	status := f()
	os.Stdout = saved
	w.Close()
	return status, <-got
}
