package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite driver, registers "sqlite"
)

// SQLite is the embedded Store: one database file in WAL mode. Writes go
// through a single connection (SQLite has one writer at a time anyway);
// reads use a pool that never blocks the writer.
type SQLite struct {
	path    string
	window  int // de-duplication window in days
	w       *sql.DB
	r       *sql.DB
	wstmts  [numWriteStmts]*sql.Stmt // the writer's prepared statements
	wsql    [numWriteStmts]string    // and their SQL
	lookups [numWriteStmts - stCandidates]storyLookup
	rstmts  stmtCache // the readers' prepared statements (the writer's lookups)
	reads   prepared  // the read queries' prepared statements
	queries

	writing sync.Mutex // held by IngestBatch
	cache   writeCache // the writer's copy of recent stories, actors, places
	// noWriteCache makes the writer look every story, actor and place up
	// in SQLite (tests compare the two paths).
	noWriteCache bool
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
	// Filters on who acted (by name) select stories through their raw
	// events: with the story in the index, that lookup never reads the
	// events table, whose rows (with the event's JSON) are large.
	{"covering actor indexes", `
DROP INDEX events_actor;
CREATE INDEX events_actor ON events(actor_pk, day, story_pk);
DROP INDEX events_recipient;
CREATE INDEX events_recipient ON events(recipient_pk, day, story_pk);
`},
	// A country on either side is counted as the events whose actor is of
	// it plus those whose recipient is but whose actor is not: the
	// recipient indexes carry the actor's country for that second half.
	// The network of a type groups its stories by actor and recipient in
	// index order. stories(actor_pk, recipient_pk) and stories(recipient_pk)
	// served no query.
	{"covering timeline and network indexes", `
DROP INDEX stories_recipient_country;
CREATE INDEX stories_recipient_country ON stories(recipient_country, day, quad, actor_country);
DROP INDEX events_recipient_country;
CREATE INDEX events_recipient_country ON events(recipient_country, day, quad, actor_country);
DROP INDEX stories_actor;
DROP INDEX stories_recipient;
CREATE INDEX stories_network ON stories(type, actor_pk, recipient_pk, quad);
`},
	// Documents are found by id (a document without one is stored under a
	// name made from its hash); no query looks a hash up, and the index
	// cost every document a random insert.
	{"no documents_hash index", `
DROP INDEX documents_hash;
`},
	// Analysts' reviews of events (review.go).
	{"reviews", fmt.Sprintf(reviewsTable, "INTEGER PRIMARY KEY")},
	// Filters on who acted and on the outlet select stories through
	// these small tables (one row per story and actor, or story and
	// outlet, with the story's day) instead of reading every matching raw
	// event; triggers keep them, and the totals of an unfiltered page,
	// as the writer inserts (nothing is ever deleted).
	{"story members and totals", storyMembersSQLite},
	// A rare mode or quad class read the whole day index (of raw events:
	// a million large rows) to find its few rows.
	{"mode and quad indexes", modeQuadIndexes},
	// A page of raw events read in day order tests each row on the way
	// (filter.walk): with the day index alone, every test read the
	// row itself, a large one (the event's JSON), and an actor with one
	// raw event in a thousand read most of the table for a page (5 s).
	// The day index now carries every column a filter tests (0.17 s for
	// the whole table). A full-text filter finds the stories and days of
	// its sentences' raw events in the sentence index alone.
	{"covering walk and sentence indexes", `
CREATE INDEX events_walk ON events(day, quad, type, mode, actor_pk, recipient_pk, actor_country, recipient_country, place_pk, doc_pk, sentence_pk);
DROP INDEX events_day;
CREATE INDEX events_sentence_story ON events(sentence_pk, story_pk, day);
DROP INDEX events_sentence;
`},
	// A page of stories sorted by articles, mentions, actor or recipient
	// sorted every matching story (all 80,000 of a million raw events,
	// 25-60 ms a page); these indexes give the order (the most reported
	// first, names A to Z, ties newest first) and the first page at once.
	// The writer updates them when it adds a story's reports, with the
	// columns it already sets. PostgreSQL has none: an update that
	// changes an indexed column cannot be a HOT update there, and every
	// merge would then write every index of the story again.
	{"story sort indexes", `
CREATE INDEX stories_articles ON stories(articles);
CREATE INDEX stories_mentions ON stories(mentions);
CREATE INDEX stories_actor_name ON stories(actor_name, pk DESC);
CREATE INDEX stories_recipient_name ON stories(recipient_name, pk DESC);
`},
	// A filter on a type and a country in a date range reads the type's
	// rows of those days from its index and tested each one's countries
	// in the row itself: 35 ms to count 770 raw events of a type and
	// country in a month, 1.5 ms with the countries in the index.
	{"type indexes with countries", `
DROP INDEX events_type;
CREATE INDEX events_type ON events(type, day, quad, actor_country, recipient_country);
DROP INDEX stories_type;
CREATE INDEX stories_type ON stories(type, day, quad, actor_country, recipient_country);
`},
	// A page of stories read in day order (a filter matching many)
	// tests each story on the way, as raw events do (migration 8): with
	// stories_day(day, quad) a place, several types or modes read the
	// story itself to be tested (a place of one story in 40: 1 ms a
	// page, 0.2 with the columns in the index).
	{"covering story walk index", `
CREATE INDEX stories_walk ON stories(day, quad, type, mode, actor_country, recipient_country, place_pk);
DROP INDEX stories_day;
`},
	// Stories sorted by place are read place by place, in name order
	// (placePage).
	{"place name index", `
CREATE INDEX places_name ON places(name);
`},
	// Raw events of an outlet: a raw event had no outlet of its own, so
	// a page of an outlet's raw events read them newest first and looked
	// each one's document up (an outlet of one raw event in 92: 4,600
	// lookups a page, 7 ms). Each now carries its document's source_key
	// (the writer sets it), in the walk index too, and
	// events_source(source_key, day) counts an outlet's raw events.
	{"outlet of raw events", rawEventSources},
	// A place of fewer stories than a count reads (1,000) is paged from
	// its set: the stories of its places, sorted by day. With
	// stories_place(place_pk) every one of them was looked up for its
	// day (950 stories: 5 ms); the day is in this index.
	{"place and day index", `
CREATE INDEX stories_place_day ON stories(place_pk, day);
`},
}

