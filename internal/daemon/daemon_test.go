package daemon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/limber-app/limber/assets/cardfiles"
	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/notify"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
	"github.com/limber-app/limber/internal/tray"
)

// world is a fake desktop: a clock the test moves, an idle source whose
// last input the test sets, and windows that open and close on command.
type world struct {
	mu        sync.Mutex
	now       time.Time
	lastInput time.Time
	launched  [][]string
	windows   []*fakeWindow
}

func (w *world) Now() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now
}

func (w *world) Name() string { return "fake" }
func (w *world) Idle() (time.Duration, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now.Sub(w.lastInput), nil
}
func (w *world) Close() error { return nil }

type fakeWindow struct {
	done chan struct{}
	err  error // what Wait returns
}

func (f *fakeWindow) Wait() error { <-f.done; return f.err }
func (f *fakeWindow) Kill() error {
	select {
	case <-f.done:
	default:
		close(f.done)
	}
	return nil
}

func (w *world) launch(name string, args ...string) (Window, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.launched = append(w.launched, append([]string{name}, args...))
	fw := &fakeWindow{done: make(chan struct{})}
	w.windows = append(w.windows, fw)
	return fw, nil
}

// work advances the clock by d with input every second, ticking the daemon
// as often as it asks.
func (w *world) advance(d *Daemon, total time.Duration, typing bool) {
	end := w.Now().Add(total)
	for w.Now().Before(end) {
		wait := d.Tick()
		if wait > 5*time.Second {
			wait = 5 * time.Second
		}
		w.mu.Lock()
		w.now = w.now.Add(wait)
		if typing {
			w.lastInput = w.now.Add(-time.Second)
		}
		w.mu.Unlock()
	}
	d.Tick()
}

type harness struct {
	t     *testing.T
	w     *world
	d     *Daemon
	notes *notify.Recorder
	jr    *history.Journal
	cfg   *settings.Store
	c     *api.Client
	// raw sends a request as the wire carries it, to test bad input.
	raw func(cmd, args string) error
	// bubble: the test runs in a synctest bubble, where waiting for the
	// daemon's goroutines (the loop, the history writer, a window's
	// watcher) is synctest.Wait, not polling.
	bubble bool
}

func newHarness(t *testing.T, opts ...func(*Options)) *harness {
	return newHarnessWith(t, history.JournalOptions{}, opts...)
}

