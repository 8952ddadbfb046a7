//go:build !windows

package activity

import (
	"bytes"
	"encoding/hex"
	"errors"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Recorded bytes: what libwayland sends for wl_display.get_registry(2) and
// wl_display.sync(3), and a wl_registry.global event as sway sent it.
var (
	recGetRegistry = mustHex("01000000" + "01000c00" + "02000000")
	recSync        = mustHex("01000000" + "00000c00" + "03000000")
	// object 2, opcode 0, size 28: name 9, "wl_seat" (8 with NUL), version 7.
	recGlobalSeat = mustHex("02000000" + "00001c00" + "09000000" + "08000000" + hex.EncodeToString([]byte("wl_seat\x00")) + "07000000")
	// wl_registry.bind(9, "wl_seat", 1, 4) on object 2.
	recBindSeat = mustHex("02000000" + "00002000" + "09000000" + "08000000" + hex.EncodeToString([]byte("wl_seat\x00")) + "01000000" + "04000000")
)

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func TestWireEncodeMatchesRecording(t *testing.T) {
	tests := map[string]struct {
		got, want []byte
	}{
		"get_registry": {newRequest(1, wlDisplayGetRegistry).uint(2).bytes(), recGetRegistry},
		"sync":         {newRequest(1, wlDisplaySync).uint(3).bytes(), recSync},
		"bind":         {newRequest(2, wlRegistryBind).uint(9).string("wl_seat").uint(1).uint(4).bytes(), recBindSeat},
	}
	for name, tc := range tests {
		if !bytes.Equal(tc.got, tc.want) {
			t.Errorf("%s: encoded % x, want % x", name, tc.got, tc.want)
		}
	}
}

func TestWireDecodeRecording(t *testing.T) {
	stream := append(append([]byte(nil), recGlobalSeat...), recSync[:5]...)
	m, rest, err := wlDecode(stream)
	if err != nil {
		t.Fatal(err)
	}
	a := wlArgs{b: m.args}
	name, iface, version := a.uint(), a.string(), a.uint()
	if a.err != nil || m.object != 2 || m.opcode != 0 || name != 9 || iface != "wl_seat" || version != 7 || len(a.b) != 0 {
		t.Fatalf("decoded object %d opcode %d (%d %q %d) err %v rest %d", m.object, m.opcode, name, iface, version, a.err, len(a.b))
	}
	if _, _, err := wlDecode(rest); !errors.Is(err, errWlShort) {
		t.Fatalf("a partial message: err %v, want errWlShort", err)
	}
}

func TestWireDecodeRejectsCorruption(t *testing.T) {
	tests := map[string]string{
		"size below header": "02000000" + "00000400",
		"size not aligned":  "02000000" + "00000d00" + "0000000000",
		"size too big":      "02000000" + "00000110",
		"object zero":       "00000000" + "00000800",
	}
	for name, h := range tests {
		if _, _, err := wlDecode(mustHex(h)); err == nil || errors.Is(err, errWlShort) {
			t.Errorf("%s: err %v, want a corruption error", name, err)
		}
	}
	// Strings: longer than the message, without NUL.
	for name, args := range map[string]string{
		"string past end": "10000000" + "41424300",
		"no NUL":          "04000000" + "41424344",
		"no length":       "",
	} {
		a := wlArgs{b: mustHex(args)}
		a.string()
		if a.err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzWireDecode(f *testing.F) {
	f.Add(recGlobalSeat)
	f.Add(recBindSeat)
	f.Add(append(recSync, recGetRegistry...))
	f.Add(mustHex("01000000" + "00001800" + "05000000" + "03000000" + "08000000" + "6e6f7065" + "000000"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for len(b) > 0 {
			m, rest, err := wlDecode(b)
			if err != nil {
				return
			}
			if len(rest) >= len(b) {
				t.Fatalf("decode consumed nothing from %d bytes", len(b))
			}
			if len(m.args)+wlHeaderSize != len(b)-len(rest) {
				t.Fatalf("args %d + header != consumed %d", len(m.args), len(b)-len(rest))
			}
			a := wlArgs{b: m.args}
			for a.err == nil && len(a.b) > 0 {
				before := len(a.b)
				a.string()
				if a.err == nil && len(a.b) >= before {
					t.Fatal("string consumed nothing")
				}
			}
			displayError(m) // must not panic
			b = rest
		}
	})
}

// fakeCompositor speaks enough of the server side for the idle client.
type fakeCompositor struct {
	t        *testing.T
	socket   string
	ln       net.Listener
	globals  []string // interface names, with "name:version"
	hang     bool     // never answer (a stuck compositor)
	protoErr bool     // answer the idle request with wl_display.error

	mu    sync.Mutex
	conns []net.Conn
	reqs  []string // "object.opcode" of each request seen
	notif uint32   // the notification's object id
	ready chan struct{}
}

func newFakeCompositor(t *testing.T, globals ...string) *fakeCompositor {
	t.Helper()
	fc := &fakeCompositor{t: t, globals: globals, ready: make(chan struct{}, 8)}
	fc.socket = filepath.Join(t.TempDir(), "wayland-test")
	ln, err := net.Listen("unix", fc.socket)
	if err != nil {
		t.Fatal(err)
	}
	fc.ln = ln
	go fc.accept()
	t.Cleanup(fc.stop)
	return fc
}

func (fc *fakeCompositor) stop() {
	fc.ln.Close()
	fc.mu.Lock()
	for _, c := range fc.conns {
		c.Close()
	}
	fc.conns = nil
	fc.mu.Unlock()
}

func (fc *fakeCompositor) accept() {
	for {
		c, err := fc.ln.Accept()
		if err != nil {
			return
		}
		fc.mu.Lock()
		fc.conns = append(fc.conns, c)
		fc.mu.Unlock()
		go fc.serve(c)
	}
}

func (fc *fakeCompositor) serve(c net.Conn) {
	r := &wlReader{conn: c}
	ifaces := map[uint32]string{1: "wl_display"}
	for {
		m, err := r.next()
		if err != nil {
			return
		}
		if fc.hang {
			continue
		}
		fc.mu.Lock()
		fc.reqs = append(fc.reqs, ifaces[m.object]+"."+string(rune('0'+m.opcode)))
		fc.mu.Unlock()
		a := wlArgs{b: m.args}
		switch iface := ifaces[m.object]; {
		case iface == "wl_display" && m.opcode == wlDisplayGetRegistry:
			id := a.uint()
			ifaces[id] = "wl_registry"
			for i, g := range fc.globals {
				name, ver, _ := strings.Cut(g, ":")
				v := uint32(1)
				if ver == "2" {
					v = 2
				}
				c.Write(newRequest(id, wlRegistryEvGlobal).uint(uint32(i + 1)).string(name).uint(v).bytes())
			}
		case iface == "wl_display" && m.opcode == wlDisplaySync:
			id := a.uint()
			c.Write(newRequest(id, wlCallbackEvDone).uint(0).bytes())
			c.Write(newRequest(wlDisplayID, wlDisplayEvDeleteID).uint(id).bytes())
		case iface == "wl_registry" && m.opcode == wlRegistryBind:
			name := a.uint()
			ifc := a.string()
			a.uint()
			id := a.uint()
			if int(name) < 1 || int(name) > len(fc.globals) || !strings.HasPrefix(fc.globals[name-1], ifc) {
				c.Write(newRequest(wlDisplayID, wlDisplayEvError).uint(m.object).uint(0).string("bad global").bytes())
				continue
			}
			ifaces[id] = ifc
		case iface == ifaceExtIdleNotifier || iface == ifaceKDEIdle:
			id := a.uint()
			if fc.protoErr {
				c.Write(newRequest(wlDisplayID, wlDisplayEvError).uint(m.object).uint(1).string("invalid seat").bytes())
				continue
			}
			fc.mu.Lock()
			fc.notif = id
			fc.mu.Unlock()
			ifaces[id] = "notification"
			fc.ready <- struct{}{}
		}
	}
}

// send writes an event to the notification on every connection.
func (fc *fakeCompositor) send(opcode uint16) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for _, c := range fc.conns {
		c.Write(newRequest(fc.notif, opcode).bytes())
	}
}

func (fc *fakeCompositor) requests() string {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	return strings.Join(fc.reqs, " ")
}

// fakeNow is a clock a test moves.
type fakeNow struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeNow) now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeNow) add(d time.Duration) {
	f.mu.Lock()
	f.t = f.t.Add(d)
	f.mu.Unlock()
}

