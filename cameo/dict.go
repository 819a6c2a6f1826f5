package cameo

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parley-events/parley/dict"
)

// Dictionaries are PETRARCH/TABARI dictionaries compiled for matching:
// actor and agent phrases indexed by their first word, verbs by each of
// their inflected forms, verb patterns per verb block, discard phrases.
type Dictionaries struct {
	actors   map[string][]actorPhrase // by first word
	agents   map[string][]agentPhrase // by first word
	verbs    map[string][]verbEntry   // by the inflected word, upper case
	synsets  map[string]*synset       // by label with '&'
	discards []discard
	// Skipped counts dictionary entries that could not be compiled, by
	// reason, for the caller to report.
	Skipped map[string]int
}

// actorPhrase is one name of an actor: its words with, for each word after
// the first, whether it must follow the previous one directly ('_') or
// may come after other words (' ').
type actorPhrase struct {
	words    []string
	adjacent []bool
	actor    *dict.Actor
}

type agentPhrase struct {
	words    []string
	adjacent []bool
	code     string
	prefix   bool // the code goes before the actor's ("NGO~")
}

// verbEntry is one verb form of a verb block.
type verbEntry struct {
	words  []string // the whole (multi-word) form
	verbAt int      // index of the inflected word in words
	code   string   // the verb's own code, else the block's; "---" for none
	block  *block
}

// block is a verb block compiled: its patterns, most specific first.
type block struct {
	name     string
	patterns []*pattern
}

type synset struct {
	label   string
	members [][]string // each an adjacent word sequence; may contain "&LABEL"
	plural  bool       // members also match with a regular plural last word
}

type discard struct {
	words []string
	story bool
	stem  bool // the last word may be a prefix of the text's word
}

// Files names the dictionary files of one PETRARCH configuration.
type Files struct {
	Actors   []string
	Agents   string
	Verbs    string
	Discards string
}

// Load reads and compiles PETRARCH dictionaries. Entries PETRARCH would
// reject are counted in Skipped; a file that cannot be read is an error.
func Load(f Files) (*Dictionaries, error) {
	d := &Dictionaries{
		actors:  map[string][]actorPhrase{},
		agents:  map[string][]agentPhrase{},
		verbs:   map[string][]verbEntry{},
		synsets: map[string]*synset{},
		Skipped: map[string]int{},
	}
	read := func(path string) (string, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		return string(b), nil
	}
	for _, p := range f.Actors {
		data, err := read(p)
		if err != nil {
			return nil, err
		}
		actors, skips := dict.ParseActors(filepath.Base(p), data)
		for _, s := range skips {
			d.Skipped[s.Reason]++
		}
		d.addActors(actors)
	}
	if f.Agents != "" {
		data, err := read(f.Agents)
		if err != nil {
			return nil, err
		}
		agents, skips := dict.ParseAgents(filepath.Base(f.Agents), data)
		for _, s := range skips {
			d.Skipped[s.Reason]++
		}
		d.addAgents(agents)
	}
	if f.Verbs != "" {
		data, err := read(f.Verbs)
		if err != nil {
			return nil, err
		}
		vd, skips := dict.ParseVerbs(filepath.Base(f.Verbs), data)
		for _, s := range skips {
			d.Skipped[s.Reason]++
		}
		d.addVerbs(vd)
	}
	if f.Discards != "" {
		data, err := read(f.Discards)
		if err != nil {
			return nil, err
		}
		for _, x := range dict.ParseDiscards(filepath.Base(f.Discards), data) {
			words := strings.Fields(strings.ToUpper(x.Phrase))
			if len(words) > 0 {
				d.discards = append(d.discards, discard{words: words, story: x.Story, stem: !x.Word})
			}
		}
	}
	return d, nil
}

// splitPhrase splits a dictionary phrase into words and, for each word,
// whether it is joined to the previous one by '_' (adjacent) rather than
// a blank.
func splitPhrase(s string) (words []string, adjacent []bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	for _, chunk := range strings.Fields(s) {
		for i, w := range strings.Split(chunk, "_") {
			if w == "" {
				continue
			}
			words = append(words, w)
			adjacent = append(adjacent, i > 0)
		}
	}
	return words, adjacent
}

func (d *Dictionaries) addActors(actors []dict.Actor) {
	for i := range actors {
		a := &actors[i]
		if len(a.Codes) == 0 {
			d.Skipped["actor without a code"]++
			continue
		}
		for _, name := range a.Names {
			w, adj := splitPhrase(name)
			if len(w) == 0 {
				continue
			}
			d.actors[w[0]] = append(d.actors[w[0]], actorPhrase{w, adj, a})
		}
	}
	// Longer phrases first, so "NEW ZEALAND" wins over "ZEALAND"-less
	// prefixes and "MINAS TIRITH BORDER" over "MINAS TIRITH".
	for k, list := range d.actors {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
		d.actors[k] = list
	}
}

func (d *Dictionaries) addAgents(agents []dict.Agent) {
	for _, a := range agents {
		forms := []string{a.Phrase}
		switch {
		case len(a.Plurals) > 0:
			forms = append(forms, a.Plurals...)
		case !a.NoPlural:
			w, _ := splitPhrase(a.Phrase)
			if len(w) > 0 {
				pl := plural(w[len(w)-1])
				i := strings.LastIndex(strings.ToUpper(a.Phrase), w[len(w)-1])
				forms = append(forms, strings.ToUpper(a.Phrase)[:i]+pl)
			}
		}
		for _, f := range forms {
			w, adj := splitPhrase(f)
			if len(w) == 0 {
				continue
			}
			d.agents[w[0]] = append(d.agents[w[0]], agentPhrase{w, adj, a.Code, a.Prefix})
		}
	}
	for k, list := range d.agents {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
		d.agents[k] = list
	}
}

