package nlp

import "strings"

// auxiliaries are the word forms English uses as auxiliaries (AUX): a closed
// class, so the tagger's AUX on any other word ("Arnor restored ties":
// Arnor/AUX) is an error. Contractions are listed with both apostrophes.
var auxiliaries = map[string]bool{
	"be": true, "am": true, "is": true, "are": true, "was": true, "were": true, "been": true, "being": true,
	"have": true, "has": true, "had": true, "having": true, "do": true, "does": true, "did": true,
	"will": true, "would": true, "shall": true, "should": true, "can": true, "could": true, "may": true,
	"might": true, "must": true, "ought": true, "get": true, "gets": true, "got": true, "getting": true,
	"'s": true, "'m": true, "'re": true, "'ll": true, "'ve": true, "'d": true, "ca": true, "wo": true,
	"’s": true, "’m": true, "’re": true, "’ll": true, "’ve": true, "’d": true, "s": true, "m": true,
	"re": true, "ll": true, "ve": true, "d": true, "ai": true, "need": true, "dare": true, "used": true,
}

// fixClosedClass retags a word tagged AUX that is no auxiliary: a
// capitalised one as a proper noun, any other as a verb. Words already
// tagged stay as they are otherwise.
func fixClosedClass(words, upos, xpos []string) {
	for i, w := range words {
		if upos[i] != "AUX" || auxiliaries[strings.ToLower(w)] {
			continue
		}
		if w != "" && w[0] >= 'A' && w[0] <= 'Z' {
			upos[i], xpos[i] = "PROPN", "NNP"
		} else {
			upos[i] = "VERB"
		}
	}
}

// fixAfterPossessive retags a past tense right after a possessive marker
// and before a noun as a participle: nothing finite follows "'s" inside a
// noun phrase ("the Houthis' continued attacks": continued/VBD), so the
// parser reads it as a modifier of the noun.
func fixAfterPossessive(words, upos, xpos []string) {
	for i := 1; i+1 < len(words); i++ {
		if xpos[i] == "VBD" && xpos[i-1] == "POS" && (upos[i+1] == "NOUN" || upos[i+1] == "ADJ") {
			xpos[i] = "VBN"
		}
	}
}