// newHarnessWith runs the daemon with a history journal tuned by jo (its
// back-off shortened for tests) and options changed by opts.
func newHarnessWith(t *testing.T, jo history.JournalOptions, opts ...func(*Options)) *harness {
	t.Helper()
	dir := t.TempDir()
	w := &world{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)}
	w.lastInput = w.now.Add(-time.Hour)
	jo.MinBackoff, jo.MaxBackoff = 5*time.Millisecond, 20*time.Millisecond
	hist := history.NewJournal(filepath.Join(dir, "history.jsonl"), jo)
	t.Cleanup(func() { hist.Close() })
	cfg, _, err := settings.OpenStore(filepath.Join(dir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	notes := &notify.Recorder{}
	lib := cards.Load(cardfiles.FS(), filepath.Join(dir, "cards"))
	o := Options{
		Socket: filepath.Join(dir, "limber.sock"), Source: w, Notifier: notes, Now: w.Now,
		Launch: w.launch, Settings: cfg, History: hist, Cards: lib, Seed: 1,
	}
	for _, f := range opts {
		f(&o)
	}
	d := New(o)
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { d.loop(ctx, nil); close(stopped) }()
	t.Cleanup(func() { cancel(); <-stopped })
	m := d.mux()
	raw := func(cmd, args string) error {
		var resp api.Response
		line := `{"v":2,"cmd":"` + cmd + `","args":` + args + `}`
		if err := json.Unmarshal(m.Serve(ctx, []byte(line)), &resp); err != nil {
			return err
		}
		if !resp.OK {
			return &api.Error{Code: resp.Code, Msg: resp.Error}
		}
		return nil
	}
	return &harness{t: t, w: w, d: d, notes: notes, jr: hist, cfg: cfg, c: api.NewClient(api.Local(m)), raw: raw}
}

func (h *harness) status() api.Status {
	st, err := h.c.Status(context.Background(), false)
	if err != nil {
		h.t.Fatal(err)
	}
	return st
}

// tray clicks a menu item, as the loop does.
func (h *harness) tray(a tray.Action) { h.d.do(func() { h.d.onTrayAction(a) }) }

// hist is the open history file, once the writer has written all it holds.
func (h *harness) hist() *history.Store {
	h.t.Helper()
	if h.bubble {
		synctest.Wait()
		err, queued, inFile, _ := h.jr.State()
		if s := h.jr.Store(); err == nil && queued == 0 && inFile == 0 && s != nil {
			return s
		}
		h.t.Fatalf("the history writer is idle but not done: %v, %d queued, %d in the fallback file", err, queued, inFile)
	}
	for end := time.Now().Add(5 * time.Second); ; time.Sleep(2 * time.Millisecond) {
		err, queued, inFile, _ := h.jr.State()
		if s := h.jr.Store(); err == nil && queued == 0 && inFile == 0 && s != nil {
			return s
		}
		if time.Now().After(end) {
			h.t.Fatalf("the history writer did not catch up: %v, %d queued, %d in the fallback file", err, queued, inFile)
		}
	}
}

func (h *harness) journal(typ string) []history.Event {
	s := h.hist()
	if err := s.Flush(); err != nil {
		h.t.Fatal(err)
	}
	var out []history.Event
	s.Events(func(e history.Event) error {
		if e.Type == typ {
			out = append(out, e)
		}
		return nil
	})
	return out
}

func TestStretchBreakOpensCardAndIsRecorded(t *testing.T) {
	h := newHarness(t)
	// 30 min to the stretch, then up to a minute waiting for a lull
	// (the harness types without pauses).
	h.w.advance(h.d, 32*time.Minute, true)

	h.w.mu.Lock()
	launched := append([][]string(nil), h.w.launched...)
	h.w.mu.Unlock()
	var card []string
	for _, l := range launched {
		if l[0] == "card" && l[2] == "stretch" {
			card = l
		}
	}
	if card == nil {
		t.Fatalf("no stretch card window after 31 min of typing; launched %v; notes %v", launched, h.notes.Sent())
	}
	if !strings.Contains(strings.Join(card, " "), "--card ") || !strings.Contains(strings.Join(card, " "), "--length 1m30s") {
		t.Errorf("card window arguments %v", card)
	}
	warned := false
	for _, n := range h.notes.Sent() {
		if n.Title == "Stretch in 30 s" && len(n.Actions) == 3 {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no pre-break warning: %v", h.notes.Sent())
	}
	if st := h.status(); st.TodaySeconds < 29*60 {
		t.Errorf("today %ds after 31 min of typing", st.TodaySeconds)
	}

	// The window reports done over IPC (as the card window does, with a
	// fractional elapsed time).
	if err := h.raw("break_result", `{"kind":"stretch","card_id":"x","outcome":"done","elapsed_seconds":90.5}`); err != nil {
		t.Fatal(err)
	}
	for _, b := range h.status().Breaks {
		if b.Kind == "stretch" && (b.Due || b.RemainingSeconds < 29*60) {
			t.Errorf("stretch after done: %+v", b)
		}
	}
	// The posture check due with it travelled on the card (--also) and,
	// covered by the stretch, is recorded as done too.
	if !strings.Contains(strings.Join(card, " "), "--also posture") {
		t.Errorf("card window arguments %v lack the merged posture check", card)
	}
	var outcomes []string
	for _, b := range h.journal(history.TypeBreak) {
		outcomes = append(outcomes, b.Kind+" "+b.Outcome)
	}
	if got := strings.Join(outcomes, ", "); !strings.HasSuffix(got, "stretch done, posture done") {
		t.Errorf("journal breaks: %s", got)
	}
	if spans := h.journal(history.TypeSitting); len(spans) == 0 {
		t.Error("no sitting recorded")
	}
}

// The warning names the posture check that comes with the stretch, and a
// stretch held back by typing without pauses (the lull rule) is shown due
// in the tray and announced as coming when the user pauses: the warning
// said "in 30 s".
func TestWarningNamesMergedAndLullIsSaid(t *testing.T) {
	h := newHarness(t)
	h.w.advance(h.d, 30*time.Minute+10*time.Second, true)
	var waiting bool
	for _, b := range h.status().Breaks {
		if b.Kind == "stretch" {
			waiting = b.Waiting && !b.Due
		}
	}
	if !waiting {
		t.Errorf("the stretch is not shown waiting for a pause: %+v", h.status().Breaks)
	}
	h.w.advance(h.d, 2*time.Minute, true)
	var warn, lull *notify.Message
	for _, n := range h.notes.Sent() {
		switch n.Title {
		case "Stretch in 30 s":
			warn = &n
		case "Stretch when you pause typing":
			lull = &n
		}
	}
	if warn == nil || !strings.Contains(warn.Body, "Also: sit back") {
		t.Errorf("the warning does not name the posture check: %+v", warn)
	}
	if lull == nil || !strings.Contains(lull.Body, "at the most") {
		t.Errorf("no word that the stretch waits for a pause: %+v", h.notes.Sent())
	}
}

// The trial's bug: the user does the stretch away from the keys with the
// card on screen. The away clock started at the last input, before the
// card, so it used to reach the break's length first and record a natural
// break, closing the card early. The card decides: still due, then done.
func TestCardOnScreenIsNotEndedByTimeAway(t *testing.T) {
	h := newHarness(t)
	h.w.advance(h.d, 10*time.Second, true)
	if _, err := h.c.BreakNow(context.Background(), "stretch"); err != nil {
		t.Fatal(err)
	}
	h.w.advance(h.d, 3*time.Minute, false) // twice the length, nobody at the keys
	for _, b := range h.journal(history.TypeBreak) {
		if b.Kind == "stretch" {
			t.Fatalf("the stretch ended while its card was on screen: %+v", b)
		}
	}
	h.w.mu.Lock()
	win := h.w.windows[0]
	h.w.mu.Unlock()
	select {
	case <-win.done:
		t.Fatal("the card window was closed")
	default:
	}
	if err := h.raw("break_result", `{"kind":"stretch","card_id":"x","outcome":"done","elapsed_seconds":90}`); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range h.journal(history.TypeBreak) {
		got = append(got, b.Kind+" "+b.Outcome)
	}
	if !slices.Contains(got, "stretch done") || slices.Contains(got, "stretch natural") {
		t.Errorf("journal breaks: %v, want the stretch done", got)
	}
}

// Without a card (notification style) the same time away is a natural break.
func TestNotificationBreakEndsByTimeAway(t *testing.T) {
	h := newHarness(t)
	cur, err := h.c.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st := cur.Settings
	st.Posture.Style = settings.StyleNotification
	if err := h.c.SetSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	h.w.advance(h.d, 10*time.Second, true)
	if _, err := h.c.BreakNow(context.Background(), "posture"); err != nil {
		t.Fatal(err)
	}
	h.w.advance(h.d, 3*time.Minute, false)
	var got []string
	for _, b := range h.journal(history.TypeBreak) {
		got = append(got, b.Kind+" "+b.Outcome)
	}
	if !slices.Contains(got, "posture natural") {
		t.Errorf("journal breaks: %v, want the posture natural", got)
	}
}

func TestWindowThatDiesCountsAsClosedEarly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t)
		h.bubble = true
		h.w.advance(h.d, 10*time.Second, true)
		if _, err := h.c.BreakNow(context.Background(), "movement"); err != nil {
			t.Fatal(err)
		}
		h.w.mu.Lock()
		if len(h.w.windows) != 1 {
			h.w.mu.Unlock()
			t.Fatalf("break_now opened %d windows", len(h.w.windows))
		}
		win := h.w.windows[0]
		h.w.mu.Unlock()
		win.Kill() // the window crashes without reporting
		if b := h.journal(history.TypeBreak); len(b) != 1 || b[0].Outcome != "closed_early" || b[0].Kind != "movement" {
			t.Fatalf("journal %+v", b)
		}
	})
}

