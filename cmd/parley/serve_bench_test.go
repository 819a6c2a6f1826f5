package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/reader"
	"github.com/parley-events/parley/store"
)

// The big-store benchmark: typical API queries against a real `parley
// serve` on a store of at least a million events. Building the store takes
// minutes, so the benchmark runs only when asked:
//
//	PARLEY_BIG_STORE=/tmp/parley-big.db go test ./cmd/parley -run '^$' -bench ServeBigStore -benchtime 1x -timeout 60m
//
// The store at PARLEY_BIG_STORE is built when missing (or smaller than
// PARLEY_BIG_EVENTS, default 1,000,000 events) and reused afterwards; the
// copies' dates spread over PARLEY_BIG_YEARS years (default 3).

// bigStoreYears is over how many years (from 2021) the copies are spread
// (PARLEY_BIG_YEARS, default 3). Copies of one article dated within a day
// of each other merge into one story, so more years make more stories.
func bigStoreYears() int {
	n := 3
	if v := os.Getenv("PARLEY_BIG_YEARS"); v != "" {
		fmt.Sscan(v, &n)
	}
	return max(n, 1)
}

// bigStoreEvents is how many events the big store holds at least.
func bigStoreEvents() int {
	n := 1_000_000
	if v := os.Getenv("PARLEY_BIG_EVENTS"); v != "" {
		fmt.Sscan(v, &n)
	}
	return n
}

