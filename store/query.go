package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/parley-events/parley/event"
)

// filter is a WHERE clause with its arguments. Every value reaches the database
// as a bound parameter; only fixed column names are spliced in.
type filter struct {
	conds []string
	args  []any
	// walk holds, per condition, its form for a page read in day order
	// (the day index orders the rows and the condition is tested on each:
	// SQLite's unary + keeps the condition's own index out), "" when it
	// is the same. Used when the filter matches many rows (walkPlan).
	walk []string
	// members are the conditions on a story member table, whose IN list
	// costs as much as the set is large: a large set is tested per story
	// instead (dense).
	members []member
	days    int // conditions on the day (from, to)
	// text is the raw events a full-text filter of stories selects
	// (SELECT story_pk FROM events WHERE ..., with textArgs), "" for
	// none: a count of that filter alone reads their stories' ids there
	// (see count).
	text     string
	textArgs []any
	// textCond and textArg are where the full-text condition is in conds
	// and its words in args (textCond is -1 without one); textListed
	// says listText has put the sentences it selects in their place,
	// textN of them.
	textCond, textArg int
	textListed        bool
	textN             int
	// textStories is how many stories the listed text filter selects
	// (listText read them), the count of that filter alone.
	textStories int
}

// sole is the member condition of a filter of stories that has no other
// condition than on the day (which the member tables' day answers), or
// nil.
func (f *filter) sole() *member {
	if !soleMembers || len(f.members) != 1 || f.members[0].table == "" || len(f.conds) != f.days+1 {
		return nil
	}
	return &f.members[0]
}

// soleMembers lets a filter on one member set alone be answered from the
// member table (a variable for the tests, which compare both ways).
var soleMembers = true

// member is a condition on a story member table: conds[idx] reads the
// set as a list; exists tests one story; probe counts the set's rows, up
// to denseAt+1, with args.
type member struct {
	idx int
	// in is the condition reading the set as a list (conds[idx] until
	// densify), which a count keeps (see count).
	in            string
	exists, probe string
	args          []any
	// table and cond are the story member table and the condition on it
	// (alias m), for a filter that is only this condition (sole).
	table, cond string
	// keys selects the actors or outlets the set is of (with keyArgs);
	// single is the condition on the member table for one of them, whose
	// rows its index gives in day order (see Stories).
	keys    string
	keyArgs []any
	single  func(key any) (string, []any)
	// join reads the set's table (alias m) joined to the rows it
	// selects, where cond (with the same arguments as in) holds: a
	// count of the only set of a filter reads its first rows there,
	// as many as it counts, where the list reads all of it (see count).
	join string
}

// denseAt is the size from which a member set is tested per story (a
// variable for the tests).
var denseAt = 10000

func (f *filter) add(cond string, args ...any) {
	f.addWalk(cond, "", args...)
}

// addWalk adds a condition with its form for a page read in day order.
func (f *filter) addWalk(cond, walk string, args ...any) {
	f.conds = append(f.conds, cond)
	f.walk = append(f.walk, walk)
	f.args = append(f.args, args...)
}

// addMember adds a condition on a story member table (see member): inner
// selects story_pk FROM table AS m (with m. before its columns) WHERE
// cond; the stories matching are those in it.
func (f *filter) addMember(table, cond string, args ...any) {
	f.addSet("s.pk IN (SELECT m.story_pk FROM "+table+" m WHERE "+cond+")",
		"EXISTS (SELECT 1 FROM "+table+" m WHERE "+cond+" AND m.story_pk = s.pk)",
		"SELECT 1 FROM "+table+" m WHERE "+cond, args...)
	m := &f.members[len(f.members)-1]
	m.table, m.cond, m.join = table, cond, table+" m JOIN stories s ON s.pk = m.story_pk"
}

// addSet adds a condition that reads a set as a list (in), with its form
// testing one row (exists), taken when the set (rows of probe) is large.
func (f *filter) addSet(in, exists, probe string, args ...any) {
	f.members = append(f.members, member{idx: len(f.conds), in: in, exists: exists,
		probe: "SELECT count(*) FROM (" + probe + " LIMIT " + strconv.Itoa(denseAt+1) + ") AS p", args: args})
	f.add(in, args...)
}

// with is f and one more condition (for one query: f is unchanged).
func (f *filter) with(cond string, args ...any) *filter {
	g := *f
	g.conds = append(slices.Clip(f.conds), cond)
	if f.walk != nil {
		g.walk = append(slices.Clip(f.walk), "")
	}
	g.args = append(slices.Clip(f.args), args...)
	return &g
}

func (f *filter) where() string {
	if len(f.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(f.conds, " AND ")
}

// walked is f in its day-order form.
func (f *filter) walked() *filter {
	g := &filter{conds: make([]string, len(f.conds)), args: f.args}
	for i, c := range f.conds {
		g.conds[i] = c
		if f.walk[i] != "" {
			g.conds[i] = f.walk[i]
		}
	}
	return g
}

// densify tests each member set's size and has the large ones tested
// per story.
func (s *queries) densify(ctx context.Context, f *filter) error {
	for _, m := range f.members {
		var n int
		if err := s.r.QueryRowContext(ctx, m.probe, m.args...).Scan(&n); err != nil {
			return err
		}
		if n > denseAt {
			f.conds[m.idx] = m.exists
		}
	}
	return nil
}

// walkPlan says whether a page of a filter that matched total rows
// (capped) is read by walking the day index: when the filter matches
// many rows, the first pages are found among the newest rows at once,
// where reading them all from the filter's indexes and sorting them
// would cost as much as they are many.
func (s *queries) walkPlan(capped bool, offset, limit int) bool {
	return s.dialect.walk && capped && offset+limit <= 1000
}

// isCountryCode reports whether v is written like an ISO alpha-3 or PLOVER
// special code (three capital letters), which filters by country.
func isCountryCode(v string) bool {
	if len(v) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if v[i] < 'A' || v[i] > 'Z' {
			return false
		}
	}
	return true
}

