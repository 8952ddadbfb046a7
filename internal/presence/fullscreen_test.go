package presence

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/limber-app/limber/internal/activity/desktoptest"
)

// xclient plays the window manager's part: it sets the EWMH properties a WM
// would set, directly.
type xclient struct {
	t    *testing.T
	c    *xgb.Conn
	root xproto.Window
}

func newXClient(t *testing.T, display string) *xclient {
	t.Helper()
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatalf("connecting to %s: %v", display, err)
	}
	t.Cleanup(c.Close)
	return &xclient{t: t, c: c, root: xproto.Setup(c).DefaultScreen(c).Root}
}

func (x *xclient) atom(name string) xproto.Atom {
	x.t.Helper()
	r, err := xproto.InternAtom(x.c, false, uint16(len(name)), name).Reply()
	if err != nil {
		x.t.Fatalf("interning %s: %v", name, err)
	}
	return r.Atom
}

func (x *xclient) window() xproto.Window {
	x.t.Helper()
	id, err := xproto.NewWindowId(x.c)
	if err != nil {
		x.t.Fatal(err)
	}
	s := xproto.Setup(x.c).DefaultScreen(x.c)
	if err := xproto.CreateWindowChecked(x.c, s.RootDepth, id, x.root, 0, 0, 100, 100, 0,
		xproto.WindowClassInputOutput, s.RootVisual, 0, nil).Check(); err != nil {
		x.t.Fatalf("creating a window: %v", err)
	}
	return id
}

// set replaces a 32-bit property with vals.
func (x *xclient) set(w xproto.Window, prop, typ xproto.Atom, vals ...uint32) {
	x.t.Helper()
	buf := make([]byte, 4*len(vals))
	for i, v := range vals {
		xgb.Put32(buf[4*i:], v)
	}
	if err := xproto.ChangePropertyChecked(x.c, xproto.PropModeReplace, w, prop, typ, 32,
		uint32(len(vals)), buf).Check(); err != nil {
		x.t.Fatalf("setting a property: %v", err)
	}
}

func TestFullscreen(t *testing.T) {
	display := desktoptest.Xvfb(t)
	m := StartWith(context.Background(), Options{NoMicrophone: true, NoCamera: true, Display: display, NoSystemBus: true, NoSessionBus: true})
	defer m.Close()
	if !slices.Contains(m.Sources(), PartX11Fullscreen) {
		t.Fatalf("x11-fullscreen not live; off: %v", m.Off())
	}
	if m.State().Fullscreen {
		t.Fatal("full screen with no active window")
	}

	x := newXClient(t, display)
	active, state, full := x.atom("_NET_ACTIVE_WINDOW"), x.atom("_NET_WM_STATE"), x.atom("_NET_WM_STATE_FULLSCREEN")
	above := x.atom("_NET_WM_STATE_ABOVE")
	video, editor := x.window(), x.window()
	x.set(video, state, xproto.AtomAtom, uint32(above), uint32(full))
	x.set(editor, state, xproto.AtomAtom, uint32(above))

	x.set(x.root, active, xproto.AtomWindow, uint32(video))
	waitFor(t, m, "full-screen active window", func(s State) bool { return s.Fullscreen && s.PresentNoInput() })
	x.set(x.root, active, xproto.AtomWindow, uint32(editor))
	waitFor(t, m, "focus moved to a normal window", func(s State) bool { return !s.Fullscreen })
	x.set(editor, state, xproto.AtomAtom, uint32(full))
	waitFor(t, m, "the active window went full screen", func(s State) bool { return s.Fullscreen })
	x.set(editor, state, xproto.AtomAtom)
	waitFor(t, m, "the active window left full screen", func(s State) bool { return !s.Fullscreen })
	// The old active window's changes no longer matter.
	x.set(video, state, xproto.AtomAtom, uint32(full))
	x.set(x.root, active, xproto.AtomWindow, uint32(video))
	waitFor(t, m, "back to the video", func(s State) bool { return s.Fullscreen })
	// The active window disappears and the WM clears _NET_ACTIVE_WINDOW.
	xproto.DestroyWindow(x.c, video)
	x.set(x.root, active, xproto.AtomWindow, 0)
	waitFor(t, m, "no active window", func(s State) bool { return !s.Fullscreen })
	// An active window that no longer exists is not full screen.
	x.set(x.root, active, xproto.AtomWindow, uint32(video))
	x.set(x.root, active, xproto.AtomWindow, uint32(editor))
	x.set(editor, state, xproto.AtomAtom, uint32(full))
	waitFor(t, m, "still working after a bad window", func(s State) bool { return s.Fullscreen })
}

