package kb

import (
	"os"
	"strings"
	"testing"
)

func TestEmbeddedDataLoads(t *testing.T) {
	k, err := Load(mustSub(t))
	if err != nil {
		t.Fatalf("embedded data has errors:\n%v", err)
	}
	// The floors are well below the current sizes; they catch a file that
	// silently stopped loading, not a few removed lines.
	floors := map[string]int{countriesFile: 195, territoriesFile: 100, organisationsFile: 300, rolesFile: 300}
	counts := k.Counts()
	for f, min := range floors {
		if counts[f] < min {
			t.Errorf("%s: %d entries, want at least %d", f, counts[f], min)
		}
	}
	t.Logf("entries: %v", counts)
}

// tokens splits a phrase into tokens the way the news tokenizer does for
// these examples (white space; the test strings carry no punctuation).
func tokens(s string) []string { return strings.Fields(s) }

// one checks that Match on text covers n tokens and that some entity it
// returns has the given name, country and sector.
func one(t *testing.T, k *KB, text string, n int, name, country, sector string) {
	t.Helper()
	got, ents := k.Match(tokens(text))
	if got != n {
		t.Errorf("Match(%q) covers %d tokens, want %d (entities %v)", text, got, n, ents)
		return
	}
	for _, e := range ents {
		if e.Name == name && e.Country == country && e.Sector == sector {
			if e.Source == "" {
				t.Errorf("Match(%q): entity %q has no source", text, e.Name)
			}
			return
		}
	}
	t.Errorf("Match(%q) = %+v, want %s (%s %s)", text, ents, name, country, sector)
}

func TestMatchNames(t *testing.T) {
	k := Default()
	one(t, k, "Gaza Strip on Friday", 2, "Gaza Strip", "PSE", "")
	one(t, k, "the Gaza Strip", 3, "Gaza Strip", "PSE", "")
	one(t, k, "U.S. officials", 1, "United States", "USA", "")
	one(t, k, "US military forces", 1, "United States", "USA", "")
	one(t, k, "United States of America", 4, "United States", "USA", "")
	one(t, k, "The United States", 3, "United States", "USA", "")
	one(t, k, "Houthis attacked", 1, "Houthis", "YEM", "REB")
	one(t, k, "Ansar Allah said", 2, "Houthis", "YEM", "REB")
	one(t, k, "Security Council members", 2, "United Nations Security Council", "UNO", "IGO")
	one(t, k, "UN Security Council", 3, "United Nations Security Council", "UNO", "IGO")
	one(t, k, "UN", 1, "United Nations", "UNO", "IGO")
	one(t, k, "Rapid Support Forces", 3, "Rapid Support Forces", "SDN", "REB")
	one(t, k, "Islamic Revolution Guards Corps Navy", 5, "IRGC Navy", "IRN", "MIL")
	one(t, k, "Islamic Revolution Guards Corps", 4, "Islamic Revolutionary Guard Corps", "IRN", "MIL")
	one(t, k, "Islamic Resistance in Iraq", 4, "Islamic Resistance in Iraq", "IRQ", "REB")
	one(t, k, "Kremlin spokesman", 1, "Kremlin", "RUS", "GOV")
	one(t, k, "Myanmar Armed Forces", 3, "Myanmar Armed Forces", "MMR", "MIL")
	one(t, k, "Tatmadaw", 1, "Myanmar Armed Forces", "MMR", "MIL")
	one(t, k, "MONUSCO", 1, "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo", "UNO", "MIL")
	one(t, k, "Republic of Azerbaijan", 3, "Azerbaijan", "AZE", "")
	one(t, k, "Sagaing Region", 2, "Sagaing Region", "MMR", "")
	// Accents, curly apostrophes and hyphenation are folded.
	one(t, k, "Élysée", 1, "Elysee", "FRA", "GOV")
	one(t, k, "Côte d’Ivoire", 2, "Ivory Coast", "CIV", "")
	// parley's tokenizer splits the possessive clitic: names match its tokens.
	one(t, k, "People ’s Liberation Army", 4, "People's Liberation Army", "CHN", "MIL")
	one(t, k, "People 's Liberation Army", 4, "People's Liberation Army", "CHN", "MIL")
	one(t, k, "Nagorno-Karabakh", 1, "Nagorno-Karabakh", "AZE", "")
	one(t, k, "Nagorno - Karabakh", 3, "Nagorno-Karabakh", "AZE", "")
	one(t, k, "Nagorno Karabakh", 2, "Nagorno-Karabakh", "AZE", "")

	// Short all-capital aliases match only as written.
	for _, text := range []string{"us", "Us", "un", "is", "It is", "the"} {
		if n, ents := k.Match(tokens(text)); n != 0 {
			t.Errorf("Match(%q) = %d %v, want no match", text, n, ents)
		}
	}
	// A name must end at a token boundary.
	if n, ents := k.Match(tokens("Gaza-based group")); n != 0 {
		t.Errorf("Match(Gaza-based) = %d %v, want no match", n, ents)
	}
}

