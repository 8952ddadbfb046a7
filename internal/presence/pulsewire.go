package presence

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// The PulseAudio native protocol, as little of it as a watcher of
// recording streams needs. Hand-written: the pure-Go client
// (github.com/jfreymuth/pulse) is not served by the module proxy here, and
// the part used — authenticate, name the client, subscribe, list source
// outputs and ask about one source — is a few messages. PipeWire's
// pipewire-pulse speaks the same protocol on the same socket.
//
// A packet is a 20-byte descriptor (length, channel, offset hi/lo, flags;
// big-endian) and a payload; control packets use channel 0xffffffff and
// carry a "tagstruct": typed values, each behind a one-byte tag, so a
// reply can be walked without knowing every field of every version.

const (
	paDescSize    = 20
	paChanControl = 0xffffffff
	// paMaxPacket bounds what we accept (libpulse's FRAME_SIZE_MAX_ALLOW is 16 MiB).
	paMaxPacket = 16 << 20
	// paVersion is the protocol version we speak; replies are laid out
	// for min(ours, the server's).
	paVersion    = 32
	paMinVersion = 22 // source outputs carry corked, volume and format from here
	paInvalid    = 0xffffffff

	paCmdError              = 0
	paCmdReply              = 2
	paCmdAuth               = 8
	paCmdSetClientName      = 9
	paCmdGetSourceInfo      = 23
	paCmdGetSourceOutputs   = 32
	paCmdSubscribe          = 35
	paCmdSubscribeEvent     = 66
	paSubscriptionSource    = 0x0002
	paSubscriptionSrcOutput = 0x0008
	paFacilityMask          = 0x000f
)

// Tags of the tagstruct (pulsecore/tagstruct.h).
const (
	tagString     = 't'
	tagStringNull = 'N'
	tagU32        = 'L'
	tagU8         = 'B'
	tagU64        = 'R'
	tagS64        = 'r'
	tagSampleSpec = 'a'
	tagArbitrary  = 'x'
	tagTrue       = '1'
	tagFalse      = '0'
	tagTimeval    = 'T'
	tagUsec       = 'U'
	tagChannelMap = 'm'
	tagCVolume    = 'v'
	tagProplist   = 'P'
	tagVolume     = 'V'
	tagFormatInfo = 'f'
)

var paBE = binary.BigEndian

// paWrite builds a tagstruct.
type paWrite struct{ b []byte }

func (w *paWrite) u32(v uint32) *paWrite {
	w.b = append(w.b, tagU32)
	w.b = paBE.AppendUint32(w.b, v)
	return w
}

func (w *paWrite) str(s string) *paWrite {
	w.b = append(w.b, tagString)
	w.b = append(w.b, s...)
	w.b = append(w.b, 0)
	return w
}

func (w *paWrite) null() *paWrite { w.b = append(w.b, tagStringNull); return w }

func (w *paWrite) arbitrary(p []byte) *paWrite {
	w.b = append(w.b, tagArbitrary)
	w.b = paBE.AppendUint32(w.b, uint32(len(p)))
	w.b = append(w.b, p...)
	return w
}

// proplist writes string properties (values carry their NUL, as libpulse
// stores them).
func (w *paWrite) proplist(kv ...string) *paWrite {
	w.b = append(w.b, tagProplist)
	for i := 0; i+1 < len(kv); i += 2 {
		w.str(kv[i])
		v := append([]byte(kv[i+1]), 0)
		w.u32(uint32(len(v)))
		w.arbitrary(v)
	}
	w.b = append(w.b, tagStringNull)
	return w
}

// packet frames the tagstruct as a control packet.
func (w *paWrite) packet() []byte {
	out := make([]byte, paDescSize, paDescSize+len(w.b))
	paBE.PutUint32(out[0:], uint32(len(w.b)))
	paBE.PutUint32(out[4:], paChanControl)
	return append(out, w.b...)
}

func paCommand(cmd, tag uint32) *paWrite {
	w := &paWrite{}
	return w.u32(cmd).u32(tag)
}

// paReadPacket reads one packet; memory-block packets (other channels)
// are returned with ok false and skipped by the caller.
func paReadPacket(r io.Reader) (payload []byte, control bool, err error) {
	var desc [paDescSize]byte
	if _, err := io.ReadFull(r, desc[:]); err != nil {
		return nil, false, err
	}
	n := paBE.Uint32(desc[0:])
	if n > paMaxPacket {
		return nil, false, fmt.Errorf("pulseaudio: packet of %d bytes is too big", n)
	}
	payload = make([]byte, n)
	if _, err := io.ReadFull(r, payload); err != nil {
		return nil, false, err
	}
	return payload, paBE.Uint32(desc[4:]) == paChanControl, nil
}

// paRead walks a tagstruct; the first failure sticks in err.
type paRead struct {
	b   []byte
	err error
}

var errPaEnd = errors.New("pulseaudio: tagstruct ends early")

func (r *paRead) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
}

func (r *paRead) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = errPaEnd
		return nil
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}

func (r *paRead) tag(want byte) bool {
	p := r.take(1)
	if p == nil {
		return false
	}
	if p[0] != want {
		r.fail("pulseaudio: tag %q where %q was expected", p[0], want)
		return false
	}
	return true
}