// A card window with no display: the break is offered by notification
// instead, recorded as not shown (not closed early), and stays due.
func TestCardWithoutDisplayFallsBackToNotification(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t)
		h.bubble = true
		h.w.advance(h.d, 10*time.Second, true)
		if _, err := h.c.BreakNow(context.Background(), "movement"); err != nil {
			t.Fatal(err)
		}
		h.w.mu.Lock()
		win := h.w.windows[0]
		h.w.mu.Unlock()
		before := len(h.notes.Sent())
		win.err = fmt.Errorf("%w: exit status 3", ErrNoDisplay)
		win.Kill()
		if b := h.journal(history.TypeBreak); len(b) != 1 || b[0].Outcome != "not_shown" || b[0].Kind != "movement" {
			t.Fatalf("journal %+v", b)
		}
		sent := h.notes.Sent()
		if len(sent) <= before || !strings.Contains(sent[len(sent)-1].Title, "break") {
			t.Errorf("no notification offered the break: %+v", sent[before:])
		}
		for _, b := range h.status().Breaks {
			if b.Kind == "movement" && !b.Due {
				t.Errorf("the unseen break is no longer due: %+v", b)
			}
		}
	})
}

func TestTrayActions(t *testing.T) {
	h := newHarness(t)
	h.w.advance(h.d, time.Minute, true)
	h.tray(tray.ActDrink)
	h.tray(tray.ActDrink)
	if st := h.status(); st.Glasses != 2 || st.GlassGoal != 8 {
		t.Errorf("glasses %d of %d", st.Glasses, st.GlassGoal)
	}
	if g := h.journal(history.TypeGlass); len(g) != 2 || g[0].Source != "tray" {
		t.Errorf("glasses journal %+v", g)
	}
	h.tray(tray.ActPause30)
	st := h.status()
	if !st.Paused || st.PausedUntil == nil || st.PausedUntil.Sub(h.w.Now()) != 30*time.Minute {
		t.Fatalf("after pause: %+v", st)
	}
	if m := tray.Build(st); m.Icon != tray.IconPaused {
		t.Errorf("menu icon %v while paused", m.Icon)
	}
	h.tray(tray.ActResume)
	if h.status().Paused {
		t.Error("still paused after resume")
	}
	if p := h.journal(history.TypePause); len(p) != 1 {
		t.Errorf("pauses journal %+v", p)
	}
	// Postponing before anything is due pushes the next break back.
	before := h.status().Breaks
	h.tray(tray.ActSnooze15)
	after := h.status().Breaks
	moved := false
	for i := range before {
		if after[i].RemainingSeconds >= before[i].RemainingSeconds+15*60-5 {
			moved = true
		}
	}
	if !moved {
		t.Errorf("postpone moved nothing: %+v -> %+v", before, after)
	}
	if len(h.notes.Sent()) > 0 {
		for _, n := range h.notes.Sent() {
			if strings.Contains(n.Body, "not due") || strings.Contains(n.Body, "No break is due") {
				t.Errorf("postpone failed: %v", n)
			}
		}
	}
}