// The sentence the resolver sees: no name at "the Iranian", a role at
// "Embassy", a government seat at "Moscow".
func TestIranianEmbassyInMoscow(t *testing.T) {
	k := Default()
	words := tokens("the Iranian Embassy in Moscow")
	if n, ents := k.Match(words); n != 0 {
		t.Errorf("Match at %q = %d %v, want none (Iranian is an adjective)", words[0], n, ents)
	}
	if c, ok := k.Adjective(words[1]); !ok || c != "IRN" {
		t.Errorf("Adjective(Iranian) = %q %v, want IRN", c, ok)
	}
	if n, r := k.Role([]string{"embassy", "in", "moscow"}); n != 1 || r.Sector != "GOV" || r.Kind != "body" {
		t.Errorf("Role(embassy) = %d %+v, want 1 GOV body", n, r)
	}
	if n, _ := k.Match(words[3:]); n != 0 {
		t.Errorf("Match at %q = %d, want none", words[3], n)
	}
	n, ents := k.Match(words[4:])
	if n != 1 || len(ents) == 0 || ents[0].Country != "RUS" || ents[0].Kind != "capital" || ents[0].Sector != "GOV" {
		t.Errorf("Match(Moscow) = %d %+v, want RUS capital GOV", n, ents)
	}
}

func TestLookup(t *testing.T) {
	k := Default()
	cases := map[string]string{
		"Russian Federation": "RUS", "the Kremlin": "RUS", "hamas": "PSE", "HAMAS": "PSE",
		"DRC": "COD", "Türkiye": "TUR", "Turkiye": "TUR", "IRNA": "IRN", "Tehran": "IRN",
		"Downing Street": "GBR", "West Bank": "PSE", "Crimea": "UKR", "ISIS": "ISM",
	}
	for name, want := range cases {
		ents := k.Lookup(name)
		if len(ents) == 0 || ents[0].Country != want {
			t.Errorf("Lookup(%q) = %+v, want %s", name, ents, want)
		}
	}
	for _, name := range []string{"us", "Gaza Strip Authority", "", "Atlantis"} {
		if ents := k.Lookup(name); ents != nil {
			t.Errorf("Lookup(%q) = %+v, want nothing", name, ents)
		}
	}
	// An ambiguous name gives every reading.
	if ents := k.Lookup("Congo"); len(ents) != 2 {
		t.Errorf("Lookup(Congo) = %+v, want the two Congos", ents)
	}
}

func TestAdjectiveDemonym(t *testing.T) {
	k := Default()
	adj := map[string]string{
		"Iranian": "IRN", "Palestinian": "PSE", "U.S.": "USA", "US": "USA", "American": "USA",
		"British": "GBR", "Israeli": "ISR", "Russian": "RUS", "Congolese": "COD",
		"North Korean": "PRK", "South Sudanese": "SSD", "Ivorian": "CIV", "Emirati": "ARE",
	}
	for w, want := range adj {
		if got, ok := k.Adjective(w); !ok || got != want {
			t.Errorf("Adjective(%q) = %q %v, want %s", w, got, ok, want)
		}
	}
	dem := map[string]string{
		"Palestinians": "PSE", "Israelis": "ISR", "Iranians": "IRN", "Britons": "GBR",
		"Filipinos": "PHL", "Afghans": "AFG", "South Africans": "ZAF",
	}
	for w, want := range dem {
		if got, ok := k.Demonym(w); !ok || got != want {
			t.Errorf("Demonym(%q) = %q %v, want %s", w, got, ok, want)
		}
	}
	// Nationality words are capitalised; lower case is another word.
	for _, w := range []string{"us", "polish", "iranian", "Embassy", "Korean"} {
		if got, ok := k.Adjective(w); ok {
			t.Errorf("Adjective(%q) = %q, want no match", w, got)
		}
	}
	if _, ok := k.Demonym("poles"); ok {
		t.Errorf("Demonym(poles) matched")
	}
	if n, c := k.MatchAdjective(tokens("North Korean leader")); n != 2 || c != "PRK" {
		t.Errorf("MatchAdjective(North Korean leader) = %d %q", n, c)
	}
	if n, c := k.MatchDemonym(tokens("South Sudanese refugees")); n != 2 || c != "SSD" {
		t.Errorf("MatchDemonym(South Sudanese refugees) = %d %q", n, c)
	}
}

