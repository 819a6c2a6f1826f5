package kb

import (
	"os"
	"strings"
	"testing"
)

// An imported dictionary folder is a complete knowledge base: its own
// triggers replace the embedded ones, the tables it lacks (plover.tsv,
// reporting.tsv, contexts.tsv) come from the embedded data, and countries
// without a centroid and people coded by country alone load.
func TestImportedFolderRawCAMEO(t *testing.T) {
	k, err := LoadWith(os.DirFS("testdata/imported"), LoadOptions{RawCAMEO: true})
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := k.Country("ARN"); !ok || c.Name != "Arnor" || c.Lat != 0 || c.Lon != 0 {
		t.Errorf("Country(ARN) = %+v, %v; want Arnor without a centroid", c, ok)
	}
	if c, ok := k.Country("IRN"); !ok || c.Lat != 32.43 {
		t.Errorf("Country(IRN) = %+v, %v", c, ok)
	}
	if ents := k.Lookup("Smeagol"); len(ents) != 1 || ents[0].Country != "ARN" || ents[0].Sector != "" {
		t.Errorf("Lookup(Smeagol) = %+v; want Gollum, ARN, no sector", ents)
	}

	// The folder's own triggers, typed and raw.
	ts := k.Triggers("restore")
	if len(ts) != 1 || ts[0].Type != "COOPERATE" || ts[0].CAMEO != "064" || ts[0].Source != "triggers.tsv:3" {
		t.Errorf("Triggers(restore) = %+v; want only the folder's 064 line", ts)
	}
	ts = k.Triggers("trash")
	if len(ts) != 1 || ts[0].Type != "" || ts[0].CAMEO != "345" || ts[0].Recipient != 0 {
		t.Errorf("Triggers(trash) = %+v; want the raw 345 line", ts)
	}
	if ts := k.Triggers("urge"); len(ts) != 1 || ts[0].CAMEO != "023" {
		t.Errorf("Triggers(urge) = %+v; want the folder's raw 023 line, not the embedded ones", ts)
	}
	// The embedded verbs are not mixed in.
	if ts := k.Triggers("attack"); len(ts) != 0 {
		t.Errorf("Triggers(attack) = %+v; want none (the folder's lexicon replaces the embedded one)", ts)
	}
	// Tables the folder lacks come from the embedded data.
	if pt, ok := k.PloverType("ASSAULT"); !ok || pt.Quad != 4 {
		t.Errorf("PloverType(ASSAULT) = %+v, %v", pt, ok)
	}
	if n, ok := k.Reporting([]string{"say"}); !ok || n != 1 {
		t.Errorf("Reporting(say) = %d, %v", n, ok)
	}
	if err := k.LoadLexicon(); err != nil {
		t.Errorf("LoadLexicon: %v", err)
	}

	// The embedded default is untouched by a folder lexicon.
	d := Default()
	if ts := d.Triggers("attack"); len(ts) == 0 {
		t.Error("Default().Triggers(attack) is empty after loading a folder lexicon")
	}
	for _, tr := range d.Triggers("urge") {
		if tr.CAMEO == "023" || tr.Type == "" {
			t.Errorf("Default().Triggers(urge) has the folder's line %+v", tr)
		}
	}
}

// Without raw CAMEO mode, a line without a PLOVER type is an error naming
// its file and line.
func TestImportedFolderNeedsRawMode(t *testing.T) {
	k, err := Load(os.DirFS("testdata/imported"))
	if err == nil || k != nil {
		t.Fatalf("Load(testdata/imported) = %v, %v; want errors for the raw lines", k, err)
	}
	msg := err.Error()
	for _, want := range []string{`triggers.tsv:4: unknown PLOVER type "-"`, `triggers.tsv:5: unknown PLOVER type "-"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q; got:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "triggers.tsv:3:") || strings.Contains(msg, "countries.tsv") || strings.Contains(msg, "people.tsv") {
		t.Errorf("a good line was reported:\n%s", msg)
	}
}

// Raw CAMEO mode still checks what it can: a raw line has no mode and has a
// code; a centroid is both coordinates or neither.
func TestImportedFolderErrors(t *testing.T) {
	_, err := LoadWith(os.DirFS("testdata/imported-bad"), LoadOptions{RawCAMEO: true})
	if err == nil {
		t.Fatal("want errors")
	}
	msg := err.Error()
	for _, want := range []string{
		`countries.tsv:2: centroid has only one of lat and lon`,
		`triggers.tsv:3: raw CAMEO line with mode "visit"`,
		`triggers.tsv:4: raw CAMEO line without a code`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q; got:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "triggers.tsv:2:") {
		t.Errorf("the good raw line was reported:\n%s", msg)
	}
}

// A folder holding the embedded tables (as Default loads them) shares the
// process-wide lexicon instead of parsing its own copy.
func TestEmbeddedTablesShareLexicon(t *testing.T) {
	lx, err := folderLexicon(mustSub(t), false)
	if err != nil || lx != nil {
		t.Errorf("folderLexicon(embedded) = %p, %v; want nil, nil", lx, err)
	}
}