const rawEventSources = `
ALTER TABLE events ADD COLUMN source_key TEXT NOT NULL DEFAULT '';
UPDATE events SET source_key = (SELECT d.source_key FROM documents d WHERE d.pk = events.doc_pk);
CREATE INDEX events_source ON events(source_key, day);
DROP INDEX events_walk;
CREATE INDEX events_walk ON events(day, quad, type, mode, actor_pk, recipient_pk, actor_country, recipient_country, place_pk, doc_pk, sentence_pk, source_key);
`

const modeQuadIndexes = `
CREATE INDEX stories_mode ON stories(mode, day);
CREATE INDEX stories_quad ON stories(quad, day);
CREATE INDEX events_mode ON events(mode, day);
CREATE INDEX events_quad ON events(quad, day);
`

const storyMembersSQLite = `
CREATE TABLE story_actors (
	side INTEGER NOT NULL,
	actor_pk INTEGER NOT NULL,
	day INTEGER,
	story_pk INTEGER NOT NULL,
	PRIMARY KEY (side, actor_pk, story_pk)
) WITHOUT ROWID;
CREATE INDEX story_actors_day ON story_actors(side, actor_pk, day, story_pk);
CREATE TABLE sources (
	source_key TEXT NOT NULL,
	source TEXT NOT NULL,
	PRIMARY KEY (source_key, source)
) WITHOUT ROWID;
CREATE TABLE story_sources (
	source_key TEXT NOT NULL,
	day INTEGER,
	story_pk INTEGER NOT NULL,
	PRIMARY KEY (source_key, story_pk)
) WITHOUT ROWID;
CREATE INDEX story_sources_day ON story_sources(source_key, day, story_pk);
CREATE TABLE totals (name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;

INSERT INTO story_actors(side, actor_pk, day, story_pk)
	SELECT DISTINCT 0, e.actor_pk, s.day, s.pk FROM events e JOIN stories s ON s.pk = e.story_pk WHERE e.actor_pk IS NOT NULL;
INSERT OR IGNORE INTO story_actors(side, actor_pk, day, story_pk)
	SELECT DISTINCT 1, e.recipient_pk, s.day, s.pk FROM events e JOIN stories s ON s.pk = e.story_pk WHERE e.recipient_pk IS NOT NULL;
INSERT OR IGNORE INTO sources(source_key, source) SELECT DISTINCT source_key, source FROM documents;
INSERT OR IGNORE INTO story_sources(source_key, day, story_pk)
	SELECT DISTINCT d.source_key, s.day, s.pk FROM events e JOIN stories s ON s.pk = e.story_pk JOIN documents d ON d.pk = e.doc_pk;
INSERT INTO totals(name, n) VALUES ('stories', (SELECT count(*) FROM stories)), ('events', (SELECT count(*) FROM events)),
	('documents', (SELECT count(*) FROM documents));

CREATE TRIGGER events_members AFTER INSERT ON events BEGIN
	INSERT OR IGNORE INTO story_actors(side, actor_pk, day, story_pk)
		SELECT 0, NEW.actor_pk, day, pk FROM stories WHERE pk = NEW.story_pk AND NEW.actor_pk IS NOT NULL;
	INSERT OR IGNORE INTO story_actors(side, actor_pk, day, story_pk)
		SELECT 1, NEW.recipient_pk, day, pk FROM stories WHERE pk = NEW.story_pk AND NEW.recipient_pk IS NOT NULL;
	INSERT OR IGNORE INTO story_sources(source_key, day, story_pk)
		SELECT d.source_key, s.day, s.pk FROM stories s, documents d WHERE s.pk = NEW.story_pk AND d.pk = NEW.doc_pk;
	UPDATE totals SET n = n + 1 WHERE name = 'events';
END;
CREATE TRIGGER stories_total AFTER INSERT ON stories BEGIN
	UPDATE totals SET n = n + 1 WHERE name = 'stories';
END;
CREATE TRIGGER documents_sources AFTER INSERT ON documents BEGIN
	INSERT OR IGNORE INTO sources(source_key, source) VALUES (NEW.source_key, NEW.source);
	UPDATE totals SET n = n + 1 WHERE name = 'documents';
END;
`

