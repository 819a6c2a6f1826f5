// Package event defines the coded political event, parley's unit of output.
//
// An Event says who (Actor) did what (Type, Mode) to whom (Recipient), when
// (Date) and where (Location), and keeps its provenance: the document, the
// sentence, the trigger words and the rule that produced it.
//
// The closed vocabularies of an event are named types with constants here
// (Type: PLOVER's 16 event types; Modality; Precision of a date), so that
// other packages compare against event.Assault or event.Negated, never a
// string written out again.
package event

// Event is one coded happening, as written by `parley code` (one JSON object
// per line) and stored by `parley ingest`.
type Event struct {
	ID            string    `json:"id"`
	DocID         string    `json:"doc_id"`
	Date          string    `json:"date"`           // YYYY-MM-DD, or "" when unknown
	DatePrecision Precision `json:"date_precision"` // day, week, month, year or publication
	Type          Type      `json:"type"`           // PLOVER 2.0 event type (CONSULT, ASSAULT, ...)
	Mode          string    `json:"mode"`           // PLOVER mode ("visit", "aerial"), or ""
	Contexts      []string  `json:"contexts"`       // PLOVER contexts (military, diplomatic, ...)
	CAMEO         string    `json:"cameo"`          // CAMEO code that best fits type and mode ("04", "195")
	Quad          int       `json:"quad"`           // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
	Intensity     float64   `json:"intensity"`      // PLOVER intensity, -10 … +10
	Actor         *Actor    `json:"actor"`
	Recipient     *Actor    `json:"recipient"`
	Location      *Location `json:"location"`

	// Attribution is who reported the event ("the Iranian Embassy in Moscow
	// said"), when the text attributes it to someone.
	Attribution *Actor `json:"attribution"`
	// Modality is Asserted, or why the event may not have happened:
	// Negated, Future, Hypothetical, Conditional.
	Modality Modality `json:"modality"`

	Sentence    int     `json:"sentence"`     // index of the sentence in the document
	Span        [2]int  `json:"span"`         // byte span of the sentence in the document text
	Trigger     string  `json:"trigger"`      // the words that carry the event ("met with")
	TriggerSpan [2]int  `json:"trigger_span"` // byte span of the trigger's head word
	Text        string  `json:"text"`         // the sentence text
	Rule        string  `json:"rule"`         // the lexicon entry or pattern that fired
	Confidence  float64 `json:"confidence"`   // 0..1
	// Why names the rules that chose the actor, recipient, place and date.
	Why *Why `json:"why,omitempty"`

	// Mentions counts how many sentences of the document reported this
	// happening (repeated mentions are merged into one event).
	Mentions int `json:"mentions"`
}

// Why records which rule of the coder chose each part of an event, so that
// an analyst can see why an event has the sides, place and date it has:
// {"actor": "subject", "recipient": "slot", "place": "trigger phrase",
// "date": "attached"}. An empty field means nothing was chosen.
type Why struct {
	Actor     string `json:"actor,omitempty"`     // subject, agent, possessor, between, model, implied, ...
	Recipient string `json:"recipient,omitempty"` // slot, owner, participle object, second side, responder, model, place, ...
	Place     string `json:"place,omitempty"`     // trigger phrase, after the trigger, recipient, dateline, story, ...
	Date      string `json:"date,omitempty"`      // attached, nearest, narrative, publication, list
}

// Actor is one side of an event, resolved to a country and sector.
type Actor struct {
	Text    string `json:"text"`    // the words in the sentence ("his Iranian colleague")
	Name    string `json:"name"`    // the resolved entity name ("Ali Bagheri Kani")
	Country string `json:"country"` // ISO 3166 alpha-3 or a PLOVER special code (IGO, UNO, ...)
	Sector  string `json:"sector"`  // PLOVER sector (GOV, MIL, REB, ...), or ""
	Title   string `json:"title"`   // office or role ("deputy foreign minister"), or ""
	Code    string `json:"code"`    // CAMEO-style country+sector code ("IRNGOV")
	Span    [2]int `json:"span"`    // byte span of Text in the document
}

// Location is where an event happened, geocoded where possible.
type Location struct {
	Text       string  `json:"text"`    // the words in the sentence ("in Moscow")
	Name       string  `json:"name"`    // resolved place name ("Moscow")
	Country    string  `json:"country"` // ISO 3166 alpha-3
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	GeonamesID int     `json:"geonames_id"` // 0 when the place is a country or unknown to GeoNames
	// Resolution follows PLOVER: 5 sub-city, 4 city, 3 district, 2 province, 1 country.
	Resolution int `json:"resolution"`
}

// Type is a PLOVER 2.0 event type. The types' properties (quad, intensity,
// CAMEO code, symmetric, hostile, ...) are columns of kb/data/plover.tsv,
// read through kb.PloverType.
type Type string

// The 16 event types of PLOVER 2.0.
const (
	Agree     Type = "AGREE"
	Consult   Type = "CONSULT"
	Support   Type = "SUPPORT"
	Concede   Type = "CONCEDE"
	Cooperate Type = "COOPERATE"
	Aid       Type = "AID"
	Retreat   Type = "RETREAT"
	Request   Type = "REQUEST"
	Accuse    Type = "ACCUSE"
	Reject    Type = "REJECT"
	Threaten  Type = "THREATEN"
	Sanction  Type = "SANCTION"
	Protest   Type = "PROTEST"
	Mobilize  Type = "MOBILIZE"
	Coerce    Type = "COERCE"
	Assault   Type = "ASSAULT"
)

// Types returns the 16 PLOVER types in the manual's order.
func Types() []Type {
	return []Type{Agree, Consult, Support, Concede, Cooperate, Aid, Retreat,
		Request, Accuse, Reject, Threaten, Sanction, Protest, Mobilize, Coerce, Assault}
}

// Valid says whether t is one of the 16 PLOVER types (exactly, in capitals).
func (t Type) Valid() bool {
	switch t {
	case Agree, Consult, Support, Concede, Cooperate, Aid, Retreat,
		Request, Accuse, Reject, Threaten, Sanction, Protest, Mobilize, Coerce, Assault:
		return true
	}
	return false
}

// Modality says whether an event happened as told, or why it may not have.
type Modality string

// The modalities of an event.
const (
	Asserted     Modality = "asserted"     // it happened as told
	Negated      Modality = "negated"      // "did not attack"
	Future       Modality = "future"       // "will meet"
	Hypothetical Modality = "hypothetical" // "could strike", "plans to attack"
	Conditional  Modality = "conditional"  // "if talks fail, ..."
)

// Valid says whether m is one of the five modalities.
func (m Modality) Valid() bool {
	switch m {
	case Asserted, Negated, Future, Hypothetical, Conditional:
		return true
	}
	return false
}

// Precision is how precisely an event's Date is known.
type Precision string

// The precisions of an event's date: the day, week, month or year the text
// gives (Date is then the first day of the week, month or year), or none,
// when the event took the article's publication date.
const (
	Day         Precision = "day"
	Week        Precision = "week"
	Month       Precision = "month"
	Year        Precision = "year"
	Publication Precision = "publication"
)
