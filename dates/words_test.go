package dates

import (
	"strings"
	"testing"
	"time"
)

func TestWordsTable(t *testing.T) {
	if len(table) < 80 {
		t.Errorf("words.tsv: %d words, want the full table", len(table))
	}
	for m := 1; m <= 12; m++ {
		name := strings.ToLower(time.Month(m).String())
		if e := table[name]; e.kind != kMonth || e.val != m || e.abbr {
			t.Errorf("%s: %+v", name, e)
		}
	}
	for w := 0; w < 7; w++ {
		name := strings.ToLower(time.Weekday(w).String())
		if e := table[name]; e.kind != kWeekday || e.val != w {
			t.Errorf("%s: %+v", name, e)
		}
	}
	for _, bad := range []string{
		"word\tkind\tvalue\nMonday\tweekday\t1\n",
		"word\tkind\tvalue\nmonday\tdayname\t1\n",
		"word\tkind\tvalue\nmonday\tweekday\tone\n",
		"word\tkind\tvalue\nmonday\tweekday\t1\nmonday\tweekday\t1\n",
		"monday\tweekday\t1\n",
	} {
		if _, err := parseWords(bad); err == nil {
			t.Errorf("parseWords accepted %q", bad)
		}
	}
}
