package kb

import "testing"

// The actors conflict and diplomacy news of 2018–2025 names: a sample of
// people, each on a day of their office, and of organisations by alias.
func TestCoverageConflictPeople(t *testing.T) {
	k := Default()
	cases := []struct {
		name, day                      string
		person, country, sector, title string
	}{
		{"Francesca Albanese", "2024-03-26", "Francesca Albanese", "UNO", "IGO", "special rapporteur on the occupied palestinian territories"},
		{"Bintou Keita", "2025-01-26", "Bintou Keita", "UNO", "IGO", "special representative for the democratic republic of the congo"},
		{"Otunbayeva", "2023-06-21", "Roza Otunbayeva", "UNO", "IGO", "special representative for afghanistan"},
		{"Hanna Tetteh", "2025-06-24", "Hanna Tetteh", "UNO", "IGO", "special representative for libya"},
		{"Aroldo Lazaro", "2024-10-10", "Aroldo Lázaro", "UNO", "MIL", "head of mission and force commander of unifil"},
		{"Tomoko Akane", "2024-11-21", "Tomoko Akane", "IGO", "JUD", "president of the international criminal court"},
		{"Albudaiwi", "2024-05-01", "Jasem Mohamed Albudaiwi", "IGO", "IGO", "secretary-general of the gulf cooperation council"},
		{"Omar Touray", "2024-01-28", "Omar Alieu Touray", "IGO", "IGO", "president of the ecowas commission"},
		{"Kenneth McKenzie", "2021-08-30", "Kenneth McKenzie", "USA", "MIL", "commander of us central command"},
		{"Cavoli", "2023-05-10", "Christopher Cavoli", "USA", "MIL", "supreme allied commander europe"},
		{"Tom Barrack", "2025-07-15", "Tom Barrack", "USA", "GOV", "special envoy for syria"},
		{"Konashenkov", "2022-03-25", "Igor Konashenkov", "RUS", "MIL", "defence ministry spokesman"},
		{"Gladkov", "2023-12-30", "Vyacheslav Gladkov", "RUS", "GOV", "governor of belgorod region"},
		{"Pushilin", "2021-02-01", "Denis Pushilin", "UKR", "REB", "head of the donetsk people's republic"},
		{"Pushilin", "2023-09-10", "Denis Pushilin", "RUS", "GOV", "russian-installed head of the donetsk region"},
		{"Synegubov", "2024-05-10", "Oleh Syniehubov", "UKR", "GOV", "governor of kharkiv region"},
		{"Maliuk", "2025-06-01", "Vasyl Maliuk", "UKR", "SPY", "head of the security service of ukraine"},
		{"Podolyak", "2022-09-30", "Mykhailo Podolyak", "UKR", "GOV", "adviser to the head of the presidential office"},
		{"Safieddine", "2024-09-30", "Hashem Safieddine", "LBN", "REB", "head of hezbollah's executive council"},
		{"Izzat al-Risheq", "2023-10-08", "Izzat al-Rishq", "PSE", "REB", "political bureau member"},
		{"Qais al-Khazali", "2024-01-30", "Qais al-Khazali", "IRQ", "REB", "secretary-general of asaib ahl al-haq"},
		{"Iravani", "2024-04-14", "Amir Saeid Iravani", "IRN", "GOV", "ambassador to the united nations"},
		{"Majed al-Ansari", "2024-05-07", "Majed al-Ansari", "QAT", "GOV", "foreign ministry spokesman"},
		{"Abdelrahim Dagalo", "2024-06-01", "Abdul Rahim Dagalo", "SDN", "REB", "deputy commander of the rapid support forces"},
		{"Kanyuka", "2025-01-27", "Lawrence Kanyuka", "COD", "REB", "m23 spokesman"},
		{"Vikram Misri", "2025-05-07", "Vikram Misri", "IND", "GOV", "foreign secretary"},
		{"Ahmed Sharif Chaudhry", "2025-05-10", "Ahmed Sharif Chaudhry", "PAK", "MIL", "director general of inter-services public relations"},
		{"Takaichi", "2025-11-07", "Sanae Takaichi", "JPN", "GOV", "prime minister"},
		{"Radakin", "2023-02-01", "Tony Radakin", "GBR", "MIL", "chief of the defence staff"},
	}
	for _, c := range cases {
		found := false
		var have []string
		for _, e := range activePeople(k, c.name, c.day) {
			have = append(have, e.Name+" ("+e.Title+")")
			if e.Name == c.person && e.Title == c.title {
				found = true
				if e.Country != c.country || e.Sector != c.sector {
					t.Errorf("%s on %s: %s %s, want %s %s", c.name, c.day, e.Country, e.Sector, c.country, c.sector)
				}
			}
		}
		if !found {
			t.Errorf("%s on %s: active %v, want %s as %s", c.name, c.day, have, c.person, c.title)
		}
	}
	// Offices that ended: the later holder alone answers.
	for _, c := range []struct{ name, day string }{
		{"Ishiba", "2025-11-01"},  // Takaichi from 2025-10-21
		{"Yermak", "2025-12-05"},  // resigned 2025-11-28
		{"Gallant", "2025-01-10"}, // Katz from 2024-11
		{"Bakanov", "2023-01-01"}, // dismissed 2022-07-17
	} {
		if got := activePeople(k, c.name, c.day); len(got) != 0 {
			t.Errorf("%s on %s: active %v, want none", c.name, c.day, got)
		}
	}
	// An office named without a name finds its one holder.
	for _, c := range []struct{ title, country, day, want string }{
		{"foreign ministry spokeswoman", "RUS", "2024-02-01", "Maria Zakharova"},
		{"prime minister", "JPN", "2025-11-01", "Sanae Takaichi"},
		{"governor of kursk region", "RUS", "2024-08-10", "Alexei Smirnov"},
		{"commander of us central command", "USA", "2025-09-01", "Brad Cooper"},
	} {
		if h := k.Holders(c.title, c.country, c.day); len(h) != 1 || h[0].Name != c.want {
			t.Errorf("Holders(%q, %s, %s) = %+v, want %s", c.title, c.country, c.day, h, c.want)
		}
	}
}

