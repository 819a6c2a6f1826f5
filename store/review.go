package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parley-events/parley/event"
)

// An analyst reviews a stored raw event: says whether the coder got it
// right, corrects what it got wrong (type, actor, recipient, date, place)
// and may add a note. Reviews are kept as a history (every review, with
// who wrote it and when); the newest one of an event is its review.
//
// A review names its event by the document's id and the event's position
// in that document, not by the store's row number, so it stays attached
// when the article is ingested again and whatever the order in which
// articles were stored. A story shows the newest review of any of its
// reports; reviewing a story reviews its first report.

// Verdicts an analyst can give.
const (
	VerdictCorrect = "correct"
	VerdictWrong   = "wrong"
)

// Review is an analyst's judgement of one raw event.
type Review struct {
	ID       int64  `json:"id"`
	EventID  string `json:"event_id"` // the raw event (E12) in this store
	StoryID  string `json:"story_id"` // the story it is merged into
	DocID    string `json:"doc_id"`   // with Index, the event's lasting name
	Index    int    `json:"index"`    // the event's position in its document
	Verdict  string `json:"verdict,omitempty"`
	Reviewer string `json:"reviewer"`
	At       string `json:"at"` // when, RFC 3339 UTC
	Correction
}

// Correction is what a review changes or adds; empty fields keep the
// coder's value.
type Correction struct {
	Type      string     `json:"type,omitempty"` // PLOVER type
	Date      string     `json:"date,omitempty"` // YYYY-MM-DD
	Actor     *EntityFix `json:"actor,omitempty"`
	Recipient *EntityFix `json:"recipient,omitempty"`
	Place     *PlaceFix  `json:"place,omitempty"`
	Note      string     `json:"note,omitempty"`
}

// EntityFix is a corrected actor or recipient.
type EntityFix struct {
	Name    string `json:"name,omitempty"`
	Country string `json:"country,omitempty"` // ISO alpha-3
	Sector  string `json:"sector,omitempty"`  // GOV, MIL, REB, ...
}

// PlaceFix is a corrected event place.
type PlaceFix struct {
	Name    string `json:"name,omitempty"`
	Country string `json:"country,omitempty"`
}

// NewReview is what an analyst submits for one event or story.
type NewReview struct {
	Verdict  string `json:"verdict"`
	Reviewer string `json:"reviewer"`
	Correction
}

// Reviews is the reviewing side of a store; both backends implement it.
type Reviews interface {
	// AddReview records a review of a raw event (E12) or of a story's
	// first report (S7) and returns it as stored.
	AddReview(ctx context.Context, id string, r NewReview) (*Review, error)
	// ReviewHistory returns every review of a raw event, or of any report
	// of a story, oldest first.
	ReviewHistory(ctx context.Context, id string) ([]Review, error)
	// ReviewedEvents returns the newest review of every reviewed raw event
	// that is stored, in the order the reviews were written.
	ReviewedEvents(ctx context.Context) ([]Review, error)
}

var (
	_ Reviews = (*SQLite)(nil)
	_ Reviews = (*Postgres)(nil)
)

// maxNote bounds a review's note and each corrected value.
const maxNote, maxValue = 4000, 200

