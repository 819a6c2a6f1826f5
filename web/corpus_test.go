package web_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/reader"
	"github.com/parley-events/parley/store"
)

// fixture is one article and the events coded from it: [type, quad,
// actor words, actor name, actor country, trigger, recipient words,
// recipient name, recipient country, place, date].
type fixture struct {
	id, source, date, text string
	events                 [][11]string
}

var places = map[string][3]float64{"Moscow": {55.75, 37.62, 524901}, "Kherson": {46.64, 32.61, 706448}, "Tehran": {35.69, 51.42, 112931}}

var fixtures = []fixture{
	{"tass-2023-10-27", "TASS", "2023-10-27",
		`MOSCOW, October 27. /TASS/. On Thursday, Russian Deputy Foreign Minister Mikhail Bogdanov met with his Iranian colleague in Moscow. Bogdanov also met with Marzouk.`,
		[][11]string{
			{"CONSULT", "1", "Russian Deputy Foreign Minister Mikhail Bogdanov", "Mikhail Bogdanov", "RUS", "met", "his Iranian colleague", "Ali Bagheri Kani", "IRN", "Moscow", "2023-10-26"},
			{"CONSULT", "1", "Bogdanov", "Mikhail Bogdanov", "RUS", "met", "Marzouk", "Abu Marzouk", "PSE", "Moscow", "2023-10-26"},
		}},
	{"irna-2023-10-27", "IRNA", "2023-10-27",
		`TEHRAN, Oct. 27 (IRNA) - Iran's deputy foreign minister Ali Bagheri Kani held talks in Moscow on Thursday with Bogdanov.`,
		[][11]string{{"CONSULT", "1", "Iran's deputy foreign minister Ali Bagheri Kani", "Ali Bagheri Kani", "IRN", "held talks", "Bogdanov", "Bogdanov", "RUS", "Moscow", "2023-10-26"}}},
	{"reuters-kherson", "Reuters", "2023-11-03",
		`KYIV, Nov 2 (Reuters) - Russian forces shelled the city of Kherson on Thursday, Ukrainian officials said.`,
		[][11]string{{"ASSAULT", "4", "Russian forces", "Russian Armed Forces", "RUS", "shelled", "the city of Kherson", "Kherson", "UKR", "Kherson", "2023-11-02"}}},
	{"ukrinform-kherson", "Ukrinform", "2023-11-02",
		`Ukraine accused Russia of shelling civilians in Kherson.`,
		[][11]string{{"ACCUSE", "3", "Ukraine", "Ukraine", "UKR", "accused", "Russia", "Russia", "RUS", "Kherson", "2023-11-02"}}},
}

// ingestCorpus stores the fixtures through the store's loader.
func ingestCorpus(t *testing.T, ctx context.Context, st store.Store) {
	t.Helper()
	byText := map[string]fixture{}
	seq := func(yield func(*doc.Document, error) bool) {
		for _, f := range fixtures {
			day, _ := time.Parse("2006-01-02", f.date)
			byText[f.text] = f
			if !yield(&doc.Document{ID: f.id, Source: f.source, Date: day, Text: f.text}, nil) {
				return
			}
		}
	}
	code := func(d *doc.Document) []event.Event {
		var out []event.Event
		f := byText[d.Text]
		at := 0
		for i, e := range f.events {
			find := func(s string, from int) [2]int {
				k := strings.Index(d.Text[from:], s)
				if k < 0 {
					t.Errorf("%q not in %s", s, f.id)
					return [2]int{}
				}
				return [2]int{from + k, from + k + len(s)}
			}
			a := find(e[2], at)
			start := strings.LastIndex(d.Text[:a[0]], ". ")
			if start < 0 {
				start = 0
			} else {
				start += 2
			}
			end := strings.Index(d.Text[a[1]:], ".") + a[1] + 1
			at = end
			p := places[e[9]]
			out = append(out, event.Event{
				ID: d.ID + "-" + string(rune('1'+i)), DocID: d.ID, Date: e[10], DatePrecision: "day", Type: event.Type(e[0]), Quad: int(e[1][0] - '0'),
				Actor:     &event.Actor{Text: e[2], Name: e[3], Country: e[4], Sector: "GOV", Code: e[4] + "GOV", Span: a},
				Recipient: &event.Actor{Text: e[6], Name: e[7], Country: e[8], Sector: "GOV", Code: e[8] + "GOV", Span: find(e[6], a[1])},
				Location:  &event.Location{Name: e[9], Country: e[4], Lat: p[0], Lon: p[1], GeonamesID: int(p[2]), Resolution: 4},
				Sentence:  i, Span: [2]int{start, end}, Text: d.Text[start:end], Trigger: e[5], TriggerSpan: find(e[5], a[1]),
				Modality: "asserted", Mentions: 1, Confidence: 0.9, Rule: "fixture",
			})
		}
		return out
	}
	p, err := store.Load(ctx, st, seq, func(_ context.Context, d *doc.Document) ([]event.Event, error) { return code(d), nil }, store.LoadOptions{Workers: 2, OnError: func(err error) { t.Error(err) }})
	if err != nil || p.Documents != len(fixtures) {
		t.Fatalf("ingest: %+v %v", p, err)
	}
	// The shared dev articles, coded by the real coder, fill the panels
	// the way a user's corpus would.
	if dir := shared.Dir(); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "eval", "dev", "*.txt"))
		p, err := store.Load(ctx, st, reader.Documents(files, reader.Options{}), parley.Code, store.LoadOptions{OnError: func(err error) { t.Error(err) }})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("dev corpus: %d articles, %d events", p.Documents, p.Events)
	}
}
