package coder

import (
	"testing"

	"github.com/parley-events/parley/event"
)

// dated is one expected event date: the event of type typ from actor to
// recipient country ("" for none) falls on day.
type dated struct {
	typ, actor, recipient, day string
}

// dateOf finds the date of the event w names, or "" when there is none.
func dateOf(evs []event.Event, w dated) (string, bool) {
	for _, e := range evs {
		if string(e.Type) != w.typ || e.Actor == nil || e.Actor.Country != w.actor {
			continue
		}
		if rc := country(e.Recipient); rc == w.recipient {
			return e.Date, true
		}
	}
	return "", false
}

// News narrative time: an act told without a day of its own is dated by
// the story around it, through the whole pipeline. Articles are published
// Monday 13 May 2024.
func TestNarrativeDates(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []dated
	}{
		{"a rally's later sentences keep its day",
			"Thousands of Serbians held rallies in Belgrade on Saturday against the government.\n\n" +
				"At the rally, protesters chanted slogans against France and Germany.",
			[]dated{{"PROTEST", "SRB", "FRA", "2024-05-11"}, {"PROTEST", "SRB", "DEU", "2024-05-11"}}},
		{"a sentence about something else keeps the publication date",
			"Turkish Foreign Minister Hakan Fidan met with his Egyptian counterpart Sameh Shoukry in Cairo on Saturday.\n\n" +
				"The Greek delegation praised Cyprus for its mediation.",
			[]dated{{"CONSULT", "TUR", "EGY", "2024-05-11"}, {"SUPPORT", "GRC", "CYP", "2024-05-13"}}},
		{"a dated statement's report, the same kind of act after it, and a present-tense call",
			"A late Friday statement from the Ukrainian military reported Russian missiles striking the port of Odesa.\n\n" +
				"Additionally, Russian drones attacked the city of Kharkiv.\n\n" +
				"Ukraine calls on Germany to send more air defence systems.",
			[]dated{{"ASSAULT", "RUS", "UKR", "2024-05-10"}, {"REQUEST", "UKR", "DEU", "2024-05-13"}}},
		{"a present perfect is news of the day",
			"Russian forces shelled Kharkiv on Sunday.\n\nUkraine has accused Russia of war crimes.",
			[]dated{{"ASSAULT", "RUS", "UKR", "2024-05-12"}, {"ACCUSE", "UKR", "RUS", "2024-05-13"}}},
		{"a day inside an event noun is that event's, not the sentence's",
			"The African Union condemned the 10 May attack on Malian army positions by jihadists.\n\n" +
				"The African Union urged Mali to investigate the attack.",
			[]dated{{"ASSAULT", "MLI", "MLI", "2024-05-10"}, {"ACCUSE", "IGO", "MLI", "2024-05-13"}, {"REQUEST", "IGO", "MLI", "2024-05-13"}}},
	}
	for _, c := range cases {
		evs := codeText(t, c.text, "2024-05-13")
		for _, w := range c.want {
			got, ok := dateOf(evs, w)
			if !ok {
				t.Errorf("%s: no %s %s→%s in%s", c.name, w.typ, w.actor, w.recipient, describe(evs))
				continue
			}
			if got != w.day {
				t.Errorf("%s: %s %s→%s dated %s, want %s", c.name, w.typ, w.actor, w.recipient, got, w.day)
			}
		}
	}
}

// A headline's happening is the one the lead tells with its day: dated by
// it, the two mentions are one event.
func TestHeadlineTakesLeadDate(t *testing.T) {
	evs := codeText(t, "Japan Hosts Talks With South Korea\n\n"+
		"Japanese Prime Minister Fumio Kishida met with South Korean President Yoon Suk Yeol in Tokyo on Saturday.\n\n"+
		"The two leaders discussed trade.", "2024-05-13")
	n := 0
	for _, e := range evs {
		if e.Type != "CONSULT" {
			continue
		}
		n++
		if e.Date != "2024-05-11" {
			t.Errorf("CONSULT %q dated %s, want 2024-05-11", e.Trigger, e.Date)
		}
	}
	if n != 1 {
		t.Errorf("%d CONSULT events, want the headline and the lead merged into one:%s", n, describe(evs))
	}
}

// A narrative's time reaches only through sentences that tell the past: a
// sentence in the future or the present ends it.
func TestNarrativeEndsAtPresent(t *testing.T) {
	evs := codeText(t, "Police in Nairobi arrested opposition supporters on Saturday.\n\n"+
		"Kenya will hold talks with Uganda.\n\n"+
		"The police detained journalists at the protest.", "2024-05-13")
	found := false
	for _, e := range evs {
		if e.Trigger != "detained" {
			continue
		}
		found = true
		if e.Date != "2024-05-13" {
			t.Errorf("detention after a future sentence dated %s, want the publication date", e.Date)
		}
	}
	if !found {
		t.Errorf("no detention in%s", describe(evs))
	}
}

// A dated reporting clause dates the act it reports when the act has no
// day of its own, even with another event word between them ("regret").
func TestReportingClauseDates(t *testing.T) {
	evs := codeText(t, "On Friday, the NATO spokesman repeated the alliance's regret over the decision by Belarus "+
		"to withdraw from the arms control treaty.", "2024-05-13")
	found := false
	for _, e := range evs {
		if e.Type != "RETREAT" {
			continue
		}
		found = true
		if e.Date != "2024-05-10" {
			t.Errorf("reported withdrawal %q dated %s, want the reporting clause's 2024-05-10", e.Trigger, e.Date)
		}
	}
	if !found {
		t.Errorf("no withdrawal in%s", describe(evs))
	}
}