// list splits a comma-separated filter value.
func list(v string) []any {
	var out []any
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// ftsQuery turns user words into an FTS5 query matching sentences that
// contain all of them; quoting each word keeps FTS5 syntax out of reach.
func ftsQuery(text string) string {
	var parts []string
	for _, w := range strings.Fields(text) {
		parts = append(parts, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
	}
	return strings.Join(parts, " ")
}

// build turns q into a filter over stories (alias s) or raw events
// (alias e). Conditions that concern the reports of a story (who exactly
// acted, which outlet, which words) match when any of its raw events does.
func (s *queries) build(q Query, story bool) (*filter, error) {
	t := "e"
	if story {
		t = "s"
	}
	f := &filter{textCond: -1}
	var from, to int
	var hasFrom, hasTo bool
	if q.From != "" {
		n, ok := dayNumber(q.From)
		if !ok {
			return nil, fmt.Errorf("%w: bad from date %q (want YYYY-MM-DD)", ErrBadQuery, q.From)
		}
		from, hasFrom = n, true
		f.add(t+".day >= ?", n)
		f.days++
	}
	if q.To != "" {
		n, ok := dayNumber(q.To)
		if !ok {
			return nil, fmt.Errorf("%w: bad to date %q (want YYYY-MM-DD)", ErrBadQuery, q.To)
		}
		to, hasTo = n, true
		f.add(t+".day <= ?", n)
		f.days++
	}
	// members restricts raw events of a story to the dates its reports can
	// have, so the inner lookups stay narrow on large stores.
	members := func(cond string, args ...any) {
		inner := "SELECT story_pk FROM events WHERE " + cond
		if hasFrom {
			inner += " AND day >= ?"
			args = append(args, from-s.window)
		}
		if hasTo {
			inner += " AND day <= ?"
			args = append(args, to+s.window)
		}
		// Walked (a common word: the page among the newest stories),
		// each story of the day index is tested against the set, where
		// the set read as a list looked every one of its stories up to
		// sort them (1.5 ms against 4.5 for a word's 580 stories).
		f.addWalk("s.pk IN ("+inner+")", "+s.pk IN ("+inner+")", args...)
		f.text, f.textArgs = inner, args
	}
	// storyDays restricts a story member table (whose day is the
	// story's) to the dates asked.
	storyDays := func(inner string, args []any) (string, []any) {
		if hasFrom {
			inner += " AND m.day >= ?"
			args = append(args, from)
		}
		if hasTo {
			inner += " AND m.day <= ?"
			args = append(args, to)
		}
		return inner, args
	}
	for i, side := range []struct{ col, v string }{{"actor", q.Actor}, {"recipient", q.Recipient}} {
		v := strings.TrimSpace(side.v)
		switch {
		case v == "":
		case isCountryCode(v):
			f.add(t+"."+side.col+"_country = ?", v)
		default:
			actors := `SELECT pk FROM actors WHERE code = ? OR name ` + s.dialect.like + ` ? ESCAPE '\'`
			if story {
				// The stories any of whose reports has the actor on
				// that side (story_actors, kept by a trigger).
				cond, args := storyDays(`m.side = ? AND m.actor_pk IN (`+actors+`)`, []any{i, v, likeArg(v)})
				f.addMember("story_actors", cond, args...)
				m := &f.members[len(f.members)-1]
				m.keys, m.keyArgs = actors, []any{v, likeArg(v)}
				m.single = func(key any) (string, []any) { return storyDays(`m.side = ? AND m.actor_pk = ?`, []any{i, key}) }
			} else {
				f.addWalk(t+"."+side.col+"_pk IN ("+actors+")", "+"+t+"."+side.col+"_pk IN ("+actors+")", v, likeArg(v))
			}
		}
	}
	if cs := list(q.Country); len(cs) > 0 {
		p := placeholders(len(cs))
		f.addWalk("("+t+".actor_country IN ("+p+") OR "+t+".recipient_country IN ("+p+"))",
			"(+"+t+".actor_country IN ("+p+") OR +"+t+".recipient_country IN ("+p+"))", append(cs, cs...)...)
	}
	// One type or mode is read in day order from its own index, (type,
	// day) or (mode, day); several are walked when they match many.
	several := func(cond string, n int) string {
		if n > 1 {
			return "+" + cond
		}
		return ""
	}
	if ts := list(strings.ToUpper(q.Type)); len(ts) > 0 {
		cond := t + ".type IN (" + placeholders(len(ts)) + ")"
		f.addWalk(cond, several(cond, len(ts)), ts...)
	}
	if ms := list(strings.ToLower(q.Mode)); len(ms) > 0 {
		cond := t + ".mode IN (" + placeholders(len(ms)) + ")"
		f.addWalk(cond, several(cond, len(ms)), ms...)
	}
	if q.Quad != 0 {
		if q.Quad < 1 || q.Quad > 4 {
			return nil, fmt.Errorf("%w: bad quad %d (want 1..4)", ErrBadQuery, q.Quad)
		}
		f.add(t+".quad = ?", q.Quad)
	}
	if v := strings.TrimSpace(q.Place); v != "" {
		if isCountryCode(v) {
			f.addWalk(t+".place_pk IN (SELECT pk FROM places WHERE country = ?)", "+"+t+".place_pk IN (SELECT pk FROM places WHERE country = ?)", v)
		} else {
			set := `.place_pk IN (SELECT pk FROM places WHERE name ` + s.dialect.like + ` ? ESCAPE '\')`
			f.addWalk(t+set, "+"+t+set, likeArg(v))
		}
	}
	if v := strings.TrimSpace(q.Source); v != "" {
		if story {
			// The outlets are few (sources, kept by a trigger): their
			// names are matched there, and the stories they reported
			// read from story_sources.
			keys := `source_key FROM sources WHERE source ` + s.dialect.like + ` ? ESCAPE '\' OR source_key ` + s.dialect.like + ` ? ESCAPE '\'`
			cond, args := storyDays(`m.source_key IN (SELECT `+keys+`)`, []any{likeArg(v), likeArg(v)})
			f.addMember("story_sources", cond, args...)
			m := &f.members[len(f.members)-1]
			m.keys, m.keyArgs = `SELECT DISTINCT `+keys, []any{likeArg(v), likeArg(v)}
			m.single = func(key any) (string, []any) { return storyDays(`m.source_key = ?`, []any{key}) }
		} else {
			// A raw event carries its document's outlet (source_key):
			// counted from events_source, tested in the walk index.
			keys := `.source_key IN (SELECT source_key FROM sources WHERE source ` +
				s.dialect.like + ` ? ESCAPE '\' OR source_key ` + s.dialect.like + ` ? ESCAPE '\')`
			f.addWalk(t+keys, "+"+t+keys, likeArg(v), likeArg(v))
		}
	}
	if err := reviewedFilter(f, q.Reviewed, story); err != nil {
		return nil, err
	}
	if v := s.dialect.textQuery(q.Text); v != "" {
		set := s.dialect.textMatch
		f.textArg = len(f.args)
		if story {
			members(set, v)
		} else {
			f.add(t+"."+set, v)
		}
		f.textCond = len(f.conds) - 1
	}
	return f, nil
}

// MaxCount is the most matching rows a page counts: beyond it, Total is
// MaxCount and Capped is set. Counting is the part of a page whose cost
// grows with the store; bounded, every page costs about the same.
const MaxCount = 1000

// countJoin lets a count read a filter's only member set joined to
// its rows (a variable for the tests, which compare both ways).
var countJoin = true

// textCount lets a count of stories by full-text alone read their ids
// from the raw events (a variable for the tests, which compare both
// ways).
var textCount = true

// countCap is MaxCount, a variable for the tests.
var countCap = MaxCount

// count counts the rows of table (stories s or events e) that f matches,
// up to MaxCount. Without a filter, SQLite reads the total its triggers
// keep (an exact figure at any size).
func (s *queries) count(ctx context.Context, table string, f *filter) (n int, capped bool, err error) {
	if len(f.conds) == 0 && s.dialect.totals {
		name := "stories"
		if alias(table) == "e" {
			name = "events"
		}
		err = s.r.QueryRowContext(ctx, `SELECT n FROM totals WHERE name = ?`, name).Scan(&n)
		return n, false, err
	}
	// A count reads member sets as lists, large or not: the list costs
	// an index read as long as the set, where a test per row costs
	// as many rows as must be read to find MaxCount matches (92,000 raw
	// events for an outlet with one raw event in 92: 300 ms, against 5
	// for its list of 11,000 documents).
	listed := *f
	listed.conds = slices.Clone(f.conds)
	for _, m := range f.members {
		listed.conds[m.idx] = m.in
	}
	sel := `SELECT 1 FROM ` + table + listed.where()
	if alias(table) == "s" && f.textListed && len(f.conds) == 1 && textCount {
		// Stories of a full-text filter alone: listText has read them.
		if f.textStories > countCap {
			return countCap, true, nil
		}
		return f.textStories, false, nil
	}
	if alias(table) == "s" && f.text != "" && len(f.conds) == 1 && textCount {
		// Stories of a full-text filter alone: the ids of its raw
		// events' stories are the count, read in the sentence index
		// (events_sentence_story) without looking each story up (every
		// raw event's story exists; nothing is ever deleted): 1 ms for
		// a word's 580 stories, where reading them cost 4.
		return s.cappedCount(ctx, `SELECT DISTINCT t.story_pk FROM (`+f.text+`) AS t`, f.textArgs)
	}
	if len(f.members) == 1 && f.members[0].join != "" && countJoin {
		// The only set is read from its own index, joined to the rows
		// it selects, until MaxCount of them are found: an outlet's
		// first thousand raw events, where its list would be all its
		// 55,000 documents. A row may be met once per member row
		// (a story through two of its actors): each is counted once.
		m := f.members[0]
		listed.conds[m.idx] = m.cond
		sel = `SELECT DISTINCT ` + alias(table) + `.pk FROM ` + m.join + listed.where()
	}
	return s.cappedCount(ctx, sel, f.args)
}

// cappedCount counts the rows query sel selects with args, reading at
// most MaxCount+1 of them: past MaxCount it answers MaxCount, capped.
func (s *queries) cappedCount(ctx context.Context, sel string, args []any) (n int, capped bool, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT count(*) FROM (`+sel+` LIMIT ?) AS c`,
		append(slices.Clip(args), countCap+1)...).Scan(&n)
	if n > countCap {
		return countCap, true, err
	}
	return n, false, err
}

// textOnce lets a page read the sentences of its full-text filter once
// (listText; a variable for the tests, which compare both ways).
var textOnce = true

// listText reads the sentences f's full-text filter selects (the newest
// MaxTextMatches that match) and puts their list in the filter's place:
// the count, the bound and the page each ran the match (and a match of
// two common words that no sentence holds together reads both words'
// every sentence: 2 ms each time). The list is one parameter, a JSON
// array (1,000 parameters were slower: SQLite parsed the list twice).
func (s *queries) listText(ctx context.Context, f *filter) error {
	if f.textCond < 0 || !textOnce {
		return nil
	}
	rows, err := s.r.QueryContext(ctx, s.dialect.textNewest, f.args[f.textArg])
	if err != nil {
		return err
	}
	list, n, err := pkList(rows, nil)
	if err != nil {
		return err
	}
	listed := "sentence_pk IN (" + s.dialect.idList + ")"
	f.conds[f.textCond] = strings.Replace(f.conds[f.textCond], s.dialect.textMatch, listed, 1)
	if w := f.walk[f.textCond]; w != "" {
		f.walk[f.textCond] = strings.Replace(w, s.dialect.textMatch, listed, 1)
	}
	f.args[f.textArg] = string(list)
	f.textListed, f.textN = true, n
	if f.text == "" {
		return nil
	}
	// Stories: the stories of those sentences' raw events (in the dates
	// asked) are read once too, and the filter is their list, which the
	// count and the page test without looking the raw events up again.
	f.text = strings.Replace(f.text, s.dialect.textMatch, listed, 1)
	f.textArgs = slices.Clone(f.textArgs)
	f.textArgs[0] = string(list)
	stories, err := s.r.QueryContext(ctx, `SELECT DISTINCT t.story_pk FROM (`+f.text+`) AS t`, f.textArgs...)
	if err != nil {
		return err
	}
	if list, n, err = pkList(stories, list[:0]); err != nil {
		return err
	}
	in := "s.pk IN (" + s.dialect.idList + ")"
	f.conds[f.textCond], f.walk[f.textCond] = in, "+"+in
	f.args = slices.Concat(f.args[:f.textArg], []any{string(list)}, f.args[f.textArg+len(f.textArgs):])
	f.text, f.textArgs, f.textStories = "", nil, n
	return nil
}

// pkList reads rows of one integer key into a JSON array appended to buf,
// and closes them; it also returns how many it read.
func pkList(rows *sql.Rows, buf []byte) ([]byte, int, error) {
	defer rows.Close()
	list, n := append(buf, '['), 0
	for rows.Next() {
		var pk int64
		if err := rows.Scan(&pk); err != nil {
			return nil, 0, err
		}
		if n > 0 {
			list = append(list, ',')
		}
		list = strconv.AppendInt(list, pk, 10)
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	return append(list, ']'), n, nil
}

// textBounded sets capped when q's words match more sentences than a
// full-text filter reads (MaxTextMatches): older matches were left out.
func (s *queries) textBounded(ctx context.Context, q Query, f *filter, capped *bool) error {
	v := s.dialect.textQuery(q.Text)
	if v == "" || *capped {
		return nil
	}
	if f.textListed {
		*capped = f.textN >= MaxTextMatches
		return nil
	}
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM `+s.dialect.textSentences+` LIMIT ?) AS t`,
		v, MaxTextMatches).Scan(&n); err != nil {
		return err
	}
	*capped = n >= MaxTextMatches
	return nil
}

func pageBounds(q Query) (limit, offset int) {
	limit, offset = q.Limit, q.Offset
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	return limit, max(offset, 0)
}

const storyColumns = `s.pk, s.type, s.mode, s.cameo, s.quad, s.intensity, s.date, s.first_day, s.last_day,
	s.first_seen, s.last_seen, s.mentions, s.articles, s.sources,
	a.pk, a.name, a.country, a.sector, a.code, r.pk, r.name, r.country, r.sector, r.code,
	p.pk, p.name, p.country, p.lat, p.lon, p.geonames_id, p.resolution, coalesce(t.text, '')
	FROM stories s LEFT JOIN actors a ON a.pk = s.actor_pk LEFT JOIN actors r ON r.pk = s.recipient_pk
	LEFT JOIN places p ON p.pk = s.place_pk LEFT JOIN sentences t ON t.pk = s.sentence_pk`

type scanner interface{ Scan(...any) error }

type nullEntity struct {
	pk                          sql.NullInt64
	name, country, sector, code sql.NullString
}

func (n *nullEntity) dest() []any { return []any{&n.pk, &n.name, &n.country, &n.sector, &n.code} }
func (n *nullEntity) entity() *Entity {
	if !n.pk.Valid {
		return nil
	}
	return &Entity{ID: n.pk.Int64, Name: n.name.String, Country: n.country.String, Sector: n.sector.String, Code: n.code.String}
}

func scanStory(r scanner) (Story, error) {
	var st Story
	var pk int64
	var first, last sql.NullInt64
	var a, rc nullEntity
	var ppk, pgid, pres sql.NullInt64
	var pname, pcountry sql.NullString
	var plat, plon sql.NullFloat64
	dest := []any{&pk, &st.Type, &st.Mode, &st.CAMEO, &st.Quad, &st.Intensity, &st.Date, &first, &last,
		&st.FirstSeen, &st.LastSeen, &st.Mentions, &st.Articles, &st.Sources}
	dest = append(dest, a.dest()...)
	dest = append(dest, rc.dest()...)
	dest = append(dest, &ppk, &pname, &pcountry, &plat, &plon, &pgid, &pres, &st.Text)
	if err := r.Scan(dest...); err != nil {
		return st, err
	}
	st.ID = storyID(pk)
	if first.Valid {
		st.FirstDate, st.LastDate = dayDate(int(first.Int64)), dayDate(int(last.Int64))
	}
	st.Actor, st.Recipient = a.entity(), rc.entity()
	if ppk.Valid {
		st.Place = &Place{ID: ppk.Int64, Name: pname.String, Country: pcountry.String, Lat: plat.Float64, Lon: plon.Float64,
			GeonamesID: int(pgid.Int64), Resolution: int(pres.Int64)}
	}
	return st, nil
}

// Stories returns merged events matching q, newest first.
func (s *queries) Stories(ctx context.Context, q Query) (Page[Story], error) {
	limit, offset := pageBounds(q)
	page := Page[Story]{Offset: offset, Limit: limit, Items: []Story{}}
	f, err := s.build(q, true)
	if err != nil {
		return page, err
	}
	if err := s.listText(ctx, f); err != nil {
		return page, err
	}
	ks, err := s.keysetOf(ctx, q, true)
	if err != nil {
		return page, err
	}
	// read reads one page's stories, those of sel (with args).
	read := func(sel string, args []any) error {
		return queryAll(ctx, s.r, &page.Items, scanStory, sel, args...)
	}
	m := f.sole()
	if m != nil && isDateSort(q.Sort) && m.single != nil && soleKey {
		// A few actors or outlets (a name that names up to maxKeys):
		// their member rows are in the index in day order, and the page
		// is read there whatever the set's size.
		done, err := s.storiesOfKey(ctx, q, m, ks, limit, offset, &page, read)
		if err != nil || done {
			if err == nil {
				err = s.attachStoryReviews(ctx, page.Items)
			}
			if len(page.Items) == limit {
				page.Next = page.Items[limit-1].ID
			}
			return page, err
		}
	}
	if m != nil && isDateSort(q.Sort) {
		// A large set is paged as any other (tested story by story, the
		// newest first): reading all of it from the member table would
		// cost as much as it is large.
		var n int
		if err := s.r.QueryRowContext(ctx, m.probe, m.args...).Scan(&n); err != nil {
			return page, err
		}
		if n > denseAt {
			m = nil
		}
	}
	if m != nil && isDateSort(q.Sort) {
		// One actor or outlet (in a date range), newest first: the
		// member table alone holds the stories and their days.
		var err error
		if page.Total, page.Capped, err = s.cappedCount(ctx, `SELECT DISTINCT m.story_pk FROM `+m.table+` m WHERE `+m.cond, m.args); err != nil {
			return page, err
		}
		_, order, _ := sortOrder(q.Sort, true)
		dir := dateDir(q.Sort)
		// sel is the page of the stories whose day and id pass having.
		sel := func(having string) string {
			return `SELECT ` + storyColumns + ` WHERE s.pk IN (SELECT story_pk FROM (SELECT m.story_pk, max(m.day) AS d FROM ` + m.table +
				` m WHERE ` + m.cond + ` GROUP BY m.story_pk` + having + ` ORDER BY d` + dir + `, m.story_pk` + dir + ` LIMIT ? OFFSET ?) AS pg) ORDER BY ` + order
		}
		if ks == nil {
			if err := read(sel(""), append(slices.Clip(m.args), limit, offset)); err != nil {
				return page, err
			}
		} else {
			// The member table's day is the story's (TestPlansAgree).
			ks.expr, ks.pk = "max(m.day)", "m.story_pk"
			cond, cargs := ks.from()
			if err := read(sel(" HAVING "+cond), append(append(slices.Clip(m.args), cargs...), limit, 0)); err != nil {
				return page, err
			}
			if next := ks.next(); next != "" && len(page.Items) < limit {
				if err := read(sel(" HAVING "+next), append(slices.Clip(m.args), limit-len(page.Items), 0)); err != nil {
					return page, err
				}
			}
		}
	} else {
		if err := filteredPage(ctx, s, q, f, ks, "stories s", storyColumns, true, scanStory, &page); err != nil {
			return page, err
		}
	}
	if len(page.Items) == limit {
		page.Next = page.Items[limit-1].ID
	}
	return page, s.attachStoryReviews(ctx, page.Items)
}

// soleKey lets a filter on a few actors or outlets be paged from its
// member table's index (a variable for the tests, which compare both
// ways).
var soleKey = true

// maxKeys is the most actors or outlets a name may name for its stories
// to be paged key by key (storiesOfKey).
const maxKeys = 8

// storiesOfKey reads the page of stories of m's set when its actors or
// outlets are few (done): each one's rows are in the member table's
// index in day order (story_actors_day, story_sources_day), so the first
// offset+limit of each are read there and merged, and the count reads
// MaxCount rows of each at most, for an actor of 50 stories or of
// 20,000. A story of two of the keys (a meeting of Russia and of "the
// Russian government") is met twice and kept once. The member table's
// day is the story's.
func (s *queries) storiesOfKey(ctx context.Context, q Query, m *member, ks *keyset, limit, offset int,
	page *Page[Story], read func(string, []any) error) (done bool, err error) {
	rows, err := s.r.QueryContext(ctx, m.keys+` LIMIT `+strconv.Itoa(maxKeys+1), m.keyArgs...)
	if err != nil {
		return false, err
	}
	var keys []any
	for rows.Next() {
		var k any
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return false, err
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(keys) == 0 || len(keys) > maxKeys {
		return false, err
	}
	conds := make([]string, len(keys))
	args := make([][]any, len(keys))
	for i, k := range keys {
		conds[i], args[i] = m.single(k)
	}
	var count []string
	var countArgs []any
	for i := range keys {
		count = append(count, `SELECT story_pk FROM (SELECT m.story_pk FROM `+m.table+` m WHERE `+conds[i]+` LIMIT ?) AS k`+strconv.Itoa(i))
		countArgs = append(append(countArgs, args[i]...), countCap+1)
	}
	if page.Total, page.Capped, err = s.cappedCount(ctx, strings.Join(count, " UNION "), countArgs); err != nil {
		return false, err
	}
	_, order, _ := sortOrder(q.Sort, true)
	dir := dateDir(q.Sort)
	// pageOf reads n stories from offset among those of every key that
	// also pass extra (with xargs).
	pageOf := func(extra string, xargs []any, n, offset int) error {
		var each []string
		var all []any
		for i := range keys {
			each = append(each, `SELECT story_pk, day FROM (SELECT m.story_pk, m.day FROM `+m.table+` m WHERE `+conds[i]+extra+
				` ORDER BY m.day`+dir+`, m.story_pk`+dir+` LIMIT ?) AS k`+strconv.Itoa(i))
			all = append(append(append(all, args[i]...), xargs...), n+offset)
		}
		return read(`SELECT `+storyColumns+` WHERE s.pk IN (SELECT story_pk FROM (`+strings.Join(each, " UNION ALL ")+
			`) AS u GROUP BY story_pk ORDER BY max(day)`+dir+`, story_pk`+dir+` LIMIT ? OFFSET ?) ORDER BY `+order, append(all, n, offset))
	}
	if ks == nil {
		return true, pageOf("", nil, limit, offset)
	}
	ks.expr, ks.pk = "m.day", "m.story_pk"
	kc, kargs := ks.from()
	if err := pageOf(" AND "+kc, kargs, limit, 0); err != nil {
		return true, err
	}
	if next := ks.next(); next != "" && len(page.Items) < limit {
		return true, pageOf(" AND "+next, nil, limit-len(page.Items), 0)
	}
	return true, nil
}

// pageAfter reads a page of f (read: limit rows from offset) where the
// keyset ks, when not nil, says it starts: after ks's row in its
// segment, then, when the segment ends before the page is full (have),
// from the start of the next segment.
func pageAfter(f *filter, ks *keyset, limit, offset int, read func(f *filter, limit, offset int) error, have func() int) error {
	if ks == nil {
		return read(f, limit, offset)
	}
	cond, args := ks.from()
	if err := read(f.with(cond, args...), limit, 0); err != nil {
		return err
	}
	if next := ks.next(); next != "" && have() < limit {
		return read(f.with(next), limit-have(), 0)
	}
	return nil
}

// keysetOf is where the page q asks for starts when it gives the row
// it comes after (Query.After, a story id S… or a raw event id E…), or
// nil: that row's sort key is read, and the page holds the rows that
// follow it in the sort order. A page read this way costs the same at
// any depth, where an offset reads and skips every row before it.
func (s *queries) keysetOf(ctx context.Context, q Query, story bool) (*keyset, error) {
	after := strings.TrimSpace(q.After)
	if after == "" {
		return nil, nil
	}
	what, prefix := "raw event", byte('E')
	if story {
		what, prefix = "story", 'S'
	}
	if q.Offset > 0 {
		return nil, fmt.Errorf("%w: after and offset together (after starts the page itself)", ErrBadQuery)
	}
	pk, ok := parseID(after, prefix)
	if !ok {
		return nil, fmt.Errorf("%w: after %q is not a %s id (%c…): give the next of the previous page", ErrBadQuery, after, what, prefix)
	}
	if _, err := checkSort(q.Sort, story); err != nil {
		return nil, err
	}
	ks := newKeyset(q.Sort, story, pk, s.dialect.nullsLow)
	t, from := sortFrom(q.Sort, story)
	err := s.r.QueryRowContext(ctx, `SELECT `+ks.expr+` FROM `+from+` WHERE `+t+`.pk = ?`, pk).Scan(&ks.value)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: after %q: no such %s", ErrBadQuery, after, what)
	}
	return &ks, err
}

const mentionColumns = `e.pk, e.story_pk, d.id, d.source, d.url, d.title, d.date, e.json,
	coalesce(t.text, ''), coalesce(t.start, -1)
	FROM events e JOIN documents d ON d.pk = e.doc_pk LEFT JOIN sentences t ON t.pk = e.sentence_pk`

// filteredPage fills page (its Offset and Limit set) with the rows of
// filter f over table, read as columns by scan: counted (capped at
// MaxCount), its text match bounded, walked in day order when the count
// was capped, and paged by keyset ks or by offset. story says whether the
// rows are stories or raw events.
func filteredPage[T any](ctx context.Context, s *queries, q Query, f *filter, ks *keyset, table, columns string, story bool, scan func(scanner) (T, error), page *Page[T]) error {
	if err := s.densify(ctx, f); err != nil {
		return err
	}
	var err error
	if page.Total, page.Capped, err = s.count(ctx, table, f); err != nil {
		return err
	}
	if err := s.textBounded(ctx, q, f, &page.Capped); err != nil {
		return err
	}
	pf := f
	if s.walkPlan(page.Capped, page.Offset, page.Limit) && isDateSort(q.Sort) {
		pf = f.walked()
	}
	read := func(pf *filter, limit, offset int) error {
		sel, err := pageSQL(columns, pf, q.Sort, story)
		if err != nil {
			return err
		}
		return queryAll(ctx, s.r, &page.Items, scan, sel, append(slices.Clip(pf.args), limit, offset)...)
	}
	if key := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(q.Sort)), "-"); story && key == "place" && s.dialect.walk && placesFirst {
		return s.placePage(ctx, f, ks, strings.HasPrefix(strings.TrimSpace(q.Sort), "-"), page.Limit, page.Offset,
			func(sel string, args []any) error { return queryAll(ctx, s.r, &page.Items, scan, sel, args...) },
			func() int { return len(page.Items) })
	}
	if ks == nil && len(f.conds) == 0 && page.Offset >= deepOffset && s.dialect.nullsLow && newestFirst(q.Sort) {
		if done, err := s.deepPage(ctx, table, page.Limit, page.Offset, read, func() int { return len(page.Items) }); done || err != nil {
			return err
		}
	}
	return pageAfter(pf, ks, page.Limit, page.Offset, read, func() int { return len(page.Items) })
}

