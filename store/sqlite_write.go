package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
)

// The SQLite write path.
//
// Ingest speed is bounded by the CPU the single writer takes from the
// coders, so the writer avoids work SQLite would repeat: every statement is
// prepared once per connection (parsing SQL costs as much as running it in
// the pure-Go driver), an actor or place seen several times in a batch is
// written once, and several documents may share one transaction, which
// writes each touched page once instead of once per document.

// Item is one document with its events, as IngestBatch takes them.
type Item struct {
	Doc    *doc.Document
	Events []event.Event
}

// BatchIngester is a Store that writes several documents in one
// transaction, as Load does when the store offers it.
type BatchIngester interface {
	// IngestBatch stores the items in order, each exactly as Ingest
	// would, and returns for each its result or its error: a document is
	// stored if and only if its error is nil. All stored documents are
	// committed together, so a crash stores all or none of them. When ctx
	// is cancelled, the items not committed get ctx's error.
	IngestBatch(ctx context.Context, items []Item) ([]Result, []error)
}

var _ BatchIngester = (*SQLite)(nil)

// stmtCache prepares each statement once on a database and keeps it for
// the life of the store; database/sql re-prepares it only on a connection
// that has not seen it.
type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// get returns the prepared statement for query, preparing it on first use.
func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return st, nil
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}

// writeStmt names one of the writer's statements.
type writeStmt int

const (
	stDocumentHash writeStmt = iota
	stInsertDocument
	stMergeStory
	stInsertStory
	stInsertEvent
	stUpsertActor
	stUpsertPlace
	stCountActor
	stCountPlace
	stInsertSentence
	stIndexSentences
	stLoadDay
	stStorySources
	stFlushStory
	// stCandidates is the first of the story lookups, one per shape of
	// storyProbe.candidates (probeShape).
	stCandidates
	numWriteStmts = stCandidates + 8
)

