package kb

import (
	"bufio"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/parley-events/parley/event"
)

// embeddedLexicon parses the embedded event tables afresh (not through the
// process-wide cache), so each test sees their errors.
func embeddedLexicon(t *testing.T) *lexicon {
	t.Helper()
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		t.Fatal(err)
	}
	lx, err := parseLexicon(sub)
	if err != nil {
		t.Fatalf("embedded event tables do not validate:\n%v", err)
	}
	return lx
}

// TestEmbeddedLexicon checks that the shipped tables validate with no error,
// define all 16 PLOVER types, give every type triggers and use every mode.
func TestEmbeddedLexicon(t *testing.T) {
	lx := embeddedLexicon(t)
	if len(lx.types) != 16 {
		t.Errorf("plover.tsv defines %d types, want 16", len(lx.types))
	}
	used := map[string]bool{} // "TYPE mode"
	total := 0
	for _, ts := range lx.triggers {
		for _, tr := range ts {
			used[string(tr.Type)+" "+tr.Mode] = true
			total++
		}
	}
	for _, name := range event.Types() {
		// A type with a handful of triggers would leave whole classes of
		// news phrasing uncoded; every type has dozens.
		if n := lx.counts[name]; n < 50 {
			t.Errorf("type %s has %d triggers, want at least 50", name, n)
		}
		for mode := range lx.types[name].Modes {
			if !used[string(name)+" "+mode] {
				t.Errorf("mode %s of %s has no trigger", mode, name)
			}
		}
	}
	if total < 800 {
		t.Errorf("%d triggers, want at least 800", total)
	}
	t.Logf("%d triggers: %v", total, lx.counts)
}

// TestTriggerPatternsRoundTrip rebuilds each pattern from Words, Head and
// Recipient and compares it with the file, so the indexes the event engine
// relies on are right for every line.
func TestTriggerPatternsRoundTrip(t *testing.T) {
	lx := embeddedLexicon(t)
	f, err := dataFS.Open("data/" + triggersFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	patterns := map[string]string{} // "triggers.tsv:N" → pattern column
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) == 6 && !strings.HasPrefix(cols[0], "#") {
			patterns[triggersFile+":"+strconv.Itoa(n)] = cols[1]
		}
	}
	checked := 0
	for head, ts := range lx.triggers {
		for i, tr := range ts {
			if line, derived := strings.CutSuffix(tr.Source, withoutWith); derived {
				// Read from a symmetric pattern without its "with +".
				if want := patterns[line]; tr.String()+" with +" != want || !tr.Sym {
					t.Errorf("%s: derived %q from %q", tr.Source, tr.String(), want)
				}
				continue
			} else if want := patterns[tr.Source]; tr.String() != want {
				t.Errorf("%s: rebuilt %q, file has %q", tr.Source, tr.String(), want)
			}
			if tr.Words[tr.Head] != head {
				t.Errorf("%s: indexed under %q but head is %q", tr.Source, head, tr.Words[tr.Head])
			}
			if tr.POS == "N" && tr.Head+1 < len(tr.Words) && !IsPreposition(tr.Words[tr.Head+1]) {
				t.Errorf("%s: noun head %q is not followed by a preposition", tr.Source, tr.Words[tr.Head])
			}
			if i > 0 && len(ts[i-1].Words) < len(tr.Words) {
				t.Errorf("Triggers(%q): %s (%d words) after %s (%d words)", head, tr.Source, len(tr.Words), ts[i-1].Source, len(ts[i-1].Words))
			}
			checked++
		}
	}
	if checked != len(patterns) {
		t.Errorf("%d entries indexed, file has %d", checked, len(patterns))
	}
}

func findTrigger(ts []Trigger, pos, pattern string) (Trigger, bool) {
	for _, tr := range ts {
		if tr.POS == pos && tr.String() == pattern {
			return tr, true
		}
	}
	return Trigger{}, false
}

