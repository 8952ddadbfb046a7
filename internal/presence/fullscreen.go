package presence

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/limber-app/limber/internal/activity"
)

// fullscreenWatch follows the EWMH active window and its _NET_WM_STATE
// through PropertyNotify events, so nothing is polled: the root window
// tells us when the active window changes, the active window when its
// state does.
type fullscreenWatch struct {
	conn *xgb.Conn
	root xproto.Window
	// Atoms.
	activeWindow, wmState, fullscreen xproto.Atom

	mu     sync.Mutex // guards active (the event goroutine is the only writer)
	active xproto.Window
}

// startFullscreen connects to the X display and watches for full-screen
// active windows.
func (m *Monitor) startFullscreen(ctx context.Context, o Options) {
	display := o.Display
	if display == "" {
		display = o.getenv("DISPLAY")
	}
	if display == "" {
		m.setOff(PartX11Fullscreen, "no X display (DISPLAY is not set)")
		return
	}
	activity.QuietXGB(o.Logf)
	w, err := openFullscreen(display)
	if err != nil {
		m.setOff(PartX11Fullscreen, err.Error())
		return
	}
	full, err := w.check()
	if err != nil {
		w.conn.Close()
		m.setOff(PartX11Fullscreen, err.Error())
		return
	}
	m.setLive(PartX11Fullscreen)
	m.update(false, func() { m.state.Fullscreen = full })
	m.connect(groupX11, w.conn.Close)
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		for {
			ev, xerr := w.conn.WaitForEvent()
			if ev == nil && xerr == nil {
				break // connection closed
			}
			if xerr != nil {
				// BadWindow for an active window that vanished meanwhile.
				continue
			}
			pn, ok := ev.(xproto.PropertyNotifyEvent)
			if !ok || !w.relevant(pn) {
				continue
			}
			full, err := w.check()
			if err != nil {
				m.logf("presence: checking the active window: %v", err)
				continue
			}
			m.update(false, func() { m.state.Fullscreen = full })
		}
		if ctx.Err() == nil {
			m.setOff(PartX11Fullscreen, "X connection lost")
		}
		m.update(false, func() { m.state.Fullscreen = false })
		// Last, so a retry cannot connect before the old state is cleared.
		m.disconnect(groupX11)
	}()
}

func openFullscreen(display string) (*fullscreenWatch, error) {
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, fmt.Errorf("connecting to X display %s: %w", display, err)
	}
	setup := xproto.Setup(c)
	if setup == nil || len(setup.Roots) <= c.DefaultScreen {
		c.Close()
		return nil, fmt.Errorf("X display %s has no default screen", display)
	}
	w := &fullscreenWatch{conn: c, root: setup.DefaultScreen(c).Root}
	for name, dst := range map[string]*xproto.Atom{
		"_NET_ACTIVE_WINDOW":       &w.activeWindow,
		"_NET_WM_STATE":            &w.wmState,
		"_NET_WM_STATE_FULLSCREEN": &w.fullscreen,
	} {
		r, err := xproto.InternAtom(c, false, uint16(len(name)), name).Reply()
		if err != nil || r == nil {
			c.Close()
			return nil, fmt.Errorf("interning X atom %s: %w", name, errors.Join(err, errors.New("no reply")))
		}
		*dst = r.Atom
	}
	if err := xproto.ChangeWindowAttributesChecked(c, w.root, xproto.CwEventMask,
		[]uint32{xproto.EventMaskPropertyChange}).Check(); err != nil {
		c.Close()
		return nil, fmt.Errorf("watching the X root window: %w", err)
	}
	return w, nil
}

// relevant reports whether a property change may change the answer.
func (w *fullscreenWatch) relevant(ev xproto.PropertyNotifyEvent) bool {
	if ev.Window == w.root {
		return ev.Atom == w.activeWindow
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return ev.Window == w.active && ev.Atom == w.wmState
}

// check reads the active window and its state, and moves the
// PropertyChange subscription to a new active window.
func (w *fullscreenWatch) check() (bool, error) {
	r, err := xproto.GetProperty(w.conn, false, w.root, w.activeWindow, xproto.AtomWindow, 0, 1).Reply()
	if err != nil {
		return false, fmt.Errorf("reading _NET_ACTIVE_WINDOW: %w", err)
	}
	var win xproto.Window
	if r != nil && r.Format == 32 && len(r.Value) >= 4 {
		win = xproto.Window(xgb.Get32(r.Value))
	}
	w.mu.Lock()
	old := w.active
	w.active = win
	w.mu.Unlock()
	if win != old {
		// Unchecked: either window may be gone already; the error lands in
		// the event queue, where the loop ignores it.
		if old != 0 {
			xproto.ChangeWindowAttributes(w.conn, old, xproto.CwEventMask, []uint32{0})
		}
		if win != 0 {
			xproto.ChangeWindowAttributes(w.conn, win, xproto.CwEventMask, []uint32{xproto.EventMaskPropertyChange})
		}
	}
	if win == 0 {
		return false, nil
	}
	s, err := xproto.GetProperty(w.conn, false, win, w.wmState, xproto.AtomAtom, 0, 64).Reply()
	if err != nil {
		var bad xproto.WindowError
		if errors.As(err, &bad) {
			return false, nil // the window closed between the two reads
		}
		return false, fmt.Errorf("reading _NET_WM_STATE: %w", err)
	}
	if s == nil || s.Format != 32 {
		return false, nil
	}
	atoms := make([]xproto.Atom, 0, len(s.Value)/4)
	for i := 0; i+4 <= len(s.Value); i += 4 {
		atoms = append(atoms, xproto.Atom(xgb.Get32(s.Value[i:])))
	}
	return slices.Contains(atoms, w.fullscreen), nil
}