// deepOffset is the offset from which an unfiltered page, newest first,
// is read by deepPage (a variable for the tests).
var deepOffset = 1000

// deepPage reads an unfiltered page newest first (read: limit rows from
// offset) far from the start (SQLite). The day index orders the rows by
// day alone (its other columns follow), so ordering them by day and id
// sorted every day from the first: 4 ms to skip 15,000 raw events. The
// day at the offset (D) and the number of rows of later days (n) are read
// from the index without that sort, and the page is the rows of day D and
// before from offset - n, so only the days of the page are sorted; rows
// without a day come after all others (SQLite's NULL is the smallest
// value), and follow when the dated rows end within the page. done is
// false when the offset falls among rows without a day or past the end:
// the caller reads the page as any other.
func (s *queries) deepPage(ctx context.Context, table string, limit, offset int,
	read func(f *filter, limit, offset int) error, have func() int) (done bool, err error) {
	t := alias(table)
	var day sql.NullInt64
	err = s.r.QueryRowContext(ctx, `SELECT `+t+`.day FROM `+table+` ORDER BY `+t+`.day DESC LIMIT 1 OFFSET ?`, offset).Scan(&day)
	if errors.Is(err, sql.ErrNoRows) || err == nil && !day.Valid {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var later int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE `+t+`.day > ?`, day.Int64).Scan(&later); err != nil {
		return false, err
	}
	f := &filter{}
	if err := read(f.with(t+".day <= ?", day.Int64), limit, offset-later); err != nil {
		return true, err
	}
	if have() < limit {
		// The dated rows ended within the page (they reach past
		// offset, as day D is at it): the undated ones follow from
		// their first.
		return true, read(f.with(t+".day IS NULL"), limit-have(), 0)
	}
	return true, nil
}

// placesFirst lets stories sorted by place be read place by place
// (placePage; a variable for the tests, which compare both ways).
var placesFirst = true

// placePage reads a page of stories matching f sorted by their place's
// name (SQLite; desc: Z to A), ties newest first, the stories without a
// place last (sortOrder): read (a query and its arguments) appends rows,
// have counts them. Joining every story to its place to sort them all
// cost 15-20 ms for 80,000 stories; here the places are read in name
// order (places_name) and each one's stories from stories_place, so a
// page sorts the stories of its own places only. The stories without a
// place follow, newest first, once the placed ones end.
func (s *queries) placePage(ctx context.Context, f *filter, ks *keyset, desc bool, limit, offset int,
	read func(sel string, args []any) error, have func() int) error {
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	_, order, err := sortOrder(map[bool]string{false: "place", true: "-place"}[desc], true)
	if err != nil {
		return err
	}
	page := func(from string, g *filter, inner string, n, off int) error {
		return read(`SELECT `+storyColumns+` WHERE s.pk IN (SELECT s.pk FROM `+from+g.where()+` ORDER BY `+inner+
			` LIMIT ? OFFSET ?) ORDER BY `+order, append(slices.Clip(g.args), n, off))
	}
	placed := func(g *filter, n, off int) error {
		// CROSS JOIN keeps SQLite's join order: places first.
		return page("places p CROSS JOIN stories s", g.with("s.place_pk = p.pk"), "p.name"+dir+", s.pk DESC", n, off)
	}
	unplaced := func(g *filter, n, off int) error {
		return page("stories s", g.with("s.place_pk IS NULL"), "s.pk DESC", n, off)
	}
	switch {
	case ks != nil && ks.value == nil:
		// After a story without a place: the rest of those.
		return unplaced(f.with("s.pk < ?", ks.after), limit, 0)
	case ks != nil:
		cond, args := ks.from()
		if err := placed(f.with(cond, args...), limit, 0); err != nil || have() == limit {
			return err
		}
		return unplaced(f, limit-have(), 0)
	}
	if err := placed(f, limit, offset); err != nil || have() == limit {
		return err
	}
	off := 0
	if have() == 0 && offset > 0 {
		// The offset is past the placed stories: they are counted to
		// find where among the others it falls.
		var n int
		if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM stories s`+f.with("s.place_pk IS NOT NULL").where(),
			f.args...).Scan(&n); err != nil {
			return err
		}
		off = max(offset-n, 0)
	}
	return unplaced(f, limit-have(), off)
}

