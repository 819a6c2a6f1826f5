package tag

import (
	"bytes"
	"testing"
)

// BenchmarkLoad measures decoding the embedded model (what Default does
// once per process).
func BenchmarkLoad(b *testing.B) {
	for range b.N {
		if _, err := Load(bytes.NewReader(embeddedModel)); err != nil {
			b.Fatal(err)
		}
	}
}
