package tag

import "strings"

// The tagger reads left to right and sees the words, never the tags, to its
// right. Three of its errors follow from that and cost news text its
// subjects and verbs, because news piles titles and modifiers before the
// head noun far more than the web text of the treebank does:
//
//   - the head of a subject is tagged as an adjective when it can be one
//     ("a senior United Nations official today condemned": official/JJ),
//     so the sentence has no subject noun;
//   - a past tense after such a subject is tagged as a participle
//     ("official condemned all attacks": condemned/VBN), which the parser
//     attaches as a reduced relative clause;
//   - a plural noun after a proper-noun modifier is tagged as a verb
//     ("new US sanctions": sanctions/VBZ), as after a proper-noun subject.
//
// Once the whole sentence is tagged, the evidence is on the right: a finite
// verb after the phrase, an object after the participle, an adjective
// before the proper noun. fixPhrases applies these corrections only where
// the lexicon allows the other reading.

// Two more come from news's present tense, which the treebank's web text
// seldom puts after a title:
//
//   - a verb in -s after a capitalised title that opens the sentence ("The
//     Secretary-General calls on", "The Interior Minister orders an
//     inquiry") is tagged as a plural noun, the title as its modifier;
//   - so is the second of two coordinated verbs ("condemns the attack and
//     demands their release").
//
// A form in -ing after a determiner or possessive and before a preposition
// is a noun ("gave its backing to", "the shelling of"), not a gerund.
//
// A hyphenated compound ending in a participle before a noun ("US-led
// strikes", "earthquake-hit Turkey") is tagged as a verb; it is an
// adjective.
//
// And nationalities coordinated before a noun are tagged as names ("a reply
// to French and German criticism": French/NNP), which the parser then hangs
// on the noun before them.
//
// fixPhrases corrects the tags of a tagged sentence in place.
func fixPhrases(words, upos, xpos []string) {
	n := len(words)
	for i := 0; i+3 < n; i++ {
		fixNationalities(words, upos, xpos, i)
	}
	for i := 0; i < n; i++ {
		if upos[i] == "VERB" && i+1 < n && participleCompound(words[i]) && (upos[i+1] == "NOUN" || upos[i+1] == "PROPN" || upos[i+1] == "ADJ") {
			upos[i], xpos[i] = "ADJ", "JJ" // US-led strikes, earthquake-hit Turkey
			continue
		}
		switch {
		case xpos[i] == "JJ" && upos[i] == "ADJ":
			if v := finiteAfter(words, upos, xpos, i+1); v >= 0 && determinerLed(upos, xpos, i) && nounHead(words, i) {
				upos[i], xpos[i] = "NOUN", "NN"
				if xpos[v] == "VBN" && mainVerb(words, upos, xpos, v) {
					xpos[v] = "VBD"
				}
			}
		case xpos[i] == "VBN" && upos[i] == "VERB":
			if i > 0 && nominal(upos[i-1]) && mainVerb(words, upos, xpos, i) {
				xpos[i] = "VBD"
			}
		case xpos[i] == "VBG" && upos[i] == "VERB":
			if i > 0 && (xpos[i-1] == "PRP$" || xpos[i-1] == "DT") && i+1 < n && upos[i+1] == "ADP" && !capitalised(words[i]) && hasBits(words[i], wnNoun) {
				upos[i], xpos[i] = "NOUN", "NN" // its backing to, the shelling of
			}
		case xpos[i] == "NNS" && upos[i] == "NOUN":
			if titleSubjectVerb(words, upos, xpos, i) || coordinatedVerb(words, upos, xpos, i) {
				upos[i], xpos[i] = "VERB", "VBZ"
				if k := i + 1; k < n && upos[k] == "VERB" && (xpos[k] == "VBP" || xpos[k] == "VB") {
					upos[k], xpos[k] = "NOUN", "NN" // expresses concern
				}
				if k := i - 1; k > 0 && upos[k] == "ADJ" && capitalised(words[k]) && strings.IndexByte(words[k], '-') > 0 {
					upos[k], xpos[k] = "PROPN", "NNP" // The Secretary-General calls
				}
			}
		case xpos[i] == "NN" && upos[i] == "NOUN":
			if coordinatedBareVerb(words, upos, xpos, i) {
				upos[i], xpos[i] = "VERB", "VBP" // deplore the violence and call upon
			}
		case (xpos[i] == "VBZ" || xpos[i] == "VBP") && upos[i] == "VERB":
			if i >= 2 && upos[i-1] == "PROPN" && hasBits(words[i], wnNounS) {
				j := i - 1
				for j > 0 && upos[j-1] == "PROPN" {
					j--
				}
				// A capitalised adjective inside the sentence belongs to a
				// title ("The High Commissioner urges"), not a modifier.
				if j > 0 && xpos[j-1] == "JJ" && (j == 1 || !capitalised(words[j-1])) {
					upos[i], xpos[i] = "NOUN", "NNS"
				}
			}
		}
	}
}

