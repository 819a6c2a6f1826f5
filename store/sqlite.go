package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"

	_ "modernc.org/sqlite" // pure-Go SQLite driver, registers "sqlite"
)

// SQLite is the embedded Store: one database file in WAL mode. Writes go
// through a single connection (SQLite has one writer at a time anyway);
// reads use a pool that never blocks the writer.
type SQLite struct {
	path   string
	window int // de-duplication window in days
	w      *sql.DB
	r      *sql.DB
	queries
}

var _ Store = (*SQLite)(nil)

// migrations are applied in order, each once, recorded in the migrations
// table. Append new ones; never edit an applied one.
var migrations = []struct{ name, sql string }{
	{"initial schema", `
CREATE TABLE documents (
	pk INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	hash TEXT NOT NULL,
	source TEXT NOT NULL,
	source_key TEXT NOT NULL,
	url TEXT NOT NULL,
	title TEXT NOT NULL,
	date TEXT NOT NULL,
	path TEXT NOT NULL,
	text TEXT NOT NULL,
	events INTEGER NOT NULL,
	ingested_at TEXT NOT NULL
);
CREATE INDEX documents_hash ON documents(hash);
CREATE INDEX documents_source ON documents(source_key);

CREATE TABLE actors (
	pk INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	country TEXT NOT NULL,
	sector TEXT NOT NULL,
	code TEXT NOT NULL,
	events INTEGER NOT NULL DEFAULT 0,
	UNIQUE (name, country, sector, code)
);
CREATE INDEX actors_code ON actors(code);

CREATE TABLE places (
	pk INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	country TEXT NOT NULL,
	lat REAL NOT NULL,
	lon REAL NOT NULL,
	geonames_id INTEGER NOT NULL,
	resolution INTEGER NOT NULL,
	events INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX places_country ON places(country);

CREATE TABLE sentences (
	pk INTEGER PRIMARY KEY,
	doc_pk INTEGER NOT NULL REFERENCES documents(pk),
	idx INTEGER NOT NULL,
	start INTEGER NOT NULL,
	"end" INTEGER NOT NULL,
	text TEXT NOT NULL,
	UNIQUE (doc_pk, idx)
);
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='pk');

CREATE TABLE stories (
	pk INTEGER PRIMARY KEY,
	type TEXT NOT NULL,
	mode TEXT NOT NULL,
	cameo TEXT NOT NULL,
	quad INTEGER NOT NULL,
	intensity REAL NOT NULL,
	actor_pk INTEGER REFERENCES actors(pk),
	recipient_pk INTEGER REFERENCES actors(pk),
	actor_country TEXT NOT NULL,
	recipient_country TEXT NOT NULL,
	actor_name TEXT NOT NULL,
	recipient_name TEXT NOT NULL,
	place_pk INTEGER REFERENCES places(pk),
	place_key TEXT NOT NULL,
	sentence_pk INTEGER REFERENCES sentences(pk),
	day INTEGER,
	date TEXT NOT NULL,
	first_day INTEGER,
	last_day INTEGER,
	first_seen TEXT NOT NULL,
	last_seen TEXT NOT NULL,
	mentions INTEGER NOT NULL,
	articles INTEGER NOT NULL,
	sources INTEGER NOT NULL
);
CREATE INDEX stories_match ON stories(type, place_key, day);
CREATE INDEX stories_day ON stories(day, quad);
CREATE INDEX stories_actor_country ON stories(actor_country, day, quad);
CREATE INDEX stories_recipient_country ON stories(recipient_country, day, quad);
CREATE INDEX stories_type ON stories(type, day, quad);
CREATE INDEX stories_actor ON stories(actor_pk, recipient_pk);
CREATE INDEX stories_recipient ON stories(recipient_pk);
CREATE INDEX stories_place ON stories(place_pk);

CREATE TABLE events (
	pk INTEGER PRIMARY KEY,
	doc_pk INTEGER NOT NULL REFERENCES documents(pk),
	story_pk INTEGER NOT NULL REFERENCES stories(pk),
	idx INTEGER NOT NULL,
	code_id TEXT NOT NULL,
	date TEXT NOT NULL,
	day INTEGER,
	type TEXT NOT NULL,
	mode TEXT NOT NULL,
	quad INTEGER NOT NULL,
	actor_pk INTEGER REFERENCES actors(pk),
	recipient_pk INTEGER REFERENCES actors(pk),
	actor_country TEXT NOT NULL,
	recipient_country TEXT NOT NULL,
	place_pk INTEGER REFERENCES places(pk),
	sentence_pk INTEGER REFERENCES sentences(pk),
	mentions INTEGER NOT NULL,
	json TEXT NOT NULL,
	UNIQUE (doc_pk, idx)
);
CREATE INDEX events_story ON events(story_pk, doc_pk);
CREATE INDEX events_day ON events(day, quad);
CREATE INDEX events_actor ON events(actor_pk, day);
CREATE INDEX events_recipient ON events(recipient_pk, day);
CREATE INDEX events_actor_country ON events(actor_country, day, quad);
CREATE INDEX events_recipient_country ON events(recipient_country, day, quad);
CREATE INDEX events_type ON events(type, day, quad);
CREATE INDEX events_place ON events(place_pk);
CREATE INDEX events_sentence ON events(sentence_pk);
`},
}

