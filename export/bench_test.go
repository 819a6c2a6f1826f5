package export

import (
	"io"
	"testing"
)

// BenchmarkWrite writes the stored stories of the test articles in each
// format; records/s is what an export of a large store sustains once the
// store has been read.
func BenchmarkWrite(b *testing.B) {
	_, stories := storedRecords(b)
	for _, format := range Formats {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				w, err := NewWriter(format, io.Discard, Options{CodedDate: "2026-01-02"})
				if err != nil {
					b.Fatal(err)
				}
				for i := range stories {
					if err := w.Write(&stories[i]); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*len(stories))/b.Elapsed().Seconds(), "records/s")
		})
	}
}