// hasBits reports whether WordNet gives w (lower-cased) any of bits.
func hasBits(w string, bits uint64) bool {
	lw := []rune(strings.ToLower(w))
	return wordNet().analyse(lw, hashRunes(lw))&bits != 0
}

// nounHead reports whether the word at i can be the head noun of its
// phrase: the lexicon has a noun reading of it (of its last part, when it
// is hyphenated: Secretary-General), and it is not a capitalised word
// inside a name ("the Duty Free is").
func nounHead(words []string, i int) bool {
	w := words[i]
	if quantifier[strings.ToLower(w)] {
		return false
	}
	if k := strings.LastIndexByte(w, '-'); k >= 0 && k < len(w)-1 {
		w = w[k+1:]
	} else if i > 0 && w[0] >= 'A' && w[0] <= 'Z' {
		return false
	}
	return hasBits(w, wnNoun)
}

// quantifier lists adjectives that stand for a noun phrase without being
// nouns ("the few ruin it for the many", "his last means").
var quantifier = map[string]bool{"few": true, "many": true, "last": true, "first": true, "next": true, "other": true,
	"same": true, "former": true, "latter": true, "only": true, "whole": true, "rest": true, "best": true, "worst": true}

func nominal(u string) bool { return u == "NOUN" || u == "PROPN" || u == "PRON" }

// determinerLed reports whether the adjective at i ends a noun phrase that a
// determiner or possessive opens: only modifiers (adjectives, nouns, proper
// nouns, numbers, hyphens) stand between them.
func determinerLed(upos, xpos []string, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch {
		case upos[j] == "DET" || xpos[j] == "PRP$" || xpos[j] == "POS":
			return true
		case xpos[j] == "HYPH":
			return false // "28 year - old": the treebank keeps the adjective
		case upos[j] == "ADJ" || upos[j] == "NOUN" || upos[j] == "PROPN" || upos[j] == "NUM" || xpos[j] == "NNP" || xpos[j] == "NNPS":
			// NNP covers names tagged by form, as GUM tags "United"
			// (VERB|NNP).
		default:
			return false
		}
	}
	return false
}

// finiteAfter returns the index of the finite verb that follows position k,
// directly or after one adverb or time word ("official today condemned"),
// or -1. A participle counts when no verb comes before it: it is then the
// sentence's first verb, a past tense.
func finiteAfter(words, upos, xpos []string, k int) int {
	if k < len(words) && (upos[k] == "ADV" || timeWord(words[k])) {
		k++
	}
	if k >= len(words) {
		return -1
	}
	switch xpos[k] {
	case "VBD", "VBZ", "VBP", "MD":
		return k
	case "VBN":
		for j := 0; j < k; j++ {
			if upos[j] == "VERB" || upos[j] == "AUX" {
				return -1
			}
		}
		return k
	}
	return -1
}

