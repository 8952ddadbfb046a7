//go:build !windows && !darwin

package presence

import "context"

// freedesktop: logind, D-Bus desktop services and X11 exist here.
const freedesktop = true

// startPlatform: on Linux and the BSDs everything comes from D-Bus and X11.
func (m *Monitor) startPlatform(context.Context, Options) {}
