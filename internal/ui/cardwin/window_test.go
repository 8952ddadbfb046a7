package cardwin

import (
	"bytes"
	"context"
	"encoding/json"
	"image/color"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/contrast"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/schedule"
)

// fakeClock ticks only when the test says so.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
	ch  chan time.Time
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}
func (f *fakeClock) NewTicker(time.Duration) Ticker { return fakeTicker{f.ch} }

type fakeTicker struct{ ch chan time.Time }

func (t fakeTicker) C() <-chan time.Time { return t.ch }
func (fakeTicker) Stop()                 {}

// recorder is a fake daemon: it records calls and picks with a real picker.
type recorder struct {
	picker *cards.Picker
	calls  []call
	mu     sync.Mutex
	idle   time.Duration // what Status reports as the time since input
}

func (r *recorder) Status(context.Context, bool) (api.Status, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return api.Status{IdleSeconds: int64(r.idle / time.Second)}, nil
}

func (r *recorder) setIdle(d time.Duration) {
	r.mu.Lock()
	r.idle = d
	r.mu.Unlock()
}

type call struct {
	cmd  api.Command
	args any
}

func (r *recorder) PickPlan(_ context.Context, a api.CardPickArgs) ([]string, error) {
	r.calls = append(r.calls, call{api.CmdCardPick, a})
	pl, err := r.picker.Sequence(a.Kind, time.Duration(a.LengthSeconds)*time.Second, nil, a.Exclude)
	return pl.IDs(), err
}

func (r *recorder) ReportBreak(_ context.Context, res api.BreakResult) error {
	r.calls = append(r.calls, call{api.CmdBreakResult, res})
	return nil
}

func (r *recorder) Drink(_ context.Context, src history.Source) (api.Status, error) {
	r.calls = append(r.calls, call{api.CmdDrink, src})
	return api.Status{}, nil
}

func (r *recorder) results() []api.BreakResult {
	var out []api.BreakResult
	for _, c := range r.calls {
		if c.cmd == api.CmdBreakResult {
			out = append(out, c.args.(api.BreakResult))
		}
	}
	return out
}

type harness struct {
	t      *testing.T
	w      *cardWindow
	rec    *recorder
	clk    *fakeClock
	ticked chan struct{}
	win    fyne.Window
}

func newHarness(t *testing.T, o Options, cardID string) *harness {
	t.Helper()
	test.NewTempApp(t)
	test.ApplyTheme(t, theme.LightTheme())
	lib := cards.Builtin()
	card, ok := lib.Card(cardID)
	if !ok {
		t.Fatalf("no card %s", cardID)
	}
	if o.Snooze == 0 {
		o.Snooze = 5 * time.Minute
	}
	h := &harness{t: t, rec: &recorder{picker: cards.NewPicker(lib, 1, 4), idle: time.Hour},
		clk:    &fakeClock{now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), ch: make(chan time.Time)},
		ticked: make(chan struct{})}
	h.win = test.NewWindow(nil) // closed by the card itself
	h.w = newCardWindow(h.win, o, lib, h.rec, h.clk, card, io.Discard)
	h.w.afterTick = func() { h.ticked <- struct{}{} }
	h.w.run()
	t.Cleanup(func() {
		if !h.w.reported {
			h.w.finish(api.ClosedEarly) // stops the ticker goroutine
		}
	})
	return h
}

// advance moves the clock on and waits until the window has handled the tick.
func (h *harness) advance(d time.Duration) {
	h.clk.mu.Lock()
	h.clk.now = h.clk.now.Add(d)
	now := h.clk.now
	h.clk.mu.Unlock()
	h.clk.ch <- now
	<-h.ticked
}

func (h *harness) onlyResult() api.BreakResult {
	h.t.Helper()
	rs := h.rec.results()
	if len(rs) != 1 {
		h.t.Fatalf("want exactly one break_result, got %d: %+v", len(rs), rs)
	}
	return rs[0]
}