// mainVerb reports whether the participle at i is better read as a past
// tense: no verb or auxiliary comes before it, so nothing makes it passive
// or perfect, and an object follows it, which a reduced relative ("the man
// arrested yesterday") does not take.
func mainVerb(words, upos, xpos []string, i int) bool {
	for j := 0; j < i; j++ {
		if upos[j] == "VERB" || upos[j] == "AUX" || upos[j] == "SCONJ" || xpos[j] == "WDT" || xpos[j] == "WP" {
			return false
		}
	}
	if i+1 >= len(words) {
		return false
	}
	switch upos[i+1] {
	case "DET", "NUM", "PROPN":
		return true
	case "NOUN", "ADJ":
		return !timeWord(words[i+1])
	case "PRON":
		return xpos[i+1] == "PRP" || xpos[i+1] == "PRP$"
	}
	return false
}

// timeWord lists the bare time expressions that stand between a subject and
// its verb in news ("officials today condemned", "Russia on Monday said" is
// a prepositional phrase and not one of them).
func timeWord(w string) bool {
	if len(w) < 3 || len(w) > 9 {
		return false
	}
	var buf [9]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch string(buf[:len(w)]) {
	case "today", "yesterday", "tonight", "now", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "last", "next", "this":
		return true
	}
	return false
}

// titleSubjectVerb reports whether the plural noun at i is the present-tense
// verb of a title-led subject: the sentence opens with "The" and
// capitalised words up to i ("The High Commissioner urges"), WordNet knows
// the word as a verb + s, and what follows starts a complement (an object,
// a preposition, "to", or a noun that the tagger took for a verb) rather
// than a verb of which the noun would be the subject ("The Security Council
// talks were").
func titleSubjectVerb(words, upos, xpos []string, i int) bool {
	if i < 2 || !strings.EqualFold(words[0], "the") || i+1 >= len(words) {
		return false
	}
	if next := i + 1; !complementStart(upos, xpos, next) && !nounAsVerb(words, upos, xpos, next) {
		return false
	}
	for j := 1; j < i; j++ {
		if !capitalised(words[j]) || (upos[j] != "PROPN" && upos[j] != "NOUN" && upos[j] != "ADJ") {
			return false
		}
	}
	return hasBits(words[i], wnVerbS)
}

// coordinatedVerb reports whether the plural noun at i, after "and", "but"
// or "or", is a verb in -s coordinated with an earlier one: a verb in -s
// (VBZ) comes before it in the sentence, WordNet knows the word as a verb +
// s, and a determiner, possessive, pronoun or name follows as its object
// ("condemns the attack and demands their release").
func coordinatedVerb(words, upos, xpos []string, i int) bool {
	if i < 2 || i+1 >= len(words) || upos[i-1] != "CCONJ" {
		return false
	}
	switch next := strings.ToLower(words[i+1]); {
	case xpos[i+1] == "DT" || xpos[i+1] == "PRP$" || xpos[i+1] == "NNP" || xpos[i+1] == "NNPS":
	case xpos[i+1] == "PRP" && objectPronoun(words[i+1]):
	case upos[i+1] == "ADP" && (next == "on" || next == "upon" || next == "for"):
	default:
		return false
	}
	verb := false
	for j := 0; j < i-1; j++ {
		if xpos[j] == "VBZ" && upos[j] == "VERB" {
			verb = true
		}
	}
	return verb && hasBits(words[i], wnVerbS)
}

// coordinatedBareVerb is coordinatedVerb for a present tense without -s:
// after a first-person or plural subject ("We deplore the violence and
// call upon all parties", "They reject the plan and urge its authors to")
// the second verb is tagged as a singular noun. A verb not in -s (VBP)
// comes before it, WordNet knows the word as a verb, and an object or
// one of the prepositions of "call on", "call for", "appeal to" follows.
func coordinatedBareVerb(words, upos, xpos []string, i int) bool {
	if i < 2 || i+1 >= len(words) || upos[i-1] != "CCONJ" || capitalised(words[i]) {
		return false
	}
	switch next := strings.ToLower(words[i+1]); {
	case xpos[i+1] == "DT" || xpos[i+1] == "PRP$" || xpos[i+1] == "NNP" || xpos[i+1] == "NNPS":
	case xpos[i+1] == "PRP" && objectPronoun(words[i+1]):
	case upos[i+1] == "ADP" && (next == "on" || next == "upon" || next == "for" || next == "to"):
	default:
		return false
	}
	for j := 0; j < i-1; j++ {
		if xpos[j] == "VBP" && upos[j] == "VERB" {
			return hasBits(words[i], wnVerb)
		}
	}
	return false
}

