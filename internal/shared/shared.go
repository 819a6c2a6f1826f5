// Package shared locates the project's shared data folder (treebanks,
// dictionaries, gold events) for tests and training commands.
//
// The folder sits beside the checkout (../shared from the module root) on
// developer machines and in CI; PARLEY_SHARED overrides it.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared data folder, or "" when it cannot be found.
func Dir() string {
	if d := os.Getenv("PARLEY_SHARED"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		c := filepath.Join(d, "shared")
		if st, err := os.Stat(filepath.Join(c, "eval")); err == nil && st.IsDir() {
			return c
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Path returns the path of rel inside the shared folder, skipping the test
// with a clear message when the folder or the file is absent.
func Path(t testing.TB, rel string) string {
	t.Helper()
	d := Dir()
	if d == "" {
		t.Skipf("shared data folder not found (set PARLEY_SHARED): skipping, needs %s", rel)
	}
	p := filepath.Join(d, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s not found: %v", rel, err)
	}
	return p
}
