package presence

import (
	"context"
	"fmt"
	"maps"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/limber-app/limber/internal/activity"
)

const (
	fdoSaver       = "org.freedesktop.ScreenSaver"
	gnomeSaver     = "org.gnome.ScreenSaver"
	gnomeSM        = "org.gnome.SessionManager"
	gnomeSMPath    = dbus.ObjectPath("/org/gnome/SessionManager")
	kdeInhibit     = "org.freedesktop.PowerManagement.Inhibit"
	kdeInhibitPath = dbus.ObjectPath("/org/freedesktop/PowerManagement/Inhibit")
	// gnomeInhibitIdle is GSM_INHIBITOR_FLAG_IDLE: "don't mark the session
	// idle" (1 logout, 2 switch user, 4 suspend, 8 idle, 16 automount).
	gnomeInhibitIdle = uint32(8)
)

// saverPaths maps each screensaver interface to where GetActive lives.
func saverPaths() map[string]dbus.ObjectPath {
	return map[string]dbus.ObjectPath{
		fdoSaver:   "/org/freedesktop/ScreenSaver",
		gnomeSaver: "/org/gnome/ScreenSaver",
	}
}

// startSession watches the screensavers' ActiveChanged and the idle
// inhibitors of GNOME (SessionManager) and KDE (PowerManagement.Inhibit).
func (m *Monitor) startSession(ctx context.Context, o Options) {
	t := o.timeout()
	addr := o.SessionBus
	if addr == "" {
		addr = activity.SessionBusAddress(o.Getenv)
	}
	if addr == "" {
		for _, p := range []string{PartScreenSaver, PartGnomeInhibit, PartKDEInhibit} {
			m.setOff(p, "no D-Bus session bus")
		}
		return
	}
	conn, err := dbus.Connect(addr)
	if err != nil {
		for _, p := range []string{PartScreenSaver, PartGnomeInhibit, PartKDEInhibit} {
			m.setOff(p, fmt.Sprintf("session bus: %v", err))
		}
		return
	}
	ch := make(chan *dbus.Signal, 32)
	conn.Signal(ch)
	// Subscribe even to services that are not running yet: a screensaver or
	// session manager started after us still reaches us. Matching on the
	// well-known sender keeps other session clients from faking "away".
	err = watch(conn,
		[]dbus.MatchOption{dbus.WithMatchSender(fdoSaver), dbus.WithMatchInterface(fdoSaver), dbus.WithMatchMember("ActiveChanged")},
		[]dbus.MatchOption{dbus.WithMatchSender(gnomeSaver), dbus.WithMatchInterface(gnomeSaver), dbus.WithMatchMember("ActiveChanged")},
		[]dbus.MatchOption{dbus.WithMatchSender(gnomeSM), dbus.WithMatchObjectPath(gnomeSMPath), dbus.WithMatchInterface(gnomeSM)},
		[]dbus.MatchOption{dbus.WithMatchSender(gnomeSM), dbus.WithMatchObjectPath(gnomeSMPath), dbus.WithMatchInterface(propsIface),
			dbus.WithMatchMember("PropertiesChanged"), dbus.WithMatchArg(0, gnomeSM)},
		[]dbus.MatchOption{dbus.WithMatchSender(kdeInhibit), dbus.WithMatchInterface(kdeInhibit), dbus.WithMatchMember("HasInhibitChanged")},
	)
	if err != nil {
		conn.Close()
		for _, p := range []string{PartScreenSaver, PartGnomeInhibit, PartKDEInhibit} {
			m.setOff(p, err.Error())
		}
		return
	}

	// Read everything first, then list the part as live, then apply: a
	// reader never sees state from a part Sources does not list.
	var saverErrs []error
	paths := saverPaths()
	active := map[string]bool{}
	for iface, path := range paths {
		var on bool
		if err := call(conn.Object(iface, path), t, iface+".GetActive", []any{&on}); err != nil {
			saverErrs = append(saverErrs, err)
			continue
		}
		active[iface] = on
	}
	if len(saverErrs) < len(paths) {
		m.setLive(PartScreenSaver)
	} else {
		m.setOff(PartScreenSaver, "no screensaver service answers on the session bus")
	}
	m.update(false, func() { maps.Copy(m.saver, active) })
	if gnome, err := askGnomeInhibit(conn, t); err != nil {
		m.setOff(PartGnomeInhibit, err.Error())
	} else {
		m.setLive(PartGnomeInhibit)
		m.update(false, func() { m.gnomeInhibit = gnome })
	}
	if kde, err := askKDEInhibit(conn, t); err != nil {
		m.setOff(PartKDEInhibit, err.Error())
	} else {
		m.setLive(PartKDEInhibit)
		m.update(false, func() { m.kdeInhibit = kde })
	}

	m.connect(groupSession, func() { conn.Close() })
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		for sig := range ch {
			m.onSessionSignal(conn, sig, t)
		}
		if ctx.Err() == nil {
			for _, p := range []string{PartScreenSaver, PartGnomeInhibit, PartKDEInhibit} {
				m.setOff(p, "session bus connection lost")
			}
		}
		m.update(false, func() {
			clear(m.saver)
			m.gnomeInhibit, m.kdeInhibit = false, false
		})
		// Last, so a retry cannot connect before the old state is cleared.
		m.disconnect(groupSession)
	}()
}

// askGnomeInhibit asks gnome-session whether anything inhibits idle.
func askGnomeInhibit(conn *dbus.Conn, t time.Duration) (bool, error) {
	var inhibited bool
	err := call(conn.Object(gnomeSM, gnomeSMPath), t, gnomeSM+".IsInhibited", []any{&inhibited}, gnomeInhibitIdle)
	return inhibited, err
}

// askKDEInhibit asks PowerDevil whether anything inhibits power management.
func askKDEInhibit(conn *dbus.Conn, t time.Duration) (bool, error) {
	var inhibited bool
	err := call(conn.Object(kdeInhibit, kdeInhibitPath), t, kdeInhibit+".HasInhibit", []any{&inhibited})
	return inhibited, err
}

func (m *Monitor) onSessionSignal(conn *dbus.Conn, sig *dbus.Signal, t time.Duration) {
	switch sig.Name {
	case fdoSaver + ".ActiveChanged", gnomeSaver + ".ActiveChanged":
		active, ok := signalBool(sig)
		if !ok {
			return
		}
		iface := sig.Name[:len(sig.Name)-len(".ActiveChanged")]
		m.markLive(PartScreenSaver)
		m.update(false, func() { m.saver[iface] = active })
	case kdeInhibit + ".HasInhibitChanged":
		inhibited, ok := signalBool(sig)
		if !ok {
			return
		}
		m.markLive(PartKDEInhibit)
		m.update(false, func() { m.kdeInhibit = inhibited })
	case gnomeSM + ".InhibitorAdded", gnomeSM + ".InhibitorRemoved", propsChanged:
		if sig.Name == propsChanged {
			if iface, _, _, ok := parsePropsChanged(sig); !ok || iface != gnomeSM {
				return
			}
		}
		// The signals do not say which flags the inhibitor holds: ask.
		inhibited, err := askGnomeInhibit(conn, t)
		if err != nil {
			m.logf("presence: re-reading GNOME inhibitors: %v", err)
			return
		}
		m.markLive(PartGnomeInhibit)
		m.update(false, func() { m.gnomeInhibit = inhibited })
	}
}

// markLive sets a part live unless it already is (a service that started
// after us).
func (m *Monitor) markLive(part string) {
	m.mu.Lock()
	live := m.live[part]
	m.mu.Unlock()
	if !live {
		m.setLive(part)
	}
}
