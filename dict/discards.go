package dict

import "strings"

// Discard is one entry of a PETRARCH discard list: a phrase whose presence
// stops a sentence (or, with Story, the whole story) from being coded.
type Discard struct {
	Phrase string // as written, upper or mixed case
	Story  bool   // '+' prefix: discard the whole story
	Word   bool   // trailing '_': the match must end at a word boundary (else the phrase is a stem)
	File   string
	Line   int
}

// ParseDiscards reads a PETRARCH discard list.
func ParseDiscards(file, data string) []Discard {
	var out []Discard
	for _, ln := range readLines(data, false) {
		t := strings.TrimSpace(ln.text)
		d := Discard{File: file, Line: ln.n}
		if strings.HasPrefix(t, "+") {
			d.Story = true
			t = strings.TrimSpace(t[1:])
		}
		if strings.HasSuffix(t, "_") {
			d.Word = true
			t = strings.TrimRight(t, "_")
		}
		d.Phrase = strings.Join(phraseWords(t), " ")
		if d.Phrase != "" {
			out = append(out, d)
		}
	}
	return out
}

// Issue is one phrase of a PETRARCH issues file and the issue code it
// signals, or an exclusion phrase ('~' sentence, '~~' story) that cancels
// issue coding.
type Issue struct {
	Phrase  string // expanded form (n:, v: and + expansions applied), upper case
	Code    string // "" for exclusions
	Exclude string // "", "sentence" or "story"
	File    string
	Line    int
}

// ParseIssues reads a PETRARCH issues file, applying its expansions: "n:"
// (singular and regular plural), "v:" (regular verb forms) and "+" (a blank
// and a hyphen version).
func ParseIssues(file, data string) ([]Issue, []SkipEntry) {
	var out []Issue
	var skips []SkipEntry
	for _, ln := range readLines(data, false) {
		t := strings.TrimSpace(ln.text)
		if strings.HasPrefix(t, "<") { // <ISSUE CATEGORY="..."> and </ISSUE>
			continue
		}
		it := Issue{File: file, Line: ln.n}
		switch {
		case strings.HasPrefix(t, "~~"):
			it.Exclude, t = "story", t[2:]
		case strings.HasPrefix(t, "~"):
			it.Exclude, t = "sentence", t[1:]
		default:
			inside, before, ok := bracket(t)
			if !ok || inside == "" {
				skips = append(skips, SkipEntry{file, ln.n, "issue phrase without [code]", t})
				continue
			}
			it.Code, t = inside, before
		}
		for _, f := range expandIssue(strings.ToUpper(strings.TrimSpace(t))) {
			it.Phrase = strings.Join(strings.Fields(f), " ")
			if it.Phrase != "" {
				out = append(out, it)
			}
		}
	}
	return out, skips
}

func expandIssue(s string) []string {
	if i := strings.Index(s, "+"); i >= 0 {
		return append(expandIssue(s[:i]+" "+s[i+1:]), expandIssue(s[:i]+"-"+s[i+1:])...)
	}
	if i := strings.Index(s, "N:"); i >= 0 {
		word, rest, _ := strings.Cut(s[i+2:], " ")
		pl := word + "S"
		if strings.HasSuffix(word, "Y") {
			pl = word[:len(word)-1] + "IES"
		}
		return append(expandIssue(s[:i]+word+" "+rest), expandIssue(s[:i]+pl+" "+rest)...)
	}
	if i := strings.Index(s, "V:"); i >= 0 {
		word, rest, _ := strings.Cut(s[i+2:], " ")
		forms := []string{word, word + "S"}
		if strings.HasSuffix(word, "E") {
			forms = append(forms, word+"D", word[:len(word)-1]+"ING")
		} else {
			forms = append(forms, word+"ED", word+"ING")
		}
		var out []string
		for _, f := range forms {
			out = append(out, expandIssue(s[:i]+f+" "+rest)...)
		}
		return out
	}
	return []string{s}
}
