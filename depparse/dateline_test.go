package depparse

import (
	"strings"
	"testing"
)

// TestDatelineEnd checks which sentence openings count as a wire dateline.
func TestDatelineEnd(t *testing.T) {
	for _, c := range []struct {
		words, upos string
		want        int
	}{
		{"NAIROBI , Kenya ( Reuters ) - Gunmen attacked a post", "PROPN PUNCT PROPN PUNCT PROPN PUNCT PUNCT NOUN VERB DET NOUN", 6},
		{"ADDIS ABABA - Ethiopia accused Eritrea", "PROPN PROPN PUNCT PROPN VERB PROPN", 2},
		{"GENEVA , March 4 — Talks resumed", "PROPN PUNCT PROPN NUM PUNCT NOUN VERB", 4},
		{"KABUL ( AP ) -- Fighters seized two towns", "PROPN PUNCT PROPN PUNCT PUNCT NOUN VERB NUM NOUN", 4},
		// Not datelines: a heading, a split compound, no dash, too short.
		{"BIG MISTAKE - The food was cold", "ADJ NOUN PUNCT DET NOUN AUX ADJ", -1},
		{"US - trained biochemist met them", "PROPN PUNCT VERB NOUN VERB PRON", -1},
		{"NATO said on Monday", "PROPN VERB ADP PROPN", -1},
		{"KYIV - Shelling", "PROPN PUNCT NOUN", -1},
		{"Moscow - Russia said", "PROPN PUNCT PROPN VERB", -1},
	} {
		if got := datelineEnd(strings.Fields(c.words), strings.Fields(c.upos)); got != c.want {
			t.Errorf("%q: dash at %d, want %d", c.words, got, c.want)
		}
	}
}

// TestParseDateline checks the joined parse: the clause's root is the
// sentence's root, the city hangs from it as dep, the dash as punct, and
// the real subject is the verb's.
func TestParseDateline(t *testing.T) {
	words := strings.Fields("BEIRUT - Israeli drones struck a car .")
	upos := strings.Fields("PROPN PUNCT ADJ NOUN VERB DET NOUN PUNCT")
	xpos := strings.Fields("NNP : JJ NNS VBD DT NN .")
	heads, rels := make([]int, len(words)), make([]string, len(words))
	alts := make([]Alternative, len(words))
	Default().ParseAlternatives(words, upos, xpos, heads, rels, alts)
	want := []struct {
		head int
		rel  string
	}{{5, "dep"}, {5, "punct"}, {4, "amod"}, {5, "nsubj"}, {0, "root"}, {7, "det"}, {5, "obj"}, {5, "punct"}}
	for i, w := range want {
		if heads[i] != w.head || rels[i] != w.rel {
			t.Errorf("%s: %d %s, want %d %s", words[i], heads[i], rels[i], w.head, w.rel)
		}
		if a := alts[i]; a.Head == heads[i] || a.Head > len(words) {
			t.Errorf("%s: alternative %+v", words[i], a)
		}
	}
}
