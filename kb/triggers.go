package kb

// The event lexicon: the trigger verbs and event nouns of news English and
// the PLOVER 2.0 type, mode and CAMEO code each signals (data/triggers.tsv),
// the PLOVER types themselves (data/plover.tsv), the reporting verbs whose
// subject attributes an event rather than performs it (data/reporting.tsv),
// and the words that signal a PLOVER context (data/contexts.tsv). The formats
// are the team's triggers-format notes, restated in each file's header.
//
// The embedded tables are parsed together on the first call to any lookup,
// not when the knowledge base loads, and are held once per process. A
// knowledge base loaded from a folder that has its own event tables (an
// imported dictionary) gets its own lexicon, parsed and checked by Load,
// each missing table taken from the embedded data. Every line is validated
// (types, modes, CAMEO codes against PLOVER's CAMEO→PLOVER mapping, the place
// of the recipient marker, duplicates) and each problem is reported as
// "file:line: reason".

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/frames"
	"github.com/parley-events/parley/wordlist"
)

// The lexicon's files inside the data folder.
const (
	triggersFile  = "triggers.tsv"
	ploverFile    = "plover.tsv"
	reportingFile = "reporting.tsv"
	framesFile    = "frames.tsv"
	classesFile   = "word_classes.tsv"
	contextsFile  = "contexts.tsv"
)

// Trigger is one entry of the trigger lexicon: a verb or noun pattern and
// the event it signals.
type Trigger struct {
	POS   string   // "V" (verb trigger) or "N" (event noun)
	Words []string // pattern lemmas, without the recipient marker "+"
	// Head is the index in Words of the trigger word: 0 for a verb; for a
	// noun, the last word before the first preposition ("strike" in "air
	// strike on +", "cessation" in "cessation of hostility").
	Head int
	// Recipient is the index in Words after which the recipient follows:
	// the preposition in "attack on +", the verb or its last object word in
	// "condemn +" and "accuse + of"; -1 when the pattern has no "+".
	Recipient int
	Type      event.Type // PLOVER type; "" only in a raw CAMEO lexicon, for a code PLOVER does not map
	Mode      string     // PLOVER mode, "" when none
	CAMEO     string     // CAMEO code, 2-4 digits (in a raw CAMEO lexicon: as the dictionary wrote it)
	Sym       bool       // both sides play the same role (meet, clash): conjoined subjects give actor and recipient
	NoRecip   bool       // never takes a recipient, even when the verb has an object
	// Intransitive patterns match only a verb without a direct object:
	// "protesters demonstrated", not "the council demonstrated its unity".
	Intransitive bool
	Weak         bool   // often not an event: needs a resolved actor and recipient
	Say          bool   // a speech act whose content is the event (reserved)
	Source       string // "triggers.tsv:123"
}

// String gives the pattern as written in triggers.tsv ("meet with +").
func (t Trigger) String() string {
	var b strings.Builder
	for i, w := range t.Words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if i == t.Recipient {
			b.WriteString(" +")
		}
	}
	return b.String()
}

// PloverType is one line of plover.tsv.
type PloverType struct {
	Name              event.Type
	Quad              int               // 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
	Intensity         float64           // base intensity, -10 (most conflictual) to +10
	CAMEO             string            // the CAMEO code that best fits the type ("04", "19")
	RecipientRequired bool              // PLOVER codes the event only with a recipient
	Symmetric         bool              // the two sides play the same role: "A met B" is "B met A"
	Hostile           bool              // the event harms its recipient (ASSAULT, COERCE, THREATEN, SANCTION)
	Judging           bool              // judges an act: its recipient is whoever did the act (SUPPORT, ACCUSE, REJECT)
	Proximity         bool              // its target may be where it is staged: "drills near Taiwan" (MOBILIZE, COERCE)
	Setting           bool              // with no target named, it is aimed at the country where it takes place
	Modes             map[string]string // mode → the CAMEO code that best fits it
}

