package lemma

import "github.com/parley-events/parley/conllu"

// Accuracy returns the share of words with one of the given UPOS tags whose
// lemma, computed from the gold tags, equals the gold lemma.
func Accuracy(sents []conllu.Sentence, upos ...string) float64 {
	n, ok := 0, 0
	for _, s := range sents {
		for _, w := range s.Words {
			for _, u := range upos {
				if w.UPOS == u {
					n++
					if Lemma(w.Form, w.UPOS, w.XPOS) == w.Lemma {
						ok++
					}
					break
				}
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(ok) / float64(n)
}