// check normalises r and reports what is wrong with it, wrapped in
// ErrBadQuery.
func (r *NewReview) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrBadQuery, fmt.Sprintf(format, args...))
	}
	r.Verdict = strings.ToLower(strings.TrimSpace(r.Verdict))
	r.Reviewer = strings.TrimSpace(r.Reviewer)
	r.Type = strings.ToUpper(strings.TrimSpace(r.Type))
	r.Date = strings.TrimSpace(r.Date)
	r.Note = strings.TrimSpace(r.Note)
	switch r.Verdict {
	case "", VerdictCorrect, VerdictWrong:
	default:
		return bad("bad verdict %q (want correct or wrong)", r.Verdict)
	}
	if r.Reviewer == "" {
		return bad("a review needs the reviewer's name")
	}
	if utf8.RuneCountInString(r.Reviewer) > maxValue {
		return bad("reviewer name longer than %d characters", maxValue)
	}
	if r.Type != "" && !event.Type(r.Type).Valid() {
		return bad("bad type %q (want a PLOVER type such as CONSULT)", r.Type)
	}
	if r.Date != "" {
		if _, ok := dayNumber(r.Date); !ok {
			return bad("bad date %q (want YYYY-MM-DD)", r.Date)
		}
	}
	if utf8.RuneCountInString(r.Note) > maxNote {
		return bad("note longer than %d characters", maxNote)
	}
	for _, side := range []struct {
		name string
		fix  **EntityFix
	}{{"actor", &r.Actor}, {"recipient", &r.Recipient}} {
		f := *side.fix
		if f == nil {
			continue
		}
		f.Name, f.Country, f.Sector = strings.TrimSpace(f.Name), strings.ToUpper(strings.TrimSpace(f.Country)), strings.ToUpper(strings.TrimSpace(f.Sector))
		if *f == (EntityFix{}) {
			*side.fix = nil
			continue
		}
		if f.Country != "" && !isCountryCode(f.Country) {
			return bad("bad %s country %q (want three letters, e.g. RUS)", side.name, f.Country)
		}
		if utf8.RuneCountInString(f.Name) > maxValue || utf8.RuneCountInString(f.Sector) > maxValue {
			return bad("%s longer than %d characters", side.name, maxValue)
		}
	}
	if p := r.Place; p != nil {
		p.Name, p.Country = strings.TrimSpace(p.Name), strings.ToUpper(strings.TrimSpace(p.Country))
		if *p == (PlaceFix{}) {
			r.Place = nil
		} else if p.Country != "" && !isCountryCode(p.Country) {
			return bad("bad place country %q (want three letters, e.g. UKR)", p.Country)
		} else if utf8.RuneCountInString(p.Name) > maxValue {
			return bad("place longer than %d characters", maxValue)
		}
	}
	if r.Verdict == "" && r.Correction == (Correction{}) {
		return bad("an empty review: give a verdict, a correction or a note")
	}
	return nil
}

// reviewColumns are a review's columns after its event's pk and story pk.
const reviewColumns = `r.pk, r.doc_id, r.idx, r.verdict, r.reviewer, r.created_at, r.type, r.date,
	r.actor_name, r.actor_country, r.actor_sector, r.recipient_name, r.recipient_country, r.recipient_sector,
	r.place_name, r.place_country, r.note`

// reviewedEvents joins reviews (r) to the stored events they name (e); a
// review whose event is not stored (yet) is left out.
const reviewedEvents = `reviews r JOIN documents d ON d.id = r.doc_id JOIN events e ON e.doc_pk = d.pk AND e.idx = r.idx`

// latestReview selects, among reviews r, each event's newest.
const latestReview = `r.pk IN (SELECT max(pk) FROM reviews GROUP BY doc_id, idx)`

func scanReview(sc scanner) (Review, error) {
	var r Review
	var epk, spk int64
	var a, rc EntityFix
	var p PlaceFix
	err := sc.Scan(&epk, &spk, &r.ID, &r.DocID, &r.Index, &r.Verdict, &r.Reviewer, &r.At, &r.Type, &r.Date,
		&a.Name, &a.Country, &a.Sector, &rc.Name, &rc.Country, &rc.Sector, &p.Name, &p.Country, &r.Note)
	if err != nil {
		return r, err
	}
	r.EventID, r.StoryID = eventID(epk), storyID(spk)
	if a != (EntityFix{}) {
		r.Actor = &a
	}
	if rc != (EntityFix{}) {
		r.Recipient = &rc
	}
	if p != (PlaceFix{}) {
		r.Place = &p
	}
	return r, nil
}

