package reader

import "testing"

func TestFindDateline(t *testing.T) {
	cases := []struct {
		text, place, source, rest string
	}{
		{"MOSCOW, October 27. /TASS/. Political Deputy at the Iranian Foreign Ministry", "Moscow", "TASS", "Political Deputy"},
		{"GAZA CITY, Oct 7 (AP) — Israeli jets struck", "Gaza City", "AP", "Israeli jets"},
		{"KYIV, Ukraine (Reuters) - Russian drones hit", "Kyiv", "Reuters", "Russian drones"},
		{"TEHRAN (Tasnim) – Iran's Foreign Minister", "Tehran", "Tasnim", "Iran's"},
		{"UNITED NATIONS, 10 November 2023 (IPS) - The Security Council", "United Nations", "IPS", "The Security"},
		{"BEIJING, Dec. 3 (Xinhua) -- China said", "Beijing", "Xinhua", "China said"},
		{"WASHINGTON — The United States imposed", "Washington", "", "The United States"},
		{"(MENAFN- Nam News Network) TEHRAN, Nov 19 (NNN-TASNIM) – Iranians held rallies", "Tehran", "NNN-TASNIM", "Iranians held"},
	}
	for _, c := range cases {
		dl := FindDateline(c.text)
		if dl == nil {
			t.Errorf("%q: no dateline", c.text)
			continue
		}
		if dl.Place != c.place || dl.Source != c.source || c.text[dl.End:dl.End+len(c.rest)] != c.rest {
			t.Errorf("%q: got place %q source %q rest %q", c.text, dl.Place, dl.Source, c.text[dl.End:])
		}
	}
	for _, text := range []string{
		"NATO said on Monday it would", "The UN Security Council met", "US forces struck",
		"Ismail Haniyeh, the leader of Hamas, was in Tehran",
	} {
		if dl := FindDateline(text); dl != nil {
			t.Errorf("%q: false dateline %+v", text, dl)
		}
	}
}