// buildBigStore fills a SQLite store with at least minEvents events made
// from real coded events: the shared dev articles are coded once, then
// copied again and again, each copy of an article under a new document id
// and re-dated to a random day of the years from 2021 on (bigStoreYears),
// its events' dates moved by the same number of days. The copies go through the store's own writer
// (IngestBatch, a few thousand documents per transaction), so stories are
// merged exactly as `parley ingest` merges them: copies of one article
// dated within a day of each other are reports of one happening.
func buildBigStore(tb testing.TB, path string, minEvents, years int) store.Stats {
	tb.Helper()
	ctx := context.Background()
	if s, err := store.OpenSQLite(ctx, path, store.Options{ReadOnly: true}); err == nil {
		st, err := s.Stats(ctx)
		s.Close()
		if err == nil && st.Events >= minEvents {
			return st
		}
	}
	// A store of an older schema (a copy kept for the binary before a
	// change, PARLEY_BENCH_BIN) is not rebuilt: its events are counted
	// directly, and the caller asks the server for the rest.
	if n := storedEvents(path); n >= minEvents {
		return store.Stats{Events: n}
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	dir := shared.Path(tb, "eval/dev")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Skipf("no dev articles in %s", dir)
	}
	c := parley.New(parley.Options{})
	type article struct {
		d      *doc.Document
		events []event.Event
	}
	var articles []article
	for d, err := range reader.Documents(files, reader.Options{}) {
		if err != nil {
			tb.Fatal(err)
		}
		evs, err := c.Code(context.Background(), d)
		if err != nil {
			tb.Fatal(err)
		}
		d.Tokens, d.Sentences = nil, nil // the store needs the text only
		articles = append(articles, article{d, evs})
	}

	s, err := store.OpenSQLite(ctx, path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	first := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	days := years * 365
	const perTx = 4000
	start := time.Now()
	events, docs, copies := 0, 0, 0
	for events < minEvents {
		var items []store.Item
		for len(items) < perTx {
			copies++
			for _, a := range articles {
				d := *a.d
				d.ID = fmt.Sprintf("%s-copy%06d", a.d.ID, copies)
				d.Date = first.AddDate(0, 0, rng.IntN(days))
				shift := int(d.Date.Sub(a.d.Date).Hours() / 24)
				evs := make([]event.Event, len(a.events))
				for i, e := range a.events {
					e.ID = fmt.Sprintf("%s-copy%06d", e.ID, copies)
					e.DocID = d.ID
					if t, err := time.Parse("2006-01-02", e.Date); err == nil {
						e.Date = t.AddDate(0, 0, shift).Format("2006-01-02")
					}
					evs[i] = e
				}
				items = append(items, store.Item{Doc: &d, Events: evs})
			}
		}
		results, errs := s.IngestBatch(ctx, items)
		for i, err := range errs {
			if err != nil {
				tb.Fatal(err)
			}
			events += results[i].Events
			docs++
		}
		if docs%(perTx*25) < len(items) {
			tb.Logf("big store: %d documents, %d events (%.0f events/s)", docs, events, float64(events)/time.Since(start).Seconds())
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Logf("big store %s built in %v: %d documents, %d events, %d stories, %d actors", path,
		time.Since(start).Round(time.Second), st.Documents, st.Events, st.Stories, st.Actors)
	return st
}

// storedEvents counts the raw events of the SQLite file at path
// whatever its schema version (0 when it has none).
func storedEvents(path string) int {
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	if db.QueryRow(`SELECT count(*) FROM events`).Scan(&n) != nil {
		return 0
	}
	return n
}

// servedStore starts `parley serve` on the store at path, on a free port
// of 127.0.0.1, and returns its base URL; the server is stopped when the
// benchmark ends.
func servedStore(tb testing.TB, path string) string {
	tb.Helper()
	// PARLEY_BENCH_BIN runs another build (the one before a change).
	bin := os.Getenv("PARLEY_BENCH_BIN")
	if bin == "" {
		bin = buildParley(tb)
	}
	cmd := exec.Command(bin, "serve", "--db", path, "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() })
	// "parley serve: PATH on http://127.0.0.1:PORT/ (read-only)"
	addr := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+)/`)
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		if m := addr.FindStringSubmatch(lines.Text()); m != nil {
			go io.Copy(io.Discard, stderr)
			return m[1]
		}
	}
	tb.Fatal("parley serve did not say where it listens")
	return ""
}

func getJSON(tb testing.TB, u string, v any) {
	tb.Helper()
	resp, err := http.Get(u)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		tb.Fatalf("GET %s: %s: %s", u, resp.Status, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		tb.Fatalf("GET %s: %v", u, err)
	}
}

// loadResult is what one load test measured.
type loadResult struct {
	requests int
	elapsed  time.Duration
	p50, p99 time.Duration
	max      time.Duration
}

// load sends requests (made by next, from several connections at once,
// each drawing from its own generator seeded from seed) until n have been
// answered or limit has passed, and measures each request from sending it
// to having read the whole answer. Every answer must be 200: a failure
// names the request and the start of its answer.
func load(tb testing.TB, conns, n int, limit time.Duration, seed uint64, next func(rng *rand.Rand) string) loadResult {
	tb.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conns}, Timeout: 30 * time.Second}
	var mu sync.Mutex
	var lat []time.Duration
	var failure error
	sent := 0
	start := time.Now()
	deadline := start.Add(limit)
	var wg sync.WaitGroup
	for w := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), seed))
			for {
				mu.Lock()
				if sent >= n || failure != nil || time.Now().After(deadline) {
					mu.Unlock()
					return
				}
				sent++
				mu.Unlock()
				u := next(rng)
				t0 := time.Now()
				resp, err := client.Get(u)
				if err == nil {
					var body []byte
					body, err = io.ReadAll(resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("GET %s: %s: %.200s", u, resp.Status, body)
					}
				}
				d := time.Since(t0)
				mu.Lock()
				if err != nil && failure == nil {
					failure = err
				}
				lat = append(lat, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if failure != nil {
		tb.Fatal(failure)
	}
	r := loadResult{requests: len(lat), elapsed: time.Since(start)}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	r.p50, r.p99, r.max = pct(0.50), pct(0.99), lat[len(lat)-1]
	return r
}

// bigStoreServed builds (once) the store PARLEY_BIG_STORE names, or skips
// the benchmark when it names none, and serves it: its figures and the
// server's base URL.
func bigStoreServed(b *testing.B) (store.Stats, string) {
	path := os.Getenv("PARLEY_BIG_STORE")
	if path == "" {
		b.Skip("set PARLEY_BIG_STORE=/path/big.db to build (once, several minutes) and load-test a store of ≥1,000,000 events")
	}
	st := buildBigStore(b, path, bigStoreEvents(), bigStoreYears())
	if fi, err := os.Stat(path); err == nil {
		b.Logf("store %s: %d events, %d stories, %d documents, %d actors, %.0f MB on disk", path,
			st.Events, st.Stories, st.Documents, st.Actors, float64(fi.Size())/1e6)
	}
	return st, servedStore(b, path)
}

// BenchmarkServeBigStore load-tests the three typical queries of issue 4
// on a store of at least a million events: one actor in one month
// (/api/events?actor=NAME&from=&to=, the merged events page the UI shows),
// the timeline of one country (/api/timeline?country=ISO3, all dates) and
// the network of one event type (/api/network?type=TYPE, all dates). Each
// request picks its actor, month, country or type at random among the
// store's 20 busiest actors, its months, its 10 busiest countries and its
// types. Each query runs until 2,000 answers or 60 s, from 4 connections.
func BenchmarkServeBigStore(b *testing.B) {
	st, base := bigStoreServed(b)

	var actorPage store.Page[store.ActorCount]
	getJSON(b, base+"/api/actors?limit=20", &actorPage)
	actors := actorPage.Items
	var countryPage store.Page[store.Count]
	getJSON(b, base+"/api/counts?by=country", &countryPage)
	countries := countryPage.Items[:min(10, len(countryPage.Items))]
	var types []string
	for _, c := range st.ByType {
		types = append(types, c.Key)
	}
	var months []time.Time
	first, _ := time.Parse("2006-01-02", st.FirstDate)
	last, _ := time.Parse("2006-01-02", st.LastDate)
	for m := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(last); m = m.AddDate(0, 1, 0) {
		months = append(months, m)
	}
	if len(actors) == 0 || len(countries) == 0 || len(types) == 0 || len(months) == 0 {
		b.Fatalf("store has no actors, countries, types or dates: %+v", st)
	}

	queries := []struct {
		name string
		next func(rng *rand.Rand) string
	}{
		{"actor-month", func(rng *rand.Rand) string {
			a := actors[rng.IntN(len(actors))]
			name := a.Name
			if name == "" {
				name = a.Code
			}
			m := months[rng.IntN(len(months))]
			return base + "/api/events?" + url.Values{"actor": {name}, "from": {m.Format("2006-01-02")},
				"to": {m.AddDate(0, 1, -1).Format("2006-01-02")}}.Encode()
		}},
		{"country-timeline", func(rng *rand.Rand) string {
			return base + "/api/timeline?country=" + countries[rng.IntN(len(countries))].Key
		}},
		{"type-network", func(rng *rand.Rand) string {
			return base + "/api/network?type=" + types[rng.IntN(len(types))]
		}},
	}
	var report strings.Builder
	fmt.Fprintf(&report, "%-18s %9s %9s %9s %9s %10s\n", "query", "requests", "p50", "p99", "max", "req/s")
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			r := load(b, 4, 2000, 60*time.Second, 7, q.next)
			rate := float64(r.requests) / r.elapsed.Seconds()
			b.ReportMetric(float64(r.p50.Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(r.p99.Microseconds())/1000, "p99-ms")
			b.ReportMetric(rate, "req/s")
			b.ReportMetric(0, "ns/op")
			fmt.Fprintf(&report, "%-18s %9d %9v %9v %9v %10.1f\n", q.name, r.requests,
				r.p50.Round(100*time.Microsecond), r.p99.Round(100*time.Microsecond), r.max.Round(100*time.Microsecond), rate)
		})
	}
	b.Logf("4 connections to parley serve on 127.0.0.1:\n%s", report.String())
}