// ploverContexts are PLOVER 2.0's context values (the team's plover.md).
var ploverContexts = []string{
	"military", "intelligence", "executive", "legislative", "election",
	"political_institutions", "pro_democracy", "pro_autocracy", "economic",
	"legal", "reparations", "human_rights", "rights_freedoms", "repression",
	"human_security", "gender", "lgbt", "religion_ethnicity", "inequality",
	"diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
	"disasters", "natural_resource", "environment", "technology", "terrorism",
	"cbrn", "cyber", "misinformation", "crime", "corruption", "illegal_drugs",
	"trafficking",
}

// ReportingKind is what a reporting.tsv entry is: a verb or phrase of
// saying, or a noun naming a statement.
type ReportingKind string

// The kinds reporting.tsv may give an entry.
const (
	Say       ReportingKind = "say"       // "say", "according to"
	Statement ReportingKind = "statement" // "statement", "communique": a say verb's subject
)

var reportingKinds = []string{string(Say), string(Statement)}

// The uses reporting.tsv may give an entry (its use column, comma-separated).
const (
	useAttribution = "attribution" // its subject attributes the events of its complement
	useDate        = "date"        // its date is the day the news was made
)

// reportingKey is a single-word reporting entry of one kind.
type reportingKey struct {
	kind  ReportingKind
	lemma string
}

// IsPreposition reports whether word (lower case) is one of the prepositions
// trigger patterns recognise; a "+" after one of them stands for its object.
func IsPreposition(word string) bool {
	switch word {
	case "about", "against", "among", "at", "between", "by", "for", "from", "in",
		"into", "of", "on", "onto", "over", "to", "toward", "towards", "upon",
		"with", "within":
		return true
	}
	return false
}

// cameoRootTypes is PLOVER's mapping of CAMEO two-digit roots to its types
// (plover.md, "CAMEO root → PLOVER"). Root 08 is split by its third digit
// (see cameoTypes); 01 and 02 (public statements, appeals) are not coded.
var cameoRootTypes = map[string][]event.Type{
	"03": {event.Agree}, "04": {event.Consult}, "05": {event.Support}, "06": {event.Cooperate},
	"07": {event.Aid}, "09": {event.Accuse}, "10": {event.Request}, "11": {event.Accuse},
	"12": {event.Reject}, "13": {event.Threaten}, "14": {event.Protest}, "15": {event.Mobilize},
	"16": {event.Sanction}, "17": {event.Coerce}, "18": {event.Assault}, "19": {event.Assault},
	"20": {event.Assault},
}

// cameoExtraTypes are the codes that PLOVER assigns to a type besides the
// one of their root: the exceptions of the CAMEO2PLOVER-2021 table in the
// PLOVER repository and of the manual's own text.
var cameoExtraTypes = map[string][]event.Type{
	"055":  {event.Concede},  // apologise: the manual codes expressions of regret as CONCEDE
	"0813": {event.Retreat},  // ease curfew (CAMEO2PLOVER)
	"0814": {event.Retreat},  // ease state of emergency or martial law (CAMEO2PLOVER)
	"116":  {event.Sanction}, // find guilty: moved from DISAPPROVE to SANCTION by the manual
	"163":  {event.Coerce},   // impose embargo, boycott or sanctions (CAMEO2PLOVER: COERCE restrict)
	"175":  {event.Assault},  // violent repression (CAMEO2PLOVER)
	"1712": {event.Assault},  // destroy property (CAMEO2PLOVER: ASSAULT destroy)
	"191":  {event.Coerce},   // impose blockade, restrict movement (CAMEO2PLOVER)
	"192":  {event.Coerce},   // occupy territory (CAMEO2PLOVER)
}

