package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/reader"
	"github.com/parley-events/parley/store"
)

// BenchmarkIngestVsCode codes the same corpus (the shared dev articles,
// repeated under distinct ids, as one JSON Lines file) the way `parley
// code` does (codeAll, JSON Lines to a discarding writer) and the way
// `parley ingest` does (store.Load into a fresh SQLite store, opening and
// closing it included), on the same number of workers. Each iteration
// runs both passes, in alternating order, so that load from other programs
// hits both alike; the ratio of the two times is taken per iteration and
// the median reported (ingest/code), beside the overall rates and the CPU
// time each pass used. Issue 4 wants ingest/code ≥ 0.90.
// PARLEY_BENCH_COPIES sets how many times the corpus repeats the articles
// (default 64: 1,024 documents).
//
//	go test ./cmd/parley -run '^$' -bench IngestVsCode -benchtime 10x
func BenchmarkIngestVsCode(b *testing.B) {
	copies := 64
	if v := os.Getenv("PARLEY_BENCH_COPIES"); v != "" {
		fmt.Sscan(v, &copies)
	}
	corpus, docs := devCorpus(b, min(copies, 26*26))
	workers := runtime.GOMAXPROCS(0)
	c := parley.New(parley.Options{})
	// Load the models and knowledge base outside the timing.
	c.Code(context.Background(), &doc.Document{ID: "warm", Text: "Russia's foreign minister met his Iranian counterpart in Moscow on Monday.", Date: time.Now()})
	dir := b.TempDir()

	// codePass and ingestPass return the wall and CPU time of one pass.
	codePass := func() (wall, cpu time.Duration) {
		start, c0 := time.Now(), cpuTime()
		out := bufio.NewWriter(io.Discard)
		n := 0
		var err error
		pprof.Do(context.Background(), pprof.Labels("pass", "code"), func(context.Context) {
			err = codeAll([]string{corpus}, reader.Options{}, c, workers, func(d *doc.Document, evs []event.Event, err error) error {
				if err != nil {
					return err
				}
				n++
				return writeJSONL(out, d, evs)
			})
		})
		out.Flush()
		wall, cpu = time.Since(start), cpuTime()-c0
		if err != nil || n != docs {
			b.Fatalf("code: %d of %d documents, %v", n, docs, err)
		}
		return wall, cpu
	}
	round := 0
	ingestPass := func() (wall, cpu time.Duration) {
		round++
		start, c0 := time.Now(), cpuTime()
		s, err := store.Open(context.Background(), filepath.Join(dir, fmt.Sprintf("ingest-%d.db", round)), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		var p store.Progress
		pprof.Do(context.Background(), pprof.Labels("pass", "ingest"), func(ctx context.Context) {
			p, err = store.Load(ctx, s, reader.Documents([]string{corpus}, reader.Options{}), c.Code,
				store.LoadOptions{Workers: workers, OnError: func(err error) { b.Error(err) }})
		})
		if cerr := s.Close(); err == nil {
			err = cerr
		}
		wall, cpu = time.Since(start), cpuTime()-c0
		if err != nil || p.Documents != docs {
			b.Fatalf("ingest: %+v, %v (want %d documents)", p, err, docs)
		}
		return wall, cpu
	}

	var codeTime, ingestTime, codeCPU, ingestCPU time.Duration
	var ratios []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var cw, cc, iw, ic time.Duration
		if i%2 == 0 {
			cw, cc = codePass()
			iw, ic = ingestPass()
		} else {
			iw, ic = ingestPass()
			cw, cc = codePass()
		}
		codeTime, codeCPU, ingestTime, ingestCPU = codeTime+cw, codeCPU+cc, ingestTime+iw, ingestCPU+ic
		ratios = append(ratios, cw.Seconds()/iw.Seconds())
	}
	slices.Sort(ratios)
	n := float64(b.N * docs)
	b.ReportMetric(n/codeTime.Seconds(), "code-docs/s")
	b.ReportMetric(n/ingestTime.Seconds(), "ingest-docs/s")
	b.ReportMetric(ratios[len(ratios)/2], "ingest/code")
	b.ReportMetric(ratios[0], "ingest/code-min")
	b.ReportMetric(ratios[len(ratios)-1], "ingest/code-max")
	b.ReportMetric(codeCPU.Seconds()/ingestCPU.Seconds(), "cpu-ratio")
	b.ReportMetric(float64(codeCPU)/n/1e3, "code-cpu-µs/doc")
	b.ReportMetric(float64(ingestCPU)/n/1e3, "ingest-cpu-µs/doc")
}

// BenchmarkStoreWrite isolates the store's share of ingest: the corpus is
// coded once, then each iteration writes every document with its events
// into a fresh SQLite store in batches of 128, as Load does, on one
// goroutine, opening and closing the store included (closing checkpoints
// the WAL). It reports the CPU time the writer takes per document beside
// the coder's (also on one goroutine): ingest on busy cores runs at about
// code speed × 1/(1 + store/code). PARLEY_BENCH_COPIES sets how many
// times the corpus repeats the articles (default 20: 320 documents).
//
//	go test ./cmd/parley -run '^$' -bench StoreWrite -benchtime 40x
func BenchmarkStoreWrite(b *testing.B) {
	copies := 20
	if v := os.Getenv("PARLEY_BENCH_COPIES"); v != "" {
		fmt.Sscan(v, &copies)
	}
	corpus, docs := devCorpus(b, min(copies, 26*26))
	c := parley.New(parley.Options{})
	c.Code(context.Background(), &doc.Document{ID: "warm", Text: "Russia's foreign minister met his Iranian counterpart in Moscow on Monday.", Date: time.Now()})
	var items []store.Item
	start := cpuTime()
	for d, err := range reader.Documents([]string{corpus}, reader.Options{}) {
		if err != nil {
			b.Fatal(err)
		}
		evs, err := c.Code(context.Background(), d)
		if err != nil {
			b.Fatal(err)
		}
		items = append(items, store.Item{Doc: d, Events: evs})
	}
	codePerDoc := (cpuTime() - start) / time.Duration(docs)
	dir := b.TempDir()
	var storeCPU time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := cpuTime()
		s, err := store.OpenSQLite(context.Background(), filepath.Join(dir, fmt.Sprintf("write-%d.db", i)), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for k := 0; k < len(items); k += 128 {
			_, errs := s.IngestBatch(context.Background(), items[k:min(k+128, len(items))])
			for _, err := range errs {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		storeCPU += cpuTime() - start
	}
	storePerDoc := storeCPU / time.Duration(b.N*docs)
	b.ReportMetric(float64(storePerDoc.Microseconds()), "store-µs/doc")
	b.ReportMetric(float64(codePerDoc.Microseconds()), "code-µs/doc")
	b.ReportMetric(float64(storePerDoc)/float64(codePerDoc), "store/code")
}
