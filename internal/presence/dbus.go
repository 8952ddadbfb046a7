package presence

import (
	"context"
	"fmt"
	"time"

	"github.com/godbus/dbus/v5"
)

// call invokes method on obj with a timeout and stores the reply into out.
func call(obj dbus.BusObject, timeout time.Duration, method string, out []any, args ...any) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	c := obj.CallWithContext(ctx, method, dbus.FlagNoAutoStart, args...)
	if c.Err != nil {
		return fmt.Errorf("calling %s: %w", method, c.Err)
	}
	if len(out) > 0 {
		if err := c.Store(out...); err != nil {
			return fmt.Errorf("reading the reply of %s: %w", method, err)
		}
	}
	return nil
}

// getProp reads one property.
func getProp(obj dbus.BusObject, timeout time.Duration, iface, name string) (dbus.Variant, error) {
	var v dbus.Variant
	err := call(obj, timeout, "org.freedesktop.DBus.Properties.Get", []any{&v}, iface, name)
	return v, err
}

// boolProp reads a boolean property.
func boolProp(obj dbus.BusObject, timeout time.Duration, iface, name string) (bool, error) {
	v, err := getProp(obj, timeout, iface, name)
	if err != nil {
		return false, err
	}
	b, ok := v.Value().(bool)
	if !ok {
		return false, fmt.Errorf("property %s.%s is %s, want a boolean", iface, name, v.Signature())
	}
	return b, nil
}

// watch subscribes conn to the signals described by each rule.
func watch(conn *dbus.Conn, rules ...[]dbus.MatchOption) error {
	for _, r := range rules {
		if err := conn.AddMatchSignal(r...); err != nil {
			return fmt.Errorf("subscribing to D-Bus signals: %w", err)
		}
	}
	return nil
}

// signalBool returns a signal's first argument as a bool.
func signalBool(sig *dbus.Signal) (bool, bool) {
	if len(sig.Body) < 1 {
		return false, false
	}
	b, ok := sig.Body[0].(bool)
	return b, ok
}
