package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestSQLitePathWithURICharacters: a database path holding characters a
// URI gives a meaning to (#, ?, %) is the file of that very name.
func TestSQLitePathWithURICharacters(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a#b.db", "what?.db", "100%25.db", "x%y.db"} {
		path := filepath.Join(dir, name)
		s, err := OpenSQLite(context.Background(), path, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		s.Close()
		if _, err := os.Stat(path); err != nil {
			ents, _ := os.ReadDir(dir)
			var names []string
			for _, e := range ents {
				names = append(names, e.Name())
			}
			t.Errorf("%s: not created (the folder holds %q)", name, names)
		}
		// Read back through the read-only path too.
		r, err := OpenSQLite(context.Background(), path, Options{ReadOnly: true})
		if err != nil {
			t.Errorf("%s read-only: %v", name, err)
			continue
		}
		r.Close()
	}
}
