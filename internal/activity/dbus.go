package activity

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
)

// dbusSource asks a desktop service for the idle time over a private
// session-bus connection kept open between polls.
type dbusSource struct {
	name    string
	conn    *dbus.Conn
	obj     dbus.BusObject
	method  string
	unit    time.Duration
	timeout time.Duration

	mu     sync.Mutex
	closed bool
}

// OpenMutter connects to the session bus at address ("" = the user's
// session bus) and uses GNOME Mutter's org.gnome.Mutter.IdleMonitor, which
// works on GNOME under Wayland and X11. It returns an error when no session
// bus is reachable; whether Mutter answers shows on the first Idle call.
func OpenMutter(address string) (Source, error) { return openMutter(address, defaultTimeout) }

func openMutter(address string, timeout time.Duration) (Source, error) {
	return openDBus(NameMutter, address, "org.gnome.Mutter.IdleMonitor",
		"/org/gnome/Mutter/IdleMonitor/Core", "org.gnome.Mutter.IdleMonitor.GetIdletime",
		time.Millisecond, timeout)
}

// OpenFreedesktop is like OpenMutter for org.freedesktop.ScreenSaver's
// GetSessionIdleTime (KDE Plasma and others). GNOME owns that name but
// answers "not supported", which Detect catches with a first query. The
// value is taken as milliseconds, as KDE's implementation returns.
func OpenFreedesktop(address string) (Source, error) {
	return openFreedesktop(address, defaultTimeout)
}

func openFreedesktop(address string, timeout time.Duration) (Source, error) {
	return openDBus(NameFreedesk, address, "org.freedesktop.ScreenSaver",
		"/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.GetSessionIdleTime",
		time.Millisecond, timeout)
}

func openDBus(name, address, dest string, path dbus.ObjectPath, method string, unit, timeout time.Duration) (Source, error) {
	if address == "" {
		address = SessionBusAddress(nil)
	}
	if address == "" {
		return nil, errors.New("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
	}
	conn, err := dbus.Connect(address)
	if err != nil {
		return nil, fmt.Errorf("connecting to the session bus: %w", err)
	}
	return &dbusSource{
		name:    name,
		conn:    conn,
		obj:     conn.Object(dest, path),
		method:  method,
		unit:    unit,
		timeout: timeout,
	}, nil
}

func (s *dbusSource) Name() string { return s.name }

func (s *dbusSource) Idle() (time.Duration, error) {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return 0, ErrClosed
	}
	ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
	defer cancel()
	call := s.obj.CallWithContext(ctx, s.method, dbus.FlagNoAutoStart)
	if call.Err != nil {
		return 0, fmt.Errorf("%s: calling %s: %w", s.name, s.method, call.Err)
	}
	if len(call.Body) != 1 {
		return 0, fmt.Errorf("%s: %s returned %d values, want 1", s.name, s.method, len(call.Body))
	}
	var n uint64
	switch v := call.Body[0].(type) {
	case uint64:
		n = v
	case uint32:
		n = uint64(v)
	case int64:
		if v < 0 {
			return 0, fmt.Errorf("%s: %s returned negative %d", s.name, s.method, v)
		}
		n = uint64(v)
	case int32:
		if v < 0 {
			return 0, fmt.Errorf("%s: %s returned negative %d", s.name, s.method, v)
		}
		n = uint64(v)
	default:
		return 0, fmt.Errorf("%s: %s returned %T, want an integer", s.name, s.method, call.Body[0])
	}
	// Cap absurd values instead of overflowing Duration.
	const max = uint64(365 * 24 * time.Hour)
	d := n * uint64(s.unit)
	if n != 0 && (d/n != uint64(s.unit) || d > max) {
		d = max
	}
	return time.Duration(d), nil
}

func (s *dbusSource) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if err := s.conn.Close(); err != nil {
		return fmt.Errorf("closing %s session bus connection: %w", s.name, err)
	}
	return nil
}
