package store

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The schema is written twice, once per dialect (sqlite.go's migrations,
// postgres_migrations.go's pgMigrations), because the types, keys and
// full-text search differ. The shared read queries need the same tables
// and columns in both: these tests hold the two to that.

// pgOnlyColumns are the columns only the PostgreSQL schema has, with why:
// full-text search there is a generated column, in SQLite an FTS5 table.
var pgOnlyColumns = map[string]bool{"sentences.tsv": true}

// sqliteOnlyTable says whether a table is SQLite's own: the migrations
// record, the totals, its full-text index and the tables FTS5 keeps for it.
func sqliteOnlyTable(name string) bool {
	// totals: counts kept by triggers for the unfiltered page, SQLite
	// only: on PostgreSQL one counter row would serialise the concurrent
	// writers of a worker pool.
	return name == "migrations" || name == "totals" || strings.HasPrefix(name, "sentences_fts") || strings.HasPrefix(name, "sqlite_")
}

// TestSchemaDialectsAgree opens a real SQLite store (every migration
// applied) and compares its tables and columns, in order, with those the
// PostgreSQL migrations create.
func TestSchemaDialectsAgree(t *testing.T) {
	ctx := context.Background()
	s, err := OpenSQLite(ctx, filepath.Join(t.TempDir(), "schema.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	lite := map[string][]string{}
	rows, err := s.r.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		if !sqliteOnlyTable(name) {
			tables = append(tables, name)
		}
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		cols, err := s.r.QueryContext(ctx, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, table)
		if err != nil {
			t.Fatal(err)
		}
		for cols.Next() {
			var c string
			if err := cols.Scan(&c); err != nil {
				t.Fatal(err)
			}
			lite[table] = append(lite[table], c)
		}
		cols.Close()
	}

	pg, err := pgColumns()
	if err != nil {
		t.Fatal(err)
	}
	compareSchemas(t, "SQLite store", lite, "pgMigrations", pg)
}

// compareSchemas reports every table or column one side has and the
// other lacks, and columns in another order.
func compareSchemas(t *testing.T, aName string, a map[string][]string, bName string, b map[string][]string) {
	t.Helper()
	if len(a) == 0 || len(b) == 0 {
		t.Fatalf("no tables read: %s %d, %s %d", aName, len(a), bName, len(b))
	}
	for table, acols := range a {
		bcols, ok := b[table]
		if !ok {
			t.Errorf("table %s: in the %s, not in %s", table, aName, bName)
			continue
		}
		bcols = slices.DeleteFunc(slices.Clone(bcols), func(c string) bool { return pgOnlyColumns[table+"."+c] })
		if !slices.Equal(acols, bcols) {
			t.Errorf("table %s: columns differ\n%s: %s\n%s: %s", table, aName, strings.Join(acols, ", "), bName, strings.Join(bcols, ", "))
		}
	}
	for table := range b {
		if _, ok := a[table]; !ok {
			t.Errorf("table %s: in %s, not in the %s", table, bName, aName)
		}
	}
}

var (
	createTable = regexp.MustCompile(`(?is)^CREATE TABLE (?:IF NOT EXISTS )?(\w+)\s*\((.*)\)$`)
	alterTable  = regexp.MustCompile(`(?i)^ALTER TABLE`)
	addColumn   = regexp.MustCompile(`(?i)^ALTER TABLE (\w+) ADD COLUMN (?:IF NOT EXISTS )?"?(\w+)"?\s`)
	dropTable   = regexp.MustCompile(`(?i)^DROP TABLE (?:IF EXISTS )?(\w+)$`)
)

// pgColumns reads the tables and columns the PostgreSQL migrations create
// from their text, so the check runs without a server. It understands
// CREATE TABLE, DROP TABLE and ALTER TABLE ... ADD COLUMN (a column added
// last); a migration that alters a table otherwise fails the test until
// this reader learns it.
func pgColumns() (map[string][]string, error) {
	out := map[string][]string{}
	for _, m := range pgMigrations {
		for _, stmt := range strings.Split(m.sql, ";") {
			stmt = strings.TrimSpace(stmt)
			switch {
			case stmt == "":
			case addColumn.MatchString(stmt):
				sm := addColumn.FindStringSubmatch(stmt)
				out[sm[1]] = append(out[sm[1]], sm[2])
			case alterTable.MatchString(stmt):
				return nil, fmt.Errorf("migration %q alters a table: teach pgColumns ALTER TABLE", m.name)
			case dropTable.MatchString(stmt):
				delete(out, dropTable.FindStringSubmatch(stmt)[1])
			case createTable.MatchString(stmt):
				sm := createTable.FindStringSubmatch(stmt)
				out[sm[1]] = columnNames(sm[2])
			}
		}
	}
	return out, nil
}

// columnNames returns the column names of a CREATE TABLE body: the first
// word of each top-level comma-separated part, table constraints left out.
func columnNames(body string) []string {
	var cols, parts []string
	depth, start := 0, 0
	for i, r := range body {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, body[start:i])
				start = i + 1
			}
		}
	}
	parts = append(parts, body[start:])
	for _, p := range parts {
		f := strings.Fields(p)
		if len(f) == 0 {
			continue
		}
		switch strings.ToUpper(f[0]) {
		case "UNIQUE", "PRIMARY", "FOREIGN", "CHECK", "CONSTRAINT", "EXCLUDE":
			continue
		}
		cols = append(cols, strings.Trim(f[0], `"`))
	}
	return cols
}

// TestPostgresSchemaAsRead checks pgColumns against a real PostgreSQL
// store's catalogue, so that the text reader the test above relies on
// reads the migrations as PostgreSQL does.
func TestPostgresSchemaAsRead(t *testing.T) {
	dsn := pgTestSchema(t)
	ctx := context.Background()
	s, err := OpenPostgres(ctx, dsn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.db.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name <> 'migrations' ORDER BY table_name, ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	real := map[string][]string{}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		real[table] = append(real[table], col)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	read, err := pgColumns()
	if err != nil {
		t.Fatal(err)
	}
	for table, cols := range read {
		if !slices.Equal(cols, real[table]) {
			t.Errorf("table %s: the migrations read as %v, PostgreSQL has %v", table, cols, real[table])
		}
	}
	for table := range real {
		if _, ok := read[table]; !ok {
			t.Errorf("table %s: in PostgreSQL, not read from the migrations", table)
		}
	}
}