func TestTriggersLookup(t *testing.T) {
	k := &KB{}
	cases := []struct {
		lemma, pos, pattern string
		typ, mode, cameo    string
		head, recipient     int
		sym, weak           bool
	}{
		{"meet", "V", "meet with +", "CONSULT", "", "040", 0, 1, true, false},
		{"talk", "N", "talk with +", "CONSULT", "", "040", 0, 1, true, false},
		{"visit", "V", "visit +", "CONSULT", "visit", "042", 0, 0, false, false},
		{"strike", "N", "air strike on +", "ASSAULT", "aerial", "195", 1, 2, false, false},
		{"attack", "N", "drone attack on +", "ASSAULT", "drone", "195", 1, 2, false, false},
		{"incursion", "N", "incursion into +", "ASSAULT", "", "190", 0, 1, false, false},
		{"condemn", "V", "condemn +", "ACCUSE", "disapprove", "111", 0, 0, false, false},
		{"accuse", "V", "accuse + of", "ACCUSE", "allege", "112", 0, 0, false, false},
		{"call", "V", "call on + to", "REQUEST", "", "100", 0, 1, false, false},
		{"call", "V", "call for ceasefire", "REQUEST", "yield", "1056", 0, -1, false, false},
		{"give", "V", "give mark to +", "SUPPORT", "", "051", 0, 2, false, false},
		{"support", "V", "support +", "SUPPORT", "", "051", 0, 0, false, true},
		{"blockade", "N", "blockade of +", "COERCE", "restrict", "191", 0, 1, false, false},
		{"detain", "V", "detain +", "COERCE", "arrest", "173", 0, 0, false, false},
		{"sanction", "N", "sanction on +", "SANCTION", "", "163", 0, 1, false, false},
		{"ceasefire", "N", "ceasefire", "RETREAT", "ceasefire", "0871", 0, -1, true, false},
		{"agreement", "N", "ceasefire agreement", "AGREE", "", "0356", 1, -1, true, false},
		{"cessation", "N", "cessation of hostility", "RETREAT", "ceasefire", "0871", 0, -1, true, false},
		{"drill", "N", "military drill in +", "MOBILIZE", "troops", "150", 1, 2, false, false},
		{"rally", "N", "rally against +", "PROTEST", "demo", "141", 0, 1, false, false},
		{"threaten", "V", "threaten +", "THREATEN", "", "130", 0, 0, false, true},
		{"veto", "V", "veto +", "REJECT", "yield", "129", 0, 0, false, false},
	}
	for _, c := range cases {
		ts := k.Triggers(c.lemma)
		tr, ok := findTrigger(ts, c.pos, c.pattern)
		if !ok {
			t.Errorf("Triggers(%q) has no %s %q", c.lemma, c.pos, c.pattern)
			continue
		}
		if string(tr.Type) != c.typ || tr.Mode != c.mode || tr.CAMEO != c.cameo || tr.Head != c.head ||
			tr.Recipient != c.recipient || tr.Sym != c.sym || tr.Weak != c.weak {
			t.Errorf("%s %q = %s/%s/%s head %d recipient %d sym %v weak %v, want %s/%s/%s head %d recipient %d sym %v weak %v",
				c.pos, c.pattern, tr.Type, tr.Mode, tr.CAMEO, tr.Head, tr.Recipient, tr.Sym, tr.Weak,
				c.typ, c.mode, c.cameo, c.head, c.recipient, c.sym, c.weak)
		}
		if !strings.HasPrefix(tr.Source, "triggers.tsv:") {
			t.Errorf("%q: source %q", c.pattern, tr.Source)
		}
	}
	// Longest first: "meet with +" comes before "meet".
	ts := k.Triggers("meet")
	iWith, iBare := -1, -1
	for i, tr := range ts {
		switch tr.String() {
		case "meet with +":
			iWith = i
		case "meet":
			iBare = i
		}
	}
	if iWith < 0 || iBare < 0 || iWith > iBare {
		t.Errorf("Triggers(meet): \"meet with +\" at %d, \"meet\" at %d; want the longer first", iWith, iBare)
	}
	if got := k.Triggers("the"); len(got) != 0 {
		t.Errorf("Triggers(the) = %d entries, want none", len(got))
	}
}

