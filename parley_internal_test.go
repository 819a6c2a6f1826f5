package parley

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley/coder"
	"github.com/parley-events/parley/doc"
)

// meeting is an article with one event, whose actor the coder decides
// (and so tells Options.Trace about).
func meeting(id string) *doc.Document {
	return &doc.Document{ID: id, Path: "in/" + id + ".txt", Date: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC),
		Text: "Russia's Foreign Minister Sergei Lavrov met with Chinese Foreign Minister Wang Yi in Beijing on Monday."}
}

// TestCodeRecoversPanic: a panic inside the coder is the document's error,
// naming its file, and the coder goes on coding other documents.
func TestCodeRecoversPanic(t *testing.T) {
	broken := New(Options{Trace: func(coder.Decision) { panic("index out of range [7] with length 3") }})
	evs, err := broken.Code(context.Background(), meeting("a"))
	if err == nil || evs != nil || !strings.Contains(err.Error(), "in/a.txt: internal error while coding") ||
		!strings.Contains(err.Error(), "index out of range") {
		t.Fatalf("got %v, %v; want the panic as an error naming in/a.txt", evs, err)
	}
	evs, err = New(Options{}).Code(context.Background(), meeting("b"))
	if err != nil || len(evs) == 0 {
		t.Fatalf("after a panic: %v, %v; want the meeting", evs, err)
	}
}

// TestCodeOptions: RulesOnly drops the argument model, AllModalities keeps
// what did not happen, MaxBytes refuses long texts before any work.
func TestCodeOptions(t *testing.T) {
	if New(Options{RulesOnly: true}).inner.Arguments != nil || New(Options{}).inner.Arguments == nil {
		t.Error("RulesOnly does not switch the argument model off, or the default lacks it")
	}
	d := meeting("neg")
	d.Text = "Russia did not attack Ukraine on Monday."
	if evs, err := New(Options{}).Code(context.Background(), d); err != nil || len(evs) != 0 {
		t.Errorf("default options: %v, %v; want no asserted event", evs, err)
	}
	d = meeting("neg")
	d.Text = "Russia did not attack Ukraine on Monday."
	evs, err := New(Options{AllModalities: true}).Code(context.Background(), d)
	if err != nil || len(evs) != 1 || evs[0].Modality != "negated" {
		t.Errorf("AllModalities: %+v, %v; want the negated attack", evs, err)
	}
	_, err = New(Options{MaxBytes: 50}).Code(context.Background(), meeting("long"))
	if err == nil || !strings.Contains(err.Error(), "in/long.txt: text of 103 bytes is larger than the limit of 50 bytes") {
		t.Errorf("MaxBytes: %v", err)
	}
}

// TestCodeMaxTime: a document that takes longer than MaxTime is an error
// naming it and the bound, returned without waiting for the coder.
func TestCodeMaxTime(t *testing.T) {
	release := make(chan struct{})
	slow := New(Options{MaxTime: 50 * time.Millisecond, Trace: func(coder.Decision) { <-release }})
	defer close(release)
	start := time.Now()
	_, err := slow.Code(context.Background(), meeting("slow"))
	if err == nil || !strings.Contains(err.Error(), "in/slow.txt: not coded within 50ms") {
		t.Errorf("got %v; want a time-out naming the document", err)
	}
	if waited := time.Since(start); waited > 2*time.Second {
		t.Errorf("Code waited %v for a coder it had given up on", waited)
	}
}