func TestRole(t *testing.T) {
	k := Default()
	cases := []struct {
		lemmas string
		n      int
		sector string
		kind   Kind
	}{
		{"deputy foreign minister mikhail bogdanov", 3, "GOV", "person"},
		{"foreign minister", 2, "GOV", "person"},
		{"minister", 1, "GOV", "person"},
		{"troop", 1, "MIL", "group"},
		{"justice ministry", 2, "JUD", "body"},
		{"secretary-general", 1, "IGO", "person"},
		{"secretary - general", 3, "IGO", "person"},
		{"protester", 1, "CVL", "group"},
		{"militant", 1, "REB", "group"},
		{"police officer", 2, "COP", "group"},
		{"displaced", 1, "REF", "group"},
		{"Foreign Minister", 2, "GOV", "person"},
	}
	for _, c := range cases {
		n, r := k.Role(tokens(c.lemmas))
		if n != c.n || r.Sector != c.sector || r.Kind != c.kind {
			t.Errorf("Role(%q) = %d %+v, want %d %s %s", c.lemmas, n, r, c.n, c.sector, c.kind)
		}
	}
	if n, r := k.Role(tokens("said on friday")); n != 0 {
		t.Errorf("Role(said) = %d %+v, want none", n, r)
	}
}

func TestCountry(t *testing.T) {
	k := Default()
	c, ok := k.Country("IRN")
	if !ok || c.Name != "Iran" || c.Capital != "Tehran" || c.Lat < 25 || c.Lat > 40 || c.Lon < 44 || c.Lon > 63 {
		t.Errorf("Country(IRN) = %+v %v", c, ok)
	}
	if _, ok := k.Country("UNO"); ok {
		t.Errorf("Country(UNO) found: special codes are not countries")
	}
	if !k.KnownCode("UNO") || !k.KnownCode("KOS") || k.KnownCode("XYZ") {
		t.Errorf("KnownCode: UNO %v KOS %v XYZ %v", k.KnownCode("UNO"), k.KnownCode("KOS"), k.KnownCode("XYZ"))
	}
	// Every country has a centroid inside the world and a name that looks it up.
	for code, c := range k.countries {
		if c.Lat == 0 && c.Lon == 0 {
			t.Errorf("%s has no centroid", code)
		}
		if ents := k.Lookup(c.Name); len(ents) == 0 {
			t.Errorf("%s: Lookup(%q) finds nothing", code, c.Name)
		}
	}
}

func TestSmallFolderAndActiveOn(t *testing.T) {
	// testdata/small has countries and people only: the other files are
	// optional.
	k, err := Load(os.DirFS("testdata/small"))
	if err != nil {
		t.Fatal(err)
	}
	n, ents := k.Match(tokens("Bagheri Kani said"))
	if n != 2 || len(ents) != 2 {
		t.Fatalf("Match(Bagheri Kani) = %d %+v, want his two offices", n, ents)
	}
	check := func(day string, want ...string) {
		t.Helper()
		var got []string
		for _, e := range k.ActiveOn(ents, day) {
			got = append(got, e.Title)
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("ActiveOn(%s) = %v, want %v", day, got, want)
		}
	}
	check("2023-10-27", "deputy foreign minister")
	check("2024-06-10", "acting foreign minister")
	check("2024-05-25", "deputy foreign minister", "acting foreign minister") // "to" 2024-05 covers May
	check("2025-01-01")
	check("2019-01-01")
	check("", "deputy foreign minister", "acting foreign minister")

	// Non-people pass through ActiveOn untouched, without copying.
	_, moscow := k.Match(tokens("Moscow"))
	if got := k.ActiveOn(moscow, "1990-01-01"); len(got) != 1 || &got[0] != &moscow[0] {
		t.Errorf("ActiveOn(Moscow) = %+v", got)
	}
	// The people file is optional.
	if _, ents := k.Match(tokens("Putin")); len(ents) != 1 || ents[0].Kind != "person" || ents[0].Country != "RUS" {
		t.Errorf("Match(Putin) = %+v", ents)
	}
}

func TestValidationErrors(t *testing.T) {
	k, err := Load(os.DirFS("testdata/bad"))
	if err == nil || k != nil {
		t.Fatalf("Load(testdata/bad) = %v, %v; want errors", k, err)
	}
	msg := err.Error()
	for _, want := range []string{
		`countries.tsv:4: duplicate country code "IRN"`,
		`countries.tsv:5: country code "XX" is not three capital letters`,
		`countries.tsv:6: bad coordinates "north", "105"`,
		`organisations.tsv:3: unknown country code "PSE"`,
		`organisations.tsv:5: unknown sector "NEWS"`,
		`organisations.tsv:6: 4 tab-separated columns, want 5`,
		`organisations.tsv:7: duplicate canonical name "Islamic Revolutionary Guard Corps" (first defined at organisations.tsv:4)`,
		`roles.tsv:2: role "Foreign Minister" is not in lower case`,
		`roles.tsv:3: unknown role kind "crowd"`,
		`people.tsv:2: date "2024-13" is not a valid`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q; got:\n%s", want, msg)
		}
	}
	// Good lines are not reported.
	if strings.Contains(msg, "United Nations") || strings.Contains(msg, "countries.tsv:3:") {
		t.Errorf("a good line was reported:\n%s", msg)
	}
}

func TestMissingCountries(t *testing.T) {
	_, err := Load(os.DirFS("testdata"))
	if err == nil || !strings.Contains(err.Error(), "countries.tsv") {
		t.Errorf("Load without countries.tsv: %v", err)
	}
}
