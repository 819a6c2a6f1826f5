package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats-server/v2/server"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/queue"
	"github.com/parley-events/parley/reader"
)

// The fault tests run real parley worker processes against a real NATS
// JetStream server (in-process, restartable on its port with its store
// folder) and a private PostgreSQL cluster the test starts and restarts,
// and check that every submitted document ends up stored exactly once
// whatever is killed or restarted on the way.

// pgCluster is a PostgreSQL server in a temporary folder.
type pgCluster struct {
	bin, dir, data string
	port           int
}

// freePort returns a TCP port nobody listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startPostgres initialises and starts a private cluster from the
// installed PostgreSQL binaries (Debian's postgresql package; .ci/postgres.sh
// installs it), as the postgres user when the test runs as root.
func startPostgres(t *testing.T) *pgCluster {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		t.Skip("no PostgreSQL binaries in /usr/lib/postgresql/*/bin: apt-get install postgresql (or run .ci/postgres.sh)")
	}
	c := &pgCluster{bin: filepath.Dir(bins[len(bins)-1]), port: freePort(t)}
	dir, err := os.MkdirTemp("", "parley-pg-")
	if err != nil {
		t.Fatal(err)
	}
	c.dir, c.data = dir, filepath.Join(dir, "data")
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.pgctl(t, "stop", "-m", "immediate")
		os.RemoveAll(dir)
	})
	c.run(t, filepath.Join(c.bin, "initdb"), "-D", c.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
	c.pgctl(t, "start")
	return c
}

// run runs a PostgreSQL program, as the postgres user when we are root
// (the server refuses to run as root).
func (c *pgCluster) run(t *testing.T, args ...string) {
	t.Helper()
	if os.Geteuid() == 0 {
		args = append([]string{"runuser", "-u", "postgres", "--"}, args...)
	}
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func (c *pgCluster) pgctl(t *testing.T, action string, extra ...string) {
	args := []string{filepath.Join(c.bin, "pg_ctl"), "-D", c.data, "-l", filepath.Join(c.dir, "log"), "-w"}
	if action == "start" {
		args = append(args, "-o", fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -k %s -c fsync=off", c.port, c.dir))
	}
	c.run(t, append(append(args, extra...), action)...)
}

// database creates a database and returns its URL.
func (c *pgCluster) database(t *testing.T, name string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, name)
}

// natsServer is an in-process NATS server with JetStream in a folder that
// outlives restarts.
type natsServer struct {
	opts *server.Options
	s    *server.Server
}

func startNATS(t *testing.T) *natsServer {
	t.Helper()
	n := &natsServer{opts: &server.Options{Host: "127.0.0.1", Port: freePort(t), JetStream: true, StoreDir: t.TempDir(), NoSigs: true}}
	n.start(t)
	t.Cleanup(func() { n.s.Shutdown() })
	return n
}

func (n *natsServer) start(t *testing.T) {
	t.Helper()
	s, err := server.NewServer(n.opts)
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("NATS server did not start")
	}
	n.s = s
}

func (n *natsServer) restart(t *testing.T) {
	n.s.Shutdown()
	n.s.WaitForShutdown()
	n.start(t)
}

func (n *natsServer) url() string { return fmt.Sprintf("nats://127.0.0.1:%d", n.opts.Port) }

// workerProc is a running parley worker.
type workerProc struct {
	cmd *exec.Cmd
	log *bytes.Buffer
}

func startWorker(t *testing.T, bin, natsURL, db string) *workerProc {
	t.Helper()
	cmd := exec.Command(bin, "worker", "--nats", natsURL, "--db", db, "--metrics", "", "--concurrency", "1", "--batch", "8",
		"--ack-wait", "3s", "--drain-timeout", "20s")
	w := &workerProc{cmd: cmd, log: &bytes.Buffer{}}
	cmd.Stdout, cmd.Stderr = w.log, w.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		if t.Failed() {
			t.Logf("worker %d log:\n%s", cmd.Process.Pid, tail(w.log.String(), 3000))
		}
	})
	return w
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// stop sends SIGTERM and checks the worker drains and exits 0 in time.
func (w *workerProc) stop(t *testing.T) {
	t.Helper()
	w.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- w.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("worker %d after SIGTERM: %v", w.cmd.Process.Pid, err)
		} else if !strings.Contains(w.log.String(), "worker drained") {
			t.Errorf("worker %d exited without draining", w.cmd.Process.Pid)
		}
	case <-time.After(30 * time.Second):
		w.cmd.Process.Kill()
		t.Errorf("worker %d did not stop within 30s of SIGTERM", w.cmd.Process.Pid)
	}
}

