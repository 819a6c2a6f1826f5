package dict

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/kb"
)

// importPhoenix imports the real Phoenix dictionaries once per test binary.
func importPhoenix(t *testing.T) (*Result, string) {
	t.Helper()
	dir := shared.Path(t, "data/phoenix")
	var files []string
	for _, f := range []string{"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
		"Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt", "Phoenix.discards.txt",
		"Phoenix.IssueCoding.txt", "CAMEO.2.0.txt"} {
		files = append(files, filepath.Join(dir, f))
	}
	res, err := Import(files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if err := res.Write(out); err != nil {
		t.Fatal(err)
	}
	return res, out
}

func TestImportPhoenix(t *testing.T) {
	res, out := importPhoenix(t)
	rep := res.Report
	var b strings.Builder
	rep.Print(&b)
	t.Log("\n" + b.String())
	// Every skip has a file, a line and a named reason.
	for _, s := range rep.Skips {
		if s.File == "" || s.Line <= 0 || s.Reason == "" {
			t.Errorf("unexplained skip: %+v", s)
		}
	}
	k, err := kb.Load(os.DirFS(out))
	if err != nil {
		t.Fatalf("imported folder does not load: %v", err)
	}
	// A country by one of its Phoenix names.
	if ents := k.Lookup("Afghanistan"); len(ents) == 0 || ents[0].Country != "AFG" {
		t.Errorf("Afghanistan: %+v", ents)
	}
	// A leader with a dated code resolves on a date inside the period and
	// not outside it.
	ents := k.Lookup("Barack Obama")
	on := k.ActiveOn(ents, "2012-06-01")
	if len(on) == 0 || on[0].Country != "USA" || on[0].Sector != "GOV" {
		t.Errorf("Barack Obama on 2012-06-01: %+v (all: %+v)", on, ents)
	}
}
