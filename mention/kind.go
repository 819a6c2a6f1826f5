package mention

// Kind is what a mention refers to. A knowledge-base name gives its
// entity's kind (kb.Entity.Kind: person, organisation, country, territory,
// capital, metonym, place) and a role noun its role's (kb.Role.Kind: person,
// group, body), so the constants below are also the values of those kb
// fields; Pronoun is the mention finder's own.
type Kind string

// The kinds of mention.
const (
	Person       Kind = "person"
	Organisation Kind = "organisation"
	Country      Kind = "country"
	Territory    Kind = "territory"
	Capital      Kind = "capital" // a capital standing for its government ("Moscow said")
	Metonym      Kind = "metonym" // a seat of government ("the Kremlin")
	Place        Kind = "place"
	Group        Kind = "group" // a collective ("protesters", "the army")
	Body         Kind = "body"  // an institution ("the ministry")
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