// cameoTypes returns the PLOVER types a CAMEO code may signal, or an error
// when the code is malformed or not coded in PLOVER.
func cameoTypes(code string) ([]event.Type, error) {
	if len(code) < 2 || len(code) > 4 {
		return nil, fmt.Errorf("CAMEO code %q is not 2-4 digits", code)
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return nil, fmt.Errorf("CAMEO code %q is not 2-4 digits", code)
		}
	}
	var types []event.Type
	root := code[:2]
	switch {
	case root == "08" && (len(code) == 2 || code[2] == '0'):
		types = []event.Type{event.Concede, event.Retreat}
	case root == "08" && code[2] >= '1' && code[2] <= '3':
		types = []event.Type{event.Concede}
	case root == "08" && code[2] >= '4' && code[2] <= '7':
		types = []event.Type{event.Retreat}
	case root == "08":
		return nil, fmt.Errorf("CAMEO code %s does not exist (08 has 080-087)", code)
	default:
		types = cameoRootTypes[root]
	}
	if types == nil {
		return nil, fmt.Errorf("CAMEO root %s is not coded in PLOVER", root)
	}
	types = slices.Clone(types)
	types = append(types, cameoExtraTypes[code]...)
	if len(code) == 4 {
		types = append(types, cameoExtraTypes[code[:3]]...)
	}
	return types, nil
}

// checkCAMEO reports an error when code cannot signal typ.
func checkCAMEO(code string, typ event.Type) error {
	types, err := cameoTypes(code)
	if err != nil {
		return err
	}
	if !slices.Contains(types, typ) {
		names := make([]string, len(types))
		for i, t := range types {
			names[i] = string(t)
		}
		return fmt.Errorf("CAMEO code %s is %s in PLOVER, not %s", code, strings.Join(names, "/"), typ)
	}
	return nil
}

// lexicon is the parsed event tables.
type lexicon struct {
	// rawCAMEO accepts trigger lines of type "-" with any code: see
	// LoadOptions.RawCAMEO. Never set for the embedded tables.
	rawCAMEO  bool
	types     map[event.Type]PloverType
	triggers  map[string][]Trigger       // head lemma → entries, longest patterns first
	reporting map[string][][]string      // attribution: first word → phrases, longest first
	dating    map[reportingKey]bool      // single words whose date is the day the news was made
	contexts  map[string][]string        // lemma or phrase → contexts, file order
	counts    map[event.Type]int         // triggers per type
	classes   map[string]map[string]bool // word class → its lemmas (word_classes.tsv)
}

// loadFrames parses the embedded argument frames (data/frames.tsv).
var loadFrames = sync.OnceValues(func() ([]frames.Frame, error) {
	data, err := dataFS.ReadFile("data/" + framesFile)
	if err != nil {
		return nil, err
	}
	return frames.Parse(framesFile, string(data))
})

// Frames returns the argument frames of data/frames.tsv, in file order,
// and their problems (a frame with an error is left out). The slice is
// shared: callers must not modify it.
func (k *KB) Frames() ([]frames.Frame, error) { return loadFrames() }

var loadLexicon = sync.OnceValues(func() (*lexicon, error) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return &lexicon{}, err
	}
	return parseLexicon(sub)
})

// setLexicon gives k its own lexicon (from a knowledge-base folder).
func setLexicon(k *KB, lx *lexicon) { k.lexicon = lx }

// lex returns k's lexicon: its own, or the embedded one.
func (k *KB) lex() *lexicon {
	if k.lexicon != nil {
		return k.lexicon
	}
	lx, _ := loadLexicon()
	return lx
}

// lexiconFiles are the event tables a folder may bring.
var lexiconFiles = []string{ploverFile, classesFile, triggersFile, reportingFile, contextsFile}

// folderLexicon parses the event tables of a knowledge-base folder, each
// absent table taken from the embedded data. It returns nil (use the
// embedded lexicon) when the folder has none of them, or when those it has
// are byte for byte the embedded ones (the embedded data loaded by Default,
// or a copy of it).
func folderLexicon(fsys fs.FS, raw bool) (*lexicon, error) {
	embedded, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, err
	}
	own := false
	for _, name := range lexiconFiles {
		data, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if base, err := fs.ReadFile(embedded, name); err != nil || !bytes.Equal(data, base) {
			own = true
		}
	}
	if !own && !raw {
		return nil, nil
	}
	return parseLexiconMode(overlayFS{fsys, embedded}, raw)
}

// overlayFS opens a file from top, or from base when top has none.
type overlayFS struct{ top, base fs.FS }

func (o overlayFS) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return o.base.Open(name)
	}
	return f, err
}

