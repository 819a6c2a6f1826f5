package feed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite driver, registers "sqlite"
)

// State remembers, across restarts, which feed items have been handled and
// what each feed's server last said about its copy (ETag, Last-Modified).
// It is a small SQLite file of its own, beside the event store.
type State struct {
	db   *sql.DB
	path string
}

// Item statuses.
const (
	StatusStored = "stored" // handled: the article is in the store
	StatusFailed = "failed" // given up: not an article, gone, or failing too often
	StatusRetry  = "retry"  // failed for a reason that may pass; tried again next poll
)

const stateSchema = `
CREATE TABLE IF NOT EXISTS feeds (
	url TEXT PRIMARY KEY,
	etag TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	polled_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS items (
	feed TEXT NOT NULL,
	key TEXT NOT NULL,
	link TEXT NOT NULL,
	status TEXT NOT NULL,
	doc_id TEXT NOT NULL DEFAULT '',
	attempts INTEGER NOT NULL DEFAULT 0,
	error TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL,
	PRIMARY KEY (feed, key)
);
CREATE INDEX IF NOT EXISTS items_link ON items(link);
`

// OpenState opens (creating when missing) the state file at path.
func OpenState(ctx context.Context, path string) (*State, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return nil, fmt.Errorf("feed state %s: %w", path, err)
	}
	db.SetMaxOpenConns(1) // one writer; the watcher is sequential
	if _, err := db.ExecContext(ctx, stateSchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("feed state %s: %w", path, err)
	}
	return &State{db: db, path: path}, nil
}

// Close closes the state file.
func (s *State) Close() error { return s.db.Close() }

// Validators returns what the feed's server said last time.
func (s *State) Validators(ctx context.Context, feedURL string) (Validators, error) {
	var v Validators
	err := s.db.QueryRowContext(ctx, `SELECT etag, last_modified FROM feeds WHERE url = ?`, feedURL).Scan(&v.ETag, &v.LastModified)
	if errors.Is(err, sql.ErrNoRows) {
		return Validators{}, nil
	}
	return v, err
}

// SetValidators records a successful poll of the feed.
func (s *State) SetValidators(ctx context.Context, feedURL string, v Validators) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO feeds (url, etag, last_modified, polled_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, polled_at = excluded.polled_at`,
		feedURL, v.ETag, v.LastModified, now())
	return err
}

// ItemState is what the state knows of one item.
type ItemState struct {
	Status   string // "" when never seen
	Attempts int    // failed tries so far
	DocID    string
	Error    string
}

// Item returns the state of the item of feedURL with key.
func (s *State) Item(ctx context.Context, feedURL, key string) (ItemState, error) {
	var st ItemState
	err := s.db.QueryRowContext(ctx, `SELECT status, attempts, doc_id, error FROM items WHERE feed = ? AND key = ?`, feedURL, key).
		Scan(&st.Status, &st.Attempts, &st.DocID, &st.Error)
	if errors.Is(err, sql.ErrNoRows) {
		return ItemState{}, nil
	}
	return st, err
}

// StoredLink returns the document ID under which an item with this link
// was stored from any feed, or "" (the same article is often in several
// feeds of one site: "world", "top stories").
func (s *State) StoredLink(ctx context.Context, link string) (string, error) {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT doc_id FROM items WHERE link = ? AND status = ? LIMIT 1`, link, StatusStored).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, err
}

// Mark records the outcome of handling an item. A retry increments the
// item's attempts.
func (s *State) Mark(ctx context.Context, feedURL string, it Item, status, docID, errText string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO items (feed, key, link, status, doc_id, attempts, error, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (feed, key) DO UPDATE SET link = excluded.link, status = excluded.status, doc_id = excluded.doc_id,
			attempts = items.attempts + excluded.attempts, error = excluded.error, updated_at = excluded.updated_at`,
		feedURL, it.Key, it.Link, status, docID, boolInt(status != StatusStored), errText, now())
	return err
}

// Counts returns how many items have each status.
func (s *State) Counts(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT status, count(*) FROM items GROUP BY status`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }
