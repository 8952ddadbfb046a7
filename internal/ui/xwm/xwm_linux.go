//go:build linux || freebsd

package xwm

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xinerama"
	"github.com/jezek/xgb/xproto"

	"github.com/limber-app/limber/internal/version"
)

type keeper struct {
	conn  *xgb.Conn
	win   xproto.Window
	root  xproto.Window
	atoms map[string]xproto.Atom
	stop  chan struct{}
	// focus: the active window changed (a PropertyNotify on the root).
	focus chan struct{}
	once  sync.Once
	done  chan struct{}

	cover  bool                      // strict: dim the other monitors
	covers map[monitor]xproto.Window // the dim windows, by the monitor they cover
	randr  int                       // RandR 1.5 monitors: 0 not asked yet, 1 there, -1 missing
}

// Keep asks the window manager to keep the X11 window handle above other
// windows, centres it on the pointer's monitor, focuses it, and restores
// it whenever it is minimised, until Stop. With cover it is also made
// full screen across every monitor (_NET_WM_FULLSCREEN_MONITORS), and
// every monitor it does not end up covering gets a dim cover window, so
// that a window manager that spans no monitors still leaves none usable.
func Keep(handle uintptr, cover bool) (Keeper, error) {
	conn, err := xgb.NewConn()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoX, err)
	}
	k := &keeper{conn: conn, win: xproto.Window(handle), root: xproto.Setup(conn).DefaultScreen(conn).Root,
		atoms: map[string]xproto.Atom{}, stop: make(chan struct{}), done: make(chan struct{}), focus: make(chan struct{}, 1),
		cover: cover, covers: map[monitor]xproto.Window{}}
	for _, name := range []string{"_NET_WM_STATE", "_NET_WM_STATE_ABOVE", "_NET_WM_STATE_HIDDEN",
		"_NET_WM_STATE_STAYS_ON_TOP", "_NET_ACTIVE_WINDOW", "_NET_WM_FULLSCREEN_MONITORS", "_NET_WM_STATE_FULLSCREEN", "_NET_WM_WINDOW_OPACITY"} {
		r, err := xproto.InternAtom(conn, false, uint16(len(name)), name).Reply()
		if err != nil {
			conn.Close()
			return nil, fmt.Errorf("asking the X server for %s: %w", name, err)
		}
		k.atoms[name] = r.Atom
	}
	if !cover {
		k.centre()
	} else if n := k.monitors(); len(n) > 1 {
		k.spanMonitors(len(n))
	}
	k.above()
	k.activate()
	if cover {
		k.updateCovers()
	}
	// Hear of every change of the active window at once, so a Limber
	// window that took the focus hands it back before a key reaches it.
	xproto.ChangeWindowAttributes(conn, k.root, xproto.CwEventMask, []uint32{xproto.EventMaskPropertyChange})
	go k.events()
	go k.watch()
	return k, nil
}

// events passes on changes of _NET_ACTIVE_WINDOW until the connection
// closes (Stop).
func (k *keeper) events() {
	for {
		ev, err := k.conn.WaitForEvent()
		if ev == nil && err == nil {
			return // closed
		}
		if p, ok := ev.(xproto.PropertyNotifyEvent); ok && p.Window == k.root && p.Atom == k.atoms["_NET_ACTIVE_WINDOW"] {
			select {
			case k.focus <- struct{}{}:
			default: // one pending is enough
			}
		}
	}
}

// reclaim takes the focus back from another Limber window (the statistics
// or settings opened while the card is up): it would get the card's Enter
// and Escape. A window of another program keeps the focus it was given:
// the card stays above it, and the user may answer a message first.
func (k *keeper) reclaim() {
	w := k.activeWindow()
	if w != 0 && w != k.win && k.ownClass(w) {
		k.activate()
	}
}

// activeWindow is the root's _NET_ACTIVE_WINDOW (0: none or unknown).
func (k *keeper) activeWindow() xproto.Window {
	r, err := xproto.GetProperty(k.conn, false, k.root, k.atoms["_NET_ACTIVE_WINDOW"], xproto.AtomWindow, 0, 1).Reply()
	if err != nil || r.Format != 32 || len(r.Value) < 4 {
		return 0
	}
	return xproto.Window(xgb.Get32(r.Value))
}

// ownClass reports whether window w is a Limber window: its WM_CLASS class
// is version.WMClass (internal/ui/appwin sets it on every one).
func (k *keeper) ownClass(w xproto.Window) bool {
	r, err := xproto.GetProperty(k.conn, false, w, xproto.AtomWmClass, xproto.AtomString, 0, 64).Reply()
	if err != nil {
		return false
	}
	return wmClass(r.Value) == version.WMClass
}

// wmClass is the class part of a WM_CLASS value ("instance\x00class\x00").
func wmClass(v []byte) string {
	parts := strings.Split(strings.TrimRight(string(v), "\x00"), "\x00")
	if len(parts) < 2 {
		return ""
	}
	return parts[1]
}

func (k *keeper) Stop() {
	k.once.Do(func() {
		close(k.stop)
		<-k.done
		k.conn.Close()
	})
}

// clientMessage sends an EWMH request about the window to the root window.
func (k *keeper) clientMessage(typ xproto.Atom, data ...uint32) {
	var d [5]uint32
	copy(d[:], data)
	ev := xproto.ClientMessageEvent{Format: 32, Window: k.win, Type: typ, Data: xproto.ClientMessageDataUnionData32New(d[:])}
	xproto.SendEvent(k.conn, false, k.root, xproto.EventMaskSubstructureRedirect|xproto.EventMaskSubstructureNotify, string(ev.Bytes()))
}

// above: _NET_WM_STATE add ABOVE (source 1: a normal application).
func (k *keeper) above() {
	k.clientMessage(k.atoms["_NET_WM_STATE"], 1, uint32(k.atoms["_NET_WM_STATE_ABOVE"]), uint32(k.atoms["_NET_WM_STATE_STAYS_ON_TOP"]), 1)
}

// activate raises, restores and focuses the window (_NET_ACTIVE_WINDOW,
// source 2 as a pager does: the user asked for this break window).
func (k *keeper) activate() {
	k.clientMessage(k.atoms["_NET_ACTIVE_WINDOW"], 2, uint32(xproto.TimeCurrentTime), 0)
}

// state is the window's _NET_WM_STATE list.
func (k *keeper) state() []xproto.Atom {
	r, err := xproto.GetProperty(k.conn, false, k.win, k.atoms["_NET_WM_STATE"], xproto.AtomAtom, 0, 32).Reply()
	if err != nil || r.Format != 32 {
		return nil
	}
	out := make([]xproto.Atom, 0, r.ValueLen)
	for i := 0; i+4 <= len(r.Value); i += 4 {
		out = append(out, xproto.Atom(xgb.Get32(r.Value[i:])))
	}
	return out
}

// monitor is one monitor's rectangle.
type monitor struct{ x, y, w, h int }

// monitors lists the monitors: RandR 1.5 monitors, else Xinerama's
// screens, else one for the whole screen.
func (k *keeper) monitors() []monitor {
	if ms := k.randrMonitors(); len(ms) > 0 {
		return ms
	}
	if xinerama.Init(k.conn) == nil {
		if r, err := xinerama.QueryScreens(k.conn).Reply(); err == nil && len(r.ScreenInfo) > 0 {
			var ms []monitor
			for _, s := range r.ScreenInfo {
				ms = append(ms, monitor{int(s.XOrg), int(s.YOrg), int(s.Width), int(s.Height)})
			}
			return ms
		}
	}
	s := xproto.Setup(k.conn).DefaultScreen(k.conn)
	return []monitor{{0, 0, int(s.WidthInPixels), int(s.HeightInPixels)}}
}

// centre moves the window to the middle of the monitor under the pointer.
func (k *keeper) centre() {
	p, err := xproto.QueryPointer(k.conn, k.root).Reply()
	if err != nil {
		return
	}
	g, err := xproto.GetGeometry(k.conn, xproto.Drawable(k.win)).Reply()
	if err != nil {
		return
	}
	ms := k.monitors()
	m := ms[0]
	for _, c := range ms {
		if int(p.RootX) >= c.x && int(p.RootX) < c.x+c.w && int(p.RootY) >= c.y && int(p.RootY) < c.y+c.h {
			m = c
		}
	}
	x, y := m.x+(m.w-int(g.Width))/2, m.y+(m.h-int(g.Height))/2
	xproto.ConfigureWindow(k.conn, k.win, xproto.ConfigWindowX|xproto.ConfigWindowY, []uint32{uint32(max(x, m.x)), uint32(max(y, m.y))})
}

// spanMonitors makes a full-screen window cover monitors 0..n-1 (top,
// bottom, left, right monitor indexes as EWMH wants them; Xinerama order).
func (k *keeper) spanMonitors(n int) {
	last := uint32(n - 1)
	k.clientMessage(k.atoms["_NET_WM_FULLSCREEN_MONITORS"], 0, last, 0, last, 1)
}

// watch restores the window whenever it is minimised and puts "above"
// back if the user or the window manager took it away.
func (k *keeper) watch() {
	defer close(k.done)
	t := time.NewTicker(Interval)
	defer t.Stop()
	for {
		select {
		case <-k.stop:
			return
		case <-k.focus:
			k.reclaim()
			continue
		case <-t.C:
		}
		k.reclaim() // in case an event was missed
		st := k.state()
		if slices.Contains(st, k.atoms["_NET_WM_STATE_HIDDEN"]) {
			k.activate()
		}
		if st != nil && !slices.Contains(st, k.atoms["_NET_WM_STATE_ABOVE"]) {
			k.above()
		}
		if k.cover {
			k.updateCovers()
		}
	}
}
