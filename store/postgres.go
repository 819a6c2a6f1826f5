package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
)

// Postgres is the shared Store for several machines: many writers (parley
// worker processes) and readers (parley serve) on one PostgreSQL database.
//
// Writes use pgx directly, one transaction per document, pipelined: the
// document row first, then actors, places and sentences as multi-row
// upserts in one round trip, one story lookup and one story write per
// event, and the events by COPY. Concurrent writers merge exactly as the
// single SQLite writer does because every transaction first takes a
// transaction-scoped advisory lock per event type it stores: stories of
// one type are only ever read for matching and written under that lock.
// Locks (types, then actors, then places) are always taken in sorted
// order, so writers never deadlock on each other.
//
// Reads share query.go with SQLite over database/sql.
type Postgres struct {
	dsn    string // with the password removed, for messages
	window int    // de-duplication window in days
	pool   *pgxpool.Pool
	db     *sql.DB // the pool seen through database/sql, for the shared read queries
	queries
}

var _ Store = (*Postgres)(nil)

// isPostgresURL reports whether dsn names a PostgreSQL database.
func isPostgresURL(dsn string) bool {
	u, err := url.Parse(dsn)
	return err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql")
}

// Redact drops the password from a database URL, for messages and logs. A
// SQLite path comes back as it is.
func Redact(dsn string) string {
	if !strings.Contains(dsn, "://") {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparseable database URL)"
	}
	return u.Redacted()
}

// migrationLock is the advisory lock that serialises schema migrations of
// writers starting at the same moment.
const migrationLock = 0x7061726c6579 // "parley"

