package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/internal/version"
)

// runParley runs the binary with args and returns its standard output,
// standard error and exit status.
func runParley(t *testing.T, bin string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		status = exit.ExitCode()
	case err != nil:
		t.Fatalf("parley %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), errb.String(), status
}

// The conventions every command follows: --version, help, and
// COMMAND --help print on standard output and exit 0, with one usage
// layout; a mistake exits 2.
func TestCLIConventions(t *testing.T) {
	bin := buildParley(t)
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, _, status := runParley(t, bin, args...)
		if status != 0 || !strings.HasPrefix(out, "parley "+version.Release) {
			t.Errorf("parley %s: %d %q, want the version", args[0], status, out)
		}
	}
	help, _, status := runParley(t, bin, "help")
	if status != 0 || !strings.Contains(help, "Usage:") {
		t.Fatalf("parley help: %d %q", status, help)
	}
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !strings.Contains(help, "parley "+name) {
			t.Errorf("parley help does not list %s", name)
		}
		for _, args := range [][]string{{name, "--help"}, {name, "-h"}, {"help", name}} {
			out, errOut, status := runParley(t, bin, args...)
			if status != 0 || !strings.HasPrefix(out, "usage: parley "+name) || errOut != "" {
				t.Errorf("parley %s: status %d, stdout %.80q, stderr %.80q; want usage on stdout and 0",
					strings.Join(args, " "), status, out, errOut)
			}
			if strings.Contains(out, "Usage of ") {
				t.Errorf("parley %s prints Go's bare usage: %.80q", strings.Join(args, " "), out)
			}
		}
	}
	for _, sub := range []string{"import", "check"} {
		out, _, status := runParley(t, bin, "dict", sub, "--help")
		if status != 0 || !strings.HasPrefix(out, "usage: parley dict "+sub) {
			t.Errorf("parley dict %s --help: %d %.80q", sub, status, out)
		}
	}
	if _, errOut, status := runParley(t, bin, "query", "--no-such-flag"); status != 2 || !strings.Contains(errOut, "usage: parley query") {
		t.Errorf("a bad flag: status %d, stderr %.80q; want 2 and the usage", status, errOut)
	}
	if _, _, status := runParley(t, bin, "frobnicate"); status != 2 {
		t.Errorf("an unknown command exits %d, want 2", status)
	}
}

// devStore ingests the development articles into a new SQLite store.
func devStore(t *testing.T, bin string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "dev.db")
	if _, errOut, status := runParley(t, bin, "ingest", "--db", db, shared.Path(t, "eval/dev")); status != 0 {
		t.Fatalf("ingest: %d\n%s", status, errOut)
	}
	return db
}

// Filter values that can match nothing are mistakes: exit 2, naming the
// value and the accepted ones, in query and export alike.
func TestCLIRejectsBadFilters(t *testing.T) {
	bin := buildParley(t)
	db := devStore(t, bin)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--type", "FOO"}, `unknown type "FOO" (want one of AGREE, CONSULT`},
		{[]string{"--mode", "bogus"}, `unknown mode "bogus" (want one of`},
		{[]string{"--country", "russia"}, `unknown country "russia" (want an ISO 3166 alpha-3`},
		{[]string{"--limit", "-1"}, "bad --limit -1"},
		{[]string{"--from", "2024-02-01", "--to", "2024-01-01"}, "from 2024-02-01 is after to 2024-01-01"},
		{[]string{"--from", "yesterday"}, `bad from date "yesterday"`},
	} {
		for _, cmd := range []string{"query", "export"} {
			args := append([]string{cmd, "--db", db}, c.args...)
			if cmd == "export" {
				args = append(args, "--format", "csv")
			}
			out, errOut, status := runParley(t, bin, args...)
			if status != 2 || !strings.Contains(errOut, c.want) || out != "" {
				t.Errorf("parley %s: status %d, stderr %q; want 2 and %q", strings.Join(args[1:], " "), status, errOut, c.want)
			}
		}
	}
	// Case does not matter for codes.
	out, errOut, status := runParley(t, bin, "query", "--db", db, "--country", "rus", "--type", "assault", "--format", "jsonl")
	if status != 0 || strings.Count(out, "\n") == 0 {
		t.Errorf("--country rus --type assault: %d, %d lines\n%s", status, strings.Count(out, "\n"), errOut)
	}
}

