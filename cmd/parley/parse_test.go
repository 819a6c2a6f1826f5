package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/doc"
)

// parse --layers shows each sentence's layers beside its parse: what the
// mentions resolved to, the times, the triggers and, for each event, the
// rules that chose its parts.
func TestParseLayers(t *testing.T) {
	d := &doc.Document{ID: "x", Date: time.Date(2025, 6, 6, 0, 0, 0, 0, time.UTC),
		Text: "Kenya's foreign minister visited Ethiopia on Monday. She later met officials in Addis Ababa."}
	c := parley.New(parley.Options{AllModalities: true})
	if _, err := c.Code(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := writeParse(&b, d, true); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"# sent_id = x-1",
		`# mention 1 "Kenya" country KEN`,
		`# time 7-8 "on Monday" 2025-06-02 day`,
		`# trigger 5 "visited" CONSULT`,
		"# event CONSULT KENGOV → ETH 2025-06-02",
		"| actor ",
		"date sentence",
		`# mention 1 "She" pronoun KEN GOV`,
		"\n1\tKenya\tKenya\tPROPN\t",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	var plain bytes.Buffer
	if err := writeParse(&plain, d, false); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "# mention") || !strings.Contains(plain.String(), "\tvisit\tVERB\t") {
		t.Errorf("without layers:\n%s", plain.String())
	}
}
