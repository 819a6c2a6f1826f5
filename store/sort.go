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
	t, from := sortFrom(sort, story)
	return `SELECT ` + columns + join + ` WHERE ` + t + `.pk IN (SELECT ` + t + `.pk FROM ` + from + f.where() +
		` ORDER BY ` + order + ` LIMIT ? OFFSET ?) ORDER BY ` + order, nil
}

// sortFrom is the alias (s or e) and the FROM clause of the rows sorted
// by sort: the table with the join its key needs.
func sortFrom(sort string, story bool) (t, from string) {
	key := strings.TrimPrefix(strings.TrimSpace(strings.ToLower(sort)), "-")
	if story {
		from = "stories s"
		if key == "place" {
			from += " LEFT JOIN places p ON p.pk = s.place_pk"
		}
		return "s", from
	}
	from = "events e" + eventSortJoins[key]
	if key == "source" {
		from += " JOIN documents d ON d.pk = e.doc_pk"
	}
	return "e", from
}

// keyset is where a page that starts after a given row (Query.After)
// starts in its sort order: the rows after it are those whose sort key
// comes after the row's key, or equals it with the row id after the
// row's. Rows whose key is NULL (a story without a day, a raw event
// without a place) are a segment of their own, before or after the
// others, and a page that reaches the end of one segment goes on with
// the next.
type keyset struct {
	expr  string // the sort key (s.day, p.name, ...)
	pk    string // the row id column (s.pk or e.pk)
	after int64  // the row id of the last row of the previous page
	value any    // that row's key, nil when NULL
	// keyOp and pkOp compare a following row's key and row id with the
	// row's: "<" in a descending order, ">" in an ascending one.
	keyOp, pkOp string
	// nullsLast says the rows without a key come after those with one.
	nullsLast bool
}

// newKeyset is the keyset of sort after the row after (its key value
// is read by the caller, into value). nullsLow says the database sorts
// NULL before every value, as SQLite does (PostgreSQL sorts it after).
func newKeyset(sort string, story bool, after int64, nullsLow bool) keyset {
	sort = strings.ToLower(strings.TrimSpace(sort))
	if sort == "" {
		sort = "-date"
	}
	keys, t := eventSortKeys, "e"
	if story {
		keys, t = storySortKeys, "s"
	}
	desc := strings.HasPrefix(sort, "-")
	key := strings.TrimPrefix(sort, "-")
	k := keyset{expr: keys[key], pk: t + ".pk", after: after, keyOp: ">", pkOp: "<", nullsLast: true}
	if desc {
		k.keyOp = "<"
	}
	if key == "date" {
		// Ties go the way of the dates (sortOrder), and NULL days where
		// the database puts them: SQLite's NULL is the smallest value,
		// PostgreSQL's the largest.
		k.pkOp = k.keyOp
		k.nullsLast = nullsLow == desc
	}
	// Other keys sort their NULLs last explicitly ((expr IS NULL) first
	// in the order), and break ties by the newest row.
	return k
}

// from is the condition selecting the rows after the keyset's row within
// its segment, with its arguments.
func (k keyset) from() (string, []any) {
	if k.value == nil {
		return "(" + k.expr + " IS NULL AND " + k.pk + " " + k.pkOp + " ?)", []any{k.after}
	}
	// k <= v AND (k < v OR pk < p) in a descending order: the first
	// term is a range of the key's index, which then gives the order
	// (written as k < v OR (k = v AND ...), SQLite reads both halves and
	// sorts them).
	return "(" + k.expr + " " + k.keyOp + "= ? AND (" + k.expr + " " + k.keyOp + " ? OR " + k.pk + " " + k.pkOp + " ?))",
		[]any{k.value, k.value, k.after}
}

// next is the condition selecting the whole segment after the keyset's
// row's, or "" when that segment is the last.
func (k keyset) next() string {
	switch {
	case k.value != nil && k.nullsLast:
		return k.expr + " IS NULL"
	case k.value == nil && !k.nullsLast:
		return k.expr + " IS NOT NULL"
	}
	return ""
}

// isDateSort says whether sort orders by date (the default).
func isDateSort(sort string) bool {
	key := strings.TrimPrefix(strings.TrimSpace(strings.ToLower(sort)), "-")
	return key == "" || key == "date"
}

// dateDir is the SQL direction of a date sort: oldest first for "date",
// newest first otherwise ("-date", the default).
func dateDir(sort string) string {
	if strings.ToLower(strings.TrimSpace(sort)) == "date" {
		return " ASC"
	}
	return " DESC"
}
