package parley_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
)

// Code one sentence of news: the meeting is dated from "on Monday" and the
// publication day, its place geocoded.
func Example() {
	published := time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)
	text := "Russia's Foreign Minister Sergei Lavrov met with Chinese Foreign Minister Wang Yi in Beijing on Monday."
	evs, err := parley.CodeText(context.Background(), text, published)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range evs {
		fmt.Println(e.Date, e.Type, side(e.Actor), "->", side(e.Recipient), "in", place(e.Location))
	}
	// Output:
	// 2024-05-06 CONSULT Sergey Lavrov (RUSGOV) -> Wang Yi (CHNGOV) in Beijing, CHN
}

// Code a wire story kept as a Document: the dateline is recognised (and
// names the source); the document keeps the layers the coder added.
func ExampleCode() {
	d := &doc.Document{
		ID:   "reuters-1",
		Date: time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC),
		Text: "KYIV, March 4 (Reuters) - Ukrainian President Volodymyr Zelenskiy accused Russia of shelling Kharkiv on Sunday.",
	}
	evs, err := parley.Code(context.Background(), d)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("source:", d.Source, "sentences:", len(d.Sentences))
	for _, e := range evs {
		fmt.Println(e.ID, e.Date, e.Type, side(e.Actor), "->", side(e.Recipient), "in", place(e.Location))
	}
	// Output:
	// source: Reuters sentences: 1
	// reuters-1-1 2024-03-04 ACCUSE Volodymyr Zelensky (UKRGOV) -> Russia (RUS) in Kyiv, UKR
	// reuters-1-2 2024-03-03 ASSAULT Russia (RUS) -> Kharkiv (UKR) in Kharkiv, UKR
}

// TestCodeRefusesBadInput: each bad input is a clear error, never a panic
// or an empty success.
func TestCodeRefusesBadInput(t *testing.T) {
	day := time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for name, c := range map[string]struct {
		ctx  context.Context
		d    *doc.Document
		want string
	}{
		"nil document": {context.Background(), nil, "nil document"},
		"no date":      {context.Background(), &doc.Document{ID: "a", Text: "Iran condemned Israel."}, "no publication date"},
		"empty text":   {context.Background(), &doc.Document{ID: "b", Text: " \n", Date: day}, "empty text"},
		"binary":       {context.Background(), &doc.Document{ID: "c", Text: "PK\x03\x04\x00\x00", Date: day}, "NUL"},
		"cancelled":    {cancelled, &doc.Document{ID: "d", Text: "Iran condemned Israel.", Date: day}, "canceled"},
	} {
		evs, err := parley.Code(c.ctx, c.d)
		if err == nil || !strings.Contains(err.Error(), c.want) || evs != nil {
			t.Errorf("%s: got %v, %v; want an error about %q", name, evs, err, c.want)
		}
	}
	if _, err := parley.CodeText(context.Background(), "Iran condemned Israel.", time.Time{}); err == nil {
		t.Error("CodeText without a publication date was accepted")
	}
}

// TestCodeTextInvalidUTF8 codes text with a broken byte: the event is still
// found and the document warns, as the reader does.
func TestCodeTextInvalidUTF8(t *testing.T) {
	d := &doc.Document{ID: "u", Date: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC),
		Text: "Russia's Foreign Minister Sergei Lavrov met with Chinese Foreign Minister Wang Yi in Beijing on Monday.\xff"}
	evs, err := parley.Code(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Warnings) == 0 || len(evs) == 0 || evs[0].Type != "CONSULT" {
		t.Errorf("warnings %q, events %+v: want a warning and the CONSULT event", d.Warnings, evs)
	}
}

func side(a *event.Actor) string {
	if a == nil {
		return "-"
	}
	return fmt.Sprintf("%s (%s)", a.Name, a.Code)
}

func place(l *event.Location) string {
	if l == nil {
		return "-"
	}
	return fmt.Sprintf("%s, %s", l.Name, l.Country)
}
