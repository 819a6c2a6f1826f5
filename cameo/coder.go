// Package cameo codes sentences with PETRARCH/TABARI dictionaries (actors,
// agents, CAMEO verb patterns, discards) the way PETRARCH does: noun
// phrases are coded from the actor and agent dictionaries, each verb found
// in the verb dictionary is tried against its patterns over the words
// before and after it, and the source and target come from the pattern's
// markers or, failing those, from the nearest coded noun phrases. The
// sentence structure comes from parley's own tagger and dependency parser.
//
// It is the engine behind `parley eval --petrarch` and `parley code
// --petrarch`: analysts' existing CAMEO dictionaries work unchanged.
package cameo

import (
	"strings"
	"time"

	"github.com/parley-events/parley/dict"
	"github.com/parley-events/parley/doc"
)

// Options are PETRARCH's coding options.
type Options struct {
	Commas CommaOptions
	// RequireDyad drops events with a side that has no actor code.
	RequireDyad bool
	// NewActorLength, when positive, writes an uncoded noun phrase of
	// fewer than that many words as a quoted actor ("\"INJURY TOLL\"").
	NewActorLength int
}

// DefaultOptions are PETRARCH's defaults.
var DefaultOptions = Options{Commas: DefaultCommas, RequireDyad: true}

// Event is one coded event: CAMEO source, target and event code, with
// where it came from.
type Event struct {
	Source, Target, Code string
	Sentence             int    // index in the document
	Verb                 int    // token index of the verb (document level)
	Pattern              string // the verb pattern that matched, "" for the verb's own code
	PatternLine          int
}

// Coder codes documents with one set of dictionaries.
type Coder struct {
	Dict *Dictionaries
	Opt  Options
}

// New returns a coder with PETRARCH's default options.
func New(d *Dictionaries) *Coder { return &Coder{Dict: d, Opt: DefaultOptions} }

// Discarded says why a document or sentence was not coded.
type Discarded struct {
	Sentence int
	Phrase   string
	Story    bool
}

// Code codes every sentence of an annotated document (tokens, tags and
// dependencies set by nlp.Annotate). A story-level discard phrase stops
// the whole document.
func (c *Coder) Code(d *doc.Document) ([]Event, []Discarded) {
	var out []Event
	var disc []Discarded
	for si, sn := range d.Sentences {
		s := newSentence(d, sn, c.Dict.actorWord)
		if ph, story, ok := c.discard(s); ok {
			disc = append(disc, Discarded{si, ph, story})
			if story {
				return nil, disc
			}
			continue
		}
		for _, e := range c.codeSentence(s, d.Date) {
			e.Sentence = si
			e.Verb += sn.First
			out = append(out, e)
		}
	}
	return out, disc
}

func (c *Coder) discard(s *sentence) (string, bool, bool) {
	var ws []string
	for _, t := range s.toks {
		ws = append(ws, strings.ToUpper(t.Text))
	}
	for _, x := range c.Dict.discards {
		for i := 0; i+len(x.words) <= len(ws); i++ {
			ok := true
			for j, w := range x.words {
				tw := ws[i+j]
				if tw != w && !(x.stem && j == len(x.words)-1 && strings.HasPrefix(tw, w)) {
					ok = false
					break
				}
			}
			if ok {
				return strings.Join(x.words, " "), x.story, true
			}
		}
	}
	return "", false, false
}

// actorCode codes the words of a noun phrase: the first actor found gives
// the base code, and every agent elsewhere in the phrase adds its code
// (after the actor's with '~CODE', before it with 'CODE~').
func (c *Coder) actorCode(words []string, day time.Time) string {
	code := ""
	from, to := -1, -1
	for k := 0; k < len(words) && code == ""; k++ {
		for _, ap := range c.Dict.actors[words[k]] {
			if n, ok := phraseMatch(ap.words, ap.adjacent, words[k:]); ok {
				code = codeOn(ap.actor, day)
				from, to = k, k+n
				break
			}
		}
	}
	var agents []agentPhrase
	for k := 0; k < len(words); k++ {
		if k >= from && k < to {
			continue
		}
		for _, ag := range c.Dict.agents[words[k]] {
			if n, ok := phraseMatch(ag.words, ag.adjacent, words[k:]); ok {
				agents = append(agents, ag)
				k += n - 1
				break
			}
		}
	}
	if code == "" && len(agents) == 0 {
		return "---"
	}
	if code == "" {
		code = "---"
	}
	for _, ag := range agents {
		if hasBlock(code, ag.code) {
			break
		}
		if ag.prefix {
			code = ag.code + code
		} else {
			code += ag.code
		}
	}
	return code
}

// hasBlock reports whether sub occurs in code at a multiple of three
// characters (CAMEO codes are built of three-letter blocks).
func hasBlock(code, sub string) bool {
	for k := 0; k+len(sub) <= len(code); k += 3 {
		if code[k:k+len(sub)] == sub {
			return true
		}
	}
	return false
}

// phraseMatch matches a dictionary phrase at the start of words: words
// joined by '_' must follow each other, others may have words between.
// It returns how many words the match covers.
func phraseMatch(pat []string, adjacent []bool, words []string) (int, bool) {
	if len(words) == 0 || words[0] != pat[0] {
		return 0, false
	}
	k := 1
	for i := 1; i < len(pat); i++ {
		for {
			if k >= len(words) {
				return 0, false
			}
			if words[k] == pat[i] {
				break
			}
			if adjacent[i] {
				return 0, false
			}
			k++
		}
		k++
	}
	return k, true
}

// codeOn picks an actor's code for a day: the first date restriction that
// holds, else the first unrestricted code.
func codeOn(a *dict.Actor, day time.Time) string {
	d := day.Format("2006-01-02")
	if !day.IsZero() {
		for _, r := range a.Codes {
			if r.Default() {
				continue
			}
			if (r.From == "" || d >= r.From) && (r.To == "" || d <= r.To) {
				return r.Code
			}
		}
	}
	for _, r := range a.Codes {
		if r.Default() {
			return r.Code
		}
	}
	return "---"
}