// Mistakes leave nothing behind: no folder is created for a store, no store
// for inputs that do not exist, and reading never writes into a file that
// is not a store. Reading nothing is an error, not an empty success.
func TestCLIMistakesLeaveNoTrace(t *testing.T) {
	bin := buildParley(t)
	dir := t.TempDir()
	article := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(article, []byte("date 2024-03-01\n\nIran condemned Israel.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "nodir", "x.db")
	if _, errOut, status := runParley(t, bin, "ingest", "--db", missing, article); status != 1 || !strings.Contains(errOut, "does not exist") {
		t.Errorf("ingest into a missing folder: %d %q", status, errOut)
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Error("ingest created the missing folder")
	}
	db := filepath.Join(dir, "x.db")
	if _, errOut, status := runParley(t, bin, "ingest", "--db", db, filepath.Join(dir, "nonexist")); status != 1 || !strings.Contains(errOut, "nonexist") {
		t.Errorf("ingest of a missing file: %d %q", status, errOut)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("ingest of a missing file created the store")
	}
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range [][]string{{"query"}, {"export", "--format", "csv"}} {
		args := append(cmd, "--db", empty)
		if _, errOut, status := runParley(t, bin, args...); status != 1 || !strings.Contains(errOut, "not a parley database") {
			t.Errorf("%s on an empty file: %d %q", cmd[0], status, errOut)
		}
	}
	if st, err := os.Stat(empty); err != nil || st.Size() != 0 {
		t.Errorf("reading wrote into the empty file: %v, %d bytes", err, st.Size())
	}
	emptyDir := filepath.Join(dir, "articles")
	if err := os.Mkdir(emptyDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, errOut, status := runParley(t, bin, "code", emptyDir); status != 1 || !strings.Contains(errOut, "no documents") {
		t.Errorf("code on an empty folder: %d %q", status, errOut)
	}
	if _, _, status := runParley(t, bin, "bench", "--rounds", "1", article, filepath.Join(dir, "nonexist")); status != 1 {
		t.Errorf("bench with a missing file exits %d, want 1", status)
	}
}

// ingest ends with a summary even when standard error is not a terminal.
func TestIngestSummary(t *testing.T) {
	bin := buildParley(t)
	db := filepath.Join(t.TempDir(), "s.db")
	dev := shared.Path(t, "eval/dev")
	texts, _ := filepath.Glob(filepath.Join(dev, "*.txt"))
	_, errOut, status := runParley(t, bin, "ingest", "--db", db, dev)
	want := fmt.Sprintf("parley ingest: %d documents stored, 0 already stored, 0 failed; ", len(texts))
	if status != 0 || !strings.Contains(errOut, want) || !strings.Contains(errOut, "new stories") {
		t.Errorf("ingest: %d %q; want a summary starting %q", status, errOut, want)
	}
	_, errOut, _ = runParley(t, bin, "ingest", "--db", db, dev)
	if want := fmt.Sprintf("0 documents stored, %d already stored", len(texts)); !strings.Contains(errOut, want) {
		t.Errorf("second ingest: %q, want %q", errOut, want)
	}
}

// pgSchema returns a dsn of a fresh schema on the PostgreSQL test server,
// dropped when the test ends, or skips the test when there is no server.
func pgSchema(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("PARLEY_TEST_PG_DSN")
	if dsn == "" {
		t.Skip("no PostgreSQL server: set PARLEY_TEST_PG_DSN (.ci/postgres.sh starts one and sets it)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Skipf("PostgreSQL at PARLEY_TEST_PG_DSN is not reachable: %v", err)
	}
	defer c.Close(context.Background())
	schema := fmt.Sprintf("parley_cli_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	if _, err := c.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), dsn)
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close(context.Background())
		c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
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

// wrongPassword is the password TestCLIPostgres connects with to fail.
const wrongPassword = "not-the-right-one"

// ingest, query, export and serve all work on a postgres:// store, and
// none prints its password, also when the connection fails.
func TestCLIPostgres(t *testing.T) {
	dsn := pgSchema(t)
	u, _ := url.Parse(dsn)
	password, _ := u.User.Password()
	if password == "" {
		t.Skip("the test server's DSN has no password to keep secret")
	}
	bin := buildParley(t)
	// The password is looked for as a DSN writes it (the test server's
	// is "parley", a word every message holds), and the wrong one below
	// anywhere.
	secret := func(what, s string) {
		if strings.Contains(s, ":"+password+"@") || strings.Contains(s, wrongPassword) {
			t.Errorf("%s shows a password: %.300q", what, s)
		}
	}
	_, errOut, status := runParley(t, bin, "ingest", "--db", dsn, shared.Path(t, "eval/dev"))
	secret("ingest", errOut)
	if status != 0 || !strings.Contains(errOut, "documents stored") {
		t.Fatalf("ingest: %d %s", status, errOut)
	}
	out, errOut, status := runParley(t, bin, "query", "--db", dsn, "--format", "jsonl", "--country", "RUS")
	secret("query", out+errOut)
	if status != 0 || strings.Count(out, "\n") == 0 {
		t.Errorf("query: %d, %d lines\n%s", status, strings.Count(out, "\n"), errOut)
	}
	out, errOut, status = runParley(t, bin, "export", "--db", dsn, "--format", "csv")
	secret("export", out+errOut)
	if status != 0 || strings.Count(out, "\n") < 2 {
		t.Errorf("export: %d, %d lines\n%s", status, strings.Count(out, "\n"), errOut)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "--db", dsn, "--addr", addr)
	var serveErr bytes.Buffer
	cmd.Stderr = &serveErr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		secret("serve", serveErr.String())
	}()
	var resp *http.Response
	for range 100 {
		if resp, err = http.Get("http://" + addr + "/api/events?country=RUS"); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("serve never answered: %v\n%s", err, serveErr.String())
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("serve: GET /api/events: %s", resp.Status)
	}

	// A wrong password fails without showing either password.
	bad := *u
	bad.User = url.UserPassword(u.User.Username(), wrongPassword)
	for _, args := range [][]string{{"query"}, {"export", "--format", "csv"}, {"ingest", shared.Path(t, "eval/dev")}} {
		args = append(args, "--db", bad.String())
		if args[0] == "ingest" {
			args = []string{"ingest", "--db", bad.String(), shared.Path(t, "eval/dev")}
		}
		out, errOut, status := runParley(t, bin, args...)
		secret(args[0]+" with a wrong password", out+errOut)
		if status != 1 || !strings.Contains(errOut, "xxxxx") {
			t.Errorf("%s with a wrong password: %d %q; want 1 and the redacted address", args[0], status, errOut)
		}
	}
}
