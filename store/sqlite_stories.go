package store

import (
	"context"
	"database/sql"
	"slices"
)

// The SQLite writer's story cache.
//
// De-duplication looks up, for every event, the stories of its type and
// countries dated within the window of its day, and merging a report into
// a story asks whether the story already has a report from the same
// outlet. Asked of SQLite, these two questions took two fifths of the
// writer's time, and the second grows with the story. The single writer
// instead keeps in memory the stories of every day it has looked at: a
// day is read from the store once, all its stories at once, and from then
// on the writer's own inserts and merges keep the copy up to date. A
// merge into a cached story is applied to the copy at once and written to
// the store once per transaction, whatever the number of reports the
// transaction adds to it.
//
// The writer also remembers the rows of the actors and places it has
// written, which are never deleted: a transaction that meets a known one
// only adds to its event count (flushCounts), without looking it up.
//
// The copy is dropped, and days are read again, whenever it may differ
// from the store: when a transaction fails (its writes were rolled back),
// when another connection has committed since the writer's last
// transaction (PRAGMA data_version changes; the writer's transactions
// take the write lock at BEGIN, so nothing commits between that check and
// the writer's commit), and when the writer's connection is not the one
// the copy was built through (data_version is per connection). Undated
// events, and windows too wide to read day by day, are looked up in SQLite
// as before; those lookups never read a dated story, so they never see a
// merge the transaction has not written yet.

const (
	// maxCachedWindow is the widest window (in days) looked up through
	// the cache; a wider one would read too many days per lookup.
	maxCachedWindow = 31
	// maxCachedStories and maxCachedEntities bound the cache's memory
	// (about 200 bytes a story, actor or place): past them, the next
	// transaction starts from an empty cache.
	maxCachedStories  = 1 << 18
	maxCachedEntities = 1 << 17
)

// storyKey is what a story must share with an event to be one of its
// candidates, but for the window around the day.
type storyKey struct {
	typ, ac, rc string // type, actor and recipient countries
	day         int64
}

// cachedStory is what the writer knows of a stored story.
type cachedStory struct {
	pk       int64
	day      int64
	an, rn   string // actor and recipient names, as stored
	placeKey string
	// sources are the outlets (source keys) of its reports, once known:
	// sourcesKnown is false until the first merge of a new article asks.
	sources      []string
	sourcesKnown bool
	// delta is the merge not yet written in the current transaction.
	delta *storyDelta
}

// storyDelta sums the reports a transaction merged into one story; the
// transaction writes it with one UPDATE before it commits (flushStories).
type storyDelta struct {
	mentions, articles, sources int
	firstDay, lastDay           int64
	firstSeen, lastSeen         string
	// placeKey is the first place the story took in this transaction
	// (it had none), placePK that place's row.
	placeKey string
	placePK  sql.NullInt64
}

// writeCache holds the stories of the days the writer has looked at, and
// the rows of the actors and places it has met.
type writeCache struct {
	conn    any   // the driver connection the cache was built through
	version int64 // PRAGMA data_version when its last transaction began
	days    map[int64]bool
	byKey   map[storyKey][]*cachedStory
	n       int // stories
	actors  map[actorKey]int64
	places  map[string]int64
}

// reset empties the cache.
func (c *writeCache) reset() {
	c.days, c.byKey, c.n = map[int64]bool{}, map[storyKey][]*cachedStory{}, 0
	c.actors, c.places = map[actorKey]int64{}, map[string]int64{}
}

// begin is called at the start of each write transaction, which holds
// the write lock, with the connection it runs on and that connection's
// data_version: it empties the cache unless the cache is still exactly
// what the store holds.
func (c *writeCache) begin(conn any, version int64) {
	if c.days == nil || c.conn != conn || c.version != version || c.n > maxCachedStories ||
		len(c.actors)+len(c.places) > maxCachedEntities {
		c.reset()
	}
	c.conn, c.version = conn, version
}

// add records a story.
func (c *writeCache) add(k storyKey, st *cachedStory) {
	c.byKey[k] = append(c.byKey[k], st)
	c.n++
}

// cached reports whether the writer looks p up in the cache.
func (w *sqliteWriter) cached(p storyProbe) bool {
	return p.day.Valid && w.s.window <= maxCachedWindow && !w.s.noWriteCache
}

