// Package doc defines the Document that flows through parley's pipeline.
//
// Like a spaCy Doc, one Document is created by a reader and then passed
// through the stages of a pipeline (package pipeline) in order; each stage
// adds a layer and never removes one: segmentation adds Tokens and
// Sentences, the tagger fills UPOS and XPOS, the lemmatiser Lemma, the
// parser Head and Rel; then come the mentions of actors and places, the
// time expressions, the event triggers, the discourse state and the events
// (Layer lists them). Every token keeps its byte offsets into Text, so any
// later layer (a mention, an event trigger) can point back at the exact
// characters of the original article.
package doc

import (
	"time"

	"github.com/parley-events/parley/event"
)

// Document is one dated news article.
type Document struct {
	ID     string    // from the record, or the file name without its extension
	Source string    // outlet or agency ("TASS"), if known
	URL    string    // where the article was published, if known
	Title  string    // headline, if known
	Date   time.Time // publication date (UTC midnight when only a day is known)
	Path   string    // file the document was read from ("" for stdin), for messages
	Line   int       // line in Path where the record starts (JSON Lines), for messages

	// Text is the article body exactly as read (after UTF-8 validation).
	// All offsets in the document are byte offsets into Text.
	Text string

	// Dateline is the "MOSCOW, October 27. /TASS/." opening of a wire story,
	// if the article has one. It is kept as metadata, not as a sentence.
	Dateline *Dateline

	Tokens    []Token
	Sentences []Sentence

	// The layers after parsing (see Layer), each filled by one stage.
	Mentions  []Mention     // actors and places the text names, in text order
	Times     []Time        // temporal expressions, in text order
	Triggers  []Trigger     // event triggers, in text order
	Discourse Discourse     // the state coding carries across sentences
	Events    []event.Event // the coded events, merged, in text order

	// Warnings are problems that did not stop the document from being read
	// (invalid UTF-8 replaced, a date guessed): reported, never silent.
	Warnings []string
}

// Dateline is the place-and-source opening of a wire story.
type Dateline struct {
	Place  string // "Moscow" (as written, case normalised to title case)
	Source string // "TASS", if the dateline names the agency
	Start  int    // byte span of the whole dateline in Text
	End    int
}

// Token is one word or punctuation mark.
type Token struct {
	Start, End int    // byte span in Document.Text
	Text       string // the characters of the span, as written
	SpaceAfter bool   // whether white space follows in Text

	UPOS  string // universal part of speech (NOUN, VERB, PROPN, ...)
	XPOS  string // Penn Treebank tag (NN, VBD, NNP, ...)
	Lemma string // dictionary form, lower case for common words

	// Head is the document-level index of the syntactic head, or -1 for the
	// root of a sentence. Rel is its Universal Dependencies relation.
	Head int
	Rel  string
}

// Sentence is a run of tokens [First, Last) covering bytes [Start, End).
type Sentence struct {
	Start, End  int
	First, Last int
	Paragraph   int // index of the paragraph the sentence begins in
}

// SentenceText returns the characters of sentence s.
func (d *Document) SentenceText(s Sentence) string { return d.Text[s.Start:s.End] }

// SentenceTokens returns the tokens of sentence s.
func (d *Document) SentenceTokens(s Sentence) []Token { return d.Tokens[s.First:s.Last] }

// Day returns the publication date as YYYY-MM-DD, or "" when unknown.
func (d *Document) Day() string {
	if d.Date.IsZero() {
		return ""
	}
	return d.Date.Format("2006-01-02")
}

// Dependents indexes each token's syntactic dependents, in text order:
// Dependents()[h] lists the tokens whose Head is h.
func (d *Document) Dependents() [][]int {
	deps := make([][]int, len(d.Tokens))
	for i, t := range d.Tokens {
		if t.Head >= 0 && t.Head < len(d.Tokens) {
			deps[t.Head] = append(deps[t.Head], i)
		}
	}
	return deps
}
