package tag

import "github.com/parley-events/parley/conllu"

// Accuracy tags the gold sentences and returns the share of words whose
// predicted UPOS and XPOS match the gold tags.
func (t *Tagger) Accuracy(sents []conllu.Sentence) (upos, xpos float64) {
	var words, up, xp []string
	n, okU, okX := 0, 0, 0
	for _, s := range sents {
		words = words[:0]
		for _, w := range s.Words {
			words = append(words, w.Form)
		}
		up = append(up[:0], make([]string, len(words))...)
		xp = append(xp[:0], make([]string, len(words))...)
		t.Tag(words, up, xp)
		for i, w := range s.Words {
			n++
			if up[i] == w.UPOS {
				okU++
			}
			if xp[i] == w.XPOS {
				okX++
			}
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(okU) / float64(n), float64(okX) / float64(n)
}