func TestDoneReportsOnce(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: time.Minute}, "bird-dog")
	h.advance(20 * time.Second)
	test.Tap(h.w.doneBtn)
	h.w.onCloseRequested() // the window manager's close after the fact
	test.Tap(h.w.skipBtn)
	r := h.onlyResult()
	want := api.BreakResult{Kind: "stretch", CardID: "bird-dog", Outcome: api.Done, ElapsedSeconds: 20}
	if r != want {
		t.Errorf("got %+v, want %+v", r, want)
	}
}

func TestCountdown(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: time.Minute}, "neck-side-tilt")
	if got := h.w.progressText(); got != "1:00 left" {
		t.Errorf("at the start the bar says %q", got)
	}
	h.advance(15 * time.Second)
	if v := h.w.progress.Value; v < 0.249 || v > 0.251 {
		t.Errorf("after 15 s of 60 the bar is at %v", v)
	}
	if got := h.w.progressText(); got != "0:45 left" {
		t.Errorf("after 15 s the bar says %q", got)
	}
	h.advance(45 * time.Second)
	if !h.w.ended || h.w.progress.Value != 1 {
		t.Fatalf("the countdown should have ended: ended=%v value=%v", h.w.ended, h.w.progress.Value)
	}
	if got := h.w.progressText(); !strings.Contains(got, "well done") {
		t.Errorf("at the end the bar says %q", got)
	}
	if len(h.rec.results()) != 0 {
		t.Errorf("the window must wait for the user at the end, not report by itself")
	}
	// Closing after the countdown counts as done.
	h.w.onCloseRequested()
	if r := h.onlyResult(); r.Outcome != api.Done || r.ElapsedSeconds != 60 {
		t.Errorf("closing after the end: %+v", r)
	}
}

func TestOutcomes(t *testing.T) {
	tests := map[string]struct {
		act  func(h *harness)
		want api.BreakResult
	}{
		"snooze button": {func(h *harness) { test.Tap(h.w.snoozeBtn) },
			api.BreakResult{Kind: "stretch", CardID: "side-bend", Outcome: api.Snoozed, ElapsedSeconds: 5, SnoozeSeconds: 300}},
		"skip button": {func(h *harness) { test.Tap(h.w.skipBtn) },
			api.BreakResult{Kind: "stretch", CardID: "side-bend", Outcome: api.Skipped, ElapsedSeconds: 5}},
		"escape snoozes": {func(h *harness) { h.w.onKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) },
			api.BreakResult{Kind: "stretch", CardID: "side-bend", Outcome: api.Snoozed, ElapsedSeconds: 5, SnoozeSeconds: 300}},
		"enter is done": {func(h *harness) { h.w.onKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) },
			api.BreakResult{Kind: "stretch", CardID: "side-bend", Outcome: api.Done, ElapsedSeconds: 5}},
		"close button": {func(h *harness) { h.w.onCloseRequested() },
			api.BreakResult{Kind: "stretch", CardID: "side-bend", Outcome: api.ClosedEarly, ElapsedSeconds: 5}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, Options{Kind: schedule.Stretch, Length: time.Minute}, "side-bend")
			h.advance(5 * time.Second)
			tc.act(h)
			if r := h.onlyResult(); r != tc.want {
				t.Errorf("got %+v, want %+v", r, tc.want)
			}
		})
	}
}

func TestStrictMode(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: 30 * time.Second, Strict: true}, "chest-opener")
	if !h.win.FullScreen() {
		t.Error("strict cards are full screen")
	}
	if h.w.skipBtn.Visible() || h.w.snoozeBtn.Visible() {
		t.Error("strict cards have no Skip or Snooze")
	}
	if !h.w.doneBtn.Disabled() {
		t.Error("Done waits for the countdown in strict mode")
	}
	h.advance(10 * time.Second)
	h.w.onKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.w.onKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.w.onCloseRequested()
	test.Tap(h.w.doneBtn)
	h.w.onSkip()
	h.w.onSnooze()
	if n := len(h.rec.results()); n != 0 {
		t.Fatalf("nothing may end a strict card early, got %d results", n)
	}
	if !h.w.notice.Visible() {
		t.Error("a refused close should say why")
	}
	test.Tap(h.w.anotherBtn) // still allowed
	h.advance(20 * time.Second)
	if h.w.doneBtn.Disabled() {
		t.Fatal("Done is enabled once the countdown ends")
	}
	h.w.onKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	r := h.onlyResult()
	if r.Outcome != api.Done || r.ElapsedSeconds != 30 {
		t.Errorf("got %+v", r)
	}
}

