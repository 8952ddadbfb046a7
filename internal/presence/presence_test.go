package presence

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"

	"github.com/limber-app/limber/internal/activity"
	"github.com/limber-app/limber/internal/activity/desktoptest"
)

func TestMain(m *testing.M) {
	activity.QuietXGB(nil)
	os.Exit(m.Run())
}

func TestStateDerived(t *testing.T) {
	tests := map[string]struct {
		s             State
		away, present bool
		whyContains   string
	}{
		"nothing":            {State{}, false, false, ""},
		"locked":             {State{Locked: true}, true, false, "locked"},
		"sleeping":           {State{Sleeping: true}, true, false, "sleep"},
		"screensaver":        {State{ScreenSaverActive: true}, true, false, "screensaver"},
		"background session": {State{Inactive: true}, true, false, "background"},
		"fullscreen":         {State{Fullscreen: true}, false, true, "full-screen"},
		"inhibited":          {State{Inhibited: true}, false, true, "awake"},
		"locked wins":        {State{Locked: true, Fullscreen: true, Inhibited: true}, true, false, "locked"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := tc.s.Away(); got != tc.away {
				t.Errorf("Away() = %v, want %v", got, tc.away)
			}
			if got := tc.s.PresentNoInput(); got != tc.present {
				t.Errorf("PresentNoInput() = %v, want %v", got, tc.present)
			}
			if why := tc.s.Why(); !strings.Contains(why, tc.whyContains) || (tc.whyContains == "") != (why == "") {
				t.Errorf("Why() = %q, want it to mention %q", why, tc.whyContains)
			}
		})
	}
}

// waitFor waits until cond holds for the monitor's state, using Wake.
func waitFor(t *testing.T, m *Monitor, what string, cond func(State) bool) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for !cond(m.State()) {
		select {
		case <-m.Wake():
		case <-time.After(50 * time.Millisecond):
			// Wake is coalesced; re-check now and then.
		case <-deadline:
			t.Fatalf("timed out waiting for %s; state %+v", what, m.State())
		}
	}
}

// drainWake empties the Wake channel.
func drainWake(m *Monitor) {
	select {
	case <-m.Wake():
	default:
	}
}

