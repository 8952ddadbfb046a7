// Package ipc is the transport of Limber's control protocol: lines over a
// Unix socket that only the user's own processes may use. It knows nothing
// of commands (internal/api spells those): the server hands each request
// line to one function and writes back the line it returns; the client
// sends a line and reads the one reply.
package ipc

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"
)

// MaxLine caps one request or reply line; a longer line is refused.
const MaxLine = 1 << 20

// ErrNotRunning means no daemon answers on the socket. Its text is for
// users; Dial's error wraps it with the technical cause (errors.Unwrap).
var ErrNotRunning = errors.New("Limber is not running. Start it from the menu or run `limber`.")

// notRunning is ErrNotRunning with the reason the socket did not answer.
type notRunning struct{ cause error }

func (e *notRunning) Error() string        { return ErrNotRunning.Error() }
func (e *notRunning) Is(target error) bool { return target == ErrNotRunning }
func (e *notRunning) Unwrap() error        { return e.cause }

// ErrAlreadyRunning means another daemon already serves the socket.
var ErrAlreadyRunning = errors.New("limber is already running")

// ErrTooLong is returned for a line over MaxLine.
var ErrTooLong = fmt.Errorf("line longer than %d bytes", MaxLine)

// IsNotRunning reports whether err means no daemon is there.
func IsNotRunning(err error) bool { return errors.Is(err, ErrNotRunning) }

// Conn is a client connection to the daemon. It is safe for concurrent
// use; round trips are serialised on the one connection.
type Conn struct {
	mu   sync.Mutex
	conn net.Conn
	r    *bufio.Reader
	// Timeout bounds a round trip whose context has no deadline.
	Timeout time.Duration
}

// Dial connects to the daemon's socket. When nothing answers it returns
// an error wrapping ErrNotRunning.
func Dial(path string) (*Conn, error) {
	c, err := net.DialTimeout("unix", path, 2*time.Second)
	if err != nil {
		return nil, &notRunning{cause: err}
	}
	if err := checkServer(c, path); err != nil {
		c.Close()
		return nil, err
	}
	return NewConn(c), nil
}

// NewConn wraps an open connection (tests use net.Pipe).
func NewConn(c net.Conn) *Conn {
	return &Conn{conn: c, r: bufio.NewReaderSize(c, 4096), Timeout: 10 * time.Second}
}

// RoundTrip sends one request line (without its newline) and returns the
// reply line.
func (c *Conn) RoundTrip(ctx context.Context, line []byte) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	deadline, ok := ctx.Deadline()
	if !ok && c.Timeout > 0 {
		deadline = time.Now().Add(c.Timeout)
	}
	c.conn.SetDeadline(deadline)
	if _, err := c.conn.Write(append(line, '\n')); err != nil {
		return nil, fmt.Errorf("sending to the daemon: %w", err)
	}
	reply, err := readLine(c.r, MaxLine)
	if err != nil {
		return nil, fmt.Errorf("reading the daemon's reply: %w", err)
	}
	return reply, nil
}

// Close closes the connection.
func (c *Conn) Close() error { return c.conn.Close() }

// readLine reads up to '\n' (dropped), refusing lines over max bytes.
func readLine(r *bufio.Reader, max int) ([]byte, error) {
	var buf []byte
	for {
		frag, err := r.ReadSlice('\n')
		if len(buf)+len(frag) > max+1 {
			return nil, ErrTooLong
		}
		buf = append(buf, frag...)
		if err == nil {
			return buf[:len(buf)-1], nil
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) && len(buf) > 0 {
			return buf, nil
		}
		return nil, err
	}
}
