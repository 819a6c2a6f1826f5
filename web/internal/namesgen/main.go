// Command namesgen writes assets/names.json, what the actor network needs
// from the knowledge base to tell named entities from common nouns and to
// merge a country's names into one node:
//
//   - roles: the role nouns of kb/data/roles.tsv (lemmas: "official",
//     "army", "villager"), and a few common nouns that are never actors
//     (commonNouns below);
//   - countries: for each ISO alpha-3 code, the country's name and, lower
//     case, every name, alias, adjective and demonym that stands for it
//     ("palestinians", "palestinian", "state of palestine").
//
// Run from web/ (go generate does):
//
//	go run ./internal/namesgen ../kb/data > assets/names.json
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// commonNouns are nouns that the coder has been seen to take for actors
// ("Year", "Strait", "regions") and that never name one.
var commonNouns = []string{"area", "bank", "border", "city", "country", "gulf", "nation", "party", "people", "region",
	"sea", "side", "strait", "tanker", "town", "village", "year"}

// Names is the file's content.
type Names struct {
	Source    string             `json:"source"`
	Roles     []string           `json:"roles"`
	Countries map[string]Country `json:"countries"`
}

// Country is one country's name and the words that stand for it.
type Country struct {
	Name  string   `json:"name"`
	Words []string `json:"words"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: namesgen KB_DATA_DIR > names.json")
		os.Exit(2)
	}
	names, err := Build(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "namesgen:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(names); err != nil {
		fmt.Fprintln(os.Stderr, "namesgen:", err)
		os.Exit(1)
	}
}

// Build reads the knowledge base's tables in dir.
func Build(dir string) (*Names, error) {
	n := &Names{Source: "parley kb/data roles.tsv and countries.tsv (CC0), by web/internal/namesgen", Countries: map[string]Country{}}
	roles := map[string]bool{}
	for _, w := range commonNouns {
		roles[w] = true
	}
	err := readTSV(filepath.Join(dir, "roles.tsv"), func(f []string) error {
		roles[strings.ToLower(f[0])] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	for r := range roles {
		n.Roles = append(n.Roles, r)
	}
	sort.Strings(n.Roles)
	// code name aliases adjectives demonyms capital metonyms lat lon
	err = readTSV(filepath.Join(dir, "countries.tsv"), func(f []string) error {
		if len(f) < 5 {
			return fmt.Errorf("want at least 5 columns, have %d", len(f))
		}
		seen := map[string]bool{}
		var words []string
		for _, col := range []string{f[1], f[2], f[3], f[4]} {
			for _, w := range strings.Split(col, "|") {
				if w = strings.ToLower(strings.TrimSpace(w)); w != "" && w != "-" && !seen[w] {
					seen[w] = true
					words = append(words, w)
				}
			}
		}
		n.Countries[f[0]] = Country{Name: f[1], Words: words}
		return nil
	})
	return n, err
}

// readTSV calls row with the fields of each line that is not blank or a
// # comment.
func readTSV(path string, row func([]string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if err := row(strings.Split(t, "\t")); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	return sc.Err()
}
