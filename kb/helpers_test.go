package kb

import (
	"io/fs"
	"testing"
)

func mustSub(t testing.TB) fs.FS {
	t.Helper()
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		t.Fatal(err)
	}
	return sub
}
