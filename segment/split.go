package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-events/parley/doc"
)

// MaxSentenceTokens bounds a sentence's length. News sentences run to
// 60 tokens or so; longer runs are not prose.
const MaxSentenceTokens = 250

// Split groups tokens into sentences. breaks lists the token indices that
// follow a paragraph break; a sentence never spans one.
func Split(toks []doc.Token, breaks []int, out []doc.Sentence) []doc.Sentence {
	para, nb := 0, 0
	first := 0
	flush := func(last int) {
		if last > first {
			out = append(out, doc.Sentence{
				Start: toks[first].Start, End: toks[last-1].End,
				First: first, Last: last, Paragraph: para,
			})
		}
		first = last
	}
	for i := 0; i < len(toks); i++ {
		if nb < len(breaks) && breaks[nb] == i {
			flush(i)
			para++
			nb++
		}
		if i == 0 || nb > 0 && breaks[nb-1] == i {
			if k := speakerLabel(toks, i); k > i {
				// "JOURNALIST How did the talks go?": a transcript's
				// speaker label is a sentence of its own paragraph.
				flush(k)
				i = k - 1
				continue
			}
		}
		if i-first >= MaxSentenceTokens {
			// Text with no sentence punctuation (tables, lists, a runaway
			// line) is cut into pieces the tagger and parser handle in
			// bounded time and memory.
			flush(i)
		}
		if !isTerminal(toks[i].Text) {
			continue
		}
		// Closing quotes and brackets glued to the terminal belong to it.
		j := i + 1
		for j < len(toks) && !toks[j-1].SpaceAfter && isCloser(toks[j].Text) {
			j++
		}
		if j == len(toks) {
			break
		}
		paraNext := nb < len(breaks) && breaks[nb] == j
		if paraNext || startsSentence(toks[i].Text, toks[j].Text) {
			flush(j)
			i = j - 1
		}
	}
	flush(len(toks))
	return out
}

// speakerLabel returns the end of the transcript speaker label that opens
// the paragraph at token i ("JULIE BISHOP Good afternoon", "JOURNALIST How
// did ..."), or i when there is none. A label is written in capitals and
// followed by a word that is not: two or more words (a name), or one word
// that names a role in an interview (labelWords). A headline written all in
// capitals has no such word after it; an acronym opening a sentence ("NATO
// leaders met") is one word and no role.
func speakerLabel(toks []doc.Token, i int) int {
	k := i
	for k < len(toks) && k-i < 4 && allCaps(toks[k].Text) {
		k++
	}
	if k == i || k >= len(toks) {
		return i
	}
	next := toks[k].Text
	r, size := utf8.DecodeRuneInString(next)
	if !unicode.IsUpper(r) || allCaps(next) || size == len(next) {
		return i
	}
	if k-i == 1 && !labelWords[strings.ToLower(toks[i].Text)] {
		return i
	}
	return k
}

// labelWords are the roles an interview transcript labels its speakers by.
var labelWords = map[string]bool{
	"journalist": true, "question": true, "reporter": true, "host": true, "moderator": true,
	"interviewer": true, "presenter": true, "answer": true, "speaker": true,
}

// allCaps says whether w is a word of two or more letters, all capitals.
func allCaps(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// isTerminal says whether a token can end a sentence.
func isTerminal(t string) bool {
	switch t {
	case ".", "!", "?", "...", "…", "?!", "!!":
		return true
	}
	if len(t) > 1 && t[len(t)-1] == '.' {
		w := strings.ToLower(t[:len(t)-1])
		return sentenceFinal[w] || isDotted(t[:len(t)-1])
	}
	return false
}

func isCloser(t string) bool {
	switch t {
	case "\"", "”", "’", "'", ")", "]", "}", "»":
		return true
	}
	return false
}

// startsSentence says whether next can begin a new sentence after the
// terminal token term.
func startsSentence(term, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	capital := unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(openers, r)
	if !capital {
		return false
	}
	if len(term) > 1 && term[len(term)-1] == '.' && term != "..." {
		// An abbreviation ends a sentence only before a word that typically
		// opens one: "on the U.S. The ministry" but not "U.S. Secretary".
		return sentenceStarters[next]
	}
	return true
}

var sentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true, "We": true,
	"I": true, "You": true, "In": true, "On": true, "At": true, "But": true, "And": true, "However": true,
	"This": true, "That": true, "These": true, "Those": true, "His": true, "Her": true, "Its": true,
	"Their": true, "There": true, "Meanwhile": true, "Earlier": true, "Later": true, "According": true,
	"After": true, "Before": true, "As": true, "While": true, "When": true, "If": true, "Some": true,
	"Many": true, "Other": true, "Officials": true, "According to": true, "Since": true, "Last": true,
	"\"": true, "“": true,
}
