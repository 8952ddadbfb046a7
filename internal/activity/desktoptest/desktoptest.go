// Package desktoptest starts throwaway desktop services for tests: an Xvfb
// display and a private D-Bus bus. Both are killed when the test ends, and
// tests skip cleanly when the binaries are missing.
package desktoptest

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// Server is a running Xvfb.
type Server struct {
	// Display is the DISPLAY string, e.g. ":12".
	Display string
	cmd     *exec.Cmd
}

// Kill stops the server early (to test a lost connection).
func (s *Server) Kill() {
	s.cmd.Process.Kill()
	s.cmd.Wait()
}

// Xvfb starts a virtual X server on a free display (Xvfb picks it and
// reports it through -displayfd, so parallel test binaries never collide)
// and returns its DISPLAY string, e.g. ":12".
func Xvfb(t testing.TB) string {
	t.Helper()
	return XvfbServer(t).Display
}

// XvfbServer is Xvfb returning the server, so a test can kill it.
func XvfbServer(t testing.TB) *Server {
	t.Helper()
	bin, err := exec.LookPath("Xvfb")
	if err != nil {
		t.Skip("Xvfb is not installed (apt install xvfb)")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatalf("pipe for Xvfb: %v", err)
	}
	defer r.Close()
	cmd := exec.Command(bin, "-displayfd", "3", "-nolisten", "tcp", "-screen", "0", "640x480x24")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		w.Close()
		t.Fatalf("starting Xvfb: %v", err)
	}
	w.Close()
	stop(t, cmd)
	line := readLine(t, r, "Xvfb display number")
	return &Server{Display: ":" + line, cmd: cmd}
}

// Bus starts a private dbus-daemon with a minimal configuration (no service
// activation, so nothing real gets started) and returns its address.
func Bus(t testing.TB) string {
	t.Helper()
	return BusServer(t).Address
}

// BusDaemon is a running private dbus-daemon.
type BusDaemon struct {
	Address string
	cmd     *exec.Cmd
}

// Kill stops the bus early (to test a lost connection).
func (b *BusDaemon) Kill() {
	b.cmd.Process.Kill()
	b.cmd.Wait()
}

// BusServer is Bus returning the daemon, so a test can kill it.
func BusServer(t testing.TB) *BusDaemon {
	t.Helper()
	return startBus(t, "")
}

// ActivatingBus is Bus with the standard session service directories, for
// tests running real desktop programs that start helpers by D-Bus
// activation (xfwm4 needs xfconfd).
func ActivatingBus(t testing.TB) string {
	t.Helper()
	return startBus(t, "  <standard_session_servicedirs/>\n").Address
}

// BusAt starts a private bus listening at the socket path given, so a test
// can restart a bus at the same address (a stale socket file is removed).
func BusAt(t testing.TB, socket string) *BusDaemon {
	t.Helper()
	os.Remove(socket)
	return startBusListen(t, "unix:path="+socket, "")
}

func startBus(t testing.TB, extra string) *BusDaemon {
	t.Helper()
	return startBusListen(t, "", extra)
}

// startBusListen starts dbus-daemon on listen ("" = a fresh directory).
func startBusListen(t testing.TB, listen, extra string) *BusDaemon {
	t.Helper()
	bin, err := exec.LookPath("dbus-daemon")
	if err != nil {
		t.Skip("dbus-daemon is not installed (apt install dbus)")
	}
	dir := t.TempDir()
	if listen == "" {
		listen = "unix:dir=" + dir
	}
	cfg := filepath.Join(dir, "bus.conf")
	conf := `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>` + listen + `</listen>
  <auth>EXTERNAL</auth>
` + extra + `  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`
	if err := os.WriteFile(cfg, []byte(conf), 0o600); err != nil {
		t.Fatalf("writing bus config: %v", err)
	}
	cmd := exec.Command(bin, "--config-file="+cfg, "--print-address", "--nofork", "--nopidfile")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("dbus-daemon stdout: %v", err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting dbus-daemon: %v", err)
	}
	stop(t, cmd)
	return &BusDaemon{Address: readLine(t, out, "dbus-daemon address"), cmd: cmd}
}

// stop kills cmd when the test ends.
func stop(t testing.TB, cmd *exec.Cmd) {
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
}

// readLine reads one line from r within 10 s.
func readLine(t testing.TB, r interface{ Read([]byte) (int, error) }, what string) string {
	t.Helper()
	ch := make(chan string, 1)
	errc := make(chan error, 1)
	go func() {
		line, err := bufio.NewReader(r).ReadString('\n')
		if err != nil {
			errc <- err
			return
		}
		ch <- strings.TrimSpace(line)
	}()
	select {
	case s := <-ch:
		if s == "" {
			t.Fatalf("reading %s: empty", what)
		}
		return s
	case err := <-errc:
		t.Fatalf("reading %s: %v", what, err)
	case <-time.After(10 * time.Second):
		t.Fatalf("reading %s: timed out", what)
	}
	return ""
}

// Run runs a helper command (xdotool, ...) against display, failing the
// test on error and skipping it when the tool is missing.
func Run(t testing.TB, display string, name string, args ...string) {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed", name)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// Env returns a Getenv function over the given pairs ("KEY", "value", ...)
// and nothing else, so tests never see the developer's real desktop.
func Env(pairs ...string) func(string) string {
	if len(pairs)%2 != 0 {
		panic(fmt.Sprintf("desktoptest.Env: odd number of arguments %d", len(pairs)))
	}
	m := map[string]string{}
	for i := 0; i < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return func(k string) string { return m[k] }
}

// Fullscreen plays a window manager on display: it creates a window, makes
// it the active one (_NET_ACTIVE_WINDOW) and marks it full screen
// (_NET_WM_STATE_FULLSCREEN). The returned leave clears the full-screen
// state again, as when a presentation ends.
func Fullscreen(t testing.TB, display string) (leave func()) {
	t.Helper()
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatalf("connecting to %s: %v", display, err)
	}
	t.Cleanup(c.Close)
	atom := func(name string) xproto.Atom {
		r, err := xproto.InternAtom(c, false, uint16(len(name)), name).Reply()
		if err != nil {
			t.Fatalf("interning %s: %v", name, err)
		}
		return r.Atom
	}
	set := func(w xproto.Window, prop, typ xproto.Atom, vals ...uint32) {
		buf := make([]byte, 4*len(vals))
		for i, v := range vals {
			xgb.Put32(buf[4*i:], v)
		}
		if err := xproto.ChangePropertyChecked(c, xproto.PropModeReplace, w, prop, typ, 32,
			uint32(len(vals)), buf).Check(); err != nil {
			t.Fatalf("setting a property: %v", err)
		}
	}
	s := xproto.Setup(c).DefaultScreen(c)
	id, err := xproto.NewWindowId(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := xproto.CreateWindowChecked(c, s.RootDepth, id, s.Root, 0, 0, s.WidthInPixels, s.HeightInPixels, 0,
		xproto.WindowClassInputOutput, s.RootVisual, 0, nil).Check(); err != nil {
		t.Fatalf("creating a window: %v", err)
	}
	state, full := atom("_NET_WM_STATE"), atom("_NET_WM_STATE_FULLSCREEN")
	set(id, state, xproto.AtomAtom, uint32(full))
	set(s.Root, atom("_NET_ACTIVE_WINDOW"), xproto.AtomWindow, uint32(id))
	return func() { set(id, state, xproto.AtomAtom) }
}