func TestCoverageConflictOrganisations(t *testing.T) {
	k := Default()
	cases := []struct{ alias, name, country, sector string }{
		{"Radwan Force", "Radwan Force", "LBN", "REB"},
		{"Rijal al-Karama", "Men of Dignity", "SYR", "REB"},
		{"Katiba Macina", "Katiba Macina", "MLI", "REB"},
		{"VDP", "Volunteers for the Defence of the Homeland", "BFA", "MIL"},
		{"Lakurawa", "Lakurawa", "NGA", "REB"},
		{"Eritrean Defense Forces", "Eritrean Defence Forces", "ERI", "MIL"},
		{"Tasis", "Sudan Founding Alliance", "SDN", "REB"},
		{"ARSA", "Arakan Rohingya Salvation Army", "MMR", "REB"},
		{"KNDF", "Karenni Nationalities Defence Force", "MMR", "REB"},
		{"TRF", "The Resistance Front", "IND", "REB"},
		{"IRGC Aerospace Force", "IRGC Aerospace Force", "IRN", "MIL"},
		{"SOUTHCOM", "United States Southern Command", "USA", "MIL"},
		{"Operation Atalanta", "EUNAVFOR Atalanta", "EUR", "MIL"},
		{"UNMOGIP", "United Nations Military Observer Group in India and Pakistan", "UNO", "MIL"},
		{"UNSCOL", "Office of the United Nations Special Coordinator for Lebanon", "UNO", "IGO"},
		{"SAMIM", "SADC Mission in Mozambique", "IGO", "MIL"},
		{"Ukrainian State Emergency Service", "State Emergency Service of Ukraine", "UKR", "GOV"},
		{"GHF", "Gaza Humanitarian Foundation", "USA", "NGO"},
		{"HRANA", "Human Rights Activists News Agency", "IRN", "NGO"},
	}
	for _, c := range cases {
		ents := k.Lookup(c.alias)
		ok := false
		for _, e := range ents {
			if e.Kind == "organisation" && e.Name == c.name {
				ok = e.Country == c.country && e.Sector == c.sector
			}
		}
		if !ok {
			t.Errorf("Lookup(%q) = %+v, want %s %s %s", c.alias, ents, c.name, c.country, c.sector)
		}
	}
	// Generic words stay out: an Israeli "Southern Command" or a memorial
	// service is not a US command or a Russian NGO.
	for _, w := range []string{"Southern Command", "memorial", "tip"} {
		for _, e := range k.Lookup(w) {
			if e.Kind == "organisation" {
				t.Errorf("Lookup(%q) = %+v, want no organisation", w, e)
			}
		}
	}
	// Offices named by role: the longest role wins and gives the sector.
	for _, c := range []struct {
		lemmas string
		n      int
		sector string
	}{
		{"foreign ministry spokeswoman", 3, "GOV"},
		{"defence ministry spokesman", 3, "MIL"},
		{"chief of the defence staff", 5, "MIL"},
		{"force commander", 2, "MIL"},
		{"occupation authority", 2, "GOV"},
	} {
		if n, r := k.Role(tokens(c.lemmas)); n != c.n || r.Sector != c.sector {
			t.Errorf("Role(%q) = %d %+v, want %d %s", c.lemmas, n, r, c.n, c.sector)
		}
	}
}
