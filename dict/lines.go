// Package dict imports PETRARCH and Phoenix event-coding dictionaries
// (actors, agents, discards, issues and CAMEO verb patterns) into parley's
// own knowledge-base format, so analysts can bring their curated CAMEO
// dictionaries to parley.
//
// The Parse* functions read each dictionary format exactly as PETRARCH
// does (comments, synonyms, dated codes, substitution sets, synsets,
// verb patterns) into plain Go values that keep every source line number.
// Import maps those values to parley's tables (countries, organisations,
// people, roles, triggers, discards), translating CAMEO actor codes to a
// country and PLOVER sector and CAMEO event codes to a PLOVER type and
// mode. What parley cannot express is not dropped silently: every skipped
// entry is recorded with its file, line and a named reason in the Report.
//
// The mapping tables are data files under data/ (cameo_plover.tsv,
// cameo_agents.tsv, cameo_countries.tsv), embedded in the binary.
//
// petrarch.go reads PETRARCH's unit-test records and scores coded events
// against them.
package dict

import (
	"strings"
)

// srcLine is one meaningful line of a dictionary file after PETRARCH's
// comment rules: XML comments (<!-- ... -->, possibly over several lines)
// are removed, lines starting with '#' are skipped, and text after '#' or
// ';' is a remark, kept apart in comment.
type srcLine struct {
	n       int    // 1-based line number in the file
	text    string // content, remark removed; leading white space kept (it is meaningful in actor files)
	comment string // the remark after '#' or ';', trimmed
}

// readLines splits data into meaningful lines. semicolon says whether ';'
// starts a remark (the old KEDS/TABARI rule, used by actor and verb files).
func readLines(data string, semicolon bool) []srcLine {
	var out []srcLine
	inXML := false
	for i, raw := range strings.Split(data, "\n") {
		t := strings.TrimRight(raw, "\r")
		if inXML {
			end := strings.Index(t, "-->")
			if end < 0 {
				continue
			}
			t = t[end+3:]
			inXML = false
		}
		for {
			start := strings.Index(t, "<!--")
			if start < 0 {
				break
			}
			end := strings.Index(t[start:], "-->")
			if end < 0 {
				t = t[:start]
				inXML = true
				break
			}
			t = t[:start] + t[start+end+3:]
		}
		if strings.HasPrefix(t, "#") {
			continue
		}
		// "<! -- NEW ACTORS -->", a comment with a space in its opener (the
		// validation actors file has one), is taken as a comment, not as
		// a phrase.
		if tt := strings.TrimSpace(t); strings.HasPrefix(tt, "<!") && strings.HasSuffix(tt, "-->") {
			continue
		}
		comment := ""
		cut := strings.IndexByte(t, '#')
		if semicolon {
			if j := strings.IndexByte(t, ';'); j >= 0 && (cut < 0 || j < cut) {
				cut = j
			}
		}
		if cut >= 0 {
			comment = strings.TrimSpace(t[cut+1:])
			t = t[:cut]
		}
		if strings.TrimSpace(t) == "" {
			continue
		}
		out = append(out, srcLine{n: i + 1, text: strings.TrimRight(t, " \t"), comment: comment})
	}
	return out
}

// bracket returns the text inside the first [...] of s (trimmed), the text
// before it, and whether there was one.
func bracket(s string) (inside, before string, ok bool) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return "", s, false
	}
	j := strings.IndexByte(s[i:], ']')
	if j < 0 {
		return strings.TrimSpace(s[i+1:]), s[:i], true
	}
	return strings.TrimSpace(s[i+1 : i+j]), s[:i], true
}

// phraseWords turns a dictionary phrase ("UN_SECRETARY-GENERAL_", "HAMAS
// WING") into its words: underscores and blanks separate words, a final
// underscore (PETRARCH's "no stemming" mark) is dropped.
func phraseWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == ' ' || r == '\t' })
}
