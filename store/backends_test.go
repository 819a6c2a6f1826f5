package store

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// backend opens an empty store of one kind for a test and returns it with
// the dsn that Open reopens it from. The store tests run on every backend.
type backend struct {
	name string
	open func(t *testing.T, opts Options) (Store, string)
}

var backends = []backend{
	{"sqlite", func(t *testing.T, opts Options) (Store, string) { return open(t, opts) }},
	{"postgres", openPostgresTest},
}

func eachBackend(t *testing.T, test func(t *testing.T, b backend)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { test(t, b) })
	}
}

// pgTestDSN returns the server the PostgreSQL tests use, or skips the
// test with what to do when there is none.
func pgTestDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("PARLEY_TEST_PG_DSN")
	if dsn == "" && os.Getenv("CI") != "" {
		t.Fatal("CI runs the PostgreSQL tests: PARLEY_TEST_PG_DSN is unset (.ci/postgres.sh sets it)")
	}
	if dsn == "" {
		t.Skip("no PostgreSQL server: set PARLEY_TEST_PG_DSN=postgres://USER:PASSWORD@HOST:PORT/DB (.ci/postgres.sh starts one and sets it)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Skipf("PostgreSQL at PARLEY_TEST_PG_DSN (%s) is not reachable: %v", Redact(dsn), err)
	}
	c.Close(ctx)
	return dsn
}

var schemaSeq struct {
	sync.Mutex
	n int
}

// pgTestSchema creates an empty schema on the test server, dropped when
// the test ends, and returns a dsn whose search_path points into it: each
// test gets a fresh database without the cost of CREATE DATABASE.
func pgTestSchema(t testing.TB) string {
	t.Helper()
	dsn := pgTestDSN(t)
	schemaSeq.Lock()
	schemaSeq.n++
	schema := fmt.Sprintf("parley_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, schemaSeq.n)
	schemaSeq.Unlock()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Error(err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func openPostgresTest(t *testing.T, opts Options) (Store, string) {
	t.Helper()
	dsn := pgTestSchema(t)
	s, err := OpenPostgres(context.Background(), dsn, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dsn
}
