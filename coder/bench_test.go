package coder

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/internal/shared"
	"github.com/parley-events/parley/reader"
)

// devCorpus reads the development articles.
func devCorpus(tb testing.TB) []*doc.Document {
	tb.Helper()
	dir := shared.Path(tb, "eval/dev")
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var docs []*doc.Document
	for d, err := range reader.Documents(paths, reader.Options{}) {
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

func fresh(src *doc.Document) *doc.Document {
	return &doc.Document{ID: src.ID, Date: src.Date, Text: src.Text, Dateline: src.Dateline}
}

// BenchmarkCode codes the development articles end to end (tokenise, tag,
// parse, mentions, events) on one goroutine.
func BenchmarkCode(b *testing.B) {
	docs := devCorpus(b)
	c := Default()
	c.Code(fresh(docs[0]))
	sentences, tokens := 0, 0
	b.ResetTimer()
	for b.Loop() {
		for _, src := range docs {
			d := fresh(src)
			c.Code(d)
			sentences += len(d.Sentences)
			tokens += len(d.Tokens)
		}
	}
	s := b.Elapsed().Seconds()
	b.ReportMetric(float64(sentences)/s, "sentences/s")
	b.ReportMetric(float64(tokens)/s, "tokens/s")
	b.ReportMetric(float64(b.N*len(docs))/s, "articles/s")
}

// Coding a stream of documents holds no memory per document: the heap after
// 1,600 articles is about what it was after 160.
func TestMemoryDoesNotGrow(t *testing.T) {
	docs := devCorpus(t)
	c := Default()
	heap := func(n int) uint64 {
		for i := 0; i < n; i++ {
			c.Code(fresh(docs[i%len(docs)]))
		}
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	early := heap(160)
	late := heap(1440)
	if late > early+early/4+(4<<20) {
		t.Errorf("heap grew from %d to %d bytes over 1,600 documents", early, late)
	}
}
