// Package notify sends desktop notifications (freedesktop notifications on
// Linux, toasts on Windows, Notification Center on macOS) through beeep,
// and, where the freedesktop notification server supports them, with
// action buttons (github.com/esiqveland/notify over D-Bus).
package notify

import (
	"fmt"
	"sync"

	"github.com/gen2brain/beeep"
)

// Notifier shows one notification.
type Notifier interface {
	Notify(title, body string) error
}

// Action is one button on a notification: Key comes back to the caller,
// Label is what the user reads.
type Action struct{ Key, Label string }

// Asker is a Notifier that can offer actions. Ask shows title and body with
// actions; when the user clicks one, onAction runs with its key, on another
// goroutine, at most once. shown reports whether the buttons are on screen:
// false means the server has no actions and a plain notification was shown
// instead (the caller's other ways in, tray and card, still work).
type Asker interface {
	Notifier
	Ask(title, body string, actions []Action, onAction func(key string)) (shown bool, err error)
}

// Desktop sends notifications with the app icon.
type Desktop struct {
	icon []byte
	bus  *busNotifier // nil where there is no session bus (not Linux, or none running)
}

// NewDesktop returns a notifier that shows icon (PNG bytes) beside each
// notification and names the app "Limber" to the notification server.
func NewDesktop(icon []byte) *Desktop {
	// beeep keeps the app name in a library variable; Limber is the only
	// user of beeep in this process, so setting it once here is safe.
	beeep.AppName = "Limber"
	return &Desktop{icon: icon, bus: newBusNotifier("Limber", icon)}
}

// Notify shows title and body.
func (d *Desktop) Notify(title, body string) error {
	var icon any = ""
	if len(d.icon) > 0 {
		icon = d.icon
	}
	if err := beeep.Notify(title, body, icon); err != nil {
		return fmt.Errorf("showing a notification: %w", err)
	}
	return nil
}

// Ask shows a notification with actions where the server supports them,
// else a plain one.
func (d *Desktop) Ask(title, body string, actions []Action, onAction func(key string)) (bool, error) {
	if d.bus != nil && len(actions) > 0 {
		ok, err := d.bus.ask(title, body, actions, onAction)
		if ok || err != nil {
			return ok, err
		}
	}
	return false, d.Notify(title, body)
}

// Close lets go of the session bus connection.
func (d *Desktop) Close() {
	if d.bus != nil {
		d.bus.close()
	}
}

// Recorder keeps notifications in memory, for tests and for `limber status`
// when no notification server answers. It offers actions: Invoke clicks one.
type Recorder struct {
	mu   sync.Mutex
	sent []Message
	// NoActions makes it behave like a server without actions.
	NoActions bool
}

// Message is one recorded notification.
type Message struct {
	Title, Body string
	Actions     []Action
	onAction    func(string)
}

// Notify records the message.
func (r *Recorder) Notify(title, body string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, Message{Title: title, Body: body})
	return nil
}

// Ask records the message with its actions (none when NoActions).
func (r *Recorder) Ask(title, body string, actions []Action, onAction func(string)) (bool, error) {
	if r.NoActions {
		return false, r.Notify(title, body)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, Message{Title: title, Body: body, Actions: actions, onAction: onAction})
	return true, nil
}

// Invoke clicks the action key of the last message that offers it and
// reports whether there was one. Each message's actions answer once.
func (r *Recorder) Invoke(key string) bool {
	r.mu.Lock()
	var f func(string)
	for i := len(r.sent) - 1; i >= 0 && f == nil; i-- {
		m := &r.sent[i]
		for _, a := range m.Actions {
			if a.Key == key && m.onAction != nil {
				f, m.onAction = m.onAction, nil
				break
			}
		}
	}
	r.mu.Unlock()
	if f == nil {
		return false
	}
	f(key)
	return true
}

// Sent returns a copy of what was recorded.
func (r *Recorder) Sent() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Message(nil), r.sent...)
}