func TestPloverType(t *testing.T) {
	k := &KB{}
	a, ok := k.PloverType("ASSAULT")
	if !ok || a.Quad != 4 || a.Intensity != -9 || a.CAMEO != "19" || a.RecipientRequired ||
		a.Modes["aerial"] != "195" || a.Modes["abduct"] != "181" || len(a.Modes) != 15 {
		t.Errorf("ASSAULT = %+v", a)
	}
	s, ok := k.PloverType("SANCTION")
	if !ok || !s.RecipientRequired || s.Modes["expel"] != "166" {
		t.Errorf("SANCTION = %+v", s)
	}
	if c, ok := k.PloverType("CONSULT"); !ok || c.Quad != 1 || c.Modes["visit"] != "042" || c.Modes["phone"] != "041" {
		t.Errorf("CONSULT = %+v", c)
	}
	if ag, ok := k.PloverType("AGREE"); !ok || len(ag.Modes) != 0 {
		t.Errorf("AGREE = %+v, want no modes", ag)
	}
	if _, ok := k.PloverType("FIGHT"); ok {
		t.Error("PloverType(FIGHT) found")
	}
	if got := k.PloverTypes(); len(got) != 16 || got[0] != "AGREE" || got[15] != "ASSAULT" {
		t.Errorf("PloverTypes() = %v", got)
	}
}

func TestReporting(t *testing.T) {
	k := &KB{}
	cases := []struct {
		lemmas []string
		n      int
	}{
		{[]string{"according", "to", "the", "embassy"}, 2},
		{[]string{"According", "to"}, 2},
		{[]string{"say", "that"}, 1},
		{[]string{"tell", "reporter"}, 1},
		{[]string{"point", "out"}, 2},
		{[]string{"point"}, 0},
		{[]string{"according"}, 0},
		{[]string{"attack"}, 0},
		{[]string{"accuse"}, 0},
		{nil, 0},
	}
	for _, c := range cases {
		n, ok := k.Reporting(c.lemmas)
		if n != c.n || ok != (c.n > 0) {
			t.Errorf("Reporting(%q) = %d, %v; want %d", c.lemmas, n, ok, c.n)
		}
	}
}

func TestContexts(t *testing.T) {
	k := &KB{}
	cases := map[string]string{
		"nuclear": "cbrn", "refugee": "migration", "election": "election",
		"terrorist": "terrorism", "sanction": "economic", "human right": "human_rights",
		"peacekeeper": "peacekeeping", "cyberattack": "cyber", "corruption": "corruption",
	}
	for lemma, want := range cases {
		if got := k.Contexts(lemma); !slices.Contains(got, want) {
			t.Errorf("Contexts(%q) = %v, want %s among them", lemma, got, want)
		}
	}
	if got := k.Contexts("the"); got != nil && len(got) != 0 {
		t.Errorf("Contexts(the) = %v", got)
	}
}

func TestIsPreposition(t *testing.T) {
	for _, w := range []string{"on", "against", "with", "into", "towards", "upon", "between"} {
		if !IsPreposition(w) {
			t.Errorf("IsPreposition(%q) = false", w)
		}
	}
	for _, w := range []string{"the", "+", "near", "On", "attack", ""} {
		if IsPreposition(w) {
			t.Errorf("IsPreposition(%q) = true", w)
		}
	}
}

