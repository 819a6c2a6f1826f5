package tag

import (
	"strings"
	"testing"
)

// TestFixPhrasesOnTreebanks checks each correction against the gold tags of
// EWT dev and PUD (news and Wikipedia): a correction must be right far more
// often than it is wrong.
func TestFixPhrasesOnTreebanks(t *testing.T) {
	right, wrong := map[string]int{}, map[string]int{}
	for _, name := range []string{"en_ewt-ud-dev.conllu.gz", "en_pud-ud-test.conllu.gz"} {
		for _, s := range readUD(t, name) {
			n := len(s.Words)
			words, up, xp := make([]string, n), make([]string, n), make([]string, n)
			for i, w := range s.Words {
				words[i] = w.Form
			}
			Default().tagOnly(words, up, xp)
			fu, fx := append([]string(nil), up...), append([]string(nil), xp...)
			fixPhrases(words, fu, fx)
			for i, w := range s.Words {
				if fu[i] == up[i] && fx[i] == xp[i] {
					continue
				}
				rule := xp[i] + ">" + fx[i]
				if fu[i] == w.UPOS && fx[i] == w.XPOS {
					right[rule]++
				} else {
					wrong[rule]++
					t.Logf("%s: %s/%s, gold %s/%s in %q", rule, words[i], fx[i], w.UPOS, w.XPOS, strings.Join(words, " "))
				}
			}
		}
	}
	r, w := 0, 0
	for rule, k := range right {
		t.Logf("%s: %d right, %d wrong", rule, k, wrong[rule])
		r += k
	}
	for rule, k := range wrong {
		if right[rule] == 0 {
			t.Logf("%s: 0 right, %d wrong", rule, k)
		}
		w += k
	}
	if r < 2*w {
		t.Errorf("corrections: %d right, %d wrong", r, w)
	}
}

// TestFixPhrasesNews checks the corrections on the news phrases that led to
// them.
func TestFixPhrasesNews(t *testing.T) {
	for _, c := range []struct {
		sentence, word, upos, xpos string
	}{
		{"A senior United Nations official today condemned all attacks on cities .", "official", "NOUN", "NN"},
		{"A senior United Nations official today condemned all attacks on cities .", "condemned", "VERB", "VBD"},
		{"The chief military representative said the talks failed .", "representative", "NOUN", "NN"},
		{"Russia condemns new US sanctions as ' unlawful '", "sanctions", "NOUN", "NNS"},
		{"Russia condemned new U.S. sanctions on Monday .", "sanctions", "NOUN", "NNS"},
		{"The Secretary-General today condemned the attack .", "Secretary-General", "NOUN", "NN"},
		{"The official yesterday condemned the attack .", "official", "NOUN", "NN"},
		{"The weapons seized in the raid were destroyed .", "seized", "VERB", "VBN"},
		{"The US imposes sanctions on Iran .", "imposes", "VERB", "VBZ"},
		{"I deplore the bloodshed of recent weeks and call upon all sides to talk .", "call", "VERB", "VBP"},
		{"We reject the verdict and call for a new trial .", "call", "VERB", "VBP"},
		{"French-led raids on rebel camps in Mali began late on Monday .", "French-led", "ADJ", "JJ"},
		{"Qatar flew food to flood-hit Pakistan on Tuesday .", "flood-hit", "ADJ", "JJ"},
		{"Iran-backed militias fired rockets at the base .", "Iran-backed", "ADJ", "JJ"},
		{"The rebels were well-armed .", "well-armed", "ADJ", "JJ"},
		{"The Secretary-General trusts that the disputes will be resolved and calls on all leaders to show restraint .", "calls", "VERB", "VBZ"},
		{"The envoy regrets the delay and calls for calm .", "calls", "VERB", "VBZ"},
		{"I mourn the deaths of civilians and appeal to both sides .", "appeal", "VERB", "VBP"},
		{"We share the grief and anger of the families .", "anger", "NOUN", "NN"},
	} {
		words := strings.Fields(c.sentence)
		up, xp := make([]string, len(words)), make([]string, len(words))
		Default().Tag(words, up, xp)
		for i, w := range words {
			if w == c.word {
				if up[i] != c.upos || xp[i] != c.xpos {
					t.Errorf("%q in %q: %s/%s, want %s/%s", w, c.sentence, up[i], xp[i], c.upos, c.xpos)
				}
				break
			}
		}
	}
}
