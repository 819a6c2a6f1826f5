package doc

import (
	"github.com/parley-events/parley/dates"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/kb"
)

// Layer names one kind of annotation on a Document. A pipeline stage
// (package pipeline) says which layers it requires and which it adds.
type Layer string

// The layers of parley's pipeline, in the order the default one adds them.
const (
	LayerText      Layer = "text"      // Text and the metadata, from the reader
	LayerTokens    Layer = "tokens"    // Tokens' spans and Text
	LayerSentences Layer = "sentences" // Sentences
	LayerTags      Layer = "tags"      // Token.UPOS and Token.XPOS
	LayerLemmas    Layer = "lemmas"    // Token.Lemma
	LayerParse     Layer = "parse"     // Token.Head and Token.Rel
	LayerMentions  Layer = "mentions"  // Document.Mentions
	LayerTimes     Layer = "times"     // Document.Times
	LayerTriggers  Layer = "triggers"  // Document.Triggers
	LayerDiscourse Layer = "discourse" // Document.Discourse
	LayerEvents    Layer = "events"    // Document.Events
)

// Mention is one reference to an actor or a place in the text, resolved
// to a name, a country and a PLOVER sector (package mention finds them).
type Mention struct {
	First, Last int // token span [First, Last) in the document
	Head        int // head token (the last noun of the phrase)
	Sentence    int

	Name    string  // resolved entity name ("Ali Bagheri Kani", "Hamas"), or the phrase itself
	Country string  // ISO alpha-3 or PLOVER special code, "" when unknown
	Sector  string  // PLOVER sector, "" when unknown or a whole country
	Title   string  // office or role ("deputy foreign minister")
	Kind    kb.Kind // what it refers to: mention.Person, mention.Country, ... (mention/kind.go)

	Role   string // the role noun's lemma phrase, if any ("embassy", "diplomat")
	Named  bool   // the phrase contains a name (not only a description)
	Plural bool
	// Place is set when the mention can be a location (a country, territory
	// or city), with its coordinates when known. SetIn is set when the text
	// uses it as one ("in Nairobi", "across Iran").
	Place      bool
	SetIn      bool
	Lat, Lon   float64
	GeonamesID int

	// Ref is the index of the earlier mention this one refers to, or -1.
	Ref int
}

// Time is one temporal expression ("last Tuesday", "in March 2024"),
// resolved against the publication date with the tense of its sentence's
// main verb. The Expr's First and Last count tokens from the start of
// sentence Sentence.
type Time struct {
	Sentence int
	dates.Expr
}

// Trigger is a place where an event pattern of the lexicon matched: the
// word that names the happening ("met", "strike") and what the match
// already tells about its arguments.
type Trigger struct {
	Sentence int
	Pattern  kb.Trigger // the lexicon entry, with its Source ("triggers.tsv:123")
	Head     int        // trigger token
	Last     int        // last token of the matched pattern
	// Slot is the token the recipient hangs from: the preposition of
	// "attack on +", the verb for a direct object; -1 when none.
	Slot int
	// SlotHeads are recipient phrase heads the surface match found
	// ("accused Britain of"), if any.
	SlotHeads []int
	// Parties are actor phrase heads given by the frame that found the
	// trigger ("talks between A and B"), if any.
	Parties []int
}

// Discourse is what coding carries from one sentence to the next: who did
// what so far, so that "the attack" or "it" later in the story can be
// tied to an actor named earlier. The coder fills it in text order while
// it codes; each map is keyed as its comment says.
type Discourse struct {
	TriggerTypes map[int]event.Type          // trigger token → event type, for the sentences coded so far
	Actors       map[int]*event.Actor        // trigger token → actor of its event
	LastOfType   map[event.Type]*event.Actor // event type → actor of the latest event of that type
	LastTargets  map[event.Type]*event.Actor // event type → recipient of that event, if it had one
	Sanctioned   map[string]*event.Actor     // country → a target the document names for its sanctions
	Pair         [2]*event.Actor             // the two sides of the latest symmetric event between two countries
	Recent       *event.Actor                // actor of the latest event
	Lead         *event.Actor                // actor of the document's first event
}

// NewDiscourse returns an empty discourse state.
func NewDiscourse() Discourse {
	return Discourse{TriggerTypes: map[int]event.Type{}, Actors: map[int]*event.Actor{},
		LastOfType: map[event.Type]*event.Actor{}, LastTargets: map[event.Type]*event.Actor{}, Sanctioned: map[string]*event.Actor{}}
}
