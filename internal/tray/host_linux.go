package tray

import (
	"log"

	"fyne.io/systray"
	"github.com/godbus/dbus/v5"
)

const (
	watcherName = "org.kde.StatusNotifierWatcher"
	// itemPath is where fyne.io/systray exports the item.
	itemPath = "/StatusNotifierItem"
)

// HasHost reports whether a StatusNotifierWatcher (a tray host) is on the
// session bus. Without one, the icon is not visible anywhere.
func HasHost() bool {
	conn, err := dbus.SessionBus()
	if err != nil {
		return false
	}
	return hasOwner(conn)
}

func hasOwner(conn *dbus.Conn) bool {
	var has bool
	err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, watcherName).Store(&has)
	return err == nil && has
}

// Run shows the tray and blocks until Quit. ready runs in its own goroutine
// once the tray exists; it gets the Tray to update and read clicks from.
//
// On Linux systray needs no thread of its own (it is all D-Bus), so its
// loop is ours: start, watch for tray hosts, and at Quit end it only if it
// ever reached the bus (see the quirks in systray.go).
func Run(icon func(IconState) []byte, ready func(t *Tray)) {
	t := newTray(icon)
	start, end := systray.RunWithExternalLoop(func() {
		systray.SetTitle("Limber")
		go ready(t)
	}, func() {})
	start()
	conn, err := dbus.SessionBus() // the same shared connection systray exported on
	stop := make(chan struct{})
	watched := make(chan struct{})
	if err == nil {
		t.host.Store(hasOwner(conn))
		go func() { defer close(watched); t.watchHost(conn, stop) }()
	} else {
		close(watched)
	}
	<-t.quit
	close(stop)
	<-watched
	if err == nil {
		end()
	}
}

// watchHost registers the tray item with every StatusNotifierWatcher that
// appears (a panel started late, or restarted) and keeps t.host current,
// until stop. It must run on the connection the item is exported on: the
// watcher takes the registering connection as the item's owner.
func (t *Tray) watchHost(conn *dbus.Conn, stop <-chan struct{}) {
	match := []dbus.MatchOption{
		dbus.WithMatchObjectPath("/org/freedesktop/DBus"),
		dbus.WithMatchInterface("org.freedesktop.DBus"),
		dbus.WithMatchSender("org.freedesktop.DBus"),
		dbus.WithMatchMember("NameOwnerChanged"),
		dbus.WithMatchArg(0, watcherName),
	}
	if err := conn.AddMatchSignal(match...); err != nil {
		log.Printf("tray: watching for tray hosts: %v", err)
		return
	}
	defer conn.RemoveMatchSignal(match...)
	sc := make(chan *dbus.Signal, 32)
	conn.Signal(sc)
	defer conn.RemoveSignal(sc)
	for {
		select {
		case <-stop:
			return
		case sig, ok := <-sc:
			if !ok || sig == nil {
				t.markLost() // the connection closed: the session is over
				return
			}
			// Every signal to this connection arrives here, whatever it
			// is (notifications, presence watchers): take only ours.
			if sig.Name != "org.freedesktop.DBus.NameOwnerChanged" || len(sig.Body) != 3 {
				continue
			}
			name, _ := sig.Body[0].(string)
			owner, _ := sig.Body[2].(string)
			if name != watcherName {
				continue
			}
			if owner == "" {
				t.host.Store(false)
				continue
			}
			call := conn.Object(watcherName, "/StatusNotifierWatcher").Call(watcherName+".RegisterStatusNotifierItem", 0, itemPath)
			if call.Err != nil {
				log.Printf("tray: registering with the new tray host: %v", call.Err)
			}
			t.host.Store(call.Err == nil)
		}
	}
}
