package dict

import (
	"reflect"
	"testing"
)

func TestParseActors(t *testing.T) {
	src := "# header\nAFGHANISTAN_  [AFG]\n+AFGHAN_ \n+KABUL_ ; capital\n\n" +
		"GOLLUM  # pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\n" +
		"<!-- a\ncomment -->\nU.N._\nUN_SECRETARY_GENERAL\n\t[IGOUNO]\n\tBAD\n"
	actors, skips := ParseActors("t.actors.txt", src)
	if len(skips) != 0 || len(actors) != 3 {
		t.Fatalf("actors %+v skips %+v", actors, skips)
	}
	if got := actors[0]; !reflect.DeepEqual(got.Names, []string{"AFGHANISTAN_", "AFGHAN_", "KABUL_"}) || got.Codes[0].Code != "AFG" || got.Line != 2 {
		t.Errorf("first actor %+v", got)
	}
	want := []Period{{"HOB", "", "1995-06-01", 8}, {"HOBGOV", "1995-06-02", "1999-08-15", 9}, {"HOBREB", "1999-08-16", "", 10}}
	if got := actors[1].Periods(); !reflect.DeepEqual(got, want) {
		t.Errorf("periods %+v, want %+v", got, want)
	}
	// A primary without a code joins the next coded one, as in PETRARCH.
	if got := actors[2]; !reflect.DeepEqual(got.Names, []string{"U.N._", "UN_SECRETARY_GENERAL"}) || len(got.Bad) != 1 || got.Bad[0].Line != 16 {
		t.Errorf("third actor %+v", got)
	}
}

func TestPeriodsDefaultFillsGaps(t *testing.T) {
	a := Actor{Codes: []CodeRule{{Code: "USAELI", From: "1965-01-01", To: "2000-01-01"}, {Code: "USAGOV", From: "2003-03-26"}, {Code: "USAELI"}}}
	want := []Period{{"USAELI", "", "2003-03-25", 0}, {"USAGOV", "2003-03-26", "", 0}}
	if got := a.Periods(); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestParseAgentsAndDiscards(t *testing.T) {
	src := "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nTROOPS {}  [~MIL] # ab\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nHUMAN_RIGHTS_BODY  [NGO~]\n"
	ag, skips := ParseAgents("t.agents.txt", src)
	if len(skips) != 0 || len(ag) != 5 {
		t.Fatalf("%+v %+v", ag, skips)
	}
	if ag[0].Phrase != "CONGRESSMAN" || ag[1].Phrase != "CONGRESSMEN" || ag[2].Code != "MIL" || !ag[2].NoPlural ||
		ag[3].Plurals[0] != "ATTORNEYS_GENERAL" || !ag[4].Prefix || ag[4].Code != "NGO" {
		t.Errorf("%+v", ag)
	}
	ds := ParseDiscards("t.discards.txt", "+ESPN2 \nBASEBALL_   # x\n")
	if len(ds) != 2 || !ds[0].Story || ds[0].Phrase != "ESPN2" || !ds[1].Word || ds[1].Line != 2 {
		t.Errorf("%+v", ds)
	}
}

func TestParseVerbsAndCompile(t *testing.T) {
	src := "&CURRENCY\n+DOLLARS\n+SWISS FRANCS\n\n--- GRANT [070] ---\nGRANT\n+HAND_OVER\nRE_+ARREST\n" +
		"- * &CURRENCY (TO +) [071] # x\n- &MILITARY * [154]\n- * TALKS [046:046]\n- * (BEFORE COURT) [:173]\n"
	vd, skips := ParseVerbs("t.verbs.txt", src)
	if len(skips) != 0 || len(vd.Blocks) != 1 || len(vd.Blocks[0].Verbs) != 3 || len(vd.Blocks[0].Patterns) != 4 {
		t.Fatalf("%+v %+v", vd, skips)
	}
	m, err := loadMappings()
	if err != nil {
		t.Fatal(err)
	}
	c := &converter{opt: Options{MaxExpansions: 64}, m: m, rep: newReport(), trigSeen: map[string]string{}}
	c.verbs(vd)
	var got []string
	for _, r := range c.triggers {
		got = append(got, r[1]+"|"+r[2]+"|"+r[3]+"|"+r[4]+"|"+r[5])
	}
	want := []string{
		"grant +|AID|-|070|-", "hand over +|AID|-|070|-",
		"grant dollar to +|AID|-|071|-", "grant swiss franc to +|AID|-|071|-",
		"hand over dollar to +|AID|-|071|-", "hand over swiss franc to +|AID|-|071|-",
		"grant talk|CONSULT|-|046|sym", "hand over talk|CONSULT|-|046|sym",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("triggers\n got %q\nwant %q", got, want)
	}
	for _, r := range []string{"words before the verb (parley verb patterns start with the verb)",
		"words before the verb (subject constraints are not expressible)",
		"reversed-role code [:X] (the target acts on the source)"} {
		if c.rep.Skipped[r] == 0 {
			t.Errorf("no skip counted for %q: %v", r, c.rep.Skipped)
		}
	}
}

func TestMappings(t *testing.T) {
	m, err := loadMappings()
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string][2]string{"042": {"CONSULT", "visit"}, "0874": {"RETREAT", "withdraw"},
		"083": {"CONCEDE", ""}, "195": {"ASSAULT", "aerial"}, "1712": {"ASSAULT", "destroy"}, "116": {"SANCTION", "convict"}} {
		typ, mode, reason := m.Plover(code)
		if typ != want[0] || mode != want[1] || reason != "" {
			t.Errorf("%s: %s %s %s", code, typ, mode, reason)
		}
	}
	if _, _, reason := m.Plover("012"); reason == "" {
		t.Error("01 not dropped")
	}
	known := func(c string) bool { return c == "IRN" || c == "USA" }
	for code, want := range map[string]ActorCode{"IRNGOV": {"IRN", "GOV", ""}, "IGOUNO": {"UNO", "IGO", ""},
		"USAASM": {"USA", "", "ASM"}, "IMGMUSALQ": {"ISM", "REB", ""}, "IRNMOSREB": {"IRN", "REB", ""}} {
		if got, reason := m.Actor(code, known, false); got != want || reason != "" {
			t.Errorf("%s: %+v %s", code, got, reason)
		}
	}
}
