package depparse

import (
	"slices"
	"strings"
	"testing"

	"github.com/parley-events/parley/conllu"
	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/tag"
)

// TestRepairOnTreebanks checks the repairs against the gold trees of EWT dev
// and PUD, on predicted tags: the arcs they change must be right far more
// often after the change than before.
func TestRepairOnTreebanks(t *testing.T) {
	before, after := 0, 0
	for _, name := range []string{"en_ewt-ud-dev.conllu.gz", "en_pud-ud-test.conllu.gz"} {
		sents, err := conllu.ReadFile(shared.Path(t, "data/ud/"+name))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sents {
			n := len(s.Words)
			words, up, xp, rels := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
			heads := make([]int, n)
			for i, w := range s.Words {
				words[i] = w.Form
			}
			tag.Default().Tag(words, up, xp)
			Default().parseOnly(words, up, xp, heads, rels)
			rh, rr := slices.Clone(heads), slices.Clone(rels)
			repair(words, up, rh, rr)
			changed := false
			for i, w := range s.Words {
				if rh[i] == heads[i] && rr[i] == rels[i] {
					continue
				}
				changed = true
				if heads[i] == w.Head && rels[i] == w.Rel {
					before++
				}
				if rh[i] == w.Head && rr[i] == w.Rel {
					after++
				}
			}
			if changed {
				t.Logf("%s", strings.Join(words, " "))
				for i, w := range s.Words {
					if rh[i] != heads[i] || rr[i] != rels[i] {
						t.Logf("  %s: %d:%s -> %d:%s, gold %d:%s", words[i], heads[i], rels[i], rh[i], rr[i], w.Head, w.Rel)
					}
				}
			}
		}
	}
	t.Logf("changed arcs right before %d, after %d", before, after)
	if after < 2*before {
		t.Errorf("changed arcs right before %d, after %d", before, after)
	}
}
