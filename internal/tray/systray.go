package tray

import (
	"reflect"
	"sync"
	"sync/atomic"

	"fyne.io/systray"
)

// Desktop quirks, in one place:
//   - Linux: fyne.io/systray exports a StatusNotifierItem and a dbusmenu on
//     the session bus and registers with org.kde.StatusNotifierWatcher.
//     Its own watch for a watcher appearing (v1.12.2) shares the process's
//     session bus connection and stops for good at the first signal with
//     fewer than three arguments (a notification server's
//     NotificationClosed is one), so a tray host that starts late or
//     restarts never showed the icon. watchHost (host_linux.go) watches
//     NameOwnerChanged itself, filtered properly, and registers the item
//     again each time a watcher appears; Host says live whether one is
//     there. Plain GNOME has no watcher unless the AppIndicator extension
//     is on: the icon is then invisible, and the daemon tells the user.
//   - Without a session bus, systray's shutdown dereferences a connection
//     it never made: Run (host_linux.go) ends it only when it has one.
//   - Separators cannot be hidden or updated, so the menu's structure is
//     fixed and only titles, enabled state and visibility change.
//   - Windows wants ICO bytes for the icon, the others PNG: the icon
//     function passed to Run decides.
//   - macOS and Windows need the tray loop on the main thread: Run blocks
//     the calling goroutine, which must be main's.

// Tray is the live tray. Its methods are safe from any goroutine.
type Tray struct {
	icon    func(IconState) []byte
	actions chan Action
	quit    chan struct{}
	// lost is closed when the session bus connection the item lives on
	// closes: the session ended (a logout, or the bus daemon died).
	lost     chan struct{}
	lostOnce sync.Once
	// host: a tray host (StatusNotifierWatcher) is there, as last seen.
	host atomic.Bool

	mu    sync.Mutex
	items map[string]*systray.MenuItem
	last  *Menu
}

func newTray(icon func(IconState) []byte) *Tray {
	return &Tray{icon: icon, actions: make(chan Action, 16), quit: make(chan struct{}), lost: make(chan struct{}), items: map[string]*systray.MenuItem{}}
}

// Host reports whether a tray host shows the icon now (always true where
// the OS has a tray of its own).
func (t *Tray) Host() bool { return t.host.Load() }

// Lost is closed when the tray's session bus connection closes, which
// means the desktop session is over; never closed where the OS has a tray
// of its own.
func (t *Tray) Lost() <-chan struct{} { return t.lost }

func (t *Tray) markLost() { t.lostOnce.Do(func() { close(t.lost) }) }

// Actions delivers menu clicks.
func (t *Tray) Actions() <-chan Action { return t.actions }

// Quit removes the tray icon and makes Run return.
func (t *Tray) Quit() {
	t.mu.Lock()
	select {
	case <-t.quit:
	default:
		close(t.quit)
	}
	t.mu.Unlock()
	systray.Quit()
}

// Update makes the real menu match m, touching only what changed.
func (t *Tray) Update(m Menu) {
	t.mu.Lock()
	defer t.mu.Unlock()
	select {
	case <-t.lost:
		return // nothing to show it on
	default:
	}
	// systray's property setters panic once the bus connection is closed
	// (prop.SetMust); the bus can go between the check above and here.
	defer func() {
		if r := recover(); r != nil {
			t.markLost()
		}
	}()
	if t.last == nil || t.last.Icon != m.Icon {
		systray.SetIcon(t.icon(m.Icon))
	}
	if t.last == nil || t.last.Tooltip != m.Tooltip {
		systray.SetTooltip(m.Tooltip)
	}
	if t.last == nil {
		var clicks []click
		t.build(nil, m.Items, &clicks)
		go t.forward(clicks)
	} else {
		t.apply(t.last.Items, m.Items)
	}
	t.last = &m
}

// click pairs an entry's click channel with its action.
type click struct {
	ch <-chan struct{}
	a  Action
}

// build creates the entries once, adding those with an action to clicks.
func (t *Tray) build(parent *systray.MenuItem, items []Item, clicks *[]click) {
	for _, it := range items {
		if it.Sep {
			if parent == nil {
				systray.AddSeparator()
			} else {
				parent.AddSeparator()
			}
			continue
		}
		var mi *systray.MenuItem
		switch {
		case parent == nil && it.Check:
			mi = systray.AddMenuItemCheckbox(it.Title, "", it.Checked)
		case parent == nil:
			mi = systray.AddMenuItem(it.Title, "")
		case it.Check:
			mi = parent.AddSubMenuItemCheckbox(it.Title, "", it.Checked)
		default:
			mi = parent.AddSubMenuItem(it.Title, "")
		}
		t.items[it.ID] = mi
		setState(mi, it)
		if len(it.Sub) > 0 {
			t.build(mi, it.Sub, clicks)
		}
		if it.Action != "" {
			*clicks = append(*clicks, click{mi.ClickedCh, it.Action})
		}
	}
}

// apply updates entries whose title or state changed.
func (t *Tray) apply(old, items []Item) {
	for i, it := range items {
		mi := t.items[it.ID]
		if mi == nil {
			continue
		}
		var prev Item
		if i < len(old) {
			prev = old[i]
		}
		if prev.Title != it.Title {
			mi.SetTitle(it.Title)
		}
		if prev.Enabled != it.Enabled || prev.Hidden != it.Hidden {
			setState(mi, it)
		}
		if it.Check && prev.Checked != it.Checked {
			if it.Checked {
				mi.Check()
			} else {
				mi.Uncheck()
			}
		}
		if len(it.Sub) > 0 {
			t.apply(prev.Sub, it.Sub)
		}
	}
}

func setState(mi *systray.MenuItem, it Item) {
	if it.Hidden {
		mi.Hide()
	} else {
		mi.Show()
	}
	// Information lines (no action, no submenu) are shown disabled.
	if it.Enabled {
		mi.Enable()
	} else {
		mi.Disable()
	}
}

// forward turns the entries' clicks into Actions until Quit. One
// goroutine waits on every entry's channel (reflect.Select) rather than
// one goroutine per entry: the menu has about 27, each with its own
// stack, for clicks that come a few times a day. systray drops a click
// that finds no one waiting, as it did with a goroutine per entry while
// that one was handing its click on; handing on is a send into a
// buffered channel, so the window is as small as before.
func (t *Tray) forward(clicks []click) {
	cases := make([]reflect.SelectCase, 0, len(clicks)+1)
	cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(t.quit)})
	for _, c := range clicks {
		cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c.ch)})
	}
	for {
		i, _, ok := reflect.Select(cases)
		if i == 0 {
			return // Quit
		}
		if !ok {
			// systray closed the channel (the entry was removed): stop
			// waiting on it, keep serving the others.
			cases[i].Chan = reflect.Value{}
			continue
		}
		select {
		case t.actions <- clicks[i-1].a:
		case <-t.quit:
			return
		}
	}
}