func TestCameoTypes(t *testing.T) {
	cases := []struct {
		code string
		want []event.Type // nil: error
	}{
		{"040", []event.Type{"CONSULT"}},
		{"04", []event.Type{"CONSULT"}},
		{"083", []event.Type{"CONCEDE"}},
		{"0841", []event.Type{"RETREAT"}},
		{"080", []event.Type{"CONCEDE", "RETREAT"}},
		{"0813", []event.Type{"CONCEDE", "RETREAT"}},
		{"090", []event.Type{"ACCUSE"}},
		{"116", []event.Type{"ACCUSE", "SANCTION"}},
		{"1712", []event.Type{"COERCE", "ASSAULT"}},
		{"195", []event.Type{"ASSAULT"}},
		{"202", []event.Type{"ASSAULT"}},
		{"012", nil},
		{"5", nil},
		{"12345", nil},
		{"1a0", nil},
		{"089", nil},
	}
	for _, c := range cases {
		got, err := cameoTypes(c.code)
		if c.want == nil {
			if err == nil {
				t.Errorf("cameoTypes(%q) = %v, want an error", c.code, got)
			}
			continue
		}
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("cameoTypes(%q) = %v, %v; want %v", c.code, got, err, c.want)
		}
	}
}

// TestBadLexicon parses tables with deliberate errors and checks that each
// is reported with its file and line, and that the valid lines still load.
func TestBadLexicon(t *testing.T) {
	lx, err := parseLexicon(os.DirFS("testdata/triggers-bad"))
	if err == nil {
		t.Fatal("no error from testdata/triggers-bad")
	}
	msg := err.Error()
	want := []string{
		`plover.tsv:7: unknown PLOVER type "FIGHT"`,
		`plover.tsv:8: CAMEO code 12 is REJECT in PLOVER, not REQUEST`,
		`plover.tsv:9: quad "5" is not 1-4`,
		`plover.tsv:9: recipient_required "maybe" is not yes or no`,
		`plover.tsv:10: type CONSULT already defined on line 3`,
		`plover.tsv: types missing: SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, ACCUSE, REJECT, THREATEN, MOBILIZE`,
		`triggers.tsv:3: duplicate of line 2 (V meet with +)`,
		`triggers.tsv:4: mode "napalm" is not a mode of ASSAULT (aerial, drone)`,
		`triggers.tsv:5: CAMEO code "5" is not 2-4 digits`,
		`triggers.tsv:6: CAMEO code 190 is ASSAULT in PLOVER, not COERCE`,
		`triggers.tsv:7: pattern "+ on attack" starts with "+"`,
		`triggers.tsv:8: noun pattern "attack + on": "+" must end the pattern, after a preposition`,
		`triggers.tsv:9: pattern "attack + +" has two "+"`,
		`triggers.tsv:10: pos "X" is not V or N`,
		`triggers.tsv:11: unknown PLOVER type "HARM"`,
		`triggers.tsv:12: pattern "Attack +": "Attack" is not a lower-case lemma`,
		`triggers.tsv:13: unknown flag "loud"`,
		`triggers.tsv:14: pattern "talk to +" has a "+" but is flagged norecip`,
		`triggers.tsv:15: 5 fields, want 6`,
		`triggers.tsv:16: pattern "on attack" starts with a preposition`,
		`triggers.tsv:17: type REQUEST has no valid line in plover.tsv`,
		`triggers.tsv:20: CAMEO root 02 is not coded in PLOVER`,
		`triggers.tsv:21: pattern "promise" is flagged weak but has neither "+" nor sym, so it could never be coded`,
		`reporting.tsv:4: unknown kind "yell"`,
		`reporting.tsv:5: duplicate of line 2 (say)`,
		`reporting.tsv:6: pattern "According To" is not lower-case`,
		`reporting.tsv:7: a statement is not used for attribution: only say entries are`,
		`reporting.tsv:8: "make clear": only single words are used for dates`,
		`reporting.tsv:9: unknown use "rumour" (want attribution, date or both, comma-separated)`,
		`contexts.tsv:3: unknown PLOVER context "weather"`,
		`contexts.tsv:4: duplicate of line 2 (nuclear cbrn)`,
		`contexts.tsv:5: 1 fields, want 2`,
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("missing error %q", w)
		}
	}
	if got, want := strings.Count(msg, "\n")+1, len(want); got != want {
		t.Errorf("%d errors, want %d:\n%s", got, want, msg)
	}
	// The valid lines are served.
	if _, ok := findTrigger(lx.triggers["meet"], "V", "meet with +"); !ok {
		t.Error(`valid line "meet with +" not loaded`)
	}
	if tr, ok := findTrigger(lx.triggers["strike"], "N", "air strike on +"); !ok || tr.Source != "triggers.tsv:19" {
		t.Errorf(`valid line "air strike on +" = %+v, %v; want it from line 19`, tr, ok)
	}
	if _, ok := lx.types["PROTEST"]; ok {
		t.Error("invalid PROTEST line loaded")
	}
	if got := lx.contexts["nuclear"]; !slices.Equal(got, []string{"cbrn"}) {
		t.Errorf("contexts[nuclear] = %v", got)
	}
}

