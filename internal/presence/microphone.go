package presence

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The microphone watcher: a recording stream on a real source (not the
// monitor of an output) means a call, a dictation or a recording — the
// user is there without typing. It subscribes to PulseAudio's source and
// source-output events (PipeWire's pulse server included) and re-lists
// the recording streams when one comes or goes: nothing is polled.

// PulseSocket is where the PulseAudio (or pipewire-pulse) server listens:
// $PULSE_SERVER when it names a Unix socket ("unix:/path" or "/path"),
// else $XDG_RUNTIME_DIR/pulse/native. "" when neither is known.
func PulseSocket(getenv func(string) string) string {
	if s := getenv("PULSE_SERVER"); s != "" {
		// A list of servers: take the first local one.
		for _, f := range strings.Fields(s) {
			f = strings.TrimPrefix(f, "unix:")
			if strings.HasPrefix(f, "/") {
				return f
			}
		}
		return ""
	}
	if dir := getenv("XDG_RUNTIME_DIR"); dir != "" {
		return filepath.Join(dir, "pulse", "native")
	}
	return ""
}

// pulseCookie is the authentication cookie, or zeros: a server on a Unix
// socket also accepts a client of the same user by its credentials.
func pulseCookie(getenv func(string) string) []byte {
	var paths []string
	if p := getenv("PULSE_COOKIE"); p != "" {
		paths = append(paths, p)
	}
	if d := getenv("XDG_CONFIG_HOME"); d != "" {
		paths = append(paths, filepath.Join(d, "pulse", "cookie"))
	}
	if h := getenv("HOME"); h != "" {
		paths = append(paths, filepath.Join(h, ".config", "pulse", "cookie"), filepath.Join(h, ".pulse-cookie"))
	}
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil && len(b) == 256 {
			return b
		}
	}
	return make([]byte, 256)
}

// pulseConn is one connection; only its watcher goroutine uses it.
type pulseConn struct {
	conn    net.Conn
	timeout time.Duration
	version uint32
	tag     uint32
	// events counts subscription events seen while waiting for a reply,
	// so the watcher knows to look again.
	events int
	// monitors caches whether each source index is a monitor.
	monitors map[uint32]bool
}

func dialPulse(socket string, cookie []byte, timeout time.Duration) (*pulseConn, error) {
	if socket == "" {
		return nil, errors.New("no PulseAudio socket (XDG_RUNTIME_DIR is not set)")
	}
	c, err := net.DialTimeout("unix", socket, timeout)
	if err != nil {
		return nil, fmt.Errorf("connecting to PulseAudio at %s: %w", socket, err)
	}
	p := &pulseConn{conn: c, timeout: timeout, monitors: map[uint32]bool{}}
	reply, err := p.request(paCommand(paCmdAuth, p.next()).u32(paVersion).arbitrary(cookie))
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("authenticating to PulseAudio: %w", err)
	}
	r := &paRead{b: reply}
	p.version = min(r.u32()&0xffff, paVersion)
	if r.err != nil {
		c.Close()
		return nil, fmt.Errorf("authenticating to PulseAudio: %w", r.err)
	}
	if p.version < paMinVersion {
		c.Close()
		return nil, fmt.Errorf("PulseAudio speaks protocol %d, Limber needs %d or later", p.version, paMinVersion)
	}
	if _, err := p.request(paCommand(paCmdSetClientName, p.next()).proplist(
		"application.name", "Limber", "application.id", "io.github.limber", "application.process.binary", "limber")); err != nil {
		c.Close()
		return nil, fmt.Errorf("naming the PulseAudio client: %w", err)
	}
	if _, err := p.request(paCommand(paCmdSubscribe, p.next()).u32(paSubscriptionSource | paSubscriptionSrcOutput)); err != nil {
		c.Close()
		return nil, fmt.Errorf("subscribing to PulseAudio events: %w", err)
	}
	return p, nil
}

func (p *pulseConn) next() uint32 { p.tag++; return p.tag }