// plural is the regular English plural PETRARCH generates for agents and
// synset members.
func plural(w string) string {
	switch {
	case strings.HasSuffix(w, "Y") && len(w) > 1 && !strings.ContainsRune("AEIOU", rune(w[len(w)-2])):
		return w[:len(w)-1] + "IES"
	case strings.HasSuffix(w, "S"), strings.HasSuffix(w, "X"), strings.HasSuffix(w, "Z"),
		strings.HasSuffix(w, "SH"), strings.HasSuffix(w, "CH"):
		return w + "ES"
	}
	return w + "S"
}

// verbForms are the regular inflections of a verb (PETRARCH's rules, plus
// the doubled final consonant of short verbs: "STOPPED").
func verbForms(v string) []string {
	forms := []string{v}
	switch {
	case strings.HasSuffix(v, "E"):
		forms = append(forms, v+"S", v+"D", v[:len(v)-1]+"ING")
	case strings.HasSuffix(v, "Y") && len(v) > 1 && !strings.ContainsRune("AEIOU", rune(v[len(v)-2])):
		forms = append(forms, v[:len(v)-1]+"IES", v[:len(v)-1]+"IED", v+"ING")
	default:
		forms = append(forms, plural(v), v+"ED", v+"ING")
		n := len(v)
		if n >= 3 && isConsonant(v[n-1]) && !strings.ContainsRune("WXY", rune(v[n-1])) &&
			!isConsonant(v[n-2]) && isConsonant(v[n-3]) {
			forms = append(forms, v+v[n-1:]+"ED", v+v[n-1:]+"ING")
		}
	}
	return forms
}

func isConsonant(c byte) bool {
	return c >= 'A' && c <= 'Z' && !strings.ContainsRune("AEIOU", rune(c))
}

func (d *Dictionaries) addVerbs(vd *dict.VerbDict) {
	for label, s := range vd.Synsets {
		ss := &synset{label: label, plural: !s.NoPlural}
		for _, m := range s.Members {
			w, _ := splitPhrase(m)
			if len(w) > 0 {
				ss.members = append(ss.members, w)
			}
		}
		d.synsets[label] = ss
	}
	for bi := range vd.Blocks {
		vb := &vd.Blocks[bi]
		b := &block{name: vb.Name}
		for _, p := range vb.Patterns {
			pat, err := compilePattern(p.Text, p.Code, p.Line)
			if err != "" {
				d.Skipped[err]++
				continue
			}
			b.patterns = append(b.patterns, pat)
		}
		// The most specific pattern is tried first; file order breaks ties.
		sort.SliceStable(b.patterns, func(i, j int) bool { return b.patterns[i].weight > b.patterns[j].weight })
		for _, v := range vb.Verbs {
			code := v.Code
			if code == "" {
				code = vb.Code
			}
			var forms []dict.VerbForm
			if len(v.Forms) > 0 {
				forms = append([]dict.VerbForm{{Words: v.Words, VerbAt: v.VerbAt}}, v.Forms...)
			} else {
				for _, f := range verbForms(v.Words[v.VerbAt]) {
					w := append([]string(nil), v.Words...)
					w[v.VerbAt] = f
					forms = append(forms, dict.VerbForm{Words: w, VerbAt: v.VerbAt})
				}
			}
			for _, f := range forms {
				key := strings.ToUpper(f.Words[f.VerbAt])
				e := verbEntry{words: upper(f.Words), verbAt: f.VerbAt, code: code, block: b}
				d.verbs[key] = append(d.verbs[key], e)
			}
		}
	}
	// Multi-word verbs are tried before single words.
	for k, list := range d.verbs {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
		d.verbs[k] = list
	}
}

func upper(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToUpper(w)
	}
	return out
}

// FilesIn finds the PETRARCH dictionaries in a folder by their names
// (*.actors.txt, *.agents.txt, *.verbs.txt or CAMEO*.txt, *discards*).
// Issue files are not used for coding and are passed over.
func FilesIn(dir string) (Files, error) {
	var f Files
	entries, err := os.ReadDir(dir)
	if err != nil {
		return f, err
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(strings.ToLower(e.Name()), ".txt") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		kind, err := dict.Kind(p)
		if err != nil {
			continue
		}
		set := func(dst *string) error {
			if *dst != "" {
				return fmt.Errorf("%s: two %s dictionaries (%s and %s)", dir, kind, filepath.Base(*dst), e.Name())
			}
			*dst = p
			return nil
		}
		switch kind {
		case "actors":
			f.Actors = append(f.Actors, p)
		case "agents":
			err = set(&f.Agents)
		case "verbs":
			err = set(&f.Verbs)
		case "discards":
			err = set(&f.Discards)
		}
		if err != nil {
			return f, err
		}
	}
	if f.Verbs == "" || len(f.Actors) == 0 {
		return f, fmt.Errorf("%s: no verb dictionary (*.verbs.txt or CAMEO*.txt) or no actor dictionary (*.actors.txt)", dir)
	}
	return f, nil
}

// actorWord reports whether w (upper case) begins an actor's name.
func (d *Dictionaries) actorWord(w string) bool { return len(d.actors[w]) > 0 }