// writeSQL is the SQL of each writer statement but the story lookups.
var writeSQL = [stCandidates]string{
	stDocumentHash: `SELECT hash FROM documents WHERE id = ?`,
	// A document already stored under the id is left as it is; the
	// writer then compares the hashes (stDocumentHash). Most documents are
	// new: one statement for them, not a lookup and an insert.
	stInsertDocument: `INSERT INTO documents(id, hash, source, source_key, url, title, date, path, text, events, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
	// The first report of a document in a story adds an article; its
	// outlet is new unless another report came from it. SQLite evaluates
	// CASE lazily: the outlet lookup runs only for a new article. The
	// story keeps the most specific names seen, which later reports are
	// matched against, and takes a place when it had none.
	stMergeStory: `UPDATE stories SET
		mentions = mentions + ?1,
		articles = articles + ?2,
		sources = sources + CASE WHEN ?2 THEN NOT EXISTS (SELECT 1 FROM events e JOIN documents d ON d.pk = e.doc_pk
			WHERE e.story_pk = stories.pk AND d.source_key = ?3) ELSE 0 END,
		first_day = min(coalesce(first_day, ?4), ?4), last_day = max(coalesce(last_day, ?4), ?4),
		first_seen = CASE WHEN first_seen = '' OR (?5 <> '' AND ?5 < first_seen) THEN ?5 ELSE first_seen END,
		last_seen = CASE WHEN ?5 > last_seen THEN ?5 ELSE last_seen END,
		actor_name = ?6, recipient_name = ?7,
		place_pk = CASE WHEN place_key = '' AND ?8 <> '' THEN ?9 ELSE place_pk END,
		place_key = CASE WHEN place_key = '' THEN ?8 ELSE place_key END
		WHERE pk = ?10`,
	stInsertStory: `INSERT INTO stories(type, mode, cameo, quad, intensity, actor_pk, recipient_pk,
		actor_country, recipient_country, actor_name, recipient_name, place_pk, place_key, sentence_pk,
		day, date, first_day, last_day, first_seen, last_seen, mentions, articles, sources)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?15, ?15, ?17, ?17, ?18, 1, 1)`,
	stInsertEvent: `INSERT INTO events(doc_pk, story_pk, idx, code_id, date, day, type, mode, quad,
		actor_pk, recipient_pk, actor_country, recipient_country, place_pk, sentence_pk, mentions, json, source_key)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	stUpsertActor: `INSERT INTO actors(name, country, sector, code, events) VALUES (?, ?, ?, ?, 1)
		ON CONFLICT (name, country, sector, code) DO UPDATE SET events = events + 1 RETURNING pk`,
	stUpsertPlace: `INSERT INTO places(key, name, country, lat, lon, geonames_id, resolution, events)
		VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (key) DO UPDATE SET events = events + 1 RETURNING pk`,
	stCountActor:     `UPDATE actors SET events = events + ? WHERE pk = ?`,
	stCountPlace:     `UPDATE places SET events = events + ? WHERE pk = ?`,
	stInsertSentence: `INSERT INTO sentences(doc_pk, idx, start, "end", text) VALUES (?, ?, ?, ?, ?)`,
	// The sentences of a transaction are indexed for full-text search in
	// one statement at its end: FTS5 writes its pending terms to disk at
	// every statement that changes it, so one statement per sentence
	// would write a segment per sentence.
	stIndexSentences: `INSERT INTO sentences_fts(rowid, text) SELECT pk, text FROM sentences WHERE pk >= ? ORDER BY pk`,
	// The story cache (sqlite_stories.go) reads a day's stories, and a
	// story's outlets, once; it writes the merges of a transaction into a
	// story with one UPDATE, which sums them as stMergeStory applied one
	// by one would.
	stLoadDay: `SELECT pk, type, actor_country, recipient_country, actor_name, recipient_name, place_key
		FROM stories WHERE day = ?`,
	stStorySources: `SELECT DISTINCT d.source_key FROM events e JOIN documents d ON d.pk = e.doc_pk WHERE e.story_pk = ?`,
	stFlushStory: `UPDATE stories SET
		mentions = mentions + ?1, articles = articles + ?2, sources = sources + ?3,
		first_day = min(coalesce(first_day, ?4), ?4), last_day = max(coalesce(last_day, ?5), ?5),
		first_seen = CASE WHEN first_seen = '' OR (?6 <> '' AND ?6 < first_seen) THEN ?6 ELSE first_seen END,
		last_seen = CASE WHEN ?7 > last_seen THEN ?7 ELSE last_seen END,
		actor_name = ?8, recipient_name = ?9,
		place_pk = CASE WHEN place_key = '' AND ?10 <> '' THEN ?11 ELSE place_pk END,
		place_key = CASE WHEN place_key = '' THEN ?10 ELSE place_key END
		WHERE pk = ?12`,
}

// probeShape numbers the forms storyProbe.candidates writes its query in:
// symmetric type or not, with a place or not, with a day or not.
func probeShape(p storyProbe) int {
	n := 0
	if symmetric(p.typ) {
		n += 4
	}
	if p.placeKey != "" {
		n += 2
	}
	if p.day.Valid {
		n++
	}
	return n
}

// prepareWrites prepares every statement the writer runs, the story
// lookups in each of their shapes among them, once, while no transaction
// holds the writer's only connection.
func (s *SQLite) prepareWrites(ctx context.Context) error {
	var queries [numWriteStmts]string
	copy(queries[:], writeSQL[:])
	for _, typ := range []event.Type{event.Consult, event.Assault} { // symmetric or not
		for _, pkey := range []string{"", "geonames:1"} {
			for _, day := range []sql.NullInt64{{}, {Int64: 1, Valid: true}} {
				p := storyProbe{typ: string(typ), placeKey: pkey, day: day}
				queries[stCandidates+writeStmt(probeShape(p))], _ = p.candidates(s.window)
			}
		}
	}
	for i, q := range queries {
		s.wsql[i] = q
		if i >= int(stCandidates) {
			var lk storyLookup
			q, lk, _ = unorderedLookup(q)
			s.lookups[i-int(stCandidates)] = lk
		}
		st, err := s.w.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("store: prepare %q: %w", q, err)
		}
		s.wstmts[i] = st
	}
	return nil
}

