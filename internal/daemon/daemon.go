// Package daemon wires Limber's core to the world: it polls the idle source
// and presence signals, feeds the scheduler, turns its decisions into
// notifications, card windows and history rows, serves the control socket
// and keeps the tray menu current. It never starts Fyne's app or a GL
// context: windows are child processes (limber-window).
//
// One goroutine owns the daemon's state: the loop in Run. The scheduler,
// the open card, the settings in use, the picker and every history write
// are touched only there; IPC handlers, the settings watcher, card
// watchers and the tray hand it closures (do) and wait for the answer. So
// there is no lock around the core, and observations reach it in order.
package daemon

import (
	"context"
	"errors"
	"net"
	"os"
	"sync"
	"time"

	"github.com/limber-app/limber/internal/activity"
	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/ipc"
	"github.com/limber-app/limber/internal/notify"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
	"github.com/limber-app/limber/internal/tray"
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
	// Launch starts a window child process (card, settings, stats).
	Launch func(name string, args ...string) (Window, error)
	// Settings is the user's settings file (nil: defaults, nothing saved).
	Settings *settings.Store
	// History records the journal (nil: nothing is recorded).
	History *history.Journal
	// Cards is the card library (nil: breaks come without a card).
	Cards *cards.Library
	// Seed seeds the card picker (0: from the start time).
	Seed int64
	// ProfileChoice is the file that keeps the profile chosen by hand
	// across restarts ("": not kept).
	ProfileChoice string
	// FirstRun: the settings file was just written for the first time;
	// the welcome window opens once the loop runs.
	FirstRun bool
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

	wake     chan struct{}
	calls    chan func()
	quit     chan struct{}
	quitOnce sync.Once
	// stopped is closed when the loop has returned: calls then fail.
	stopped chan struct{}

	// Owned by the loop (or by New before the loop starts).
	sched    *schedule.Scheduler
	lastObs  schedule.Observation
	idle     time.Duration // at the last observation
	srcErr   error
	tray     *tray.Tray
	trayNote string
	lastMenu string
	// lullNoted: the break waiting for a pause in typing has been announced
	// as such (once per wait).
	lullNoted bool
	glasses   int
	day       time.Time
	card      *openCard
	// noted: when each kind's due break was last offered by a notification
	// of its own, so a later notification does not repeat it (stillNoted).
	noted map[schedule.Kind]time.Time
	// statusWin is the open status window (at most one), nil when closed.
	statusWin Window
	pausedAt  time.Time
	picker    *cards.Picker
	cur       settings.Settings
	// Profiles: profile.go.
	file        settings.File
	profile     string
	pinned      string
	profileNext time.Time
	allowed     []cards.Position
	welcome     Window // the first-run window, closed with the daemon
	// settingsProblem explains a bad settings file, historyProblem a
	// failed history write ("" when fine).
	settingsProblem, historyProblem string
	// calendarProblem says what is wrong with the calendar files ("" when fine).
	calendarProblem string
	// cal hands the calendar's paths to the goroutine reading the files.
	cal *calendarWatch
	// historyGen is the history failure last told by notification.
	historyGen int
	// acks collects the acknowledgements of the events journaled by the
	// command running on the loop (nil when none is collecting).
	acks []<-chan error
}

// ErrNoDisplay is what a Window's Wait wraps when the card window found no
// display to open on.
var ErrNoDisplay = errors.New("no display")

// openCard is the card window on screen, if any.
type openCard struct {
	kind   schedule.Kind
	cardID string
	win    Window
	// with: the breaks merged into this one, listed on the card.
	with []schedule.Kind
	// length, title and summary say the break again by notification if
	// the window finds no display.
	length         time.Duration
	title, summary string
	// done: the break's end is accounted for (the window reported it, or
	// the daemon closed the window itself).
	done bool
}

// errStopped answers a call that reaches a daemon that has stopped.
var errStopped = errors.New("limber is stopping")

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
		wake: make(chan struct{}, 1), calls: make(chan func()),
		quit: make(chan struct{}), stopped: make(chan struct{}),
		cal: newCalendarWatch(),
	}
	d.start = d.now()
	d.file = settings.File{Main: settings.Defaults()}
	var probs []settings.Problem
	if o.Settings != nil {
		d.file, probs = o.Settings.File()
		for _, p := range o.Settings.System().Problems {
			d.logf("system settings left out: %s", p)
		}
	}
	d.pinned = d.loadChoice()
	first := d.observation()
	d.chooseProfile(first.Wall)
	cur := d.layered()
	d.sched = schedule.New(cur.Schedule(), first)
	d.lastObs = first
	d.day = schedule.DayBegin(first.Wall, cur.Advanced.DayStart)
	d.useSettings(cur, probs)
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

// observation reads the world once (an X or D-Bus round trip, at most).
func (d *Daemon) observation() schedule.Observation {
	now := d.now()
	o := schedule.Observation{Wall: now.Round(0), Mono: now.Sub(d.start), Boot: bootClock()}
	idle, err := d.opts.Source.Idle()
	switch {
	case errors.Is(err, activity.ErrNoSource):
		o.NoSource = true
		err = nil
	case err != nil:
		// A failing source must not look like activity or like away:
		// treat it as no source until it recovers.
		o.NoSource = true
	default:
		o.Idle = idle
	}
	d.srcErr, d.idle = err, idle
	if p := d.opts.Presence; p != nil {
		o.Away = p.Away()
		o.PresentNoInput = p.PresentNoInput()
		if c, ok := p.(interface{ InCall() bool }); ok {
			o.InCall = o.PresentNoInput && c.InCall()
		}
	}
	return o
}

