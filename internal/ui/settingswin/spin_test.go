package settingswin

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/settings"
)

func fieldOf(t *testing.T, key string) settings.Field {
	t.Helper()
	for _, sf := range settings.Fields() {
		if sf.Key == key {
			return sf
		}
	}
	t.Fatalf("no field %s", key)
	return settings.Field{}
}

func TestStepped(t *testing.T) {
	const s, m, h = time.Second, time.Minute, time.Hour
	interval := fieldOf(t, "stretch.interval")  // 1 min to 8 h
	auto := fieldOf(t, "card.auto_close")       // 0 (off) or up to 10 min
	limit := fieldOf(t, "limits.daily_sitting") // 0 (off) or 1 h to 24 h
	for _, c := range []struct {
		f    settings.Field
		from time.Duration
		up   bool
		want time.Duration
		why  string
	}{
		{interval, 20 * m, true, 21 * m, "minutes in minutes"},
		{interval, 20 * m, false, 19 * m, ""},
		{interval, h, false, 59 * m, "down from an hour steps by the minute"},
		{interval, h, true, h + 5*m, "above an hour by five"},
		{interval, 97 * s, true, 105 * s, "snaps to the step"},
		{interval, 97 * s, false, 90 * s, "snaps down too"},
		{interval, m, false, m, "kept at the minimum"},
		{interval, 8 * h, true, 8 * h, "kept at the maximum"},
		{auto, 0, true, 5 * s, "off goes to the smallest step"},
		{auto, 5 * s, false, 0, "and back to off"},
		{limit, 0, true, h, "off goes to the minimum"},
		{limit, h, false, 0, "under the minimum is off"},
		{limit, 6 * h, true, 6*h + 15*m, "hours by the quarter"},
	} {
		if got := stepped(c.f, c.from, c.up); got != c.want {
			t.Errorf("%s from %v up=%v: %v, want %v (%s)", c.f.Key, c.from, c.up, got, c.want, c.why)
		}
	}
}

// The spinner's Up and Down keys and its − and + buttons change the value
// and show it in the window's words; typing still works; Ctrl+S saves.
func TestSpinner(t *testing.T) {
	f, c, _ := newTestForm(t, api.SettingsReply{})
	e := f.byKey["posture.interval"].w.(*entry)
	f.win.Canvas().Focus(e)
	for range 3 {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp}) // needs the focus, as a user's key does
	}
	if f.s.Posture.Interval != 18*time.Minute || e.Text != "18 min" {
		t.Fatalf("Up three times from 15 min: %v, shows %q", f.s.Posture.Interval, e.Text)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if f.s.Posture.Interval != 17*time.Minute {
		t.Errorf("Down: %v", f.s.Posture.Interval)
	}
	b := f.steps["posture.interval"]
	test.Tap(b[1])
	test.Tap(b[1])
	test.Tap(b[0])
	if f.s.Posture.Interval != 18*time.Minute || e.Text != "18 min" {
		t.Errorf("+ + −: %v, shows %q", f.s.Posture.Interval, e.Text)
	}
	if f.saveBtn.Disabled() {
		t.Error("a stepped value is not offered for saving")
	}
	// A value that does not parse: a step starts again from the last good one.
	typeInto(t, f, "posture.interval", "soon")
	if message(f, "posture.interval") == "" {
		t.Fatal("no message for soon")
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if f.s.Posture.Interval != 19*time.Minute || message(f, "posture.interval") != "" || e.Text != "19 min" {
		t.Errorf("Up after a wrong text: %v, %q, message %q", f.s.Posture.Interval, e.Text, message(f, "posture.interval"))
	}
	// Other keys still edit the text.
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault})
	if len(c.sets) != 1 || c.sets[0].Posture.Interval != 19*time.Minute {
		t.Errorf("Ctrl+S after stepping: %+v", c.sets)
	}
	// A field that does not matter now does not step.
	f.checks["posture.enabled"].SetChecked(false)
	test.Tap(b[1])
	if f.s.Posture.Interval != 19*time.Minute {
		t.Errorf("a greyed-out field stepped: %v", f.s.Posture.Interval)
	}
}

// Every duration field is a spinner, and the Tab key goes from entry to
// entry: the buttons take no focus.
func TestSpinnersAndTab(t *testing.T) {
	f, _, _ := newTestForm(t, api.SettingsReply{})
	for _, sf := range settings.Fields() {
		if sf.Type == settings.Duration && sf.Tab != "" {
			if _, ok := f.steps[sf.Key]; !ok {
				t.Errorf("%s: no spinner", sf.Key)
			}
		}
	}
	if _, ok := any(f.steps["stretch.interval"][0]).(fyne.Focusable); ok {
		t.Error("the − button takes the focus: Tab would stop on it")
	}
	c := f.win.Canvas()
	c.Focus(f.byKey["stretch.interval"].w.(*entry))
	c.FocusNext()
	if got, ok := c.Focused().(*entry); !ok || got != f.byKey["stretch.length"].w.(*entry) {
		t.Errorf("Tab from the stretch interval went to %T, want the stretch length entry", c.Focused())
	}
}

// A long message under a field wraps and the block grows to hold it.
func TestLongMessageGrowsTheRow(t *testing.T) {
	f, _, _ := newTestForm(t, api.SettingsReply{})
	f.win.Resize(fyne.NewSize(480, 700))
	fl := f.byKey["stretch.interval"]
	one := widget.NewLabel("x").MinSize().Height
	f.setMessage("stretch.interval", strings.Repeat("a long explanation of what is wrong ", 12))
	f.win.Content().Refresh()
	if fl.msg.Wrapping != fyne.TextWrapWord {
		t.Fatal("the message does not wrap")
	}
	sz := fl.msg.Size()
	if sz.Height < 3*one*0.9 || sz.Height < fl.msg.MinSize().Height {
		t.Errorf("a message of many lines laid out %v (one line is %v high): clipped", sz, one)
	}
	// A real window is never narrower than its content's minimum.
	if w := max(f.win.Canvas().Size().Width, f.win.Content().MinSize().Width); sz.Width > w {
		t.Errorf("the message is %v wide in a %v window: it runs out of sight", sz.Width, w)
	}
}

// Enter in a field saves, as the window's default button, and shows the
// typed value in the window's words; with a mistake it saves nothing.
func TestEnterSaves(t *testing.T) {
	f, c, _ := newTestForm(t, api.SettingsReply{})
	typeInto(t, f, "stretch.interval", "bad")
	e := f.byKey["stretch.interval"].w.(*entry)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(c.sets) != 0 || e.Text != "bad" {
		t.Fatalf("Enter with a mistake: saved %d, shows %q", len(c.sets), e.Text)
	}
	typeInto(t, f, "stretch.interval", "40")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter}) // keypad Enter
	if len(c.sets) != 1 || c.sets[0].Stretch.Interval != 40*time.Minute || e.Text != "40 min" {
		t.Errorf("keypad Enter: saved %+v, shows %q", c.sets, e.Text)
	}
}
