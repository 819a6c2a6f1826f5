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
		"actor":     "sa.name",
		"recipient": "sr.name",
		"place":     "sp.name",
		"source":    "d.source",
	}
)

// eventSortJoins are the joins a raw-event sort key needs, added to the
// query only for that key.
var eventSortJoins = map[string]string{
	"actor":     " LEFT JOIN actors sa ON sa.pk = e.actor_pk",
	"recipient": " LEFT JOIN actors sr ON sr.pk = e.recipient_pk",
	"place":     " LEFT JOIN places sp ON sp.pk = e.place_pk",
}

// sortKeyNames lists the sort keys of stories or raw events, in a fixed
// order.
func sortKeyNames(story bool) []string {
	keys := eventSortKeys
	if story {
		keys = storySortKeys
	}
	names := make([]string, 0, len(keys))
	for _, k := range []string{"date", "type", "actor", "recipient", "place", "source", "articles", "mentions"} {
		if _, ok := keys[k]; ok {
			names = append(names, k)
		}
	}
	return names
}

// checkSort checks a sort of stories or raw events, folded to lower case,
// and returns it folded.
func checkSort(sort string, story bool) (string, error) {
	sort = strings.ToLower(strings.TrimSpace(sort))
	if sort == "" {
		return "", nil
	}
	keys := eventSortKeys
	if story {
		keys = storySortKeys
	}
	if _, ok := keys[strings.TrimPrefix(sort, "-")]; !ok {
		return sort, badSort(sort, story)
	}
	return sort, nil
}

// badSort is the error of an unknown sort key, naming the accepted ones.
func badSort(sort string, story bool) error {
	what := "stories"
	if !story {
		what = "raw events"
	}
	return fmt.Errorf("%w: unknown sort %q for %s (want one of %s, or one of them after - to reverse)",
		ErrBadQuery, sort, what, strings.Join(sortKeyNames(story), ", "))
}

// sortOrder turns Query.Sort into an ORDER BY list: the key ascending, or
// descending after a "-"; dates newest first by default (ties by row, in
// the same direction). Rows without an actor, recipient or place come last
// either way, and other ties are broken by the newest row. join is what
// the FROM clause needs for the key.
func sortOrder(sort string, story bool) (join, order string, err error) {
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
		return "", "", badSort(sort, story)
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	key := strings.TrimPrefix(sort, "-")
	if key == "date" {
		// As before sorting existed, so the day indexes serve it.
		return "", t + ".day" + dir + ", " + t + ".pk" + dir, nil
	}
	if !story {
		join = eventSortJoins[key]
	}
	if strings.Contains(expr, ".name") {
		// A side or place may be missing: (expr IS NULL) sorts those last
		// in both databases.
		return join, "(" + expr + " IS NULL), " + expr + dir + ", " + t + ".pk DESC", nil
	}
	return join, expr + dir + ", " + t + ".pk DESC", nil
}

// pageSQL is the query of one page of stories (columns storyColumns) or
// raw events (mentionColumns) matching f in the order sort asks, with two
// placeholders left for LIMIT and OFFSET after f's arguments. The
// matching rows' ids are sorted first (dates by the day indexes) and the
// page's rows read after, so the sort carries no wide rows (an event's
// JSON) and no joins.
func pageSQL(columns string, f *filter, sort string, story bool) (string, error) {
	join, order, err := sortOrder(sort, story)
	if err != nil {
		return "", err
	}
	// The page is chosen first, from the filtered table alone (its ids,
	// read from an index where one serves), and only its rows are joined
	// to their actors, place and sentence: a filter that matches many
	// rows does not join them all to return one page.
	key := strings.TrimPrefix(strings.TrimSpace(sort), "-")
	t, from := "e", "events e"+join
	if story {
		t, from = "s", "stories s"
		if key == "place" {
			from += " LEFT JOIN places p ON p.pk = s.place_pk"
		}
	} else if key == "source" {
		from += " JOIN documents d ON d.pk = e.doc_pk"
	}
	return `SELECT ` + columns + join + ` WHERE ` + t + `.pk IN (SELECT ` + t + `.pk FROM ` + from + f.where() +
		` ORDER BY ` + order + ` LIMIT ? OFFSET ?) ORDER BY ` + order, nil
}

// isDateSort says whether sort orders by date (the default).
func isDateSort(sort string) bool {
	key := strings.TrimPrefix(strings.TrimSpace(strings.ToLower(sort)), "-")
	return key == "" || key == "date"
}
