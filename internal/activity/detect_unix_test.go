//go:build !windows && !darwin

package activity

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/activity/desktoptest"
)

func TestDetectOrder(t *testing.T) {
	display := desktoptest.Xvfb(t)
	busMutter := desktoptest.Bus(t)
	serveMutter(t, busMutter, &fakeIdle{ms: 10})
	busFD := desktoptest.Bus(t)
	serveFreedesktop(t, busFD, &fakeIdle{ms: 20})
	busGnomeFD := desktoptest.Bus(t) // GNOME: the name exists but says "not supported"
	serveFreedesktop(t, busGnomeFD, &fakeIdle{fail: true})
	busEmpty := desktoptest.Bus(t)
	fc := newFakeCompositor(t, "wl_seat", "ext_idle_notifier_v1")

	tests := map[string]struct {
		env  []string
		want string
	}{
		"nothing":                 {nil, NameNone},
		"x11 first":               {[]string{"DISPLAY", display, "DBUS_SESSION_BUS_ADDRESS", busMutter}, NameX11},
		"dead display then bus":   {[]string{"DISPLAY", ":9999", "DBUS_SESSION_BUS_ADDRESS", busMutter}, NameMutter},
		"wayland skips x11":       {[]string{"DISPLAY", display, "WAYLAND_DISPLAY", "wayland-0", "DBUS_SESSION_BUS_ADDRESS", busMutter}, NameMutter},
		"wayland by session type": {[]string{"DISPLAY", display, "XDG_SESSION_TYPE", "wayland", "DBUS_SESSION_BUS_ADDRESS", busFD}, NameFreedesk},
		"freedesktop":             {[]string{"DBUS_SESSION_BUS_ADDRESS", busFD}, NameFreedesk},
		"not supported is none":   {[]string{"DBUS_SESSION_BUS_ADDRESS", busGnomeFD}, NameNone},
		"empty bus is none":       {[]string{"DBUS_SESSION_BUS_ADDRESS", busEmpty}, NameNone},
		"wayland without bus":     {[]string{"DISPLAY", display, "WAYLAND_DISPLAY", "wayland-0"}, NameNone},
		"mutter before wayland":   {[]string{"WAYLAND_DISPLAY", fc.socket, "DBUS_SESSION_BUS_ADDRESS", busMutter}, NameMutter},
		"wayland before fdo":      {[]string{"WAYLAND_DISPLAY", fc.socket, "DBUS_SESSION_BUS_ADDRESS", busFD}, NameWaylandExt},
		"wayland without a bus":   {[]string{"WAYLAND_DISPLAY", fc.socket}, NameWaylandExt},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var logs []string
			src := DetectWith(Options{
				Getenv:      desktoptest.Env(tc.env...),
				CallTimeout: time.Second,
				Logf: func(f string, a ...any) {
					logs = append(logs, f)
				},
			})
			defer src.Close()
			if src.Name() != tc.want {
				t.Fatalf("Detect picked %q, want %q (log %q)", src.Name(), tc.want, logs)
			}
			if tc.want == NameNone {
				n, ok := src.(None)
				if !ok {
					t.Fatalf("none source is %T, want None", src)
				}
				if _, err := n.Idle(); !errors.Is(err, ErrNoSource) {
					t.Errorf("None.Idle() error = %v, want ErrNoSource", err)
				}
				if len(n.Tried) != 4 || !strings.Contains(n.Reason(), NameX11) {
					t.Errorf("None.Reason() = %q, want the four tried sources", n.Reason())
				}
				return
			}
			if _, err := src.Idle(); err != nil {
				t.Errorf("Idle: %v", err)
			}
		})
	}
}
