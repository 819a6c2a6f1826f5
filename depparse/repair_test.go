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
			Default().parseOnly(words, up, xp, heads, rels, nil)
			rh, rr := slices.Clone(heads), slices.Clone(rels)
			repair(words, up, xp, rh, rr)
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

// TestRepairNews checks the repaired structures on the news sentences that
// led to them: the word's head word and relation.
func TestRepairNews(t *testing.T) {
	for _, c := range []struct {
		sentence, word, head, rel string
	}{
		{"The Security Council today adopted a resolution .", "Council", "adopted", "nsubj"},
		{"The Security Council today adopted a resolution .", "today", "adopted", "obl:unmarked"},
		{"A senior UN official today condemned the attack .", "official", "condemned", "nsubj"},
		{"The Hermit Kingdom fired two missiles on Tuesday .", "Kingdom", "fired", "nsubj"},
		{"The Hermit Kingdom fired two missiles on Tuesday .", "Hermit", "Kingdom", "compound"},
		{"Bree Prime Minister Romendacil will meet the Gondor envoy on Monday .", "Romendacil", "meet", "nsubj"},
		{"Bree Prime Minister Romendacil will meet the Gondor envoy on Monday .", "Bree", "Minister", "compound"},
		{"Ukraine President Volodymyr Zelenskyy visited Washington .", "Volodymyr", "visited", "nsubj"},
		{"The hospital in the old town was shelled by government artillery overnight .", "artillery", "shelled", "obl:agent"},
		{"The hospital in the old town was shelled by government artillery overnight .", "by", "artillery", "case"},
		{"The UN condemned the detention of seven staff members by the Houthis .", "Houthis", "detention", "nmod"},
		{"Arnor has celebrated Eid at Osgiliath with Gondor after a hafling was reported on the pass of Cirith Ungol .", "reported", "celebrated", "advcl"},
		{"The envoy was freed after Spain , Portugal and Greece agreed in March to restore ties with Morocco .", "Spain", "agreed", "nsubj"},
		{"Nepal says its soldiers near the frontier were shelled on Thursday from the Indian side .", "soldiers", "shelled", "nsubj:pass"},
		{"Chile said two fishing boats had been seized by the Peruvian navy .", "boats", "seized", "nsubj:pass"},
		{"Kenya says the militants have attacked the camp .", "militants", "attacked", "nsubj"},
		{"The town of Qusayr , which Turkish drones struck on Sunday , sits near the frontier .", "struck", "town", "acl:relcl"},
		{"The town of Qusayr , which Turkish drones struck on Sunday , sits near the frontier .", "drones", "struck", "nsubj"},
		{"The port , which Russian missiles hit overnight , was closed .", "which", "hit", "obj"},
		{"The envoy was freed after Spain , Portugal and Greece agreed in March to restore ties with Morocco .", "agreed", "freed", "advcl"},
		{"Talks resumed in Lima after Chile withdrew its troops .", "Chile", "withdrew", "nsubj"},
		{"Prices rose sharply after Gondor imposed a tariff on grain .", "Gondor", "imposed", "nsubj"},
		{"Arnor has celebrated Eid at Osgiliath with Gondor after a hafling was reported on the pass of Cirith Ungol .", "hafling", "reported", "nsubj:pass"},
		{"Fornost welcomed the resumption of ties after a long rift , the official news agency WFNA said on Thursday .", "agency", "said", "nsubj"},
		{"Fornost welcomed the resumption of ties after a long rift , the official news agency WFNA said on Thursday .", "said", "welcomed", "parataxis"},
	} {
		words := strings.Fields(c.sentence)
		n := len(words)
		up, xp, rels, heads := make([]string, n), make([]string, n), make([]string, n), make([]int, n)
		tag.Default().Tag(words, up, xp)
		Default().Parse(words, up, xp, heads, rels)
		i := slices.Index(words, c.word)
		head := "ROOT"
		if heads[i] > 0 {
			head = words[heads[i]-1]
		}
		if head != c.head || rels[i] != c.rel {
			t.Errorf("%q in %q: %s of %q, want %s of %q", c.word, c.sentence, rels[i], head, c.rel, c.head)
		}
	}
}