func TestAnotherOne(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: time.Minute}, "bird-dog")
	test.Tap(h.w.anotherBtn)
	first := h.w.card.ID
	if first == "bird-dog" || h.w.title.Text != h.w.card.Title {
		t.Fatalf("another card should show: %s %q", first, h.w.title.Text)
	}
	if len(h.w.steps.Objects) != len(h.w.card.Steps) {
		t.Errorf("steps not replaced: %d shown for %d", len(h.w.steps.Objects), len(h.w.card.Steps))
	}
	test.Tap(h.w.anotherBtn)
	var picks []api.CardPickArgs
	for _, c := range h.rec.calls {
		if c.cmd == api.CmdCardPick {
			picks = append(picks, c.args.(api.CardPickArgs))
		}
	}
	if len(picks) != 2 || strings.Join(picks[1].Exclude, ",") != "bird-dog,"+first || picks[0].LengthSeconds != 60 {
		t.Errorf("card_pick should exclude every card shown: %+v", picks)
	}
	test.Tap(h.w.doneBtn)
	if r := h.onlyResult(); r.CardID != h.w.card.ID {
		t.Errorf("the result names the card on screen: %+v", r)
	}
}

func TestHydrationLogsAGlass(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Hydration, Length: 20 * time.Second, Compact: true}, "drink-a-glass")
	if h.w.doneBtn.Text != "I drank a glass" || h.w.anotherBtn.Visible() {
		t.Errorf("hydration card: button %q, another visible %v", h.w.doneBtn.Text, h.w.anotherBtn.Visible())
	}
	test.Tap(h.w.doneBtn)
	if len(h.rec.calls) != 2 || h.rec.calls[0].cmd != api.CmdDrink || h.rec.calls[1].cmd != api.CmdBreakResult {
		t.Fatalf("want drink then break_result, got %+v", h.rec.calls)
	}
	if r := h.onlyResult(); r.Outcome != api.Done || r.Kind != "hydration" {
		t.Errorf("got %+v", r)
	}
}

func TestRendersToMarkup(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: 90 * time.Second}, "standing-hip-flexor")
	h.win.Resize(fyne.NewSize(820, 520))
	h.advance(30 * time.Second)
	test.AssertRendersToMarkup(t, "card/stretch.xml", h.win.Canvas())

	s := newHarness(t, Options{Kind: schedule.Posture, Length: 20 * time.Second, Compact: true, Strict: true}, "posture-lumbar-support")
	s.win.Resize(fyne.NewSize(1280, 800))
	test.AssertRendersToMarkup(t, "card/compact-strict.xml", s.win.Canvas())

	// Typing pauses the countdown; the bar says so.
	p := newHarness(t, Options{Kind: schedule.Stretch, Length: 90 * time.Second}, "standing-hip-flexor")
	p.win.Resize(fyne.NewSize(820, 520))
	p.advance(20 * time.Second)
	p.rec.setIdle(0)
	p.advance(time.Second)
	test.AssertRendersToMarkup(t, "card/paused-typing.xml", p.win.Canvas())

	// Time's up: no Skip or Snooze, Done focused, closing soon.
	u := newHarness(t, Options{Kind: schedule.Stretch, Length: 90 * time.Second, AutoClose: 5 * time.Second}, "standing-hip-flexor")
	u.win.Resize(fyne.NewSize(820, 520))
	u.advance(90 * time.Second)
	test.AssertRendersToMarkup(t, "card/time-up.xml", u.win.Canvas())

	// A stretch with a drink and a posture check merged into it.
	m := newHarness(t, Options{Kind: schedule.Stretch, Length: 90 * time.Second, Also: []schedule.Kind{schedule.Posture, schedule.Hydration}}, "standing-hip-flexor")
	m.win.Resize(fyne.NewSize(820, 560))
	m.advance(10 * time.Second)
	test.AssertRendersToMarkup(t, "card/merged.xml", m.win.Canvas())
}

