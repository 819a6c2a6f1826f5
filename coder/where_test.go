package coder

import (
	"testing"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/reader"
)

// Where events happen: the most specific place the text ties to each event,
// written as the text spells it.
func TestEventPlaces(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		typ     string // the event whose place is checked
		country string // want location country
		place   string // want location name
	}{
		{"visit at its destination",
			"Turkish President Recep Tayyip Erdogan paid a visit to Qatar on Tuesday.",
			"CONSULT", "QAT", "Qatar"},
		{"statement of an international body where the speech was given",
			"Statement to the Security Council\n\nNew York, 14 March 2024\n\nSecretary-General António Guterres urged Russia to stop the attacks on Ukrainian ports.",
			"REQUEST", "USA", "New York"},
		{"village unknown to the gazetteer, in its apposed province",
			"M23 rebels attacked an army post in the area of Kamango, North Kivu, on Sunday.",
			"ASSAULT", "COD", "North Kivu"},
		{"place phrase hung on the agent of an event noun",
			"The Security Council condemned the attack on the army post by the rebels on 3 May in the area of Kamango, North Kivu.",
			"ASSAULT", "COD", "North Kivu"},
		{"where the attacked troops are stationed",
			"Militants launched a drone attack on American troops stationed at Camp Victory in Iraq's Anbar province.",
			"ASSAULT", "IRQ", "Anbar"},
		{"city named as the text spells it, not GeoNames' older spelling",
			"Russian missiles struck Mykolaiv on Monday.",
			"ASSAULT", "UKR", "Mykolaiv"},
		{"meeting placed where the headline sets it",
			"Lavrov Holds Talks With Iranian Counterpart In Tehran\n\nRussian Foreign Minister Sergei Lavrov met with Iranian Foreign Minister Abbas Araghchi on Monday.",
			"CONSULT", "IRN", "Tehran"},
		{"arrest retold without a place, at the story's one place",
			"Israeli forces raided homes in Jenin on Monday, the army said.\n\nPalestinian officials said Israeli forces arrested 12 Palestinians during the raid.",
			"COERCE", "PSE", "Jenin"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			evs := codeText(t, c.text, "2024-03-14")
			for _, e := range evs {
				if e.Type != c.typ {
					continue
				}
				if e.Location == nil {
					t.Fatalf("%s has no location%s", c.typ, describe(evs))
				}
				if e.Location.Country != c.country || e.Location.Name != c.place {
					t.Fatalf("%s placed at %s (%s), want %s (%s)", c.typ, e.Location.Name, e.Location.Country, c.place, c.country)
				}
				return
			}
			t.Fatalf("no %s event:%s", c.typ, describe(evs))
		})
	}
}

// Verbal acts are made where the speaker is, not at the scene the story is
// about: a UN demand about fighting in one province is placed no closer than
// the country, and a dateline abroad does not place a government's words.
func TestStatementPlaces(t *testing.T) {
	text := "Fighters attacked villages in Al Jazirah State on Friday, killing dozens.\n\n" +
		"The Security Council demanded that Sudan's army protect civilians."
	evs := codeText(t, text, "2024-11-01")
	for _, e := range evs {
		if e.Type == "REQUEST" {
			if e.Location == nil || e.Location.Country != "SDN" || e.Location.Resolution != 1 {
				t.Fatalf("REQUEST placed at %+v, want Sudan at country level", e.Location)
			}
			return
		}
	}
	t.Fatalf("no REQUEST event:%s", describe(evs))
}

// A wire dateline places a meeting the sentence does not place, and a UN
// official's statement; a government's criticism of another country is not
// placed at a dateline in neither's country.
func TestDatelinePlaces(t *testing.T) {
	text := "GENEVA, March 14 (Reuters) - Ukrainian Foreign Minister Dmytro Kuleba met with Polish Foreign Minister Radoslaw Sikorski on Thursday.\n\n" +
		"UN human rights chief Volker Turk urged Russia to stop the attacks.\n\n" +
		"Chinese Foreign Minister Wang Yi criticised the United States on Thursday."
	d := &doc.Document{ID: "t", Date: mustDay(t, "2024-03-14"), Text: text, Dateline: reader.FindDateline(text)}
	if d.Dateline == nil {
		t.Fatal("no dateline found")
	}
	evs := Default().Code(d)
	seen := map[string]bool{}
	for _, e := range evs {
		seen[e.Type] = true
		atGeneva := e.Location != nil && e.Location.Name == "Geneva"
		switch e.Type {
		case "CONSULT", "REQUEST":
			if !atGeneva {
				t.Errorf("%s placed at %+v, want the Geneva dateline", e.Type, e.Location)
			}
		case "ACCUSE":
			if atGeneva {
				t.Errorf("China's criticism of the US placed at the Geneva dateline: %+v", e.Location)
			}
		}
	}
	for _, typ := range []string{"CONSULT", "REQUEST", "ACCUSE"} {
		if !seen[typ] {
			t.Errorf("no %s event:%s", typ, describe(evs))
		}
	}
}
