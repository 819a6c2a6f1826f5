package store

import (
	"fmt"
	"strings"
)

// Sort keys of Stories (alias s, joined with its actors a, r and place p)
// and Events (alias e, joined with its document d). Only these fixed
// expressions reach SQL; the caller picks one by name.
var (
	storySortKeys = map[string]string{
		"date":      "s.day",
		"type":      "s.type",
		"actor":     "s.actor_name",
		"recipient": "s.recipient_name",
		"place":     "p.name",
		"articles":  "s.articles",
		"mentions":  "s.mentions",
	}
	eventSortKeys = map[string]string{
		"date":      "e.day",
		"type":      "e.type",
		"actor":     "(SELECT name FROM actors WHERE pk = e.actor_pk)",
		"recipient": "(SELECT name FROM actors WHERE pk = e.recipient_pk)",
		"place":     "(SELECT name FROM places WHERE pk = e.place_pk)",
		"source":    "d.source",
	}
)

// sortOrder turns Query.Sort into an ORDER BY list: the key ascending, or
// descending after a "-"; dates newest first by default. Rows without a
// value come last either way, and ties are broken by the newest row.
func sortOrder(sort string, story bool) (string, error) {
	keys, t := eventSortKeys, "e"
	if story {
		keys, t = storySortKeys, "s"
	}
	sort = strings.TrimSpace(sort)
	if sort == "" {
		sort = "-date"
	}
	desc := strings.HasPrefix(sort, "-")
	expr, ok := keys[strings.TrimPrefix(sort, "-")]
	if !ok {
		names := make([]string, 0, len(keys))
		for _, k := range []string{"date", "type", "actor", "recipient", "place", "source", "articles", "mentions"} {
			if _, ok := keys[k]; ok {
				names = append(names, k)
			}
		}
		return "", fmt.Errorf("%w: bad sort %q (want %s, or one of them after -)", ErrBadQuery, sort, strings.Join(names, ", "))
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	// (expr IS NULL) sorts 0 before 1 in both databases.
	return "(" + expr + " IS NULL), " + expr + dir + ", " + t + ".pk DESC", nil
}
