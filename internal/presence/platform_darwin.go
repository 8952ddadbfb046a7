//go:build darwin

package presence

import "context"

// freedesktop is false: no logind, no desktop D-Bus services, no EWMH.
const freedesktop = false

// startPlatform: nothing is watched on macOS yet (lock state would come
// from the com.apple.screenIsLocked distributed notification, which needs
// cgo and a run loop).
// Calls come from CoreAudio and CoreMediaIO (calls_darwin.go).
func (m *Monitor) startPlatform(ctx context.Context, o Options) {
	if !o.NoMicrophone || !o.NoCamera {
		m.startCalls(ctx, o)
	}
}
