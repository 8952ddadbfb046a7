package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/limber-app/limber/internal/activity/desktoptest"
	"github.com/limber-app/limber/internal/api"
)

// limberBin returns the binary under test: $LIMBER_BIN (make test builds
// it, and limber-window beside it) or a fresh build of both into a temp
// folder.
func limberBin(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("LIMBER_BIN"); p != "" {
		if _, err := os.Stat(filepath.Join(filepath.Dir(p), windowProgram())); err != nil {
			t.Fatalf("LIMBER_BIN=%s has no %s beside it (make build builds both)", p, windowProgram())
		}
		return p
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "build", "-o", dir+string(filepath.Separator), ".", "../limber-window")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building limber and limber-window: %v\n%s", err, b)
	}
	return filepath.Join(dir, "limber")
}

// watcher is a fake StatusNotifierWatcher (what a panel's tray host owns):
// it records who registered an item and when.
type watcher struct {
	mu      sync.Mutex
	items   []string
	senders []string
	when    time.Time
	got     chan struct{}
}

func (w *watcher) RegisterStatusNotifierItem(sender dbus.Sender, service string) *dbus.Error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.items = append(w.items, service)
	w.senders = append(w.senders, string(sender))
	if w.when.IsZero() {
		w.when = time.Now()
		close(w.got)
	}
	return nil
}

func (w *watcher) RegisterStatusNotifierHost(service string) *dbus.Error { return nil }

// desktop is a throwaway session: Xvfb, a private bus with a fake tray host
// and private XDG folders.
type desktop struct {
	display, bus string
	env          []string
	conn         *dbus.Conn
	w            *watcher
}

func newDesktop(t testing.TB) *desktop {
	t.Helper()
	return newDesktopOn(t, desktoptest.Bus(t))
}

// newDesktopOn is newDesktop on the session bus at address bus.
func newDesktopOn(t testing.TB, bus string) *desktop {
	t.Helper()
	d := &desktop{display: desktoptest.Xvfb(t), bus: bus}
	conn, err := dbus.Connect(d.bus)
	if err != nil {
		t.Fatalf("connecting to the private bus: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	d.conn = conn
	d.w = &watcher{got: make(chan struct{})}
	if err := conn.Export(d.w, "/StatusNotifierWatcher", "org.kde.StatusNotifierWatcher"); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName("org.kde.StatusNotifierWatcher", dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("owning the watcher name: %v %v", reply, err)
	}
	root := t.TempDir()
	run := filepath.Join(root, "run")
	os.Mkdir(run, 0o700)
	// xdotool and other tools run from the test see this display.
	if tb, ok := t.(interface{ Setenv(string, string) }); ok {
		tb.Setenv("DISPLAY", d.display)
	}
	d.env = append(os.Environ(),
		"DISPLAY="+d.display, "DBUS_SESSION_BUS_ADDRESS="+d.bus,
		"XDG_RUNTIME_DIR="+run, "XDG_CONFIG_HOME="+filepath.Join(root, "config"),
		"XDG_DATA_HOME="+filepath.Join(root, "data"), "XDG_STATE_HOME="+filepath.Join(root, "state"),
		"HOME="+root, "LANG=en_US.UTF-8", "LC_ALL=",
	)
	return d
}

// limber runs a command to the end and returns stdout, stderr and the exit code.
func (d *desktop) limber(t testing.TB, bin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = d.env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running limber %v: %v", args, err)
	}
	return out.String(), errb.String(), code
}

// startDaemon starts `limber` and waits until its tray item registers.
func (d *desktop) startDaemon(t testing.TB, bin string) (*exec.Cmd, time.Duration) {
	t.Helper()
	cmd := exec.Command(bin)
	if os.Getenv("LIMBER_E2E_DEBUG") != "" {
		cmd = exec.Command(bin, "--verbose") // the daemon's log in the failure report
	}
	cmd.Env = d.env
	var errb bytes.Buffer
	cmd.Stderr = &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// SIGTERM first: the daemon closes its card window on the way out.
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("daemon stderr:\n%s", errb.String())
		}
	})
	select {
	case <-d.w.got:
	case <-time.After(10 * time.Second):
		t.Fatalf("the tray item never registered with the watcher; stderr:\n%s", errb.String())
	}
	d.w.mu.Lock()
	took := d.w.when.Sub(start)
	d.w.mu.Unlock()
	return cmd, took
}

