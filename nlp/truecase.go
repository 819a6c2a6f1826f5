package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/lemma"
)

// Headlines are written in title case ("Russia Condemns New US Sanctions"),
// which the tagger, trained on ordinary text, reads as a string of proper
// nouns. truecaser gives the tagger and parser the words of a title-case
// sentence as ordinary text would write them: a capitalised word is
// lower-cased when the document's other sentences write it in lower case
// (and never capitalised inside a sentence), or, when they do not use it,
// when it is a function word or a common word in WordNet. Acronyms and
// words the document capitalises mid-sentence stay as they are. Only the
// tagger's view changes: tokens keep their text.
type truecaser struct {
	lower, upper map[string]bool // lower-cased forms seen in ordinary sentences
}

func newTruecaser(d *doc.Document) *truecaser {
	tc := &truecaser{lower: map[string]bool{}, upper: map[string]bool{}}
	for _, s := range d.Sentences {
		toks := d.Tokens[s.First:s.Last]
		if titleCase(toks) {
			continue
		}
		for i, t := range toks {
			r, _ := utf8.DecodeRuneInString(t.Text)
			switch {
			case unicode.IsLower(r):
				tc.lower[t.Text] = true
			case unicode.IsUpper(r) && i > 0 && !sentenceStart(toks[i-1].Text):
				tc.upper[strings.ToLower(t.Text)] = true
			}
		}
	}
	return tc
}

// sentenceStart reports tokens after which a capital says nothing: quotes,
// colons, brackets.
func sentenceStart(prev string) bool {
	switch prev {
	case "\"", "“", "‘", "'", ":", "(", "[", "-", "–", "—":
		return true
	}
	return false
}

// titleCase reports a sentence whose content words are nearly all
// capitalised: at least three words, four in five of them capitalised.
func titleCase(toks []doc.Token) bool {
	words, caps := 0, 0
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsLetter(r) || functionWord[strings.ToLower(t.Text)] && unicode.IsLower(r) {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return words >= 3 && caps*5 >= words*4
}

// words writes into out the tagger's view of a title-case sentence.
func (tc *truecaser) words(toks []doc.Token, out []string) {
	for i, t := range toks {
		out[i] = t.Text
		r, size := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsUpper(r) || size == len(t.Text) || isAcronym(t.Text) {
			continue
		}
		low := strings.ToLower(t.Text)
		switch {
		case tc.upper[low] && !tc.lower[low]:
		case tc.lower[low], functionWord[low]:
			out[i] = low
		case !tc.upper[low] && lemma.CommonWord(low):
			out[i] = low
		}
	}
}

func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		n++
	}
	return n > 1
}

// functionWord lists closed-class words headlines capitalise.
var functionWord = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but nor of in on at to for from with by as into onto over under
		near after before about against amid among between during since until without within via per than
		is are was were be been has have had will would can could may might must should shall do does did not
		no its their his her our your my this that these those it he she they we you who which what when where how why
		up down out off`) {
		functionWord[w] = true
	}
}
