//go:build windows

package presence

import (
	"context"
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"
)

// freedesktop is false: no logind, no desktop D-Bus services, no EWMH.
const freedesktop = false

// startPlatform polls SHQueryUserNotificationState, which folds what we
// need into one cheap call: "not present" (locked, screensaver, another
// user) and "busy" (full-screen application, Direct3D game, presentation mode).
func (m *Monitor) startPlatform(ctx context.Context, o Options) {
	if !o.NoMicrophone || !o.NoCamera {
		m.startCalls(ctx, o)
	}
	proc := windows.NewLazySystemDLL("shell32.dll").NewProc("SHQueryUserNotificationState")
	if err := proc.Find(); err != nil {
		m.setOff(PartWindowsNotify, fmt.Sprintf("loading SHQueryUserNotificationState: %v", err))
		return
	}
	query := func() (int32, error) {
		var st int32
		hr, _, _ := proc.Call(uintptr(unsafe.Pointer(&st)))
		if int32(hr) < 0 {
			return 0, fmt.Errorf("SHQueryUserNotificationState: HRESULT %#x", uint32(hr))
		}
		return st, nil
	}
	st, err := query()
	if err != nil {
		m.setOff(PartWindowsNotify, err.Error())
		return
	}
	m.setLive(PartWindowsNotify)
	apply := func(st int32) {
		away, busy := notificationState(st)
		m.update(false, func() {
			m.state.Locked = away
			m.state.Fullscreen = busy
		})
	}
	apply(st)
	m.tick(ctx, pollEvery(o), func() {
		st, err := query()
		if err != nil {
			m.logf("presence: %v", err)
			return
		}
		apply(st)
	})
}
