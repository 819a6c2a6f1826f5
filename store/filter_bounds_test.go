package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