// reviewTarget finds the raw event a review of id (E12, or S7 for its
// first report) is written for: its document's id and its position.
func (s *queries) reviewTarget(ctx context.Context, id string) (docID string, idx int, err error) {
	var q string
	var pk int64
	if n, ok := parseID(id, 'E'); ok {
		pk, q = n, `SELECT d.id, e.idx FROM events e JOIN documents d ON d.pk = e.doc_pk WHERE e.pk = ?`
	} else if n, ok := parseID(id, 'S'); ok {
		// The first report as Story lists them: the earliest published.
		pk, q = n, `SELECT d.id, e.idx FROM events e JOIN documents d ON d.pk = e.doc_pk WHERE e.story_pk = ? ORDER BY d.date, e.pk LIMIT 1`
	} else {
		return "", 0, fmt.Errorf("event %q: %w", id, ErrNotFound)
	}
	err = s.r.QueryRowContext(ctx, q, pk).Scan(&docID, &idx)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, fmt.Errorf("event %q: %w", id, ErrNotFound)
	}
	return docID, idx, err
}

// insertReview is the statement that records a review, with ? placeholders.
const insertReview = `INSERT INTO reviews(doc_id, idx, verdict, reviewer, created_at, type, date,
	actor_name, actor_country, actor_sector, recipient_name, recipient_country, recipient_sector,
	place_name, place_country, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk`

// addReview checks r, finds its event and records it through insert,
// which runs insertReview on the backend's writer and returns the new pk.
func (s *queries) addReview(ctx context.Context, id string, r NewReview, insert func(args ...any) (int64, error)) (*Review, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	docID, idx, err := s.reviewTarget(ctx, id)
	if err != nil {
		return nil, err
	}
	var a, rc EntityFix
	var p PlaceFix
	if r.Actor != nil {
		a = *r.Actor
	}
	if r.Recipient != nil {
		rc = *r.Recipient
	}
	if r.Place != nil {
		p = *r.Place
	}
	at := time.Now().UTC().Format(time.RFC3339)
	pk, err := insert(docID, idx, r.Verdict, r.Reviewer, at, r.Type, r.Date,
		a.Name, a.Country, a.Sector, rc.Name, rc.Country, rc.Sector, p.Name, p.Country, r.Note)
	if err != nil {
		return nil, fmt.Errorf("store: review of %s: %w", id, err)
	}
	hist, err := s.reviews(ctx, "r.pk = ?", pk)
	if err != nil {
		return nil, err
	}
	if len(hist) != 1 {
		return nil, fmt.Errorf("store: review %d of %s not found after writing it", pk, id)
	}
	return &hist[0], nil
}

// reviews lists the reviews matching cond (over r, e), oldest first.
func (s *queries) reviews(ctx context.Context, cond string, args ...any) ([]Review, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT e.pk, e.story_pk, `+reviewColumns+` FROM `+reviewedEvents+
		` WHERE `+cond+` ORDER BY r.pk`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Review{}
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReviewHistory returns every review of a raw event or of a story's reports.
func (s *queries) ReviewHistory(ctx context.Context, id string) ([]Review, error) {
	if pk, ok := parseID(id, 'E'); ok {
		if _, err := s.Event(ctx, id); err != nil {
			return nil, err
		}
		return s.reviews(ctx, "e.pk = ?", pk)
	}
	if pk, ok := parseID(id, 'S'); ok {
		var n int
		if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM stories WHERE pk = ?`, pk).Scan(&n); err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, fmt.Errorf("story %q: %w", id, ErrNotFound)
		}
		return s.reviews(ctx, "e.story_pk = ?", pk)
	}
	return nil, fmt.Errorf("event %q: %w", id, ErrNotFound)
}

// ReviewedEvents returns the newest review of each reviewed stored event.
func (s *queries) ReviewedEvents(ctx context.Context) ([]Review, error) {
	return s.reviews(ctx, latestReview)
}