// menuLabels reads the tray menu through com.canonical.dbusmenu.
func (d *desktop) menuLabels(t testing.TB) []string {
	t.Helper()
	d.w.mu.Lock()
	sender := d.w.senders[0]
	d.w.mu.Unlock()
	obj := d.conn.Object(sender, "/StatusNotifierItem/menu")
	var revision uint32
	var layout struct {
		ID       int32
		Props    map[string]dbus.Variant
		Children []dbus.Variant
	}
	call := obj.Call("com.canonical.dbusmenu.GetLayout", 0, int32(0), int32(-1), []string{})
	if call.Err != nil {
		t.Fatalf("GetLayout: %v", call.Err)
	}
	if err := call.Store(&revision, &layout); err != nil {
		t.Fatalf("decoding the menu layout: %v", err)
	}
	var labels []string
	var walk func(children []dbus.Variant)
	walk = func(children []dbus.Variant) {
		for _, c := range children {
			fields, ok := c.Value().([]any)
			if !ok || len(fields) != 3 {
				continue
			}
			props, _ := fields[1].(map[string]dbus.Variant)
			if l, ok := props["label"]; ok {
				if vis, ok := props["visible"]; !ok || vis.Value() == true {
					labels = append(labels, l.Value().(string))
				}
			}
			switch kids := fields[2].(type) {
			case []dbus.Variant:
				walk(kids)
			case []any:
				var vs []dbus.Variant
				for _, k := range kids {
					if v, ok := k.(dbus.Variant); ok {
						vs = append(vs, v)
					}
				}
				walk(vs)
			}
		}
	}
	walk(layout.Children)
	return labels
}

func (d *desktop) status(t testing.TB, bin string) api.Status {
	t.Helper()
	out, errs, code := d.limber(t, bin, "status", "--json")
	if code != 0 {
		t.Fatalf("limber status --json exited %d: %s", code, errs)
	}
	var st api.Status
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("status --json is not JSON: %v\n%s", err, out)
	}
	return st
}

