// Package presence watches the signals that say whether the user is away
// even when the idle timer disagrees (screen locked, screensaver running,
// machine going to sleep, session switched out) or present without input
// (a full-screen window, an application holding an idle inhibitor such as
// a video call). They feed schedule.Observation.Away and PresentNoInput.
//
// Every part is optional: Start connects to what exists and lists the rest
// as off, never failing. Parts are event-driven (D-Bus signals, X
// PropertyNotify), so State is a mutex-guarded read.
package presence

import (
	"context"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/limber-app/limber/internal/i18n"
)

// State is one reading of the presence signals.
type State struct {
	// Locked: logind says the session is locked (LockedHint, or a Lock
	// request not yet followed by Unlock).
	Locked bool
	// Sleeping: logind announced PrepareForSleep(true) and no resume yet.
	Sleeping bool
	// ScreenSaverActive: org.freedesktop.ScreenSaver or org.gnome.ScreenSaver is active.
	ScreenSaverActive bool
	// Inactive: our logind session is not in the foreground (another user
	// or console is active).
	Inactive bool
	// Fullscreen: the active X window is full screen (_NET_WM_STATE_FULLSCREEN).
	Fullscreen bool
	// Inhibited: an application holds an idle inhibitor (GNOME's
	// SessionManager flag 8, or KDE's PowerManagement inhibit).
	Inhibited bool
	// Microphone and Camera name the programs using one (comma-separated,
	// sorted; "" when none): a call. Programs on the ignore list and
	// signals turned off in the settings are left out.
	Microphone, Camera string
}

// InCall reports whether a microphone or a camera is in use.
func (s State) InCall() bool { return s.Microphone != "" || s.Camera != "" }

// Away reports whether the user counts as away whatever the idle time says.
func (s State) Away() bool {
	return s.Locked || s.Sleeping || s.ScreenSaverActive || s.Inactive
}

// PresentNoInput reports whether the user is there without typing: time
// counts as sitting and a due break is held. Away wins over it.
func (s State) PresentNoInput() bool {
	return !s.Away() && (s.Fullscreen || s.Inhibited || s.InCall())
}

// Why lists the signals that are on, for `limber status --explain`
// (e.g. "screen locked, full-screen window"); "" when none is.
func (s State) Why() string {
	var why []string
	add := func(on bool, text string) {
		if on {
			why = append(why, text)
		}
	}
	add(s.Sleeping, i18n.X("presence.why.sleeping", "going to sleep"))
	add(s.Locked, i18n.X("presence.why.locked", "screen locked"))
	add(s.ScreenSaverActive, i18n.X("presence.why.screensaver", "screensaver active"))
	add(s.Inactive, i18n.X("presence.why.inactive", "session in the background"))
	add(s.Fullscreen, i18n.X("presence.why.fullscreen", "full-screen window"))
	add(s.Inhibited, i18n.X("presence.why.inhibited", "an application is keeping the screen awake"))
	add(s.Microphone != "", i18n.X("presence.why.microphone", "microphone in use")+" ("+s.Microphone+")")
	add(s.Camera != "", i18n.X("presence.why.camera", "camera in use")+" ("+s.Camera+")")
	return strings.Join(why, ", ")
}

// Options choose what to connect to. The zero value uses the real desktop.
type Options struct {
	// Logf receives diagnostics (printed by the daemon only with --verbose).
	Logf func(format string, args ...any)
	// SystemBus is the address logind is reached on; "" means
	// $DBUS_SYSTEM_BUS_ADDRESS or the standard system bus socket.
	SystemBus string
	// SessionBus is the address of the session bus; "" means
	// $DBUS_SESSION_BUS_ADDRESS or $XDG_RUNTIME_DIR/bus.
	SessionBus string
	// Display is the X display for full-screen detection; "" means $DISPLAY.
	Display string
	// NoSystemBus, NoSessionBus and NoX turn parts off (tests, or a user
	// setting that distrusts them).
	NoSystemBus, NoSessionBus, NoX bool
	// Getenv replaces os.Getenv; PID and UID replace our own (0 = real),
	// used to find the logind session.
	Getenv   func(string) string
	PID, UID int
	// CallTimeout bounds each D-Bus or X round trip (default 2 s).
	CallTimeout time.Duration
	// Poll is how often Windows' notification state is read (default 2 s).
	Poll time.Duration
	// Retry is how often parts that are not connected (never were, or lost
	// their bus or X server) try again; 0 means RetryEvery, negative never.
	Retry time.Duration
	// Calls chooses the call signals and the programs they ignore; nil
	// means both signals on, nothing ignored. Monitor.SetCalls changes it
	// later.
	Calls *CallSignals
	// NoMicrophone and NoCamera do not even start those watchers (tests).
	NoMicrophone, NoCamera bool
	// PulseSocket replaces the sound server's socket (PulseSocket).
	PulseSocket string
	// CameraGlob replaces "/dev/video*" (tests point it at plain files);
	// ProcDir replaces "/proc".
	CameraGlob, ProcDir string
}

