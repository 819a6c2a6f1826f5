package dict

import (
	"fmt"
	"io"
	"sort"
)

// SkipEntry is one source entry (or part of one) that was not written,
// with the reason.
type SkipEntry struct {
	File   string
	Line   int
	Reason string
	Text   string
}

func (s SkipEntry) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", s.File, s.Line, s.Reason, s.Text)
}

// Report says what an import read, wrote and skipped.
type Report struct {
	Read    map[string]int // entries read, by dictionary kind ("actors", "agents", "verb patterns", ...)
	Written map[string]int // lines written, by output file
	Skipped map[string]int // entries not written, by reason
	Notes   map[string]int // entries written with a simplification, by what was simplified
	Skips   []SkipEntry    // every skipped entry with its file and line
}

func newReport() *Report {
	return &Report{Read: map[string]int{}, Written: map[string]int{}, Skipped: map[string]int{}, Notes: map[string]int{}}
}

func (r *Report) skip(file string, line int, reason, text string) {
	r.Skipped[reason]++
	r.Skips = append(r.Skips, SkipEntry{file, line, reason, text})
}

func (r *Report) skipEntry(s SkipEntry) { r.skip(s.File, s.Line, s.Reason, s.Text) }

// TotalSkipped is the number of skipped entries.
func (r *Report) TotalSkipped() int {
	n := 0
	for _, c := range r.Skipped {
		n += c
	}
	return n
}

// Print writes the report as aligned tables.
func (r *Report) Print(w io.Writer) {
	WriteCounts(w, "read", r.Read)
	WriteCounts(w, "written", r.Written)
	WriteCounts(w, "skipped", r.Skipped)
	WriteCounts(w, "written with a simplification", r.Notes)
}

// WriteCounts writes a titled table of counts, largest first (ties by
// name); nothing when m is empty.
func WriteCounts(w io.Writer, title string, m map[string]int) {
	if len(m) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", title)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		fmt.Fprintf(w, "  %8d  %s\n", m[k], k)
	}
}
