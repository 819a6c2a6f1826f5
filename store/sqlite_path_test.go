package store

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
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

// TestSQLiteReadOnlyFolderSaysPermission: a store in a folder the user
// may not write is refused with the reason, not SQLite's bare "unable to
// open database file (14)". Root may write anywhere, so the check runs
// this test binary again as the user nobody.
func TestSQLiteReadOnlyFolderSaysPermission(t *testing.T) {
	if folder := os.Getenv("PARLEY_TEST_READONLY_FOLDER"); folder != "" {
		_, err := OpenSQLite(context.Background(), filepath.Join(folder, "parley.db"), Options{})
		fmt.Println("error:", err)
		return
	}
	if os.Getuid() != 0 {
		// Not root: the folder can simply be made read-only.
		dir := t.TempDir()
		os.Chmod(dir, 0o555)
		defer os.Chmod(dir, 0o755)
		_, err := OpenSQLite(context.Background(), filepath.Join(dir, "parley.db"), Options{})
		if err == nil || !strings.Contains(err.Error(), "no permission to write in folder "+dir) {
			t.Errorf("got %v; want the permission named", err)
		}
		return
	}
	dir := t.TempDir()
	os.Chmod(filepath.Dir(dir), 0o755) // the test's own folder, 0700 when made
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "store.test")
	exe, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, exe, 0o755); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "readonly")
	os.Mkdir(folder, 0o555)
	for p := dir; p != "/"; p = filepath.Dir(p) {
		if st, err := os.Stat(p); err == nil && st.Mode().Perm()&0o005 != 0o005 {
			t.Skipf("%s is not open to other users: cannot run as nobody", p)
		}
	}
	cmd := exec.Command(bin, "-test.run=^TestSQLiteReadOnlyFolderSaysPermission$")
	cmd.Env = append(os.Environ(), "PARLEY_TEST_READONLY_FOLDER="+folder)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("running as nobody: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "no permission to write in folder "+folder) {
		t.Errorf("as nobody:\n%s\nwant the permission named", out)
	}
}