// LoadLexicon parses the event tables now, if they have not been yet, and
// returns their problems. The lookups load them on first use and then serve
// every valid line; a command that wants the errors shown calls this first.
// A knowledge base with its own tables had them checked by Load: nil.
func (k *KB) LoadLexicon() error {
	if k.lexicon != nil {
		return nil
	}
	_, err := loadLexicon()
	return err
}

// Triggers returns the lexicon entries whose head word is lemma (a verb's
// lemma or a noun's head lemma), longest patterns first, then those with a
// recipient, then in file order. The slice is shared: callers must not
// modify it.
func (k *KB) Triggers(lemma string) []Trigger {
	ts := k.lex().triggers[lemma]
	return ts[:len(ts):len(ts)]
}

// PloverType returns the PLOVER type called name ("ASSAULT").
func (k *KB) PloverType(name event.Type) (PloverType, bool) {
	t, ok := k.lex().types[name]
	return t, ok
}

// PloverTypes returns the names of the 16 PLOVER types, in the manual's order.
func (k *KB) PloverTypes() []event.Type { return event.Types() }

// Reporting finds the longest reporting phrase used for attribution at the
// start of lemmas ("according to" gives n=2, "say" n=1). Matching ignores
// case.
func (k *KB) Reporting(lemmas []string) (n int, ok bool) {
	if len(lemmas) == 0 {
		return 0, false
	}
	for _, p := range k.lex().reporting[strings.ToLower(lemmas[0])] {
		if len(p) > len(lemmas) {
			continue
		}
		match := true
		for i := 1; i < len(p); i++ {
			if !strings.EqualFold(p[i], lemmas[i]) {
				match = false
				break
			}
		}
		if match {
			return len(p), true
		}
	}
	return 0, false
}

// ReportingDate says whether lemma (lower case) is a reporting word of the
// given kind whose date is the day the news was made (use "date" in
// reporting.tsv): "said on Monday", "a Sunday statement".
func (k *KB) ReportingDate(kind ReportingKind, lemma string) bool {
	return k.lex().dating[reportingKey{kind, lemma}]
}

// Contexts returns the PLOVER contexts a lemma signals ("nuclear" → cbrn).
// A phrase is looked up with its lemmas joined by single spaces ("human
// right"). The slice is shared: callers must not modify it.
func (k *KB) Contexts(lemma string) []string {
	cs := k.lex().contexts[lemma]
	return cs[:len(cs):len(cs)]
}

// tsvLine is one data line of a table: its fields and its line number.
type tsvLine struct {
	n      int
	fields []string
}

// readTSV returns the data lines of a table, skipping blank lines and
// "#" comments.
func readTSV(fsys fs.FS, name string) ([]tsvLine, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var lines []tsvLine
	err = wordlist.Rows(name, bytes.NewReader(data), 0, func(n int, f []string) error {
		lines = append(lines, tsvLine{n, f})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return lines, nil
}

// readTable is readTSV for a table whose lines have one field per name in
// columns ("pattern kind use"): a line with another count is reported in
// errs, as "N fields, want M (columns)", and left out.
func readTable(fsys fs.FS, name, columns string, errs *lexErrors) ([]tsvLine, error) {
	lines, err := readTSV(fsys, name)
	want := len(strings.Fields(columns))
	return slices.DeleteFunc(lines, func(l tsvLine) bool {
		if len(l.fields) != want {
			errs.add(name, l.n, "%d fields, want %d (%s)", len(l.fields), want, columns)
			return true
		}
		return false
	}), err
}

// lexErrors collects "file:line: reason" problems.
type lexErrors []error

func (e *lexErrors) add(file string, line int, format string, args ...any) {
	*e = append(*e, fmt.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, args...)))
}

// parseLexicon reads the four tables from the root of fsys. It returns every
// valid entry, and all the problems found joined in one error.
func parseLexicon(fsys fs.FS) (*lexicon, error) { return parseLexiconMode(fsys, false) }