func TestSettingsSetAndBadHandEdit(t *testing.T) {
	h := newHarness(t)
	got, err := h.c.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s := got.Settings
	s.Posture.Enabled = false
	s.Stretch.Interval = 20 * time.Minute
	if err := h.c.SetSettings(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	for _, b := range h.status().Breaks {
		if b.Kind == "posture" && b.Enabled {
			t.Error("posture still on after saving it off")
		}
		if b.Kind == "stretch" && b.IntervalSeconds != 20*60 {
			t.Errorf("stretch interval %d after saving 20m", b.IntervalSeconds)
		}
	}
	// Invalid settings are refused with the field named, and nothing changes.
	bad := s
	bad.Stretch.Interval = 30 * time.Second
	err = h.c.SetSettings(context.Background(), bad)
	if err == nil || !strings.Contains(err.Error(), "stretch") {
		t.Errorf("saving a 30s interval: %v", err)
	}
	// A hand edit with a mistake keeps the settings and says why, once.
	h.d.do(func() {
		h.d.onSettingsFile(settings.Update{Problems: []settings.Problem{{File: "config.toml", Line: 7, Message: "unknown key \"intervall\""}}})
	})
	st := h.status()
	if len(st.Problems) == 0 || !strings.Contains(st.Problems[0], "config.toml:7") {
		t.Errorf("status problems %v", st.Problems)
	}
	if n := h.notes.Sent(); len(n) == 0 || !strings.Contains(n[len(n)-1].Body, "intervall") {
		t.Errorf("no notification about the bad file: %v", n)
	}
	for _, b := range st.Breaks {
		if b.Kind == "stretch" && b.IntervalSeconds != 20*60 {
			t.Errorf("a bad file changed the settings in use: %+v", b)
		}
	}
}

func TestCardPickAndBadRequests(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	r, err := h.c.PickCard(ctx, api.CardPickArgs{Kind: "stretch", LengthSeconds: 90})
	if err != nil || r == "" {
		t.Fatalf("card_pick: %v %q", err, r)
	}
	if r2, err := h.c.PickCard(ctx, api.CardPickArgs{Kind: "stretch", LengthSeconds: 90, Exclude: []string{r}}); err != nil || r2 == r {
		t.Fatalf("card_pick with exclude returned %q again (%v)", r2, err)
	}
	for cmd, args := range map[string]string{
		"card_pick":    `{"kind":"yoga"}`,
		"break_now":    `{"kind":7}`,
		"snooze":       `{"seconds":-5}`,
		"break_result": `{"kind":"stretch","outcome":"maybe"}`,
		"pause":        `{}`,
		"drink":        `{"source":"fridge"}`,
		"stats":        `{"days":100000}`,
	} {
		if err := h.raw(cmd, args); !api.IsUsage(err) {
			t.Errorf("%s %s: %v, want a usage error", cmd, args, err)
		}
	}
	// The daemon still answers.
	h.status()
}

func TestRestartKeepsToday(t *testing.T) {
	h := newHarness(t)
	h.w.advance(h.d, 20*time.Minute, true)
	h.tray(tray.ActDrink)
	before := h.status()
	if err := h.hist().Flush(); err != nil {
		t.Fatal(err)
	}
	d2 := New(Options{Source: h.w, Now: h.w.Now, History: h.jr, Settings: h.cfg, Notifier: &notify.Recorder{}})
	after := d2.status(false)
	if after.Glasses != 1 {
		t.Errorf("glasses after restart %d", after.Glasses)
	}
	if diff := before.TodaySeconds - after.TodaySeconds; diff < 0 || diff > 10 {
		t.Errorf("today %ds before restart, %ds after", before.TodaySeconds, after.TodaySeconds)
	}
}

func TestRetentionPrunesAtStart(t *testing.T) {
	h := newHarness(t)
	old := h.w.Now().AddDate(0, 0, -60)
	if err := h.hist().RecordGlass(old, history.SourceCLI); err != nil {
		t.Fatal(err)
	}
	if err := h.hist().RecordGlass(h.w.Now().AddDate(0, 0, -5), history.SourceCLI); err != nil {
		t.Fatal(err)
	}
	s, _ := h.cfg.Current()
	s.HistoryDays = 30
	if _, err := h.cfg.Set(s); err != nil {
		t.Fatal(err)
	}
	New(Options{Source: h.w, Now: h.w.Now, History: h.jr, Settings: h.cfg, Notifier: &notify.Recorder{}})
	g := h.journal(history.TypeGlass)
	if len(g) != 1 || g[0].Start.Before(h.w.Now().AddDate(0, 0, -30)) {
		t.Fatalf("after pruning to 30 days: %+v", g)
	}
}

// Many clients at once while the loop ticks: every call is answered, no
// glass is lost, and -race finds nothing (the loop owns all state).
func TestConcurrentCallsDuringTicks(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.w.advance(h.d, 40*time.Minute, true)
	}()
	const clients, rounds = 8, 30
	var wg sync.WaitGroup
	errs := make(chan error, clients*rounds)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := api.NewClient(api.Local(h.d.mux()))
			for j := range rounds {
				var err error
				switch (i + j) % 6 {
				case 0:
					_, err = c.Status(ctx, true)
				case 1:
					_, err = c.Drink(ctx, history.SourceCLI)
				case 2:
					_, err = c.Pause(ctx, api.PauseArgs{Seconds: 60})
				case 3:
					err = c.Resume(ctx)
				case 4:
					_, err = c.BreakNow(ctx, "posture")
				case 5:
					_, err = c.PickCard(ctx, api.CardPickArgs{Kind: "stretch", LengthSeconds: 90})
				}
				// The core may refuse (resume when another client
				// resumed first); the daemon must never fail to answer.
				if err != nil && (strings.Contains(err.Error(), "internal error") || strings.Contains(err.Error(), "stopping")) {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	<-done
	close(errs)
	for err := range errs {
		t.Errorf("call failed: %v", err)
	}
	drinks := 0
	for i := range clients {
		for j := range rounds {
			if (i+j)%6 == 1 {
				drinks++
			}
		}
	}
	if st := h.status(); st.Glasses != drinks {
		t.Errorf("glasses %d, want %d", st.Glasses, drinks)
	}
	if g := h.journal(history.TypeGlass); len(g) != drinks {
		t.Errorf("journal has %d glasses, want %d", len(g), drinks)
	}
}

// failingOpen fails like a read-only or locked history file until ok is set.
type failingOpen struct{ ok atomic.Bool }

func (f *failingOpen) open(path string) (*history.Store, error) {
	if !f.ok.Load() {
		return nil, fmt.Errorf("opening %s: attempt to write a readonly database", path)
	}
	return history.Open(path)
}

// A history that cannot be written is said, and a glass that could be kept
// nowhere is not confirmed.
func TestHistoryFailureIsReported(t *testing.T) {
	f := &failingOpen{}
	h := newHarnessWith(t, history.JournalOptions{Open: f.open, Fallback: "-", MaxQueue: 3})
	ctx := context.Background()
	var refused error
	for i := range 10 {
		if _, err := h.c.Drink(ctx, history.SourceCLI); err != nil {
			refused = err
			break
		}
		if i > 5 {
			t.Fatal("glasses confirmed past the memory bound with nowhere to keep them")
		}
	}
	if refused == nil || !strings.Contains(refused.Error(), "not logged") {
		t.Fatalf("drink with nowhere to keep it: %v", refused)
	}
	st := h.status()
	found := false
	for _, p := range st.Problems {
		found = found || strings.Contains(p, "history file")
	}
	if !found {
		t.Errorf("status does not say the history fails: %v", st.Problems)
	}
	told := false
	for _, m := range h.notes.Sent() {
		told = told || strings.Contains(m.Body, "cannot write its history")
	}
	if !told {
		t.Errorf("no notification told of the failing history: %+v", h.notes.Sent())
	}
}

// A history that cannot be opened at start, then is fixed: every event the
// daemon confirmed meanwhile is written, and the problem goes away on the
// next status.
func TestHistoryUnopenableAtStartKeepsEvents(t *testing.T) {
	f := &failingOpen{}
	h := newHarnessWith(t, history.JournalOptions{Open: f.open})
	ctx := context.Background()
	for range 3 {
		if _, err := h.c.Drink(ctx, history.SourceCLI); err != nil {
			t.Fatalf("drink with a fallback file at hand: %v", err)
		}
	}
	h.w.advance(h.d, 20*time.Minute, true)
	if rep, err := h.c.Skip(ctx, "posture"); err != nil || rep.Kind != schedule.Posture || rep.SkipsLeft != -1 {
		t.Fatalf("skip: %+v, %v; want posture, no budget", rep, err)
	}
	if st := h.status(); len(st.Problems) == 0 || st.Glasses != 3 {
		t.Fatalf("while failing: problems %v, glasses %d", st.Problems, st.Glasses)
	}
	f.ok.Store(true)
	h.status() // retries at once
	if g := h.journal(history.TypeGlass); len(g) != 3 {
		t.Errorf("%d glasses written after the fix, want 3", len(g))
	}
	if b := h.journal(history.TypeBreak); len(b) == 0 {
		t.Error("the skip was not written after the fix")
	}
	if s := h.journal(history.TypeSitting); len(s) == 0 {
		t.Error("the sitting time was not written after the fix")
	}
	for _, p := range h.status().Problems {
		if strings.Contains(p, "history") {
			t.Errorf("problem left after the fix: %s", p)
		}
	}
}

// callPresence is a presence whose microphone the test turns on.
type callPresence struct {
	mu    sync.Mutex
	call  string
	calls []string // what SetCalls was told
	wake  chan struct{}
}

func (p *callPresence) Away() bool { return false }
func (p *callPresence) PresentNoInput() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.call != ""
}
func (p *callPresence) Why() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.call == "" {
		return ""
	}
	return "microphone in use (" + p.call + ")"
}
func (p *callPresence) Sources() []string     { return []string{"microphone"} }
func (p *callPresence) Off() []string         { return []string{"camera: not here"} }
func (p *callPresence) Wake() <-chan struct{} { return p.wake }
func (p *callPresence) Close() error          { return nil }
func (p *callPresence) SetCalls(mic, cam bool, ignore []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, fmt.Sprintf("mic=%v cam=%v ignore=%q", mic, cam, ignore))
}

