package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestReviews has an analyst review the TASS and IRNA reports of the
// Bogdanov–Bagheri Kani meeting on each backend: the reviews come back with
// the events and stories, select them, keep their history, and survive
// re-ingesting the articles and reopening the store.
func TestReviews(t *testing.T) { eachBackend(t, testReviews) }

func testReviews(t *testing.T, b backend) {
	ctx := context.Background()
	s, dsn := b.open(t, Options{})
	ingest(t, s, tassDoc(), tassMeeting)
	ingest(t, s, irnaDoc(), irnaMeeting)
	raw, err := s.Events(ctx, Query{Level: "event"})
	if err != nil || raw.Total != 2 {
		t.Fatalf("events: %+v %v", raw, err)
	}
	var irna Mention
	for _, m := range raw.Items {
		if m.DocID == "irna-2023-10-27" {
			irna = m
		}
		if m.Review != nil {
			t.Errorf("%s reviewed before any review: %+v", m.ID, m.Review)
		}
	}
	stories, err := s.Stories(ctx, Query{})
	if err != nil || stories.Total != 1 {
		t.Fatalf("stories: %+v %v", stories, err)
	}
	story := stories.Items[0]

	// A wrong actor on the IRNA report, corrected, with a note.
	before := time.Now().UTC().Add(-time.Second)
	r, err := s.AddReview(ctx, irna.ID, NewReview{Verdict: " Wrong ", Reviewer: "ana",
		Correction: Correction{Type: "consult", Actor: &EntityFix{Name: "Ali Bagheri Kani", Country: "irn", Sector: "gov"},
			Place: &PlaceFix{}, Note: "the actor is the Iranian, not Bogdanov"}})
	if err != nil {
		t.Fatal(err)
	}
	at, err := time.Parse(time.RFC3339, r.At)
	if err != nil || at.Before(before.Truncate(time.Second)) || at.After(time.Now().Add(time.Second)) {
		t.Errorf("review time %q (%v)", r.At, err)
	}
	if r.EventID != irna.ID || r.StoryID != story.ID || r.DocID != "irna-2023-10-27" || r.Index != 0 ||
		r.Verdict != "wrong" || r.Reviewer != "ana" || r.Type != "CONSULT" || r.Place != nil ||
		r.Actor == nil || *r.Actor != (EntityFix{"Ali Bagheri Kani", "IRN", "GOV"}) || r.Recipient != nil {
		t.Errorf("stored review %+v (actor %+v)", r, r.Actor)
	}

	// Reviewing the story reviews its first report, TASS's.
	sr, err := s.AddReview(ctx, story.ID, NewReview{Verdict: "correct", Reviewer: "ben", Correction: Correction{Date: "2023-10-26"}})
	if err != nil {
		t.Fatal(err)
	}
	if sr.DocID != "tass-2023-10-27" || sr.StoryID != story.ID || sr.Date != "2023-10-26" {
		t.Errorf("story review %+v", sr)
	}

	for _, bad := range []NewReview{
		{Verdict: "maybe", Reviewer: "ana"},
		{Verdict: "correct"},
		{Reviewer: "ana", Correction: Correction{Type: "MEET"}},
		{Reviewer: "ana", Correction: Correction{Date: "2023-13-01"}},
		{Reviewer: "ana", Correction: Correction{Recipient: &EntityFix{Country: "Iran"}}},
		{Reviewer: "ana", Correction: Correction{Place: &PlaceFix{Country: "moscow"}}},
		{Reviewer: "ana", Correction: Correction{Actor: &EntityFix{}}},
	} {
		if _, err := s.AddReview(ctx, irna.ID, bad); !errors.Is(err, ErrBadQuery) {
			t.Errorf("AddReview(%+v): err = %v, want ErrBadQuery", bad, err)
		}
	}
	for _, id := range []string{"E999", "S999", "X1", ""} {
		if _, err := s.AddReview(ctx, id, NewReview{Verdict: "correct", Reviewer: "ana"}); !errors.Is(err, ErrNotFound) {
			t.Errorf("AddReview(%q): err = %v, want ErrNotFound", id, err)
		}
		if _, err := s.ReviewHistory(ctx, id); !errors.Is(err, ErrNotFound) {
			t.Errorf("ReviewHistory(%q): err = %v, want ErrNotFound", id, err)
		}
	}

	count := func(q Query) int {
		t.Helper()
		if q.Level == "event" {
			p, err := s.Events(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			return p.Total
		}
		p, err := s.Stories(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return p.Total
	}
	for _, c := range []struct {
		q    Query
		want int
	}{
		{Query{Level: "event", Reviewed: "yes"}, 2},
		{Query{Level: "event", Reviewed: "wrong"}, 1},
		{Query{Level: "event", Reviewed: "correct"}, 1},
		{Query{Level: "event", Reviewed: "no"}, 0},
		{Query{Reviewed: "yes"}, 1},
		{Query{Reviewed: "wrong"}, 1},
		{Query{Reviewed: "no"}, 0},
		{Query{Reviewed: "yes", Actor: "UKR"}, 0},
	} {
		if got := count(c.q); got != c.want {
			t.Errorf("%+v: %d matches, want %d", c.q, got, c.want)
		}
	}
	if _, err := s.Events(ctx, Query{Reviewed: "perhaps"}); !errors.Is(err, ErrBadQuery) {
		t.Errorf("bad reviewed filter: err = %v", err)
	}

	// The analyst changes her mind: the newest review counts, the history
	// keeps both.
	if _, err := s.AddReview(ctx, irna.ID, NewReview{Verdict: "correct", Reviewer: "ana"}); err != nil {
		t.Fatal(err)
	}
	if n := count(Query{Level: "event", Reviewed: "wrong"}); n != 0 {
		t.Errorf("after the second review, %d wrong events", n)
	}
	if h, err := s.ReviewHistory(ctx, irna.ID); err != nil || len(h) != 2 || h[0].Verdict != "wrong" || h[1].Verdict != "correct" {
		t.Errorf("history of %s: %+v %v", irna.ID, h, err)
	}
	if h, err := s.ReviewHistory(ctx, story.ID); err != nil || len(h) != 3 {
		t.Errorf("history of %s: %+v %v", story.ID, h, err)
	}
	m, err := s.Event(ctx, irna.ID)
	if err != nil || m.Review == nil || m.Review.Verdict != "correct" || m.Review.Actor != nil {
		t.Errorf("event %s carries review %+v (%v)", irna.ID, m.Review, err)
	}
	d, err := s.Story(ctx, story.ID)
	if err != nil || d.Review == nil || d.Review.Reviewer != "ana" || len(d.Reports) != 2 {
		t.Fatalf("story %s: %+v %v", story.ID, d, err)
	}
	for _, rep := range d.Reports {
		if rep.Review == nil {
			t.Errorf("report %s of the story shows no review", rep.ID)
		}
	}

	// Re-ingesting the articles keeps the reviews, and so does reopening.
	ingest(t, s, irnaDoc(), irnaMeeting)
	ingest(t, s, tassDoc(), tassMeeting)
	s.Close()
	s2, err := Open(ctx, dsn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	all, err := s2.ReviewedEvents(ctx)
	if err != nil || len(all) != 2 {
		t.Fatalf("reviewed events after reopening: %+v %v", all, err)
	}
	for _, r := range all {
		if r.Verdict != "correct" {
			t.Errorf("newest review of %s/%d: %+v", r.DocID, r.Index, r)
		}
	}
	doc, err := s2.Document(ctx, "irna-2023-10-27")
	if err != nil || len(doc.Events) != 1 || doc.Events[0].Review == nil {
		t.Errorf("document's events lost their review: %+v %v", doc, err)
	}
}
