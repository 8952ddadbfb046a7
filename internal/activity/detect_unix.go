//go:build !windows && !darwin

package activity

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
	return []candidate{
		x11,
		{name: NameMutter, skip: noBus, open: func() (Source, error) { return openMutter(bus, t) }},
		{name: NameFreedesk, skip: noBus, open: func() (Source, error) { return openFreedesktop(bus, t) }},
	}
}
