//go:build unix

package settings

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/safefile"
)

// A FIFO, /dev/zero and a 10 MB file as config.toml: every read answers at
// once with a message, none hangs or reads the whole thing.
func TestLoadRefusesNonFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs or /dev/zero")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.toml")
	must(t, os.Symlink("/dev/zero", zero))
	big := filepath.Join(dir, "big.toml")
	var b strings.Builder
	for i := 0; b.Len() < 10<<20; i++ {
		b.WriteString("unknown_key_" + strings.Repeat("x", 40) + " = 1\n")
	}
	must(t, os.WriteFile(big, []byte(b.String()), 0o600))
	for name, p := range map[string]string{"fifo": fifo, "/dev/zero": zero, "10 MB": big} {
		start := time.Now()
		_, _, err := Load(p)
		if !errors.Is(err, safefile.ErrNotRegular) && !errors.Is(err, safefile.ErrTooLarge) {
			t.Errorf("%s: %v", name, err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s took %v", name, d)
		}
	}
}

// A settings file that cannot be read at start is a problem of the store
// (not "no settings file"), and is picked up once fixed.
func TestStoreUnreadableThenFixed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	must(t, os.Mkdir(path, 0o700)) // a folder in its place
	st, _, err := OpenStore(path)
	if err != nil {
		t.Fatalf("OpenStore: %v", err)
	}
	if _, probs := st.Current(); len(probs) != 1 || !strings.Contains(probs[0].Message, "cannot be read") {
		t.Fatalf("problems %v", probs)
	}
	must(t, os.Remove(path))
	must(t, os.WriteFile(path, []byte("[limits]\ndaily_sitting = \"5h\"\n"), 0o600))
	got := make(chan Update, 4)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st.w.every = 10 * time.Millisecond
	st.w.settle = time.Millisecond
	go st.Watch(ctx, func(u Update) { got <- u })
	select {
	case u := <-got:
		if !u.OK() {
			t.Fatalf("after the fix: %+v", u)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the fixed file was not re-read")
	}
	if s, probs := st.Current(); len(probs) != 0 || s.DailyLimit != 5*time.Hour {
		t.Errorf("after the fix: %v %v", s.DailyLimit, probs)
	}
}

// A change of mode alone (chmod 000 and back) makes the watcher look again.
func TestWatcherSeesModeChange(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	must(t, os.WriteFile(path, []byte("[limits]\ndaily_sitting = \"5h\"\n"), 0o600))
	a, _ := stampOf(path)
	must(t, os.Chmod(path, 0))
	b, _ := stampOf(path)
	if a == b {
		t.Fatal("a mode change leaves the stamp alone: an unreadable file made readable would not be re-read")
	}
	must(t, os.Chmod(path, 0o600))
}

// A file of 1 MiB of unknown keys (under the size cap) is judged at once:
// the decoder's cost grows with the square of the keys.
func TestParseManyKeysIsQuick(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < MaxFileSize-40; i++ {
		b.WriteString("k" + strings.Repeat("0", 6) + string(rune('a'+i%26)) + " = 1\n")
	}
	inline := "x = {" + strings.Repeat("a = 1, ", 100000) + "}\n"
	for name, data := range map[string]string{"lines": b.String(), "inline": inline} {
		start := time.Now()
		_, probs := Parse([]byte(data), "config.toml")
		if len(probs) != 1 || !strings.Contains(probs[0].Message, "at most") {
			t.Errorf("%s: problems %v", name, probs[:min(len(probs), 3)])
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: took %v", name, d)
		}
	}
}