// explainOpen adds the cause SQLite's "unable to open database file (14)"
// leaves out when it is a permission: the folder (where SQLite keeps its
// journal beside the database) or the file cannot be written.
func explainOpen(path string, readOnly bool, err error) error {
	if readOnly || !strings.Contains(err.Error(), "unable to open database file") && !strings.Contains(err.Error(), "readonly database") {
		return err
	}
	dir := filepath.Dir(path)
	if f, perr := os.CreateTemp(dir, ".parley-write-test-*"); perr != nil {
		if errors.Is(perr, fs.ErrPermission) {
			return fmt.Errorf("%w: no permission to write in folder %s (SQLite keeps its journal beside the database)", err, dir)
		}
	} else {
		f.Close()
		os.Remove(f.Name())
	}
	if f, perr := os.OpenFile(path, os.O_WRONLY, 0); perr != nil {
		if errors.Is(perr, fs.ErrPermission) {
			return fmt.Errorf("%w: no permission to write %s", err, path)
		}
	} else {
		f.Close()
	}
	return err
}

// sqliteURI is the file: URI of the database at path, without query. The
// characters a URI gives a meaning to are escaped, so that "a#b.db" is the
// file a#b.db, not a (with a fragment), and "what?.db" keeps its name.
func sqliteURI(path string) string {
	return "file:" + uriEscaper.Replace(path)
}

var uriEscaper = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

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
		// A store opened to be read is never written: a file that is not
		// a SQLite database (an empty one, a typo'd path to some other
		// file) is refused before SQLite would lay a database into it.
		if err := isSQLiteFile(path); err != nil {
			return nil, err
		}
	} else if dir := filepath.Dir(path); dir != "" {
		// The file is created when missing, its folder is not: a mistyped
		// folder is a mistake to report, not one to build.
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("store: cannot create %s: folder %s does not exist", path, dir)
		}
	}
	pragmas := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	s := &SQLite{path: path, window: int(opts.Window / (24 * time.Hour))}
	var err error
	// The page cache is per connection: the writer's touches every index
	// of a large store, so it gets 64 MiB; each reader 16 MiB.
	// The triggers (migration 6) make every event INSERT keep a statement
	// journal: in memory, not in a temporary file (which doubled the
	// writer's cost).
	if s.w, err = sql.Open("sqlite", sqliteURI(path)+"?"+pragmas+"&_pragma=journal_mode(WAL)&_pragma=cache_size(-65536)&_pragma=temp_store(MEMORY)&_txlock=immediate"); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s.w.SetMaxOpenConns(1)
	if err := s.w.PingContext(ctx); err != nil {
		s.w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, explainOpen(path, opts.ReadOnly, err))
	}
	if !opts.ReadOnly {
		if err := s.migrate(ctx); err != nil {
			s.w.Close()
			return nil, explainOpen(path, false, err)
		}
	}
	if s.r, err = sql.Open("sqlite", sqliteURI(path)+"?"+pragmas+"&_pragma=query_only(1)&_pragma=cache_size(-16384)"); err != nil {
		s.w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s.r.SetMaxOpenConns(8)
	s.r.SetMaxIdleConns(8)
	s.rstmts.db = s.r
	if !opts.ReadOnly {
		if err := s.prepareWrites(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	s.reads.db = s.r
	s.queries = queries{r: &s.reads, window: s.window, dialect: sqliteDialect, decoded: &mentionCache{}}
	if opts.ReadOnly {
		var n int
		if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM migrations`).Scan(&n); err != nil || n < len(migrations) {
			s.Close()
			return nil, fmt.Errorf("store: %s is not a parley database, or an older one (run parley ingest on it first)", path)
		}
	}
	return s, nil
}

// sqliteHeader starts every SQLite database file.
const sqliteHeader = "SQLite format 3\x00"

// isSQLiteFile checks that path is an existing SQLite database file.
func isSQLiteFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || string(head) != sqliteHeader {
		return fmt.Errorf("store: %s is not a parley database (not a SQLite file; run parley ingest to make one)", path)
	}
	return nil
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
	for _, st := range s.wstmts {
		if st != nil {
			st.Close()
		}
	}
	s.rstmts.close()
	s.reads.close()
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
