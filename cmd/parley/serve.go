package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/server"
	"github.com/parley-events/parley/store"
	"github.com/parley-events/parley/web"
)

func init() {
	register(command{name: "serve", usage: "serve the stored events: HTTP API and web UI", run: runServe})
}

func runServe(args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	db := fs.String("db", defaultDB, "store: SQLite file or postgres:// URL")
	addr := fs.String("addr", "127.0.0.1:8080", "listen on HOST:PORT")
	token := fs.String("token", os.Getenv("PARLEY_TOKEN"), "bearer token that allows POST /api/documents and analysts' reviews (default $PARLEY_TOKEN; empty: read-only)")
	maxBody := fs.Int64("max-body", 1<<20, "largest submitted article, in bytes")
	timeout := fs.Duration("query-timeout", 10*time.Second, "longest a request may work on the store")
	codeTimeout := fs.Duration("code-timeout", 60*time.Second, "longest POST /api/documents may code one article")
	maxCoding := fs.Int("max-coding", runtime.GOMAXPROCS(0), "articles POST /api/documents codes at once (more are answered 503)")
	setUsage(fs, "parley serve [--addr HOST:PORT] [--token TOKEN] [--db PATH|postgres://...]",
		"Serves the store over HTTP: the JSON API under /api/ (described by /api/openapi.json),\n/healthz, /metrics and the web UI at /.")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "parley serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// A writable store only when the server may accept documents.
	s, ok := openStore(ctx, "serve", *db, store.Options{ReadOnly: *token == ""})
	if !ok {
		return 1
	}
	defer s.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley serve:", err)
		return 1
	}
	mode := "read-only"
	if *token != "" {
		mode = "accepting POST /api/documents and reviews with the bearer token"
	}
	fmt.Fprintf(os.Stderr, "parley serve: %s on http://%s/ (%s)\n", store.Redact(*db), ln.Addr(), mode)
	var code store.CodeFunc // POST /api/documents, only with a token
	if *token != "" {
		code = newCoder(parley.Options{}).Code
	}
	srv := server.New(server.Config{Store: s, Code: code, Token: *token, MaxBody: *maxBody, QueryTimeout: *timeout, CodeTimeout: *codeTimeout, MaxCoding: *maxCoding, UI: web.FS()})
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintln(os.Stderr, "parley serve:", err)
		return 1
	}
	return 0
}