// findCached returns the story p reports (nil for none) and whether p
// names its sides the other way round: the same story, by the same rules
// and order, as findStory's query would.
func (w *sqliteWriter) findCached(p storyProbe) (*cachedStory, bool, error) {
	c := &w.s.cache
	win := int64(w.s.window)
	for d := p.day.Int64 - win; d <= p.day.Int64+win; d++ {
		if !c.days[d] {
			if err := w.loadDay(d); err != nil {
				return nil, false, err
			}
		}
	}
	keys := []storyKey{{typ: p.typ, ac: p.ac, rc: p.rc}}
	if symmetric(p.typ) && p.ac != p.rc {
		keys = append(keys, storyKey{typ: p.typ, ac: p.rc, rc: p.ac})
	}
	var best *cachedStory
	var bestRank storyRank
	for d := p.day.Int64 - win; d <= p.day.Int64+win; d++ {
		for _, k := range keys {
			k.day = d
			for _, st := range c.byKey[k] {
				if p.placeKey != "" && st.placeKey != "" && st.placeKey != p.placeKey {
					continue
				}
				ok, swapped := p.matches(k.ac, st.an, st.rn)
				if !ok {
					continue
				}
				r := storyRank{pk: st.pk, swapped: swapped, noPlace: st.placeKey == "",
					dist: max(st.day-p.day.Int64, p.day.Int64-st.day)}
				if best == nil || r.before(bestRank) {
					best, bestRank = st, r
				}
			}
		}
	}
	return best, bestRank.swapped, nil
}

// loadDay reads every story of day d into the cache.
func (w *sqliteWriter) loadDay(d int64) error {
	rows, err := w.stmt(stLoadDay).QueryContext(w.ctx, d)
	if err != nil {
		return err
	}
	defer rows.Close()
	c := &w.s.cache
	for rows.Next() {
		st := &cachedStory{day: d}
		var k storyKey
		if err := rows.Scan(&st.pk, &k.typ, &k.ac, &k.rc, &st.an, &st.rn, &st.placeKey); err != nil {
			return err
		}
		k.day = d
		c.add(k, st)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	c.days[d] = true
	return nil
}

// newSource reports whether the document being written is the first
// report of its outlet in st (whose reports do not include it yet).
func (w *sqliteWriter) newSource(st *cachedStory) (bool, error) {
	if !st.sourcesKnown {
		rows, err := w.stmt(stStorySources).QueryContext(w.ctx, st.pk)
		if err != nil {
			return false, err
		}
		defer rows.Close()
		for rows.Next() {
			var src string
			if err := rows.Scan(&src); err != nil {
				return false, err
			}
			st.sources = append(st.sources, src)
		}
		if err := rows.Err(); err != nil {
			return false, err
		}
		st.sourcesKnown = true
	}
	return !slices.Contains(st.sources, w.srcKey), nil
}

// mergeCached merges one report into a cached story: the copy changes at
// once, the store when the transaction ends (flushStories). swapped says
// the report names the story's sides the other way round.
func (w *sqliteWriter) mergeCached(st *cachedStory, r *report, swapped bool) error {
	day := r.day.Int64
	d := st.delta
	if d == nil {
		d = &storyDelta{firstDay: day, lastDay: day, firstSeen: r.seen, lastSeen: r.seen}
		st.delta = d
		w.merged = append(w.merged, st)
	}
	d.mentions += r.mentions
	if !w.touched[st.pk] {
		d.articles++
		fresh, err := w.newSource(st)
		if err != nil {
			return err
		}
		if fresh {
			d.sources++
			st.sources = append(st.sources, w.srcKey)
		}
	}
	d.firstDay, d.lastDay = min(d.firstDay, day), max(d.lastDay, day)
	// As stMergeStory does report by report: the earliest publication
	// day that is known, and the latest.
	if r.seen != "" && (d.firstSeen == "" || r.seen < d.firstSeen) {
		d.firstSeen = r.seen
	}
	d.lastSeen = max(d.lastSeen, r.seen)
	an, rn := r.an, r.rn
	if swapped {
		an, rn = rn, an
	}
	st.an, st.rn = widerName(st.an, an), widerName(st.rn, rn)
	if st.placeKey == "" && r.placeKey != "" {
		st.placeKey, d.placeKey, d.placePK = r.placeKey, r.placeKey, r.placePK
	}
	return nil
}

// flushStories writes the merges of the transaction into cached stories.
func (w *sqliteWriter) flushStories() error {
	for _, st := range w.merged {
		d := st.delta
		st.delta = nil
		if _, err := w.exec(stFlushStory, d.mentions, d.articles, d.sources, d.firstDay, d.lastDay,
			d.firstSeen, d.lastSeen, st.an, st.rn, d.placeKey, d.placePK, st.pk); err != nil {
			return err
		}
	}
	w.merged = nil
	return nil
}

// storyRank is what decides between the candidate stories of an event:
// a story at the event's place before one without a place, then the
// nearest day, then the oldest story.
type storyRank struct {
	pk      int64
	swapped bool
	noPlace bool
	dist    int64
}

// before reports whether r comes before o.
func (r storyRank) before(o storyRank) bool {
	if r.noPlace != o.noPlace {
		return !r.noPlace
	}
	if r.dist != o.dist {
		return r.dist < o.dist
	}
	return r.pk < o.pk
}

// dataVersion returns the connection's PRAGMA data_version inside tx.
func dataVersion(ctx context.Context, tx *sql.Tx) (int64, error) {
	var v int64
	err := tx.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v)
	return v, err
}