// parseLexiconMode is parseLexicon, optionally in raw CAMEO mode.
func parseLexiconMode(fsys fs.FS, raw bool) (*lexicon, error) {
	lx := &lexicon{
		rawCAMEO:  raw,
		types:     map[event.Type]PloverType{},
		triggers:  map[string][]Trigger{},
		reporting: map[string][][]string{},
		dating:    map[reportingKey]bool{},
		contexts:  map[string][]string{},
		counts:    map[event.Type]int{},
		classes:   map[string]map[string]bool{},
	}
	var errs lexErrors
	lx.parsePlover(fsys, &errs)
	lx.parseClasses(fsys, &errs)
	lx.parseTriggers(fsys, &errs)
	lx.parseReporting(fsys, &errs)
	lx.parseContexts(fsys, &errs)
	return lx, errors.Join(errs...)
}

func (lx *lexicon) parsePlover(fsys fs.FS, errs *lexErrors) {
	lines, err := readTable(fsys, ploverFile, "type quad intensity cameo recipient_required symmetric hostile judging proximity setting modes", errs)
	if err != nil {
		*errs = append(*errs, err)
		return
	}
	first := map[event.Type]int{}
	for _, l := range lines {
		f := l.fields
		name := event.Type(f[0])
		if !slices.Contains(event.Types(), name) {
			errs.add(ploverFile, l.n, "unknown PLOVER type %q", name)
			continue
		}
		if prev, dup := first[name]; dup {
			errs.add(ploverFile, l.n, "type %s already defined on line %d", name, prev)
			continue
		}
		first[name] = l.n
		t := PloverType{Name: name, CAMEO: f[3], Modes: map[string]string{}}
		ok := true
		if q, err := strconv.Atoi(f[1]); err != nil || q < 1 || q > 4 {
			errs.add(ploverFile, l.n, "quad %q is not 1-4", f[1])
			ok = false
		} else {
			t.Quad = q
		}
		if x, err := strconv.ParseFloat(f[2], 64); err != nil || x < -10 || x > 10 {
			errs.add(ploverFile, l.n, "intensity %q is not a number from -10 to 10", f[2])
			ok = false
		} else {
			t.Intensity = x
		}
		if err := checkCAMEO(f[3], name); err != nil {
			errs.add(ploverFile, l.n, "%v", err)
			ok = false
		}
		for i, flag := range []struct {
			column string
			value  *bool
		}{{"recipient_required", &t.RecipientRequired}, {"symmetric", &t.Symmetric}, {"hostile", &t.Hostile},
			{"judging", &t.Judging}, {"proximity", &t.Proximity}, {"setting", &t.Setting}} {
			switch f[4+i] {
			case "yes":
				*flag.value = true
			case "no":
			default:
				errs.add(ploverFile, l.n, "%s %q is not yes or no", flag.column, f[4+i])
				ok = false
			}
		}
		if f[10] != "-" {
			for _, m := range strings.Split(f[10], "|") {
				mode, code, found := strings.Cut(m, "=")
				switch {
				case !found || mode == "":
					errs.add(ploverFile, l.n, "mode %q is not mode=cameo", m)
					ok = false
				case t.Modes[mode] != "":
					errs.add(ploverFile, l.n, "mode %s listed twice", mode)
					ok = false
				default:
					if err := checkCAMEO(code, name); err != nil {
						errs.add(ploverFile, l.n, "mode %s: %v", mode, err)
						ok = false
						continue
					}
					t.Modes[mode] = code
				}
			}
		}
		if ok {
			lx.types[name] = t
		}
	}
	var missing []string
	for _, name := range event.Types() {
		if _, ok := first[name]; !ok {
			missing = append(missing, string(name))
		}
	}
	if len(missing) > 0 {
		*errs = append(*errs, fmt.Errorf("%s: types missing: %s", ploverFile, strings.Join(missing, ", ")))
	}
}

