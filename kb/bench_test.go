package kb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/parley-events/parley/internal/shared"
)

// evalTokens reads the shared dev articles and splits them into word and
// punctuation tokens, approximating the news tokenizer well enough for
// timing (the segment package is not imported, to keep kb a leaf package).
func evalTokens(b *testing.B) []string {
	dir := shared.Path(b, "eval/dev")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		b.Skipf("no articles in %s", dir)
	}
	var toks []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, w := range strings.Fields(string(data)) {
			w = strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) && r != '.' })
			w = strings.TrimSuffix(w, ",")
			if strings.HasSuffix(w, ".") && strings.Count(w, ".") == 1 {
				w = strings.TrimSuffix(w, ".")
			}
			if w != "" {
				toks = append(toks, w)
			}
		}
	}
	return toks
}

// BenchmarkMatch calls Match at every token of the dev articles, as the
// actor resolver does; ns/token is the figure to watch.
func BenchmarkMatch(b *testing.B) {
	k := Default()
	toks := evalTokens(b)
	b.ReportAllocs()
	b.ResetTimer()
	found := 0
	for b.Loop() {
		for i := range toks {
			end := min(i+MaxNameWords, len(toks))
			if n, _ := k.Match(toks[i:end]); n > 0 {
				found++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(toks)), "ns/token")
	if found == 0 {
		b.Fatal("no names found in the dev articles")
	}
}

// BenchmarkRole calls Role at every token, lower-cased as lemmas are.
func BenchmarkRole(b *testing.B) {
	k := Default()
	toks := evalTokens(b)
	for i, t := range toks {
		toks[i] = strings.ToLower(t)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range toks {
			k.Role(toks[i:min(i+6, len(toks))])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(toks)), "ns/token")
}

// BenchmarkLoad measures building the knowledge base from the embedded files
// (paid once per process by Default).
func BenchmarkLoad(b *testing.B) {
	sub := mustSub(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(sub); err != nil {
			b.Fatal(err)
		}
	}
}