// attachStoryReviews sets each story's Review to the newest review of
// any of its reports.
func (s *queries) attachStoryReviews(ctx context.Context, stories []Story) error {
	if len(stories) == 0 {
		return nil
	}
	pks := make([]any, len(stories))
	for i, st := range stories {
		pks[i], _ = parseID(st.ID, 'S')
	}
	revs, err := s.reviews(ctx, latestReview+` AND e.story_pk IN (`+placeholders(len(pks))+`)`, pks...)
	if err != nil {
		return err
	}
	newest := map[string]*Review{}
	for i := range revs {
		if cur := newest[revs[i].StoryID]; cur == nil || revs[i].ID > cur.ID {
			newest[revs[i].StoryID] = &revs[i]
		}
	}
	for i := range stories {
		stories[i].Review = newest[stories[i].ID]
	}
	return nil
}

// attachMentionReviews sets each raw event's Review to its newest.
func (s *queries) attachMentionReviews(ctx context.Context, ms []Mention) error {
	if len(ms) == 0 {
		return nil
	}
	pks := make([]any, len(ms))
	for i, m := range ms {
		pks[i], _ = parseID(m.ID, 'E')
	}
	revs, err := s.reviews(ctx, latestReview+` AND e.pk IN (`+placeholders(len(pks))+`)`, pks...)
	if err != nil {
		return err
	}
	byEvent := map[string]*Review{}
	for i := range revs {
		byEvent[revs[i].EventID] = &revs[i]
	}
	for i := range ms {
		ms[i].Review = byEvent[ms[i].ID]
	}
	return nil
}

// reviewedFilter adds Query.Reviewed's condition to f over stories (s) or
// raw events (e).
func reviewedFilter(f *filter, v string, story bool) error {
	var cond string
	var args []any
	switch v {
	case "":
		return nil
	case "yes", "no":
	case VerdictCorrect, VerdictWrong:
		cond, args = " AND r.verdict = ?", []any{v}
	default:
		return fmt.Errorf("%w: unknown reviewed %q (want one of yes, no, correct, wrong)", ErrBadQuery, v)
	}
	col, sel := "e.pk", "e.pk"
	if story {
		col, sel = "s.pk", "e.story_pk"
	}
	in := " IN "
	if v == "no" {
		in = " NOT IN "
	}
	f.add(col+in+"(SELECT "+sel+" FROM "+reviewedEvents+" WHERE "+latestReview+cond+")", args...)
	return nil
}

// reviewsTable is the reviews table's migration, for SQLite and (with
// BIGINT identity keys) PostgreSQL: no foreign key to events, since a review
// outlives the rows it was written against.
const reviewsTable = `
CREATE TABLE reviews (
	pk %s,
	doc_id TEXT NOT NULL,
	idx INTEGER NOT NULL,
	verdict TEXT NOT NULL,
	reviewer TEXT NOT NULL,
	created_at TEXT NOT NULL,
	type TEXT NOT NULL,
	date TEXT NOT NULL,
	actor_name TEXT NOT NULL,
	actor_country TEXT NOT NULL,
	actor_sector TEXT NOT NULL,
	recipient_name TEXT NOT NULL,
	recipient_country TEXT NOT NULL,
	recipient_sector TEXT NOT NULL,
	place_name TEXT NOT NULL,
	place_country TEXT NOT NULL,
	note TEXT NOT NULL
);
CREATE INDEX reviews_event ON reviews(doc_id, idx, pk);
`

// AddReview records a review in the SQLite store.
func (s *SQLite) AddReview(ctx context.Context, id string, r NewReview) (*Review, error) {
	return s.addReview(ctx, id, r, func(args ...any) (int64, error) {
		var pk int64
		err := s.w.QueryRowContext(ctx, insertReview, args...).Scan(&pk)
		return pk, err
	})
}

// AddReview records a review in the PostgreSQL store.
func (s *Postgres) AddReview(ctx context.Context, id string, r NewReview) (*Review, error) {
	return s.addReview(ctx, id, r, func(args ...any) (int64, error) {
		var pk int64
		err := s.pool.QueryRow(ctx, dollarPlaceholders(insertReview), args...).Scan(&pk)
		return pk, err
	})
}
