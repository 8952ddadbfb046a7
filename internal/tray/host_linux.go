package tray

import "github.com/godbus/dbus/v5"

// HasHost reports whether a StatusNotifierWatcher (a tray host) is on the
// session bus. Without one, the icon is not visible anywhere.
func HasHost() bool {
	conn, err := dbus.SessionBus()
	if err != nil {
		return false
	}
	var has bool
	err = conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.kde.StatusNotifierWatcher").Store(&has)
	return err == nil && has
}
