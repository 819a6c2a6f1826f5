package dict

import (
	"strings"
)

// VerbDict is a PETRARCH verb dictionary: synonym sets and verb blocks.
type VerbDict struct {
	Synsets map[string]*Synset // by label, with '&', without a trailing '_'
	Blocks  []VerbBlock
}

// Synset is a named set of words or phrases ("&CURRENCY").
type Synset struct {
	Label    string
	Members  []string // as written, '+' removed; may name another synset
	NoPlural bool     // label ends with '_'
	Line     int
}

// VerbBlock is one "--- NAME [code] ---" block: synonymous verbs and the
// patterns that apply to all of them.
type VerbBlock struct {
	Name     string
	Code     string // primary code; "---" when none (the verb alone is no event)
	Verbs    []Verb
	Patterns []Pattern
	File     string
	Line     int
}

// Verb is one verb of a block, possibly multi-word ("+ASK_FOR": verb at 0,
// then "FOR").
type Verb struct {
	Words  []string // upper case as written
	VerbAt int      // index of the inflected word
	Code   string   // own code, or "" for the block's
	// Forms are the inflected forms listed in braces ("BREAK {BROKE
	// BROKEN}"), each as a phrase like Words; when present PETRARCH uses
	// them instead of generating the regular forms.
	Forms []VerbForm
	Line  int
}

// VerbForm is one inflected form of a (possibly multi-word) verb.
type VerbForm struct {
	Words  []string
	VerbAt int
}

// ParseVerbPhrase splits a verb phrase as written ("+BREAK_DOWN",
// "WIRE_+TAP") into its words and the index of the inflected one (marked
// '+', else the first).
func ParseVerbPhrase(s string) VerbForm {
	var f VerbForm
	for i, w := range phraseWords(s) {
		if strings.HasPrefix(w, "+") {
			f.VerbAt = i
			w = w[1:]
		}
		if w != "" {
			f.Words = append(f.Words, w)
		}
	}
	return f
}

// Pattern is one "- ... [code]" line; Text keeps the elements as written.
type Pattern struct {
	Text string
	Code string
	Line int
}

// ParseVerbs reads a PETRARCH verb dictionary.
func ParseVerbs(file, data string) (*VerbDict, []SkipEntry) {
	d := &VerbDict{Synsets: map[string]*Synset{}}
	var skips []SkipEntry
	var syn *Synset
	var blk *VerbBlock
	for _, ln := range readLines(data, true) {
		t := strings.TrimSpace(ln.text)
		switch {
		case strings.HasPrefix(t, "---"):
			syn = nil
			inside, before, ok := bracket(t)
			code := "---"
			if ok && inside != "" {
				code = firstField(inside)
			}
			d.Blocks = append(d.Blocks, VerbBlock{Name: strings.Trim(strings.TrimSpace(before), "- "), Code: code, File: file, Line: ln.n})
			blk = &d.Blocks[len(d.Blocks)-1]
		case strings.HasPrefix(t, "&"):
			label := firstField(t)
			s := &Synset{Label: strings.TrimSuffix(label, "_"), NoPlural: strings.HasSuffix(label, "_"), Line: ln.n}
			d.Synsets[s.Label] = s
			syn = s
		case strings.HasPrefix(t, "+") && syn != nil:
			syn.Members = append(syn.Members, strings.TrimSpace(t[1:]))
		case strings.HasPrefix(t, "-"):
			syn = nil
			if blk == nil {
				skips = append(skips, SkipEntry{file, ln.n, "pattern outside a verb block", t})
				continue
			}
			inside, before, ok := bracket(t[1:])
			if !ok {
				skips = append(skips, SkipEntry{file, ln.n, "pattern without [code]", t})
				continue
			}
			blk.Patterns = append(blk.Patterns, Pattern{Text: strings.TrimSpace(before), Code: strings.TrimSpace(inside), Line: ln.n})
		default:
			syn = nil
			if blk == nil {
				skips = append(skips, SkipEntry{file, ln.n, "verb outside a verb block", t})
				continue
			}
			body := t
			var forms []VerbForm
			if i := strings.IndexByte(body, '{'); i >= 0 {
				j := strings.IndexByte(body[i:], '}')
				list := body[i+1:]
				if j < 0 {
					body = body[:i]
				} else {
					list = body[i+1 : i+j]
					body = body[:i] + body[i+j+1:]
				}
				for _, f := range strings.Fields(list) {
					if vf := ParseVerbPhrase(f); len(vf.Words) > 0 {
						forms = append(forms, vf)
					}
				}
			}
			inside, before, _ := bracket(body)
			vf := ParseVerbPhrase(before)
			v := Verb{Words: vf.Words, VerbAt: vf.VerbAt, Code: firstField(inside), Forms: forms, Line: ln.n}
			if len(v.Words) == 0 {
				skips = append(skips, SkipEntry{file, ln.n, "verb line without a verb", t})
				continue
			}
			blk.Verbs = append(blk.Verbs, v)
		}
	}
	return d, skips
}
