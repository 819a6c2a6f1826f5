package kb

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/parley-events/parley/internal/shared"
)

// TestGoldActorNames checks the knowledge base against the hand-coded gold
// events: every actor name in the gold that the knowledge base knows must
// name the gold's country (for a person, on the article's date).
func TestGoldActorNames(t *testing.T) {
	k := Default()
	dir := shared.Path(t, "eval")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.jsonl"))
	if len(files) == 0 {
		t.Skip("no gold files")
	}
	type actor struct {
		Country string   `json:"country"`
		Names   []string `json:"names"`
	}
	known, total := 0, 0
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var ev struct {
				Date      string `json:"date"`
				Actor     *actor `json:"actor"`
				Recipient *actor `json:"recipient"`
			}
			if json.Unmarshal(sc.Bytes(), &ev) != nil {
				continue
			}
			for _, a := range []*actor{ev.Actor, ev.Recipient} {
				if a == nil {
					continue
				}
				for _, name := range a.Names {
					total++
					ents := k.ActiveOn(k.Lookup(name), ev.Date)
					if len(ents) == 0 {
						continue
					}
					known++
					ok := false
					for _, e := range ents {
						ok = ok || e.Country == a.Country
					}
					if !ok {
						t.Errorf("%s: %q names %s (%s), gold says %s", filepath.Base(f), name, ents[0].Country, ents[0].Source, a.Country)
					}
				}
			}
		}
		fh.Close()
	}
	t.Logf("%d of %d gold actor names are in the knowledge base", known, total)
}
