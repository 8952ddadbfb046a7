package welcomewin

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/paths"
	"github.com/limber-app/limber/internal/settings"
)

type fakeDaemon struct {
	saved []settings.Settings
	err   error
}

func (f *fakeDaemon) Settings(context.Context) (api.SettingsReply, error) {
	return api.SettingsReply{Settings: settings.Defaults()}, nil
}

func (f *fakeDaemon) SetSettings(_ context.Context, s settings.Settings) error {
	if f.err != nil {
		return f.err
	}
	f.saved = append(f.saved, s)
	return nil
}

func newTestWelcome(t *testing.T, d Daemon) *welcome {
	test.NewTempApp(t)
	test.ApplyTheme(t, theme.LightTheme())
	win := test.NewWindow(nil)
	w := newWelcome(win, d, settings.Defaults(), io.Discard)
	win.Resize(fyne.NewSize(640, 760))
	return w
}

func TestWelcomeShowsBreaksAndSaves(t *testing.T) {
	d := &fakeDaemon{}
	w := newTestWelcome(t, d)
	for _, want := range []string{"Posture check: every 15 min of sitting, for 10 s", "Move: every 1 h of sitting, for 5 min"} {
		if !strings.Contains(w.breaks.Text, want) {
			t.Errorf("breaks list lacks %q:\n%s", want, w.breaks.Text)
		}
	}
	if w.login.Checked {
		t.Error("start at login is assumed, not asked")
	}
	test.AssertRendersToMarkup(t, "welcome.xml", w.win.Canvas())

	w.preset.SetSelected(settings.PresetTitle(settings.PresetGentle))
	if w.breaks.Text == "" || strings.Contains(w.breaks.Text, "every 15 min") {
		t.Errorf("the list did not follow the preset:\n%s", w.breaks.Text)
	}
	test.Tap(w.login)
	w.win.Canvas().(test.WindowlessCanvas).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(d.saved) != 1 || !d.saved[0].StartAtLogin || d.saved[0].Preset != settings.PresetGentle {
		t.Fatalf("saved %+v", d.saved)
	}
}

func TestWelcomeSaveFails(t *testing.T) {
	w := newTestWelcome(t, &fakeDaemon{err: errors.New("disk full")})
	test.Tap(w.startBt)
	if !w.problem.Visible() || !strings.Contains(w.problem.Text, "disk full") || w.saved {
		t.Errorf("problem %q visible %v", w.problem.Text, w.problem.Visible())
	}
}

func TestWelcomeShowsTip(t *testing.T) {
	w := newTestWelcome(t, &fakeDaemon{})
	if w.tip.Visible() {
		t.Error("no tip set, yet the tip line shows")
	}
	tip, ok := cards.TipOfDay(cards.Builtin(), time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	if !ok {
		t.Fatal("no tip in the built-in cards")
	}
	w.setTip(tip)
	if !w.tip.Visible() || !strings.Contains(w.tip.Text, tip.Title) || !strings.Contains(w.tip.Text, tip.Steps[0]) {
		t.Errorf("tip %q does not show %s", w.tip.Text, tip.ID)
	}
}

// Tab into a widget below the fold scrolls it into view (Fyne's scroll
// does not follow the focus by itself), and back up again.
func TestWelcomeScrollFollowsFocus(t *testing.T) {
	w := newTestWelcome(t, &fakeDaemon{})
	w.win.Resize(fyne.NewSize(640, 420)) // short: the login check starts below the fold
	w.scroll.Offset.Y = 0
	w.scroll.Refresh()
	d := fyne.CurrentApp().Driver()
	inView := func(o fyne.CanvasObject) bool {
		top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(w.scroll).Y
		return top >= 0 && top+o.Size().Height <= w.scroll.Size().Height+0.5
	}
	if inView(w.login) {
		t.Fatal("the window is tall enough for the login check: the test shows nothing")
	}
	w.win.Canvas().Focus(w.login)
	w.followFocus()
	if !inView(w.login) {
		t.Errorf("the focused login check is not in view (offset %v)", w.scroll.Offset)
	}
	w.win.Canvas().Focus(w.startBt)
	w.followFocus()
	if !inView(w.login) {
		t.Error("focusing Start (outside the scroll) moved the scroll")
	}
}

// The marker the daemon looks for is written where paths says, private.
func TestMarkAnswered(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	p, err := paths.WelcomeAnswered()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Fatalf("marker before answering: %v", err)
	}
	if err := MarkAnswered(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("marker after answering: %v %v", fi, err)
	}
}
