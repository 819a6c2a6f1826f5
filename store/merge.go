package store

import (
	"database/sql"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
)

// The database-independent half of cross-article de-duplication: which
// stored stories an event may report, and whether one of them does. Both
// the SQLite and the PostgreSQL writers run the candidate query inside
// their transaction and decide with matches, so the two stores merge
// exactly alike.

// storyProbe is what de-duplication compares: an event's type, place key,
// day, and its two sides (country and normalised entity name).
type storyProbe struct {
	typ, placeKey string
	day           sql.NullInt64
	ac, rc        string // actor and recipient countries
	an, rn        string // actor and recipient names (normName)
}

// candidates returns the query (with ? placeholders) for the stories
// the probe may report, best first, with the columns pk, actor_country,
// actor_name, recipient_name. window is in days.
func (p storyProbe) candidates(window int) (string, []any) {
	sym := symmetric(p.typ)
	sides := `(actor_country = ? AND recipient_country = ?)`
	// A report that names no place does not contradict one that does: it
	// may join a story with a place, and a story without one may take it.
	q := `SELECT pk, actor_country, actor_name, recipient_name FROM stories WHERE type = ? AND `
	args := []any{p.typ}
	if p.placeKey != "" {
		q += `place_key IN (?, '') AND `
		args = append(args, p.placeKey)
	}
	if p.day.Valid {
		q += `day BETWEEN ? AND ? AND `
		args = append(args, p.day.Int64-int64(window), p.day.Int64+int64(window))
	} else {
		q += `day IS NULL AND `
	}
	args = append(args, p.ac, p.rc)
	if sym {
		sides = `(` + sides + ` OR (actor_country = ? AND recipient_country = ?))`
		args = append(args, p.rc, p.ac)
	}
	q += sides
	// Prefer the story at the same place, then the nearest day.
	q += ` ORDER BY place_key = '' `
	if p.day.Valid {
		q += `, abs(day - ?), pk`
		args = append(args, p.day.Int64)
	} else {
		q += `, pk`
	}
	return q, args
}

// matches reports whether a candidate story (its actor country and
// entity names) reports the probe's happening, and whether the probe names
// the story's sides the other way round.
func (p storyProbe) matches(sac, san, srn string) (ok, swapped bool) {
	if sac == p.ac && sameEntity(san, p.an) && sameEntity(srn, p.rn) {
		return true, false
	}
	// A symmetric event may name the story's recipient first.
	if symmetric(p.typ) && sac == p.rc && sameEntity(san, p.rn) && sameEntity(srn, p.an) {
		return true, true
	}
	return false, false
}

// widerName is the name a story keeps for one side after a report: the
// more specific (longer) of the stored and the reported one, which later
// reports are matched against.
func widerName(stored, reported string) string {
	if len(reported) > len(stored) {
		return reported
	}
	return stored
}

// eventSentence is the sentence stored for an event: the characters of
// its span in the document, or the event's own copy of the text (start and
// end -1) when the span does not fit the text; "" when there is none.
func eventSentence(d *doc.Document, e *event.Event) (start, end int, text string) {
	start, end = e.Span[0], e.Span[1]
	if 0 <= start && start < end && end <= len(d.Text) {
		return start, end, d.Text[start:end]
	}
	return -1, -1, e.Text
}
