package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/parley-events/parley"
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/reader"
)

func init() {
	register(command{name: "bench", usage: "FILE|DIR...  measure coding speed and memory on a corpus (one JSON line)", run: runBench})
}

// runBench reads a corpus once, then codes it repeatedly on one goroutine
// (or --workers), timing only the coding, and prints throughput and peak
// memory as one JSON line.
func runBench(args []string) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	opts := readerFlags(fs)
	rounds := fs.Int("rounds", 5, "times the corpus is coded")
	if !parseArgs(fs, args, "parley bench [--rounds N] FILE|DIR...") {
		return 2
	}
	var docs []*doc.Document
	failed := false
	for d, err := range reader.Documents(fs.Args(), opts.options()) {
		if err != nil {
			fmt.Fprintln(os.Stderr, "parley bench:", err)
			failed = true
			continue
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		fmt.Fprintln(os.Stderr, "parley bench: no documents")
		return 1
	}
	c := newCoder(parley.Options{MaxBytes: opts.maxText()})
	ctx := context.Background()
	// Warm up: load the models and knowledge base outside the timing.
	warm := *docs[0]
	c.Code(ctx, &warm)
	var articles, sentences, tokens, events int
	start := time.Now()
	for range *rounds {
		for _, src := range docs {
			d := &doc.Document{ID: src.ID, Date: src.Date, Text: src.Text, Dateline: src.Dateline, Source: src.Source}
			evs, err := c.Code(ctx, d)
			if err != nil {
				fmt.Fprintln(os.Stderr, "parley bench:", err)
				failed = true
			}
			events += len(evs)
			articles++
			sentences += len(d.Sentences)
			tokens += len(d.Tokens)
		}
	}
	secs := time.Since(start).Seconds()
	out := map[string]any{
		"articles": articles, "sentences": sentences, "tokens": tokens, "events": events,
		"seconds":             round(secs),
		"articles_per_second": round(float64(articles) / secs), "sentences_per_second": round(float64(sentences) / secs),
		"tokens_per_second": round(float64(tokens) / secs), "peak_rss_mb": peakRSSMB(), "gomaxprocs": runtime.GOMAXPROCS(0),
	}
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
	if failed {
		return 1 // the figures leave out what could not be read
	}
	return 0
}

func round(f float64) float64 { return float64(int64(f*10+0.5)) / 10 }

// peakRSSMB reads the process's peak resident set size (Linux VmHWM), or
// -1 where /proc is not available.
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err == nil {
				return round(float64(kb) / 1024)
			}
		}
	}
	return -1
}
