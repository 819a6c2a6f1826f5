package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/parley-events/parley/queue"
	"github.com/parley-events/parley/reader"
)

func init() {
	register(command{name: "submit", usage: "PATH...|-  put articles on the NATS JetStream queue for parley worker", run: runSubmit})
}

// Every flag of submit and worker can also be set in the environment
// (PARLEY_NATS_URL, PARLEY_DB, ...), which is how systemd units and
// containers configure them; a flag on the command line wins.

func envString(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

// envInt and envDuration read a number from the environment; a value that
// does not parse is reported and the program stops, never silently ignored.
func envInt(name string, def int) int {
	v, ok := os.LookupEnv(name)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		fmt.Fprintf(os.Stderr, "parley: $%s=%q is not a whole number\n", name, v)
		os.Exit(2)
	}
	return n
}

func envDuration(name string, def time.Duration) time.Duration {
	v, ok := os.LookupEnv(name)
	if !ok {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		fmt.Fprintf(os.Stderr, "parley: $%s=%q is not a duration (like 30s or 2m)\n", name, v)
		os.Exit(2)
	}
	return d
}

// queueFlags are the queue settings submit and worker share.
type queueFlags struct {
	url string
	cfg queue.Config
}

func addQueueFlags(fs *flag.FlagSet) *queueFlags {
	q := &queueFlags{}
	fs.StringVar(&q.url, "nats", envString("PARLEY_NATS_URL", "nats://127.0.0.1:4222"), "NATS server URL(s), comma-separated ($PARLEY_NATS_URL)")
	fs.StringVar(&q.cfg.Stream, "stream", envString("PARLEY_STREAM", "PARLEY"), "JetStream work-queue stream ($PARLEY_STREAM)")
	fs.StringVar(&q.cfg.Subject, "subject", envString("PARLEY_SUBJECT", "parley.documents"), "subject documents are published on ($PARLEY_SUBJECT)")
	fs.StringVar(&q.cfg.DeadStream, "dead-stream", envString("PARLEY_DEAD_STREAM", "PARLEY_DEAD"), "stream keeping dead letters ($PARLEY_DEAD_STREAM)")
	fs.StringVar(&q.cfg.DeadSubject, "dead-subject", envString("PARLEY_DEAD_SUBJECT", "parley.dead"), "subject of dead letters ($PARLEY_DEAD_SUBJECT)")
	fs.StringVar(&q.cfg.Consumer, "consumer", envString("PARLEY_CONSUMER", "parley-workers"), "durable consumer shared by the workers ($PARLEY_CONSUMER)")
	fs.IntVar(&q.cfg.Replicas, "replicas", envInt("PARLEY_REPLICAS", 1), "copies of each stream in a NATS cluster ($PARLEY_REPLICAS)")
	fs.DurationVar(&q.cfg.AckWait, "ack-wait", envDuration("PARLEY_ACK_WAIT", 60*time.Second), "a document unacknowledged this long is delivered again ($PARLEY_ACK_WAIT)")
	fs.IntVar(&q.cfg.MaxDeliveries, "max-deliveries", envInt("PARLEY_MAX_DELIVERIES", 10), "deliveries without acknowledgement after which a document is dead-lettered ($PARLEY_MAX_DELIVERIES)")
	return q
}

func runSubmit(args []string) int {
	fs := flag.NewFlagSet("submit", flag.ContinueOnError)
	q := addQueueFlags(fs)
	opts := readerFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: parley submit [flags] PATH...|-\n\nPublishes every article of the files, folders (recursively) or standard input (-)\nto the JetStream work queue, where parley worker processes code and store them.\nA document submitted twice is stored once.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	nc, js, err := queue.Connect(q.url, "parley submit", nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley submit:", err)
		return 1
	}
	defer nc.Close()
	if _, err := queue.Setup(ctx, js, q.cfg); err != nil {
		fmt.Fprintln(os.Stderr, "parley submit:", err)
		return 1
	}
	start := time.Now()
	// A document the NATS server cannot carry is refused by the reader,
	// naming its file, rather than by the server.
	ropts := opts.options()
	if limit := queue.MaxText(js); limit > 0 && (ropts.MaxBytes <= 0 || ropts.MaxBytes > limit) {
		ropts.MaxBytes = limit
	}
	st, err := queue.Submit(ctx, js, q.cfg, reader.Documents(fs.Args(), ropts), func(err error) {
		fmt.Fprintln(os.Stderr, "parley submit:", err)
	})
	fmt.Fprintf(os.Stderr, "parley submit: %d documents queued, %d already queued, %d errors (%.1fs)\n",
		st.Published, st.Duplicates, st.Errors, time.Since(start).Seconds())
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley submit: interrupted:", err)
		return 130
	}
	if st.Errors > 0 {
		return 1
	}
	return 0
}
