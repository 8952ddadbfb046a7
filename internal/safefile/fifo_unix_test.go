//go:build unix

package safefile

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A FIFO neither hangs nor is read.
func TestReadFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip(err)
	}
	start := time.Now()
	if _, err := Read(p, 1000); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("FIFO: %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("a FIFO took %v", d)
	}
}
