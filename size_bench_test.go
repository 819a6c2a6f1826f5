package parley_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/reader"
)

// sampleHeap watches the heap in use every 50 ms until the function it
// returns is called, which returns the largest heap seen.
func sampleHeap() func() uint64 {
	stop, done := make(chan struct{}), make(chan uint64)
	go func() {
		var peak uint64
		var m runtime.MemStats
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-stop:
				done <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(stop); return <-done }
}

// BenchmarkCodeSize codes one article of 0.25 to 8 MB, made by joining
// the shared development articles over and over, and reports the time and
// peak heap above the models' per MB: a coder linear in the article's size shows the same
// s/MB at every size.
//
//	go test -run '^$' -bench CodeSize -benchtime 1x .
func BenchmarkCodeSize(b *testing.B) {
	dir := shared.Path(b, "eval/dev")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		b.Skipf("no dev articles in %s", dir)
	}
	var texts []string
	for d, err := range reader.Documents(files, reader.Options{}) {
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, d.Text)
	}
	c := parley.New(parley.Options{MaxBytes: -1})
	// Load the models outside the timing.
	if _, err := c.CodeText(context.Background(), texts[0], time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)); err != nil {
		b.Fatal(err)
	}
	for _, mb := range []float64{0.25, 0.5, 1, 2, 4, 8} {
		size := int(mb * (1 << 20))
		var sb strings.Builder
		for i := 0; sb.Len() < size; i++ {
			sb.WriteString(texts[i%len(texts)])
			sb.WriteString("\n\n")
		}
		text := sb.String()
		b.Run(fmt.Sprintf("%gMB", mb), func(b *testing.B) {
			var took time.Duration
			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			peak := sampleHeap()
			for range b.N {
				d := &doc.Document{ID: "big", Date: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), Text: text}
				start := time.Now()
				if _, err := c.Code(context.Background(), d); err != nil {
					b.Fatal(err)
				}
				took += time.Since(start)
			}
			heap := peak()
			b.ReportMetric(took.Seconds()/float64(b.N)/mb, "s/MB")
			b.ReportMetric(float64(heap-before.HeapInuse)/(1<<20)/mb, "heapMB/MB")
		})
	}
}
