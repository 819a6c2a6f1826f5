package mention

import "github.com/parley-events/parley/kb"

// Kind is what a mention refers to. A knowledge-base name gives its
// entity's kind and a role noun its role's, so the type is kb.Kind; the
// mention finder adds Pronoun.
type Kind = kb.Kind

// The kinds of mention: the knowledge base's, and Pronoun.
const (
	Person            = kb.PersonKind
	Organisation      = kb.OrganisationKind
	Country           = kb.CountryKind
	Territory         = kb.TerritoryKind
	Capital           = kb.CapitalKind // a capital standing for its government ("Moscow said")
	Metonym           = kb.MetonymKind // a seat of government ("the Kremlin")
	Place             = kb.PlaceKind
	Group             = kb.GroupKind // a collective ("protesters", "the army")
	Body              = kb.BodyKind  // an institution ("the ministry")
	Pronoun      Kind = "pronoun"

	// anaphor is a role noun that refers back to a place ("the enclave"),
	// until build gives it the kind it stands for (data/anaphor_kinds.tsv).
	anaphor Kind = "anaphor"
)

// The classes of pronoun mentions, held in their Role: which earlier
// mentions each may refer to (Set.antecedent).
const (
	pronPerson       = "person"       // he, him, she, her: a person
	pronThey         = "they"         // they, them: a group, or a plural
	pronSpeaker      = "speaker"      // I, me: who speaks
	pronWe           = "we"           // we, us: the speaker's side
	pronIt           = "it"           // it, its: a country or an organisation
	pronOrganisation = "organisation" // "the group": an organisation named before
)
