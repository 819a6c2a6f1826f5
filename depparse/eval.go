package depparse

import "github.com/parley-events/parley/conllu"

// Score is the attachment accuracy of a parser over a set of sentences,
// punctuation included.
type Score struct {
	Sentences, Tokens int
	UAS, LAS          float64 // fractions of tokens with the right head (and label)
}

// Evaluate parses sents with the given tags (one slice per sentence; nil
// for the gold tags of sents) and scores the result against their trees.
func Evaluate(p *Parser, sents []conllu.Sentence, upos, xpos [][]string) Score {
	var sc Score
	var heads []int
	var rels []string
	uh, lh := 0, 0
	for si, s := range sents {
		words, up, xp := sentTags(s, si, upos, xpos)
		heads = append(heads[:0], make([]int, len(words))...)
		rels = append(rels[:0], make([]string, len(words))...)
		p.Parse(words, up, xp, heads, rels)
		for i, w := range s.Words {
			if heads[i] == w.Head {
				uh++
				if rels[i] == w.Rel {
					lh++
				}
			}
		}
		sc.Sentences++
		sc.Tokens += len(words)
	}
	if sc.Tokens > 0 {
		sc.UAS = float64(uh) / float64(sc.Tokens)
		sc.LAS = float64(lh) / float64(sc.Tokens)
	}
	return sc
}