func (lx *lexicon) parseTriggers(fsys fs.FS, errs *lexErrors) {
	lines, err := readTSV(fsys, triggersFile)
	if err != nil {
		*errs = append(*errs, err)
		return
	}
	first := map[string]int{} // "pos pattern" → line
	for _, l := range lines {
		t, err := lx.parseTrigger(l.fields)
		if err != nil {
			errs.add(triggersFile, l.n, "%v", err)
			continue
		}
		key := t.POS + " " + t.String()
		if prev, dup := first[key]; dup {
			errs.add(triggersFile, l.n, "duplicate of line %d (%s %s)", prev, t.POS, t.String())
			continue
		}
		first[key] = l.n
		t.Source = triggersFile + ":" + strconv.Itoa(l.n)
		head := t.Words[t.Head]
		lx.triggers[head] = append(lx.triggers[head], t)
		lx.counts[t.Type]++
	}
	// A symmetric act with its other side after "with" ("share intelligence
	// with +") is also told with both sides as its subject ("Egypt and
	// Jordan shared intelligence"): the pattern without "with +" is read
	// too, unless the table lists it.
	for head, ts := range lx.triggers {
		for _, t := range ts {
			last := len(t.Words) - 1
			if t.POS != "V" || !t.Sym || last < 2 || t.Words[last] != "with" || t.Recipient != last {
				continue
			}
			bare := t
			bare.Words, bare.Recipient = t.Words[:last], -1
			bare.Source = t.Source + withoutWith
			if _, listed := first[bare.POS+" "+bare.String()]; !listed {
				first[bare.POS+" "+bare.String()] = 0
				lx.triggers[head] = append(lx.triggers[head], bare)
			}
		}
	}
	for _, ts := range lx.triggers {
		slices.SortStableFunc(ts, func(a, b Trigger) int {
			if len(a.Words) != len(b.Words) {
				return len(b.Words) - len(a.Words)
			}
			ar, br := a.Recipient >= 0, b.Recipient >= 0
			switch {
			case ar && !br:
				return -1
			case br && !ar:
				return 1
			}
			return 0
		})
	}
}

// withoutWith ends the Source of a pattern read from a symmetric one
// without its "with +" ("triggers.tsv:837 without with +").
const withoutWith = " without with +"

// parseTrigger checks one line of triggers.tsv and builds its entry.
func (lx *lexicon) parseTrigger(f []string) (Trigger, error) {
	var t Trigger
	if len(f) != 6 {
		return t, fmt.Errorf("%d fields, want 6 (pos pattern type mode cameo flags)", len(f))
	}
	t.POS = f[0]
	if t.POS != "V" && t.POS != "N" {
		return t, fmt.Errorf("pos %q is not V or N", f[0])
	}
	toks := strings.Fields(f[1])
	if len(toks) == 0 {
		return t, errors.New("empty pattern")
	}
	if strings.Join(toks, " ") != f[1] {
		return t, fmt.Errorf("pattern %q has extra spaces", f[1])
	}
	plus := -1
	for i, w := range toks {
		if w == "+" {
			if plus >= 0 {
				return t, fmt.Errorf("pattern %q has two \"+\"", f[1])
			}
			plus = i
			continue
		}
		if strings.Contains(w, "+") {
			return t, fmt.Errorf("pattern %q: \"+\" must be a word of its own", f[1])
		}
		if class, ok := strings.CutPrefix(w, "@"); ok {
			if lx.classes[class] == nil {
				return t, fmt.Errorf("pattern %q: no word class %q in %s", f[1], class, classesFile)
			}
			if i == 0 {
				return t, fmt.Errorf("pattern %q starts with a word class", f[1])
			}
			continue
		}
		if strings.ToLower(w) != w {
			return t, fmt.Errorf("pattern %q: %q is not a lower-case lemma", f[1], w)
		}
	}
	if plus == 0 {
		return t, fmt.Errorf("pattern %q starts with \"+\"", f[1])
	}
	if IsPreposition(toks[0]) {
		return t, fmt.Errorf("pattern %q starts with a preposition", f[1])
	}
	t.Recipient = -1
	if plus > 0 {
		t.Recipient = plus - 1
		t.Words = slices.Concat(toks[:plus], toks[plus+1:])
	} else {
		t.Words = toks
	}
	if t.POS == "N" {
		if plus > 0 && (plus != len(toks)-1 || !IsPreposition(toks[plus-1])) {
			return t, fmt.Errorf("noun pattern %q: \"+\" must end the pattern, after a preposition", f[1])
		}
		t.Head = len(t.Words) - 1
		for i, w := range t.Words {
			if IsPreposition(w) {
				t.Head = i - 1
				break
			}
		}
	}
	if strings.HasPrefix(t.Words[t.Head], "@") {
		return t, fmt.Errorf("pattern %q: the head word is a word class", f[1])
	}
	if lx.rawCAMEO && f[2] == "-" {
		// A raw CAMEO line: the code as the dictionary wrote it, no type.
		if f[3] != "-" {
			return t, fmt.Errorf("raw CAMEO line with mode %q: a line without a type has no mode", f[3])
		}
		if f[4] == "" || f[4] == "-" || strings.ContainsAny(f[4], " \t") {
			return t, fmt.Errorf("raw CAMEO line without a code")
		}
		t.CAMEO = f[4]
		return lx.parseFlags(t, f)
	}
	t.Type = event.Type(f[2])
	pt, ok := lx.types[t.Type]
	if !ok {
		if slices.Contains(event.Types(), t.Type) {
			return t, fmt.Errorf("type %s has no valid line in %s", t.Type, ploverFile)
		}
		return t, fmt.Errorf("unknown PLOVER type %q", t.Type)
	}
	if f[3] != "-" {
		if _, ok := pt.Modes[f[3]]; !ok {
			return t, fmt.Errorf("mode %q is not a mode of %s (%s)", f[3], t.Type, modeList(pt))
		}
		t.Mode = f[3]
	}
	if err := checkCAMEO(f[4], t.Type); err != nil {
		return t, err
	}
	t.CAMEO = f[4]
	return lx.parseFlags(t, f)
}

