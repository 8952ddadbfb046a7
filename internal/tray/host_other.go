//go:build !linux

package tray

// HasHost: Windows and macOS always have a tray.
func HasHost() bool { return true }