func (o Options) procDir() string {
	if o.ProcDir != "" {
		return o.ProcDir
	}
	return "/proc"
}

// CallSignals are the user's settings for the call signals.
type CallSignals struct {
	Microphone, Camera bool
	// Ignore lists programs whose use of a microphone or camera is not a
	// call (a dictation tool, a music recorder): a name matches a program
	// named so (any case), or one whose name starts with it and a space.
	Ignore []string
}

// ignored reports whether app is on the list.
func (c CallSignals) ignored(app string) bool {
	for _, i := range c.Ignore {
		i = strings.TrimSpace(i)
		if i == "" {
			continue
		}
		if strings.EqualFold(app, i) || len(app) > len(i) && strings.EqualFold(app[:len(i)], i) && app[len(i)] == ' ' {
			return true
		}
	}
	return false
}

// filter joins the apps not ignored.
func (c CallSignals) filter(on bool, apps []string) string {
	if !on {
		return ""
	}
	var keep []string
	for _, a := range apps {
		if !c.ignored(a) {
			keep = append(keep, a)
		}
	}
	return strings.Join(keep, ", ")
}

// RetryEvery is how often a disconnected part tries to connect again: the
// daemon may start before the desktop, and buses and X servers restart.
const RetryEvery = time.Minute

func (o Options) getenv(k string) string {
	if o.Getenv != nil {
		return o.Getenv(k)
	}
	return os.Getenv(k)
}

func (o Options) timeout() time.Duration {
	if o.CallTimeout > 0 {
		return o.CallTimeout
	}
	return 2 * time.Second
}

// Names of the parts, as listed by Sources and Off.
const (
	PartLogindSleep   = "logind-sleep"
	PartLogindSession = "logind-session"
	PartScreenSaver   = "screensaver"
	PartGnomeInhibit  = "gnome-inhibit"
	PartKDEInhibit    = "kde-inhibit"
	PartX11Fullscreen = "x11-fullscreen"
	// PartMicrophone: recording streams on the PulseAudio (or PipeWire)
	// server; PartCamera: /dev/video* nodes held open (Linux), or the
	// platform's own record of camera and microphone use.
	PartMicrophone = "microphone"
	PartCamera     = "camera"
	// PartWindowsNotify is Windows' user notification state (locked or
	// away; full screen or presenting).
	PartWindowsNotify = "windows-notification-state"
)

// Monitor holds the live connections and the current State.
type Monitor struct {
	logf   func(format string, args ...any)
	cancel context.CancelFunc
	wg     sync.WaitGroup
	wake   chan struct{}

	mu    sync.Mutex
	state State
	// Inhibitors from separate services are kept apart and ORed.
	gnomeInhibit, kdeInhibit bool
	// Screensaver activity per service name, ORed.
	saver map[string]bool
	// Programs using a microphone or camera as the watchers last saw
	// them, before the settings filter them.
	micApps, camApps []string
	calls            CallSignals
	live             map[string]bool
	off              map[string]string
	// closers holds the connection closer of each connected group
	// ("logind", "session", "x11"); a group without one is retried.
	closers map[string]func()
	done    bool
}

// Groups of parts that share one connection.
const (
	groupLogind  = "logind"
	groupSession = "session"
	groupX11     = "x11"
	groupPulse   = "pulse"
	groupCamera  = "camera"
)

// Start connects to what exists, with the real buses and display.
func Start(ctx context.Context, logf func(format string, args ...any)) *Monitor {
	return StartWith(ctx, Options{Logf: logf})
}

// StartWith is Start with options. It returns once every part has
// connected or given up (bounded by CallTimeout per call). The monitor stops
// when ctx ends or Close is called.
func StartWith(ctx context.Context, o Options) *Monitor {
	ctx, cancel := context.WithCancel(ctx)
	m := &Monitor{
		logf:    o.Logf,
		cancel:  cancel,
		wake:    make(chan struct{}, 1),
		saver:   map[string]bool{},
		live:    map[string]bool{},
		off:     map[string]string{},
		closers: map[string]func(){},
		calls:   CallSignals{Microphone: true, Camera: true},
	}
	if o.Calls != nil {
		m.calls = *o.Calls
	}
	if m.logf == nil {
		m.logf = func(string, ...any) {}
	}
	type group struct {
		name     string
		disabled bool
		parts    []string
		start    func(context.Context, Options)
	}
	groups := []group{
		{groupLogind, o.NoSystemBus, []string{PartLogindSleep, PartLogindSession}, m.startLogind},
		{groupSession, o.NoSessionBus, []string{PartScreenSaver, PartGnomeInhibit, PartKDEInhibit}, m.startSession},
		{groupX11, o.NoX, []string{PartX11Fullscreen}, m.startFullscreen},
		{groupPulse, o.NoMicrophone, []string{PartMicrophone}, m.startMicrophone},
		{groupCamera, o.NoCamera, []string{PartCamera}, m.startCamera},
	}
	if !freedesktop {
		groups = nil // not even listed as off: they cannot exist here
	}
	for _, g := range groups {
		if g.disabled {
			for _, p := range g.parts {
				m.setOff(p, "disabled")
			}
			continue
		}
		g.start(ctx, o)
	}
	m.startPlatform(ctx, o)
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		<-ctx.Done()
		m.mu.Lock()
		m.done = true
		closers := m.closers
		m.closers = map[string]func(){}
		m.mu.Unlock()
		for _, c := range closers {
			c()
		}
	}()
	retry := o.Retry
	if retry == 0 {
		retry = RetryEvery
	}
	if retry > 0 {
		m.tick(ctx, retry, func() {
			for _, g := range groups {
				if !g.disabled && !m.connected(g.name) && ctx.Err() == nil {
					g.start(ctx, o)
				}
			}
		})
	}
	return m
}

