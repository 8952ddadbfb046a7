//go:build unix

package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// export never replaces what is there without --force; a FIFO or a
// character device is written as a stream, never replaced; files are 0600.
func TestExportDestinations(t *testing.T) {
	db := historyFixture(t)
	dir := t.TempDir()
	existing := filepath.Join(dir, "old.csv")
	if err := os.WriteFile(existing, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runStats(t, cmdExport, "--db", db, "--csv", existing); code != ExitFailed || !strings.Contains(errs, "--force") {
		t.Errorf("over an existing file: %d %q", code, errs)
	}
	if b, _ := os.ReadFile(existing); string(b) != "mine" {
		t.Errorf("the existing file was replaced: %q", b)
	}
	if code, _, errs := runStats(t, cmdExport, "--db", db, "--csv", existing, "--force"); code != ExitOK {
		t.Errorf("--force: %d %q", code, errs)
	}
	if b, _ := os.ReadFile(existing); !strings.HasPrefix(string(b), "type,") {
		t.Errorf("--force did not replace: %q", b)
	}
	// a symlink: refused, then with --force its target is written and the
	// link stays
	target := filepath.Join(dir, "target.json")
	os.WriteFile(target, []byte("[]"), 0o600)
	link := filepath.Join(dir, "link.json")
	os.Symlink(target, link)
	if code, _, _ := runStats(t, cmdExport, "--db", db, "--json", link); code != ExitFailed {
		t.Errorf("over a symlink: exit %d", code)
	}
	if code, _, errs := runStats(t, cmdExport, "--db", db, "--json", link, "--force"); code != ExitOK {
		t.Errorf("--force over a symlink: %d %q", code, errs)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced by a file")
	}
	// a new file is private
	fresh := filepath.Join(dir, "new.csv")
	if code, _, errs := runStats(t, cmdExport, "--db", db, "--csv", fresh); code != ExitOK {
		t.Fatalf("new file: %d %q", code, errs)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o600 {
		t.Errorf("export is %v, want 0600", fi.Mode().Perm())
	}
	// a character device is written, not replaced
	if code, _, errs := runStats(t, cmdExport, "--db", db, "--json", "/dev/null"); code != ExitOK {
		t.Errorf("/dev/null: %d %q", code, errs)
	}
	if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a device: %v", fi.Mode())
	}
	// a FIFO streams
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	if code, _, errs := runStats(t, cmdExport, "--db", db, "--csv", fifo); code != ExitOK {
		t.Fatalf("FIFO: %d %q", code, errs)
	}
	if s := <-got; !strings.HasPrefix(s, "type,") {
		t.Errorf("read from the FIFO: %q", s)
	}
}
