package statuswin

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/tray"
)

func sample(paused bool) api.Status {
	return api.Status{
		Activity: "x11-screensaver", Active: true, InWorkingHours: true, Paused: paused,
		SessionSeconds: 42 * 60, TodaySeconds: 3*3600 + 10*60,
		Breaks: []api.Break{
			{Kind: schedule.Posture, Enabled: true, RemainingSeconds: 300},
			{Kind: schedule.Hydration, Enabled: true, RemainingSeconds: 1200},
			{Kind: schedule.Stretch, Enabled: true, RemainingSeconds: 600},
			{Kind: schedule.Movement, Enabled: false},
		},
	}
}

type fakeDaemon struct {
	mu      sync.Mutex
	st      api.Status
	err     error
	actions []string
}

func (f *fakeDaemon) Status(context.Context, bool) (api.Status, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.st, f.err
}

func (f *fakeDaemon) Menu(_ context.Context, a string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.actions = append(f.actions, a)
	return nil
}

// texts lists the labels and buttons shown, in order.
func texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			if w.Visible() && w.Text != "" {
				out = append(out, w.Text)
			}
		case *widget.Button:
			state := ""
			if w.Disabled() {
				state = " (off)"
			}
			out = append(out, "["+w.Text+state+"]")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case *container.ThemeOverride:
			walk(w.Content)
		}
	}
	walk(o)
	return out
}

func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text {
				found = w
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case *container.ThemeOverride:
			walk(w.Content)
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q in %q", text, texts(o))
	}
	return found
}

func TestShowsWhatTheTrayWould(t *testing.T) {
	test.NewTempApp(t)
	f := &fakeDaemon{st: sample(false)}
	v := newView(f)
	test.NewTempWindow(t, v.root)
	v.load()
	got := strings.Join(texts(v.root), "\n")
	// Every visible line and action of the tray's own model is there.
	for _, it := range tray.Build(f.st).Items {
		if it.Hidden || it.Sep {
			continue
		}
		want := it.Title
		if it.Action != "" {
			want = "[" + it.Title + "]"
			if !it.Enabled {
				want = "[" + it.Title + " (off)]"
			}
		}
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if !strings.Contains(got, "[Resume (off)]") {
		t.Errorf("resume is offered while not paused:\n%s", got)
	}
	// A click is the tray's action, sent to the daemon.
	var clicked []tray.Action
	v.onAction = func(a tray.Action) { clicked = append(clicked, a) }
	v.last = nil
	v.show(tray.Build(f.st))
	for _, it := range tray.Build(f.st).Items {
		if it.ID == "stats" {
			test.Tap(findButton(t, v.root, it.Title))
		}
	}
	if len(clicked) != 1 || clicked[0] != tray.ActStats {
		t.Fatalf("clicked %v, want stats", clicked)
	}
	v.click(tray.ActPause30)
	if len(f.actions) != 1 || f.actions[0] != string(tray.ActPause30) {
		t.Fatalf("daemon got %v", f.actions)
	}

	// Paused: resume comes on.
	f.mu.Lock()
	f.st = sample(true)
	f.mu.Unlock()
	v.load()
	if got := strings.Join(texts(v.root), "\n"); strings.Contains(got, "[Resume (off)]") || !strings.Contains(got, "Paused") {
		t.Errorf("paused:\n%s", got)
	}
}

func TestDaemonDown(t *testing.T) {
	test.NewTempApp(t)
	f := &fakeDaemon{err: errors.New("connection refused")}
	v := newView(f)
	test.NewTempWindow(t, v.root)
	v.load()
	got := strings.Join(texts(v.root), "\n")
	if !strings.Contains(got, "not running") || !strings.Contains(got, "[Start Limber]") {
		t.Fatalf("daemon down:\n%s", got)
	}
	// It comes back: the status replaces the message.
	f.mu.Lock()
	f.err, f.st = nil, sample(false)
	f.mu.Unlock()
	v.load()
	if got := strings.Join(texts(v.root), "\n"); strings.Contains(got, "not running") || !strings.Contains(got, "Sitting") {
		t.Fatalf("daemon back:\n%s", got)
	}
	if code := run([]string{"extra"}, nil, &strings.Builder{}); code != 2 {
		t.Fatalf("bad usage exit %d", code)
	}
}

// The window fits a 1280×800 screen with room: the usual status needs
// less than maxHeight, and a long one (problems, a meeting, the debt, a
// profile menu) is capped there and scrolls.
func TestFitsSmallScreen(t *testing.T) {
	test.NewTempApp(t)
	v := newView(&fakeDaemon{})
	test.NewTempWindow(t, v.root)
	v.show(tray.Build(sample(false)))
	m := v.measure()
	if m.Height > maxHeight-60 {
		t.Errorf("the usual status is %v px tall, not well under %v", m.Height, maxHeight)
	}
	if s := fit(m); s.Height < m.Height || s.Height > maxHeight || s.Width < 420 {
		t.Errorf("fit %v for content %v", s, m)
	}
	long := sample(false)
	for range 12 {
		long.Problems = append(long.Problems, "a problem")
	}
	long.DebtSeconds = map[string]int64{api.DebtTotal: 600}
	long.Profiles = []string{"home", "office", "travel"}
	v.show(tray.Build(long))
	if m := v.measure(); m.Height <= maxHeight {
		t.Errorf("the long status (%v px) should need scrolling", m.Height)
	}
	if got := fit(v.measure()).Height; got > maxHeight {
		t.Errorf("a long status gives a window %v px tall, over %v", got, maxHeight)
	}
}
