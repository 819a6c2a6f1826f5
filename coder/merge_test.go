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
