package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/queue"
	"github.com/parley-events/parley/store"
)

func init() {
	register(command{name: "worker", usage: "code articles from the NATS JetStream queue into the store (run many)", run: runWorker})
}

func runWorker(args []string) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	q := addQueueFlags(fs)
	db := fs.String("db", envString("PARLEY_DB", defaultDB), "store: postgres:// URL shared by all workers, or a SQLite file on one machine ($PARLEY_DB)")
	window := fs.Duration("window", envDuration("PARLEY_WINDOW", store.DefaultWindow), "reports of one happening may be dated this far apart ($PARLEY_WINDOW)")
	concurrency := fs.Int("concurrency", envInt("PARLEY_CONCURRENCY", runtime.NumCPU()), "documents coded at once ($PARLEY_CONCURRENCY)")
	batch := fs.Int("batch", envInt("PARLEY_BATCH", 4), "documents fetched per pull ($PARLEY_BATCH)")
	drain := fs.Duration("drain-timeout", envDuration("PARLEY_DRAIN_TIMEOUT", 30*time.Second), "on SIGTERM, time allowed to finish fetched documents ($PARLEY_DRAIN_TIMEOUT)")
	metricsAddr := fs.String("metrics", envString("PARLEY_METRICS_ADDR", "127.0.0.1:9464"), "serve Prometheus /metrics and /healthz on HOST:PORT, empty for none ($PARLEY_METRICS_ADDR)")
	logFormat := fs.String("log-format", envString("PARLEY_LOG_FORMAT", "text"), "log lines as text or json ($PARLEY_LOG_FORMAT)")
	logLevel := fs.String("log-level", envString("PARLEY_LOG_LEVEL", "info"), "debug, info, warn or error ($PARLEY_LOG_LEVEL)")
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: parley worker [flags]\n\nPulls articles submitted with parley submit, codes them and stores them with\ntheir events; acknowledges each one after its commit. Run any number, on any\nnumber of machines, against one NATS server (or cluster) and one PostgreSQL\ndatabase. SIGTERM finishes the documents in hand, then exits.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "parley worker: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "parley worker: bad log level %q (want debug, info, warn or error)\n", *logLevel)
		return 2
	}
	hopts := &slog.HandlerOptions{Level: level}
	var h slog.Handler
	switch *logFormat {
	case "text":
		h = slog.NewTextHandler(os.Stderr, hopts)
	case "json":
		h = slog.NewJSONHandler(os.Stderr, hopts)
	default:
		fmt.Fprintf(os.Stderr, "parley worker: bad log format %q (want text or json)\n", *logFormat)
		return 2
	}
	host, _ := os.Hostname()
	log := slog.New(h).With("worker", fmt.Sprintf("%s/%d", host, os.Getpid()))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s, err := openStoreWaiting(ctx, *db, store.Options{Window: *window}, log)
	if err != nil {
		log.Error("store", "err", err)
		return 1
	}
	defer s.Close()
	nc, js, err := queue.Connect(q.url, "parley worker "+host, log)
	if err != nil {
		log.Error("queue", "err", err)
		return 1
	}
	defer nc.Close()

	metrics := queue.NewMetrics()
	if *metricsAddr != "" {
		ln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			log.Error("metrics", "err", err)
			return 1
		}
		log.Info("metrics", "url", "http://"+ln.Addr().String()+"/metrics")
		srv := &http.Server{Handler: metrics.Handler(), ReadHeaderTimeout: 5 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
	}
	c := newCoder(parley.Options{})
	w := &queue.Worker{JS: js, Config: q.cfg, Store: s, Code: c.Code, Concurrency: *concurrency, Batch: *batch,
		DrainTimeout: *drain, Log: log, Metrics: metrics}
	if err := w.Run(ctx); err != nil {
		log.Error("worker stopped", "err", err)
		return 1
	}
	return 0
}

// openStoreWaiting opens the store, waiting for a database that is still
// starting (workers often start together with it) until ctx is done.
func openStoreWaiting(ctx context.Context, dsn string, opts store.Options, log *slog.Logger) (store.Store, error) {
	for wait := 250 * time.Millisecond; ; wait = min(wait*2, 5*time.Second) {
		s, err := store.Open(ctx, dsn, opts)
		// Only a database server can be "still starting"; a SQLite path
		// that fails to open will fail the same way again.
		server := strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
		if err == nil || !server || !store.Retryable(err) || errors.Is(err, context.Canceled) {
			return s, err
		}
		log.Warn("store not reachable yet", "err", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
	}
}
