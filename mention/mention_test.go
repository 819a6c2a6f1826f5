package mention

import (
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/kb"
	"github.com/parley-events/parley/nlp"
	"github.com/parley-events/parley/reader"
)

func seed(t *testing.T) (*doc.Document, *Set) {
	t.Helper()
	for d, err := range reader.Documents([]string{shared.Path(t, "examples/tass-2023-10-27.txt")}, reader.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		nlp.Annotate(d)
		return d, Find(d, kb.Default())
	}
	t.Fatal("no document")
	return nil, nil
}

// find returns the first mention whose text is text, from byte offset from.
func find(t *testing.T, d *doc.Document, s *Set, text string, from int) *doc.Mention {
	t.Helper()
	at := strings.Index(d.Text[from:], text)
	if at < 0 {
		t.Fatalf("%q not in the text", text)
	}
	at += from
	for i, tk := range d.Tokens {
		if tk.Start >= at && tk.Start < at+len(text) {
			if m := s.At(i); m != nil {
				return m
			}
		}
	}
	t.Fatalf("no mention for %q", text)
	return nil
}

// The seed article's actors resolve as its gold events name them: by name,
// role phrase, surname, description and place anaphor.
func TestSeedMentions(t *testing.T) {
	d, s := seed(t)
	cases := []struct {
		text, after           string
		name, country, sector string
	}{
		{"Ali Bagheri Kani", "", "Ali Bagheri Kani", "IRN", "GOV"},
		{"Abu Marzouk", "", "Mousa Abu Marzouk", "PSE", "REB"},
		{"Russian Deputy Foreign Minister Mikhail Bogdanov", "", "Mikhail Bogdanov", "RUS", "GOV"},
		{"Marzouk", "Bogdanov also met", "Mousa Abu Marzouk", "PSE", "REB"},
		{"colleague", "his Iranian", "Ali Bagheri Kani", "IRN", "GOV"},
		{"diplomat", "the senior Iranian", "Ali Bagheri Kani", "IRN", "GOV"},
		{"enclave", "strikes on the", "Gaza Strip", "PSE", ""},
		{"militants", "when", "militants", "PSE", "REB"},
		{"Israeli authorities", "", "Israeli authorities", "ISR", "GOV"},
	}
	for _, c := range cases {
		from := 0
		if c.after != "" {
			from = strings.Index(d.Text, c.after)
		}
		m := find(t, d, s, c.text, from)
		if m.Name != c.name || m.Country != c.country || m.Sector != c.sector {
			t.Errorf("%q: got %s/%s/%s, want %s/%s/%s", c.text, m.Name, m.Country, m.Sector, c.name, c.country, c.sector)
		}
	}
}

// An office named without a name resolves to its holder on the day.
func TestOfficeHolder(t *testing.T) {
	d := &doc.Document{Date: time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC),
		Text: "The Secretary-General strongly condemns the attacks. He calls for restraint."}
	nlp.Annotate(d)
	s := Find(d, kb.Default())
	sg, he := s.At(1), s.At(7)
	if sg == nil || sg.Name != "António Guterres" || sg.Country != "UNO" {
		t.Errorf("the Secretary-General: %+v", sg)
	}
	if he == nil || he.Name != "António Guterres" {
		t.Errorf("he: %+v", he)
	}
}

// Several delegations with no country named are a meeting's many parties,
// not the country the story is about; the story's army is its country's.
func TestEnvoysStayUnplaced(t *testing.T) {
	d := &doc.Document{Date: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC),
		Text: "Sudan's army shelled Omdurman. Sudan rejected the talks. The army said Sudan would fight. Delegations urged a ceasefire."}
	nlp.Annotate(d)
	s := Find(d, kb.Default())
	var army, dels *doc.Mention
	for i, tk := range d.Tokens {
		switch tk.Text {
		case "army":
			army = s.At(i)
		case "Delegations":
			dels = s.At(i)
		}
	}
	if army == nil || army.Country != "SDN" {
		t.Errorf("the army: %+v", army)
	}
	if dels == nil || dels.Country != "" {
		t.Errorf("Delegations: %+v", dels)
	}
}