func TestPausedWhileTyping(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: time.Minute}, "side-bend")
	h.advance(10 * time.Second)
	h.rec.setIdle(0) // typing
	h.advance(time.Second)
	h.advance(20 * time.Second)
	if got := h.w.progressText(); got != "Paused while you type" {
		t.Errorf("while typing the bar says %q", got)
	}
	h.rec.setIdle(time.Hour) // hands off the keys again
	h.advance(time.Second)
	h.advance(5 * time.Second)
	test.Tap(h.w.doneBtn)
	// 10 s, then 21 s of typing, then 6 s: 16 s of break, not 37.
	if r := h.onlyResult(); r.ElapsedSeconds != 16 {
		t.Errorf("elapsed %v s, want 16 (typing time not counted)", r.ElapsedSeconds)
	}
}

// Keys and pointer moves sent to the card itself are not typing: Tab to
// "Another one" and Space on it used to pause the countdown.
func TestOwnInputIsNotTyping(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: time.Minute}, "side-bend")
	h.advance(10 * time.Second)
	tab := &fyne.KeyEvent{Name: fyne.KeyTab}
	h.w.anotherBtn.KeyDown(tab) // the key the daemon sees as input
	h.w.anotherBtn.KeyUp(tab)
	h.rec.setIdle(0)
	h.advance(time.Second)
	if h.w.typing {
		t.Fatalf("a key pressed on the card paused it: %q", h.w.progressText())
	}
	h.advance(time.Second)
	h.w.anotherBtn.MouseMoved(&desktop.MouseEvent{}) // the pointer on a button
	h.advance(time.Second)
	newOwnArea(h.w.ownInput).MouseMoved(&desktop.MouseEvent{}) // and over the card
	h.advance(time.Second)
	if h.w.typing {
		t.Fatalf("pointer moves over the card paused it: %q", h.w.progressText())
	}
	// Input elsewhere, well after the card's own, is typing.
	h.rec.setIdle(time.Hour)
	h.advance(3 * time.Second)
	h.rec.setIdle(0)
	h.advance(time.Second)
	if !h.w.typing || h.w.progressText() != "Paused while you type" {
		t.Errorf("typing in another window did not pause the card: %q", h.w.progressText())
	}
}

// Enter and Space activate the focused button; Enter is Done only when no
// button has the focus.
func TestEnterActivatesFocusedButton(t *testing.T) {
	for name, tc := range map[string]struct {
		focus func(w *cardWindow) fyne.Focusable
		key   fyne.KeyName
		want  api.Outcome // "" : no result, the card stays
	}{
		"enter on skip":    {func(w *cardWindow) fyne.Focusable { return w.skipBtn }, fyne.KeyReturn, api.Skipped},
		"space on skip":    {func(w *cardWindow) fyne.Focusable { return w.skipBtn }, fyne.KeySpace, api.Skipped},
		"keypad on snooze": {func(w *cardWindow) fyne.Focusable { return w.snoozeBtn }, fyne.KeyEnter, api.Snoozed},
		"enter on another": {func(w *cardWindow) fyne.Focusable { return w.anotherBtn }, fyne.KeyReturn, ""},
		"enter on done":    {func(w *cardWindow) fyne.Focusable { return w.doneBtn }, fyne.KeyReturn, api.Done},
		"enter, no focus":  {nil, fyne.KeyReturn, api.Done},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, Options{Kind: schedule.Stretch, Length: time.Minute}, "side-bend")
			h.advance(5 * time.Second)
			c := h.win.Canvas()
			ev := &fyne.KeyEvent{Name: tc.key}
			if tc.focus != nil {
				c.Focus(tc.focus(h.w))
				c.Focused().TypedKey(ev) // as the driver hands keys to the focused widget
			} else {
				h.w.onKey(ev) // the canvas's own key handler
			}
			rs := h.rec.results()
			switch {
			case tc.want == "" && (len(rs) != 0 || h.w.card.ID == "side-bend"):
				t.Errorf("results %+v, card %s: want another card, the window open", rs, h.w.card.ID)
			case tc.want != "" && (len(rs) != 1 || rs[0].Outcome != tc.want):
				t.Errorf("results %+v, want %s", rs, tc.want)
			}
		})
	}
}

