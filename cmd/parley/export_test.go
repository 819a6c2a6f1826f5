package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parley-events/parley/export"
	"github.com/parley-events/parley/internal/shared"
)

// TestExportEveryFormat ingests the seed article and a few dev articles
// with the real parley binary, exports the store in every format at both
// levels, and reads every file back: row counts must match the store and
// every TSV/CSV row must have its layout's column count.
func TestExportEveryFormat(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parley and codes articles")
	}
	dev := shared.Path(t, "eval/dev")
	files, _ := filepath.Glob(filepath.Join(dev, "*.txt"))
	if len(files) > 5 {
		files = files[:5]
	}
	bin := buildParley(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "parley.db")
	args := append([]string{"ingest", "--db", db, "../../examples/tass-2023-10-27.txt"}, files...)
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	stats := storeStats(t, db)
	if stats.Events == 0 || stats.Stories == 0 {
		t.Fatalf("ingest stored %d events and %d stories", stats.Events, stats.Stories)
	}
	want := map[string]int{"story": stats.Stories, "event": stats.Events}

	for _, level := range []string{"story", "event"} {
		for _, format := range export.Formats {
			out := filepath.Join(dir, level+"."+format)
			cmd := exec.Command(bin, "export", "--db", db, "--format", format, "--level", level, "--out", out)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("export %s %s: %v\n%s", format, level, err, msg)
			}
			n := readBack(t, format, out)
			if n != want[level] {
				t.Errorf("%s %s: read back %d rows, the store has %d", level, format, n, want[level])
			}
		}
	}
	t.Logf("%d stories and %d raw events exported and read back in %d formats", stats.Stories, stats.Events, len(export.Formats))
}

// readBack reads an export with package export's readers and returns its
// number of records.
func readBack(t *testing.T, format, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	switch format {
	case "plover":
		recs, err := export.ReadPLOVER(f)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return len(recs)
	case "parquet":
		st, _ := f.Stat()
		rows, err := export.ReadParquet(f, st.Size())
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return len(rows)
	}
	header, rows, err := export.ReadTable(f, format)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if format == "gdelt" && header != nil {
		t.Errorf("%s: GDELT files have no header unless --header is given", path)
	}
	return len(rows)
}

// TestExportFilters: the query filters select what is exported, --header
// adds GDELT's header, and a failed export leaves no file behind.
func TestExportFilters(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parley and codes an article")
	}
	bin := buildParley(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "parley.db")
	if out, err := exec.Command(bin, "ingest", "--db", db, "../../examples/tass-2023-10-27.txt").CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	run := func(args ...string) ([]byte, error) {
		cmd := exec.Command(bin, append([]string{"export", "--db", db}, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return out, &exitError{err, stderr.String()}
		}
		return out, nil
	}
	all, err := run("--format", "gdelt", "--level", "event", "--header")
	if err != nil {
		t.Fatal(err)
	}
	header, rows, err := export.ReadTable(bytes.NewReader(all), "gdelt")
	if err != nil || header == nil {
		t.Fatalf("gdelt --header: header %v, %v", header, err)
	}
	consult, err := run("--format", "gdelt", "--level", "event", "--type", "CONSULT")
	if err != nil {
		t.Fatal(err)
	}
	_, crows, err := export.ReadTable(bytes.NewReader(consult), "gdelt")
	if err != nil {
		t.Fatal(err)
	}
	root := slices.Index(export.GDELTColumns, "EventRootCode")
	n := 0
	for _, r := range rows {
		if r[root] == "04" {
			n++
		}
	}
	if len(crows) == 0 || len(crows) != n || len(crows) == len(rows) {
		t.Errorf("--type CONSULT gave %d rows; the unfiltered export has %d CONSULT (root 04) rows of %d", len(crows), n, len(rows))
	}
	for _, r := range crows {
		if r[root] != "04" {
			t.Errorf("--type CONSULT exported root code %s", r[root])
		}
	}

	out := filepath.Join(dir, "bad.csv")
	if _, err := run("--format", "csv", "--from", "2023-13-01", "--out", out); err == nil || !strings.Contains(err.Error(), "bad from date") {
		t.Errorf("bad --from: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*bad.csv*")); len(left) > 0 {
		t.Errorf("a failed export left %v", left)
	}
	if _, err := run("--format", "xlsx"); err == nil || !strings.Contains(err.Error(), "unknown --format") {
		t.Errorf("unknown format: %v", err)
	}
}

type exitError struct {
	err    error
	stderr string
}

func (e *exitError) Error() string { return e.err.Error() + ": " + e.stderr }