// HasDocument reports whether d is stored.
func (s *SQLite) HasDocument(ctx context.Context, d *doc.Document) (bool, error) {
	id := d.ID
	if id == "" {
		id = docKey(d, textHash(d.Text))
	}
	st, err := s.rstmts.get(ctx, `SELECT hash FROM documents WHERE id = ?`)
	if err != nil {
		return false, err
	}
	var hash string
	err = st.QueryRowContext(ctx, id).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil && hash == textHash(d.Text), err
}

var _ DocumentsChecker = (*SQLite)(nil)

// StoredDocuments reports which of docs are stored, in one query.
func (s *SQLite) StoredDocuments(ctx context.Context, docs []*doc.Document) ([]bool, error) {
	ids := documentIDs(docs)
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	st, err := s.rstmts.get(ctx, `SELECT id, hash FROM documents WHERE id IN (SELECT value FROM json_each(?))`)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storedAmong(ids, docs, rows)
}

// Ingest stores d and its events in one transaction.
func (s *SQLite) Ingest(ctx context.Context, d *doc.Document, events []event.Event) (Result, error) {
	res, errs := s.IngestBatch(ctx, []Item{{Doc: d, Events: events}})
	return res[0], errs[0]
}

// IngestBatch stores items in one transaction. A document refused before
// anything of it was written (a conflicting id) is left out and the others
// are stored; a failure part-way through a document rolls the transaction
// back, and the batch is written again around it, the failing document on
// its own, so that one bad document never costs the others.
func (s *SQLite) IngestBatch(ctx context.Context, items []Item) ([]Result, []error) {
	s.writing.Lock() // the story cache has one writer
	defer s.writing.Unlock()
	results := make([]Result, len(items))
	errs := make([]error, len(items))
	s.ingestInto(ctx, items, results, errs)
	return results, errs
}

func (s *SQLite) ingestInto(ctx context.Context, items []Item, results []Result, errs []error) {
	for len(items) > 0 {
		failed, err := s.writeBatch(ctx, items, results, errs)
		if err == nil {
			return
		}
		if failed < 0 || len(items) == 1 || ctx.Err() != nil {
			// Nothing of the batch is stored.
			for i := range items {
				results[i], errs[i] = Result{DocID: results[i].DocID}, err
			}
			return
		}
		s.ingestInto(ctx, items[:failed], results[:failed], errs[:failed])
		s.ingestInto(ctx, items[failed:failed+1], results[failed:failed+1], errs[failed:failed+1])
		items, results, errs = items[failed+1:], results[failed+1:], errs[failed+1:]
	}
}

