package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley/doc"
)

// TestFilterBounds: a filter that would make the store work for long, or
// that SQL cannot take (a NUL byte), is a bad query naming the filter and
// its bound; filters at the bounds run on a real store at once.
func TestFilterBounds(t *testing.T) {
	for _, c := range []struct {
		q    Query
		want string
	}{
		{Query{Country: strings.TrimSuffix(strings.Repeat("RUS,", 20000), ",")}, "country is 79999 bytes long (at most 512)"},
		{Query{Country: strings.TrimSuffix(strings.Repeat("RUS,", 64), ",") + ",UKR"}, "country lists 65 values (at most 64)"},
		{Query{Actor: strings.Repeat("Lavrov ", 60<<10/7)}, "actor is 61439 bytes long (at most 200)"},
		{Query{Text: strings.Repeat("talks ", 17)}, "text has 17 words (at most 16"},
		{Query{Text: strings.Repeat("x", 300)}, "text is 300 bytes long (at most 256)"},
		{Query{Text: "talks\x00"}, "text contains a NUL byte"},
		{Query{Source: "TASS\xff"}, "source is not valid UTF-8"},
	} {
		_, err := c.q.Check()
		if !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v; want a bad query: %s", err, c.want)
		}
	}
	s, err := OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "parley.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	widest := Query{Text: strings.TrimSpace(strings.Repeat("talks ", MaxTextWords)), Actor: strings.Repeat("a", MaxNameFilter),
		Country: strings.TrimSuffix(strings.Repeat("RUS,", MaxListFilter), ",")}
	q, err := widest.Check()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := s.Stories(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Events(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the widest filters took %v", took)
	}
}

// TestSameIDOtherTextIsNotStored: on every backend, a document whose id is
// stored with another text is neither "already stored" (it would be
// skipped, and lost, silently) nor stored: Ingest refuses it.
func TestSameIDOtherTextIsNotStored(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s, _ := b.open(t, Options{})
		day := time.Date(2023, 1, 5, 0, 0, 0, 0, time.UTC)
		first := &doc.Document{ID: "article", Date: day, Text: "Iran condemned Israel."}
		other := &doc.Document{ID: "article", Date: day, Text: "Israel condemned Iran."}
		if _, err := s.Ingest(ctx, first, nil); err != nil {
			t.Fatal(err)
		}
		if has, err := s.HasDocument(ctx, first); err != nil || !has {
			t.Errorf("the stored document: HasDocument %v, %v", has, err)
		}
		if has, err := s.HasDocument(ctx, other); err != nil || has {
			t.Errorf("same id, other text: HasDocument %v, %v; want false", has, err)
		}
		if checker, ok := s.(DocumentsChecker); ok {
			stored, err := checker.StoredDocuments(ctx, []*doc.Document{first, other})
			if err != nil || !stored[0] || stored[1] {
				t.Errorf("StoredDocuments %v, %v; want [true false]", stored, err)
			}
		}
		if _, err := s.Ingest(ctx, other, nil); !errors.Is(err, ErrConflict) {
			t.Errorf("Ingest of the other text: %v; want ErrConflict", err)
		}
	})
}