// eventually polls cond: the client applies events on its own goroutine.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting: %s", what)
}

func TestWaylandIdleFromThresholdEvents(t *testing.T) {
	tests := map[string]struct {
		globals  []string
		name     string
		requests string
	}{
		"ext v2 uses input idle": {[]string{"wl_compositor", "wl_seat", "ext_idle_notifier_v1:2", "org_kde_kwin_idle"}, NameWaylandExt,
			"wl_display.1 wl_display.0 wl_registry.0 wl_registry.0 ext_idle_notifier_v1.2 wl_display.0"},
		"ext v1": {[]string{"wl_seat", "ext_idle_notifier_v1", "org_kde_kwin_idle"}, NameWaylandExt,
			"wl_display.1 wl_display.0 wl_registry.0 wl_registry.0 ext_idle_notifier_v1.1 wl_display.0"},
		"kde fallback": {[]string{"wl_seat", "org_kde_kwin_idle"}, NameWaylandKDE,
			"wl_display.1 wl_display.0 wl_registry.0 wl_registry.0 org_kde_kwin_idle.0 wl_display.0"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			fc := newFakeCompositor(t, tc.globals...)
			clk := &fakeNow{t: time.Unix(1000, 0)}
			src, err := openWayland(fc.socket, time.Second, 2*time.Second, clk.now)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			if src.Name() != tc.name {
				t.Errorf("Name() = %q, want %q", src.Name(), tc.name)
			}
			if got := fc.requests(); got != tc.requests {
				t.Errorf("requests:\n got %s\nwant %s", got, tc.requests)
			}
			idle := func() time.Duration {
				d, err := src.Idle()
				if err != nil {
					t.Fatal(err)
				}
				return d
			}
			if d := idle(); d != 0 {
				t.Fatalf("before any event: idle %v, want 0", d)
			}
			fc.send(idleEvIdled)
			eventually(t, "idled applied", func() bool { return idle() == 2*time.Second })
			clk.add(5 * time.Second)
			if d := idle(); d != 7*time.Second {
				t.Fatalf("5 s after idled with a 2 s threshold: idle %v, want 7s", d)
			}
			fc.send(idleEvResumed)
			eventually(t, "resumed applied", func() bool { return idle() == 0 })
		})
	}
}