// TestMissingTables reports a missing file by name instead of failing silently.
func TestMissingTables(t *testing.T) {
	_, err := parseLexicon(os.DirFS(t.TempDir()))
	if err == nil {
		t.Fatal("no error for an empty folder")
	}
	for _, name := range []string{ploverFile, triggersFile, reportingFile, contextsFile} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not name %s: %v", name, err)
		}
	}
}

func BenchmarkTriggers(b *testing.B) {
	k := &KB{}
	lemmas := []string{"the", "strike", "attack", "meet", "say", "government", "condemn", "talk", "on", "Gaza"}
	k.Triggers("warm up")
	b.ReportAllocs()
	n := 0
	for i := 0; b.Loop(); i++ {
		n += len(k.Triggers(lemmas[i%len(lemmas)]))
	}
	_ = n
}

func BenchmarkReporting(b *testing.B) {
	k := &KB{}
	sents := [][]string{{"according", "to", "the", "embassy"}, {"say", "that"}, {"attack", "on"}, {"point", "out"}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k.Reporting(sents[i%len(sents)])
	}
}

// The embedded argument frames parse, and each names its role.
func TestEmbeddedFrames(t *testing.T) {
	fs, err := Default().Frames()
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) < 5 {
		t.Fatalf("%d frames", len(fs))
	}
	for _, f := range fs {
		if f.Role == "" || !strings.HasPrefix(f.Source, "frames.tsv:") {
			t.Errorf("frame %+v", f)
		}
	}
}

// Word classes: a pattern names one with "@", only one defined in
// word_classes.tsv, and never as its head word.
func TestWordClasses(t *testing.T) {
	base, err := fs.Sub(dataFS, "data")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"word_classes.tsv": {Data: []byte("# class\tlemma\nrelief\tfood\nrelief\tfood\nRelief\tfuel\nrelief\n")},
		"triggers.tsv": {Data: []byte("V\tdeliver @relief to +\tAID\t-\t070\t-\n" +
			"V\tdeliver @cargo to +\tAID\t-\t070\t-\n" +
			"N\t@relief convoy\tAID\t-\t070\t-\n")},
	}
	_, err = parseLexicon(overlayFS{fsys, base})
	for _, want := range []string{
		"word_classes.tsv:3: duplicate of line 2 (relief food)",
		`word_classes.tsv:4: class "Relief" is not one lower-case word`,
		"word_classes.tsv:5: 1 fields, want 2 (class lemma)",
		`triggers.tsv:2: pattern "deliver @cargo to +": no word class "cargo" in word_classes.tsv`,
		`triggers.tsv:3: pattern "@relief convoy" starts with a word class`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v\nwant %q", err, want)
		}
	}
	if k := Default(); !k.InClass("relief", "medicine") || !k.InClass("arms", "howitzer") || k.InClass("relief", "howitzer") {
		t.Error("embedded classes")
	}
}