// newestFirst says whether sort is the default order, newest first.
func newestFirst(sort string) bool {
	sort = strings.ToLower(strings.TrimSpace(sort))
	return sort == "" || sort == "-date"
}

// queryAll runs query sel with args and appends each row, read by scan, to
// out.
func queryAll[T any](ctx context.Context, db queryDB, out *[]T, scan func(scanner) (T, error), sel string, args ...any) error {
	rows, err := db.QueryContext(ctx, sel, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return err
		}
		*out = append(*out, v)
	}
	return rows.Err()
}

// scanMention reads a raw event (mentionColumns), decoded once: a raw
// event never changes once stored (no statement updates or deletes raw
// events, documents or sentences), so what its JSON decodes to, and its
// highlight, are kept (decoded) and the next read of it copies them.
// Decoding was a third of a page of raw events.
func (s *queries) scanMention(r scanner) (Mention, error) {
	var m Mention
	var pk, spk int64
	var js []byte
	var start int
	if err := r.Scan(&pk, &spk, &m.DocID, &m.Source, &m.URL, &m.Title, &m.DocDate, &js, &m.Sentence, &start); err != nil {
		return m, err
	}
	if c, ok := s.decoded.get(pk); ok {
		return c, nil
	}
	m.ID, m.StoryID = eventID(pk), storyID(spk)
	if err := json.Unmarshal(js, &m.Event); err != nil {
		return m, fmt.Errorf("event %s: stored JSON unreadable: %w", m.ID, err)
	}
	if m.Event.Text == "" {
		m.Event.Text = m.Sentence // the SQLite store keeps it once, in sentences
	}
	if start >= 0 {
		m.Highlight = highlight(m.Sentence, start, &m.Event)
	}
	s.decoded.put(pk, m)
	return m, nil
}

