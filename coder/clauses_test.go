package coder

import "testing"

// Events in the clauses and phrases news wraps them in: collectives set in
// several places, alternatives, participles, gerunds and causes.
func TestClausePhrasings(t *testing.T) {
	cases := []phrasing{
		// An unnamed collective in a list of places is one actor per place,
		// also when the parser takes the last place for the subject.
		{"Armed groups in Syria, Iraq, and Jordan have attacked American troops.",
			[]want{{"ASSAULT", "SYR", "USA", false}, {"ASSAULT", "IRQ", "USA", false}, {"ASSAULT", "JOR", "USA", false}}, nil},
		{"Militants in Mali and Niger attacked French soldiers.",
			[]want{{"ASSAULT", "MLI", "FRA", false}, {"ASSAULT", "NER", "FRA", false}}, nil},
		// A nationality names the group's country wherever it is.
		{"Iraqi militants in Syria attacked US forces.",
			[]want{{"ASSAULT", "IRQ", "USA", false}}, []want{{"ASSAULT", "SYR", "USA", false}}},
		// Alternatives leave the target open.
		{"Rebel groups in Sudan have backed the army by attacking Chadian convoys or Libyan fighters.",
			[]want{{"ASSAULT", "SDN", "", false}}, []want{{"ASSAULT", "SDN", "TCD", false}, {"ASSAULT", "SDN", "LBY", false}}},
		// A place modifying another noun is no place a group is in.
		{"The deaths of five fighters in a US airstrike were confirmed.",
			[]want{{"ASSAULT", "USA", "", false}}, nil},
		// A gerund completing the object is done by the verb's subject; a
		// base stands for those stationed there.
		{"Hezbollah claimed responsibility for attacking a military camp where Israeli soldiers are stationed.",
			[]want{{"ASSAULT", "LBN", "ISR", false}}, nil},
		{"Syrian militants shelled the outpost, which hosts Turkish soldiers.",
			[]want{{"ASSAULT", "SYR", "TUR", false}}, nil},
		// A town is not its garrison.
		{"Iran struck Erbil, where US forces are stationed.",
			[]want{{"ASSAULT", "IRN", "IRQ", false}}, []want{{"ASSAULT", "IRN", "USA", false}}},
		// A hostile act that caused another is aimed at the responder.
		{"Russia launched strikes on Kyiv in retaliation for Ukraine's attack.",
			[]want{{"ASSAULT", "RUS", "UKR", false}, {"ASSAULT", "UKR", "RUS", false}}, nil},
		// A detention the text gives no author: made where it happened,
		// or in the detainee's own country; a named author stays.
		{"Washington condemned the detention of two American journalists in Iran.",
			[]want{{"COERCE", "IRN", "USA", false}}, nil},
		{"The opposition protested against the arrest of President Ali Bongo.",
			[]want{{"COERCE", "GAB", "GAB", false}}, nil},
		{"The UN condemned the detention of seven staff members by the Houthis.",
			[]want{{"COERCE", "YEM", "", false}}, nil},
		// Places and targets inside a condemned attack are its victims,
		// not the ones condemned; the condemner is no attacker.
		{"Pope Francis condemned all attacks on schools, hospitals, and homes in Sudan and Chad.",
			[]want{{"ACCUSE", "VAT", "", false}}, []want{{"ACCUSE", "VAT", "SDN", false}, {"ACCUSE", "VAT", "TCD", false}}},
		{"Egypt condemned the Israeli strikes on villages in Lebanon.",
			[]want{{"ACCUSE", "EGY", "ISR", false}}, []want{{"ACCUSE", "EGY", "LBN", false}}},
		{"Jordan reiterated its strong condemnation of all attacks against UN peacekeepers.",
			nil, []want{{"ASSAULT", "JOR", "UNO", false}}},
		// Drills and deployments staged next to a place are aimed at it.
		{"Chinese warships held drills near Taiwan.",
			[]want{{"MOBILIZE", "CHN", "TWN", false}}, []want{{"MOBILIZE", "CHN", "", false}}},
		{"The Iranian navy conducted drills off the coast of Oman.",
			[]want{{"MOBILIZE", "IRN", "OMN", false}}, nil},
		{"Russian troops held exercises near the Finnish border.",
			[]want{{"MOBILIZE", "RUS", "FIN", false}}, nil},
		// A vague noun is a hostile act only where a response answers it.
		{"Israel struck Lebanon in retaliation for Hezbollah's operation.",
			[]want{{"ASSAULT", "ISR", "LBN", false}, {"ASSAULT", "LBN", "ISR", false}}, nil},
		{"India launched strikes on Pakistan in response to the aggression by Pakistani forces.",
			[]want{{"ASSAULT", "PAK", "IND", false}}, nil},
		{"Egypt announced a rescue operation for the miners.",
			nil, []want{{"ASSAULT", "EGY", "", false}}},
		// Parties declaring "hereby" as one "we" agree with each other.
		{"We, the President of the French Republic Emmanuel Macron and the Chancellor of the Federal Republic of Germany Olaf Scholz, hereby declare the following.",
			[]want{{"AGREE", "FRA", "DEU", true}}, nil},
		{"We, the people of France, hereby declare our independence.",
			nil, []want{{"AGREE", "FRA", "", false}}},
		// A side named before a coordinated modifier modifies the whole
		// phrase; "the town of X" names a town of the gazetteer.
		{"Russian missile and drone attacks on the town of Kupiansk killed two people.",
			[]want{{"ASSAULT", "RUS", "UKR", false}}, nil},
		{"Israeli air and artillery strikes on Gaza killed 18 civilians.",
			[]want{{"ASSAULT", "ISR", "PSE", false}}, nil},
	}
	checkPhrasings(t, cases)
}

// A list of days gives one event a day; a month's name is no trigger.
func TestDatedLists(t *testing.T) {
	evs := codeText(t, "Houthi forces attacked US warships on November 19 and 22.", "2023-12-04")
	days := map[string]bool{}
	for _, e := range evs {
		if e.Type == "ASSAULT" && e.Actor.Country == "YEM" {
			days[e.Date] = true
		}
	}
	if !days["2023-11-19"] || !days["2023-11-22"] || len(days) != 2 {
		t.Errorf("want attacks on 2023-11-19 and 2023-11-22, got %v:%s", days, describe(evs))
	}
	evs = codeText(t, "Russia and Ukraine held talks on 5 March.", "2024-05-10")
	for _, e := range evs {
		if e.Type == "PROTEST" {
			t.Errorf("the month became a march:%s", describe(evs))
		}
	}
}
