// Package conllu reads and writes Universal Dependencies CoNLL-U files.
//
// Multi-word token lines (1-2) and empty nodes (1.1) are skipped on reading:
// parley tags and parses syntactic words. Files ending in .gz are
// decompressed transparently by Open.
package conllu

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Word is one syntactic word of a sentence.
type Word struct {
	Form, Lemma, UPOS, XPOS, Feats string
	Head                           int // 0 = root, else 1-based index of the head word
	Rel                            string
	SpaceAfter                     bool
}

// Sentence is one sentence: its comment metadata and its words.
type Sentence struct {
	ID    string // sent_id comment, if any
	Text  string // text comment, if any
	Words []Word
	// Comments are further comment lines, written after the text without
	// their "# " (parley parse --layers puts its layers there); reading
	// leaves them out.
	Comments []string
}

// Open opens a CoNLL-U file, decompressing it if its name ends in .gz.
// The returned closer closes both layers.
func Open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".gz") {
		return f, nil
	}
	z, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{z, closeBoth{z, f}}, nil
}

type closeBoth struct{ a, b io.Closer }

func (c closeBoth) Close() error {
	err := c.a.Close()
	if err2 := c.b.Close(); err == nil {
		err = err2
	}
	return err
}

// ReadFile reads every sentence of a CoNLL-U file (plain or .gz).
func ReadFile(path string) ([]Sentence, error) {
	r, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	s, err := Read(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Read reads every sentence from r.
func Read(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		switch {
		case t == "":
			if len(cur.Words) > 0 {
				out = append(out, cur)
			}
			cur = Sentence{}
		case strings.HasPrefix(t, "#"):
			if v, ok := strings.CutPrefix(t, "# sent_id = "); ok {
				cur.ID = v
			} else if v, ok := strings.CutPrefix(t, "# text = "); ok {
				cur.Text = v
			}
		default:
			f := strings.Split(t, "\t")
			if len(f) != 10 {
				return nil, fmt.Errorf("line %d: %d fields, want 10", line, len(f))
			}
			if strings.ContainsAny(f[0], "-.") {
				continue // multi-word token range or empty node
			}
			head, err := strconv.Atoi(f[6])
			if err != nil {
				return nil, fmt.Errorf("line %d: head %q: %v", line, f[6], err)
			}
			cur.Words = append(cur.Words, Word{
				Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Feats: f[5],
				Head: head, Rel: f[7], SpaceAfter: !strings.Contains(f[9], "SpaceAfter=No"),
			})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line, err)
	}
	if len(cur.Words) > 0 {
		out = append(out, cur)
	}
	return out, nil
}

// Write writes sentences in CoNLL-U format. Empty fields are written as "_".
func Write(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range sents {
		if s.ID != "" {
			fmt.Fprintf(bw, "# sent_id = %s\n", s.ID)
		}
		if s.Text != "" {
			fmt.Fprintf(bw, "# text = %s\n", s.Text)
		}
		for _, c := range s.Comments {
			fmt.Fprintf(bw, "# %s\n", c)
		}
		for i, wd := range s.Words {
			misc := "_"
			if !wd.SpaceAfter {
				misc = "SpaceAfter=No"
			}
			fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t_\t%s\n", i+1,
				or(wd.Form), or(wd.Lemma), or(wd.UPOS), or(wd.XPOS), or(wd.Feats), wd.Head, or(wd.Rel), misc)
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

func or(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
