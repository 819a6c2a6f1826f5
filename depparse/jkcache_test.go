package depparse

import (
	"encoding/gob"
	"os"
	"testing"

	"github.com/parley-events/parley/tag"
)

// TestJackknifeCache writes jackknifed EWT + GUM train tags to $DEPPARSE_JK for
// tuning runs. Runs only when DEPPARSE_JK is set.
func TestJackknifeCache(t *testing.T) {
	path := os.Getenv("DEPPARSE_JK")
	if path == "" || os.Getenv("DEPPARSE_TUNE") != "" {
		t.Skip("set DEPPARSE_JK=FILE to write jackknifed tags")
	}
	sents := trainingSentences(t)
	up, xp := tag.Jackknife(sents, JackknifeFolds, tag.TrainIterations, 1)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := gob.NewEncoder(f).Encode([2][][]string{up, xp}); err != nil {
		t.Fatal(err)
	}
}
