package tag

import "testing"

// BenchmarkTagEWTTest tags the whole EWT test set per iteration on one
// goroutine and reports words/s and sentences/s.
func BenchmarkTagEWTTest(b *testing.B) {
	sents := readUD(b, "en_ewt-ud-test.conllu.gz")
	words := make([][]string, len(sents))
	nw := 0
	for i, s := range sents {
		for _, w := range s.Words {
			words[i] = append(words[i], w.Form)
		}
		nw += len(s.Words)
	}
	up := make([]string, 256)
	xp := make([]string, 256)
	t := Default()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, ws := range words {
			if len(ws) > len(up) {
				up, xp = make([]string, len(ws)), make([]string, len(ws))
			}
			t.Tag(ws, up, xp)
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(nw*b.N)/sec, "words/s")
	b.ReportMetric(float64(len(sents)*b.N)/sec, "sents/s")
}