// "Another one" on a 5-minute move break gives a plan for what is left of
// it, like the first pick, not one 40-second card.
func TestAnotherOneFillsTheRest(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Movement, Length: 5 * time.Minute}, "cool-down")
	h.advance(30 * time.Second)
	test.Tap(h.w.anotherBtn)
	var pick api.CardPickArgs
	for _, c := range h.rec.calls {
		if c.cmd == api.CmdCardPick {
			pick = c.args.(api.CardPickArgs)
		}
	}
	if pick.LengthSeconds != 270 {
		t.Errorf("asked for %d s, want the 270 s left", pick.LengthSeconds)
	}
	plan := append([]cards.Card{h.w.card}, h.w.next...)
	var total time.Duration
	left := 270 * time.Second
	for _, c := range plan {
		total += c.Time(left)
		left -= c.Time(left)
	}
	if float64(total) < cards.MinFill*float64(270*time.Second) && !h.w.repeat.Visible() {
		t.Errorf("another plan %v takes %v of the 270 s left, and no word of repeating it", planIDs(plan), total)
	}
	if h.w.seqLen != len(plan) || h.w.seqAt != 1 {
		t.Errorf("sequence %d of %d for a plan of %d", h.w.seqAt, h.w.seqLen, len(plan))
	}
}

// A lone card much shorter than the break says to repeat it.
func TestRepeatLine(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: 5 * time.Minute}, "side-bend")
	if !h.w.repeat.Visible() || !strings.Contains(h.w.repeat.Text, "repeat") {
		t.Errorf("a %v card on a 5 min break: repeat line %q shown %v", h.w.card.Duration, h.w.repeat.Text, h.w.repeat.Visible())
	}
	f := newHarness(t, Options{Kind: schedule.Stretch, Length: h.w.card.Duration}, "side-bend")
	if f.w.repeat.Visible() {
		t.Errorf("a card that fills its break says %q", f.w.repeat.Text)
	}
}

func planIDs(cs []cards.Card) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func TestHandsOnDeskKeepsCounting(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: time.Minute}, "side-bend")
	h.w.card.HandsOnDesk = true
	h.rec.setIdle(0)
	h.advance(time.Second)
	h.advance(20 * time.Second)
	if h.w.typing || h.w.spent != 21*time.Second {
		t.Errorf("a hands-on-desk card paused: typing %v, spent %v", h.w.typing, h.w.spent)
	}
}

func TestTimeUpKeysAndAutoClose(t *testing.T) {
	keys := map[string]fyne.KeyName{"enter": fyne.KeyReturn, "keypad enter": fyne.KeyEnter, "escape": fyne.KeyEscape}
	for name, key := range keys {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, Options{Kind: schedule.Stretch, Length: 30 * time.Second, AutoClose: 5 * time.Second}, "side-bend")
			h.advance(30 * time.Second)
			if h.w.skipBtn.Visible() || h.w.snoozeBtn.Visible() || !h.w.doneBtn.Visible() {
				t.Fatalf("time's up: skip %v snooze %v done %v", h.w.skipBtn.Visible(), h.w.snoozeBtn.Visible(), h.w.doneBtn.Visible())
			}
			if f := h.win.Canvas().Focused(); f != h.w.doneBtn {
				t.Fatalf("focus on %v, want Done", f)
			}
			// The key reaches the focused button, which hands it to the card.
			h.w.doneBtn.TypedKey(&fyne.KeyEvent{Name: key})
			if r := h.onlyResult(); r.Outcome != api.Done || r.ElapsedSeconds != 30 {
				t.Errorf("got %+v", r)
			}
		})
	}
	t.Run("closes by itself", func(t *testing.T) {
		h := newHarness(t, Options{Kind: schedule.Stretch, Length: 30 * time.Second, AutoClose: 5 * time.Second}, "side-bend")
		h.advance(30 * time.Second)
		h.advance(2 * time.Second)
		if got := h.w.progressText(); got != "Time's up — well done! Closing in 3 s" {
			t.Errorf("bar %q", got)
		}
		if len(h.rec.results()) != 0 {
			t.Fatal("closed before AutoClose")
		}
		h.advance(3 * time.Second)
		if r := h.onlyResult(); r.Outcome != api.Done || r.ElapsedSeconds != 30 {
			t.Errorf("got %+v", r)
		}
	})
}

