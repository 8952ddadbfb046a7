// Package daemon wires Limber's core to the world: it polls the idle source
// and presence signals, feeds the scheduler, turns its decisions into
// notifications, card windows and history rows, serves the control socket
// and keeps the tray menu current. It never starts Fyne's app or a GL
// context: windows are child processes (`limber window NAME`).
package daemon

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/limber-app/limber/internal/activity"
	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/ipc"
	"github.com/limber-app/limber/internal/notify"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
	"github.com/limber-app/limber/internal/status"
	"github.com/limber-app/limber/internal/tray"
	"github.com/limber-app/limber/internal/version"
)

// Presence is the source of "away" (locked, asleep, screensaver) and
// "present without input" (call, presentation, full screen) signals.
type Presence interface {
	Away() bool
	PresentNoInput() bool
	Sources() []string
	// Wake fires when something changed that deserves an observation now
	// (resume from sleep, unlock, full screen left).
	Wake() <-chan struct{}
	Close() error
}

// Options configure a Daemon. Zero values pick the real world.
type Options struct {
	Socket   string
	Source   activity.Source
	Presence Presence
	Notifier notify.Notifier
	// Now replaces time.Now (it must carry a monotonic reading).
	Now func() time.Time
	// Logf prints diagnostics (only with --verbose).
	Logf func(format string, args ...any)
	// Launch starts a window child process: `limber window NAME ARGS...`.
	Launch func(name string, args ...string) (Window, error)
	// Settings is the user's settings file (nil: defaults, nothing saved).
	Settings *settings.Store
	// History records the journal (nil: nothing is recorded).
	History *history.Store
	// Cards is the card library (nil: breaks come without a card).
	Cards *cards.Library
	// Seed seeds the card picker (0: from the start time).
	Seed int64
}

// Window is a running child window.
type Window interface {
	// Wait blocks until the window process exits.
	Wait() error
	Kill() error
}

// Daemon is the running core. Create with New, run with Run.
type Daemon struct {
	opts  Options
	now   func() time.Time
	logf  func(string, ...any)
	start time.Time

	wake chan struct{}
	quit chan struct{}
	// tickMu serialises Tick (the loop's, and the fresh one a status
	// request takes).
	tickMu sync.Mutex

	mu       sync.Mutex
	sched    *schedule.Scheduler
	lastObs  schedule.Observation
	srcErr   error
	tray     *tray.Tray
	trayNote string
	lastMenu string
	glasses  int
	day      time.Time
	card     *openCard
	pausedAt time.Time
	picker   *cards.Picker
	// settingsProblem explains a bad settings file ("" when fine).
	settingsProblem string
	// From the settings in use:
	cur        settings.Settings
	notifyOnly map[schedule.Kind]bool
	allowed    []cards.Position
	// idle at the last observation, for status.
	idle time.Duration
}

// openCard is the card window on screen, if any.
type openCard struct {
	kind     schedule.Kind
	cardID   string
	win      Window
	reported bool
}

// New prepares a daemon; nothing runs until Run.
func New(o Options) *Daemon {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	if o.Notifier == nil {
		o.Notifier = &notify.Recorder{}
	}
	if o.Source == nil {
		o.Source = activity.None{}
	}
	d := &Daemon{
		opts: o, now: o.Now, logf: o.Logf,
		wake: make(chan struct{}, 1), quit: make(chan struct{}),
	}
	d.start = d.now()
	cur := settings.Defaults()
	var probs []settings.Problem
	if o.Settings != nil {
		cur, probs = o.Settings.Current()
	}
	first := d.observation()
	d.sched = schedule.New(cur.Schedule(), first)
	d.lastObs = first
	d.day = schedule.DayBegin(first.Wall, cur.Advanced.DayStart)
	d.useSettingsLocked(cur, probs)
	if o.Cards != nil {
		seed := o.Seed
		if seed == 0 {
			seed = d.start.UnixNano()
		}
		d.picker = cards.NewPicker(o.Cards, seed, 8)
	}
	d.restoreToday(first.Wall)
	d.prune(first.Wall)
	return d
}