// AttachTray makes the daemon keep t current and handle its clicks. Call
// it before Run.
func (d *Daemon) AttachTray(t *tray.Tray, hasHost bool) {
	d.tray = t
	if hasHost {
		d.trayNote = trTrayShown("")
	} else {
		d.trayNote = trTrayMissing("")
		d.notify(trNoTrayTitle(), trNoTrayBody())
		// Without a tray the status window is how Limber is seen.
		if err := d.show("status"); err != nil {
			d.logf("no tray host, and the status window did not open: %v", err)
		}
	}
}

// Run serves ln and drives the core until ctx ends or `quit` is asked.
func (d *Daemon) Run(ctx context.Context, ln net.Listener) error {
	srv := ipc.NewServer(d.mux().Serve)
	srv.TooLong = api.TooLong()
	srv.Logf = d.logf
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	defer func() {
		srv.Close()
		os.Remove(d.opts.Socket)
	}()
	return d.loop(ctx, serveErr)
}

// loop is the owner goroutine: it ticks the core, runs the closures others
// hand in and handles tray clicks, until ctx ends or quit.
func (d *Daemon) loop(ctx context.Context, serveErr <-chan error) error {
	defer close(d.stopped)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if d.opts.Settings != nil {
		d.syncAutostart(d.cur.StartAtLogin) // the file may have been edited while Limber was not running
		go d.opts.Settings.Watch(ctx, func(u settings.Update) {
			d.do(func() { d.onSettingsFile(u) })
		})
	}
	go d.runCalendar(ctx, d.cal)
	if d.opts.FirstRun && d.opts.Launch != nil {
		if w, err := d.opts.Launch("welcome"); err != nil {
			d.logf("opening the welcome window: %v", err)
		} else {
			d.welcome = w
			go w.Wait() // reap the child
		}
	}
	var wakeP <-chan struct{}
	if d.opts.Presence != nil {
		wakeP = d.opts.Presence.Wake()
	}
	var actions <-chan tray.Action
	var lost <-chan struct{}
	if d.tray != nil {
		actions = d.tray.Actions()
		lost = d.tray.Lost()
	}
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			d.closeWindows()
			d.closeStatus()
			return nil
		case <-d.quit:
			d.closeWindows()
			d.closeStatus()
			return nil
		case <-lost:
			// The session bus went away with the session (a logout): a
			// daemon left running would count the empty desk as sitting.
			d.logf("the session bus closed: the desktop session ended, so Limber stops")
			d.closeWindows()
			d.closeStatus()
			return nil
		case err := <-serveErr:
			return errors.Join(errors.New("control socket stopped"), err)
		case f := <-d.calls:
			f()
			continue
		case a := <-actions:
			d.onTrayAction(a)
			continue
		case <-wakeP:
		case <-d.wake:
		case <-timer.C:
		}
		timer.Reset(d.tick())
	}
}

// do runs f on the loop and waits for it; false when the daemon stopped.
func (d *Daemon) do(f func()) bool {
	done := make(chan struct{})
	select {
	case d.calls <- func() { defer close(done); f() }:
	case <-d.stopped:
		return false
	}
	<-done
	return true
}

// onLoop runs f on the loop and returns its result.
func onLoop[T any](d *Daemon, f func() (T, error)) (T, error) {
	var v T
	var err error
	if !d.do(func() { v, err = f() }) {
		return v, errStopped
	}
	return v, err
}

// Tick observes once on the loop and returns how long until the next.
func (d *Daemon) Tick() time.Duration {
	var wait time.Duration
	d.do(func() { wait = d.tick() })
	return wait
}

// tick observes once, acts on the decisions and returns how long to wait.
// The wait is capped at a minute so the tray's sitting time stays current
// and a suspend (which stops Go's monotonic timers) is noticed soon after.
func (d *Daemon) tick() time.Duration {
	d.switchProfileIfDue(d.now())
	o := d.observation()
	events, sat := d.sched.Observe(o)
	d.lastObs = o
	if d.rollDay(o.Wall) {
		d.prune(o.Wall)
	}
	d.recordSitting(sat.InHours, sat.AfterHours, o.Wall)
	d.act(events, origin{})
	d.noticeLull()
	d.noticeHistory()
	d.refreshTray()
	return d.untilProfile(min(max(d.sched.NextCheck(), time.Second), time.Minute))
}

// poke asks the loop for an observation now.
func (d *Daemon) poke() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// rollDay resets the glass count at the day boundary and reports whether
// a new day began.
func (d *Daemon) rollDay(wall time.Time) bool {
	day := schedule.DayBegin(wall, d.sched.Config().DayStart)
	if day.Equal(d.day) {
		return false
	}
	d.day = day
	d.glasses = 0
	return true
}

// notify shows a notification; a failure is logged, never fatal.
func (d *Daemon) notify(title, body string) {
	if err := d.opts.Notifier.Notify(title, body); err != nil {
		d.logf("notification %q not shown: %v", title, err)
	}
}

// Quit asks Run to return.
func (d *Daemon) Quit() { d.quitOnce.Do(func() { close(d.quit) }) }
