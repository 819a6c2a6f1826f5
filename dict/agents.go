package dict

import (
	"strings"
)

// Agent is one entry of a PETRARCH agents dictionary: a role phrase
// ("FOREIGN_MINISTER") and its agent code ("~GOVFRM": added after the
// actor's code; "NGO~": added before it).
type Agent struct {
	Phrase   string   // as written, substitution markers expanded ("CONGRESSMAN")
	Plurals  []string // explicit plurals from {...}; nil when regular plurals apply
	NoPlural bool     // "{}": the phrase has no separate plural (police, troops)
	Code     string   // agent code without '~' ("GOVFRM")
	Prefix   bool     // the '~' follows the code ("NGO~"): the code goes before the actor's
	File     string
	Line     int
}

// ParseAgents reads a PETRARCH agents dictionary: substitution sets
// ("!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON") and records
// "phrase {optional plural} [~CODE]". A phrase using a substitution marker
// gives one Agent per member of the set.
func ParseAgents(file, data string) ([]Agent, []SkipEntry) {
	var out []Agent
	var skips []SkipEntry
	subst := map[string][]string{}
	for _, ln := range readLines(data, false) {
		t := strings.TrimSpace(ln.text)
		if strings.HasPrefix(t, "!") {
			if name, list, ok := strings.Cut(t, "="); ok && !strings.Contains(name, "[") {
				var items []string
				for _, it := range strings.Split(list, ",") {
					if it = strings.TrimSpace(it); it != "" {
						items = append(items, it)
					}
				}
				subst[strings.TrimSpace(name)] = items
				continue
			}
		}
		inside, before, ok := bracket(t)
		if !ok {
			skips = append(skips, SkipEntry{file, ln.n, "agent without [code]", t})
			continue
		}
		code := strings.ReplaceAll(inside, " ", "")
		prefix := false
		switch {
		case strings.HasPrefix(code, "~"):
			code = code[1:]
		case strings.HasSuffix(code, "~"):
			code, prefix = code[:len(code)-1], true
		default:
			skips = append(skips, SkipEntry{file, ln.n, "agent code without '~'", t})
			continue
		}
		if code == "" {
			skips = append(skips, SkipEntry{file, ln.n, "empty agent code", t})
			continue
		}
		phrase := before
		var plurals []string
		noPlural := false
		if i := strings.IndexByte(before, '{'); i >= 0 {
			phrase = before[:i]
			pl := before[i+1:]
			if j := strings.IndexByte(pl, '}'); j >= 0 {
				pl = pl[:j]
			}
			if f := strings.Fields(pl); len(f) == 0 {
				noPlural = true
			} else {
				plurals = f
			}
		}
		phrase = strings.TrimSpace(phrase)
		if phrase == "" {
			skips = append(skips, SkipEntry{file, ln.n, "agent without phrase", t})
			continue
		}
		forms, bad := expandSubst(phrase, subst)
		if bad != "" {
			skips = append(skips, SkipEntry{file, ln.n, "undefined substitution marker " + bad, t})
			continue
		}
		for _, f := range forms {
			out = append(out, Agent{Phrase: f, Plurals: plurals, NoPlural: noPlural || len(forms) > 1,
				Code: code, Prefix: prefix, File: file, Line: ln.n})
		}
	}
	return out, skips
}

// expandSubst replaces the first !MARKER! in s by each member of its set
// (recursively for further markers). It returns the marker when undefined.
func expandSubst(s string, subst map[string][]string) ([]string, string) {
	i := strings.IndexByte(s, '!')
	if i < 0 {
		return []string{s}, ""
	}
	j := strings.IndexByte(s[i+1:], '!')
	if j < 0 {
		return []string{s}, ""
	}
	marker := s[i : i+j+2]
	items, ok := subst[marker]
	if !ok {
		return nil, marker
	}
	var out []string
	for _, it := range items {
		rest, bad := expandSubst(s[:i]+it+s[i+j+2:], subst)
		if bad != "" {
			return nil, bad
		}
		out = append(out, rest...)
	}
	return out, ""
}
