package tag

import "github.com/parley-events/parley/conllu"

// Jackknife returns predicted tags for every training sentence, each tagged
// by a model that did not see it: the sentences are cut into folds
// contiguous blocks, and each block is tagged by a tagger trained on the
// other folds-1 blocks. A parser trained on these tags sees the kind of
// tagging errors it will meet at run time. upos[i][j] and xpos[i][j] are the
// tags of sents[i].Words[j].
func Jackknife(sents []conllu.Sentence, folds, iterations int, seed int64) (upos, xpos [][]string) {
	upos = make([][]string, len(sents))
	xpos = make([][]string, len(sents))
	if folds < 2 {
		folds = 2
	}
	var words []string
	for f := 0; f < folds; f++ {
		lo, hi := f*len(sents)/folds, (f+1)*len(sents)/folds
		if lo == hi {
			continue
		}
		rest := make([]conllu.Sentence, 0, len(sents)-(hi-lo))
		rest = append(rest, sents[:lo]...)
		rest = append(rest, sents[hi:]...)
		t := Train(rest, iterations, seed+int64(f))
		for i := lo; i < hi; i++ {
			words = words[:0]
			for _, w := range sents[i].Words {
				words = append(words, w.Form)
			}
			upos[i] = make([]string, len(words))
			xpos[i] = make([]string, len(words))
			t.Tag(words, upos[i], xpos[i])
		}
	}
	return upos, xpos
}
