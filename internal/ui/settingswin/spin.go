package settingswin

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/limber-app/limber/internal/settings"
)

// A duration field is a spinner: its entry reads what people type
// (duration.Parse, through settings.Field.SetText: "20" is minutes,
// "1h30", "90s") and shows the value in the window's words
// (duration.Format), and the arrows beside it, or Up / Down in the entry, step
// the value by an amount that fits its size. The buttons take no focus, so
// Tab goes from entry to entry as before; the keyboard steps with the
// arrows.

// step is the amount by which a spinner moves from d: fine for a few
// seconds, coarse for hours, so that a few presses always make a
// difference that matters and none makes a jump.
func step(d time.Duration, up bool) time.Duration {
	if !up {
		d-- // stepping down from 1 min uses the step below it
	}
	switch {
	case d < time.Minute:
		return 5 * time.Second
	case d < 5*time.Minute:
		return 15 * time.Second
	case d < time.Hour:
		return time.Minute
	case d < 4*time.Hour:
		return 5 * time.Minute
	default:
		return 15 * time.Minute
	}
}

// stepped is d moved one step up or down, to a multiple of the step (so
// "1 min 37 s" goes to 1 min 45 s, not 1 min 52 s), kept within the
// field's limits; a field that 0 turns off goes between 0 and its minimum.
func stepped(sf settings.Field, d time.Duration, up bool) time.Duration {
	st := step(d, up)
	var n time.Duration
	if up {
		n = (d/st + 1) * st
	} else {
		n = (d + st - 1) / st * st
		n -= st
	}
	lo, hi := time.Duration(sf.Min), time.Duration(sf.Max)
	switch {
	case sf.ZeroOff && up && d < lo:
		n = lo
	case sf.ZeroOff && !up && n < lo:
		n = 0
	case n < lo:
		n = lo
	}
	if hi > 0 && n > hi {
		n = hi
	}
	return max(n, 0)
}

// stepButton is an up or down arrow beside a duration entry: tapped with the mouse,
// never focused (the entry's Up and Down do the same from the keyboard).
type stepButton struct {
	widget.Icon
	res   fyne.Resource
	e     *entry // greyed out with it
	onTap func()
}

func newStepButton(res fyne.Resource, e *entry, onTap func()) *stepButton {
	b := &stepButton{res: res, e: e, onTap: onTap}
	b.Resource = res
	b.ExtendBaseWidget(b)
	return b
}

func (b *stepButton) Tapped(*fyne.PointEvent) { b.onTap() }

// Refresh greys the arrow out while its entry is.
func (b *stepButton) Refresh() {
	if b.e.Disabled() {
		b.Resource = theme.NewDisabledResource(b.res)
	} else {
		b.Resource = b.res
	}
	b.Icon.Refresh()
}

func (b *stepButton) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (b *stepButton) MinSize() fyne.Size {
	s := theme.IconInlineSize()
	return fyne.NewSize(s, s/2)
}

// arrows stacks the up and down arrows in the entry's height, as a
// spinner's are, with no gap between them.
type arrows struct{}

func (arrows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := theme.IconInlineSize()
	return fyne.NewSize(s, s)
}

func (arrows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	half := size.Height / 2
	for i, o := range objs {
		o.Move(fyne.NewPos(0, float32(i)*half))
		o.Resize(fyne.NewSize(size.Width, half))
	}
}

// spin moves the field's value one step and shows it. A text that does not
// parse is replaced, stepping from the last good value.
func (f *form) spin(fl *field, e *entry, up bool) {
	if e.Disabled() {
		return
	}
	p := fl.Ptr(&f.s).(*time.Duration)
	*p = stepped(fl.Field, *p, up)
	fl.parseErr = ""
	f.loading = true
	fl.refresh()
	f.loading = false
	f.edited = fl.Key
	f.onChanged()
}

// spinner lays out a duration entry with its − and + buttons.
func (f *form) spinner(fl *field, e *entry) fyne.CanvasObject {
	e.onKey = func(k fyne.KeyName) bool {
		switch k {
		case fyne.KeyUp:
			f.spin(fl, e, true)
		case fyne.KeyDown:
			f.spin(fl, e, false)
		default:
			return false
		}
		return true
	}
	minus := newStepButton(theme.MenuDropDownIcon(), e, func() { f.spin(fl, e, false) })
	plus := newStepButton(theme.MenuDropUpIcon(), e, func() { f.spin(fl, e, true) })
	f.steps[fl.Key] = [2]*stepButton{minus, plus}
	return container.NewBorder(nil, nil, nil, container.New(arrows{}, plus, minus), e)
}
