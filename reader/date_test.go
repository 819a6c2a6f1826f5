package reader

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestPublicationDates: each refused date says why, in every layout; a
// date at either end of the accepted range is kept.
func TestPublicationDates(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ date, want string }{
		{"1800-01-01", ""},
		{"2199-12-31", ""},
		{"2023-10-27T18:30:00+03:00", ""},
		{"0001-01-01", "publication date 0001-01-01 is outside the years 1800 to 2199"},
		{"0000-01-01", "publication date 0000-01-01 is outside the years 1800 to 2199"},
		{"9999-12-31", "publication date 9999-12-31 is outside the years 1800 to 2199"},
		{"2023-13-45", `bad date "2023-13-45": month out of range`},
		{"2023-02-30", `bad date "2023-02-30": day out of range`},
		{"27/10/2023", `bad date "27/10/2023": want YYYY-MM-DD`},
	} {
		header := write(t, dir, "h.txt", "date "+c.date+"\nsource TASS\n\nIran condemned Israel.\n")
		seed := write(t, dir, "s.txt", "date "+c.date+"\nIran condemned Israel.\n")
		records := write(t, dir, "r.jsonl", `{"id":"r","date":"`+c.date+`","text":"Iran condemned Israel."}`+"\n")
		for _, p := range []string{header, seed, records} {
			docs, errs := collect(t, []string{p}, Options{})
			switch {
			case c.want == "" && (len(errs) > 0 || len(docs) != 1 || docs[0].Date.Year() < 1800):
				t.Errorf("%s with date %s: %v %v; want it read", filepath.Base(p), c.date, docs, errs)
			case c.want != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), c.want)):
				t.Errorf("%s with date %s: errors %v; want %q", filepath.Base(p), c.date, errs, c.want)
			}
		}
	}
	// "Date palms grow ..." is a plain text, not a bad header.
	plain := write(t, dir, "p.txt", "Date palms grow in Iraq.\n")
	if _, errs := collect(t, []string{plain}, Options{}); len(errs) != 1 || !strings.Contains(errs[0].Error(), "no publication date") {
		t.Errorf("plain text starting with Date: %v", errs)
	}
}
