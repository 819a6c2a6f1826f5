package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"sync"
)

// The read side of the store (query.go) is one implementation over
// database/sql shared by SQLite and PostgreSQL. The two databases differ
// in a few spellings, kept in a dialect, and in how placeholders are
// written, which queryDB hides.

// queryDB is what the read side needs from a database: a *sql.DB for
// SQLite, a placeholder-numbering wrapper for PostgreSQL.
type queryDB interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// queries answers the Store's read methods (Stories, Events, CountBy, ...)
// over r; SQLite and Postgres embed it.
type queries struct {
	r       queryDB
	window  int // de-duplication window in days: bounds story-member lookups
	dialect dialect
	// decoded keeps the raw events read (scanMention).
	decoded *mentionCache
}

// dialect is what differs between the databases in read queries.
type dialect struct {
	// like is the case-insensitive pattern operator (SQLite's LIKE is
	// case-insensitive for ASCII; PostgreSQL needs ILIKE).
	like string
	// textMatch is a condition on events (or stories' member events)
	// selecting those whose sentence matches the full-text query ?.
	textMatch string
	// textQuery turns user words into that query's argument ("" for none).
	textQuery func(words string) string
	// textSentences is a FROM clause of the sentences matching the
	// full-text query ?.
	textSentences string
	// textNewest selects the ids of the newest MaxTextMatches sentences
	// matching the full-text query ? (textMatch's set).
	textNewest string
	// idList selects the ids of a JSON list ? (the sentences of
	// textNewest, or their stories, read once: listText).
	idList string
	// totals says the store keeps its totals in a table (SQLite).
	totals bool
	// walk says a condition can be kept off its index with a unary +
	// (SQLite), for pages read in day order (filter.walk).
	walk bool
	// nullsLow says NULL sorts before every value (SQLite), where
	// PostgreSQL sorts it after: a page after a row (keyset) finds the
	// rows without a day on the side the database put them.
	nullsLow bool
}

// MaxTextMatches bounds a full-text filter: it selects among the
// MaxTextMatches most recently stored sentences that match, so that a
// common word costs no more than a rare one.
const MaxTextMatches = 1000

var (
	sqliteNewest   = `SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rowid DESC LIMIT ` + strconv.Itoa(MaxTextMatches)
	postgresNewest = `SELECT pk FROM sentences WHERE tsv @@ plainto_tsquery('simple', ?) ORDER BY pk DESC LIMIT ` + strconv.Itoa(MaxTextMatches)
)

var sqliteDialect = dialect{
	like:          "LIKE",
	textMatch:     `sentence_pk IN (` + sqliteNewest + `)`,
	textQuery:     ftsQuery,
	textSentences: `sentences_fts WHERE sentences_fts MATCH ?`,
	textNewest:    sqliteNewest,
	idList:        `SELECT value FROM json_each(?)`,
	totals:        true,
	walk:          true,
	nullsLow:      true,
}

// postgresDialect searches the tsvector column of sentences with the
// 'simple' configuration (lower case, no stemming), as FTS5's default
// tokenizer does, and plainto_tsquery, which requires all words and
// treats operators in user text as words.
var postgresDialect = dialect{
	like:          "ILIKE",
	textMatch:     `sentence_pk IN (` + postgresNewest + `)`,
	textQuery:     func(words string) string { return strings.Join(strings.Fields(words), " ") },
	textSentences: `sentences WHERE tsv @@ plainto_tsquery('simple', ?)`,
	textNewest:    postgresNewest,
	idList:        `SELECT CAST(jsonb_array_elements_text(CAST(? AS jsonb)) AS bigint)`,
}

// numbered runs queries written with ? placeholders on a database that
// wants $1, $2, ... (PostgreSQL).
type numbered struct{ db *sql.DB }

func (n numbered) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return n.db.QueryContext(ctx, dollarPlaceholders(query), args...)
}

func (n numbered) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return n.db.QueryRowContext(ctx, dollarPlaceholders(query), args...)
}

// dollarPlaceholders rewrites each ? outside string literals as $1, $2, ...
func dollarPlaceholders(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	quoted := false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			quoted = !quoted // '' inside a literal toggles twice
		case c == '?' && !quoted:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// prepared runs a SQLite store's read queries as prepared statements,
// kept by their SQL: the same pages are asked again and again with other
// values, and preparing a page's query (its joins and subqueries) cost
// about a tenth of a page. At most maxPrepared are kept (a query with a
// list of n values is a query of its own for each n); the others are
// run as they come.
type prepared struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// maxPrepared bounds the statements prepared kept (each connection of the
// pool prepares its own copy of one when it first runs it).
const maxPrepared = 256

// stmt returns the statement of query, preparing it on first use, or nil
// when it cannot be kept (the cache is full, or it does not prepare: the
// query run directly says why).
func (p *prepared) stmt(ctx context.Context, query string) *sql.Stmt {
	p.mu.Lock()
	st, ok := p.m[query]
	full := len(p.m) >= maxPrepared
	p.mu.Unlock()
	if ok || full {
		return st
	}
	st, err := p.db.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if had, ok := p.m[query]; ok {
		st.Close()
		return had
	}
	if p.m == nil {
		p.m = map[string]*sql.Stmt{}
	}
	p.m[query] = st
	return st
}

func (p *prepared) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := p.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.db.QueryContext(ctx, query, args...)
}

func (p *prepared) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := p.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.db.QueryRowContext(ctx, query, args...)
}

// close closes the statements kept.
func (p *prepared) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, st := range p.m {
		st.Close()
	}
	p.m = nil
}
