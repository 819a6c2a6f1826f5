package dates_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley/dates"
	"github.com/parley-events/parley/segment"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// words tokenizes a sentence with parley's own segmenter.
func words(sentence string) []string {
	toks, _ := segment.Tokenize(sentence, 0, nil)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// show renders expressions as "Text=Day/precision" (with "+rel" and
// "+since" marks) for comparison.
func show(es []dates.Expr) string {
	var parts []string
	for _, e := range es {
		s := fmt.Sprintf("%s=%s/%s", e.Text, e.Day, e.Precision)
		if e.Relative {
			s += "+rel"
		}
		if e.Since {
			s += "+since"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// Sentences from the seed and dev articles in /work/shared/eval, with the
// days their gold events carry, and other real news phrasings.
var sentenceCases = []struct {
	pub, tense, sentence, want string
}{
	// seed, TASS, Friday 2023-10-27
	{"2023-10-27", "past", "On Thursday, Russian Deputy Foreign Minister Mikhail Bogdanov, who also serves as special presidential envoy for the Middle East and Syria, met with his Iranian colleague in Moscow.",
		"On Thursday=2023-10-26/day+rel"},
	{"2023-10-27", "past", "Tensions flared up again in the Middle East on October 7 when militants from the Gaza-based Palestinian radical group Hamas staged a surprise incursion into Israeli territory from the Gaza Strip.",
		"on October 7=2023-10-07/day"},
	// 022, Tasnim, Thursday 2024-03-28
	{"2024-03-28", "past", "Haniyeh met with Iranian Foreign Minister Hossein Amirabdollahian on Tuesday afternoon to discuss the latest developments in Gaza.",
		"on Tuesday afternoon=2024-03-26/day+rel"},
	{"2024-03-28", "past", "Israel began its war on Gaza on October 7 in response to Hamas’s operation, which was launched in retaliation for Israel’s intensified atrocities against Palestinians.",
		"on October 7=2023-10-07/day"},
	{"2024-03-28", "past", "Haniyeh, who is based in the Qatari capital of Doha, previously met with Leader of the Islamic Revolution Ayatollah Seyyed Ali Khamenei in November.",
		"in November=2023-11-01/month"},
	{"2024-03-28", "present", "The visit comes at a crucial time, just one day after the ceasefire resolution was adopted, making it Haniyeh’s second visit to Iran since the outbreak of the Israeli war on Gaza in October.",
		"in October=2023-10-01/month"},
	// 025, VOA, Thursday 2018-08-09
	{"2018-08-09", "past", "The government said Thursday it has begun working on ways to answer the measures.",
		"Thursday=2018-08-09/day+rel"},
	{"2018-08-09", "past", "The State Department announced the sanctions on Wednesday.",
		"on Wednesday=2018-08-08/day+rel"},
	{"2018-08-09", "past", "Former Russian military intelligence official Sergei Skripal and his daughter were poisoned in the English city of Salisbury in March.",
		"in March=2018-03-01/month"},
	{"2018-08-09", "past", "British officials said they found evidence the substance used in the attack was Novichok, a nerve gas developed in the Soviet Union during the 1980s.",
		""},
	// 028, UN, Friday 2025-01-24
	{"2025-01-24", "present", "I strongly condemn the arbitrary detention by the Houthi de facto authorities on 23 January of seven additional United Nations personnel in areas under their control.",
		"on 23 January=2025-01-23/day"},
	{"2025-01-24", "present", "I demand the immediate and unconditional release of those detained on Thursday, as well as the personnel from the United Nations arbitrarily detained since June 2024 and those held since 2021 and 2023.",
		"on Thursday=2025-01-23/day+rel; since June 2024=2024-06-01/month+since; since 2021=2021-01-01/year+since; 2023=2023-01-01/year+since"},
	// 031, UN DPPA, Friday 2023-07-21
	{"2023-07-21", "past", "On Monday, when speaking to this Council, I reiterated the Secretary-General’s deep regret over the decision by the Russian Federation to terminate its participation in the Black Sea Initiative.",
		"On Monday=2023-07-17/day+rel"},
	{"2023-07-21", "past", "Yesterday, in Odesa, one person was reportedly killed and at least eight others were injured.",
		"Yesterday=2023-07-20/day+rel"},
	{"2023-07-21", "present", "New York, 21 JULY 2023", "21 JULY 2023=2023-07-21/day"},
	{"2023-07-21", "past", "We have now witnessed a further blow to global food security, as Russia for the fourth consecutive day struck Ukraine’s Black Sea ports.",
		""},
	// 037, Tasnim, Monday 2023-12-04
	{"2023-12-04", "past", "A late Sunday statement from the Iraqi resistance reported a barrage of missiles hitting the US military base near Syria’s al-Khazra village.",
		"late Sunday=2023-12-03/day+rel"},
	{"2023-12-04", "past", "In recent weeks, similar attacks on the same base were reported by the resistance, with strikes on November 19, 22, and earlier on November 15 at the Ain al-Asad Airbase, housing US occupation forces.",
		"on November 19=2023-11-19/day; 22=2023-11-22/day; on November 15=2023-11-15/day"},
	{"2023-12-04", "past", "Attacks on US interests have surged over the past two months in Iraq.", ""},
	// 040, Armenian PM, 2020-11-10
	{"2020-11-10", "present", "10.11.2020", "10.11.2020=2020-11-10/day"},
	{"2020-11-10", "present", "As of 00:00 Moscow time, 10 November 2020, a complete ceasefire and cessation of all military operations in Nagorno Karabakh conflict zone is hereby declared.",
		"10 November 2020=2020-11-10/day"},
	{"2020-11-10", "future", "Aghdam region shall be returned to the Republic of Azerbaijan by 20 November 2020.",
		"by 20 November 2020=2020-11-20/day"},
	{"2020-11-10", "future", "Peacekeeping contingent of the Russian Federation shall be deployed along the line of contact, composed of 1960 servicemen with firearms, 90 armoured carriers, 380 units of motor vehicles and special equipment.",
		""},
	{"2020-11-10", "future", "The peacekeeping contingent of the Russian Federation shall stay for a period of 5 years, with further automatic 5-year extensions, where 6 months prior to the expiry of the time period none of the Parties declares its intention.",
		""},
	// 043, Nam News Network, Sunday 2023-11-19
	{"2023-11-19", "past", "TEHRAN, Nov 19 (NNN-TASNIM) – Iranians held rallies across the country yesterday, to express support for the Palestinians in the war-torn Gaza Strip.",
		"Nov 19=2023-11-19/day; yesterday=2023-11-18/day+rel"},
	// 046, VOA, Saturday 2021-03-27
	{"2021-03-27", "past", "In the forests of southeastern Myanmar, aid workers say the army was shooting and arresting people long before last month's military overthrow.",
		"before last month's=2021-02-01/month+rel"},
	{"2021-03-27", "present", "International aid groups say it is the worst problem there in nearly 10 years.", ""},
	// 010, UK MoD, Tuesday 2024-01-23
	{"2024-01-23", "past", "Yesterday, the militaries of the United States and United Kingdom conducted an additional round of proportionate and necessary strikes against 8 Houthi targets in Yemen.",
		"Yesterday=2024-01-22/day+rel"},
	{"2024-01-23", "present", "These precision strikes are in response to a series of illegal, dangerous, and destabilizing Houthi actions since our coalition strikes on January 11, including anti-ship ballistic missile attacks.",
		"on January 11=2024-01-11/day"},
	{"2024-01-23", "past", "Yesterday’s strike specifically targeted a Houthi underground storage site.",
		"Yesterday’s=2024-01-22/day+rel"},
	{"2024-01-23", "present", "The Houthis’ now more than thirty attacks on international and commercial vessels since mid-November constitute an international challenge.",
		"since mid-November=2023-11-01/month+since"},
	// 013, UN, Saturday 2023-12-30
	{"2023-12-30", "past", "Khaled Khiari told the 15-member Council that the Russian Federation’s attack on Ukraine yesterday, which at the last count killed at least 39 Ukrainian civilians, has escalated overnight.",
		"yesterday=2023-12-29/day+rel; overnight=2023-12-30/day+rel"},
	{"2023-12-30", "past", "Ukrainian authorities reported new overnight Russian drone attacks targeting the Kherson region.",
		"overnight=2023-12-30/day+rel"},
	{"2023-12-30", "past", "A senior United Nations official today condemned all attacks during the second Security Council meeting in 24 hours on the subject.",
		"today=2023-12-30/day+rel"},
	// 016, UN Security Council, 2022-05-24
	{"2022-05-24", "past", "The members of the Security Council strongly condemned the attack on MONUSCO positions by the Mouvement du 23 mars (M23) on 22 May 2022 in the area of Shangi, North Kivu.",
		"on 22 May 2022=2022-05-22/day"},
	// 007, UN, 2023-07-26
	{"2023-07-26", "present", "The Secretary-General strongly condemns the unconstitutional change of government in Niger, which was announced on 26 July.",
		"on 26 July=2023-07-26/day"},
	{"2023-04-11", "present", "The Secretary-General reiterates his call, in line with Security Council resolution 2669 (2022).", ""},

	// Other phrasings, publication Friday 2023-10-27.
	{"2023-10-27", "future", "The two ministers will meet on Monday in Geneva.", "on Monday=2023-10-30/day+rel"},
	{"2023-10-27", "future", "Talks will resume on Friday.", "on Friday=2023-10-27/day+rel"},
	{"2023-10-27", "future", "Talks will resume next Friday.", "next Friday=2023-11-03/day+rel"},
	{"2023-10-27", "past", "Talks resumed on Friday.", "on Friday=2023-10-27/day+rel"},
	{"2023-10-27", "past", "The envoy arrived last Friday.", "last Friday=2023-10-20/day+rel"},
	{"2023-10-27", "past", "Gunmen attacked a checkpoint on Monday night, police said.", "on Monday night=2023-10-23/day+rel"},
	{"2023-10-27", "past", "Sunday's attack killed five soldiers.", "Sunday's=2023-10-22/day+rel"},
	{"2023-10-27", "past", "Police detained 40 protesters last night.", "last night=2023-10-26/day+rel"},
	{"2023-10-27", "future", "The council will vote tonight.", "tonight=2023-10-27/day+rel"},
	{"2023-10-27", "future", "The council will vote tomorrow morning.", "tomorrow morning=2023-10-28/day+rel"},
	{"2023-10-27", "past", "The ministry said earlier today that talks had failed.", "earlier today=2023-10-27/day+rel"},
	{"2023-10-27", "past", "Two days ago, rebels seized the town.", "Two days ago=2023-10-25/day+rel"},
	{"2023-10-27", "past", "The army withdrew from the area a week ago.", "a week ago=2023-10-20/day+rel"},
	{"2023-10-27", "past", "The embassy closed three months ago.", "three months ago=2023-07-01/month+rel"},
	{"2023-10-27", "past", "Both sides met last week in Doha.", "last week=2023-10-16/week+rel"},
	{"2023-10-27", "present", "The envoy is in Cairo this week.", "this week=2023-10-23/week+rel"},
	{"2023-10-27", "past", "The blockade was imposed earlier this month.", "earlier this month=2023-10-01/month+rel"},
	{"2023-10-27", "past", "Elections were held last year.", "last year=2022-01-01/year+rel"},
	{"2023-10-27", "past", "More than 1,400 people have been killed since October 7.", "since October 7=2023-10-07/day+since"},
	{"2023-10-27", "past", "Hamas attacked Israel on Oct. 7, 2023, killing about 1,200 people.", "on Oct. 7, 2023=2023-10-07/day"},
	{"2023-10-27", "past", "On October 7, 20 people were killed.", "On October 7=2023-10-07/day"},
	{"2023-10-27", "past", "The ceasefire collapsed on 7 Oct. after two days.", "on 7 Oct.=2023-10-07/day"},
	{"2023-10-27", "past", "The deal was signed on the 7th of October in Cairo.", "on the 7th of October=2023-10-07/day"},
	{"2023-10-27", "past", "The deal was signed on the 28th.", "on the 28th=2023-09-28/day+rel"},
	{"2023-10-27", "past", "Troops entered the city on Thursday, October 26, officials said.", "on Thursday, October 26=2023-10-26/day"},
	{"2023-10-27", "past", "The report was published 2023-10-07 and revised 25/10/2023.", "2023-10-07=2023-10-07/day; 25/10/2023=2023-10-25/day"},
	{"2023-10-27", "past", "The order dated 10/07/2023 was revoked.", ""},
	{"2023-10-27", "past", "The talks collapsed on October 30.", "on October 30=2022-10-30/day"},
	{"2023-10-27", "future", "Elections will be held in December.", "in December=2023-12-01/month"},
	{"2023-10-27", "past", "Elections were held in December.", "in December=2022-12-01/month"},
	{"2023-10-27", "future", "Elections will be held in March.", "in March=2024-03-01/month"},
	{"2023-10-27", "past", "Elections were held in November 2022 and in 2018.", "in November 2022=2022-11-01/month; in 2018=2018-01-01/year"},
	{"2024-01-02", "past", "Rebels shelled the town on December 30.", "on December 30=2023-12-30/day"},
	{"2023-12-28", "future", "The envoy will return on January 5.", "on January 5=2024-01-05/day"},
	{"2024-01-02", "present", "The strikes of December 30 are under investigation.", "December 30=2023-12-30/day"},
	{"2023-10-27", "past", "A drone struck the port late last night.", "late last night=2023-10-26/day+rel"},
	{"2023-10-27", "past", "Fighting continued on October 7-9 near the border.", ""},
	{"2023-10-27", "past", "Prices have risen since mid-2022, and the minister is in his mid-50s.", "since mid-2022=2022-01-01/year+since"},
	{"2023-10-27", "past", "Rebels attacked on Monday and Tuesday, and again between October 7 and 9.", "on Monday=2023-10-23/day+rel; Tuesday=2023-10-24/day+rel; October 7=2023-10-07/day; 9=2023-10-09/day"},
	{"2023-10-27", "past", "Protesters gathered on the day before yesterday.", "on the day before yesterday=2023-10-25/day+rel"},

	// Not dates.
	{"2023-10-27", "present", "May God protect them, he said.", ""},
	{"2023-10-27", "past", "The Sunday Times reported that the October war changed everything.", ""},
	{"2023-10-27", "past", "Jan Egeland said aid could not reach the camps.", ""},
	{"2023-10-27", "past", "Marchers remembered Bloody Sunday in Derry.", ""},
	{"2023-10-27", "present", "Protesters march on the 7th floor of the ministry.", ""},
	{"2023-10-27", "past", "Talks on February 30 are impossible.", ""},
	{"2023-10-27", "present", "It may take weeks, and it may take months.", ""},
}

func TestFindSentences(t *testing.T) {
	for _, c := range sentenceCases {
		ws := words(c.sentence)
		got := dates.Find(ws, day(c.pub), c.tense)
		if s := show(got); s != c.want {
			t.Errorf("%s %s %q\n got %s\nwant %s", c.pub, c.tense, c.sentence, s, c.want)
		}
		for _, e := range got {
			if e.Text != strings.Join(ws[e.First:e.Last], " ") && !strings.ContainsAny(e.Text, ",.'’") {
				t.Errorf("%q: Text %q does not match tokens %q", c.sentence, e.Text, ws[e.First:e.Last])
			}
		}
	}
}

// Resolve takes expressions as text, spelled as a caller would have them.
func TestResolve(t *testing.T) {
	pub := day("2023-10-27") // a Friday
	for _, c := range []struct{ text, tense, want string }{
		{"on Thursday", "past", "on Thursday=2023-10-26/day+rel"},
		{"Thursday", "future", "Thursday=2023-11-02/day+rel"},
		{"this Thursday", "future", "this Thursday=2023-11-02/day+rel"},
		{"next Monday", "past", "next Monday=2023-10-30/day+rel"},
		{"last Thursday night", "past", "last Thursday night=2023-10-26/day+rel"},
		{"Friday", "present", "Friday=2023-10-27/day+rel"},
		{"last Friday", "present", "last Friday=2023-10-20/day+rel"},
		{"Sunday’s", "past", "Sunday’s=2023-10-22/day+rel"},
		{"Oct. 7", "past", "Oct. 7=2023-10-07/day"},
		{"Oct 7th", "past", "Oct 7th=2023-10-07/day"},
		{"7 October 2023", "past", "7 October 2023=2023-10-07/day"},
		{"October 7, 2023", "past", "October 7, 2023=2023-10-07/day"},
		{"Sept. 11, 2001", "past", "Sept. 11, 2001=2001-09-11/day"},
		{"in November 2023", "past", "in November 2023=2023-11-01/month"},
		{"early October", "past", "early October=2023-10-01/month"},
		{"in 2023", "past", "in 2023=2023-01-01/year"},
		{"yesterday", "past", "yesterday=2023-10-26/day+rel"},
		{"today", "present", "today=2023-10-27/day+rel"},
		{"tomorrow", "future", "tomorrow=2023-10-28/day+rel"},
		{"this morning", "past", "this morning=2023-10-27/day+rel"},
		{"next week", "future", "next week=2023-10-30/week+rel"},
		{"next month", "future", "next month=2023-11-01/month+rel"},
		{"later this year", "future", "later this year=2023-01-01/year+rel"},
		{"overnight", "past", "overnight=2023-10-27/day+rel"},
		{"5 days ago", "past", "5 days ago=2023-10-22/day+rel"},
		{"two weeks ago", "past", "two weeks ago=2023-10-13/day+rel"},
		{"a year ago", "past", "a year ago=2022-01-01/year+rel"},
		{"hours ago", "past", ""},
		{"12 hours ago", "past", "12 hours ago=2023-10-27/day+rel"},
		{"since October 7", "past", "since October 7=2023-10-07/day+since"},
		{"2023-10-07", "past", "2023-10-07=2023-10-07/day"},
		{"2023/10/07", "past", "2023/10/07=2023-10-07/day"},
		{"10/25/2023", "past", "10/25/2023=2023-10-25/day"},
		{"10/10/2023", "past", "10/10/2023=2023-10-10/day"},
		{"7.10.2023", "past", "7.10.2023=2023-10-07/day"},
		{"29 February 2024", "past", "29 February 2024=2024-02-29/day"},
		{"29 February 2023", "past", ""},
		{"MOSCOW", "past", ""},
		{"", "past", ""},
	} {
		e, ok := dates.Resolve(c.text, pub, c.tense)
		got := ""
		if ok {
			got = show([]dates.Expr{e})
		}
		if got != c.want {
			t.Errorf("dates.Resolve(%q, %s) = %s, want %s", c.text, c.tense, got, c.want)
		}
	}
}

// A weekday equal to the publication weekday is the publication day, except
// with "last" or "next"; every other weekday moves back (or forward in the
// future tense) by less than a week.
func TestWeekdayArithmetic(t *testing.T) {
	names := []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	for p := 0; p < 7; p++ {
		pub := day("2024-03-24").AddDate(0, 0, p) // a Sunday, then the days after it
		for w, name := range names {
			for _, c := range []struct {
				text, tense  string
				lo, hi, same int // allowed range of day offsets, and the offset when w is pub's weekday
			}{
				{"on " + name, "past", -6, 0, 0},
				{"on " + name, "present", -6, 0, 0},
				{"on " + name, "future", 0, 6, 0},
				{"last " + name, "past", -7, -1, -7},
				{"next " + name, "future", 1, 7, 7},
			} {
				e, ok := dates.Resolve(c.text, pub, c.tense)
				if !ok {
					t.Fatalf("%s: not found", c.text)
				}
				got := day(e.Day)
				off := int(got.Sub(pub).Hours() / 24)
				if got.Weekday() != time.Weekday(w) || off < c.lo || off > c.hi || (w == p && off != c.same) {
					t.Errorf("%s (%s) from %s %s: %s, offset %d", c.text, c.tense, pub.Weekday(), pub.Format("2006-01-02"), e.Day, off)
				}
			}
		}
	}
}

// The common case, a sentence without a date, must not allocate.
func TestNoAllocationsWithoutDate(t *testing.T) {
	ws := words(noDate)
	pub := day("2023-10-27")
	if n := testing.AllocsPerRun(100, func() { dates.Find(ws, pub, "past") }); n != 0 {
		t.Errorf("Find on a sentence without a date: %v allocations, want 0", n)
	}
}

const noDate = "Political Deputy at the Iranian Foreign Ministry Ali Bagheri Kani and Abu Marzouk, a senior political leader of the Palestinian militant group Hamas, have discussed a ceasefire between Palestine and Israel, the Iranian Embassy in Moscow said on its Telegram channel."

func BenchmarkFindNoDate(b *testing.B) {
	ws := words(noDate)
	pub := day("2023-10-27")
	b.ReportAllocs()
	for b.Loop() {
		dates.Find(ws, pub, "past")
	}
}

func BenchmarkFindDated(b *testing.B) {
	ws := words("In recent weeks, similar attacks on the same base were reported by the resistance, with strikes on November 19, 22, and earlier on November 15 at the Ain al-Asad Airbase, housing US occupation forces.")
	pub := day("2023-12-04")
	b.ReportAllocs()
	for b.Loop() {
		dates.Find(ws, pub, "past")
	}
}

func FuzzFind(f *testing.F) {
	for _, c := range sentenceCases {
		f.Add(c.sentence, int64(0), c.tense)
	}
	f.Add("on the 31st", int64(40), "past")
	f.Add("Feb. 29, 2024 and 30", int64(-400), "future")
	f.Add("since 2021 and 2023 and 2025", int64(9), "present")
	f.Fuzz(func(t *testing.T, sentence string, shift int64, tense string) {
		pub := day("2023-10-27").AddDate(0, 0, int(shift%100000))
		for _, ws := range [][]string{words(sentence), strings.Fields(sentence)} {
			last := 0
			for _, e := range dates.Find(ws, pub, tense) {
				if e.First < last || e.First >= e.Last || e.Last > len(ws) {
					t.Fatalf("%q: span [%d,%d) after %d, %d tokens", sentence, e.First, e.Last, last, len(ws))
				}
				last = e.Last
				if _, err := time.Parse("2006-01-02", e.Day); err != nil && pub.Year() > 0 && pub.Year() < 9000 {
					t.Fatalf("%q: day %q: %v", sentence, e.Day, err)
				}
				switch e.Precision {
				case dates.Day, dates.Week, dates.Month, dates.Year:
				default:
					t.Fatalf("%q: precision %q", sentence, e.Precision)
				}
			}
		}
		dates.Resolve(sentence, pub, tense)
	})
}