// OpenSQLite opens (creating when missing) the SQLite store at path and
// brings its schema up to date.
func OpenSQLite(ctx context.Context, path string, opts Options) (*SQLite, error) {
	if opts.Window == 0 {
		opts.Window = DefaultWindow
	}
	if path == "" {
		return nil, errors.New("store: empty database path")
	}
	if opts.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	} else if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	pragmas := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	s := &SQLite{path: path, window: int(opts.Window / (24 * time.Hour))}
	var err error
	if s.w, err = sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=journal_mode(WAL)&_txlock=immediate"); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s.w.SetMaxOpenConns(1)
	if err := s.w.PingContext(ctx); err != nil {
		s.w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if !opts.ReadOnly {
		if err := s.migrate(ctx); err != nil {
			s.w.Close()
			return nil, err
		}
	}
	if s.r, err = sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=query_only(1)"); err != nil {
		s.w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s.r.SetMaxOpenConns(8)
	s.r.SetMaxIdleConns(8)
	s.queries = queries{r: s.r, window: s.window, dialect: sqliteDialect}
	if opts.ReadOnly {
		var n int
		if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM migrations`).Scan(&n); err != nil || n < len(migrations) {
			s.Close()
			return nil, fmt.Errorf("store: %s is not a parley database, or an older one (run parley ingest on it first)", path)
		}
	}
	return s, nil
}

func (s *SQLite) migrate(ctx context.Context) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: migrate %s: %w", s.path, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrate %s: %w", s.path, err)
	}
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM migrations`).Scan(&have); err != nil {
		return fmt.Errorf("store: migrate %s: %w", s.path, err)
	}
	if have > len(migrations) {
		return fmt.Errorf("store: %s was written by a newer parley (schema version %d, this one knows %d)", s.path, have, len(migrations))
	}
	for v := have; v < len(migrations); v++ {
		if _, err := tx.ExecContext(ctx, migrations[v].sql); err != nil {
			return fmt.Errorf("store: migration %d (%s): %w", v+1, migrations[v].name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO migrations(version, name, applied_at) VALUES (?, ?, ?)`,
			v+1, migrations[v].name, time.Now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("store: migrate %s: %w", s.path, err)
		}
	}
	return tx.Commit()
}

// Close closes the database.
func (s *SQLite) Close() error {
	var err error
	if s.r != nil {
		err = s.r.Close()
	}
	if s.w != nil {
		if e := s.w.Close(); err == nil {
			err = e
		}
	}
	return err
}

// HasDocument reports whether d is stored.
func (s *SQLite) HasDocument(ctx context.Context, d *doc.Document) (bool, error) {
	id := d.ID
	if id == "" {
		id = docKey(d, textHash(d.Text))
	}
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE id = ?`, id).Scan(&n)
	return n > 0, err
}

// Ingest stores d and its events in one transaction.
func (s *SQLite) Ingest(ctx context.Context, d *doc.Document, events []event.Event) (Result, error) {
	hash := textHash(d.Text)
	id := docKey(d, hash)
	res := Result{DocID: id}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("store: document %s: %w", id, err)
	}
	defer tx.Rollback()

	var have string
	switch err := tx.QueryRowContext(ctx, `SELECT hash FROM documents WHERE id = ?`, id).Scan(&have); {
	case err == nil && have == hash:
		res.Skipped = true
		return res, nil
	case err == nil:
		return res, fmt.Errorf("store: document %s: %w", id, ErrConflict)
	case !errors.Is(err, sql.ErrNoRows):
		return res, fmt.Errorf("store: document %s: %w", id, err)
	}

	srcKey := sourceKey(d, id)
	r, err := tx.ExecContext(ctx, `INSERT INTO documents(id, hash, source, source_key, url, title, date, path, text, events, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, hash, d.Source, srcKey, d.URL, d.Title, d.Day(), d.Path, d.Text, len(events), time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return res, fmt.Errorf("store: document %s: %w", id, err)
	}
	docPK, _ := r.LastInsertId()

	w := ingester{s: s, tx: tx, ctx: ctx, d: d, docPK: docPK, srcKey: srcKey, sentences: map[int]int64{}}
	for i := range events {
		merged, err := w.event(i, &events[i])
		if err != nil {
			return res, fmt.Errorf("store: document %s, event %d: %w", id, i, err)
		}
		res.Events++
		if merged {
			res.Merged++
		} else {
			res.NewStories++
		}
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("store: document %s: %w", id, err)
	}
	return res, nil
}

// ingester writes the events of one document inside its transaction.
type ingester struct {
	s         *SQLite
	tx        *sql.Tx
	ctx       context.Context
	d         *doc.Document
	docPK     int64
	srcKey    string
	sentences map[int]int64 // sentence index → pk
}

// event stores one raw event and merges it into a story; it reports
// whether an existing story took it.
func (w *ingester) event(idx int, e *event.Event) (bool, error) {
	date := eventDate(e, w.d)
	var day sql.NullInt64
	if n, ok := dayNumber(date); ok {
		day = sql.NullInt64{Int64: int64(n), Valid: true}
	}
	actorPK, err := w.actor(e.Actor)
	if err != nil {
		return false, err
	}
	recipientPK, err := w.actor(e.Recipient)
	if err != nil {
		return false, err
	}
	placePK, pkey, err := w.place(e.Location)
	if err != nil {
		return false, err
	}
	sentPK, err := w.sentence(e)
	if err != nil {
		return false, err
	}
	mentions := max(e.Mentions, 1)
	ac, an := sideOf(e.Actor)
	rc, rn := sideOf(e.Recipient)

	storyPK, swapped, err := w.findStory(e.Type, pkey, day, ac, rc, an, rn)
	if err != nil {
		return false, err
	}
	seen := w.d.Day()
	merged := storyPK != 0
	if merged {
		if swapped {
			an, rn = rn, an
		}
		if err := w.mergeInto(storyPK, day, seen, mentions, an, rn); err != nil {
			return false, err
		}
		if pkey != "" {
			if _, err := w.tx.ExecContext(w.ctx, `UPDATE stories SET place_pk = ?, place_key = ? WHERE pk = ? AND place_key = ''`,
				placePK, pkey, storyPK); err != nil {
				return false, err
			}
		}
	} else {
		r, err := w.tx.ExecContext(w.ctx, `INSERT INTO stories(type, mode, cameo, quad, intensity, actor_pk, recipient_pk,
			actor_country, recipient_country, actor_name, recipient_name, place_pk, place_key, sentence_pk,
			day, date, first_day, last_day, first_seen, last_seen, mentions, articles, sources)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1)`,
			e.Type, e.Mode, e.CAMEO, e.Quad, e.Intensity, actorPK, recipientPK, ac, rc, an, rn, placePK, pkey, sentPK,
			day, date, day, day, seen, seen, mentions)
		if err != nil {
			return false, err
		}
		storyPK, _ = r.LastInsertId()
	}
	js, err := json.Marshal(e)
	if err != nil {
		return false, err
	}
	_, err = w.tx.ExecContext(w.ctx, `INSERT INTO events(doc_pk, story_pk, idx, code_id, date, day, type, mode, quad,
		actor_pk, recipient_pk, actor_country, recipient_country, place_pk, sentence_pk, mentions, json)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		w.docPK, storyPK, idx, e.ID, date, day, e.Type, e.Mode, e.Quad, actorPK, recipientPK, ac, rc, placePK, sentPK, mentions, string(js))
	return merged, err
}