// participleCompound reports whether w is a hyphenated compound ending in a
// past participle ("US-led", "earthquake-hit", "Iran-backed",
// "state-owned"): before a noun it modifies it, as an adjective.
func participleCompound(w string) bool {
	k := strings.LastIndexByte(w, '-')
	if k <= 0 || k == len(w)-1 {
		return false
	}
	last := strings.ToLower(w[k+1:])
	switch last {
	case "led", "hit", "held", "run", "made", "born", "built", "won", "struck", "stricken", "torn", "ridden", "bred", "fed":
		return true
	}
	return strings.HasSuffix(last, "ed") && hasBits(last, wnVerbEd)
}

// complementStart reports whether the word at k can open what follows a
// verb: a determiner, possessive, object pronoun, name, number, adjective,
// preposition or infinitival "to".
func complementStart(upos, xpos []string, k int) bool {
	switch upos[k] {
	case "DET", "PROPN", "NUM", "ADP", "ADJ":
		return true
	case "PART":
		return xpos[k] == "TO"
	case "PRON":
		return xpos[k] == "PRP$" || xpos[k] == "PRP"
	}
	return xpos[k] == "TO"
}

// nounAsVerb reports whether the word at k, tagged as a present-tense or
// bare verb, can be a singular noun: after a verb mistaken for a plural
// noun the tagger often takes its object for the verb ("The
// Director-General expresses concern": concern/VBP).
func nounAsVerb(words, upos, xpos []string, k int) bool {
	return upos[k] == "VERB" && (xpos[k] == "VBP" || xpos[k] == "VB") && hasBits(words[k], wnNoun)
}

// objectPronoun lists the personal pronouns that can only be objects.
func objectPronoun(w string) bool {
	switch strings.ToLower(w) {
	case "him", "her", "them", "us", "me", "it":
		return true
	}
	return false
}

func capitalised(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// titleCased reports whether w is capitalised and not in capitals (French,
// not LOST).
func titleCased(w string) bool {
	return capitalised(w) && len(w) > 1 && w[1] >= 'a' && w[1] <= 'z'
}

// fixNationalities retags "A and B N" as two adjectives before a noun when
// A and B are capitalised words that can be adjectives ("French and German
// criticism", "Greek and Cypriot complaints", "Albanian and Kosovar
// claims"): each is tagged ADJ already or is an adjective in WordNet (one
// of them may be a word WordNet lacks, such as Kosovar), and N, after any
// more adjectives, is a common noun, or a verb in -s that can be a plural
// noun (a name there makes "Robin Sloan and Matt Thompson" two names).
func fixNationalities(words, upos, xpos []string, i int) {
	if upos[i+1] != "CCONJ" || !titleCased(words[i]) || !titleCased(words[i+2]) {
		return
	}
	a, b := nationalityLike(words[i], upos[i]), nationalityLike(words[i+2], upos[i+2])
	if a < 0 || b < 0 || a+b < 1 {
		return
	}
	k := i + 3
	for k < len(words) && upos[k] == "ADJ" {
		k++
	}
	if k >= len(words) {
		return
	}
	switch {
	case upos[k] == "NOUN":
	case xpos[k] == "VBZ" && hasBits(words[k], wnNounS):
		upos[k], xpos[k] = "NOUN", "NNS"
	default:
		return
	}
	upos[i], xpos[i] = "ADJ", "JJ"
	upos[i+2], xpos[i+2] = "ADJ", "JJ"
}

// nationalityLike says how sure it is that a capitalised word with tag u is
// an adjective: 1 when tagged ADJ or an adjective in WordNet, 0 when
// WordNet does not know it at all, -1 otherwise.
func nationalityLike(w, u string) int {
	if u == "ADJ" || hasBits(w, wnAdj) {
		return 1
	}
	if u == "PROPN" && !hasBits(w, wnNoun|wnProper|wnVerb|wnAdv|wnNounS|wnVerbS|wnVerbEd|wnVerbIng) {
		return 0
	}
	return -1
}
