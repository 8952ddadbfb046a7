//go:build !windows && !darwin

package activity

import "time"

func candidates(o Options) []candidate {
	t := o.timeout()
	display := o.getenv("DISPLAY")
	bus := SessionBusAddress(o.getenv)
	x11 := candidate{name: NameX11, open: func() (Source, error) { return openX11(display, t) }}
	if o.getenv("WAYLAND_DISPLAY") != "" || o.getenv("XDG_SESSION_TYPE") == "wayland" {
		x11.skip = "Wayland session: Xwayland sees only input sent to X windows"
	}
	noBus := ""
	if bus == "" {
		noBus = "no D-Bus session bus"
	}
	socket := WaylandSocket(o.getenv)
	wl := candidate{name: "wayland", open: func() (Source, error) {
		return openWayland(socket, t, WaylandThreshold, time.Now)
	}}
	switch {
	case o.getenv("WAYLAND_DISPLAY") == "":
		wl.skip = "no Wayland display (WAYLAND_DISPLAY is not set)"
	case socket == "":
		wl.skip = "WAYLAND_DISPLAY is relative and XDG_RUNTIME_DIR is not set"
	}
	// Mutter before the Wayland protocols: GNOME offers neither of them,
	// and where it does its D-Bus monitor is the one it documents.
	return []candidate{
		x11,
		{name: NameMutter, skip: noBus, open: func() (Source, error) { return openMutter(bus, t) }},
		wl,
		{name: NameFreedesk, skip: noBus, open: func() (Source, error) { return openFreedesktop(bus, t) }},
	}
}
