//go:build linux || freebsd

package xwm

import (
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/randr"
	"github.com/jezek/xgb/xproto"
)

// CoverName is the title of the dim windows that cover the monitors a
// strict card is not on (for tests and for people reading `xwininfo`).
const CoverName = "Limber break cover"

// coverPixel is the covers' colour: a very dark grey, for 24-bit TrueColor
// screens (others get the screen's black). With a compositor the covers
// are also translucent (_NET_WM_WINDOW_OPACITY), so the screen behind is
// dimmed rather than blacked out.
const (
	coverPixel   = 0x141418
	coverOpacity = 0xd8000000
)

// randrMonitors lists RandR 1.5 monitors (what `xrandr --setmonitor`
// defines and what desktops show as screens); nil when RandR is missing
// or too old.
func (k *keeper) randrMonitors() []monitor {
	if k.randr == 0 { // asked once: the watch lists monitors on every tick
		k.randr = -1
		if randr.Init(k.conn) == nil {
			if v, err := randr.QueryVersion(k.conn, 1, 5).Reply(); err == nil && (v.MajorVersion > 1 || v.MajorVersion == 1 && v.MinorVersion >= 5) {
				k.randr = 1
			}
		}
	}
	if k.randr < 0 {
		return nil
	}
	r, err := randr.GetMonitors(k.conn, k.root, true).Reply()
	if err != nil {
		return nil
	}
	var ms []monitor
	for _, m := range r.Monitors {
		ms = append(ms, monitor{int(m.X), int(m.Y), int(m.Width), int(m.Height)})
	}
	return ms
}

// rootRect is the card window's rectangle in root coordinates.
func (k *keeper) rootRect() (monitor, bool) {
	g, err := xproto.GetGeometry(k.conn, xproto.Drawable(k.win)).Reply()
	if err != nil {
		return monitor{}, false
	}
	t, err := xproto.TranslateCoordinates(k.conn, k.win, k.root, 0, 0).Reply()
	if err != nil {
		return monitor{}, false
	}
	return monitor{int(t.DstX), int(t.DstY), int(g.Width), int(g.Height)}, true
}

// covers says whether the card covers most of monitor m (the window
// manager made it span this monitor too), so no cover is needed there.
func (r monitor) covers(m monitor) bool {
	x0, y0 := max(r.x, m.x), max(r.y, m.y)
	x1, y1 := min(r.x+r.w, m.x+m.w), min(r.y+r.h, m.y+m.h)
	if x1 <= x0 || y1 <= y0 {
		return false
	}
	return 2*(x1-x0)*(y1-y0) > m.w*m.h
}

// updateCovers puts a dim cover on every monitor other than the card's
// own (the one that holds its centre) that the card does not cover,
// and raises them above everything else; a monitor that went away loses
// its cover. It runs on every tick of the watch, so that windows the user
// raises on another monitor go under the cover again.
func (k *keeper) updateCovers() {
	card, ok := k.rootRect()
	if !ok {
		return
	}
	ms := k.monitors()
	if len(ms) < 2 {
		ms = nil // one monitor: the card is full screen on it
	}
	cx, cy := card.x+card.w/2, card.y+card.h/2
	want := map[monitor]bool{}
	for _, m := range ms {
		home := cx >= m.x && cx < m.x+m.w && cy >= m.y && cy < m.y+m.h // the card's own monitor
		if !home && !card.covers(m) {
			want[m] = true
		}
	}
	for m, w := range k.covers {
		if !want[m] {
			xproto.DestroyWindow(k.conn, w)
			delete(k.covers, m)
		}
	}
	for m := range want {
		w, ok := k.covers[m]
		if !ok {
			var err error
			if w, err = k.newCover(m); err != nil {
				continue
			}
			k.covers[m] = w
		}
		xproto.ConfigureWindow(k.conn, w, xproto.ConfigWindowStackMode, []uint32{xproto.StackModeAbove})
	}
}

// newCover makes one cover: an override-redirect window (the window
// manager neither frames, moves nor stacks it, and panels go under it)
// over monitor m. It dies with the connection, so a card that crashes
// leaves no cover behind.
func (k *keeper) newCover(m monitor) (xproto.Window, error) {
	s := xproto.Setup(k.conn).DefaultScreen(k.conn)
	w, err := xproto.NewWindowId(k.conn)
	if err != nil {
		return 0, err
	}
	pixel := s.BlackPixel
	if s.RootDepth == 24 {
		pixel = coverPixel
	}
	if err := xproto.CreateWindowChecked(k.conn, xproto.WindowClassCopyFromParent, w, k.root,
		int16(m.x), int16(m.y), uint16(m.w), uint16(m.h), 0,
		xproto.WindowClassInputOutput, s.RootVisual,
		xproto.CwBackPixel|xproto.CwOverrideRedirect, []uint32{pixel, 1}).Check(); err != nil {
		return 0, err
	}
	xproto.ChangeProperty(k.conn, xproto.PropModeReplace, w, xproto.AtomWmName, xproto.AtomString, 8,
		uint32(len(CoverName)), []byte(CoverName))
	if a, ok := k.atoms["_NET_WM_WINDOW_OPACITY"]; ok {
		v := make([]byte, 4)
		xgb.Put32(v, coverOpacity)
		xproto.ChangeProperty(k.conn, xproto.PropModeReplace, w, a, xproto.AtomCardinal, 32, 1, v)
	}
	xproto.MapWindow(k.conn, w)
	return w, nil
}