// OpenPostgres connects to the PostgreSQL database at dsn (a postgres://
// URL; libpq parameters such as sslmode and search_path are accepted) and
// brings its schema up to date unless opts.ReadOnly.
func OpenPostgres(ctx context.Context, dsn string, opts Options) (*Postgres, error) {
	if opts.Window == 0 {
		opts.Window = DefaultWindow
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", Redact(dsn), err)
	}
	if opts.ReadOnly {
		cfg.ConnConfig.RuntimeParams["default_transaction_read_only"] = "on"
	}
	s := &Postgres{dsn: Redact(dsn), window: int(opts.Window / (24 * time.Hour))}
	if s.pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		return nil, fmt.Errorf("store: %s: %w", s.dsn, err)
	}
	if err := s.pool.Ping(ctx); err != nil {
		s.pool.Close()
		return nil, fmt.Errorf("store: %s: %w", s.dsn, err)
	}
	if opts.ReadOnly {
		var n int
		if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM migrations`).Scan(&n); err != nil || n < len(pgMigrations) {
			s.pool.Close()
			return nil, fmt.Errorf("store: %s is not a parley database, or an older one (run parley ingest or parley worker on it first)", s.dsn)
		}
	} else if err := s.migrate(ctx); err != nil {
		s.pool.Close()
		return nil, err
	}
	s.db = stdlib.OpenDBFromPool(s.pool)
	s.queries = queries{r: numbered{s.db}, window: s.window, dialect: postgresDialect, decoded: &mentionCache{}}
	return s, nil
}

func (s *Postgres) migrate(ctx context.Context) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("store: migrate %s: %w", s.dsn, err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
		return fmt.Errorf("store: migrate %s: %w", s.dsn, err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrate %s: %w", s.dsn, err)
	}
	var have int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM migrations`).Scan(&have); err != nil {
		return fmt.Errorf("store: migrate %s: %w", s.dsn, err)
	}
	if have > len(pgMigrations) {
		return fmt.Errorf("store: %s was written by a newer parley (schema version %d, this one knows %d)", s.dsn, have, len(pgMigrations))
	}
	for v := have; v < len(pgMigrations); v++ {
		if _, err := tx.Exec(ctx, pgMigrations[v].sql); err != nil {
			return fmt.Errorf("store: migration %d (%s): %w", v+1, pgMigrations[v].name, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO migrations(version, name, applied_at) VALUES ($1, $2, now())`,
			v+1, pgMigrations[v].name); err != nil {
			return fmt.Errorf("store: migrate %s: %w", s.dsn, err)
		}
	}
	return tx.Commit(ctx)
}

// Close closes the connections.
func (s *Postgres) Close() error {
	var err error
	if s.db != nil {
		err = s.db.Close()
	}
	s.pool.Close()
	return err
}

// HasDocument reports whether d is stored.
func (s *Postgres) HasDocument(ctx context.Context, d *doc.Document) (bool, error) {
	id := d.ID
	if id == "" {
		id = docKey(d, textHash(d.Text))
	}
	var hash string
	err := s.pool.QueryRow(ctx, `SELECT hash FROM documents WHERE id = $1`, id).Scan(&hash)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil && hash == textHash(d.Text), err
}

var _ DocumentsChecker = (*Postgres)(nil)

// StoredDocuments reports which of docs are stored, in one query.
func (s *Postgres) StoredDocuments(ctx context.Context, docs []*doc.Document) ([]bool, error) {
	ids := documentIDs(docs)
	rows, err := s.db.QueryContext(ctx, `SELECT id, hash FROM documents WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storedAmong(ids, docs, rows)
}

// Ingest stores d and its events in one transaction. A transaction that
// PostgreSQL aborts to resolve a conflict with another writer (deadlock,
// serialisation failure) is retried; other errors are returned.
func (s *Postgres) Ingest(ctx context.Context, d *doc.Document, events []event.Event) (Result, error) {
	hash := textHash(d.Text)
	id := docKey(d, hash)
	for attempt := 1; ; attempt++ {
		res, err := s.ingest(ctx, d, id, hash, events)
		var pgErr *pgconn.PgError
		if attempt < 5 && errors.As(err, &pgErr) && (pgErr.Code == "40P01" || pgErr.Code == "40001") {
			continue
		}
		if err != nil && !errors.Is(err, ErrConflict) {
			err = fmt.Errorf("store: document %s: %w", id, err)
		}
		return res, err
	}
}

func (s *Postgres) ingest(ctx context.Context, d *doc.Document, id, hash string, events []event.Event) (Result, error) {
	res := Result{DocID: id}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return res, err
	}
	defer tx.Rollback(ctx)

	// The document row first: a second writer of the same document waits
	// here, before it holds any other lock, and then finds it stored.
	srcKey := sourceKey(d, id)
	var docPK int64
	err = tx.QueryRow(ctx, `INSERT INTO documents(id, hash, source, source_key, url, title, date, path, text, events)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING pk`,
		id, hash, d.Source, srcKey, d.URL, d.Title, d.Day(), d.Path, d.Text, len(events)).Scan(&docPK)
	if errors.Is(err, pgx.ErrNoRows) {
		var have string
		if err := tx.QueryRow(ctx, `SELECT hash FROM documents WHERE id = $1`, id).Scan(&have); err != nil {
			return res, err
		}
		if have != hash {
			return res, fmt.Errorf("store: document %s: %w", id, ErrConflict)
		}
		res.Skipped = true
		return res, nil
	}
	if err != nil {
		return res, err
	}

	w := pgIngester{s: s, tx: tx, d: d, docPK: docPK, srcKey: srcKey, touched: map[int64]bool{}}
	if err := w.prepare(ctx, events); err != nil {
		return res, err
	}
	rows := make([][]any, 0, len(events))
	for i := range events {
		row, merged, err := w.event(ctx, i, &events[i])
		if err != nil {
			return res, fmt.Errorf("event %d: %w", i, err)
		}
		rows = append(rows, row)
		res.Events++
		if merged {
			res.Merged++
		} else {
			res.NewStories++
		}
	}
	if len(rows) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"events"}, []string{"doc_pk", "story_pk", "idx", "code_id", "date", "day",
			"type", "mode", "quad", "actor_pk", "recipient_pk", "actor_country", "recipient_country", "place_pk", "sentence_pk",
			"mentions", "json", "source_key"}, pgx.CopyFromRows(rows)); err != nil {
			return res, err
		}
	}
	return res, tx.Commit(ctx)
}

// pgIngester writes the events of one document inside its transaction.
type pgIngester struct {
	s      *Postgres
	tx     pgx.Tx
	d      *doc.Document
	docPK  int64
	srcKey string

	actors    map[actorKey]int64
	places    map[string]int64
	sentences map[int]int64  // sentence index → pk
	touched   map[int64]bool // stories this document has already reported
}

type actorKey struct{ name, country, sector, code string }

func actorOf(a *event.Actor) (actorKey, bool) {
	if a == nil || (a.Name == "" && a.Country == "" && a.Code == "") {
		return actorKey{}, false
	}
	return actorKey{a.Name, a.Country, a.Sector, a.Code}, true
}

// typeLock is the advisory lock key under which stories of one type are
// matched and written.
func typeLock(typ string) int64 {
	h := fnv.New64a()
	h.Write([]byte("parley story type " + typ))
	return int64(h.Sum64())
}