// mentionCache keeps raw events as read, without their review (which
// changes), by row: two generations of at most mentionCacheSize each;
// when the newer is full it becomes the older, and the older is dropped.
// Each read gets a copy of its own (copyMention).
type mentionCache struct {
	mu       sync.Mutex
	cur, old map[int64]Mention
}

// mentionCacheSize bounds a generation of mentionCache (a raw event as
// read is 2-3 KB).
const mentionCacheSize = 4096

func (c *mentionCache) get(pk int64) (Mention, bool) {
	c.mu.Lock()
	m, ok := c.cur[pk]
	if !ok {
		m, ok = c.old[pk]
	}
	c.mu.Unlock()
	if !ok {
		return Mention{}, false
	}
	return copyMention(m), true
}

func (c *mentionCache) put(pk int64, m Mention) {
	m = copyMention(m)
	m.Review = nil
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.cur) >= mentionCacheSize {
		c.old, c.cur = c.cur, nil
	}
	if c.cur == nil {
		c.cur = make(map[int64]Mention, mentionCacheSize)
	}
	c.cur[pk] = m
}

// copyMention is m with nothing shared: its actors, place, reasons,
// contexts and highlight are copies.
func copyMention(m Mention) Mention {
	e := &m.Event
	for _, a := range []**event.Actor{&e.Actor, &e.Recipient, &e.Attribution} {
		if *a != nil {
			c := **a
			*a = &c
		}
	}
	if e.Location != nil {
		l := *e.Location
		e.Location = &l
	}
	if e.Why != nil {
		w := *e.Why
		e.Why = &w
	}
	if e.Contexts != nil {
		e.Contexts = slices.Clone(e.Contexts)
	}
	if m.Highlight != nil {
		m.Highlight = slices.Clone(m.Highlight)
	}
	if m.Review != nil {
		r := *m.Review
		m.Review = &r
	}
	return m
}