// sideOf returns an actor's country and normalised entity name.
func sideOf(a *event.Actor) (country, name string) {
	if a == nil {
		return "", ""
	}
	return a.Country, normName(a.Name)
}

// findStory returns the story this event reports, or 0 for none, and
// whether the event names the story's sides the other way round.
func (w *ingester) findStory(typ, pkey string, day sql.NullInt64, ac, rc, an, rn string) (int64, bool, error) {
	p := storyProbe{typ: typ, placeKey: pkey, day: day, ac: ac, rc: rc, an: an, rn: rn}
	q, args := p.candidates(w.s.window)
	rows, err := w.tx.QueryContext(w.ctx, q, args...)
	if err != nil {
		return 0, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var pk int64
		var sac, san, srn string
		if err := rows.Scan(&pk, &sac, &san, &srn); err != nil {
			return 0, false, err
		}
		if ok, swapped := p.matches(sac, san, srn); ok {
			return pk, swapped, nil
		}
	}
	return 0, false, rows.Err()
}

// mergeInto adds one report to a story: counts, date range, and the most
// specific (longest) entity names seen, which later reports are matched
// against.
func (w *ingester) mergeInto(storyPK int64, day sql.NullInt64, seen string, mentions int, an, rn string) error {
	var newArticle, newSource int
	if err := w.tx.QueryRowContext(w.ctx, `SELECT NOT EXISTS (SELECT 1 FROM events WHERE story_pk = ? AND doc_pk = ?),
		NOT EXISTS (SELECT 1 FROM events e JOIN documents d ON d.pk = e.doc_pk WHERE e.story_pk = ? AND d.source_key = ?)`,
		storyPK, w.docPK, storyPK, w.srcKey).Scan(&newArticle, &newSource); err != nil {
		return err
	}
	var san, srn string
	if err := w.tx.QueryRowContext(w.ctx, `SELECT actor_name, recipient_name FROM stories WHERE pk = ?`, storyPK).Scan(&san, &srn); err != nil {
		return err
	}
	san, srn = widerName(san, an), widerName(srn, rn)
	_, err := w.tx.ExecContext(w.ctx, `UPDATE stories SET
		mentions = mentions + ?, articles = articles + ?, sources = sources + ?,
		first_day = min(coalesce(first_day, ?), ?), last_day = max(coalesce(last_day, ?), ?),
		first_seen = CASE WHEN first_seen = '' OR (? <> '' AND ? < first_seen) THEN ? ELSE first_seen END,
		last_seen = CASE WHEN ? > last_seen THEN ? ELSE last_seen END,
		actor_name = ?, recipient_name = ?
		WHERE pk = ?`,
		mentions, newArticle, newSource, day, day, day, day,
		seen, seen, seen, seen, seen, san, srn, storyPK)
	return err
}

