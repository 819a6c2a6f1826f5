package coder

import (
	"testing"
	"time"

	"github.com/parley-events/parley/doc"
)

// Any text codes without a panic, and every event points inside its
// document: sentence, spans, trigger.
func FuzzCode(f *testing.F) {
	for _, s := range []string{
		"Russia condemned the Israeli strikes on Gaza on Thursday, the ministry said.",
		"On Monday, the UN Secretary-General António Guterres called for a ceasefire in Sudan.",
		"\"We will not accept it,\" he said. Iran's foreign minister met his Turkish counterpart in Ankara.",
		"M23 attacked FARDC positions near Goma, killing 3 soldiers, according to MONUSCO.",
	} {
		f.Add(s)
	}
	c := Default()
	// Load the models and tables now: the fuzzer gives each input a few
	// seconds, less than loading takes on a busy machine.
	c.Code(&doc.Document{ID: "warm", Date: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), Text: "Chile met Peru in Lima."})
	f.Fuzz(func(t *testing.T, text string) {
		d := &doc.Document{ID: "f", Date: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), Text: text}
		for _, e := range c.Code(d) {
			if e.Type == "" || e.Sentence < 0 || e.Sentence >= len(d.Sentences) {
				t.Fatalf("bad event %+v in %q", e, text)
			}
			if e.Span[0] < 0 || e.Span[1] > len(text) || e.Span[0] > e.Span[1] ||
				e.TriggerSpan[0] < e.Span[0] || e.TriggerSpan[1] > e.Span[1] {
				t.Fatalf("event spans %v / trigger %v outside the text (%d bytes) %q", e.Span, e.TriggerSpan, len(text), text)
			}
		}
	})
}