// observation reads the world once. It may block for an X or D-Bus round
// trip, so it is never called with d.mu held.
func (d *Daemon) observation() schedule.Observation {
	now := d.now()
	o := schedule.Observation{Wall: now.Round(0), Mono: now.Sub(d.start), Boot: bootClock()}
	idle, err := d.opts.Source.Idle()
	switch {
	case errors.Is(err, activity.ErrNoSource):
		o.NoSource = true
	case err != nil:
		// A failing source must not look like activity or like away:
		// treat it as no source until it recovers.
		o.NoSource = true
	default:
		o.Idle = idle
	}
	d.mu.Lock()
	d.srcErr = err
	if errors.Is(err, activity.ErrNoSource) {
		d.srcErr = nil
	}
	d.idle = idle
	d.mu.Unlock()
	if p := d.opts.Presence; p != nil {
		o.Away = p.Away()
		o.PresentNoInput = p.PresentNoInput()
	}
	return o
}

// AttachTray makes the daemon keep t current and handle its clicks.
func (d *Daemon) AttachTray(t *tray.Tray, hasHost bool) {
	d.mu.Lock()
	d.tray = t
	if hasHost {
		d.trayNote = trTrayShown()
	} else {
		d.trayNote = trTrayMissing()
	}
	d.mu.Unlock()
	if !hasHost {
		d.notify(trNoTrayTitle(), trNoTrayBody())
	}
}

// Listen opens the control socket, failing with ipc.ErrAlreadyRunning when
// another daemon answers there.
func (d *Daemon) Listen() (net.Listener, error) {
	return ipc.Listen(d.opts.Socket)
}

// Run serves ln and drives the core until ctx ends or `quit` is asked.
func (d *Daemon) Run(ctx context.Context, ln net.Listener) error {
	srv := ipc.NewServer()
	srv.Logf = d.logf
	d.register(srv)
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	defer func() {
		srv.Close()
		os.Remove(d.opts.Socket)
	}()

	if d.opts.Settings != nil {
		d.mu.Lock()
		on := d.cur.StartAtLogin
		d.mu.Unlock()
		d.syncAutostart(on) // the file may have been edited while Limber was not running
		go d.opts.Settings.Watch(ctx, d.onSettingsFile)
	}
	var wakeP <-chan struct{}
	if d.opts.Presence != nil {
		wakeP = d.opts.Presence.Wake()
	}
	var actions <-chan tray.Action
	d.mu.Lock()
	if d.tray != nil {
		actions = d.tray.Actions()
	}
	d.mu.Unlock()

	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			d.closeCard()
			return nil
		case <-d.quit:
			d.closeCard()
			return nil
		case err := <-serveErr:
			return fmt.Errorf("control socket stopped: %w", err)
		case a := <-actions:
			d.onTrayAction(a)
		case <-wakeP:
		case <-d.wake:
		case <-timer.C:
		}
		wait := d.Tick()
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(wait)
	}
}

// Tick observes once, acts on the decisions and returns how long to wait.
// The wait is capped at a minute so the tray's sitting time stays current
// and a suspend (which stops Go's monotonic timers) is noticed soon after.
func (d *Daemon) Tick() time.Duration {
	// One tick at a time, so observations reach the core in order.
	d.tickMu.Lock()
	defer d.tickMu.Unlock()
	o := d.observation()
	d.mu.Lock()
	_, today0, after0 := d.sched.Sitting()
	events := d.sched.Observe(o)
	_, today1, after1 := d.sched.Sitting()
	d.lastObs = o
	newDay := d.rollDay(o.Wall)
	wait := d.sched.NextCheck()
	d.mu.Unlock()
	if newDay {
		d.prune(o.Wall)
	}

	d.recordSitting(today1-today0, after1-after0, o.Wall)
	d.act(events)
	d.refreshTray()
	if wait < time.Second {
		wait = time.Second
	}
	if wait > time.Minute {
		wait = time.Minute
	}
	return wait
}

// poke asks the loop for an observation now.
func (d *Daemon) poke() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// rollDay resets the glass count at the day boundary and reports whether
// a new day began. Called with d.mu held.
func (d *Daemon) rollDay(wall time.Time) bool {
	day := schedule.DayBegin(wall, d.sched.Config().DayStart)
	if day.Equal(d.day) {
		return false
	}
	d.day = day
	d.glasses = 0
	return true
}

// prune drops history older than the retention setting (0 keeps all). It
// runs at start and at each new day.
func (d *Daemon) prune(now time.Time) {
	d.mu.Lock()
	days := d.cur.HistoryDays
	d.mu.Unlock()
	if d.opts.History == nil || days <= 0 {
		return
	}
	n, err := d.opts.History.Prune(now.AddDate(0, 0, -days))
	d.record("pruning", err)
	if n > 0 {
		d.logf("history: pruned %d rows older than %d days", n, days)
	}
}

