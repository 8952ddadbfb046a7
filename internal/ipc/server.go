package ipc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// Handler answers one request line with one reply line. It must not
// panic on bad input; it runs on the connection's own goroutine.
type Handler func(ctx context.Context, line []byte) []byte

// Server answers request lines on a listener. Create it with NewServer,
// stop it with Close.
type Server struct {
	handle Handler
	// TooLong is the reply to a request line over MaxLine (the connection
	// is closed after it).
	TooLong []byte
	// IdleTimeout drops a connection that sends nothing for this long;
	// WriteTimeout drops one that does not read its reply.
	IdleTimeout, WriteTimeout time.Duration
	// MaxConns caps open connections: past it new ones are closed at once,
	// so a flood cannot use up the daemon's file descriptors.
	MaxConns int
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

// NewServer returns a server that answers each line with h.
func NewServer(h Handler) *Server {
	ctx, cancel := context.WithCancel(context.Background())
	return &Server{
		handle:       h,
		IdleTimeout:  2 * time.Minute,
		WriteTimeout: 5 * time.Second,
		MaxConns:     64,
		conns:        map[net.Conn]struct{}{},
		ctx:          ctx,
		cancel:       cancel,
	}
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
	lock, err := startLock(path)
	if err != nil {
		return nil, err
	}
	if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
		c.Close()
		lock.Close()
		return nil, ErrAlreadyRunning
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		lock.Close()
		return nil, fmt.Errorf("removing the stale socket %s: %w", path, err)
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		lock.Close()
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, ErrAlreadyRunning // lost a race the lock could not see
		}
		return nil, fmt.Errorf("listening on %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		lock.Close()
		return nil, fmt.Errorf("restricting %s to its owner: %w", path, err)
	}
	return lockedListener{ln, lock}, nil
}

// lockedListener holds the start lock until it is closed.
type lockedListener struct {
	net.Listener
	lock *os.File
}

func (l lockedListener) Close() error {
	err := l.Listener.Close()
	if l.lock != nil {
		l.lock.Close()
	}
	return err
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
			// Out of file descriptors, or a passing network error: wait
			// and go on, the daemon must outlive it.
			s.logf("ipc: accepting a connection: %v", err)
			time.Sleep(100 * time.Millisecond)
			continue
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
	if s.MaxConns > 0 && len(s.conns) >= s.MaxConns {
		s.mu.Unlock()
		s.logf("ipc: %d connections open, refusing another", s.MaxConns)
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
		line, err := readLine(r, MaxLine)
		if errors.Is(err, ErrTooLong) {
			s.write(c, s.TooLong)
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
		if !s.write(c, s.handle(s.ctx, line)) {
			return
		}
	}
}

// write sends one reply line; no lock is held while writing, so a slow
// client only ever blocks its own connection.
func (s *Server) write(c net.Conn, line []byte) bool {
	if s.WriteTimeout > 0 {
		c.SetWriteDeadline(time.Now().Add(s.WriteTimeout))
	}
	if _, err := c.Write(append(line, '\n')); err != nil {
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
