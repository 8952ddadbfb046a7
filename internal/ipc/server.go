package ipc

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Handler serves one command. args is the raw JSON of the request's args
// (possibly empty); the returned value is marshalled as the reply's data.
type Handler func(ctx context.Context, args json.RawMessage) (any, error)

// Server answers requests on a listener. Create it with NewServer, add
// commands with Handle before Serve, stop it with Close.
type Server struct {
	handlers map[string]Handler
	// IdleTimeout drops a connection that sends nothing for this long;
	// WriteTimeout drops one that does not read its reply.
	IdleTimeout, WriteTimeout time.Duration
	// Logf reports dropped connections and refused peers (may be nil).
	Logf func(format string, args ...any)

	mu     sync.Mutex
	ln     net.Listener
	conns  map[net.Conn]struct{}
	closed bool
	wg     sync.WaitGroup
	ctx    context.Context
	cancel context.CancelFunc
}

// NewServer returns a server with no commands.
func NewServer() *Server {
	ctx, cancel := context.WithCancel(context.Background())
	return &Server{
		handlers:     map[string]Handler{},
		IdleTimeout:  2 * time.Minute,
		WriteTimeout: 5 * time.Second,
		conns:        map[net.Conn]struct{}{},
		ctx:          ctx,
		cancel:       cancel,
	}
}

// Handle registers a command. Call it before Serve.
func (s *Server) Handle(cmd string, h Handler) { s.handlers[cmd] = h }

// Commands lists the registered command names.
func (s *Server) Commands() []string {
	out := make([]string, 0, len(s.handlers))
	for k := range s.handlers {
		out = append(out, k)
	}
	return out
}

func (s *Server) logf(format string, args ...any) {
	if s.Logf != nil {
		s.Logf(format, args...)
	}
}

// Listen prepares the socket at path: its folder is created 0700 and must
// belong to us; if a daemon already answers there, it returns
// ErrAlreadyRunning without touching the socket (dial before listen, so a
// second daemon never steals it); a stale socket file is replaced.
func Listen(path string) (net.Listener, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating the socket folder %s: %w", dir, err)
	}
	if err := checkPrivateDir(dir); err != nil {
		return nil, err
	}
	if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
		c.Close()
		return nil, ErrAlreadyRunning
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("removing the stale socket %s: %w", path, err)
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("restricting %s to its owner: %w", path, err)
	}
	return ln, nil
}

// Serve accepts connections until Close. It returns nil after Close.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ln.Close()
		return nil
	}
	s.ln = ln
	s.mu.Unlock()
	for {
		c, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			return fmt.Errorf("accepting a control connection: %w", err)
		}
		if err := checkPeer(c); err != nil {
			s.logf("ipc: refused a connection: %v", err)
			c.Close()
			continue
		}
		s.ServeConn(c)
	}
}

// ServeConn serves one connection in a new goroutine (tests use net.Pipe).
func (s *Server) ServeConn(c net.Conn) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		c.Close()
		return
	}
	s.conns[c] = struct{}{}
	s.wg.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.wg.Done()
		defer func() {
			s.mu.Lock()
			delete(s.conns, c)
			s.mu.Unlock()
			c.Close()
		}()
		s.serve(c)
	}()
}

func (s *Server) serve(c net.Conn) {
	r := bufio.NewReaderSize(c, 4096)
	for {
		if s.IdleTimeout > 0 {
			c.SetReadDeadline(time.Now().Add(s.IdleTimeout))
		}
		line, err := readLine(r, MaxMessage)
		if errors.Is(err, errTooLong) {
			s.reply(c, Response{V: Version, Error: fmt.Sprintf("request longer than %d bytes", MaxMessage)})
			return
		}
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				s.logf("ipc: reading a request: %v", err)
			}
			return
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if !s.reply(c, s.Dispatch(line)) {
			return
		}
	}
}

// Dispatch decodes one request line and runs its handler. It never panics
// on bad input: a malformed request gets an error response.
func (s *Server) Dispatch(line []byte) (resp Response) {
	resp.V = Version
	var req Request
	if err := json.Unmarshal(line, &req); err != nil {
		resp.Error = "malformed request: " + err.Error()
		return resp
	}
	resp.ID = req.ID
	if req.V != Version {
		resp.Error = fmt.Sprintf("protocol version %d is not supported (this daemon speaks %d): restart limber so the daemon and the command are the same version", req.V, Version)
		return resp
	}
	h, ok := s.handlers[req.Cmd]
	if !ok {
		resp.Error = fmt.Sprintf("unknown command %q", req.Cmd)
		return resp
	}
	defer func() {
		if p := recover(); p != nil {
			s.logf("ipc: command %s panicked: %v", req.Cmd, p)
			resp = Response{V: Version, ID: req.ID, Error: fmt.Sprintf("internal error in %s", req.Cmd)}
		}
	}()
	data, err := h(s.ctx, req.Args)
	if err != nil {
		resp.Error = err.Error()
		return resp
	}
	if data != nil {
		b, err := json.Marshal(data)
		if err != nil {
			resp.Error = fmt.Sprintf("encoding the reply to %s: %v", req.Cmd, err)
			return resp
		}
		resp.Data = b
	}
	resp.OK = true
	return resp
}

// reply writes one response line; no lock is held while writing, so a slow
// client only ever blocks its own connection.
func (s *Server) reply(c net.Conn, resp Response) bool {
	b, err := json.Marshal(resp)
	if err != nil {
		return false
	}
	b = append(b, '\n')
	if s.WriteTimeout > 0 {
		c.SetWriteDeadline(time.Now().Add(s.WriteTimeout))
	}
	if _, err := c.Write(b); err != nil {
		s.logf("ipc: writing a reply: %v", err)
		return false
	}
	return true
}

// Close stops accepting, closes every connection and waits for handlers.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.cancel()
	var err error
	if s.ln != nil {
		err = s.ln.Close()
	}
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return err
}

var errTooLong = errors.New("line too long")

// readLine reads up to '\n', refusing lines over max bytes.
func readLine(r *bufio.Reader, max int) ([]byte, error) {
	var buf []byte
	for {
		frag, err := r.ReadSlice('\n')
		if len(buf)+len(frag) > max {
			return nil, errTooLong
		}
		buf = append(buf, frag...)
		if err == nil {
			return buf, nil
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
