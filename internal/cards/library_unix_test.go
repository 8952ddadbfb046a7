//go:build unix

package cards

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// A FIFO and /dev/zero among the card files: loading answers at once, and
// each is a problem of its own while the other cards load.
func TestLoadRefusesNonFiles(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.toml"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.toml")); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	lib := Load(fstest.MapFS{}, dir)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("loading took %v", d)
	}
	if n := len(lib.Problems()); n != 2 {
		t.Errorf("%d problems, want 2: %v", n, lib.Problems())
	}
}