func TestFullscreenXServerLost(t *testing.T) {
	srv := desktoptest.XvfbServer(t)
	m := StartWith(context.Background(), Options{NoMicrophone: true, NoCamera: true, Display: srv.Display, NoSystemBus: true, NoSessionBus: true})
	defer m.Close()
	srv.Kill()
	waitFor(t, m, "x11-fullscreen off", func(State) bool { return !slices.Contains(m.Sources(), PartX11Fullscreen) })
}

// TestFullscreenUnderXfwm4 lets a real window manager (xfwm4) set the EWMH
// properties: it activates our window and makes it full screen when asked
// the way a toolkit asks, with a _NET_WM_STATE client message.
func TestFullscreenUnderXfwm4(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a window manager")
	}
	wm, err := exec.LookPath("xfwm4")
	if err != nil {
		t.Skip("xfwm4 is not installed")
	}
	display := desktoptest.Xvfb(t)
	cmd := exec.Command(wm, "--compositor=off", "--sm-client-disable")
	// A private bus: xfwm4 must not reach the developer's desktop, but it
	// needs xfconfd, started by activation.
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "DBUS_SESSION_BUS_ADDRESS="+desktoptest.ActivatingBus(t))
	logPath := filepath.Join(t.TempDir(), "xfwm4.log")
	wmLog, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer wmLog.Close()
	cmd.Stdout, cmd.Stderr = wmLog, wmLog
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting xfwm4: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	x := newXClient(t, display)
	check := x.atom("_NET_SUPPORTING_WM_CHECK")
	deadline := time.Now().Add(10 * time.Second)
	for {
		r, err := xproto.GetProperty(x.c, false, x.root, check, xproto.AtomWindow, 0, 1).Reply()
		if err == nil && r != nil && len(r.Value) >= 4 {
			break
		}
		if time.Now().After(deadline) {
			out, _ := os.ReadFile(logPath)
			t.Fatalf("xfwm4 did not take over the display:\n%s", out)
		}
		time.Sleep(50 * time.Millisecond)
	}

	m := StartWith(context.Background(), Options{NoMicrophone: true, NoCamera: true, Display: display, NoSystemBus: true, NoSessionBus: true})
	defer m.Close()

	win := x.window()
	if err := xproto.MapWindowChecked(x.c, win).Check(); err != nil {
		t.Fatal(err)
	}
	x.clientMessage(win, x.atom("_NET_ACTIVE_WINDOW"), 1, 0, 0)
	active := x.atom("_NET_ACTIVE_WINDOW")
	for {
		r, err := xproto.GetProperty(x.c, false, x.root, active, xproto.AtomWindow, 0, 1).Reply()
		if err == nil && r != nil && len(r.Value) >= 4 && xproto.Window(xgb.Get32(r.Value)) == win {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("xfwm4 did not activate the window")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if m.State().Fullscreen {
		t.Fatal("a normal window counted as full screen")
	}
	const add, remove = 1, 0
	full := x.atom("_NET_WM_STATE_FULLSCREEN")
	x.clientMessage(win, x.atom("_NET_WM_STATE"), add, uint32(full), 0)
	waitFor(t, m, "full screen through the WM", func(s State) bool { return s.Fullscreen })
	x.clientMessage(win, x.atom("_NET_WM_STATE"), remove, uint32(full), 0)
	waitFor(t, m, "full screen left through the WM", func(s State) bool { return !s.Fullscreen })
}

// clientMessage sends an EWMH request about w to the root window, as
// pagers and toolkits do.
func (x *xclient) clientMessage(w xproto.Window, typ xproto.Atom, data ...uint32) {
	x.t.Helper()
	var d [5]uint32
	copy(d[:], data)
	ev := xproto.ClientMessageEvent{
		Format: 32, Window: w, Type: typ,
		Data: xproto.ClientMessageDataUnionData32New(d[:]),
	}
	if err := xproto.SendEventChecked(x.c, false, x.root,
		xproto.EventMaskSubstructureRedirect|xproto.EventMaskSubstructureNotify,
		string(ev.Bytes())).Check(); err != nil {
		x.t.Fatalf("sending a client message: %v", err)
	}
}
