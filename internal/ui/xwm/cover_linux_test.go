//go:build linux || freebsd

package xwm

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/randr"
	"github.com/jezek/xgb/xproto"
)

// TestCoverUnderXvfb: a strict card on the left of two monitors (a wide
// Xvfb screen split in two, as `xrandr --setmonitor` does) gets a dim
// cover over the right one and none over its own; the cover stays above a
// window raised over it and goes away with the card. No window manager
// runs, so nothing spans the card across both: the cover is what keeps
// the other monitor from being usable.
func TestCoverUnderXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an X server; skipped with -short")
	}
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Skip("Xvfb is not installed (apt-get install xvfb)")
	}
	display := ""
	for n := 150 + os.Getpid()%300; n < 1000; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); os.IsNotExist(err) {
			display = fmt.Sprintf(":%d", n)
			break
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	xvfb := exec.CommandContext(ctx, "Xvfb", display, "-screen", "0", "2560x800x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	defer func() { _ = xvfb.Process.Kill(); _ = xvfb.Wait() }()
	t.Setenv("DISPLAY", display)
	var conn *xgb.Conn
	var err error
	for i := 0; i < 100; i++ {
		if conn, err = xgb.NewConn(); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("connecting to Xvfb: %v", err)
	}
	defer conn.Close()
	root := xproto.Setup(conn).DefaultScreen(conn).Root

	// Two monitors: the left one takes over the screen's output (replacing
	// the monitor that covers it all), the right one has none.
	if err := randr.Init(conn); err != nil {
		t.Skipf("no RandR: %v", err)
	}
	res, err := randr.GetScreenResources(conn, root).Reply()
	if err != nil || len(res.Outputs) == 0 {
		t.Fatalf("screen resources: %v", err)
	}
	for i, m := range []randr.MonitorInfo{
		{X: 0, Width: 1280, Height: 800, Outputs: res.Outputs[:1], NOutput: 1},
		{X: 1280, Width: 1280, Height: 800},
	} {
		name := fmt.Sprintf("LIMBER-%d", i)
		a, err := xproto.InternAtom(conn, false, uint16(len(name)), name).Reply()
		if err != nil {
			t.Fatal(err)
		}
		m.Name, m.WidthInMillimeters, m.HeightInMillimeters = a.Atom, 340, 210
		if err := randr.SetMonitorChecked(conn, root, m).Check(); err != nil {
			t.Fatalf("setting monitor %d: %v", i, err)
		}
	}

	card := window(t, conn, root, 100, 100, 800, 600)
	other := window(t, conn, root, 1400, 100, 600, 400) // a window on the right monitor

	k, err := Keep(uintptr(card), true)
	if err != nil {
		t.Fatal(err)
	}
	got := waitCovers(t, conn, root, 1)
	if want := (monitor{1280, 0, 1280, 800}); got[0].rect != want {
		t.Fatalf("cover at %v, want over the right monitor %v", got[0].rect, want)
	}
	// Raised over the cover, the other window goes under it again.
	xproto.ConfigureWindow(conn, other, xproto.ConfigWindowStackMode, []uint32{xproto.StackModeAbove})
	time.Sleep(2 * Interval)
	if top := stacking(t, conn, root); top[len(top)-1] != got[0].win {
		t.Errorf("a window raised on the covered monitor stays above the cover")
	}
	k.Stop()
	waitCovers(t, conn, root, 0)

	// One monitor, or a card that covers both: no cover.
	xproto.ConfigureWindow(conn, card, xproto.ConfigWindowX|xproto.ConfigWindowY|xproto.ConfigWindowWidth|xproto.ConfigWindowHeight, []uint32{0, 0, 2560, 800})
	k, err = Keep(uintptr(card), true)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * Interval)
	waitCovers(t, conn, root, 0)
	k.Stop()
}

func window(t *testing.T, conn *xgb.Conn, root xproto.Window, x, y, w, h int) xproto.Window {
	t.Helper()
	s := xproto.Setup(conn).DefaultScreen(conn)
	id, err := xproto.NewWindowId(conn)
	if err != nil {
		t.Fatal(err)
	}
	if err := xproto.CreateWindowChecked(conn, xproto.WindowClassCopyFromParent, id, root, int16(x), int16(y), uint16(w), uint16(h), 0,
		xproto.WindowClassInputOutput, s.RootVisual, xproto.CwBackPixel, []uint32{s.WhitePixel}).Check(); err != nil {
		t.Fatal(err)
	}
	xproto.MapWindow(conn, id)
	return id
}

type found struct {
	win  xproto.Window
	rect monitor
}

func stacking(t *testing.T, conn *xgb.Conn, root xproto.Window) []xproto.Window {
	r, err := xproto.QueryTree(conn, root).Reply()
	if err != nil {
		t.Fatal(err)
	}
	return r.Children // bottom to top
}

// waitCovers waits up to two seconds for n mapped cover windows.
func waitCovers(t *testing.T, conn *xgb.Conn, root xproto.Window, n int) []found {
	t.Helper()
	var got []found
	for i := 0; i < 40; i++ {
		got = nil
		for _, w := range stacking(t, conn, root) {
			p, err := xproto.GetProperty(conn, false, w, xproto.AtomWmName, xproto.AtomString, 0, 64).Reply()
			if err != nil || string(p.Value) != CoverName {
				continue
			}
			a, err := xproto.GetWindowAttributes(conn, w).Reply()
			if err != nil || a.MapState != xproto.MapStateViewable || !a.OverrideRedirect {
				continue
			}
			g, err := xproto.GetGeometry(conn, xproto.Drawable(w)).Reply()
			if err != nil {
				continue
			}
			got = append(got, found{w, monitor{int(g.X), int(g.Y), int(g.Width), int(g.Height)}})
		}
		if len(got) == n {
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%d cover windows, want %d: %v", len(got), n, got)
	return nil
}
