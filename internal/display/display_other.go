//go:build !linux

package display

// Available: Windows and macOS always have their desktop.
func Available() bool { return true }
