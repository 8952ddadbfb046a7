package settingswin

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne hands every key to the focused widget, and Check, Select and Button
// drop Escape, so the window's own handler never sees it. These wrappers
// give Escape to the form (close, asking first when edits are unsaved), as
// the text fields do; every other key is the widget's own.

type escCheck struct {
	widget.Check
	esc func()
}

func newEscCheck(label string, changed func(bool), esc func()) *escCheck {
	c := &escCheck{esc: esc}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *escCheck) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		c.esc()
		return
	}
	c.Check.TypedKey(k)
}

type escSelect struct {
	widget.Select
	esc func()
}

func newEscSelect(esc func()) *escSelect {
	s := &escSelect{esc: esc}
	s.ExtendBaseWidget(s)
	return s
}

func (s *escSelect) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		s.esc()
		return
	}
	s.Select.TypedKey(k)
}

type escButton struct {
	widget.Button
	esc func()
}

func newEscButton(label string, icon fyne.Resource, tapped func(), esc func()) *escButton {
	b := &escButton{esc: esc}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *escButton) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		b.esc()
		return
	}
	b.Button.TypedKey(k)
}