// Status builds the status reply.
func (d *Daemon) Status(explain bool) status.Status {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.statusLocked(explain)
}

func (d *Daemon) statusLocked(explain bool) status.Status {
	snap := d.sched.Snapshot()
	cfg := d.sched.Config()
	st := status.Status{
		Version: version.Version, PID: os.Getpid(), Now: d.lastObs.Wall,
		Activity:               d.opts.Source.Name(),
		Active:                 snap.Active,
		IdleSeconds:            int64(d.idle / time.Second),
		PresentNoInput:         d.lastObs.PresentNoInput,
		Away:                   d.lastObs.Away,
		SessionSeconds:         int64(snap.Session / time.Second),
		TodaySeconds:           int64(snap.Today / time.Second),
		TodayAfterHoursSeconds: int64(snap.TodayAfterHours / time.Second),
		DailyLimitSeconds:      int64(cfg.DailyLimit / time.Second),
		Paused:                 snap.Paused,
		InWorkingHours:         snap.InWorkHours,
		Strict:                 cfg.Strict,
		Phase:                  snap.Phase,
		PhaseRemainingSeconds:  int64(snap.PhaseRemaining / time.Second),
		Glasses:                d.glasses,
		GlassGoal:              d.cur.HydrationGoal,
		Tray:                   d.trayNote,
		Problems:               d.problemsLocked(),
	}
	if d.srcErr != nil {
		st.ActivityError = d.srcErr.Error()
	}
	if r, ok := d.opts.Source.(interface{ Reason() string }); ok && explain && st.ActivityError == "" {
		st.ActivityError = r.Reason()
	}
	if d.opts.Presence != nil {
		st.Signals = d.opts.Presence.Sources()
	}
	if snap.Paused && !snap.PausedUntil.IsZero() {
		u := snap.PausedUntil
		st.PausedUntil = &u
	}
	lengths := map[schedule.Kind]schedule.Track{}
	for _, t := range cfg.Tracks {
		lengths[t.Kind] = t
	}
	for _, t := range snap.Tracks {
		st.Breaks = append(st.Breaks, status.Break{
			Kind: string(t.Kind), Enabled: t.Enabled,
			IntervalSeconds:  int64(lengths[t.Kind].Interval / time.Second),
			LengthSeconds:    int64(lengths[t.Kind].Length / time.Second),
			RemainingSeconds: int64(t.Remaining / time.Second),
			Due:              t.Due, Held: t.Held,
			LastReset: t.LastReset, LastResetReason: t.LastResetReason,
		})
	}
	if explain {
		st.Why = snap.Why
	}
	return st
}

// refreshTray pushes a new menu when what it shows changed. The check is on
// the numbers the menu shows (minutes, or seconds under a minute), so most
// ticks build nothing: the idle loop stays cheap.
func (d *Daemon) refreshTray() {
	d.mu.Lock()
	t := d.tray
	if t == nil {
		d.mu.Unlock()
		return
	}
	st := d.statusLocked(false)
	key := menuKey(st)
	if key == d.lastMenu {
		d.mu.Unlock()
		return
	}
	d.lastMenu = key
	d.mu.Unlock()
	t.Update(tray.Build(st))
}

// menuKey sums up what tray.Build shows of st.
func menuKey(st status.Status) string {
	shown := func(sec int64) int64 {
		if sec < 60 {
			return sec
		}
		return 100 + sec/60
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d %d %t %v %t %s %t %d|", st.SessionSeconds/60, st.TodaySeconds/60, st.Paused, st.PausedUntil, st.Strict, st.Activity, len(st.Problems) > 0, st.Glasses)
	for _, br := range st.Breaks {
		fmt.Fprintf(&b, "%s %t %t %t %d|", br.Kind, br.Enabled, br.Due, br.Held, shown(br.RemainingSeconds))
	}
	return b.String()
}

// notify shows a notification; a failure is logged, never fatal.
func (d *Daemon) notify(title, body string) {
	if err := d.opts.Notifier.Notify(title, body); err != nil {
		d.logf("notification %q not shown: %v", title, err)
	}
}

// Quit asks Run to return.
func (d *Daemon) Quit() {
	d.mu.Lock()
	defer d.mu.Unlock()
	select {
	case <-d.quit:
	default:
		close(d.quit)
	}
}