// parseFlags reads the flags column of a trigger line and checks them
// against the pattern.
func (lx *lexicon) parseFlags(t Trigger, f []string) (Trigger, error) {
	if f[5] != "-" {
		seen := map[string]bool{}
		for _, fl := range strings.Split(f[5], ",") {
			if seen[fl] {
				return t, fmt.Errorf("flag %q listed twice", fl)
			}
			seen[fl] = true
			switch fl {
			case "sym":
				t.Sym = true
			case "norecip":
				t.NoRecip = true
			case "weak":
				t.Weak = true
			case "say":
				t.Say = true
			case "intrans":
				t.Intransitive = true
			default:
				return t, fmt.Errorf("unknown flag %q (want sym, norecip, weak, say, intrans)", fl)
			}
		}
	}
	if t.NoRecip && t.Recipient >= 0 {
		return t, fmt.Errorf("pattern %q has a \"+\" but is flagged norecip", f[1])
	}
	// weak entries need a resolved recipient: without "+" (or sym
	// conjuncts) they could never be coded, so such a line is a mistake.
	if t.Weak && !t.Sym && t.Recipient < 0 {
		return t, fmt.Errorf("pattern %q is flagged weak but has neither \"+\" nor sym, so it could never be coded", f[1])
	}
	return t, nil
}

func modeList(pt PloverType) string {
	if len(pt.Modes) == 0 {
		return "it has none"
	}
	modes := make([]string, 0, len(pt.Modes))
	for m := range pt.Modes {
		modes = append(modes, m)
	}
	slices.Sort(modes)
	return strings.Join(modes, ", ")
}

// lemmaPhrase splits a table's phrase into its words, reporting whether it
// is written as lower-case lemmas separated by single spaces.
func lemmaPhrase(s string) ([]string, bool) {
	words := strings.Fields(s)
	return words, len(words) > 0 && strings.Join(words, " ") == s && strings.ToLower(s) == s
}