// A name the knowledge base does not hold, after a preposition of place,
// is a town of the gazetteer when it has one of that name.
func TestGazetteerPlaceAfterPreposition(t *testing.T) {
	for _, c := range []struct{ text, name, country string }{
		{"Russian troops pulled back from Mykolaiv on Monday.", "Mykolaiv", "UKR"},
		{"Shells fell across Kharkiv overnight.", "Kharkiv", "UKR"},
		{"The ferry sank off Mombasa at dawn.", "Mombasa", "KEN"},
		{"A letter from Hanna Ivanenko reached the ministry.", "Hanna Ivanenko", ""},
	} {
		d := &doc.Document{ID: "p", Date: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), Text: c.text}
		nlp.Annotate(d)
		s := Find(d, kb.Default())
		m := find(t, d, s, c.name, 0)
		if c.country == "" {
			if m.Place {
				t.Errorf("%s: %q taken for a place", c.text, c.name)
			}
			continue
		}
		if !m.Place || m.Kind != Place || m.Country != c.country {
			t.Errorf("%s: %q is %+v, want a place in %s", c.text, c.name, *m, c.country)
		}
	}
}

// resolution is a phrase of an invented text, published by source (""
// for none), and the country it must resolve to. The phrase is looked for
// from the first occurrence of after ("" for the start of the text).
type resolution struct {
	source, text, phrase, after, country string
}

// checkResolutions finds the mentions of each case's text, dated day, and
// checks its phrase's country.
func checkResolutions(t *testing.T, day time.Time, cases []resolution) {
	t.Helper()
	for _, c := range cases {
		d := &doc.Document{Date: day, Source: c.source, Text: c.text}
		nlp.Annotate(d)
		s := Find(d, kb.Default())
		if m := find(t, d, s, c.phrase, strings.Index(c.text, c.after)); m.Country != c.country {
			t.Errorf("%q in %q (source %q): %s (%s), want %s", c.phrase, c.text, c.source, m.Country, m.Name, c.country)
		}
	}
}

// "I" and "we" in a quotation are its speaker, named after it or before
// it in the paragraph; outside quotation, in a document an institution
// published, they are that institution.
func TestFirstPersonSpeakers(t *testing.T) {
	checkResolutions(t, time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), []resolution{
		{"", "Kenya spoke with Chad. \"We condemn the coup in Niger,\" said the Ghanaian foreign minister.", "We", "", "GHA"},
		{"", "The Peruvian envoy noted: \"Today we welcome the truce in Chad.\" Kenya agreed.", "we", "", "PER"},
		{"", "The Chilean minister said: \"We condemn the raid.\"\n\n\"We also call on Bolivia to talk,\" the minister added.", "We", "\"We also", "CHL"},
		{"", "\"I am deeply concerned,\" the Togolese president told reporters after meeting Kenya's president.", "I", "", "TGO"},
		{"European Union, statement by the High Representative (eeas.europa.eu)", "I keep watching events in Kosovo closely. I spoke with President Vučić this week.", "I", "I spoke", "EUR"},
		{"European Union (eeas.europa.eu)", "We urge Serbia and Kosovo to talk. \"We will not give in,\" the Serbian president said.", "We", "We will", "SRB"},
	})
}

// A state's own statement: its bare offices are its own, "we" is its
// government; a transcript's label names who says "I".
func TestIssuerStateAndTranscriptLabels(t *testing.T) {
	checkResolutions(t, time.Date(2018, 5, 11, 0, 0, 0, 0, time.UTC), []resolution{
		{"UK Prime Minister's Office (gov.uk)", "The Prime Minister spoke to the President of France today.", "The Prime Minister", "", "GBR"},
		{"Global Affairs Canada, news release", "We condemn the detention of two Canadians in Iran.", "We", "", "CAN"},
		{"President of Russia (kremlin.ru)", "We discussed trade with our Chinese partners.", "We", "", "RUS"},
		{"President of Russia (kremlin.ru)", "Vladimir Putin met the Kazakh president.\n\nPresident of Kazakhstan Kassym-Jomart Tokayev: Thank you. I am grateful for this visit.", "I", "I am", "KAZ"},
		{"", "Ghana and Togo held talks.\n\nNANA AKUFO-ADDO Thank you. I am grateful for the visit.", "I", "I am", "GHA"},
	})
}

// A surname after an honorific is the person named in full before it.
func TestSurnameAfterHonorific(t *testing.T) {
	checkResolutions(t, time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), []resolution{
		{"", "The Chilean president, Jorge Alvarado, met the Peruvian leader. Later, Peru praised Mr. Alvarado.", "Mr. Alvarado", "", "CHL"},
		{"", "Kenyan opposition leader Ruth Wanjiku met the envoy. Mrs. Wanjiku said little.", "Mrs. Wanjiku", "", "KEN"},
		{"", "Ghana's health minister, Kofi Mensah, visited Lomé. Dr. Mensah met Togolese doctors.", "Dr. Mensah", "", "GHA"},
	})
}