// writeBatch writes items in one transaction and fills results and errs.
// On failure it returns the index of the document that failed part-way,
// or -1 when the transaction itself failed; nothing is then stored.
func (s *SQLite) writeBatch(ctx context.Context, items []Item, results []Result, errs []error) (failed int, err error) {
	defer func() {
		if err != nil {
			s.cache.reset() // it holds what was rolled back
		}
	}()
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return -1, fmt.Errorf("store: %w", err)
	}
	defer conn.Close()
	var driverConn any
	if err := conn.Raw(func(c any) error { driverConn = c; return nil }); err != nil {
		return -1, fmt.Errorf("store: %w", err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return -1, fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	version, err := dataVersion(ctx, tx)
	if err != nil {
		return -1, fmt.Errorf("store: %w", err)
	}
	s.cache.begin(driverConn, version)
	w := &sqliteWriter{s: s, tx: tx, ctx: ctx, now: time.Now().UTC().Format(time.RFC3339),
		actors: map[actorKey]*counted{}, places: map[string]*counted{}}
	for i := range items {
		var refused bool
		results[i], refused, err = w.document(items[i].Doc, items[i].Events)
		errs[i] = nil
		if refused {
			errs[i] = err
			continue
		}
		if err != nil {
			return i, err
		}
	}
	if err := w.flushCounts(); err != nil {
		return -1, fmt.Errorf("store: %w", err)
	}
	if err := w.flushStories(); err != nil {
		return -1, fmt.Errorf("store: %w", err)
	}
	if w.firstSentence != 0 {
		if _, err := w.exec(stIndexSentences, w.firstSentence); err != nil {
			return -1, fmt.Errorf("store: full-text index: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return -1, fmt.Errorf("store: %w", err)
	}
	return 0, nil
}

// counted is an actor or place row a transaction refers to, with the
// events whose count it has not yet added to the row (flushCounts).
type counted struct {
	pk    int64
	extra int
}

// sqliteWriter writes documents inside one transaction.
type sqliteWriter struct {
	s     *SQLite
	tx    *sql.Tx
	ctx   context.Context
	now   string
	stmts [numWriteStmts]*sql.Stmt // the store's prepared statements, bound to tx

	actors        map[actorKey]*counted
	places        map[string]*counted
	firstSentence int64          // pk of the transaction's first sentence, 0 for none
	merged        []*cachedStory // cached stories with merges to write

	// The document being written.
	d         *doc.Document
	docPK     int64
	srcKey    string
	sentences map[int]int64  // sentence index → pk
	touched   map[int64]bool // stories this document has already reported
}

// stmt returns a prepared statement bound to the transaction.
func (w *sqliteWriter) stmt(id writeStmt) *sql.Stmt {
	if w.stmts[id] == nil {
		w.stmts[id] = w.tx.StmtContext(w.ctx, w.s.wstmts[id])
	}
	return w.stmts[id]
}

func (w *sqliteWriter) exec(id writeStmt, args ...any) (sql.Result, error) {
	return w.stmt(id).ExecContext(w.ctx, args...)
}

func (w *sqliteWriter) scan(id writeStmt, args []any, dest ...any) error {
	return w.stmt(id).QueryRowContext(w.ctx, args...).Scan(dest...)
}

// document writes one document and its events. refused says the document
// was turned down before anything of it was written (err says why).
func (w *sqliteWriter) document(d *doc.Document, events []event.Event) (res Result, refused bool, err error) {
	hash := textHash(d.Text)
	id := docKey(d, hash)
	res.DocID = id
	w.d, w.srcKey = d, sourceKey(d, id)
	r, err := w.exec(stInsertDocument,
		id, hash, d.Source, w.srcKey, d.URL, d.Title, d.Day(), d.Path, d.Text, len(events), w.now)
	if err != nil {
		return res, false, fmt.Errorf("store: document %s: %w", id, err)
	}
	if n, err := r.RowsAffected(); err != nil {
		return res, false, fmt.Errorf("store: document %s: %w", id, err)
	} else if n == 0 {
		// Stored already: the same text is nothing to do, another is
		// refused (nothing of it was written).
		var have string
		if err := w.scan(stDocumentHash, []any{id}, &have); err != nil {
			return res, false, fmt.Errorf("store: document %s: %w", id, err)
		}
		if have != hash {
			return res, true, fmt.Errorf("store: document %s: %w", id, ErrConflict)
		}
		res.Skipped = true
		return res, false, nil
	}
	if w.docPK, err = r.LastInsertId(); err != nil {
		return res, false, fmt.Errorf("store: document %s: %w", id, err)
	}
	w.sentences, w.touched = map[int]int64{}, map[int64]bool{}
	for i := range events {
		merged, err := w.event(i, &events[i])
		if err != nil {
			return res, false, fmt.Errorf("store: document %s, event %d: %w", id, i, err)
		}
		res.Events++
		if merged {
			res.Merged++
		} else {
			res.NewStories++
		}
	}
	return res, false, nil
}

// event stores one raw event and merges it into a story; it reports
// whether an existing story took it.
func (w *sqliteWriter) event(idx int, e *event.Event) (bool, error) {
	r := report{e: e, date: eventDate(e, w.d), seen: w.d.Day(), mentions: max(e.Mentions, 1)}
	if n, ok := dayNumber(r.date); ok {
		r.day = sql.NullInt64{Int64: int64(n), Valid: true}
	}
	var err error
	if r.actorPK, err = w.actor(e.Actor); err != nil {
		return false, err
	}
	if r.recipientPK, err = w.actor(e.Recipient); err != nil {
		return false, err
	}
	if r.placePK, r.placeKey, err = w.place(e.Location); err != nil {
		return false, err
	}
	if r.sentPK, err = w.sentence(e); err != nil {
		return false, err
	}
	r.ac, r.an = sideOf(e.Actor)
	r.rc, r.rn = sideOf(e.Recipient)

	p := storyProbe{typ: string(e.Type), placeKey: r.placeKey, day: r.day, ac: r.ac, rc: r.rc, an: r.an, rn: r.rn}
	var storyPK int64
	var merged bool
	if w.cached(p) {
		st, swapped, err := w.findCached(p)
		if err != nil {
			return false, err
		}
		if merged = st != nil; merged {
			err = w.mergeCached(st, &r, swapped)
		} else if st, err = w.insertStory(&r); err == nil {
			w.s.cache.add(storyKey{typ: p.typ, ac: r.ac, rc: r.rc, day: r.day.Int64}, st)
		}
		if err != nil {
			return false, err
		}
		storyPK = st.pk
	} else if storyPK, merged, err = w.findAndMerge(p, &r); err != nil {
		return false, err
	}
	w.touched[storyPK] = true
	// The stored JSON leaves out the sentence when the sentences table
	// holds it (a fifth of the row); reading puts it back.
	stored := e
	if _, _, text := eventSentence(w.d, e); r.sentPK.Valid && text == e.Text {
		c := *e
		c.Text = ""
		stored = &c
	}
	js, err := json.Marshal(stored)
	if err != nil {
		return false, err
	}
	_, err = w.exec(stInsertEvent,
		w.docPK, storyPK, idx, e.ID, r.date, r.day, e.Type, e.Mode, e.Quad, r.actorPK, r.recipientPK, r.ac, r.rc,
		r.placePK, r.sentPK, r.mentions, string(js), w.srcKey)
	return merged, err
}

// report is one event of the document being written, as its story sees
// it.
type report struct {
	e                    *event.Event
	date                 string        // the event's date, else the publication date
	day                  sql.NullInt64 // date as a day number
	seen                 string        // the publication date
	mentions             int
	actorPK, recipientPK sql.NullInt64
	placePK              sql.NullInt64
	placeKey             string
	sentPK               sql.NullInt64
	ac, rc               string // actor and recipient countries
	an, rn               string // and entity names (normName)
}

// insertStory starts a story with its first report; it is cached with
// that report's outlet as its only one.
func (w *sqliteWriter) insertStory(r *report) (*cachedStory, error) {
	e := r.e
	res, err := w.exec(stInsertStory,
		e.Type, e.Mode, e.CAMEO, e.Quad, e.Intensity, r.actorPK, r.recipientPK, r.ac, r.rc, r.an, r.rn,
		r.placePK, r.placeKey, r.sentPK, r.day, r.date, r.seen, r.mentions)
	if err != nil {
		return nil, err
	}
	pk, err := res.LastInsertId()
	if err != nil {
		return nil, err
	}
	return &cachedStory{pk: pk, day: r.day.Int64, an: r.an, rn: r.rn, placeKey: r.placeKey,
		sources: []string{w.srcKey}, sourcesKnown: true}, nil
}

// findAndMerge looks p up in SQLite and merges the report into the story
// it finds, at once, or starts a story: the path of reports the story
// cache does not serve.
func (w *sqliteWriter) findAndMerge(p storyProbe, r *report) (int64, bool, error) {
	storyPK, swapped, san, srn, err := w.findStory(p)
	if err != nil {
		return 0, false, err
	}
	if storyPK != 0 {
		an, rn := r.an, r.rn
		if swapped {
			an, rn = rn, an
		}
		_, err := w.exec(stMergeStory, r.mentions, !w.touched[storyPK], w.srcKey, r.day, r.seen,
			widerName(san, an), widerName(srn, rn), r.placeKey, r.placePK, storyPK)
		return storyPK, true, err
	}
	st, err := w.insertStory(r)
	if err != nil {
		return 0, false, err
	}
	return st.pk, false, nil
}

// findStory returns the story p reports (0 for none), whether p names its
// sides the other way round, and the story's current entity names.
func (w *sqliteWriter) findStory(p storyProbe) (pk int64, swapped bool, san, srn string, err error) {
	q, args := p.candidates(w.s.window)
	id := stCandidates + writeStmt(probeShape(p))
	if q != w.s.wsql[id] {
		return 0, false, "", "", fmt.Errorf("store: story lookup %q not prepared (probeShape out of step with storyProbe.candidates)", q)
	}
	lk := w.s.lookups[id-stCandidates]
	if lk.unordered {
		args = args[:len(args)-lk.orderArgs]
	}
	rows, err := w.stmt(id).QueryContext(w.ctx, args...)
	if err != nil {
		return 0, false, "", "", err
	}
	defer rows.Close()
	var best storyRank
	var bestSAN, bestSRN string
	for rows.Next() {
		var c storyRank
		var sac, san, srn string
		var day sql.NullInt64
		if !lk.unordered {
			if err := rows.Scan(&c.pk, &sac, &san, &srn); err != nil {
				return 0, false, "", "", err
			}
			if ok, sw := p.matches(sac, san, srn); ok {
				return c.pk, sw, san, srn, nil
			}
			continue
		}
		if err := rows.Scan(&c.pk, &sac, &san, &srn, &c.noPlace, &day); err != nil {
			return 0, false, "", "", err
		}
		ok, sw := p.matches(sac, san, srn)
		if !ok {
			continue
		}
		c.swapped = sw
		if p.day.Valid && day.Valid {
			c.dist = max(day.Int64-p.day.Int64, p.day.Int64-day.Int64)
		}
		// The order the candidate query would have sorted by.
		if best.pk == 0 || c.before(best) {
			best, bestSAN, bestSRN = c, san, srn
		}
	}
	if err := rows.Err(); err != nil {
		return 0, false, "", "", err
	}
	return best.pk, best.swapped, bestSAN, bestSRN, nil
}

// storyLookup is how the writer runs one shape of the story lookup. SQLite
// sorts the candidates of storyProbe.candidates in a temporary b-tree for
// every event; the writer instead selects them unsorted, with the sort
// keys, and keeps the first in that order itself.
type storyLookup struct {
	unordered bool
	orderArgs int // placeholders of the ORDER BY clause, the query's last
}

// unorderedLookup rewrites a candidate query to select the sort keys
// instead of sorting; ok is false when the query does not have the
// expected form (it is then run as written).
func unorderedLookup(q string) (string, storyLookup, bool) {
	const cols = "SELECT pk, actor_country, actor_name, recipient_name FROM "
	i := strings.LastIndex(q, " ORDER BY ")
	if !strings.HasPrefix(q, cols) || i < 0 {
		return q, storyLookup{}, false
	}
	order := q[i:]
	if order != " ORDER BY place_key = '' , abs(day - ?), pk" && order != " ORDER BY place_key = '' , pk" {
		return q, storyLookup{}, false
	}
	return "SELECT pk, actor_country, actor_name, recipient_name, place_key = '', day FROM " + q[len(cols):i],
		storyLookup{unordered: true, orderArgs: strings.Count(order, "?")}, true
}

// sideOf returns an actor's country and normalised entity name.
func sideOf(a *event.Actor) (country, name string) {
	if a == nil {
		return "", ""
	}
	return a.Country, normName(a.Name)
}

// actor returns the pk of an actor entity, creating it when new. Its
// event count is raised once per transaction (flushCounts).
func (w *sqliteWriter) actor(a *event.Actor) (sql.NullInt64, error) {
	k, ok := actorOf(a)
	if !ok {
		return sql.NullInt64{}, nil
	}
	if c := w.actors[k]; c != nil {
		c.extra++
		return sql.NullInt64{Int64: c.pk, Valid: true}, nil
	}
	if pk, ok := w.s.cache.actors[k]; ok && !w.s.noWriteCache {
		w.actors[k] = &counted{pk: pk, extra: 1}
		return sql.NullInt64{Int64: pk, Valid: true}, nil
	}
	var pk int64
	if err := w.scan(stUpsertActor,
		[]any{k.name, k.country, k.sector, k.code}, &pk); err != nil {
		return sql.NullInt64{}, err
	}
	w.actors[k] = &counted{pk: pk}
	w.s.cache.actors[k] = pk
	return sql.NullInt64{Int64: pk, Valid: true}, nil
}

// place returns the pk and key of an event place, creating it when new.
func (w *sqliteWriter) place(l *event.Location) (sql.NullInt64, string, error) {
	key := placeKey(l)
	if key == "" {
		return sql.NullInt64{}, "", nil
	}
	if c := w.places[key]; c != nil {
		c.extra++
		return sql.NullInt64{Int64: c.pk, Valid: true}, key, nil
	}
	if pk, ok := w.s.cache.places[key]; ok && !w.s.noWriteCache {
		w.places[key] = &counted{pk: pk, extra: 1}
		return sql.NullInt64{Int64: pk, Valid: true}, key, nil
	}
	var pk int64
	if err := w.scan(stUpsertPlace,
		[]any{key, l.Name, l.Country, l.Lat, l.Lon, l.GeonamesID, l.Resolution}, &pk); err != nil {
		return sql.NullInt64{}, "", err
	}
	w.places[key] = &counted{pk: pk}
	w.s.cache.places[key] = pk
	return sql.NullInt64{Int64: pk, Valid: true}, key, nil
}

// flushCounts adds to actors and places the events of the transaction
// not counted yet: all of them for a row the cache knew, all but the
// first for a row the transaction looked up (the upsert counted it).
func (w *sqliteWriter) flushCounts() error {
	for _, c := range w.actors {
		if c.extra > 0 {
			if _, err := w.exec(stCountActor, c.extra, c.pk); err != nil {
				return err
			}
		}
	}
	for _, c := range w.places {
		if c.extra > 0 {
			if _, err := w.exec(stCountPlace, c.extra, c.pk); err != nil {
				return err
			}
		}
	}
	return nil
}

// sentence stores the event's sentence (once per document); writeBatch
// indexes it for full-text search.
func (w *sqliteWriter) sentence(e *event.Event) (sql.NullInt64, error) {
	if pk, ok := w.sentences[e.Sentence]; ok {
		return sql.NullInt64{Int64: pk, Valid: true}, nil
	}
	start, end, text := eventSentence(w.d, e)
	if text == "" {
		return sql.NullInt64{}, nil
	}
	r, err := w.exec(stInsertSentence,
		w.docPK, e.Sentence, start, end, text)
	if err != nil {
		return sql.NullInt64{}, err
	}
	pk, err := r.LastInsertId()
	if err != nil {
		return sql.NullInt64{}, err
	}
	if w.firstSentence == 0 {
		w.firstSentence = pk
	}
	w.sentences[e.Sentence] = pk
	return sql.NullInt64{Int64: pk, Valid: true}, nil
}
