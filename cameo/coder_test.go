package cameo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/nlp"
)

// testDicts writes small PETRARCH dictionaries and loads them.
func testDicts(t testing.TB) *Dictionaries {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"t.actors.txt": "ARNOR [ARN]\nGONDOR [GON]\nMINAS_TIRITH [GON]\nTHE_SHIRE [FRO/SAM]\nGOLLUM\n\t[HOB <19990101]\n\t[HOBREB >19990102]\n",
		"t.agents.txt": "GOVERNMENT [~GOV]\nSOLDIER [~MIL]\nMSF [NGO~]\nPOLICE {} [~COP]\n",
		"t.verbs.txt": "&TIETYPES\n+ECONOMIC\n+MILITARY\n\n--- RESTORE [064] ---\nRESTORE\n- * &TIETYPES_TIES [065]\n- NOT_* [112]\n\n" +
			"--- ATTACK [190] ---\nATTACK\n\n--- MEET [031:032] ---\nMEET {MET MEETS MEETING}\n\n--- AGREE [081] ---\nAGREE\n- % * [030:030]\n\n" +
			"--- SAY [---] ---\nSAY {SAID SAYS}\n",
		"t.discards.txt": "+TYPHOON\nBASEBALL\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := FilesIn(dir)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func code(t *testing.T, c *Coder, text string, day time.Time) []string {
	t.Helper()
	d := &doc.Document{ID: "t", Date: day, Text: text}
	nlp.Annotate(d)
	evs, _ := c.Code(d)
	var out []string
	for _, e := range evs {
		out = append(out, e.Source+" "+e.Target+" "+e.Code)
	}
	return out
}

// How sentences code: the verb's own code, a pattern with a synset that
// must follow the verb's object word directly, agents joined to actors,
// a negated pattern, paired codes, compounds, passives, dated actor codes
// and discards.
func TestCodeSentences(t *testing.T) {
	c := New(testDicts(t))
	day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		text string
		want string
	}{
		{"Arnor restored diplomatic ties with Gondor.", "ARN GON 064"},
		{"Arnor restored economic ties with Gondor.", "ARN GON 065"},
		{"Arnor restored economic and cultural ties with Gondor.", "ARN GON 064"}, // TIETYPES_TIES must be adjacent
		{"The Arnor government did not restore ties with Gondor.", "ARNGOV GON 112"},
		{"Soldiers from Gondor attacked MSF Arnor.", "GONMIL NGOARN 190"},
		{"Arnor met Gondor police on Monday.", "ARN GONCOP 031|GONCOP ARN 032"},
		{"Arnor and Gondor agree that the war must end.", "ARN GON 030|GON ARN 030"},
		{"Gondor was attacked by Arnor.", "ARN GON 190"},
		{"Gollum attacked Gondor.", "HOBREB GON 190"},
		{"The Shire attacked Gondor.", "FRO GON 190|SAM GON 190"},
		{"Arnor attacked Gondor after a typhoon.", ""},
		{"Arnor said Gondor lost a baseball game.", ""},
	} {
		got := strings.Join(code(t, c, tc.text, day), "|")
		if got != tc.want {
			t.Errorf("%q\n got  %q\n want %q", tc.text, got, tc.want)
		}
	}
	// Before the date restriction changes, Gollum is HOB.
	if got := strings.Join(code(t, c, "Gollum attacked Gondor.", time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC)), "|"); got != "HOB GON 190" {
		t.Errorf("Gollum in 1995: %q, want HOB GON 190", got)
	}
}

// Comma clauses are removed before coding as PETRARCH does: between two
// commas (Min..Max words), after the last comma (EMin..EMax); a zero
// maximum turns a kind off.
func TestCommaClauses(t *testing.T) {
	kept := func(text string, o CommaOptions) string {
		d := &doc.Document{ID: "t", Text: text}
		nlp.Annotate(d)
		s := newSentence(d, d.Sentences[0], nil)
		s.buildPhrases(func([]string) string { return "---" })
		s.deleteCommaClauses(o)
		var ws []string
		for i, w := range s.words {
			if !s.deleted[i] && w != "" {
				ws = append(ws, w)
			}
		}
		return strings.Join(ws, " ")
	}
	text := "Arnor, in a statement on Monday, attacked the capital of Gondor in the early hours of the day, officials said."
	for _, tc := range []struct {
		o    CommaOptions
		want string
	}{
		{DefaultCommas, "ARNOR , ATTACKED THE CAPITAL OF GONDOR IN THE EARLY HOURS OF THE DAY"},
		{CommaOptions{Min: 2, Max: 8}, "ARNOR , ATTACKED THE CAPITAL OF GONDOR IN THE EARLY HOURS OF THE DAY , OFFICIALS SAID"},
		{CommaOptions{EMin: 2, EMax: 8}, "ARNOR , IN A STATEMENT ON MONDAY , ATTACKED THE CAPITAL OF GONDOR IN THE EARLY HOURS OF THE DAY"},
		{CommaOptions{}, "ARNOR , IN A STATEMENT ON MONDAY , ATTACKED THE CAPITAL OF GONDOR IN THE EARLY HOURS OF THE DAY , OFFICIALS SAID"},
	} {
		if got := kept(text, tc.o); got != tc.want {
			t.Errorf("%+v:\n got  %s\n want %s", tc.o, got, tc.want)
		}
	}
}

func TestCompilePattern(t *testing.T) {
	p, why := compilePattern("SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS", "111", 1)
	if why != "" {
		t.Fatal(why)
	}
	if len(p.upper) != 2 || p.upper[0].word != "SUGGESTED" || p.upper[1].kind != '+' || !p.upper[1].adjPrev || p.upper[1].adjNext {
		t.Errorf("upper = %+v", p.upper)
	}
	if len(p.lower) != 3 || p.lower[1].kind != 's' || !p.lower[1].adjPrev || !p.lower[2].adjPrev || p.lower[0].adjPrev {
		t.Errorf("lower = %+v", p.lower)
	}
	for _, bad := range []struct{ text, code, why string }{
		{"DEMAND", "111", "pattern without the verb mark '*'"},
		{"* DEMAND", "xxy", "pattern code is not a CAMEO code"},
		{"* * DEMAND", "111", "pattern with two verb marks"},
	} {
		if _, why := compilePattern(bad.text, bad.code, 1); why != bad.why {
			t.Errorf("compilePattern(%q, %q) = %q, want %q", bad.text, bad.code, why, bad.why)
		}
	}
}

// Any text codes without a panic, and every event has both codes and a
// verb inside the document.
func FuzzCode(f *testing.F) {
	for _, s := range []string{"Arnor restored diplomatic ties with Gondor.", "Arnor and Gondor agree, Minas Tirith said.",
		"The Shire, , and attacked by", "MSF Arnor police met MSF."} {
		f.Add(s)
	}
	c := New(testDicts(f))
	// Load the models now: the fuzzer gives each input a few seconds,
	// less than loading takes on a busy machine.
	nlp.Annotate(&doc.Document{ID: "warm", Text: "Arnor met Gondor."})
	f.Fuzz(func(t *testing.T, text string) {
		d := &doc.Document{ID: "f", Date: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), Text: text}
		nlp.Annotate(d)
		evs, _ := c.Code(d)
		for _, e := range evs {
			if e.Source == "" || e.Target == "" || e.Code == "" || e.Verb < 0 || e.Verb >= len(d.Tokens) {
				t.Fatalf("bad event %+v in %q", e, text)
			}
		}
	})
}

// Explain shows the coder's view: tokens, phrases with their codes, events.
func TestExplain(t *testing.T) {
	c := New(testDicts(t))
	d := &doc.Document{ID: "t", Date: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), Text: "Soldiers from Gondor attacked MSF Arnor."}
	nlp.Annotate(d)
	var b strings.Builder
	if err := c.Explain(&b, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# sentence 1: Soldiers from Gondor attacked MSF Arnor.", "phrase: SOLDIERS FROM GONDOR = GONMIL",
		"phrase: MSF ARNOR = NGOARN", `event GONMIL NGOARN 190  verb "attacked"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("explanation lacks %q:\n%s", want, b.String())
		}
	}
}