// storedDocs counts documents in the database, -1 while it is unreachable.
func storedDocs(db string) int {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, db)
	if err != nil {
		return -1
	}
	defer c.Close(ctx)
	var n int
	if err := c.QueryRow(ctx, `SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return -1
	}
	return n
}

// waitFor polls cond every 50ms until it holds or the deadline passes.
func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", limit, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// queueEmpty reports whether every submitted document has been
// acknowledged.
func queueEmpty(t *testing.T, natsURL string) bool {
	nc, js, err := queue.Connect(natsURL, "test", nil)
	if err != nil {
		return false
	}
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	c, err := js.Consumer(ctx, "PARLEY", "parley-workers")
	if err != nil {
		return false
	}
	info, err := c.Info(ctx)
	if err != nil {
		return false
	}
	return info.NumPending == 0 && info.NumAckPending == 0
}

// expectedEvents codes one copy of each article of the corpus
// in-process: the copies have the same text, so a clean run stores
// copies times as many events.
func expectedEvents(t *testing.T, corpus string, docs, copies int) int {
	t.Helper()
	n, coded := 0, 0
	for d, err := range reader.Documents([]string{corpus}, reader.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		if coded == docs/copies {
			break
		}
		evs, err := parley.Code(context.Background(), d)
		if err != nil {
			t.Fatal(err)
		}
		n += len(evs)
		coded++
	}
	return n * copies
}

// checkExactlyOnce compares the store with the corpus: every document
// once, and as many events as coding each document once gives.
func checkExactlyOnce(t *testing.T, db string, docs, events int) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var n, distinct, stored, recorded, mismatched int
	if err := c.QueryRow(ctx, `SELECT count(*), count(DISTINCT id), coalesce(sum(events), 0) FROM documents`).Scan(&n, &distinct, &recorded); err != nil {
		t.Fatal(err)
	}
	if err := c.QueryRow(ctx, `SELECT count(*) FROM events`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if err := c.QueryRow(ctx, `SELECT count(*) FROM documents d WHERE d.events <> (SELECT count(*) FROM events e WHERE e.doc_pk = d.pk)`).Scan(&mismatched); err != nil {
		t.Fatal(err)
	}
	t.Logf("stored %d documents (%d distinct) and %d events; submitted %d documents, %d events expected", n, distinct, stored, docs, events)
	if n != docs || distinct != docs {
		t.Errorf("%d documents stored (%d distinct), want %d: %d lost, %d duplicated", n, distinct, docs, docs-distinct, n-distinct)
	}
	if stored != events || recorded != events || mismatched != 0 {
		t.Errorf("%d events stored (%d recorded on documents, %d documents with a wrong count), want %d", stored, recorded, mismatched, events)
	}
}

// TestWorkersSurviveFaults runs two workers over the dev corpus (8 copies)
// three times, each time breaking something part-way: a worker killed
// with SIGKILL holding a fetched batch, PostgreSQL restarted, NATS
// restarted. Each time every document must be stored exactly once, and
// the surviving workers must drain and exit cleanly on SIGTERM.
func TestWorkersSurviveFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL and NATS, builds parley and codes the dev corpus three times")
	}
	const copies = 8
	corpus, docs := devCorpus(t, copies)
	events := expectedEvents(t, corpus, docs, copies)
	bin := buildParley(t)
	pg := startPostgres(t)

	scenarios := []struct {
		name  string
		fault func(t *testing.T, n *natsServer, workers []*workerProc, db string) []*workerProc
		seen  string // what a worker logs when it meets the fault
	}{
		{"worker killed mid-batch", func(t *testing.T, n *natsServer, workers []*workerProc, db string) []*workerProc {
			if err := workers[0].cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			workers[0].cmd.Wait()
			// Its fetched, unacknowledged documents come back after the
			// ack wait to the other worker and to a replacement.
			return []*workerProc{workers[1], startWorker(t, bin, n.url(), db)}
		}, ""},
		{"PostgreSQL restarted", func(t *testing.T, n *natsServer, workers []*workerProc, db string) []*workerProc {
			pg.pgctl(t, "stop", "-m", "fast")
			time.Sleep(2 * time.Second) // workers find no database for a while
			pg.pgctl(t, "start")
			return workers
		}, "store error, retrying"},
		{"NATS restarted", func(t *testing.T, n *natsServer, workers []*workerProc, db string) []*workerProc {
			n.s.Shutdown()
			n.s.WaitForShutdown()
			time.Sleep(2 * time.Second) // workers find no queue for a while
			n.start(t)
			return workers
		}, "NATS reconnected"},
	}
	for i, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			n := startNATS(t)
			db := pg.database(t, "fault"+strconv.Itoa(i))
			if out, err := exec.Command(bin, "submit", "--nats", n.url(), corpus).CombinedOutput(); err != nil {
				t.Fatalf("submit: %v\n%s", err, out)
			}
			workers := []*workerProc{startWorker(t, bin, n.url(), db), startWorker(t, bin, n.url(), db)}
			waitFor(t, "a fifth of the documents stored", 90*time.Second, func() bool { return storedDocs(db) >= docs/5 })
			at := storedDocs(db)
			workers = sc.fault(t, n, workers, db)
			t.Logf("%s after %d of %d documents", sc.name, at, docs)
			waitFor(t, "every document stored and acknowledged", 120*time.Second, func() bool {
				return storedDocs(db) >= docs && queueEmpty(t, n.url())
			})
			seen := false
			for _, w := range workers {
				w.stop(t)
				seen = seen || strings.Contains(w.log.String(), sc.seen)
			}
			if !seen {
				t.Errorf("no worker logged %q: the fault went unnoticed", sc.seen)
			}
			checkExactlyOnce(t, db, docs, events)
		})
	}
}
