package activity

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// The Wayland wire format (wayland.freedesktop.org/docs/html/ch04.html): a
// message is an 8-byte header — the object id, then a word whose high 16
// bits are the message size in bytes (header included) and low 16 bits the
// opcode — followed by 32-bit arguments. Strings and arrays carry a length
// word and are padded to 4 bytes; strings include their NUL. Words are in
// the host's byte order; every platform Limber runs on is little-endian.
// No served Go module speaks the protocol (the two Go clients are not
// available here), and the part an idle source needs is this small.

var wlEndian = binary.LittleEndian

const (
	wlHeaderSize = 8
	// wlMaxMessage is libwayland's limit (WL_MAX_MESSAGE_SIZE).
	wlMaxMessage = 4096
)

// wlMessage is one decoded message: the object it is for, its opcode and
// its raw argument bytes.
type wlMessage struct {
	object uint32
	opcode uint16
	args   []byte
}

var errWlShort = errors.New("wayland: incomplete message")

// wlDecode takes the first message off buf. It returns errWlShort when buf
// holds only part of one (read more), any other error when the stream is
// corrupt (drop the connection).
func wlDecode(buf []byte) (m wlMessage, rest []byte, err error) {
	if len(buf) < wlHeaderSize {
		return m, buf, errWlShort
	}
	word := wlEndian.Uint32(buf[4:])
	size := int(word >> 16)
	if size < wlHeaderSize || size%4 != 0 || size > wlMaxMessage {
		return m, buf, fmt.Errorf("wayland: bad message size %d", size)
	}
	if len(buf) < size {
		return m, buf, errWlShort
	}
	m = wlMessage{object: wlEndian.Uint32(buf), opcode: uint16(word), args: buf[wlHeaderSize:size]}
	if m.object == 0 {
		return m, buf, errors.New("wayland: message for object 0")
	}
	return m, buf[size:], nil
}

// wlArgs reads arguments in order; the first failure sticks in err.
type wlArgs struct {
	b   []byte
	err error
}

func (a *wlArgs) uint() uint32 {
	if a.err != nil {
		return 0
	}
	if len(a.b) < 4 {
		a.err = errors.New("wayland: argument past the end of the message")
		return 0
	}
	v := wlEndian.Uint32(a.b)
	a.b = a.b[4:]
	return v
}

func (a *wlArgs) string() string {
	n := int(a.uint())
	if a.err != nil {
		return ""
	}
	if n == 0 { // a null string
		return ""
	}
	padded := (n + 3) &^ 3
	if n > len(a.b) || padded > len(a.b) {
		a.err = fmt.Errorf("wayland: string of %d bytes past the end of the message", n)
		return ""
	}
	if a.b[n-1] != 0 {
		a.err = errors.New("wayland: string without its terminating NUL")
		return ""
	}
	s := string(a.b[:n-1])
	a.b = a.b[padded:]
	return s
}

// wlEncode builds one request.
type wlEncode struct{ b []byte }

func newRequest(object uint32, opcode uint16) *wlEncode {
	e := &wlEncode{b: make([]byte, wlHeaderSize, 64)}
	wlEndian.PutUint32(e.b, object)
	wlEndian.PutUint32(e.b[4:], uint32(opcode))
	return e
}

func (e *wlEncode) uint(v uint32) *wlEncode {
	e.b = wlEndian.AppendUint32(e.b, v)
	return e
}

func (e *wlEncode) string(s string) *wlEncode {
	n := len(s) + 1
	e.b = wlEndian.AppendUint32(e.b, uint32(n))
	e.b = append(e.b, s...)
	for pad := (n+3)&^3 - len(s); pad > 0; pad-- {
		e.b = append(e.b, 0)
	}
	return e
}

// bytes finishes the message: the size goes into the header.
func (e *wlEncode) bytes() []byte {
	word := wlEndian.Uint32(e.b[4:])
	wlEndian.PutUint32(e.b[4:], uint32(len(e.b))<<16|word&0xffff)
	return e.b
}