func TestCallSignalsFollowSettingsAndShowInStatus(t *testing.T) {
	p := &callPresence{wake: make(chan struct{})}
	h := newHarness(t, func(o *Options) { o.Presence = p })
	p.mu.Lock()
	p.call = "zoom"
	first := strings.Join(p.calls, "; ")
	p.mu.Unlock()
	if first != `mic=true cam=true ignore=[]` {
		t.Errorf("at start SetCalls got %q", first)
	}
	h.w.advance(h.d, 10*time.Second, false)
	st, err := h.c.Status(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	if !st.PresentNoInput || st.Presence != "microphone in use (zoom)" || len(st.SignalsOff) != 1 {
		t.Fatalf("status in a call: present %v, presence %q, off %v", st.PresentNoInput, st.Presence, st.SignalsOff)
	}
	got, err := h.c.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s := got.Settings
	s.Calls = settings.Calls{Camera: true, Ignore: "Dragon, Audacity"}
	if err := h.c.SetSettings(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	last := p.calls[len(p.calls)-1]
	p.mu.Unlock()
	if last != `mic=false cam=true ignore=["Dragon" "Audacity"]` {
		t.Errorf("after saving, SetCalls got %q", last)
	}
}

func TestShowAndMenu(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t)
		h.bubble = true
		ctx := context.Background()
		if err := h.c.Show(ctx, api.WindowStatus); err != nil {
			t.Fatal(err)
		}
		if err := h.c.Show(ctx, api.WindowStatus); err != nil { // already open: not twice
			t.Fatal(err)
		}
		h.w.mu.Lock()
		n := len(h.w.launched)
		first := h.w.windows[0]
		h.w.mu.Unlock()
		if n != 1 {
			t.Fatalf("two status requests launched %d windows", n)
		}
		first.Kill()    // closed by the user: the next request opens it again
		synctest.Wait() // the window's watcher has told the loop
		var open bool
		h.d.do(func() { open = h.d.statusWin != nil })
		if open {
			t.Fatal("the status window still counts as open after it exited")
		}
		if err := h.c.Show(ctx, api.WindowStatus); err != nil {
			t.Fatal(err)
		}
		if err := h.c.Show(ctx, "toaster"); err == nil {
			t.Fatal("an unknown window was accepted")
		}
		h.w.mu.Lock()
		got := fmt.Sprint(h.w.launched)
		h.w.mu.Unlock()
		if got != "[[status] [status]]" {
			t.Fatalf("launched %s", got)
		}

		// Menu: what the tray offers runs; what it does not (resume while not
		// paused, nonsense) is refused.
		if err := h.c.Menu(ctx, string(tray.ActResume)); err == nil {
			t.Fatal("resume while not paused was accepted")
		}
		if err := h.c.Menu(ctx, "rm -rf"); err == nil {
			t.Fatal("an unknown action was accepted")
		}
		if err := h.c.Menu(ctx, string(tray.ActPause30)); err != nil {
			t.Fatal(err)
		}
		if !h.status().Paused {
			t.Fatal("pause from the menu did not pause")
		}
		if err := h.c.Menu(ctx, string(tray.ActResume)); err != nil || h.status().Paused {
			t.Fatalf("resume from the menu: %v", err)
		}
	})
}

