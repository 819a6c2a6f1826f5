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

// conjunctions are the coordinating conjunctions (CCONJ), another closed
// class: a name ending like one ("Arnor", like "nor") is no conjunction.
var conjunctions = map[string]bool{
	"and": true, "or": true, "but": true, "nor": true, "yet": true, "so": true, "plus": true, "minus": true,
	"either": true, "neither": true, "both": true, "whether": true, "for": true, "&": true, "+": true,
	"n": true, "'n": true, "n'": true, "versus": true, "vs": true, "vs.": true, "v.": true, "/": true,
}

// fixClosedClass retags a word tagged AUX that is no auxiliary, or CCONJ
// that is no conjunction: a capitalised one as a proper noun, any other as
// a verb (AUX) or noun (CCONJ). Other words keep their tags.
func fixClosedClass(words, upos, xpos []string) {
	for i, w := range words {
		lw := strings.ToLower(w)
		switch {
		case upos[i] == "AUX" && !auxiliaries[lw]:
		case upos[i] == "CCONJ" && !conjunctions[lw]:
		default:
			continue
		}
		switch {
		case w != "" && w[0] >= 'A' && w[0] <= 'Z':
			upos[i], xpos[i] = "PROPN", "NNP"
		case upos[i] == "AUX":
			upos[i] = "VERB"
		default:
			upos[i], xpos[i] = "NOUN", "NN"
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

// fixInterjection retags an interjection between a subject and its object
// as a present-tense verb: "welcome" is an interjection when it greets
// ("Welcome to Kyiv"), a verb in "Fornost and Gondor welcome a resumption
// of ties".
func fixInterjection(words, upos, xpos []string) {
	for i := 1; i+1 < len(words); i++ {
		if upos[i] != "INTJ" {
			continue
		}
		switch upos[i-1] {
		case "NOUN", "PROPN", "PRON":
		default:
			continue
		}
		switch xpos[i+1] {
		case "DT", "PRP$", "CD", "NNP", "NNPS":
		default:
			continue
		}
		upos[i], xpos[i] = "VERB", "VBP"
		if strings.HasSuffix(words[i], "s") {
			xpos[i] = "VBZ"
		}
	}
}

// fixPerfect retags a form of "have" tagged VERB as AUX when a participle
// follows it, with at most two adverbs between ("its aircraft had bombed",
// "has not yet signed"): that is the perfect, whose "have" is an auxiliary,
// and a main-verb "have" sends the parser looking for its object. The
// participle must come right after, so "had them arrested" keeps its verb,
// and not before a bare noun, which it would modify.
func fixPerfect(words, upos, xpos []string) {
	for i := 0; i+1 < len(words); i++ {
		if upos[i] != "VERB" {
			continue
		}
		switch strings.ToLower(words[i]) {
		case "have", "has", "had", "having", "'ve", "’ve":
		default:
			continue
		}
		j := i + 1
		for j < len(words) && j <= i+2 && (upos[j] == "ADV" || upos[j] == "PART") {
			j++
		}
		if j >= len(words) || xpos[j] != "VBN" {
			continue
		}
		// A participle right before a bare noun modifies it: "we have
		// limited time", "had used tissues".
		if j+1 < len(words) && (upos[j+1] == "NOUN" || upos[j+1] == "ADJ") {
			continue
		}
		upos[i] = "AUX"
	}
}
