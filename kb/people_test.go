package kb

import (
	"strings"
	"testing"
)

// activePeople returns the people a name refers to on day.
func activePeople(k *KB, name, day string) []Entity {
	var out []Entity
	for _, e := range k.ActiveOn(k.Lookup(name), day) {
		if e.Kind == "person" {
			out = append(out, e)
		}
	}
	return out
}

func TestPeopleResolveOnDate(t *testing.T) {
	k := Default()
	cases := []struct {
		name, day                      string
		person, country, sector, title string
	}{
		{"Lavrov", "2023-10-27", "Sergey Lavrov", "RUS", "GOV", "foreign minister"},
		{"Sergei Lavrov", "2023-10-27", "Sergey Lavrov", "RUS", "GOV", "foreign minister"},
		{"Guterres", "2024-11-01", "António Guterres", "UNO", "IGO", "secretary-general"},
		{"Antonio Guterres", "2024-11-01", "António Guterres", "UNO", "IGO", "secretary-general"},
		{"Bagheri Kani", "2023-10-27", "Ali Bagheri Kani", "IRN", "GOV", "deputy foreign minister for political affairs"},
		{"Bagheri Kani", "2024-06-15", "Ali Bagheri Kani", "IRN", "GOV", "acting foreign minister"},
		{"Amirabdollahian", "2023-10-27", "Hossein Amir-Abdollahian", "IRN", "GOV", "foreign minister"},
		{"Araghchi", "2024-11-01", "Abbas Araghchi", "IRN", "GOV", "foreign minister"},
		{"Kanaani", "2023-10-27", "Nasser Kanaani", "IRN", "GOV", "foreign ministry spokesman"},
		{"Abu Marzouk", "2023-10-27", "Mousa Abu Marzouk", "PSE", "REB", "political bureau member"},
		{"Haniyeh", "2023-10-27", "Ismail Haniyeh", "PSE", "REB", "political bureau chief"},
		{"Nasrallah", "2024-01-05", "Hassan Nasrallah", "LBN", "REB", "secretary-general of hezbollah"},
		{"Qassem", "2024-11-20", "Naim Qassem", "LBN", "REB", "secretary-general of hezbollah"},
		{"Hemedti", "2023-10-01", "Mohamed Hamdan Dagalo", "SDN", "REB", "commander of the rapid support forces"},
		{"Abdul-Malik al-Houthi", "2024-01-12", "Abdul-Malik al-Houthi", "YEM", "REB", "leader of the houthis"},
		{"Zakharova", "2023-10-27", "Maria Zakharova", "RUS", "GOV", "foreign ministry spokeswoman"},
		{"Peskov", "2023-10-27", "Dmitry Peskov", "RUS", "GOV", "kremlin spokesman"},
		{"Nebenzia", "2023-10-27", "Vassily Nebenzia", "RUS", "GOV", "ambassador to the united nations"},
		{"John Kirby", "2023-10-27", "John Kirby", "USA", "GOV", "national security council spokesman"},
		{"Zelenskyy", "2023-10-27", "Volodymyr Zelensky", "UKR", "GOV", "president"},
		{"Trump", "2025-03-01", "Donald Trump", "USA", "GOV", "president"},
		{"Biden", "2016-06-01", "Joe Biden", "USA", "GOV", "vice president"},
		{"Khamenei", "2024-11-01", "Ali Khamenei", "IRN", "GOV", "supreme leader"},
		{"Raisi", "2020-01-01", "Ebrahim Raisi", "IRN", "JUD", "chief justice"},
	}
	for _, c := range cases {
		got := activePeople(k, c.name, c.day)
		found := false
		for _, e := range got {
			if e.Name == c.person && e.Title == c.title {
				found = true
				if e.Country != c.country || e.Sector != c.sector {
					t.Errorf("%s on %s: %s %s %s, want %s %s", c.name, c.day, e.Name, e.Country, e.Sector, c.country, c.sector)
				}
			}
		}
		if !found {
			var have []string
			for _, e := range got {
				have = append(have, e.Name+" ("+e.Title+")")
			}
			t.Errorf("%s on %s: active %v, want %s as %s", c.name, c.day, have, c.person, c.title)
		}
	}
}

