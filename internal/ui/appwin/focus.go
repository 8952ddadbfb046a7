package appwin

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// FocusFollower scrolls a form so that the widget Tab moved to is in view:
// Fyne's Scroll does not follow the focus, so a keyboard user's focus ring
// went off-screen. The welcome and settings windows share it.
type FocusFollower struct {
	last fyne.Focusable // the focus as last seen
}

// Follow brings win's focused widget into view in s, once per change of
// focus (so the user's own scrolling is left alone), unless the widget is
// one of outside (widgets not in s, like a bottom bar's buttons).
func (ff *FocusFollower) Follow(win fyne.Window, s *container.Scroll, outside ...fyne.CanvasObject) {
	f := win.Canvas().Focused()
	if f == nil || f == ff.last || s == nil {
		return
	}
	ff.last = f
	o, ok := f.(fyne.CanvasObject)
	if !ok {
		return
	}
	for _, x := range outside {
		if o == x {
			return
		}
	}
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s).Y
	bottom, view := top+o.Size().Height, s.Size().Height
	switch {
	case top < 0:
		s.Offset.Y += top
	case bottom > view:
		s.Offset.Y += bottom - view
	default:
		return
	}
	s.Offset.Y = max(s.Offset.Y, 0)
	s.Refresh()
}

// Poll runs follow on Fyne's goroutine a few times a second until stop is
// closed: Fyne has no focus-change event to hang it on.
func Poll(stop <-chan struct{}, follow func()) {
	t := time.NewTicker(150 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			fyne.Do(follow)
		}
	}
}