func TestWaylandRefusals(t *testing.T) {
	tests := map[string]struct {
		fc   func(*fakeCompositor)
		glob []string
		want string
	}{
		"no seat":      {nil, []string{"ext_idle_notifier_v1"}, "no wl_seat"},
		"no protocol":  {nil, []string{"wl_seat", "zwp_idle_inhibit_manager_v1"}, "neither ext_idle_notifier_v1 nor org_kde_kwin_idle"},
		"stuck":        {func(fc *fakeCompositor) { fc.hang = true }, []string{"wl_seat", "ext_idle_notifier_v1"}, "timeout"},
		"protocol err": {func(fc *fakeCompositor) { fc.protoErr = true }, []string{"wl_seat", "ext_idle_notifier_v1"}, "invalid seat"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			fc := newFakeCompositor(t, tc.glob...)
			if tc.fc != nil {
				tc.fc(fc)
			}
			start := time.Now()
			src, err := openWayland(fc.socket, 300*time.Millisecond, time.Second, time.Now)
			if err == nil {
				src.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %q, want it to say %q", err, tc.want)
			}
			if time.Since(start) > 2*time.Second {
				t.Fatalf("took %v: a stuck compositor must not hold Open", time.Since(start))
			}
		})
	}
	if _, err := openWayland(filepath.Join(t.TempDir(), "none"), time.Second, time.Second, time.Now); err == nil {
		t.Fatal("a missing socket opened")
	}
}

// The compositor restarting: the old source reports errors, Auto
// re-detects after FailLimit of them and connects to the new one.
func TestWaylandReconnectThroughAuto(t *testing.T) {
	dir := t.TempDir()
	fc := newFakeCompositor(t, "wl_seat", "ext_idle_notifier_v1")
	env := map[string]string{"WAYLAND_DISPLAY": fc.socket, "XDG_RUNTIME_DIR": dir}
	a := NewAuto(Options{Getenv: func(k string) string { return env[k] }, CallTimeout: time.Second})
	defer a.Close()
	if a.Name() != NameWaylandExt {
		t.Fatalf("Auto picked %q, want %s (%s)", a.Name(), NameWaylandExt, a.Reason())
	}
	fc.stop()
	// A new compositor on the same socket path.
	fc2 := &fakeCompositor{t: t, globals: []string{"wl_seat", "org_kde_kwin_idle"}, socket: fc.socket, ready: make(chan struct{}, 8)}
	var err error
	eventually(t, "old socket gone", func() bool {
		_, err = a.Idle()
		return err != nil
	})
	ln, lerr := net.Listen("unix", fc.socket)
	if lerr != nil {
		t.Fatal(lerr)
	}
	fc2.ln = ln
	go fc2.accept()
	t.Cleanup(fc2.stop)
	for i := 0; i < FailLimit && a.Name() != NameWaylandKDE; i++ {
		a.Idle()
	}
	if a.Name() != NameWaylandKDE {
		t.Fatalf("after the compositor restarted: %q, want %s", a.Name(), NameWaylandKDE)
	}
	if _, err := a.Idle(); err != nil {
		t.Fatalf("Idle after reconnecting: %v", err)
	}
}

func TestWaylandSocketPath(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	tests := map[string]struct {
		getenv func(string) string
		want   string
	}{
		"relative": {env("WAYLAND_DISPLAY", "wayland-1", "XDG_RUNTIME_DIR", "/run/user/5"), "/run/user/5/wayland-1"},
		"absolute": {env("WAYLAND_DISPLAY", "/tmp/w", "XDG_RUNTIME_DIR", "/run/user/5"), "/tmp/w"},
		"unset":    {env("XDG_RUNTIME_DIR", "/run/user/5"), ""},
		"no dir":   {env("WAYLAND_DISPLAY", "wayland-1"), ""},
	}
	for name, tc := range tests {
		if got := WaylandSocket(tc.getenv); got != tc.want {
			t.Errorf("%s: %q, want %q", name, got, tc.want)
		}
	}
}