// request sends one command and waits (bounded) for its reply; events that
// arrive meanwhile are counted.
func (p *pulseConn) request(w *paWrite) ([]byte, error) {
	tag := paBE.Uint32(w.b[6:]) // after the command's tag byte and value, the tag's
	p.conn.SetDeadline(time.Now().Add(p.timeout))
	defer p.conn.SetDeadline(time.Time{})
	if _, err := p.conn.Write(w.packet()); err != nil {
		return nil, err
	}
	for {
		cmd, gotTag, rest, err := p.read()
		if err != nil {
			return nil, err
		}
		if cmd == paCmdSubscribeEvent {
			p.events++
			continue
		}
		if gotTag != tag {
			continue // a reply to nothing we wait for
		}
		switch cmd {
		case paCmdReply:
			return rest, nil
		case paCmdError:
			r := &paRead{b: rest}
			return nil, fmt.Errorf("server error %d", r.u32())
		default:
			return nil, fmt.Errorf("unexpected command %d in reply", cmd)
		}
	}
}

// read returns the next control packet's command, tag and the rest.
func (p *pulseConn) read() (cmd, tag uint32, rest []byte, err error) {
	for {
		payload, control, err := paReadPacket(p.conn)
		if err != nil {
			return 0, 0, nil, err
		}
		if !control {
			continue
		}
		r := &paRead{b: payload}
		cmd, tag = r.u32(), r.u32()
		if r.err != nil {
			return 0, 0, nil, r.err
		}
		return cmd, tag, r.b, nil
	}
}

// recorders lists the programs recording from a real source.
func (p *pulseConn) recorders() ([]string, error) {
	p.events = 0
	reply, err := p.request(paCommand(paCmdGetSourceOutputs, p.next()))
	if err != nil {
		return nil, fmt.Errorf("listing recording streams: %w", err)
	}
	outs, err := parseSourceOutputs(reply, p.version)
	if err != nil {
		return nil, fmt.Errorf("reading recording streams: %w", err)
	}
	var apps []string
	for _, o := range outs {
		// Peak meters (pavucontrol, a volume applet) record to show a
		// level, not because anyone speaks.
		if o.corked || o.resample == "peaks" {
			continue
		}
		mon, ok := p.monitors[o.source]
		if !ok {
			reply, err := p.request(paCommand(paCmdGetSourceInfo, p.next()).u32(o.source).null())
			if err != nil {
				// The source may have gone meanwhile: the next event re-lists.
				continue
			}
			if _, mon, err = parseSourceMonitor(reply); err != nil {
				return nil, fmt.Errorf("reading source %d: %w", o.source, err)
			}
			if len(p.monitors) > 256 {
				clear(p.monitors)
			}
			p.monitors[o.source] = mon
		}
		if !mon {
			apps = append(apps, o.app())
		}
	}
	slices.Sort(apps)
	return slices.Compact(apps), nil
}

// wait blocks until the next subscription event; it reports whether a
// source changed (the monitor cache is then stale).
func (p *pulseConn) wait() (sourceChanged bool, err error) {
	for {
		cmd, _, rest, err := p.read()
		if err != nil {
			return false, err
		}
		if cmd != paCmdSubscribeEvent {
			continue
		}
		r := &paRead{b: rest}
		ev := r.u32()
		return ev&paFacilityMask == 1 /* PA_SUBSCRIPTION_EVENT_SOURCE */, r.err
	}
}

// startMicrophone connects to the sound server and watches recording
// streams until the connection ends.
func (m *Monitor) startMicrophone(ctx context.Context, o Options) {
	getenv := o.getenv
	socket := o.PulseSocket
	if socket == "" {
		socket = PulseSocket(getenv)
	}
	p, err := dialPulse(socket, pulseCookie(getenv), o.timeout())
	if err != nil {
		m.setOff(PartMicrophone, err.Error())
		return
	}
	apps, err := p.recorders()
	if err != nil {
		p.conn.Close()
		m.setOff(PartMicrophone, err.Error())
		return
	}
	if !m.connect(groupPulse, func() { p.conn.Close() }) {
		return
	}
	m.setLive(PartMicrophone)
	m.update(false, func() { m.micApps = apps })
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		var err error
		for {
			var srcChanged bool
			if srcChanged, err = p.wait(); err != nil {
				break
			}
			if srcChanged {
				clear(p.monitors)
			}
			var apps []string
			if apps, err = p.recorders(); err != nil {
				break
			}
			// Events that came while listing are covered by this listing
			// only if they came before it: look once more.
			if p.events > 0 {
				if apps, err = p.recorders(); err != nil {
					break
				}
			}
			m.update(false, func() { m.micApps = apps })
		}
		p.conn.Close()
		if ctx.Err() == nil {
			m.setOff(PartMicrophone, fmt.Sprintf("connection to the sound server lost: %v", err))
		}
		m.update(false, func() { m.micApps = nil })
		m.disconnect(groupPulse)
	}()
}