func (r *paRead) u32() uint32 {
	if !r.tag(tagU32) {
		return 0
	}
	if p := r.take(4); p != nil {
		return paBE.Uint32(p)
	}
	return 0
}

func (r *paRead) cstring() string {
	if r.err != nil {
		return ""
	}
	for i, c := range r.b {
		if c == 0 {
			s := string(r.b[:i])
			r.b = r.b[i+1:]
			return s
		}
	}
	r.err = errors.New("pulseaudio: string without its terminating NUL")
	return ""
}

// str reads a string or a null string ("").
func (r *paRead) str() string {
	if r.err != nil {
		return ""
	}
	if len(r.b) > 0 && r.b[0] == tagStringNull {
		r.b = r.b[1:]
		return ""
	}
	if !r.tag(tagString) {
		return ""
	}
	return r.cstring()
}

func (r *paRead) boolean() bool {
	p := r.take(1)
	if p == nil {
		return false
	}
	switch p[0] {
	case tagTrue:
		return true
	case tagFalse:
		return false
	}
	r.fail("pulseaudio: tag %q where a boolean was expected", p[0])
	return false
}

// proplist reads a property list; values are returned without their
// trailing NUL.
func (r *paRead) proplist() map[string]string {
	if !r.tag(tagProplist) {
		return nil
	}
	props := map[string]string{}
	for r.err == nil {
		if len(r.b) > 0 && r.b[0] == tagStringNull {
			r.b = r.b[1:]
			return props
		}
		k := r.str()
		n := r.u32()
		if !r.tag(tagArbitrary) {
			break
		}
		m := r.take(4)
		if m == nil {
			break
		}
		if paBE.Uint32(m) != n {
			r.fail("pulseaudio: property %q: length %d and %d disagree", k, n, paBE.Uint32(m))
			break
		}
		v := r.take(int(n))
		if len(v) > 0 && v[len(v)-1] == 0 {
			v = v[:len(v)-1]
		}
		if len(props) < 256 { // a bound on what a hostile server can make us keep
			props[k] = string(v)
		}
	}
	return nil
}

// skip passes one value of any type, whatever its tag.
func (r *paRead) skip() {
	p := r.take(1)
	if p == nil {
		return
	}
	switch p[0] {
	case tagString:
		r.cstring()
	case tagStringNull, tagTrue, tagFalse:
	case tagU32, tagVolume:
		r.take(4)
	case tagU8:
		r.take(1)
	case tagU64, tagS64, tagUsec, tagTimeval:
		r.take(8)
	case tagSampleSpec:
		r.take(6)
	case tagArbitrary:
		if n := r.take(4); n != nil {
			r.take(int(paBE.Uint32(n)))
		}
	case tagChannelMap:
		if n := r.take(1); n != nil {
			r.take(int(n[0]))
		}
	case tagCVolume:
		if n := r.take(1); n != nil {
			r.take(4 * int(n[0]))
		}
	case tagProplist:
		r.b = append([]byte{tagProplist}, r.b...)
		r.proplist()
	case tagFormatInfo:
		r.skip() // encoding (u8)
		r.skip() // proplist
	default:
		r.fail("pulseaudio: unknown tag %q", p[0])
	}
}

func (r *paRead) skipN(n int) {
	for i := 0; i < n && r.err == nil; i++ {
		r.skip()
	}
}

// sourceOutput is what we keep of a recording stream.
type sourceOutput struct {
	index, source uint32
	name          string
	resample      string // "peaks" for a level meter
	corked        bool
	props         map[string]string
}

// app names the program that records, for status and the ignore list.
func (o sourceOutput) app() string {
	for _, k := range []string{"application.name", "application.process.binary"} {
		if v := o.props[k]; v != "" {
			return v
		}
	}
	if o.name != "" {
		return o.name
	}
	return fmt.Sprintf("stream %d", o.index)
}

// parseSourceOutputs reads the reply to GET_SOURCE_OUTPUT_INFO_LIST for
// protocol version v (at least paMinVersion).
func parseSourceOutputs(b []byte, v uint32) ([]sourceOutput, error) {
	r := &paRead{b: b}
	var out []sourceOutput
	for len(r.b) > 0 && r.err == nil {
		var o sourceOutput
		o.index = r.u32()
		o.name = r.str()
		r.skipN(2) // owner module, client
		o.source = r.u32()
		r.skipN(4) // sample spec, channel map, buffer and source latency
		o.resample = r.str()
		r.skip() // driver
		o.props = r.proplist()
		o.corked = r.boolean()
		r.skipN(5) // volume, muted, has volume, volume writable, format (v ≥ 22)
		_ = v      // nothing past format up to paVersion
		if r.err != nil {
			break
		}
		if len(out) >= 1024 {
			return nil, errors.New("pulseaudio: more than 1024 recording streams")
		}
		out = append(out, o)
	}
	return out, r.err
}

// parseSourceMonitor reads the reply to GET_SOURCE_INFO as far as
// "monitor of sink": whether the source only mirrors an output.
func parseSourceMonitor(b []byte) (name string, monitor bool, err error) {
	r := &paRead{b: b}
	r.u32() // index
	name = r.str()
	r.skipN(6) // description, sample spec, channel map, owner module, volume, mute
	ofSink := r.u32()
	return name, ofSink != paInvalid, r.err
}
