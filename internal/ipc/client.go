package ipc

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
)

// Client is a connection to the daemon. It is safe for concurrent use;
// calls are serialised on the one connection.
type Client struct {
	mu      sync.Mutex
	conn    net.Conn
	r       *bufio.Reader
	next    uint64
	Timeout time.Duration
}

// Dial connects to the daemon's socket. When nothing answers it returns
// ErrNotRunning.
func Dial(path string) (*Client, error) {
	c, err := net.DialTimeout("unix", path, 2*time.Second)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNotRunning, err)
	}
	return NewClient(c), nil
}

// NewClient wraps an open connection (tests use net.Pipe).
func NewClient(c net.Conn) *Client {
	return &Client{conn: c, r: bufio.NewReaderSize(c, 4096), Timeout: 10 * time.Second}
}

// Call sends cmd with args and decodes the reply's data into reply (a
// pointer, or nil to ignore it). A daemon-side failure is a *RemoteError.
func (c *Client) Call(cmd string, args any, reply any) error {
	req := Request{V: Version, Cmd: cmd}
	if args != nil {
		b, err := json.Marshal(args)
		if err != nil {
			return fmt.Errorf("encoding the %s request: %w", cmd, err)
		}
		req.Args = b
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.next++
	req.ID = c.next
	line, err := json.Marshal(req)
	if err != nil {
		return fmt.Errorf("encoding the %s request: %w", cmd, err)
	}
	if c.Timeout > 0 {
		c.conn.SetDeadline(time.Now().Add(c.Timeout))
	}
	if _, err := c.conn.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("sending %s to the daemon: %w", cmd, err)
	}
	respLine, err := readLine(c.r, MaxMessage)
	if err != nil {
		return fmt.Errorf("reading the daemon's reply to %s: %w", cmd, err)
	}
	var resp Response
	if err := json.Unmarshal(respLine, &resp); err != nil {
		return fmt.Errorf("the daemon's reply to %s is not valid: %w", cmd, err)
	}
	if resp.ID != 0 && resp.ID != req.ID {
		return fmt.Errorf("the daemon answered request %d instead of %d", resp.ID, req.ID)
	}
	if !resp.OK {
		if resp.Error == "" {
			resp.Error = "the daemon refused " + cmd
		}
		return &RemoteError{Msg: resp.Error}
	}
	if reply != nil && len(resp.Data) > 0 {
		if err := json.Unmarshal(resp.Data, reply); err != nil {
			return fmt.Errorf("decoding the daemon's reply to %s: %w", cmd, err)
		}
	}
	return nil
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

// IsNotRunning reports whether err means no daemon is there.
func IsNotRunning(err error) bool { return errors.Is(err, ErrNotRunning) }
