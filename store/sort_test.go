package store

import (
	"context"
	"errors"
	"testing"
)

// TestSort orders the small corpus's stories and raw events by each key,
// both ways, on each backend.
func TestSort(t *testing.T) { eachBackend(t, testSort) }

func testSort(t *testing.T, b backend) {
	ctx := context.Background()
	s := corpus(t, b)
	stories := func(sort string) []string {
		t.Helper()
		p, err := s.Stories(ctx, Query{Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, st := range p.Items {
			out = append(out, st.Type+"@"+st.Date)
		}
		return out
	}
	for sort, want := range map[string]string{
		"":      "[ASSAULT@2023-11-02 REQUEST@2023-10-26 CONSULT@2023-10-26]",
		"-date": "[ASSAULT@2023-11-02 REQUEST@2023-10-26 CONSULT@2023-10-26]",
		"type":  "[ASSAULT@2023-11-02 CONSULT@2023-10-26 REQUEST@2023-10-26]",
		"-type": "[REQUEST@2023-10-26 CONSULT@2023-10-26 ASSAULT@2023-11-02]",
		// The meeting has two articles; the others one each, newest first.
		"-articles": "[CONSULT@2023-10-26 ASSAULT@2023-11-02 REQUEST@2023-10-26]",
	} {
		if got := stories(sort); fmtList(got) != want {
			t.Errorf("stories by %q: %v, want %s", sort, got, want)
		}
	}
	if got := stories("date"); got[0] == "ASSAULT@2023-11-02" {
		t.Errorf("stories by date ascending start with the newest: %v", got)
	}
	p, err := s.Events(ctx, Query{Level: "event", Sort: "source"})
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, m := range p.Items {
		sources = append(sources, m.Source)
	}
	if fmtList(sources) != "[IRNA Reuters TASS TASS]" {
		t.Errorf("events by source: %v", sources)
	}
	p, err = s.Events(ctx, Query{Level: "event", Sort: "-actor"})
	if err != nil || len(p.Items) != 4 || p.Items[0].Event.Actor.Name != "Russian Armed Forces" {
		t.Errorf("events by actor, descending: %+v %v", p.Items, err)
	}
	for _, bad := range []string{"colour", "-", "articles; DROP TABLE stories"} {
		if _, err := s.Stories(ctx, Query{Sort: bad}); !errors.Is(err, ErrBadQuery) {
			t.Errorf("sort %q: err = %v, want ErrBadQuery", bad, err)
		}
	}
	if _, err := s.Events(ctx, Query{Sort: "articles"}); !errors.Is(err, ErrBadQuery) {
		t.Errorf("raw events by articles: err = %v, want ErrBadQuery", err)
	}
}

func fmtList(v []string) string {
	out := "["
	for i, s := range v {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out + "]"
}
