package wordlist

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	s, err := Parse("x.txt", "# what the list is for\n\nfoo\n  bar baz \r\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 2 || !s.Has("foo") || !s.Has("bar baz") || s.Has("#") {
		t.Errorf("got %v", s)
	}
}

func TestErrorsNameFileAndLine(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"foo\n# c\nfoo\n", "x.txt:3: \"foo\" listed twice (first on line 1)"},
		{"foo\nbar\tbaz\n", "x.txt:2: 2 fields, want 1"},
	} {
		_, err := Parse("x.txt", c.text)
		if err == nil || err.Error() != c.want {
			t.Errorf("Parse(%q) = %v, want %s", c.text, err, c.want)
		}
	}
	if _, err := ParseMap("m.tsv", "a\t1\nb\n"); err == nil || err.Error() != "m.tsv:2: 1 fields, want 2" {
		t.Errorf("ParseMap: %v", err)
	}
	if _, err := ParseMap("m.tsv", "a\t1\na\t2\n"); err == nil || !strings.HasPrefix(err.Error(), "m.tsv:2: ") {
		t.Errorf("ParseMap duplicate: %v", err)
	}
}

func TestRows(t *testing.T) {
	var lines []int
	err := Rows("r.tsv", strings.NewReader("# h\na\tb\n\nc\td\n"), 2, func(line int, f []string) error {
		lines = append(lines, line)
		return nil
	})
	if err != nil || len(lines) != 2 || lines[0] != 2 || lines[1] != 4 {
		t.Errorf("Rows: %v %v", lines, err)
	}
}
