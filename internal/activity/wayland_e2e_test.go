//go:build linux

package activity

import (
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The sources against real headless compositors, through
// .ci/wayland-session (a copy of the project's shared tool; or
// $LIMBER_WAYLAND_SESSION): this
// test binary runs itself inside the session, where
// TestWaylandSessionInner checks what Detect picks and how idle time
// moves. A compositor that is not installed or cannot start is skipped
// with a message.
func TestWaylandSessions(t *testing.T) {
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
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// sway refuses root, so the tool may run us as another user: copy the
	// binary where that user can read it.
	dir, err := os.MkdirTemp("", "limber-wl-e2e")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "activity.test")
	if err := copyFile(self, bin); err != nil {
		t.Fatal(err)
	}
	for comp, exe := range map[string]string{"sway": "sway", "kwin": "kwin_wayland", "mutter": "mutter"} {
		t.Run(comp, func(t *testing.T) {
			if _, err := exec.LookPath(exe); err != nil {
				t.Skipf("%s is not installed (make deps installs it)", exe)
			}
			start := time.Now()
			cmd := exec.Command(tool, comp, "--wait", "25", "--", bin,
				"-test.run=^TestWaylandSessionInner$", "-test.v", "-test.count=1", comp)
			out, err := cmd.CombinedOutput()
			t.Logf("%s session took %v", comp, time.Since(start).Round(10*time.Millisecond))
			text := string(out)
			switch {
			case err == nil && strings.Contains(text, "--- PASS: TestWaylandSessionInner"):
			case strings.Contains(text, "--- FAIL"):
				t.Fatalf("inside %s:\n%s", comp, text)
			case !strings.Contains(text, "=== RUN"):
				// The compositor never got to run us.
				t.Skipf("%s could not start here: %v\n%s", comp, err, text)
			default:
				t.Fatalf("inside %s: %v\n%s", comp, err, text)
			}
		})
	}
}

// TestWaylandSessionInner runs only inside wayland-session; its argument
// names the compositor.
func TestWaylandSessionInner(t *testing.T) {
	if flag.NArg() != 1 || os.Getenv("XDG_SESSION_TYPE") != "wayland" {
		t.Skip("runs inside wayland-session only")
	}
	comp := flag.Arg(0)
	want := map[string]string{"sway": NameWaylandKDE, "kwin": NameWaylandExt, "mutter": NameMutter}[comp]
	var log []string
	src := DetectWith(Options{Logf: func(f string, a ...any) { log = append(log, f) }})
	defer src.Close()
	if src.Name() != want {
		t.Fatalf("under %s Detect picked %q, want %q (%v)", comp, src.Name(), want, src)
	}
	idle := func() time.Duration {
		t.Helper()
		d, err := src.Idle()
		if err != nil {
			t.Fatalf("Idle: %v", err)
		}
		return d
	}
	// Nobody touches the headless seat: idle must grow.
	time.Sleep(2500 * time.Millisecond)
	if d := idle(); d < 1500*time.Millisecond {
		t.Fatalf("under %s after 2.5 s without input: idle %v, want >= 1.5 s", comp, d)
	}
	if comp != "sway" {
		return
	}
	// Faked input brings it back to zero.
	if out, err := exec.Command("swaymsg", "seat", "seat0", "cursor", "move", "1", "1").CombinedOutput(); err != nil {
		t.Fatalf("swaymsg: %v: %s", err, out)
	}
	deadline := time.Now().Add(time.Second)
	for idle() > 500*time.Millisecond {
		if time.Now().After(deadline) {
			t.Fatalf("1 s after a pointer move under sway: idle %v, want < 0.5 s", idle())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func copyFile(from, to string) error {
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
