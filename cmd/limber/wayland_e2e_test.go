//go:build linux

package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// `limber status` under real headless compositors names their idle
// source: wayland-kde-idle under sway (wlroots), wayland-ext-idle under
// KWin (Plasma), gnome-mutter under Mutter. Through
// .ci/wayland-session (a copy of the project's shared tool; or
// $LIMBER_WAYLAND_SESSION); a
// compositor that is missing or cannot start is skipped with a message.
func TestEndToEndWaylandStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("real compositors: not with -short")
	}
	tool := os.Getenv("LIMBER_WAYLAND_SESSION")
	for _, p := range []string{"../../.ci/wayland-session", "/work/shared/tools/wayland-session"} {
		if _, err := os.Stat(p); tool == "" && err == nil {
			tool, _ = filepath.Abs(p)
		}
	}
	if _, err := os.Stat(tool); err != nil {
		t.Skipf("no wayland-session tool at %s (set LIMBER_WAYLAND_SESSION)", tool)
	}
	// The tool may run the session as another user (sway refuses root):
	// the binary goes where that user can run it.
	dir, err := os.MkdirTemp("", "limber-wl")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "limber")
	if err := copyExe(limberBin(t), bin); err != nil {
		t.Fatal(err)
	}
	script := bin + ` >/dev/null 2>&1 & for i in 1 2 3 4 5 6 7 8 9 10; do ` + bin + ` status --json >/dev/null 2>&1 && break; sleep 0.5; done; ` +
		bin + ` status --json; ` + bin + ` quit`
	for comp, want := range map[string]string{"sway": "wayland-kde-idle", "kwin": "wayland-ext-idle", "mutter": "gnome-mutter"} {
		t.Run(comp, func(t *testing.T) {
			exe := map[string]string{"sway": "sway", "kwin": "kwin_wayland", "mutter": "mutter"}[comp]
			if _, err := exec.LookPath(exe); err != nil {
				t.Skipf("%s is not installed (make deps installs it)", exe)
			}
			start := time.Now()
			out, err := exec.Command(tool, comp, "--wait", "25", "--", "sh", "-c", script).CombinedOutput()
			t.Logf("%s: %v", comp, time.Since(start).Round(10*time.Millisecond))
			text := string(out)
			if !strings.Contains(text, `"activity"`) {
				t.Skipf("%s could not start here, or limber did not answer: %v\n%s", comp, err, text)
			}
			if !strings.Contains(text, `"activity": "`+want+`"`) {
				t.Fatalf("under %s, status says:\n%s\nwant activity %q", comp, text, want)
			}
		})
	}
}

func copyExe(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
