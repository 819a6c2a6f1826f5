package store

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/parley-events/parley/kb"
)

// Check validates the filters of q against what the store can hold, so that
// a value that can match nothing is an error naming it and the accepted
// values rather than an empty result: an unknown event type or mode, a
// country that is not an ISO 3166 alpha-3 code (or a PLOVER special code
// such as UNO), a malformed date, a range that ends before it starts, a
// negative limit or offset, an unknown level, review state (Reviewed) or
// sort key of the level (Sort). Types, modes, countries, review states and
// sort keys are case-insensitive; Check returns q with them in the stored
// case (ASSAULT, aerial, RUS, wrong, -date). Every error wraps ErrBadQuery.
//
// Check also bounds what a filter may cost: no value may hold a NUL byte
// or invalid UTF-8, a name filter (actor, recipient, place, source) is at
// most MaxNameFilter bytes, a list at most MaxListFilter values, and the
// full-text search at most MaxTextWords words in MaxTextFilter bytes.
func (q Query) Check() (Query, error) {
	k := kb.Default()
	v := vocabulary()
	var err error
	for _, f := range []struct {
		name, v string
		max     int
	}{
		{"actor", q.Actor, MaxNameFilter}, {"recipient", q.Recipient, MaxNameFilter}, {"place", q.Place, MaxNameFilter},
		{"source", q.Source, MaxNameFilter}, {"text", q.Text, MaxTextFilter},
		{"type", q.Type, MaxNameFilter}, {"mode", q.Mode, MaxNameFilter}, {"country", q.Country, MaxListFilter * 8},
		{"from", q.From, 32}, {"to", q.To, 32}, {"level", q.Level, 32},
	} {
		switch {
		case strings.IndexByte(f.v, 0) >= 0:
			return q, fmt.Errorf("%w: %s contains a NUL byte", ErrBadQuery, f.name)
		case !utf8.ValidString(f.v):
			return q, fmt.Errorf("%w: %s is not valid UTF-8", ErrBadQuery, f.name)
		case len(f.v) > f.max:
			return q, fmt.Errorf("%w: %s is %d bytes long (at most %d)", ErrBadQuery, f.name, len(f.v), f.max)
		}
	}
	if n := len(strings.Fields(q.Text)); n > MaxTextWords {
		return q, fmt.Errorf("%w: text has %d words (at most %d: search for the rarest ones)", ErrBadQuery, n, MaxTextWords)
	}
	for _, f := range []struct{ name, v string }{{"type", q.Type}, {"mode", q.Mode}, {"country", q.Country}} {
		if n := strings.Count(f.v, ",") + 1; n > MaxListFilter {
			return q, fmt.Errorf("%w: %s lists %d values (at most %d)", ErrBadQuery, f.name, n, MaxListFilter)
		}
	}
	if q.Type, err = checkList("type", q.Type, strings.ToUpper, func(t string) bool { return slices.Contains(v.types, t) }, v.types); err != nil {
		return q, err
	}
	if q.Mode, err = checkList("mode", q.Mode, strings.ToLower, func(m string) bool { return slices.Contains(v.modes, m) }, v.modes); err != nil {
		return q, err
	}
	if q.Country, err = checkList("country", q.Country, strings.ToUpper, k.KnownCode, nil); err != nil {
		return q, err
	}
	for _, d := range []struct{ name, v string }{{"from", q.From}, {"to", q.To}} {
		if _, ok := dayNumber(d.v); d.v != "" && !ok {
			return q, fmt.Errorf("%w: bad %s date %q (want YYYY-MM-DD)", ErrBadQuery, d.name, d.v)
		}
	}
	if q.From != "" && q.To != "" && q.From > q.To {
		return q, fmt.Errorf("%w: from %s is after to %s", ErrBadQuery, q.From, q.To)
	}
	if q.Quad < 0 || q.Quad > 4 {
		return q, fmt.Errorf("%w: bad quad %d (want 1, 2, 3 or 4)", ErrBadQuery, q.Quad)
	}
	if q.Limit < 0 {
		return q, fmt.Errorf("%w: bad limit %d (want 0 or more)", ErrBadQuery, q.Limit)
	}
	if q.Offset < 0 {
		return q, fmt.Errorf("%w: bad offset %d (want 0 or more)", ErrBadQuery, q.Offset)
	}
	story := true
	switch q.Level {
	case "", "story", "stories":
	case "event", "events", "raw":
		story = false
	default:
		return q, fmt.Errorf("%w: bad level %q (want story or event)", ErrBadQuery, q.Level)
	}
	switch r := strings.ToLower(strings.TrimSpace(q.Reviewed)); r {
	case "", "yes", "no", VerdictCorrect, VerdictWrong:
		q.Reviewed = r
	default:
		return q, fmt.Errorf("%w: unknown reviewed %q (want one of yes, no, %s, %s)", ErrBadQuery, q.Reviewed, VerdictCorrect, VerdictWrong)
	}
	if q.Sort, err = checkSort(q.Sort, story); err != nil {
		return q, err
	}
	return q, nil
}

// The bounds Check puts on filters: enough for any real question, small
// enough that no request can make the store scan for long.
const (
	MaxNameFilter = 200 // bytes of an actor, recipient, place or source filter
	MaxListFilter = 64  // values of a type, mode or country list
	MaxTextFilter = 256 // bytes of a full-text search
	MaxTextWords  = 16  // words of a full-text search
)

// vocabulary is the event types and modes a filter may name, from the
// knowledge base's PLOVER table, read once.
var vocabulary = sync.OnceValue(func() (v struct{ types, modes []string }) {
	k := kb.Default()
	modes := map[string]bool{}
	for _, t := range k.PloverTypes() {
		v.types = append(v.types, string(t))
		pt, _ := k.PloverType(t)
		for m := range pt.Modes {
			modes[m] = true
		}
	}
	v.modes = slices.Sorted(maps.Keys(modes))
	return v
})

// checkList checks each value of a comma-separated filter, folded to the
// stored case, and returns the folded list. want lists the accepted values
// for the error message; nil says they are country codes.
func checkList(name, v string, fold func(string) string, ok func(string) bool, want []string) (string, error) {
	if strings.TrimSpace(v) == "" {
		return v, nil
	}
	var out []string
	for _, raw := range strings.Split(v, ",") {
		raw = strings.TrimSpace(raw)
		p := fold(raw)
		if p == "" {
			continue
		}
		if !ok(p) {
			accepted := "an ISO 3166 alpha-3 country code (RUS, UKR, PSE) or a PLOVER group code (UNO, IGO, EUR, NGO, ISM, IMG, MNC)"
			if want != nil {
				accepted = "one of " + strings.Join(want, ", ")
			}
			return v, fmt.Errorf("%w: unknown %s %q (want %s)", ErrBadQuery, name, raw, accepted)
		}
		out = append(out, p)
	}
	return strings.Join(out, ","), nil
}