func TestEndToEndTrayAndActivity(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := limberBin(t)
	d := newDesktop(t)
	daemon, took := d.startDaemon(t, bin)
	t.Logf("tray item registered %v after start", took)

	// The menu shows the live status line and every entry (systray builds
	// it item by item: wait until it is whole).
	wanted := []string{"Stretch in 30 min", "Take a break now", "Posture check", "Postpone next break", "15 minutes",
		"Pause", "Until tomorrow", "Resume", "Settings…", "Statistics…", "Quit Limber"}
	var labels []string
	complete := func() bool {
		labels = d.menuLabels(t)
		joined := strings.Join(labels, "\n")
		for _, w := range wanted {
			if !strings.Contains(joined, w) {
				return false
			}
		}
		return true
	}
	deadline0 := time.Now().Add(10 * time.Second)
	for !complete() {
		if time.Now().After(deadline0) {
			t.Fatalf("the menu never showed all of %q:\n%s", wanted, strings.Join(labels, "\n"))
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.HasPrefix(labels[0], "Sitting 0:00 · today 0:00") {
		t.Fatalf("first menu line should be the sitting line, menu:\n%s", strings.Join(labels, "\n"))
	}

	st := d.status(t, bin)
	if st.Activity != "x11-screensaver" {
		t.Errorf("activity source %q, want x11-screensaver", st.Activity)
	}

	// Move the pointer for a while: the daemon must see the user as active.
	deadline := time.Now().Add(20 * time.Second)
	x := 10
	for {
		x = (x + 37) % 600
		desktoptest.Run(t, d.display, "xdotool", "mousemove", itoa(x), itoa(x/2+10))
		time.Sleep(200 * time.Millisecond)
		st = d.status(t, bin)
		if st.Active && st.IdleSeconds < 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("moving the pointer never made the user active: %+v", st)
		}
	}

	// `limber break now stretch` opens a card window that is really drawn.
	if _, errs, code := d.limber(t, bin, "break", "now", "stretch"); code != 0 {
		t.Fatalf("break now: %d %s", code, errs)
	}
	var win string
	waitFor(t, 15*time.Second, "the card window", func() bool {
		if ids := findWindows("Stretch"); len(ids) > 0 {
			win = ids[0]
		}
		return win != ""
	})
	checkDrawn(t, win)
	if _, errs, code := d.limber(t, bin, "skip"); code != 0 {
		t.Fatalf("skip: %d %s", code, errs)
	}
	waitFor(t, 10*time.Second, "the card window to close after skip", func() bool { return len(findWindows("Stretch")) == 0 })

	// A second daemon says so, opens the first one's status window and
	// exits 0, leaving the first alone.
	out, _, code := d.limber(t, bin)
	if code != 0 || !strings.Contains(out, "already running") {
		t.Errorf("second daemon: exit %d, output %q", code, out)
	}
	waitFor(t, 20*time.Second, "the status window", func() bool { return len(findWindows("^Limber$")) > 0 })

	// Pausing shows in status and in the menu.
	if _, errs, code := d.limber(t, bin, "pause", "30m"); code != 0 {
		t.Fatalf("pause: %d %s", code, errs)
	}
	if st := d.status(t, bin); !st.Paused {
		t.Error("status does not say paused")
	}
	waitFor(t, 5*time.Second, "the menu to show the pause", func() bool {
		return strings.Contains(strings.Join(d.menuLabels(t), "\n"), "Paused until")
	})
	if _, errs, code := d.limber(t, bin, "resume"); code != 0 {
		t.Fatalf("resume: %d %s", code, errs)
	}

	// Bad usage is exit 2 with a message; quit stops the daemon.
	if _, errs, code := d.limber(t, bin, "pause", "soon"); code != 2 || !strings.Contains(errs, "not a duration") {
		t.Errorf("pause soon: exit %d, stderr %q", code, errs)
	}
	if _, errs, code := d.limber(t, bin, "quit"); code != 0 {
		t.Fatalf("quit: %d %s", code, errs)
	}
	done := make(chan error, 1)
	go func() { done <- daemon.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the daemon did not stop after quit")
	}
	if _, errs, code := d.limber(t, bin, "status"); code != 1 || !strings.Contains(errs, "not running") {
		t.Errorf("status without a daemon: exit %d, stderr %q", code, errs)
	}
}

func waitFor(t testing.TB, limit time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestEndToEndWithoutWindowProgram: a limber whose limber-window is missing
// keeps running; a break comes as a notification instead of a card.
func TestEndToEndWithoutWindowProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	src, err := os.ReadFile(limberBin(t))
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "limber")
	if err := os.WriteFile(bin, src, 0o755); err != nil {
		t.Fatal(err)
	}
	d := newDesktop(t)
	d.startDaemon(t, bin)
	if _, errs, code := d.limber(t, bin, "break", "now", "stretch"); code != 0 {
		t.Fatalf("break now: %d %s", code, errs)
	}
	time.Sleep(time.Second)
	if st := d.status(t, bin); st.Activity == "" {
		t.Errorf("status after a break without windows: %+v", st)
	}
	if ids := findWindows("Stretch"); len(ids) > 0 {
		t.Error("a card window opened without limber-window")
	}
	_, errs, code := d.limber(t, bin, "window", "stats")
	if code != 1 || !strings.Contains(errs, "limber-window is missing") {
		t.Errorf("limber window stats: exit %d, stderr %q", code, errs)
	}
}
