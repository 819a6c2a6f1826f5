package store

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/parley-events/parley/event"
)

// TestIngestBatchIsolatesFailures writes one batch holding a good report,
// a document that fails part-way (an event the store cannot encode), a
// second good report, a repeat of the first and a different text under the
// second's id: the good ones are stored, the failing one is not (and says
// why), the repeat is skipped and the conflict refused.
func TestIngestBatchIsolatesFailures(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t, Options{})
	tass, irna := tassDoc(), irnaDoc()
	bad := irnaDoc()
	bad.ID = "bad"
	badEvent := irnaMeeting.event(t, bad, 0)
	badEvent.Intensity = math.NaN()
	conflict := irnaDoc()
	conflict.Text += " Updated."
	items := []Item{
		{Doc: tass, Events: []event.Event{tassMeeting.event(t, tass, 0)}},
		{Doc: bad, Events: []event.Event{irnaMeeting.event(t, bad, 0), badEvent}},
		{Doc: irna, Events: []event.Event{irnaMeeting.event(t, irna, 0)}},
		{Doc: tassDoc(), Events: []event.Event{tassMeeting.event(t, tass, 0)}},
		{Doc: conflict, Events: nil},
	}
	results, errs := s.IngestBatch(ctx, items)
	if errs[0] != nil || errs[2] != nil || errs[3] != nil {
		t.Fatalf("good documents failed: %v", errs)
	}
	if errs[1] == nil || errors.Is(errs[1], ErrConflict) {
		t.Errorf("failing document: error %v, want an encoding error", errs[1])
	}
	if !errors.Is(errs[4], ErrConflict) {
		t.Errorf("conflicting document: error %v, want ErrConflict", errs[4])
	}
	if results[0].Events != 1 || results[2].Events != 1 || results[2].Merged != 1 || !results[3].Skipped {
		t.Errorf("results %+v", results)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 || st.Events != 2 || st.Stories != 1 {
		t.Errorf("store holds %d documents, %d events, %d stories; want 2, 2, 1", st.Documents, st.Events, st.Stories)
	}
	if _, err := s.Document(ctx, "bad"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the failing document was stored: %v", err)
	}
	// Its actor and place counts were rolled back with it.
	var actorEvents int
	if err := s.r.QueryRowContext(ctx, `SELECT sum(events) FROM actors`).Scan(&actorEvents); err != nil || actorEvents != 4 {
		t.Errorf("actor event counts sum to %d (%v), want 4 (two sides of two events)", actorEvents, err)
	}
	// Full-text search finds the stored sentences, and only those.
	ev, err := s.Events(ctx, Query{Text: "Bagheri Kani", Level: "event"})
	if err != nil || ev.Total != 1 {
		t.Fatalf("text search: %d events, %v; want the IRNA report", ev.Total, err)
	}
	// The event comes back as coded, its sentence included (the store
	// keeps the sentence once, outside the event's JSON).
	if got := ev.Items[0].Event; got.Text != irnaMeeting.sentence || got.Trigger != "held talks" {
		t.Errorf("stored event reads back as %+v", got)
	}
}

// TestStoryLookupsRunUnsorted checks that the writer runs every shape of
// the story lookup without SQLite's sort (see unorderedLookup): if
// storyProbe.candidates changes its form, this says the fast path is off.
func TestStoryLookupsRunUnsorted(t *testing.T) {
	s, _ := open(t, Options{})
	for i, lk := range s.lookups {
		if !lk.unordered {
			t.Errorf("story lookup %q runs sorted by SQLite", s.wsql[int(stCandidates)+i])
		}
	}
}

// TestTimelineCountryCountsEitherSide checks the two-half timeline of a
// country against the either-side filter of Stories and Events: for every
// country, at both levels and with and without dates, the timeline counts
// exactly the matching events, each once.
func TestTimelineCountryCountsEitherSide(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := corpus(t, b)
		for _, country := range []string{"RUS", "IRN", "UKR", "RUS,IRN", "FRA"} {
			for _, level := range []string{"story", "event"} {
				for _, dates := range [][2]string{{"", ""}, {"2023-10-26", "2023-10-31"}} {
					q := Query{Country: country, Level: level, From: dates[0], To: dates[1]}
					tl, err := s.Timeline(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					sum := 0
					for _, p := range tl {
						sum += p.Count
					}
					var total int
					if level == "story" {
						page, err := s.Stories(ctx, q)
						if err != nil {
							t.Fatal(err)
						}
						total = page.Total
					} else {
						page, err := s.Events(ctx, q)
						if err != nil {
							t.Fatal(err)
						}
						total = page.Total
					}
					if sum != total {
						t.Errorf("%+v: timeline counts %d, the filter matches %d", q, sum, total)
					}
				}
			}
		}
	})
}
