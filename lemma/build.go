package lemma

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/parley-events/parley/conllu"
)

// WordNetDir is where Debian's wordnet-base package installs WordNet 3.0.
const WordNetDir = "/usr/share/wordnet"

// BuildWordNet reads the WordNet 3.0 database in dir and writes the two
// derived tables: the lexicon (each single-word lemma with its parts of
// speech) and the irregular inflections (the exception lists).
func BuildWordNet(dir string, lexicon, exceptions io.Writer) error {
	if _, err := os.Stat(filepath.Join(dir, "data.noun")); err != nil {
		return fmt.Errorf("WordNet 3.0 not found in %s (install it with: apt-get update && apt-get install -y wordnet-base): %w", dir, err)
	}
	// pos letters per lower-cased lemma; for nouns, whether the lemma was
	// seen written lower-case (common) or only capitalised (proper).
	letters := map[string]map[byte]bool{}
	add := func(w string, l byte) {
		if letters[w] == nil {
			letters[w] = map[byte]bool{}
		}
		letters[w][l] = true
	}
	for _, f := range []struct {
		file string
		pos  byte
	}{{"data.noun", 'n'}, {"data.verb", 'v'}, {"data.adj", 'a'}, {"data.adv", 'r'}} {
		err := eachLine(filepath.Join(dir, f.file), func(line string, n int) error {
			if strings.HasPrefix(line, "  ") {
				return nil // licence header
			}
			fs := strings.Fields(line)
			if len(fs) < 4 {
				return fmt.Errorf("%s:%d: short synset line", f.file, n)
			}
			var cnt int
			if _, err := fmt.Sscanf(fs[3], "%x", &cnt); err != nil || len(fs) < 4+2*cnt {
				return fmt.Errorf("%s:%d: bad word count %q", f.file, n, fs[3])
			}
			for i := 0; i < cnt; i++ {
				w := fs[4+2*i]
				if j := strings.IndexByte(w, '('); j > 0 {
					w = w[:j] // adjective position marker: galore(ip)
				}
				if strings.ContainsAny(w, "_") {
					continue // multi-word lemma: parley lemmatises words
				}
				l := f.pos
				if w != strings.ToLower(w) {
					switch f.pos {
					case 'n':
						l = 'p'
					case 'a':
						add(strings.ToLower(w), 'c')
					}
				}
				add(strings.ToLower(w), l)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	words := make([]string, 0, len(letters))
	for w := range letters {
		words = append(words, w)
	}
	slices.Sort(words)
	lw := bufio.NewWriter(lexicon)
	fmt.Fprintln(lw, "# Single-word lemmas of WordNet 3.0 with their parts of speech: n noun, p proper noun (written capitalised), v verb, a adjective, r adverb, c adjective written capitalised (German).")
	fmt.Fprintln(lw, "# Source: WordNet 3.0, Princeton University (Debian wordnet-base), WordNet 3.0 licence. Built by `parley train lemma`.")
	fmt.Fprintln(lw, "# word\tpos")
	for _, w := range words {
		var b []byte
		for _, l := range []byte("npvarc") {
			if letters[w][l] {
				b = append(b, l)
			}
		}
		fmt.Fprintf(lw, "%s\t%s\n", w, b)
	}
	if err := lw.Flush(); err != nil {
		return err
	}

	ew := bufio.NewWriter(exceptions)
	fmt.Fprintln(ew, "# Irregular inflected forms of WordNet 3.0 (the exception lists noun.exc, verb.exc, adj.exc, adv.exc): form, part of speech (n v a r), lemma.")
	fmt.Fprintln(ew, "# Source: WordNet 3.0, Princeton University (Debian wordnet-base), WordNet 3.0 licence. Built by `parley train lemma`.")
	fmt.Fprintln(ew, "# form\tpos\tlemma")
	for _, f := range []struct {
		file string
		pos  string
	}{{"noun.exc", "n"}, {"verb.exc", "v"}, {"adj.exc", "a"}, {"adv.exc", "r"}} {
		err := eachLine(filepath.Join(dir, f.file), func(line string, n int) error {
			fs := strings.Fields(line)
			if len(fs) < 2 {
				return fmt.Errorf("%s:%d: want a form and a lemma", f.file, n)
			}
			if strings.Contains(fs[0], "_") || strings.Contains(fs[1], "_") || fs[0] == fs[1] {
				return nil
			}
			// Only the first lemma: the others are rare readings
			// (axes → axis, axe).
			fmt.Fprintf(ew, "%s\t%s\t%s\n", fs[0], f.pos, fs[1])
			return nil
		})
		if err != nil {
			return err
		}
	}
	return ew.Flush()
}

func eachLine(path string, fn func(line string, n int) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	n := 0
	for sc.Scan() {
		n++
		if err := fn(sc.Text(), n); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", path, n, err)
	}
	return nil
}

// BuildTreebankTable writes the lemmas of frequent treebank words that the
// rules (WordNet exceptions, lexicon-checked suffix rules) get wrong: the
// table holds only corrections, which keeps it small. A (form, XPOS) pair
// is kept when it occurs at least minCount times and its majority lemma
// differs from what the rules give.
//
// lexicon and exceptions are the WordNet tables the rules use (as written by
// BuildWordNet).
func BuildTreebankTable(sents []conllu.Sentence, minCount int, lexicon, exceptions io.Reader, w io.Writer) error {
	rules, err := parseTables(lexicon, exceptions, nil)
	if err != nil {
		return err
	}
	type key struct{ form, xpos string }
	counts := map[key]map[string]int{}
	for _, s := range sents {
		for _, wd := range s.Words {
			if wd.Lemma == "" || wd.Lemma == "_" || wd.UPOS == "PROPN" || wd.UPOS == "PUNCT" || wd.UPOS == "NUM" || wd.UPOS == "SYM" || wd.UPOS == "X" {
				continue
			}
			k := key{strings.ToLower(wd.Form), wd.XPOS}
			if counts[k] == nil {
				counts[k] = map[string]int{}
			}
			counts[k][wd.Lemma]++
		}
	}
	var keys []key
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := strings.Compare(a.form, b.form); c != 0 {
			return c
		}
		return strings.Compare(a.xpos, b.xpos)
	})
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Lemmas of frequent words that parley's lemma rules get wrong, from the Universal Dependencies English EWT treebank (train), CC BY-SA 4.0. Built by `parley train lemma`.")
	fmt.Fprintln(bw, "# form (lower case)\tPenn Treebank tag\tlemma")
	for _, k := range keys {
		total, best, bestN := 0, "", 0
		for l, n := range counts[k] {
			total += n
			if n > bestN || (n == bestN && l < best) {
				best, bestN = l, n
			}
		}
		if total < minCount || 2*bestN <= total {
			continue
		}
		if rules.byRules(k.form, k.xpos) == best {
			continue
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\n", k.form, k.xpos, best)
	}
	return bw.Flush()
}

// TreebankMinCount is how often a (form, tag) pair must occur in the
// treebank to earn a correction entry.
const TreebankMinCount = 2