// prepare takes the type locks and stores the document's actors, places
// and sentences, all in one round trip.
func (w *pgIngester) prepare(ctx context.Context, events []event.Event) error {
	var types []int64
	actorCounts := map[actorKey]int{}
	type placeRow struct {
		l *event.Location
		n int
	}
	placeRows := map[string]*placeRow{}
	type sentenceRow struct {
		idx, start, end int
		text            string
	}
	var sentences []sentenceRow
	seen := map[int]bool{}
	for i := range events {
		e := &events[i]
		types = append(types, typeLock(string(e.Type)))
		for _, a := range []*event.Actor{e.Actor, e.Recipient} {
			if k, ok := actorOf(a); ok {
				actorCounts[k]++
			}
		}
		if k := placeKey(e.Location); k != "" {
			if placeRows[k] == nil {
				placeRows[k] = &placeRow{l: e.Location}
			}
			placeRows[k].n++
		}
		if !seen[e.Sentence] {
			if start, end, text := eventSentence(w.d, e); text != "" {
				seen[e.Sentence] = true
				sentences = append(sentences, sentenceRow{e.Sentence, start, end, text})
			}
		}
	}
	slices.Sort(types)
	types = slices.Compact(types)

	b := &pgx.Batch{}
	for _, k := range types {
		b.Queue(`SELECT pg_advisory_xact_lock($1)`, k)
	}
	w.actors = map[actorKey]int64{}
	if len(actorCounts) > 0 {
		keys := make([]actorKey, 0, len(actorCounts))
		for k := range actorCounts {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b actorKey) int {
			return cmp.Or(cmp.Compare(a.name, b.name), cmp.Compare(a.country, b.country), cmp.Compare(a.sector, b.sector), cmp.Compare(a.code, b.code))
		})
		var names, countries, sectors, codes []string
		var counts []int32
		for _, k := range keys {
			names, countries, sectors, codes = append(names, k.name), append(countries, k.country), append(sectors, k.sector), append(codes, k.code)
			counts = append(counts, int32(actorCounts[k]))
		}
		// Sorted rows lock in the same order in every writer.
		b.Queue(`INSERT INTO actors(name, country, sector, code, events)
			SELECT n, c, s, k, e FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) WITH ORDINALITY AS r(n, c, s, k, e, o) ORDER BY o
			ON CONFLICT (name, country, sector, code) DO UPDATE SET events = actors.events + EXCLUDED.events
			RETURNING pk, name, country, sector, code`, names, countries, sectors, codes, counts).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var pk int64
				var k actorKey
				if err := rows.Scan(&pk, &k.name, &k.country, &k.sector, &k.code); err != nil {
					return err
				}
				w.actors[k] = pk
			}
			return rows.Err()
		})
	}
	w.places = map[string]int64{}
	if len(placeRows) > 0 {
		keys := make([]string, 0, len(placeRows))
		for k := range placeRows {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var names, countries []string
		var lats, lons []float64
		var gids, ress, counts []int32
		for _, k := range keys {
			p := placeRows[k]
			names, countries = append(names, p.l.Name), append(countries, p.l.Country)
			lats, lons = append(lats, p.l.Lat), append(lons, p.l.Lon)
			gids, ress, counts = append(gids, int32(p.l.GeonamesID)), append(ress, int32(p.l.Resolution)), append(counts, int32(p.n))
		}
		b.Queue(`INSERT INTO places(key, name, country, lat, lon, geonames_id, resolution, events)
			SELECT k, n, c, la, lo, g, rs, e FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::int[], $7::int[], $8::int[])
				WITH ORDINALITY AS r(k, n, c, la, lo, g, rs, e, o) ORDER BY o
			ON CONFLICT (key) DO UPDATE SET events = places.events + EXCLUDED.events
			RETURNING pk, key`, keys, names, countries, lats, lons, gids, ress, counts).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var pk int64
				var k string
				if err := rows.Scan(&pk, &k); err != nil {
					return err
				}
				w.places[k] = pk
			}
			return rows.Err()
		})
	}
	w.sentences = map[int]int64{}
	if len(sentences) > 0 {
		var idxs, starts, ends []int32
		var texts []string
		for _, r := range sentences {
			idxs, starts, ends, texts = append(idxs, int32(r.idx)), append(starts, int32(r.start)), append(ends, int32(r.end)), append(texts, r.text)
		}
		b.Queue(`INSERT INTO sentences(doc_pk, idx, start, "end", text)
			SELECT $1, i, s, e, t FROM unnest($2::int[], $3::int[], $4::int[], $5::text[]) AS r(i, s, e, t)
			RETURNING pk, idx`, w.docPK, idxs, starts, ends, texts).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var pk int64
				var idx int
				if err := rows.Scan(&pk, &idx); err != nil {
					return err
				}
				w.sentences[idx] = pk
			}
			return rows.Err()
		})
	}
	if b.Len() == 0 {
		return nil
	}
	return w.tx.SendBatch(ctx, b).Close()
}

