//go:build !linux && !freebsd

package notify

// busNotifier is Linux's D-Bus notifier; elsewhere beeep's notifications
// have no actions.
type busNotifier struct{}

func newBusNotifier(string, []byte) *busNotifier { return nil }

func (*busNotifier) ask(string, string, []Action, func(string)) (bool, error) { return false, nil }
func (*busNotifier) close()                                                   {}