func TestNoTrayHostOpensStatusWindow(t *testing.T) {
	h := newHarness(t)
	h.d.do(func() { h.d.AttachTray(nil, false) })
	h.w.mu.Lock()
	got := fmt.Sprint(h.w.launched)
	h.w.mu.Unlock()
	if got != "[[status]]" {
		t.Fatalf("without a tray host launched %s", got)
	}
	if n := h.notes.Sent(); len(n) == 0 || !strings.Contains(n[len(n)-1].Body, "status window") {
		t.Fatalf("the notification does not point to the status window: %v", n)
	}
}

// snooze with nothing due postpones the next break and says which and
// when; break now on a kind that is off says where to turn it on.
func TestSnoozeSaysWhatMovedAndDisabledBreakNow(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	var next api.Break
	for _, b := range h.status().Breaks {
		if b.Enabled && (next.Kind == "" || b.RemainingSeconds < next.RemainingSeconds) {
			next = b
		}
	}
	rep, err := h.c.Snooze(ctx, "", 10*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kind != next.Kind || rep.Seconds < next.RemainingSeconds+10*60-5 || rep.Seconds > next.RemainingSeconds+10*60+5 {
		t.Errorf("snooze reply %+v; the next break was %s in %d s", rep, next.Kind, next.RemainingSeconds)
	}
	_, err = h.c.BreakNow(ctx, "eyes") // off in the default settings
	if err == nil || !strings.Contains(err.Error(), "eyes.enabled = true") {
		t.Errorf("break now eyes while off: %v; want where to turn it on", err)
	}
	if err != nil && !strings.Contains(err.Error(), "Settings → Breaks") {
		t.Errorf("break now eyes while off: %q does not say where to turn it on", err)
	}
}

// The core's refusals reach people in their words, and still match the
// core's sentinel errors.
func TestCoreRefusalsAreSaidForPeople(t *testing.T) {
	h := newHarness(t)
	_, err := h.c.Skip(context.Background(), "")
	if err == nil || !strings.Contains(err.Error(), "No break is due now") || strings.Contains(err.Error(), "skipping") {
		t.Errorf("skip with nothing due: %v", err)
	}
	if err := sayCoreErr("", fmt.Errorf("skipping x: %w", schedule.ErrStrict)); !errors.Is(err, schedule.ErrStrict) || !strings.Contains(err.Error(), "Strict mode is on") {
		t.Errorf("strict: %v", err)
	}
}

// Refusals come in the caller's language (the request's lang), whatever
// the daemon's own, and a caller without one gets the daemon's.
func TestRefusalsInTheCallersLanguage(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	fr, _ := i18n.Catalogue(i18n.French)
	de, _ := i18n.Catalogue(i18n.German)
	inFr := api.NewClientIn(api.Local(h.d.mux()), i18n.French)
	if _, err := inFr.Skip(ctx, ""); err == nil || err.Error() != fr["daemon.err.not_due"].Other {
		t.Errorf("skip, in French: %v; want %q", err, fr["daemon.err.not_due"].Other)
	}
	if err := api.NewClientIn(api.Local(h.d.mux()), i18n.German).Resume(ctx); err == nil || err.Error() != de["daemon.err.not_paused"].Other {
		t.Errorf("resume, in German: %v", err)
	}
	if _, err := h.c.Skip(ctx, ""); err == nil || !strings.Contains(err.Error(), "No break is due now") {
		t.Errorf("skip, no language: %v", err)
	}
	if _, err := inFr.BreakNow(ctx, schedule.Stretch); err != nil {
		t.Fatal(err)
	}
	_, err := inFr.BreakNow(ctx, schedule.Stretch)
	if want := fr["kind.stretch"].Other + ": " + fr["daemon.break.showing"].Other; err == nil || err.Error() != want {
		t.Errorf("break now twice, in French: %v; want %q", err, want)
	}
}

// The tray's Skip skips the break due, through the menu command too (it is
// offered only while one is due).
func TestTraySkip(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	if err := h.c.Menu(ctx, tray.ActSkip); err == nil {
		t.Fatal("menu skip with nothing due was accepted")
	}
	if _, err := h.c.BreakNow(ctx, schedule.Stretch); err != nil { // offered: due
		t.Fatal(err)
	}
	var due schedule.Kind
	for _, b := range h.status().Breaks {
		if b.Due {
			due = b.Kind
		}
	}
	if due == "" {
		t.Fatalf("nothing due: %+v", h.status().Breaks)
	}
	if err := h.c.Menu(ctx, tray.ActSkip); err != nil {
		t.Fatalf("menu skip: %v", err)
	}
	for _, b := range h.status().Breaks {
		if b.Kind == due && (b.Due || b.LastResetReason != "skipped") {
			t.Errorf("%s after skip: %+v", due, b)
		}
	}
}
