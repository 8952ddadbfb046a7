package ipc

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func newTestServer() *Server {
	s := NewServer()
	s.Handle("echo", func(ctx context.Context, args json.RawMessage) (any, error) {
		var v map[string]any
		if len(args) > 0 {
			if err := json.Unmarshal(args, &v); err != nil {
				return nil, Usagef("echo wants an object: %v", err)
			}
		}
		return v, nil
	})
	s.Handle("fail", func(ctx context.Context, args json.RawMessage) (any, error) {
		return nil, errors.New("it failed")
	})
	s.Handle("panic", func(ctx context.Context, args json.RawMessage) (any, error) {
		panic("boom")
	})
	return s
}

func pipeClient(t *testing.T, s *Server) *Client {
	t.Helper()
	a, b := net.Pipe()
	s.ServeConn(a)
	c := NewClient(b)
	t.Cleanup(func() { c.Close(); s.Close() })
	return c
}

func TestCallOverPipe(t *testing.T) {
	c := pipeClient(t, newTestServer())
	var got map[string]any
	if err := c.Call("echo", map[string]int{"n": 3}, &got); err != nil {
		t.Fatal(err)
	}
	if got["n"] != float64(3) {
		t.Fatalf("echo returned %v", got)
	}
	err := c.Call("fail", nil, nil)
	var re *RemoteError
	if !errors.As(err, &re) || re.Msg != "it failed" {
		t.Fatalf("fail: got %v", err)
	}
	if err := c.Call("nope", nil, nil); err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Fatalf("unknown: got %v", err)
	}
	if err := c.Call("panic", nil, nil); err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Fatalf("panic: got %v", err)
	}
	// The connection survives all of the above.
	if err := c.Call("echo", nil, nil); err != nil {
		t.Fatal(err)
	}
}

func TestDispatchBadInput(t *testing.T) {
	s := newTestServer()
	tests := map[string]struct {
		line, want string
	}{
		"not json":     {`hello`, "malformed request"},
		"wrong type":   {`{"v":"1"}`, "malformed request"},
		"old version":  {`{"v":0,"cmd":"echo"}`, "protocol version 0"},
		"bad args":     {`{"v":1,"cmd":"echo","args":[1]}`, "echo wants an object"},
		"empty object": {`{}`, "protocol version"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			resp := s.Dispatch([]byte(tc.line))
			if resp.OK || !strings.Contains(resp.Error, tc.want) {
				t.Fatalf("got %+v, want error containing %q", resp, tc.want)
			}
		})
	}
}

func TestTooLongLineIsRefused(t *testing.T) {
	s := newTestServer()
	a, b := net.Pipe()
	s.ServeConn(a)
	defer s.Close()
	go b.Write([]byte(strings.Repeat("x", MaxMessage+10) + "\n"))
	b.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 512)
	n, _ := b.Read(buf)
	if !strings.Contains(string(buf[:n]), "longer than") {
		t.Fatalf("got %q", buf[:n])
	}
}

func TestListenSocketRules(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run", "limber")
	path := filepath.Join(dir, "limber.sock")
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer()
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
	if err := c.Call("echo", nil, nil); err != nil {
		t.Fatalf("the first daemon stopped answering: %v", err)
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
}

func FuzzDispatch(f *testing.F) {
	for _, s := range []string{`{"v":1,"cmd":"echo","args":{"a":1}}`, `{"v":1,"cmd":"fail"}`, `{`, `null`, `{"v":1,"cmd":"echo","args":"x"}`} {
		f.Add([]byte(s))
	}
	s := newTestServer()
	f.Fuzz(func(t *testing.T, line []byte) {
		resp := s.Dispatch(line)
		if resp.V != Version {
			t.Fatalf("reply without version: %+v", resp)
		}
		if !resp.OK && resp.Error == "" {
			t.Fatalf("failed reply without a message: %+v", resp)
		}
	})
}
