package activity

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/limber-app/limber/internal/activity/desktoptest"
)

func TestX11IdleFollowsPointer(t *testing.T) {
	display := desktoptest.Xvfb(t)
	src, err := OpenX11(display)
	if err != nil {
		t.Fatalf("OpenX11(%s): %v", display, err)
	}
	defer src.Close()
	if src.Name() != NameX11 {
		t.Errorf("Name() = %q, want %q", src.Name(), NameX11)
	}
	// Move once so the idle counter starts from a known point.
	desktoptest.Run(t, display, "xdotool", "mousemove", "10", "10")
	time.Sleep(1500 * time.Millisecond)
	idle, err := src.Idle()
	if err != nil {
		t.Fatalf("Idle: %v", err)
	}
	if idle < time.Second {
		t.Fatalf("Idle after 1.5 s without input = %v, want >= 1 s", idle)
	}
	desktoptest.Run(t, display, "xdotool", "mousemove", "200", "150")
	idle, err = src.Idle()
	if err != nil {
		t.Fatalf("Idle after move: %v", err)
	}
	if idle >= 500*time.Millisecond {
		t.Fatalf("Idle right after a pointer move = %v, want < 0.5 s", idle)
	}
}

func TestX11LostConnectionIsAnError(t *testing.T) {
	srv := desktoptest.XvfbServer(t)
	src, err := OpenX11(srv.Display)
	if err != nil {
		t.Fatalf("OpenX11: %v", err)
	}
	defer src.Close()
	if _, err := src.Idle(); err != nil {
		t.Fatalf("Idle before the server died: %v", err)
	}
	srv.Kill()
	if _, err := src.Idle(); err == nil {
		t.Fatal("Idle after the X server died: no error")
	}
	src.Close()
	if _, err := src.Idle(); !errors.Is(err, ErrClosed) {
		t.Fatalf("Idle after Close = %v, want ErrClosed", err)
	}
}

func TestOpenX11Errors(t *testing.T) {
	if _, err := OpenX11(""); err == nil || !strings.Contains(err.Error(), "DISPLAY") {
		t.Errorf("OpenX11(\"\") = %v, want an error about DISPLAY", err)
	}
	if _, err := OpenX11(":9999"); err == nil {
		t.Error("OpenX11(:9999) with no server: no error")
	}
}

// fakeIdle serves an idle time (or an error) the way a desktop does.
type fakeIdle struct {
	mu   sync.Mutex
	ms   uint64
	fail bool
}

func (f *fakeIdle) set(ms uint64, fail bool) {
	f.mu.Lock()
	f.ms, f.fail = ms, fail
	f.mu.Unlock()
}

func (f *fakeIdle) GetIdletime() (uint64, *dbus.Error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail {
		return 0, dbus.NewError("org.freedesktop.DBus.Error.Failed", []any{"idle monitor broke"})
	}
	return f.ms, nil
}

func (f *fakeIdle) GetSessionIdleTime() (uint32, *dbus.Error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail {
		// What GNOME answers on org.freedesktop.ScreenSaver.
		return 0, dbus.NewError("org.freedesktop.DBus.Error.NotSupported", []any{"This method is not implemented"})
	}
	return uint32(f.ms), nil
}

// serve exports f on a new connection to addr under name/path/iface.
func serve(t testing.TB, addr, name string, path dbus.ObjectPath, iface string, f *fakeIdle) {
	t.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatalf("connecting fake %s: %v", name, err)
	}
	t.Cleanup(func() { conn.Close() })
	if err := conn.Export(f, path, iface); err != nil {
		t.Fatalf("exporting %s: %v", name, err)
	}
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("owning %s: %v (reply %v)", name, err, reply)
	}
}

func serveMutter(t testing.TB, addr string, f *fakeIdle) {
	serve(t, addr, "org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core", "org.gnome.Mutter.IdleMonitor", f)
}

func serveFreedesktop(t testing.TB, addr string, f *fakeIdle) {
	serve(t, addr, "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", f)
}

func TestDBusSources(t *testing.T) {
	addr := desktoptest.Bus(t)
	mutter := &fakeIdle{ms: 4242}
	serveMutter(t, addr, mutter)
	fd := &fakeIdle{ms: 1500}
	serveFreedesktop(t, addr, fd)

	tests := map[string]struct {
		open func(string) (Source, error)
		fake *fakeIdle
		name string
		want time.Duration
	}{
		"mutter":      {OpenMutter, mutter, NameMutter, 4242 * time.Millisecond},
		"freedesktop": {OpenFreedesktop, fd, NameFreedesk, 1500 * time.Millisecond},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			src, err := tc.open(addr)
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer src.Close()
			if src.Name() != tc.name {
				t.Errorf("Name() = %q, want %q", src.Name(), tc.name)
			}
			got, err := src.Idle()
			if err != nil || got != tc.want {
				t.Fatalf("Idle() = %v, %v; want %v", got, err, tc.want)
			}
			tc.fake.set(0, true)
			defer tc.fake.set(uint64(tc.want/time.Millisecond), false)
			if _, err := src.Idle(); err == nil {
				t.Fatal("Idle against a failing service: no error")
			}
		})
	}
}

func TestDBusSourceWithoutService(t *testing.T) {
	addr := desktoptest.Bus(t)
	src, err := OpenMutter(addr)
	if err != nil {
		t.Fatalf("OpenMutter: %v", err)
	}
	defer src.Close()
	if _, err := src.Idle(); err == nil {
		t.Fatal("Idle with no Mutter on the bus: no error")
	}
}

func TestParseIoregIdle(t *testing.T) {
	tests := map[string]struct {
		in   string
		want time.Duration
		ok   bool
	}{
		"typical": {`    | |   "HIDIdleTime" = 1234567890` + "\n", 1234567890, true},
		"zero":    {`"HIDIdleTime" = 0`, 0, true},
		"missing": {`"HIDSomething" = 5`, 0, false},
		"garbage": {`"HIDIdleTime" = x`, 0, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := parseIoregIdle([]byte(tc.in))
			if (err == nil) != tc.ok || got != tc.want {
				t.Fatalf("parseIoregIdle(%q) = %v, %v; want %v, ok=%v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}