// An office held earlier or later than the article's date does not apply.
func TestPeopleOutOfOffice(t *testing.T) {
	k := Default()
	for _, c := range []struct{ name, day string }{
		{"Nasrallah", "2024-10-15"},   // killed 2024-09-27
		{"Haniyeh", "2024-09-01"},     // killed 2024-07-31
		{"Trump", "2023-06-01"},       // between his two terms
		{"Kuleba", "2025-01-10"},      // replaced by Sybiha 2024-09-05
		{"Raisi", "2024-06-01"},       // died 2024-05-19
		{"Stoltenberg", "2013-01-01"}, // before NATO and not yet finance minister
	} {
		if got := activePeople(k, c.name, c.day); len(got) != 0 {
			t.Errorf("%s on %s: active %v, want none", c.name, c.day, got)
		}
	}
}

// singleHolderTitles are offices one person holds at a time in a country;
// two lines for the same country and title must not overlap (a shared
// hand-over day is allowed).
var singleHolderTitles = map[string]bool{
	"president": true, "prime minister": true, "foreign minister": true, "defence minister": true,
	"chancellor": true, "king": true, "emir": true, "secretary of state": true, "secretary of defense": true,
	"foreign secretary": true, "defence secretary": true, "supreme leader": true, "premier": true,
}

// TestPeopleTenuresDoNotOverlap checks the data itself: overlapping terms
// in the same single-holder office mean a mistyped date.
func TestPeopleTenuresDoNotOverlap(t *testing.T) {
	data, err := dataFS.ReadFile("data/people.tsv")
	if err != nil {
		t.Fatal(err)
	}
	type term struct {
		name, from, to string
		line           int
	}
	offices := map[string][]term{}
	for i, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 6 || !singleHolderTitles[f[4]] {
			continue
		}
		to := ""
		if len(f) > 6 {
			to = f[6]
		}
		key := f[2] + " " + f[4]
		offices[key] = append(offices[key], term{f[0], f[5], to, i + 1})
	}
	// Compare on whole days only: a year or month alone is too coarse to
	// tell an overlap from a hand-over.
	full := func(d string) bool { return len(d) == len("2006-01-02") }
	for key, terms := range offices {
		for i, a := range terms {
			for _, b := range terms[i+1:] {
				if a.name == b.name || !full(a.from) || !full(b.from) {
					continue
				}
				aEnd, bEnd := a.to, b.to
				if aEnd == "" {
					aEnd = "9999-12-31"
				}
				if bEnd == "" {
					bEnd = "9999-12-31"
				}
				if !full(aEnd) || !full(bEnd) {
					continue
				}
				if a.from < bEnd && b.from < aEnd {
					t.Errorf("%s: %s (line %d, %s to %s) overlaps %s (line %d, %s to %s)",
						key, a.name, a.line, a.from, a.to, b.name, b.line, b.from, b.to)
				}
			}
		}
	}
}

func TestPeopleTableSize(t *testing.T) {
	n := Default().Counts()[peopleFile]
	if n < 600 {
		t.Errorf("people.tsv has %d lines, want the full table (600 or more)", n)
	}
	t.Logf("people.tsv: %d offices", n)
}

// An office named without a name resolves to its holder on the day.
func TestHolders(t *testing.T) {
	k := Default()
	if h := k.Holders("secretary-general", "", "2023-07-26"); len(h) != 1 || h[0].Name != "António Guterres" {
		t.Errorf("secretary-general on 2023-07-26: %+v", h)
	}
	if h := k.Holders("foreign minister", "RUS", "2023-10-27"); len(h) != 1 || h[0].Name != "Sergey Lavrov" {
		t.Errorf("Russian foreign minister on 2023-10-27: %+v", h)
	}
	if h := k.Holders("president", "", "2023-10-27"); len(h) < 50 {
		t.Errorf("presidents on 2023-10-27: %d, want many", len(h))
	}
}
