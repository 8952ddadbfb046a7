package activity

import (
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"sync"
	"time"
)

// Wayland idle: the compositor does not tell a client how long the user
// has been idle, only that a threshold passed. So the source asks to be
// told after WaylandThreshold without input ("idled") and when input comes
// back ("resumed"), and derives the duration:
//
//   - after idled, received at t, the last input was at t − threshold, so
//     Idle is now − t + threshold;
//   - otherwise (resumed, or nothing yet) the user touched something less
//     than one threshold ago, and Idle is 0: the error is under one
//     threshold, far below the scheduler's IdleAfter.
//
// ext_idle_notifier_v1 (wayland-protocols staging; KWin, sway ≥ 1.8,
// Hyprland) is preferred, with version 2's get_input_idle_notification
// where offered: that one ignores idle inhibitors, so a video player that
// keeps the screen awake does not hide a user who left. Presence reports
// inhibitors separately. Otherwise org_kde_kwin_idle (sway 1.7, older
// KWin). The events are read by one goroutine; Idle only reads a time
// under a mutex and never waits for the compositor.

// Names of the Wayland sources.
const (
	NameWaylandExt = "wayland-ext-idle"
	NameWaylandKDE = "wayland-kde-idle"
)

// WaylandThreshold is the idle timeout registered with the compositor: the
// resolution of the idle time reported while the user is active.
const WaylandThreshold = time.Second

// Interface names and opcodes used here (from wayland.xml,
// ext-idle-notify-v1.xml and kde's idle.xml).
const (
	wlDisplayID = 1

	wlDisplaySync        = 0
	wlDisplayGetRegistry = 1
	wlDisplayEvError     = 0
	wlDisplayEvDeleteID  = 1

	wlRegistryBind       = 0
	wlRegistryEvGlobal   = 0
	wlRegistryEvRemove   = 1
	wlCallbackEvDone     = 0
	extIdleGetIdle       = 1
	extIdleGetInputIdle  = 2 // since version 2
	kdeIdleGetTimeout    = 0
	idleEvIdled          = 0 // the same opcodes in both protocols
	idleEvResumed        = 1
	ifaceSeat            = "wl_seat"
	ifaceExtIdleNotifier = "ext_idle_notifier_v1"
	ifaceKDEIdle         = "org_kde_kwin_idle"
)

// WaylandSocket is where the compositor listens: $WAYLAND_DISPLAY, taken
// relative to $XDG_RUNTIME_DIR unless absolute. "" when WAYLAND_DISPLAY is
// not set.
func WaylandSocket(getenv func(string) string) string {
	d := getenv("WAYLAND_DISPLAY")
	if d == "" {
		return ""
	}
	if filepath.IsAbs(d) {
		return d
	}
	dir := getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, d)
}

// waylandSource is an idle source fed by a compositor's idle events.
type waylandSource struct {
	name      string
	conn      net.Conn
	threshold time.Duration
	now       func() time.Time
	done      chan struct{}

	mu     sync.Mutex
	idleAt time.Time // when idled arrived; zero while active
	err    error     // why the connection ended
	closed bool
}

// OpenWayland connects to the compositor at socket (a path) and registers
// for idle notifications with ext_idle_notifier_v1 or org_kde_kwin_idle.
func OpenWayland(socket string) (Source, error) {
	return openWayland(socket, defaultTimeout, WaylandThreshold, time.Now)
}

func openWayland(socket string, timeout, threshold time.Duration, now func() time.Time) (Source, error) {
	if socket == "" {
		return nil, errors.New("no Wayland display (WAYLAND_DISPLAY is not set)")
	}
	conn, err := net.DialTimeout("unix", socket, timeout)
	if err != nil {
		return nil, fmt.Errorf("connecting to the compositor: %w", err)
	}
	s := &waylandSource{conn: conn, threshold: threshold, now: now, done: make(chan struct{})}
	// The handshake is bounded by one deadline: a stuck compositor makes
	// Open fail, never hang.
	conn.SetDeadline(time.Now().Add(timeout))
	r := &wlReader{conn: conn}
	name, err := s.handshake(r)
	if err != nil {
		conn.Close()
		return nil, err
	}
	conn.SetDeadline(time.Time{})
	s.name = name
	go s.read(r)
	return s, nil
}

// wlReader buffers the stream and hands out whole messages.
type wlReader struct {
	conn io.Reader
	buf  []byte
	tmp  [wlMaxMessage]byte
}

func (r *wlReader) next() (wlMessage, error) {
	for {
		m, rest, err := wlDecode(r.buf)
		if err == nil {
			// Copy the arguments out: buf's storage is reused.
			m.args = append([]byte(nil), m.args...)
			r.buf = append(r.buf[:0], rest...)
			return m, nil
		}
		if !errors.Is(err, errWlShort) {
			return m, err
		}
		n, err := r.conn.Read(r.tmp[:])
		if n > 0 {
			r.buf = append(r.buf, r.tmp[:n]...)
			continue
		}
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return m, err
	}
}

type wlGlobal struct {
	name    uint32
	version uint32
}

