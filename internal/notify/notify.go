// Package notify sends desktop notifications (freedesktop notifications on
// Linux, toasts on Windows, Notification Center on macOS) through beeep.
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

// Desktop sends notifications with the app icon.
type Desktop struct {
	icon []byte
}

// NewDesktop returns a notifier that shows icon (PNG bytes) beside each
// notification and names the app "Limber" to the notification server.
func NewDesktop(icon []byte) *Desktop {
	// beeep keeps the app name in a library variable; Limber is the only
	// user of beeep in this process, so setting it once here is safe.
	beeep.AppName = "Limber"
	return &Desktop{icon: icon}
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

// Recorder keeps notifications in memory, for tests and for `limber status`
// when no notification server answers.
type Recorder struct {
	mu   sync.Mutex
	sent []Message
}

// Message is one recorded notification.
type Message struct{ Title, Body string }

// Notify records the message.
func (r *Recorder) Notify(title, body string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, Message{title, body})
	return nil
}

// Sent returns a copy of what was recorded.
func (r *Recorder) Sent() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Message(nil), r.sent...)
}
