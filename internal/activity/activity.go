// Package activity tells how long the user has been without keyboard or
// pointer input, using whatever the desktop offers: the X11 MIT-SCREEN-SAVER
// extension, GNOME Mutter's IdleMonitor or org.freedesktop.ScreenSaver over
// D-Bus, the Wayland idle protocols (ext_idle_notifier_v1 or
// org_kde_kwin_idle, spoken by a small pure-Go client: see wayland.go for
// how an idle duration comes out of threshold events), GetLastInputInfo on
// Windows, IOKit's HIDIdleTime on macOS.
//
// Detect picks one at run time. When nothing works it returns None, whose
// Idle fails with ErrNoSource: the daemon then counts wall time as activity
// and says so. A source that breaks later (X server gone, bus gone) reports
// errors; Auto wraps Detect and re-detects after FailLimit errors in a row.
package activity

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// Source reports the time since the last user input. Implementations are safe
// for concurrent use; Close is idempotent.
type Source interface {
	// Name is a short stable identifier ("x11-screensaver", "none", ...)
	// shown by `limber status`.
	Name() string
	// Idle returns the time since the last keyboard or pointer input.
	Idle() (time.Duration, error)
	// Close releases the connection behind the source.
	Close() error
}

// ErrNoSource is returned by None.Idle: no idle-time source is available.
var ErrNoSource = errors.New("no idle-time source available")

// ErrClosed is returned by Idle after Close.
var ErrClosed = errors.New("idle-time source closed")

// Names of the sources, as returned by Source.Name.
const (
	NameX11        = "x11-screensaver"
	NameMutter     = "gnome-mutter"
	NameFreedesk   = "freedesktop-screensaver"
	NameWindows    = "windows"
	NameMacHID     = "macos-hid"
	NameMacIoreg   = "macos-ioreg"
	NameNone       = "none"
	defaultTimeout = 2 * time.Second
)

// None is the source used when nothing else works. Tried says what was
// attempted and why each failed, for `limber status --explain`.
type None struct {
	Tried []string
}

// Name returns "none".
func (None) Name() string { return NameNone }

// Idle always fails with ErrNoSource.
func (None) Idle() (time.Duration, error) { return 0, ErrNoSource }

// Close does nothing.
func (None) Close() error { return nil }

// Reason says in one line why no source is available.
func (n None) Reason() string {
	if len(n.Tried) == 0 {
		return "no idle-time source exists on this platform"
	}
	return "tried " + strings.Join(n.Tried, "; ")
}

// Options tune detection. The zero value uses the real environment.
type Options struct {
	// Logf receives diagnostics (the daemon prints them only with --verbose).
	Logf func(format string, args ...any)
	// Getenv replaces os.Getenv (DISPLAY, WAYLAND_DISPLAY, XDG_SESSION_TYPE,
	// DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR), for tests.
	Getenv func(string) string
	// CallTimeout bounds each X or D-Bus round trip (default 2 s), so a
	// hung desktop service never blocks the poll loop for long.
	CallTimeout time.Duration
}

func (o Options) logf(format string, args ...any) {
	if o.Logf != nil {
		o.Logf(format, args...)
	}
}

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
	return defaultTimeout
}

// SessionBusAddress is the session bus address from the environment:
// $DBUS_SESSION_BUS_ADDRESS, else $XDG_RUNTIME_DIR/bus when that socket
// exists, else "". Unlike godbus' own lookup it never autolaunches a bus
// (which would leave a stray dbus-daemon behind) nor modifies the environment.
func SessionBusAddress(getenv func(string) string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	if a := getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return a
	}
	if dir := getenv("XDG_RUNTIME_DIR"); dir != "" {
		p := dir + "/bus"
		if fi, err := os.Stat(p); err == nil && fi.Mode()&os.ModeSocket != 0 {
			return "unix:path=" + p
		}
	}
	return ""
}

// candidate is one way to get idle time, tried in order by Detect.
type candidate struct {
	name string
	// skip, when not "", says why this candidate is not even tried.
	skip string
	open func() (Source, error)
}

// Detect returns the first idle-time source that works here, or None.
// It never fails and never panics. The order on Linux/BSD is X11, GNOME
// Mutter, the Wayland idle protocols, org.freedesktop.ScreenSaver; in a
// Wayland session X11 is skipped,
// since Xwayland only sees input going to X clients and would report a busy
// user as idle.
func Detect(logf func(format string, args ...any)) Source {
	return DetectWith(Options{Logf: logf})
}

// DetectWith is Detect with options.
func DetectWith(o Options) Source {
	QuietXGB(o.Logf)
	var tried []string
	for _, c := range candidates(o) {
		if c.skip != "" {
			o.logf("activity: %s skipped: %s", c.name, c.skip)
			tried = append(tried, c.name+" ("+c.skip+")")
			continue
		}
		src, err := safeOpen(c)
		if err != nil {
			o.logf("activity: %s unavailable: %v", c.name, err)
			tried = append(tried, fmt.Sprintf("%s (%v)", c.name, err))
			continue
		}
		o.logf("activity: using %s", src.Name())
		return src
	}
	o.logf("activity: no idle-time source; counting wall time as activity")
	return None{Tried: tried}
}

// safeOpen turns a panic in a third-party library into an error: detection
// must never take the daemon down (Safe Eyes #763).
func safeOpen(c candidate) (src Source, err error) {
	defer func() {
		if r := recover(); r != nil {
			src, err = nil, fmt.Errorf("opening %s panicked: %v", c.name, r)
		}
	}()
	src, err = c.open()
	if err == nil && src == nil {
		err = fmt.Errorf("opening %s returned nothing", c.name)
	}
	if err != nil {
		return nil, err
	}
	// A source that cannot answer once is no source: some services answer
	// "not supported" only when asked (GNOME's org.freedesktop.ScreenSaver).
	if _, err := src.Idle(); err != nil {
		src.Close()
		return nil, fmt.Errorf("first query: %w", err)
	}
	return src, nil
}
