// Package wordlist reads parley's word lists and small tab-separated
// tables, the data files that hold the English words the coder, the mention
// finder and the knowledge base know (coder/data, mention/data, kb/data).
//
// Every such file has one format, so that one reader checks them all: one
// entry a line, fields separated by tabs, blank lines and lines starting
// with "#" (a file's header saying what the list is for) skipped. Problems
// are reported as "file:line: reason", so a bad edit to a list points at
// its line.
package wordlist

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Set is a word list: the words (or phrases) of a file, for membership
// tests. It is a map so that a lookup costs what it did when the lists were
// Go maps.
type Set map[string]bool

// Has says whether w is in the list (exactly as written there).
func (s Set) Has(w string) bool { return s[w] }

// Rows calls fn with the line number and the tab-separated fields of every
// entry line of r. When fields > 0 each line must have that many fields.
// An error from fn is returned prefixed with "name:line: ".
func Rows(name string, r io.Reader, fields int, fn func(line int, f []string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if t := strings.TrimSpace(line); t == "" || t[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if fields > 0 && len(f) != fields {
			return fmt.Errorf("%s:%d: %d fields, want %d", name, n, len(f), fields)
		}
		if err := fn(n, f); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, n, err)
	}
	return nil
}

// Parse reads a word list: one word or phrase a line (words of a phrase
// separated by single spaces). A line with a tab, or a word listed twice,
// is an error.
func Parse(name, text string) (Set, error) {
	s := Set{}
	first := map[string]int{}
	err := Rows(name, strings.NewReader(text), 1, func(line int, f []string) error {
		w := strings.TrimSpace(f[0])
		if prev, dup := first[w]; dup {
			return fmt.Errorf("%q listed twice (first on line %d)", w, prev)
		}
		first[w] = line
		s[w] = true
		return nil
	})
	return s, err
}

// ParseMap reads a two-column list, word TAB value, into a map from word
// to value. A word listed twice is an error.
func ParseMap(name, text string) (map[string]string, error) {
	m := map[string]string{}
	first := map[string]int{}
	err := Rows(name, strings.NewReader(text), 2, func(line int, f []string) error {
		if prev, dup := first[f[0]]; dup {
			return fmt.Errorf("%q listed twice (first on line %d)", f[0], prev)
		}
		first[f[0]] = line
		m[f[0]] = f[1]
		return nil
	})
	return m, err
}

// MustParse is Parse for a list embedded in the binary, whose tests check
// that it reads: a failure is a build defect, and panics.
func MustParse(name, text string) Set {
	s, err := Parse(name, text)
	if err != nil {
		panic("wordlist: " + err.Error())
	}
	return s
}

// MustParseMap is ParseMap for an embedded list, as MustParse.
func MustParseMap(name, text string) map[string]string {
	m, err := ParseMap(name, text)
	if err != nil {
		panic("wordlist: " + err.Error())
	}
	return m
}