func TestAlsoWaterTick(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: time.Minute, Also: []schedule.Kind{schedule.Posture, schedule.Hydration}}, "side-bend")
	check := h.w.waterCheck
	if check == nil || len(h.w.also.Objects) != 2 || check.Text != "Also: drink a glass of water" {
		t.Fatalf("also rows %v", h.w.also.Objects)
	}
	test.Tap(check)
	test.Tap(check)
	test.Tap(check) // ticking again logs no second glass
	drinks := 0
	for _, c := range h.rec.calls {
		if c.cmd == api.CmdDrink {
			drinks++
		}
	}
	if drinks != 1 {
		t.Errorf("%d glasses logged, want 1", drinks)
	}
}

func TestRunArguments(t *testing.T) {
	tests := map[string]struct {
		args []string
		code int
		out  string // in stdout, or stderr for errors
	}{
		"help":         {[]string{"--help"}, 0, "usage: limber window card"},
		"no kind":      {[]string{}, 2, "--kind: \"\" is not a break kind"},
		"bad kind":     {[]string{"--kind", "nap"}, 2, `"nap" is not a break kind`},
		"bad length":   {[]string{"--kind", "stretch", "--length", "soon"}, 2, "invalid value"},
		"bad position": {[]string{"--kind", "stretch", "--positions", "sofa"}, 2, `unknown position "sofa"`},
		"extra arg":    {[]string{"--kind", "stretch", "now"}, 2, `unexpected argument "now"`},
		// An unknown card fails before any window opens, and still reports.
		"unknown card": {[]string{"--kind", "stretch", "--card", "nope", "--offline"}, 1, `there is no card "nope"`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Setenv("XDG_CONFIG_HOME", t.TempDir())
			var out, errb bytes.Buffer
			code := run(tc.args, nil, &out, &errb)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr %s", code, tc.code, errb.String())
			}
			if !strings.Contains(out.String()+errb.String(), tc.out) {
				t.Errorf("output lacks %q:\n%s%s", tc.out, out.String(), errb.String())
			}
			if name == "unknown card" {
				var line struct {
					Cmd  string
					Args api.BreakResult
				}
				if err := json.Unmarshal(out.Bytes(), &line); err != nil || line.Cmd != string(api.CmdBreakResult) || line.Args.Outcome != api.ClosedEarly {
					t.Errorf("offline run should print a closed_early result, got %q (%v)", out.String(), err)
				}
			}
		})
	}
}

func TestFollowsTheme(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: time.Minute}, "seated-row")
	p := newPanel()
	test.NewTempWindow(t, p)
	r := test.TempWidgetRenderer(t, p).(*panelRenderer)
	b := h.w.steps.Objects[0].(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*badge)
	br := test.TempWidgetRenderer(t, b).(*badgeRenderer)
	for _, th := range []fyne.Theme{theme.DarkTheme(), theme.LightTheme()} {
		test.ApplyTheme(t, th)
		p.Refresh()
		b.Refresh()
		v := fyne.CurrentApp().Settings().ThemeVariant()
		if r.rect.FillColor != th.Color(theme.ColorNameInputBackground, v) {
			t.Errorf("panel colour %v does not follow the theme", r.rect.FillColor)
		}
		if br.circle.FillColor != th.Color(theme.ColorNamePrimary, v) || br.text.Color != th.Color(theme.ColorNameForegroundOnPrimary, v) {
			t.Errorf("badge colours do not follow the theme")
		}
	}
}

func TestParseArgsCompactDefault(t *testing.T) {
	for args, want := range map[string]bool{
		"--kind posture":                 true,
		"--kind hydration":               true,
		"--kind stretch":                 false,
		"--kind posture --compact=false": false,
		"--kind movement --compact":      true,
	} {
		o, _, _, err := parseArgs(strings.Fields(args))
		if err != nil || o.Compact != want {
			t.Errorf("%s: compact %v (%v), want %v", args, o.Compact, err, want)
		}
	}
	o, off, pos, err := parseArgs(strings.Fields("--kind stretch --card bird-dog --length 90s --snooze 10m --strict --offline --positions desk,floor"))
	if err != nil || o.CardID != "bird-dog" || o.Length != 90*time.Second || o.Snooze != 10*time.Minute || !o.Strict || !off || len(pos) != 2 {
		t.Errorf("flags not read: %+v %v %v %v", o, off, pos, err)
	}
}

