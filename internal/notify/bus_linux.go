//go:build linux || freebsd

package notify

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"slices"
	"sync"
	"time"

	"github.com/esiqveland/notify"
	"github.com/godbus/dbus/v5"
)

// busNotifier talks to org.freedesktop.Notifications itself, for actions;
// beeep cannot wait for the ActionInvoked signal. It connects on first
// use and keeps the connection; the callbacks of open notifications are
// kept until their action fires or the notification closes.
type busNotifier struct {
	app  string
	icon *image.RGBA

	mu      sync.Mutex
	tried   bool
	conn    *dbus.Conn
	n       notify.Notifier
	actions bool // the server lists the "actions" capability
	waiting map[uint32]func(string)
}

func newBusNotifier(app string, icon []byte) *busNotifier {
	b := &busNotifier{app: app, waiting: map[uint32]func(string){}}
	if img, err := png.Decode(bytes.NewReader(icon)); err == nil {
		b.icon = image.NewRGBA(img.Bounds())
		draw.Draw(b.icon, b.icon.Bounds(), img, img.Bounds().Min, draw.Src)
	}
	return b
}

// connect opens the session bus once; it reports whether actions work.
func (b *busNotifier) connect() bool {
	if b.tried {
		return b.n != nil && b.actions
	}
	b.tried = true
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return false
	}
	n, err := notify.New(conn, notify.WithOnAction(b.onAction), notify.WithOnClosed(b.onClosed),
		notify.WithLogger(quietLogger{}))
	if err != nil {
		conn.Close()
		return false
	}
	caps, err := n.GetCapabilities()
	if err != nil {
		n.Close()
		return false
	}
	b.conn, b.n, b.actions = conn, n, slices.Contains(caps, "actions")
	return b.actions
}

func (b *busNotifier) ask(title, body string, actions []Action, onAction func(string)) (bool, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.connect() {
		return false, nil
	}
	note := notify.Notification{AppName: b.app, AppIcon: "limber", Summary: title, Body: body,
		ExpireTimeout: notify.ExpireTimeoutSetByNotificationServer}
	for _, a := range actions {
		note.Actions = append(note.Actions, notify.Action{Key: a.Key, Label: a.Label})
	}
	if b.icon != nil {
		note.AddHint(notify.HintImageDataRGBA(b.icon))
	}
	id, err := b.n.SendNotification(note)
	if err != nil {
		return false, fmt.Errorf("showing a notification with actions: %w", err)
	}
	b.waiting[id] = onAction
	return true, nil
}

func (b *busNotifier) onAction(s *notify.ActionInvokedSignal) {
	b.mu.Lock()
	f := b.waiting[s.ID]
	delete(b.waiting, s.ID)
	b.mu.Unlock()
	if f != nil && s.ActionKey != "default" {
		f(s.ActionKey)
	}
}

func (b *busNotifier) onClosed(s *notify.NotificationClosedSignal) {
	// The action signal may come just before or after the close signal
	// (xfce4-notifyd sends both): forget the callback a moment later.
	go func() {
		time.Sleep(time.Second)
		b.mu.Lock()
		delete(b.waiting, s.ID)
		b.mu.Unlock()
	}()
}

func (b *busNotifier) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.n != nil {
		b.n.Close()
		b.n = nil
	}
}

// quietLogger drops the library's log lines; failures come back as errors.
type quietLogger struct{}

func (quietLogger) Printf(string, ...any) {}