// tick runs f every d until ctx ends, on a goroutine Close waits for.
func (m *Monitor) tick(ctx context.Context, d time.Duration, f func()) {
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				f()
			}
		}
	}()
}

// pollEvery is how often a polled signal is read: o.Poll, or 2 s.
func pollEvery(o Options) time.Duration {
	if o.Poll > 0 {
		return o.Poll
	}
	return 2 * time.Second
}

// State returns the current reading.
func (m *Monitor) State() State {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.state
}

// Away is State().Away(), for the daemon's Presence interface.
func (m *Monitor) Away() bool { return m.State().Away() }

// PresentNoInput is State().PresentNoInput().
func (m *Monitor) PresentNoInput() bool { return m.State().PresentNoInput() }

// Wake fires (coalesced, never blocking the monitor) whenever State changes
// and on every resume from sleep, so the daemon takes an observation at
// once instead of waiting for its next poll.
func (m *Monitor) Wake() <-chan struct{} { return m.wake }

// Sources lists the live parts, sorted, for `limber status`.
func (m *Monitor) Sources() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for k, on := range m.live {
		if on {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Off lists the parts that are not live, as "name: reason", sorted.
func (m *Monitor) Off() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for k, why := range m.off {
		if !m.live[k] {
			out = append(out, k+": "+why)
		}
	}
	sort.Strings(out)
	return out
}

// SetCalls applies new settings for the call signals at once (the
// watchers keep running: turning a signal back on needs no reconnect).
func (m *Monitor) SetCalls(microphone, camera bool, ignore []string) {
	c := CallSignals{Microphone: microphone, Camera: camera, Ignore: slices.Clone(ignore)}
	m.update(false, func() { m.calls = c })
}

// InCall is State().InCall(): a microphone or camera in use.
func (m *Monitor) InCall() bool { return m.State().InCall() }

// Why is State().Why(), for the daemon.
func (m *Monitor) Why() string { return m.State().Why() }

// Close disconnects everything and waits for the watchers to stop. It
// always returns nil; the error is there for io.Closer-style interfaces.
func (m *Monitor) Close() error {
	m.mu.Lock()
	m.done = true
	m.mu.Unlock()
	m.cancel()
	m.wg.Wait()
	return nil
}

// connect records that group is connected and how to close it. When the
// monitor has already stopped, it closes at once and reports false: the
// caller's watcher then sees its connection closed and ends.
func (m *Monitor) connect(group string, closer func()) bool {
	m.mu.Lock()
	if m.done {
		m.mu.Unlock()
		closer()
		return false
	}
	m.closers[group] = closer
	m.mu.Unlock()
	return true
}

// disconnect records that group lost its connection (it will be retried).
func (m *Monitor) disconnect(group string) {
	m.mu.Lock()
	delete(m.closers, group)
	m.mu.Unlock()
}

func (m *Monitor) connected(group string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.closers[group]
	return ok
}

func (m *Monitor) setLive(part string) {
	m.mu.Lock()
	m.live[part] = true
	delete(m.off, part)
	m.mu.Unlock()
	m.logf("presence: %s live", part)
}

func (m *Monitor) setOff(part, why string) {
	m.mu.Lock()
	same := !m.live[part] && m.off[part] == why
	m.live[part] = false
	m.off[part] = why
	m.mu.Unlock()
	if !same { // retries must not repeat the same line every minute
		m.logf("presence: %s off: %s", part, why)
	}
}

// update runs f under the lock (it may change m.state, m.saver and the
// inhibit flags) and fires Wake if the state changed or force is set.
func (m *Monitor) update(force bool, f func()) {
	m.mu.Lock()
	old := m.state
	f()
	m.state.Inhibited = m.gnomeInhibit || m.kdeInhibit
	m.state.Microphone = m.calls.filter(m.calls.Microphone, m.micApps)
	m.state.Camera = m.calls.filter(m.calls.Camera, m.camApps)
	m.state.ScreenSaverActive = slices.Contains(mapValues(m.saver), true)
	changed := old != m.state
	m.mu.Unlock()
	if changed || force {
		select {
		case m.wake <- struct{}{}:
		default:
		}
	}
}

func mapValues(m map[string]bool) []bool {
	out := make([]bool, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