// handshake lists the globals, binds a seat and an idle notifier and asks
// for the notification, then makes sure the compositor accepted all that.
func (s *waylandSource) handshake(r *wlReader) (string, error) {
	const registryID, syncID = 2, 3
	send := func(msgs ...[]byte) error {
		for _, m := range msgs {
			if _, err := s.conn.Write(m); err != nil {
				return fmt.Errorf("writing to the compositor: %w", err)
			}
		}
		return nil
	}
	if err := send(
		newRequest(wlDisplayID, wlDisplayGetRegistry).uint(registryID).bytes(),
		newRequest(wlDisplayID, wlDisplaySync).uint(syncID).bytes(),
	); err != nil {
		return "", err
	}
	globals := map[string]wlGlobal{}
	if err := roundtrip(r, syncID, func(m wlMessage) error {
		if m.object == registryID && m.opcode == wlRegistryEvGlobal {
			a := wlArgs{b: m.args}
			g := wlGlobal{name: a.uint()}
			iface := a.string()
			g.version = a.uint()
			if a.err != nil {
				return a.err
			}
			if _, seen := globals[iface]; !seen { // the first seat is the default one
				globals[iface] = g
			}
		}
		return nil
	}); err != nil {
		return "", err
	}
	seat, ok := globals[ifaceSeat]
	if !ok {
		return "", errors.New("the compositor offers no wl_seat")
	}
	const seatID, notifierID, notificationID, sync2ID = 4, 5, 6, 7
	bind := func(g wlGlobal, iface string, version, id uint32) []byte {
		return newRequest(registryID, wlRegistryBind).uint(g.name).string(iface).uint(version).uint(id).bytes()
	}
	var reqs [][]byte
	reqs = append(reqs, bind(seat, ifaceSeat, 1, seatID))
	ms := uint32(s.threshold / time.Millisecond)
	name := ""
	if g, ok := globals[ifaceExtIdleNotifier]; ok {
		name = NameWaylandExt
		version, op := uint32(1), uint16(extIdleGetIdle)
		if g.version >= 2 {
			version, op = 2, extIdleGetInputIdle
		}
		reqs = append(reqs, bind(g, ifaceExtIdleNotifier, version, notifierID),
			newRequest(notifierID, op).uint(notificationID).uint(ms).uint(seatID).bytes())
	} else if g, ok := globals[ifaceKDEIdle]; ok {
		name = NameWaylandKDE
		reqs = append(reqs, bind(g, ifaceKDEIdle, 1, notifierID),
			newRequest(notifierID, kdeIdleGetTimeout).uint(notificationID).uint(seatID).uint(ms).bytes())
	} else {
		return "", errors.New("the compositor offers neither ext_idle_notifier_v1 nor org_kde_kwin_idle")
	}
	reqs = append(reqs, newRequest(wlDisplayID, wlDisplaySync).uint(sync2ID).bytes())
	if err := send(reqs...); err != nil {
		return "", err
	}
	if err := roundtrip(r, sync2ID, func(m wlMessage) error { s.event(m); return nil }); err != nil {
		return "", err
	}
	return name, nil
}

// roundtrip reads messages until the callback id is done, giving the
// others to f; a wl_display.error ends it with that error.
func roundtrip(r *wlReader, callback uint32, f func(wlMessage) error) error {
	for {
		m, err := r.next()
		if err != nil {
			return fmt.Errorf("reading from the compositor: %w", err)
		}
		if m.object == callback && m.opcode == wlCallbackEvDone {
			return nil
		}
		if err := displayError(m); err != nil {
			return err
		}
		if err := f(m); err != nil {
			return err
		}
	}
}

// displayError turns wl_display.error into an error; nil for any other message.
func displayError(m wlMessage) error {
	if m.object != wlDisplayID || m.opcode != wlDisplayEvError {
		return nil
	}
	a := wlArgs{b: m.args}
	obj, code, msg := a.uint(), a.uint(), a.string()
	if a.err != nil {
		return fmt.Errorf("compositor sent a malformed error: %w", a.err)
	}
	return fmt.Errorf("compositor error on object %d (code %d): %s", obj, code, msg)
}

// event applies idled and resumed; everything else (seat capabilities,
// delete_id) does not matter here.
func (s *waylandSource) event(m wlMessage) {
	const notificationID = 6
	if m.object != notificationID {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch m.opcode {
	case idleEvIdled:
		s.idleAt = s.now()
	case idleEvResumed:
		s.idleAt = time.Time{}
	}
}

// read applies events until the connection ends, then records why.
func (s *waylandSource) read(r *wlReader) {
	defer close(s.done)
	var err error
	for {
		var m wlMessage
		m, err = r.next()
		if err != nil {
			err = fmt.Errorf("%s: connection to the compositor lost: %w", s.name, err)
			break
		}
		if err = displayError(m); err != nil {
			err = fmt.Errorf("%s: %w", s.name, err)
			break
		}
		s.event(m)
	}
	s.conn.Close()
	s.mu.Lock()
	s.err = err
	s.mu.Unlock()
}

func (s *waylandSource) Name() string { return s.name }

func (s *waylandSource) Idle() (time.Duration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return 0, ErrClosed
	case s.err != nil:
		// Auto re-detects after FailLimit of these: that is the reconnect
		// when the compositor restarts.
		return 0, s.err
	case s.idleAt.IsZero():
		return 0, nil
	}
	d := s.now().Sub(s.idleAt) + s.threshold
	if d < s.threshold {
		d = s.threshold // the clock went back
	}
	return d, nil
}

func (s *waylandSource) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	s.conn.Close()
	<-s.done
	return nil
}