// Peacekeepers with no country named are the UN's, not the country the
// story is set in; with one named they are that country's.
func TestPeacekeepers(t *testing.T) {
	checkResolutions(t, time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), []resolution{
		{"", "Gunmen attacked a convoy near Gao in Mali. Two peacekeepers were killed.", "peacekeepers", "", "UNO"},
		{"", "Fighting spread in Juba, South Sudan. The peacekeepers sheltered civilians.", "peacekeepers", "", "UNO"},
		{"", "Militias shelled Goma in Congo. The blue helmets withdrew from the town.", "helmets", "", "UNO"},
		{"", "Clashes erupted in Karabakh. Russian peacekeepers stood by.", "peacekeepers", "", "RUS"},
	})
}

// A possessive in a phrase fronted before the main clause looks ahead to
// that clause's subject; elsewhere it looks back.
func TestCataphoricPossessive(t *testing.T) {
	checkResolutions(t, time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), []resolution{
		{"", "The US condemned the arrests. Rather than silencing its opponents, the Bolivian government should listen to them.", "its", "silencing", "BOL"},
		{"", "Chile met Peru. In its statement on Friday, the Bolivian ministry rejected the plan.", "its", "In", "BOL"},
		{"", "Kenya closed the border. Despite its denials, the Ugandan army moved troops north.", "its", "Despite", "UGA"},
		{"", "The Ugandan army moved troops north. Kenya said its border was closed.", "its", "said", "KEN"},
	})
}

// A nationality written in lower case names its country when the word is
// nothing else; "polish" and "us" stay words.
func TestLowerCaseNationality(t *testing.T) {
	checkResolutions(t, time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), []resolution{
		{"", "The russian military shelled hospitals in Kharkiv.", "military", "", "RUS"},
		{"", "Ukraine said russian troops fired on the town.", "troops", "", "RUS"},
		{"", "The iranian navy seized a tanker.", "navy", "", "IRN"},
	})
	d := &doc.Document{Date: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), Text: "Give us the polish troops use on their boots."}
	nlp.Annotate(d)
	s := Find(d, kb.Default())
	for _, m := range s.Mentions {
		if m.Country == "POL" || m.Country == "USA" {
			t.Errorf("%q: %s %s", d.Text, m.Name, m.Country)
		}
	}
}

// An object pronoun is not its own verb's subject.
func TestObjectPronounNotSubject(t *testing.T) {
	checkResolutions(t, time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), []resolution{
		{"", "Two Bangladeshi fishermen drifted across the maritime line. The Indian navy detained them.", "them", "detained", "BGD"},
		{"", "Two Chilean fishermen entered the zone. Peruvian soldiers escorted them out.", "them", "escorted", "CHL"},
		{"", "Nepali traders crossed the border. The Indian police fined them.", "them", "fined", "NPL"},
	})
}

// "Secretary" before a name is the title of the person named.
func TestSecretaryTitle(t *testing.T) {
	for _, c := range []struct{ text, name, country string }{
		{"Secretary Blinken met the Kenyan president on Monday.", "Secretary Blinken", "USA"},
		{"On Monday Secretary Pompeo spoke with the Colombian president.", "Secretary Pompeo", "USA"},
	} {
		d := &doc.Document{Date: time.Date(2021, 1, 5, 0, 0, 0, 0, time.UTC), Text: c.text}
		if strings.Contains(c.name, "Blinken") {
			d.Date = time.Date(2022, 5, 10, 0, 0, 0, 0, time.UTC)
		}
		nlp.Annotate(d)
		s := Find(d, kb.Default())
		if m := find(t, d, s, c.name, 0); m.Country != c.country || m.First != find(t, d, s, "Secretary", 0).First {
			t.Errorf("%q in %q: %s %q, want one mention of %s", c.name, c.text, m.Country, m.Name, c.country)
		}
	}
}

// A title after a collective's role is one of the collective's people.
func TestCollectiveTitles(t *testing.T) {
	for _, c := range []struct{ text, phrase, sector string }{
		{"The government and rebel negotiators reached a deal.", "rebel negotiators", "REB"},
		{"Police arrested a rebel spokesman in Goma.", "rebel spokesman", "REB"},
		{"The Kenyan foreign minister met the press.", "foreign minister", "GOV"},
	} {
		d := &doc.Document{Date: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), Text: c.text}
		nlp.Annotate(d)
		s := Find(d, kb.Default())
		if m := find(t, d, s, c.phrase, 0); m.Sector != c.sector {
			t.Errorf("%q in %q: %s, want %s", c.phrase, c.text, m.Sector, c.sector)
		}
	}
}