// event merges one raw event into a story and returns its events row for
// COPY, and whether an existing story took it.
func (w *pgIngester) event(ctx context.Context, idx int, e *event.Event) ([]any, bool, error) {
	date := eventDate(e, w.d)
	var day sql.NullInt64
	if n, ok := dayNumber(date); ok {
		day = sql.NullInt64{Int64: int64(n), Valid: true}
	}
	actorPK, recipientPK := w.actorPK(e.Actor), w.actorPK(e.Recipient)
	pkey := placeKey(e.Location)
	var placePK *int64
	if pk, ok := w.places[pkey]; ok && pkey != "" {
		placePK = &pk
	}
	var sentPK *int64
	if pk, ok := w.sentences[e.Sentence]; ok {
		sentPK = &pk
	}
	mentions := max(e.Mentions, 1)
	ac, an := sideOf(e.Actor)
	rc, rn := sideOf(e.Recipient)
	seen := w.d.Day()

	p := storyProbe{typ: string(e.Type), placeKey: pkey, day: day, ac: ac, rc: rc, an: an, rn: rn}
	storyPK, swapped, san, srn, err := w.findStory(ctx, p)
	if err != nil {
		return nil, false, err
	}
	merged := storyPK != 0
	if merged {
		if swapped {
			an, rn = rn, an
		}
		// The first report of this document in the story adds an article;
		// its outlet is new unless another report came from it.
		newArticle := !w.touched[storyPK]
		_, err := w.tx.Exec(ctx, `UPDATE stories SET
			mentions = mentions + $1,
			articles = articles + CASE WHEN $2 THEN 1 ELSE 0 END,
			sources = sources + CASE WHEN $2 AND NOT EXISTS (SELECT 1 FROM events e JOIN documents d ON d.pk = e.doc_pk
				WHERE e.story_pk = stories.pk AND d.source_key = $3) THEN 1 ELSE 0 END,
			first_day = LEAST(coalesce(first_day, $4), $4), last_day = GREATEST(coalesce(last_day, $4), $4),
			first_seen = CASE WHEN first_seen = '' OR ($5 <> '' AND $5 < first_seen) THEN $5 ELSE first_seen END,
			last_seen = CASE WHEN $5 > last_seen THEN $5 ELSE last_seen END,
			actor_name = $6, recipient_name = $7,
			place_pk = CASE WHEN place_key = '' AND $8 <> '' THEN $9 ELSE place_pk END,
			place_key = CASE WHEN place_key = '' THEN $8 ELSE place_key END
			WHERE pk = $10`,
			mentions, newArticle, w.srcKey, day, seen, widerName(san, an), widerName(srn, rn), pkey, placePK, storyPK)
		if err != nil {
			return nil, false, err
		}
	} else {
		err := w.tx.QueryRow(ctx, `INSERT INTO stories(type, mode, cameo, quad, intensity, actor_pk, recipient_pk,
			actor_country, recipient_country, actor_name, recipient_name, place_pk, place_key, sentence_pk,
			day, date, first_day, last_day, first_seen, last_seen, mentions, articles, sources)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $15, $15, $17, $17, $18, 1, 1)
			RETURNING pk`,
			e.Type, e.Mode, e.CAMEO, e.Quad, e.Intensity, actorPK, recipientPK, ac, rc, an, rn, placePK, pkey, sentPK,
			day, date, seen, mentions).Scan(&storyPK)
		if err != nil {
			return nil, false, err
		}
	}
	w.touched[storyPK] = true
	js, err := json.Marshal(e)
	if err != nil {
		return nil, false, err
	}
	var dayV *int64
	if day.Valid {
		dayV = &day.Int64
	}
	return []any{w.docPK, storyPK, int32(idx), e.ID, date, dayV, e.Type, e.Mode, int32(e.Quad), actorPK, recipientPK,
		ac, rc, placePK, sentPK, int32(mentions), string(js), w.srcKey}, merged, nil
}

func (w *pgIngester) actorPK(a *event.Actor) *int64 {
	k, ok := actorOf(a)
	if !ok {
		return nil
	}
	pk, ok := w.actors[k]
	if !ok {
		return nil
	}
	return &pk
}

// findStory returns the story p reports (0 for none), whether p names its
// sides the other way round, and the story's current entity names.
func (w *pgIngester) findStory(ctx context.Context, p storyProbe) (pk int64, swapped bool, san, srn string, err error) {
	q, args := p.candidates(w.s.window)
	rows, err := w.tx.Query(ctx, dollarPlaceholders(q), args...)
	if err != nil {
		return 0, false, "", "", err
	}
	defer rows.Close()
	for rows.Next() {
		var sac string
		if err := rows.Scan(&pk, &sac, &san, &srn); err != nil {
			return 0, false, "", "", err
		}
		if ok, sw := p.matches(sac, san, srn); ok {
			return pk, sw, san, srn, nil
		}
	}
	return 0, false, "", "", rows.Err()
}
