package presence

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/godbus/dbus/v5"
)

const (
	login1Name     = "org.freedesktop.login1"
	login1Path     = dbus.ObjectPath("/org/freedesktop/login1")
	login1Manager  = "org.freedesktop.login1.Manager"
	login1Session  = "org.freedesktop.login1.Session"
	login1User     = "org.freedesktop.login1.User"
	propsIface     = "org.freedesktop.DBus.Properties"
	propsChanged   = propsIface + ".PropertiesChanged"
	systemBusPath  = "unix:path=/var/run/dbus/system_bus_socket"
	systemBusEnvVa = "DBUS_SYSTEM_BUS_ADDRESS"
)

func systemBusAddress(o Options) string {
	if o.SystemBus != "" {
		return o.SystemBus
	}
	if a := o.getenv(systemBusEnvVa); a != "" {
		return a
	}
	return systemBusPath
}

// startLogind watches sleep (Manager.PrepareForSleep) and our session's
// lock state (Lock/Unlock signals, LockedHint) and Active property.
func (m *Monitor) startLogind(ctx context.Context, o Options) {
	t := o.timeout()
	conn, err := dbus.Connect(systemBusAddress(o))
	if err != nil {
		m.setOff(PartLogindSleep, fmt.Sprintf("no system bus: %v", err))
		m.setOff(PartLogindSession, "no system bus")
		return
	}
	// Listen before reading the initial state so no change slips between.
	ch := make(chan *dbus.Signal, 32)
	conn.Signal(ch)
	mgr := conn.Object(login1Name, login1Path)
	err = watch(conn, []dbus.MatchOption{
		dbus.WithMatchSender(login1Name),
		dbus.WithMatchObjectPath(login1Path),
		dbus.WithMatchInterface(login1Manager),
		dbus.WithMatchMember("PrepareForSleep"),
	})
	var sleeping bool
	if err == nil {
		sleeping, err = boolProp(mgr, t, login1Manager, "PreparingForSleep")
	}
	if err != nil {
		conn.Close()
		m.setOff(PartLogindSleep, fmt.Sprintf("logind not reachable: %v", err))
		m.setOff(PartLogindSession, "logind not reachable")
		return
	}
	m.setLive(PartLogindSleep)
	m.update(false, func() { m.state.Sleeping = sleeping })

	session, err := findSession(mgr, conn, o)
	if err == nil {
		err = watch(conn,
			[]dbus.MatchOption{dbus.WithMatchSender(login1Name), dbus.WithMatchObjectPath(session), dbus.WithMatchInterface(login1Session)},
			[]dbus.MatchOption{dbus.WithMatchSender(login1Name), dbus.WithMatchObjectPath(session), dbus.WithMatchInterface(propsIface),
				dbus.WithMatchMember("PropertiesChanged"), dbus.WithMatchArg(0, login1Session)},
		)
	}
	var ses sessionState
	if err == nil {
		ses, err = readSession(conn.Object(login1Name, session), t)
	}
	if err != nil {
		session = ""
		m.setOff(PartLogindSession, err.Error())
	} else {
		m.setLive(PartLogindSession)
		m.logf("presence: logind session %s", session)
		m.applySession(ses)
	}

	m.connect(groupLogind, func() { conn.Close() })
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		for sig := range ch {
			m.onLogindSignal(conn, session, sig, t)
		}
		// The channel closes when the connection does (Close, or the bus went away).
		if ctx.Err() == nil {
			m.setOff(PartLogindSleep, "system bus connection lost")
			m.setOff(PartLogindSession, "system bus connection lost")
		}
		// Forget state nobody can clear any more: better to count time than
		// to believe the user is away forever.
		m.update(false, func() {
			m.state.Sleeping, m.state.Locked, m.state.Inactive = false, false, false
		})
		// Last, so a retry cannot connect before the old state is cleared.
		m.disconnect(groupLogind)
	}()
}