func connect(t *testing.T, addr string) *dbus.Conn {
	t.Helper()
	c, err := dbus.Connect(addr)
	if err != nil {
		t.Fatalf("connecting to test bus: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func own(t *testing.T, c *dbus.Conn, name string) {
	t.Helper()
	r, err := c.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil || r != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("owning %s: %v (%v)", name, err, r)
	}
}

// fakeLogind serves login1's Manager, one Session and one User.
type fakeLogind struct {
	conn    *dbus.Conn
	session dbus.ObjectPath
	mgrProp *prop.Properties
	sesProp *prop.Properties

	// byPID and byID say whether those lookups succeed.
	byPID, byID bool
}

func (f *fakeLogind) GetSessionByPID(pid uint32) (dbus.ObjectPath, *dbus.Error) {
	if !f.byPID {
		return "", dbus.NewError("org.freedesktop.login1.NoSessionForPID", []any{"PID does not belong to any known session"})
	}
	return f.session, nil
}

func (f *fakeLogind) GetSession(id string) (dbus.ObjectPath, *dbus.Error) {
	if !f.byID || id != "c7" {
		return "", dbus.NewError("org.freedesktop.login1.NoSuchSession", []any{"No session " + id})
	}
	return f.session, nil
}

func (f *fakeLogind) GetUser(uid uint32) (dbus.ObjectPath, *dbus.Error) {
	return "/org/freedesktop/login1/user/_1000", nil
}

func startLogind(t *testing.T, addr string, byPID, byID bool) *fakeLogind {
	t.Helper()
	c := connect(t, addr)
	f := &fakeLogind{conn: c, session: "/org/freedesktop/login1/session/c7", byPID: byPID, byID: byID}
	if err := c.Export(f, login1Path, login1Manager); err != nil {
		t.Fatal(err)
	}
	var err error
	f.mgrProp, err = prop.Export(c, login1Path, prop.Map{login1Manager: {
		"PreparingForSleep": {Value: false, Emit: prop.EmitTrue},
	}})
	if err != nil {
		t.Fatal(err)
	}
	f.sesProp, err = prop.Export(c, f.session, prop.Map{login1Session: {
		"LockedHint": {Value: false, Emit: prop.EmitTrue},
		// Invalidated rather than sent, to exercise the re-read path.
		"Active": {Value: true, Emit: prop.EmitInvalidates},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := prop.Export(c, "/org/freedesktop/login1/user/_1000", prop.Map{login1User: {
		"Display": {Value: struct {
			ID   string
			Path dbus.ObjectPath
		}{"c7", f.session}, Emit: prop.EmitFalse},
	}}); err != nil {
		t.Fatal(err)
	}
	own(t, c, login1Name)
	return f
}

func (f *fakeLogind) emit(t *testing.T, path dbus.ObjectPath, name string, args ...any) {
	t.Helper()
	if err := f.conn.Emit(path, name, args...); err != nil {
		t.Fatalf("emitting %s: %v", name, err)
	}
}

func TestLogind(t *testing.T) {
	sys := desktoptest.Bus(t)
	f := startLogind(t, sys, true, false)
	m := StartWith(context.Background(), Options{NoMicrophone: true, NoCamera: true, SystemBus: sys, NoSessionBus: true, NoX: true, CallTimeout: time.Second})
	defer m.Close()
	if got := m.Sources(); !slices.Equal(got, []string{PartLogindSession, PartLogindSleep}) {
		t.Fatalf("Sources() = %v, want logind parts (off: %v)", got, m.Off())
	}

	drainWake(m)
	f.emit(t, login1Path, login1Manager+".PrepareForSleep", true)
	waitFor(t, m, "sleeping", func(s State) bool { return s.Sleeping && s.Away() })
	drainWake(m)
	f.emit(t, login1Path, login1Manager+".PrepareForSleep", false)
	select {
	case <-m.Wake():
	case <-time.After(5 * time.Second):
		t.Fatal("no Wake on resume")
	}
	waitFor(t, m, "awake", func(s State) bool { return !s.Sleeping })
	// A resume we never saw the start of still wakes the daemon.
	drainWake(m)
	f.emit(t, login1Path, login1Manager+".PrepareForSleep", false)
	select {
	case <-m.Wake():
	case <-time.After(5 * time.Second):
		t.Fatal("no Wake on a second resume")
	}

	f.emit(t, f.session, login1Session+".Lock")
	waitFor(t, m, "locked by signal", func(s State) bool { return s.Locked })
	f.emit(t, f.session, login1Session+".Unlock")
	waitFor(t, m, "unlocked by signal", func(s State) bool { return !s.Locked })
	// Signals for other sessions are not ours.
	f.emit(t, "/org/freedesktop/login1/session/c9", login1Session+".Lock")

	f.sesProp.SetMust(login1Session, "LockedHint", true)
	waitFor(t, m, "LockedHint", func(s State) bool { return s.Locked })
	f.sesProp.SetMust(login1Session, "LockedHint", false)
	waitFor(t, m, "LockedHint cleared", func(s State) bool { return !s.Locked })
	f.sesProp.SetMust(login1Session, "Active", false)
	waitFor(t, m, "session in background", func(s State) bool { return s.Inactive && s.Away() })
	f.sesProp.SetMust(login1Session, "Active", true)
	waitFor(t, m, "session in foreground", func(s State) bool { return !s.Inactive })
}

func TestLogindInitialStateAndSessionLookup(t *testing.T) {
	tests := map[string]struct {
		byPID, byID bool
		env         []string
	}{
		"by pid":            {true, false, nil},
		"by XDG_SESSION_ID": {false, true, []string{"XDG_SESSION_ID", "c7"}},
		"by user's display": {false, false, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			sys := desktoptest.Bus(t)
			f := startLogind(t, sys, tc.byPID, tc.byID)
			f.sesProp.SetMust(login1Session, "LockedHint", true)
			m := StartWith(context.Background(), Options{NoMicrophone: true, NoCamera: true,
				SystemBus: sys, NoSessionBus: true, NoX: true,
				Getenv: desktoptest.Env(tc.env...), UID: 1000,
			})
			defer m.Close()
			if !slices.Contains(m.Sources(), PartLogindSession) {
				t.Fatalf("session not found; off: %v", m.Off())
			}
			if !m.State().Locked {
				t.Fatalf("initial LockedHint not read: %+v", m.State())
			}
		})
	}
}

func TestNothingToConnectTo(t *testing.T) {
	empty := desktoptest.Bus(t)
	m := StartWith(context.Background(), Options{NoMicrophone: true, NoCamera: true,
		SystemBus:   empty,
		SessionBus:  empty,
		Getenv:      desktoptest.Env(), // no DISPLAY
		CallTimeout: time.Second,
	})
	defer m.Close()
	if got := m.Sources(); len(got) != 0 {
		t.Fatalf("Sources() = %v on an empty bus, want none", got)
	}
	off := strings.Join(m.Off(), "\n")
	for _, p := range []string{PartLogindSleep, PartLogindSession, PartScreenSaver, PartGnomeInhibit, PartKDEInhibit, PartX11Fullscreen} {
		if !strings.Contains(off, p+": ") {
			t.Errorf("Off() does not explain %s:\n%s", p, off)
		}
	}
	if s := m.State(); s != (State{}) {
		t.Fatalf("State() = %+v, want all false", s)
	}

	bogus := StartWith(context.Background(), Options{NoMicrophone: true, NoCamera: true, SystemBus: "unix:path=/nonexistent/bus", SessionBus: "unix:path=/nonexistent/bus", Display: ":9999"})
	defer bogus.Close()
	if got := bogus.Sources(); len(got) != 0 {
		t.Fatalf("Sources() = %v with unreachable buses, want none", got)
	}
}

func TestStopsWithContext(t *testing.T) {
	sys := desktoptest.Bus(t)
	startLogind(t, sys, true, false)
	ctx, cancel := context.WithCancel(context.Background())
	m := StartWith(ctx, Options{NoMicrophone: true, NoCamera: true, SystemBus: sys, NoSessionBus: true, NoX: true})
	cancel()
	done := make(chan struct{})
	go func() { m.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return after the context ended")
	}
	m.Close() // twice is fine
}

// fakeSaver is a screensaver service.
type fakeSaver struct {
	mu     sync.Mutex
	active bool
	fail   bool
}

func (f *fakeSaver) GetActive() (bool, *dbus.Error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail {
		return false, dbus.NewError("org.freedesktop.DBus.Error.NotSupported", []any{"not supported"})
	}
	return f.active, nil
}

// fakeSM is gnome-session's inhibitor bookkeeping.
type fakeSM struct {
	mu    sync.Mutex
	flags uint32
}

func (f *fakeSM) IsInhibited(flags uint32) (bool, *dbus.Error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.flags&flags != 0, nil
}

// fakeKDE is PowerDevil's inhibit interface.
type fakeKDE struct{ on bool }

func (f *fakeKDE) HasInhibit() (bool, *dbus.Error) { return f.on, nil }

func TestSessionBus(t *testing.T) {
	bus := desktoptest.Bus(t)
	c := connect(t, bus)
	saver := &fakeSaver{active: true}
	if err := c.Export(saver, "/org/freedesktop/ScreenSaver", fdoSaver); err != nil {
		t.Fatal(err)
	}
	own(t, c, fdoSaver)
	gc := connect(t, bus)
	broken := &fakeSaver{fail: true}
	if err := gc.Export(broken, "/org/gnome/ScreenSaver", gnomeSaver); err != nil {
		t.Fatal(err)
	}
	own(t, gc, gnomeSaver)
	sc := connect(t, bus)
	sm := &fakeSM{}
	if err := sc.Export(sm, gnomeSMPath, gnomeSM); err != nil {
		t.Fatal(err)
	}
	own(t, sc, gnomeSM)

	m := StartWith(context.Background(), Options{NoMicrophone: true, NoCamera: true, SessionBus: bus, NoSystemBus: true, NoX: true, CallTimeout: time.Second})
	defer m.Close()
	if got := m.Sources(); !slices.Equal(got, []string{PartGnomeInhibit, PartScreenSaver}) {
		t.Fatalf("Sources() = %v (off %v)", got, m.Off())
	}
	if s := m.State(); !s.ScreenSaverActive || !s.Away() {
		t.Fatalf("initial GetActive not read: %+v", s)
	}
	if err := c.Emit("/org/freedesktop/ScreenSaver", fdoSaver+".ActiveChanged", false); err != nil {
		t.Fatal(err)
	}
	waitFor(t, m, "screensaver off", func(s State) bool { return !s.ScreenSaverActive })
	// Another client cannot fake the screensaver's signal.
	spoof := connect(t, bus)
	spoof.Emit("/org/freedesktop/ScreenSaver", fdoSaver+".ActiveChanged", true)
	time.Sleep(200 * time.Millisecond)
	if m.State().ScreenSaverActive {
		t.Fatal("a signal from a client not owning org.freedesktop.ScreenSaver was believed")
	}
	// org.gnome.ScreenSaver's signal counts too, even though its GetActive failed.
	gc.Emit("/org/gnome/ScreenSaver", gnomeSaver+".ActiveChanged", true)
	waitFor(t, m, "gnome screensaver on", func(s State) bool { return s.ScreenSaverActive })
	gc.Emit("/org/gnome/ScreenSaver", gnomeSaver+".ActiveChanged", false)
	waitFor(t, m, "gnome screensaver off", func(s State) bool { return !s.ScreenSaverActive })

	// A suspend inhibitor is not an idle inhibitor.
	sm.mu.Lock()
	sm.flags = 4
	sm.mu.Unlock()
	sc.Emit(gnomeSMPath, gnomeSM+".InhibitorAdded", dbus.ObjectPath("/org/gnome/SessionManager/Inhibitor1"))
	time.Sleep(200 * time.Millisecond)
	if m.State().Inhibited {
		t.Fatal("a suspend-only inhibitor counted as idle inhibit")
	}
	sm.mu.Lock()
	sm.flags = 4 | 8
	sm.mu.Unlock()
	sc.Emit(gnomeSMPath, gnomeSM+".InhibitorAdded", dbus.ObjectPath("/org/gnome/SessionManager/Inhibitor2"))
	waitFor(t, m, "idle inhibited", func(s State) bool { return s.Inhibited && s.PresentNoInput() })
	sm.mu.Lock()
	sm.flags = 0
	sm.mu.Unlock()
	sc.Emit(gnomeSMPath, gnomeSM+".InhibitorRemoved", dbus.ObjectPath("/org/gnome/SessionManager/Inhibitor2"))
	waitFor(t, m, "inhibitor gone", func(s State) bool { return !s.Inhibited })

	// KDE starts later: its signal alone makes it live.
	kc := connect(t, bus)
	if err := kc.Export(&fakeKDE{}, kdeInhibitPath, kdeInhibit); err != nil {
		t.Fatal(err)
	}
	own(t, kc, kdeInhibit)
	kc.Emit(kdeInhibitPath, kdeInhibit+".HasInhibitChanged", true)
	waitFor(t, m, "kde inhibited", func(s State) bool { return s.Inhibited })
	if !slices.Contains(m.Sources(), PartKDEInhibit) {
		t.Errorf("kde-inhibit not live after its signal: %v", m.Sources())
	}
	kc.Emit(kdeInhibitPath, kdeInhibit+".HasInhibitChanged", false)
	waitFor(t, m, "kde not inhibited", func(s State) bool { return !s.Inhibited })
}

func TestBusLost(t *testing.T) {
	// A bus that dies must clear state nobody can clear any more, and say so.
	sess := desktoptest.BusServer(t)
	c := connect(t, sess.Address)
	if err := c.Export(&fakeSaver{active: true}, "/org/freedesktop/ScreenSaver", fdoSaver); err != nil {
		t.Fatal(err)
	}
	own(t, c, fdoSaver)
	sys := desktoptest.BusServer(t)
	f := startLogind(t, sys.Address, true, false)
	f.sesProp.SetMust(login1Session, "LockedHint", true)

	m := StartWith(context.Background(), Options{NoMicrophone: true, NoCamera: true, SessionBus: sess.Address, SystemBus: sys.Address, NoX: true, CallTimeout: time.Second})
	defer m.Close()
	if s := m.State(); !s.ScreenSaverActive || !s.Locked {
		t.Fatalf("initial state not read: %+v", s)
	}
	sess.Kill()
	waitFor(t, m, "screensaver forgotten", func(s State) bool { return !s.ScreenSaverActive })
	sys.Kill()
	waitFor(t, m, "lock forgotten", func(s State) bool { return !s.Locked })
	off := strings.Join(m.Off(), "\n")
	for _, p := range []string{PartScreenSaver, PartLogindSession} {
		if !strings.Contains(off, p+": ") || !strings.Contains(off, "lost") {
			t.Errorf("Off() does not report %s lost:\n%s", p, off)
		}
	}
}

func TestReconnects(t *testing.T) {
	socket := filepath.Join(t.TempDir(), "bus")
	addr := "unix:path=" + socket
	m := StartWith(context.Background(), Options{NoMicrophone: true, NoCamera: true, SessionBus: addr, NoSystemBus: true, NoX: true,
		CallTimeout: time.Second, Retry: 50 * time.Millisecond})
	defer m.Close()
	if len(m.Sources()) != 0 {
		t.Fatalf("Sources() = %v before any bus exists", m.Sources())
	}

	serveSaver := func() *desktoptest.BusDaemon {
		b := desktoptest.BusAt(t, socket)
		c := connect(t, b.Address)
		if err := c.Export(&fakeSaver{active: true}, "/org/freedesktop/ScreenSaver", fdoSaver); err != nil {
			t.Fatal(err)
		}
		own(t, c, fdoSaver)
		return b
	}
	// The desktop comes up after the daemon.
	b := serveSaver()
	waitFor(t, m, "connected to the late bus", func(s State) bool { return s.ScreenSaverActive })
	if !slices.Contains(m.Sources(), PartScreenSaver) {
		t.Fatalf("screensaver not live after connecting: %v", m.Sources())
	}
	// The bus restarts.
	b.Kill()
	waitFor(t, m, "state cleared with the bus gone", func(s State) bool { return !s.ScreenSaverActive })
	serveSaver()
	waitFor(t, m, "reconnected to the restarted bus", func(s State) bool { return s.ScreenSaverActive })
}

func TestNotificationState(t *testing.T) {
	tests := map[int32]struct{ away, busy bool }{
		1: {true, false}, 2: {false, true}, 3: {false, true}, 4: {false, true},
		5: {false, false}, 6: {false, false}, 7: {false, false}, 0: {false, false},
	}
	for st, want := range tests {
		away, busy := notificationState(st)
		if away != want.away || busy != want.busy {
			t.Errorf("notificationState(%d) = %v, %v; want %v, %v", st, away, busy, want.away, want.busy)
		}
	}
}

// The daemon holds a Monitor through this interface.
var _ interface {
	Away() bool
	PresentNoInput() bool
	Sources() []string
	Wake() <-chan struct{}
	Close() error
} = (*Monitor)(nil)
