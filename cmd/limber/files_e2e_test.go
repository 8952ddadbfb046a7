package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A FIFO as config.toml and a FIFO and /dev/zero among the card files: the
// daemon starts, says so in status, and every command answers within 2 s.
// Then ten more daemons start at once: each says "already running" and
// exits 0.
func TestEndToEndSpecialFilesAndStartRace(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := limberBin(t)
	d := newDesktop(t)
	var cfgHome string
	for _, e := range d.env {
		if v, ok := strings.CutPrefix(e, "XDG_CONFIG_HOME="); ok {
			cfgHome = v
		}
	}
	dir := filepath.Join(cfgHome, "limber")
	cards := filepath.Join(dir, "cards")
	if err := os.MkdirAll(cards, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(dir, "config.toml"), filepath.Join(cards, "fifo.toml")} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("/dev/zero", filepath.Join(cards, "zero.toml")); err != nil {
		t.Fatal(err)
	}
	d.startDaemon(t, bin)
	for _, args := range [][]string{{"status"}, {"status", "--problems"}, {"version"}, {"config", "check"},
		{"cards", "check"}, {"stats"}, {"export", "--json", "-"}, {"drink"}} {
		start := time.Now()
		out, errs, code := d.limber(t, bin, args...)
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("limber %s took %v", strings.Join(args, " "), took)
		}
		if code > 1 {
			t.Errorf("limber %s: exit %d: %s %s", strings.Join(args, " "), code, out, errs)
		}
	}
	st := d.status(t, bin)
	if st.ProblemCount < 3 {
		t.Errorf("status lists %d problems, want the settings file and two card files: %v", st.ProblemCount, st.Problems)
	}
	joined := strings.Join(st.Problems, "\n")
	if !strings.Contains(joined, "config.toml") || !strings.Contains(joined, "named pipe") {
		t.Errorf("status does not name the FIFO settings file: %v", st.Problems)
	}

	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, errs, code := d.limber(t, bin)
			if code != 0 || !strings.Contains(out, "already running") {
				t.Errorf("start %d: exit %d, %q %q", i, code, out, errs)
			}
		}()
	}
	wg.Wait()
}