// highlight cuts a sentence that starts at byte start of its document into
// plain, actor, trigger and recipient segments, from the event's spans.
func highlight(sentence string, start int, e *event.Event) []Segment {
	type mark struct {
		from, to int
		role     string
	}
	var marks []mark
	addSpan := func(sp [2]int, role string) {
		from, to := sp[0]-start, sp[1]-start
		if sp == [2]int{} || from < 0 || to > len(sentence) || from >= to {
			return
		}
		if !utf8.RuneStart(sentence[from]) || (to < len(sentence) && !utf8.RuneStart(sentence[to])) {
			return
		}
		marks = append(marks, mark{from, to, role})
	}
	if e.Actor != nil {
		addSpan(e.Actor.Span, "actor")
	}
	addSpan(e.TriggerSpan, "trigger")
	if e.Recipient != nil {
		addSpan(e.Recipient.Span, "recipient")
	}
	sort.Slice(marks, func(i, j int) bool { return marks[i].from < marks[j].from })
	var segs []Segment
	at := 0
	for _, m := range marks {
		if m.from < at { // overlaps an earlier mark: keep the earlier one
			continue
		}
		if m.from > at {
			segs = append(segs, Segment{Text: sentence[at:m.from]})
		}
		segs = append(segs, Segment{Text: sentence[m.from:m.to], Role: m.role})
		at = m.to
	}
	if at < len(sentence) {
		segs = append(segs, Segment{Text: sentence[at:]})
	}
	return segs
}

// Events returns raw events matching q, newest first.
func (s *queries) Events(ctx context.Context, q Query) (Page[Mention], error) {
	limit, offset := pageBounds(q)
	page := Page[Mention]{Offset: offset, Limit: limit, Items: []Mention{}}
	f, err := s.build(q, false)
	if err != nil {
		return page, err
	}
	if err := s.listText(ctx, f); err != nil {
		return page, err
	}
	ks, err := s.keysetOf(ctx, q, false)
	if err != nil {
		return page, err
	}
	if err := filteredPage(ctx, s, q, f, ks, "events e", mentionColumns, false, s.scanMention, &page); err != nil {
		return page, err
	}
	if len(page.Items) == limit {
		page.Next = page.Items[limit-1].ID
	}
	return page, s.attachMentionReviews(ctx, page.Items)
}

func (s *queries) mentions(ctx context.Context, where string, arg any) ([]Mention, error) {
	out := []Mention{}
	if err := queryAll(ctx, s.r, &out, s.scanMention, `SELECT `+mentionColumns+` WHERE `+where+` ORDER BY d.date, e.pk`, arg); err != nil {
		return nil, err
	}
	return out, s.attachMentionReviews(ctx, out)
}

