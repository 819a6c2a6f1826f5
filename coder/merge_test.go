package coder

import (
	"testing"

	"github.com/parley-events/parley/event"
)

// Reports of one dyad and day merge into one event unless their specific
// places or their modes differ.
func TestMerge(t *testing.T) {
	ev := func(mode, place string, res int) event.Event {
		e := event.Event{Type: "ASSAULT", Mode: mode, Modality: "asserted", Date: "2023-12-03", DatePrecision: "day",
			Actor: &event.Actor{Country: "IRQ"}, Recipient: &event.Actor{Country: "USA"}}
		if place != "" {
			e.Location = &event.Location{Name: place, Country: "SYR", Resolution: res}
		}
		return e
	}
	for _, tc := range []struct {
		name string
		evs  []event.Event
		want int
	}{
		{"headline and body", []event.Event{ev("", "", 0), ev("", "al-Khazra", 4)}, 1},
		{"country and city", []event.Event{ev("", "Syria", 1), ev("", "al-Khazra", 4)}, 1},
		{"two bases", []event.Event{ev("", "al-Khazra", 4), ev("", "Ain al-Asad Airbase", 4)}, 2},
		{"missiles and drones", []event.Event{ev("missile", "", 0), ev("drone", "", 0)}, 2},
		{"a drone attack and an attack", []event.Event{ev("drone", "", 0), ev("", "", 0)}, 1},
	} {
		if got := merge(tc.evs, Default().symmetric); len(got) != tc.want {
			t.Errorf("%s: %d events, want %d", tc.name, len(got), tc.want)
		}
	}
}

// Two things one side said to another, in two sentences in other words,
// are two events; the same words repeated, a meeting told twice, or a
// sanction told twice are one.
func TestMergeStatements(t *testing.T) {
	ev := func(typ event.Type, quad, sentence int, trigger string) event.Event {
		return event.Event{Type: typ, Quad: quad, Sentence: sentence, Trigger: trigger, Modality: "asserted", Date: "2024-05-10", DatePrecision: "day",
			Actor: &event.Actor{Country: "UNO"}, Recipient: &event.Actor{Country: "SDN"}}
	}
	for _, tc := range []struct {
		name string
		evs  []event.Event
		want int
	}{
		{"two demands", []event.Event{ev(event.Request, 1, 2, "called for"), ev(event.Request, 1, 5, "urged")}, 2},
		{"a rebuke repeated", []event.Event{ev(event.Accuse, 3, 0, "condemns"), ev(event.Accuse, 3, 3, "condemns")}, 1},
		{"one sentence", []event.Event{ev(event.Accuse, 3, 3, "condemned"), ev(event.Accuse, 3, 3, "deplored")}, 1},
		{"a visit and a meeting", []event.Event{ev(event.Consult, 1, 0, "visited"), ev(event.Consult, 1, 1, "met")}, 1},
		{"sanctions told twice", []event.Event{ev(event.Sanction, 3, 2, "sanctions"), ev(event.Sanction, 3, 4, "measures")}, 1},
		{"headline and body", []event.Event{ev(event.Request, 1, 0, "calls for"), ev(event.Request, 1, 4, "urged")}, 1},
	} {
		if got := merge(tc.evs, Default().symmetric); len(got) != tc.want {
			t.Errorf("%s: %d events, want %d", tc.name, len(got), tc.want)
		}
	}
}
