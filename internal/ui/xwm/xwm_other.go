//go:build !linux && !freebsd

package xwm

// Keep is X11 only; elsewhere the window is left to the system.
func Keep(uintptr, bool) (Keeper, error) { return nil, ErrNoX }
