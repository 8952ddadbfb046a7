//go:build !linux

package tray

import "fyne.io/systray"

// Run shows the tray and blocks until Quit. ready runs in its own goroutine
// once the tray exists; it gets the Tray to update and read clicks from.
// Windows and macOS need systray's loop on the calling (main) thread.
func Run(icon func(IconState) []byte, ready func(t *Tray)) {
	t := newTray(icon)
	t.host.Store(true)
	systray.Run(func() {
		systray.SetTitle("Limber")
		// systray serves the menu only once this callback returns.
		go ready(t)
	}, func() {})
}