// TestSequence: a break planned as several cards shows them one after the
// other, each once the one before has taken its time, with its own figure.
func TestSequence(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: 90 * time.Second, Next: []string{"side-bend", "unknown-card"}}, "neck-side-tilt")
	if h.w.seqLen != 2 || !strings.Contains(h.w.kindLabel.Text, "1 of 2") || h.w.title.Text != "Side neck stretch" {
		t.Fatalf("start: %d cards, label %q, title %q", h.w.seqLen, h.w.kindLabel.Text, h.w.title.Text)
	}
	h.advance(39 * time.Second)
	if h.w.card.ID != "neck-side-tilt" {
		t.Fatalf("switched before the first card's 40 s: %s", h.w.card.ID)
	}
	h.advance(time.Second)
	if h.w.card.ID != "side-bend" || !strings.Contains(h.w.kindLabel.Text, "2 of 2") || h.w.fig.Figure().Poses[0].Angle("arm_r") == 0 {
		t.Fatalf("after 40 s: card %s, label %q", h.w.card.ID, h.w.kindLabel.Text)
	}
	h.advance(50 * time.Second)
	test.Tap(h.w.doneBtn)
	if r := h.onlyResult(); r.CardID != "side-bend" || r.Outcome != api.Done {
		t.Errorf("result %+v", r)
	}
}

// The countdown text stands out 4.5:1 from what it is drawn on, light and
// dark: the window's background (over the bar's pale part, white text was
// 2.0:1 in the light theme), and nothing is written over the bar.
func TestCountdownContrast(t *testing.T) {
	for name, th := range map[string]fyne.Theme{"light": theme.LightTheme(), "dark": theme.DarkTheme()} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, Options{Kind: schedule.Stretch, Length: time.Minute}, "side-bend")
			test.ApplyTheme(t, th)
			h.advance(10 * time.Second)
			if got := h.w.progress.TextFormatter(); got != "" {
				t.Errorf("text %q drawn over the bar", got)
			}
			if h.w.left.Text != "0:50 left" || h.w.left.Importance != widget.MediumImportance {
				t.Errorf("countdown %q, importance %v", h.w.left.Text, h.w.left.Importance)
			}
			v := fyne.CurrentApp().Settings().ThemeVariant()
			fg, bg := th.Color(theme.ColorNameForeground, v), th.Color(theme.ColorNameBackground, v)
			if r := contrast.Ratio(fg, bg); r < 4.5 {
				t.Errorf("countdown text %v on %v: %.2f:1, want 4.5:1", fg, bg, r)
			}
			// What the old label was: white on the bar's faded part.
			faded := contrast.Over(color.NRGBA{41, 111, 246, 127}, bg)
			if name == "light" && contrast.Ratio(th.Color(theme.ColorNameForegroundOnPrimary, v), faded) >= 4.5 {
				t.Errorf("the check cannot tell the old bug: %v on %v", th.Color(theme.ColorNameForegroundOnPrimary, v), faded)
			}
		})
	}
}

// The key is on the button it triggers: Escape on Snooze while the break
// runs, on Done once time is up.
func TestEscapeIsShown(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: 30 * time.Second, Snooze: 5 * time.Minute}, "side-bend")
	if got := h.w.snoozeBtn.Text; got != "Snooze 5 min (Esc)" {
		t.Errorf("snooze button %q", got)
	}
	if strings.Contains(h.w.doneBtn.Text, "Esc") || strings.Contains(h.w.skipBtn.Text, "Esc") {
		t.Errorf("Escape named on Done %q or Skip %q while it snoozes", h.w.doneBtn.Text, h.w.skipBtn.Text)
	}
	h.advance(31 * time.Second)
	if got := h.w.doneBtn.Text; got != "Done (Esc)" {
		t.Errorf("done button at time's up %q", got)
	}
}