// findSession finds our logind session: by PID, by $XDG_SESSION_ID, then the
// user's display session (a daemon started by systemd --user belongs to
// no session, but its user's graphical session is the one that matters).
func findSession(mgr dbus.BusObject, conn *dbus.Conn, o Options) (dbus.ObjectPath, error) {
	t := o.timeout()
	pid := o.PID
	if pid == 0 {
		pid = os.Getpid()
	}
	var path dbus.ObjectPath
	errPID := call(mgr, t, login1Manager+".GetSessionByPID", []any{&path}, uint32(pid))
	if errPID == nil {
		return path, nil
	}
	if id := o.getenv("XDG_SESSION_ID"); id != "" {
		if err := call(mgr, t, login1Manager+".GetSession", []any{&path}, id); err == nil {
			return path, nil
		}
	}
	uid := o.UID
	if uid == 0 {
		uid = os.Getuid()
	}
	var user dbus.ObjectPath
	if err := call(mgr, t, login1Manager+".GetUser", []any{&user}, uint32(uid)); err != nil {
		return "", fmt.Errorf("no logind session for pid %d nor user %d: %w", pid, uid, errors.Join(errPID, err))
	}
	v, err := getProp(conn.Object(login1Name, user), t, login1User, "Display")
	if err != nil {
		return "", fmt.Errorf("reading the display session of user %d: %w", uid, err)
	}
	// Display is a (session id, object path) struct.
	var disp struct {
		ID   string
		Path dbus.ObjectPath
	}
	if err := dbus.Store([]any{v.Value()}, &disp); err != nil || disp.Path == "" || disp.Path == "/" {
		return "", fmt.Errorf("user %d has no graphical session in logind", uid)
	}
	return disp.Path, nil
}

// sessionState is what we read from a logind session.
type sessionState struct{ locked, active bool }

// readSession reads LockedHint and Active of the session.
func readSession(obj dbus.BusObject, t time.Duration) (sessionState, error) {
	locked, err := boolProp(obj, t, login1Session, "LockedHint")
	if err != nil {
		return sessionState{}, fmt.Errorf("reading LockedHint: %w", err)
	}
	active, err := boolProp(obj, t, login1Session, "Active")
	if err != nil {
		// Old logind without Active on this path: assume foreground.
		active = true
	}
	return sessionState{locked: locked, active: active}, nil
}

func (m *Monitor) applySession(s sessionState) {
	m.update(false, func() {
		m.state.Locked = s.locked
		m.state.Inactive = !s.active
	})
}

func (m *Monitor) onLogindSignal(conn *dbus.Conn, session dbus.ObjectPath, sig *dbus.Signal, t time.Duration) {
	switch {
	case sig.Name == login1Manager+".PrepareForSleep":
		going, ok := signalBool(sig)
		if !ok {
			return
		}
		if going {
			m.logf("presence: going to sleep")
		} else {
			m.logf("presence: resumed from sleep")
		}
		// Force a wake on resume even if we missed the way down.
		m.update(!going, func() { m.state.Sleeping = going })
	case session == "" || sig.Path != session:
	case sig.Name == login1Session+".Lock":
		m.update(false, func() { m.state.Locked = true })
	case sig.Name == login1Session+".Unlock":
		m.update(false, func() { m.state.Locked = false })
	case sig.Name == propsChanged:
		iface, changed, invalidated, ok := parsePropsChanged(sig)
		if !ok || iface != login1Session {
			return
		}
		if v, ok := changed["LockedHint"]; ok {
			if b, ok := v.Value().(bool); ok {
				m.update(false, func() { m.state.Locked = b })
			}
		}
		if v, ok := changed["Active"]; ok {
			if b, ok := v.Value().(bool); ok {
				m.update(false, func() { m.state.Inactive = !b })
			}
		}
		for _, name := range invalidated {
			if name == "LockedHint" || name == "Active" {
				ses, err := readSession(conn.Object(login1Name, session), t)
				if err != nil {
					m.logf("presence: re-reading the session: %v", err)
				} else {
					m.applySession(ses)
				}
				break
			}
		}
	}
}

// parsePropsChanged splits a PropertiesChanged signal.
func parsePropsChanged(sig *dbus.Signal) (string, map[string]dbus.Variant, []string, bool) {
	if len(sig.Body) < 2 {
		return "", nil, nil, false
	}
	iface, ok1 := sig.Body[0].(string)
	changed, ok2 := sig.Body[1].(map[string]dbus.Variant)
	var invalidated []string
	if len(sig.Body) > 2 {
		invalidated, _ = sig.Body[2].([]string)
	}
	return iface, changed, invalidated, ok1 && ok2
}