// actor returns the pk of an actor entity, creating it when new.
func (w *ingester) actor(a *event.Actor) (sql.NullInt64, error) {
	if a == nil || (a.Name == "" && a.Country == "" && a.Code == "") {
		return sql.NullInt64{}, nil
	}
	var pk int64
	err := w.tx.QueryRowContext(w.ctx, `INSERT INTO actors(name, country, sector, code, events) VALUES (?, ?, ?, ?, 1)
		ON CONFLICT (name, country, sector, code) DO UPDATE SET events = events + 1 RETURNING pk`,
		a.Name, a.Country, a.Sector, a.Code).Scan(&pk)
	return sql.NullInt64{Int64: pk, Valid: err == nil}, err
}

// place returns the pk and key of an event place, creating it when new.
func (w *ingester) place(l *event.Location) (sql.NullInt64, string, error) {
	key := placeKey(l)
	if key == "" {
		return sql.NullInt64{}, "", nil
	}
	var pk int64
	err := w.tx.QueryRowContext(w.ctx, `INSERT INTO places(key, name, country, lat, lon, geonames_id, resolution, events)
		VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (key) DO UPDATE SET events = events + 1 RETURNING pk`,
		key, l.Name, l.Country, l.Lat, l.Lon, l.GeonamesID, l.Resolution).Scan(&pk)
	return sql.NullInt64{Int64: pk, Valid: err == nil}, key, err
}

// sentence stores the event's sentence (once per document) and indexes
// it for full-text search.
func (w *ingester) sentence(e *event.Event) (sql.NullInt64, error) {
	if pk, ok := w.sentences[e.Sentence]; ok {
		return sql.NullInt64{Int64: pk, Valid: true}, nil
	}
	start, end, text := eventSentence(w.d, e)
	if text == "" {
		return sql.NullInt64{}, nil
	}
	r, err := w.tx.ExecContext(w.ctx, `INSERT INTO sentences(doc_pk, idx, start, "end", text) VALUES (?, ?, ?, ?, ?)`,
		w.docPK, e.Sentence, start, end, text)
	if err != nil {
		return sql.NullInt64{}, err
	}
	pk, _ := r.LastInsertId()
	if _, err := w.tx.ExecContext(w.ctx, `INSERT INTO sentences_fts(rowid, text) VALUES (?, ?)`, pk, text); err != nil {
		return sql.NullInt64{}, err
	}
	w.sentences[e.Sentence] = pk
	return sql.NullInt64{Int64: pk, Valid: true}, nil
}

// storyID and eventID are the public ids of stored rows.
func storyID(pk int64) string { return fmt.Sprintf("S%d", pk) }
func eventID(pk int64) string { return fmt.Sprintf("E%d", pk) }

// parseID reads "S12" or "E12".
func parseID(id string, prefix byte) (int64, bool) {
	if len(id) < 2 || id[0] != prefix {
		return 0, false
	}
	var n int64
	for _, c := range id[1:] {
		if c < '0' || c > '9' || n > 1e15 {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// likeArg makes a LIKE pattern matching s anywhere, with wildcards in s
// taken literally.
func likeArg(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}
