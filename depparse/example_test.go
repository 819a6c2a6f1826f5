package depparse_test

import (
	"fmt"

	"github.com/parley-events/parley/depparse"
)

func ExampleParser_Parse() {
	// Tags would normally come from tag.Default(); they are spelled out
	// here so the example shows the parser alone.
	words := []string{"The", "minister", "was", "arrested", "by", "police", "on", "Sunday", "."}
	upos := []string{"DET", "NOUN", "AUX", "VERB", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"}
	xpos := []string{"DT", "NN", "VBD", "VBN", "IN", "NN", "IN", "NNP", "."}
	heads := make([]int, len(words))
	rels := make([]string, len(words))
	depparse.Default().Parse(words, upos, xpos, heads, rels)
	for i, w := range words {
		fmt.Printf("%d %-10s %d %s\n", i+1, w, heads[i], rels[i])
	}
	// Output:
	// 1 The        2 det
	// 2 minister   4 nsubj:pass
	// 3 was        4 aux:pass
	// 4 arrested   0 root
	// 5 by         6 case
	// 6 police     4 obl:agent
	// 7 on         8 case
	// 8 Sunday     4 obl
	// 9 .          4 punct
}
