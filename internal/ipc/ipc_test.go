package ipc

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// upper answers each line with the line in upper case.
func upper(_ context.Context, line []byte) []byte { return bytes.ToUpper(line) }

func pipeConn(t *testing.T, s *Server) *Conn {
	t.Helper()
	a, b := net.Pipe()
	s.ServeConn(a)
	c := NewConn(b)
	t.Cleanup(func() { c.Close(); s.Close() })
	return c
}

func TestRoundTripOverPipe(t *testing.T) {
	c := pipeConn(t, NewServer(upper))
	for _, in := range []string{"hello", "second line on the same connection"} {
		got, err := c.RoundTrip(context.Background(), []byte(in))
		if err != nil || string(got) != strings.ToUpper(in) {
			t.Fatalf("RoundTrip(%q) = %q, %v", in, got, err)
		}
	}
}

func TestTooLongLineIsRefused(t *testing.T) {
	s := NewServer(upper)
	s.TooLong = []byte("refused: too long")
	a, b := net.Pipe()
	s.ServeConn(a)
	defer s.Close()
	go b.Write([]byte(strings.Repeat("x", MaxLine+10) + "\n"))
	b.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 512)
	n, _ := b.Read(buf)
	if !strings.Contains(string(buf[:n]), "too long") {
		t.Fatalf("got %q", buf[:n])
	}
}

func TestConnectionCap(t *testing.T) {
	s := NewServer(upper)
	s.MaxConns = 2
	defer s.Close()
	var held []net.Conn
	for range 2 {
		a, b := net.Pipe()
		s.ServeConn(a)
		held = append(held, b)
	}
	a, b := net.Pipe()
	s.ServeConn(a)
	b.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := b.Read(make([]byte, 1)); err == nil {
		t.Fatal("a connection over the cap was served")
	}
	held[0].Close()
	// Once one closes, a new connection is served again.
	deadline := time.Now().Add(5 * time.Second)
	for {
		a, b := net.Pipe()
		s.ServeConn(a)
		c := NewConn(b)
		c.Timeout = time.Second
		if got, err := c.RoundTrip(context.Background(), []byte("x")); err == nil && string(got) == "X" {
			c.Close()
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("no connection served after one closed")
		}
	}
}

func TestListenSocketRules(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run", "limber")
	path := filepath.Join(dir, "limber.sock")
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	s := NewServer(upper)
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()

	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s has mode %v, want %v", p, fi.Mode().Perm(), want)
		}
	}
	// A second daemon must not steal the socket.
	if _, err := Listen(path); !errors.Is(err, ErrAlreadyRunning) {
		t.Fatalf("second Listen: got %v, want ErrAlreadyRunning", err)
	}
	c, err := Dial(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := c.RoundTrip(context.Background(), []byte("ping")); err != nil || string(got) != "PING" {
		t.Fatalf("the first daemon stopped answering: %q %v", got, err)
	}
	c.Close()
	s.Close()
	if err := <-done; err != nil {
		t.Fatalf("Serve after Close: %v", err)
	}
	// A stale socket file is replaced.
	ln2, err := Listen(path)
	if err != nil {
		t.Fatalf("Listen over a stale socket: %v", err)
	}
	ln2.Close()
}

func TestDialNothingRunning(t *testing.T) {
	_, err := Dial(filepath.Join(t.TempDir(), "none.sock"))
	if !IsNotRunning(err) {
		t.Fatalf("got %v, want ErrNotRunning", err)
	}
	if strings.Contains(err.Error(), "make run") || strings.Contains(err.Error(), ".sock") {
		t.Errorf("the message speaks of the source tree or the socket: %v", err)
	}
}