func (lx *lexicon) parseReporting(fsys fs.FS, errs *lexErrors) {
	lines, err := readTable(fsys, reportingFile, "pattern kind use", errs)
	if err != nil {
		*errs = append(*errs, err)
		return
	}
	first := map[reportingKey]int{}
	for _, l := range lines {
		f := l.fields
		words, ok := lemmaPhrase(f[0])
		if !ok {
			errs.add(reportingFile, l.n, "pattern %q is not lower-case lemmas separated by single spaces", f[0])
			continue
		}
		if !slices.Contains(reportingKinds, f[1]) {
			errs.add(reportingFile, l.n, "unknown kind %q (want %s)", f[1], strings.Join(reportingKinds, ", "))
			continue
		}
		key := reportingKey{ReportingKind(f[1]), f[0]}
		if prev, dup := first[key]; dup {
			errs.add(reportingFile, l.n, "duplicate of line %d (%s)", prev, f[0])
			continue
		}
		var attribution, date bool
		for _, u := range strings.Split(f[2], ",") {
			switch u {
			case useAttribution:
				attribution = true
			case useDate:
				date = true
			default:
				errs.add(reportingFile, l.n, "unknown use %q (want %s, %s or both, comma-separated)", u, useAttribution, useDate)
				ok = false
			}
		}
		switch {
		case !ok:
			continue
		case attribution && key.kind != Say:
			errs.add(reportingFile, l.n, "a %s is not used for attribution: only say entries are", key.kind)
			continue
		case date && len(words) > 1:
			errs.add(reportingFile, l.n, "%q: only single words are used for dates", f[0])
			continue
		}
		first[key] = l.n
		if attribution {
			lx.reporting[words[0]] = append(lx.reporting[words[0]], words)
		}
		if date {
			lx.dating[key] = true
		}
	}
	for _, ps := range lx.reporting {
		slices.SortStableFunc(ps, func(a, b []string) int { return len(b) - len(a) })
	}
}

// parseClasses reads the word classes trigger patterns may name with "@"
// ("deliver @relief to +"): lines of class and lemma.
func (lx *lexicon) parseClasses(fsys fs.FS, errs *lexErrors) {
	lines, err := readTable(fsys, classesFile, "class lemma", errs)
	if errors.Is(err, fs.ErrNotExist) {
		return // no classes: patterns may not name any
	}
	if err != nil {
		*errs = append(*errs, err)
		return
	}
	first := map[string]int{}
	for _, l := range lines {
		f := l.fields
		if _, ok := lemmaPhrase(f[0]); !ok || strings.Contains(f[0], " ") {
			errs.add(classesFile, l.n, "class %q is not one lower-case word", f[0])
			continue
		}
		if _, ok := lemmaPhrase(f[1]); !ok || strings.Contains(f[1], " ") {
			errs.add(classesFile, l.n, "lemma %q is not one lower-case word", f[1])
			continue
		}
		key := f[0] + "\t" + f[1]
		if prev, dup := first[key]; dup {
			errs.add(classesFile, l.n, "duplicate of line %d (%s %s)", prev, f[0], f[1])
			continue
		}
		first[key] = l.n
		if lx.classes[f[0]] == nil {
			lx.classes[f[0]] = map[string]bool{}
		}
		lx.classes[f[0]][f[1]] = true
	}
}

// InClass says whether lemma is a word of the trigger patterns' word class
// (word_classes.tsv: "relief" holds "food", "medicine", ...).
func (k *KB) InClass(class, lemma string) bool { return k.lex().classes[class][lemma] }

func (lx *lexicon) parseContexts(fsys fs.FS, errs *lexErrors) {
	lines, err := readTable(fsys, contextsFile, "lemma context", errs)
	if err != nil {
		*errs = append(*errs, err)
		return
	}
	first := map[string]int{}
	for _, l := range lines {
		f := l.fields
		if _, ok := lemmaPhrase(f[0]); !ok {
			errs.add(contextsFile, l.n, "lemma %q is not lower-case lemmas separated by single spaces", f[0])
			continue
		}
		if !slices.Contains(ploverContexts, f[1]) {
			errs.add(contextsFile, l.n, "unknown PLOVER context %q", f[1])
			continue
		}
		key := f[0] + "\t" + f[1]
		if prev, dup := first[key]; dup {
			errs.add(contextsFile, l.n, "duplicate of line %d (%s %s)", prev, f[0], f[1])
			continue
		}
		first[key] = l.n
		lx.contexts[f[0]] = append(lx.contexts[f[0]], f[1])
	}
}