// Story returns one merged event with its reports.
func (s *queries) Story(ctx context.Context, id string) (*StoryDetail, error) {
	pk, ok := parseID(id, 'S')
	if !ok {
		return nil, fmt.Errorf("story %q: %w", id, ErrNotFound)
	}
	st, err := scanStory(s.r.QueryRowContext(ctx, `SELECT `+storyColumns+` WHERE s.pk = ?`, pk))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("story %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	reports, err := s.mentions(ctx, "e.story_pk = ?", pk)
	if err != nil {
		return nil, err
	}
	stories := []Story{st}
	if err := s.attachStoryReviews(ctx, stories); err != nil {
		return nil, err
	}
	return &StoryDetail{Story: stories[0], Reports: reports}, nil
}

// StoryRecord is what a file's record of a story (export.FromStory)
// takes from its reports: the first, as Story reads it (without its
// review), and every report's contexts.
type StoryRecord struct {
	Story
	First    *Mention // nil for a story without reports
	Contexts []string // the contexts of all its reports, sorted, each once
}

// StoryRecords returns the record of each of stories (a page of
// Stories). The reports of all of them are read in one query, and of
// each only its document's date (to find the first) and its contexts:
// reading every report whole (its sentence, its highlight, its review,
// its event's JSON decoded) cost most of a download, 1,900 reports for
// the stories of Russia in a month. The first reports are then read
// whole, as Story reads them.
func (s *queries) StoryRecords(ctx context.Context, stories []Story) ([]StoryRecord, error) {
	out := make([]StoryRecord, len(stories))
	if len(stories) == 0 {
		return out, nil
	}
	pks := make([]any, len(stories))
	at := make(map[int64]int, len(stories))
	for i, st := range stories {
		pk, _ := parseID(st.ID, 'S')
		pks[i], at[pk] = pk, i
		out[i] = StoryRecord{Story: st, Contexts: []string{}}
	}
	type report struct {
		pk   int64
		date string
	}
	first := make([]report, len(stories))
	seen := make([]map[string]bool, len(stories))
	rows, err := s.r.QueryContext(ctx, `SELECT e.story_pk, e.pk, d.date, e.json FROM events e JOIN documents d ON d.pk = e.doc_pk
		WHERE e.story_pk IN (`+placeholders(len(pks))+`)`, pks...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var spk int64
		var r report
		var js []byte
		if err := rows.Scan(&spk, &r.pk, &r.date, &js); err != nil {
			return nil, err
		}
		i, ok := at[spk]
		if !ok {
			continue
		}
		// Story's order: by the document's date, then by raw event.
		if f := first[i]; f.pk == 0 || r.date < f.date || r.date == f.date && r.pk < f.pk {
			first[i] = r
		}
		cs, err := contextsOf(js)
		if err != nil {
			return nil, fmt.Errorf("event %s: stored JSON unreadable: %w", eventID(r.pk), err)
		}
		for _, c := range cs {
			if seen[i] == nil {
				seen[i] = map[string]bool{}
			}
			if !seen[i][c] {
				seen[i][c] = true
				out[i].Contexts = append(out[i].Contexts, c)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	var firsts []any
	for i := range out {
		sort.Strings(out[i].Contexts)
		if first[i].pk != 0 {
			firsts = append(firsts, first[i].pk)
		}
	}
	if len(firsts) == 0 {
		return out, nil
	}
	var ms []Mention
	if err := queryAll(ctx, s.r, &ms, s.scanMention, `SELECT `+mentionColumns+` WHERE e.pk IN (`+placeholders(len(firsts))+`)`, firsts...); err != nil {
		return nil, err
	}
	for k := range ms {
		pk, _ := parseID(ms[k].StoryID, 'S')
		if i, ok := at[pk]; ok {
			out[i].First = &ms[k]
		}
	}
	return out, nil
}

// contextsKey starts the contexts of a raw event's stored JSON: the only
// key of that name in an event, and no string holds it (a quote inside
// a string is escaped).
var contextsKey = []byte(`"contexts":`)

// contextsOf reads the contexts of a raw event's stored JSON, decoding
// only their list (a list of strings ends at the first ] outside a
// string), or the whole of it when the list is not found so.
func contextsOf(js []byte) ([]string, error) {
	var v struct {
		Contexts []string `json:"contexts"`
	}
	if at := bytes.Index(js, contextsKey); at >= 0 {
		list := bytes.TrimLeft(js[at+len(contextsKey):], " \t\r\n")
		if len(list) >= 2 && list[0] == '[' && list[1] == ']' {
			return nil, nil
		}
		quoted := false
		for i := 0; i < len(list) && list[0] == '['; i++ {
			switch c := list[i]; {
			case quoted && c == '\\':
				i++
			case c == '"':
				quoted = !quoted
			case !quoted && c == ']':
				err := json.Unmarshal(list[:i+1], &v.Contexts)
				return v.Contexts, err
			}
		}
	}
	err := json.Unmarshal(js, &v)
	return v.Contexts, err
}

// Event returns one raw event.
func (s *queries) Event(ctx context.Context, id string) (*Mention, error) {
	pk, ok := parseID(id, 'E')
	if !ok {
		return nil, fmt.Errorf("event %q: %w", id, ErrNotFound)
	}
	m, err := s.scanMention(s.r.QueryRowContext(ctx, `SELECT `+mentionColumns+` WHERE e.pk = ?`, pk))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("event %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	ms := []Mention{m}
	if err := s.attachMentionReviews(ctx, ms); err != nil {
		return nil, err
	}
	return &ms[0], nil
}

// Document returns one stored document with its raw events.
func (s *queries) Document(ctx context.Context, id string) (*Document, error) {
	var d Document
	var pk int64
	err := s.r.QueryRowContext(ctx, `SELECT pk, id, hash, source, url, title, date, path, text FROM documents WHERE id = ?`, id).
		Scan(&pk, &d.ID, &d.Hash, &d.Source, &d.URL, &d.Title, &d.Date, &d.Path, &d.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	if d.Events, err = s.mentions(ctx, "e.doc_pk = ?", pk); err != nil {
		return nil, err
	}
	return &d, nil
}

// level picks the table aggregates count: stories (s) or raw events (e).
func (s *queries) level(q Query) (table string, f *filter, err error) {
	switch q.Level {
	case "", "story", "stories":
		f, err = s.build(q, true)
		return "stories s", f, err
	case "event", "events", "raw":
		f, err = s.build(q, false)
		return "events e", f, err
	}
	return "", nil, fmt.Errorf("%w: bad level %q (want story or event)", ErrBadQuery, q.Level)
}

func alias(table string) string { return table[len(table)-1:] }

func aggLimit(q Query, def int) int {
	if q.Limit <= 0 {
		return def
	}
	return min(q.Limit, 10000)
}

// CountBy aggregates matching events.
func (s *queries) CountBy(ctx context.Context, q Query, by string) ([]Count, error) {
	table, f, err := s.level(q)
	if err != nil {
		return nil, err
	}
	t := alias(table)
	var query string
	switch by {
	case "day", "week", "month":
		key := map[string]string{
			"day": t + ".day",
			// Weeks start on Monday; day 0 (1970-01-01) was a Thursday.
			"week":  t + ".day - (((" + t + ".day + 3) % 7) + 7) % 7",
			"month": "substr(" + t + ".date, 1, 7)",
		}[by]
		f.add(t + ".day IS NOT NULL")
		query = `SELECT ` + key + ` AS k, count(*) FROM ` + table + f.where() + ` GROUP BY k ORDER BY k`
	case "type":
		query = `SELECT ` + t + `.type AS k, count(*) AS n FROM ` + table + f.where() + ` GROUP BY k ORDER BY n DESC, k`
	case "quad":
		query = `SELECT ` + t + `.quad AS k, count(*) AS n FROM ` + table + f.where() + ` GROUP BY k ORDER BY k`
	case "actor":
		query = `SELECT coalesce(nullif(a.name, ''), nullif(a.code, ''), a.country, '(none)') AS k, count(*) AS n FROM ` + table +
			` LEFT JOIN actors a ON a.pk = ` + t + `.actor_pk` + f.where() + ` GROUP BY a.pk ORDER BY n DESC, k`
	case "country":
		w := f.where()
		sep := " AND "
		if w == "" {
			sep = " WHERE "
		}
		query = `SELECT k, count(*) AS n FROM (
			SELECT ` + t + `.actor_country AS k FROM ` + table + w + sep + t + `.actor_country <> ''
			UNION ALL SELECT ` + t + `.recipient_country FROM ` + table + w + sep + t + `.recipient_country <> '' AND ` + t + `.recipient_country <> ` + t + `.actor_country
			) AS sides GROUP BY k ORDER BY n DESC, k`
		f.args = append(f.args, f.args...)
	default:
		return nil, fmt.Errorf("%w: bad count-by %q (want day, week, month, type, quad, actor or country)", ErrBadQuery, by)
	}
	rows, err := s.r.QueryContext(ctx, query, f.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Count{}
	for rows.Next() {
		var k any
		var c Count
		if err := rows.Scan(&k, &c.Count); err != nil {
			return nil, err
		}
		switch v := k.(type) {
		case int64:
			if by == "day" || by == "week" {
				c.Key = dayDate(int(v))
			} else {
				c.Key = fmt.Sprint(v)
			}
		case nil:
			c.Key = ""
		default:
			c.Key = fmt.Sprintf("%s", v)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Timeline counts matching events per day and quad class.
func (s *queries) Timeline(ctx context.Context, q Query) ([]TimelinePoint, error) {
	cs := list(q.Country)
	if len(cs) > 0 {
		// A country on either side is counted as two halves added up:
		// events whose actor is of the country, and events whose recipient
		// is but whose actor is not. Each half reads one index, which
		// holds the day and quad class, where one condition with OR would
		// read every matching row of the table.
		q.Country = ""
	}
	table, f, err := s.level(q)
	if err != nil {
		return nil, err
	}
	t := alias(table)
	f.add(t + ".day IS NOT NULL")
	query := `SELECT ` + t + `.day, ` + t + `.quad, count(*) FROM ` + table + f.where() +
		` GROUP BY ` + t + `.day, ` + t + `.quad ORDER BY ` + t + `.day, ` + t + `.quad`
	args := f.args
	if len(cs) > 0 {
		p := placeholders(len(cs))
		query = `SELECT day, quad, count(*) FROM (
			SELECT ` + t + `.day AS day, ` + t + `.quad AS quad FROM ` + table + f.where() + ` AND ` + t + `.actor_country IN (` + p + `)
			UNION ALL SELECT ` + t + `.day, ` + t + `.quad FROM ` + table + f.where() + ` AND ` + t + `.recipient_country IN (` + p + `)
				AND ` + t + `.actor_country NOT IN (` + p + `)
			) AS sides GROUP BY day, quad ORDER BY day, quad`
		args = append(append(append(append(append([]any{}, f.args...), cs...), f.args...), cs...), cs...)
	}
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []TimelinePoint{}
	for rows.Next() {
		var day int
		var p TimelinePoint
		if err := rows.Scan(&day, &p.Quad, &p.Count); err != nil {
			return nil, err
		}
		p.Date = dayDate(day)
		out = append(out, p)
	}
	return out, rows.Err()
}

// Actors lists actors of matching events (either side), most events first.
func (s *queries) Actors(ctx context.Context, q Query) ([]ActorCount, error) {
	table, f, err := s.level(q)
	if err != nil {
		return nil, err
	}
	t := alias(table)
	w := f.where()
	sep := " AND "
	if w == "" {
		sep = " WHERE "
	}
	args := append(append([]any{}, f.args...), f.args...)
	args = append(args, aggLimit(q, 100))
	rows, err := s.r.QueryContext(ctx, `SELECT a.pk, a.name, a.country, a.sector, a.code, c.n FROM (
		SELECT pk, count(*) AS n FROM (
			SELECT `+t+`.actor_pk AS pk FROM `+table+w+sep+t+`.actor_pk IS NOT NULL
			UNION ALL SELECT `+t+`.recipient_pk FROM `+table+w+sep+t+`.recipient_pk IS NOT NULL AND `+t+`.recipient_pk IS DISTINCT FROM `+t+`.actor_pk
		) AS sides GROUP BY pk ORDER BY n DESC LIMIT ?) c JOIN actors a ON a.pk = c.pk ORDER BY c.n DESC, a.name`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []ActorCount{}
	for rows.Next() {
		var a ActorCount
		if err := rows.Scan(&a.ID, &a.Name, &a.Country, &a.Sector, &a.Code, &a.Count); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Network returns actor → recipient edges weighted by event count.
func (s *queries) Network(ctx context.Context, q Query) ([]Edge, error) {
	table, f, err := s.level(q)
	if err != nil {
		return nil, err
	}
	t := alias(table)
	f.add(t + ".actor_pk IS NOT NULL AND " + t + ".recipient_pk IS NOT NULL")
	rows, err := s.r.QueryContext(ctx, `SELECT `+t+`.actor_pk, `+t+`.recipient_pk, `+t+`.quad, count(*) FROM `+table+f.where()+
		` GROUP BY `+t+`.actor_pk, `+t+`.recipient_pk, `+t+`.quad`, f.args...)
	if err != nil {
		return nil, err
	}
	type pair struct{ a, r int64 }
	type tally struct {
		n     int
		quads [5]int
	}
	edges := map[pair]*tally{}
	for rows.Next() {
		var p pair
		var quad, n int
		if err := rows.Scan(&p.a, &p.r, &quad, &n); err != nil {
			rows.Close()
			return nil, err
		}
		e := edges[p]
		if e == nil {
			e = &tally{}
			edges[p] = e
		}
		e.n += n
		if quad >= 0 && quad < 5 {
			e.quads[quad] += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	keys := make([]pair, 0, len(edges))
	for k := range edges {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if edges[keys[i]].n != edges[keys[j]].n {
			return edges[keys[i]].n > edges[keys[j]].n
		}
		if keys[i].a != keys[j].a {
			return keys[i].a < keys[j].a
		}
		return keys[i].r < keys[j].r
	})
	keys = keys[:min(len(keys), aggLimit(q, 100))]
	ents := map[int64]Entity{}
	var pks []any
	for _, k := range keys {
		for _, pk := range []int64{k.a, k.r} {
			if _, ok := ents[pk]; !ok {
				ents[pk] = Entity{}
				pks = append(pks, pk)
			}
		}
	}
	if len(pks) > 0 {
		rows, err := s.r.QueryContext(ctx, `SELECT pk, name, country, sector, code FROM actors WHERE pk IN (`+placeholders(len(pks))+`)`, pks...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var e Entity
			if err := rows.Scan(&e.ID, &e.Name, &e.Country, &e.Sector, &e.Code); err != nil {
				rows.Close()
				return nil, err
			}
			ents[e.ID] = e
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([]Edge, 0, len(keys))
	for _, k := range keys {
		e := edges[k]
		best := 0
		for q := 1; q < 5; q++ {
			if e.quads[q] > e.quads[best] {
				best = q
			}
		}
		out = append(out, Edge{Source: ents[k.a], Target: ents[k.r], Count: e.n, Quad: best})
	}
	return out, nil
}

// Places lists event places of matching events, most events first.
func (s *queries) Places(ctx context.Context, q Query) ([]PlaceCount, error) {
	table, f, err := s.level(q)
	if err != nil {
		return nil, err
	}
	t := alias(table)
	f.add(t + ".place_pk IS NOT NULL")
	quad := func(k string) string { return `sum(CASE WHEN ` + t + `.quad = ` + k + ` THEN 1 ELSE 0 END) AS q` + k }
	rows, err := s.r.QueryContext(ctx, `SELECT p.pk, p.name, p.country, p.lat, p.lon, p.geonames_id, p.resolution, c.n, c.q1, c.q2, c.q3, c.q4 FROM (
		SELECT `+t+`.place_pk AS pk, count(*) AS n, `+quad("1")+`, `+quad("2")+`, `+quad("3")+`, `+quad("4")+`
		FROM `+table+f.where()+` GROUP BY `+t+`.place_pk ORDER BY n DESC LIMIT ?
		) c JOIN places p ON p.pk = c.pk ORDER BY c.n DESC, p.name`, append(f.args, aggLimit(q, 500))...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []PlaceCount{}
	for rows.Next() {
		var p PlaceCount
		if err := rows.Scan(&p.ID, &p.Name, &p.Country, &p.Lat, &p.Lon, &p.GeonamesID, &p.Resolution, &p.Count,
			&p.Quads[1], &p.Quads[2], &p.Quads[3], &p.Quads[4]); err != nil {
			return nil, err
		}
		p.Quads[0] = p.Count - p.Quads[1] - p.Quads[2] - p.Quads[3] - p.Quads[4]
		out = append(out, p)
	}
	return out, rows.Err()
}

// Stats summarises the store.
func (s *queries) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	var first, last sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM events), (SELECT count(*) FROM stories),
		(SELECT count(*) FROM actors), (SELECT count(*) FROM places),
		(SELECT count(DISTINCT source_key) FROM documents),
		(SELECT min(day) FROM stories), (SELECT max(day) FROM stories)`).
		Scan(&st.Documents, &st.Events, &st.Stories, &st.Actors, &st.Places, &st.Sources, &first, &last)
	if err != nil {
		return st, err
	}
	if first.Valid {
		st.FirstDate, st.LastDate = dayDate(int(first.Int64)), dayDate(int(last.Int64))
	}
	if st.ByType, err = s.CountBy(ctx, Query{}, "type"); err != nil {
		return st, err
	}
	st.ByQuad, err = s.CountBy(ctx, Query{}, "quad")
	return st, err
}

// Version changes whenever what the store answers may have: it is made of
// the largest row ids of the tables that only grow (a merge into a story
// always comes with a new raw event; reviews are kept as a history). The
// server keys its cache of aggregates on it.
func (s *queries) Version(ctx context.Context) (string, error) {
	var e, d, st, r int64
	err := s.r.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(pk), 0) FROM events), (SELECT coalesce(max(pk), 0) FROM documents),
		(SELECT coalesce(max(pk), 0) FROM stories), (SELECT coalesce(max(pk), 0) FROM reviews)`).Scan(&e, &d, &st, &r)
	return fmt.Sprintf("%d.%d.%d.%d", e, d, st, r), err
}
