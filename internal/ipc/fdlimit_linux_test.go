package ipc

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

const fdServerEnv = "LIMBER_IPC_FDLIMIT_SERVER"

// TestFDLimitServer is the server half of TestOutOfDescriptorsIsNotFatal:
// with RLIMIT_NOFILE at 32 it serves upper-casing until killed.
func TestFDLimitServer(t *testing.T) {
	path := os.Getenv(fdServerEnv)
	if path == "" {
		t.Skip("the server half of TestOutOfDescriptorsIsNotFatal")
	}
	lim := syscall.Rlimit{Cur: 32, Max: 32}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		fmt.Println("setrlimit:", err)
		os.Exit(3)
	}
	ln, err := Listen(path)
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(3)
	}
	s := NewServer(upper)
	fmt.Println("serving")
	fmt.Println("serve returned:", s.Serve(ln))
	os.Exit(4) // Serve must never return on its own
}

// Running out of file descriptors (RLIMIT_NOFILE 32, 100 connections held)
// never ends the server: once the connections go, it answers again.
func TestOutOfDescriptorsIsNotFatal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process")
	}
	path := filepath.Join(t.TempDir(), "limber", "limber.sock")
	cmd := exec.Command(os.Args[0], "-test.run=^TestFDLimitServer$")
	cmd.Env = append(os.Environ(), fdServerEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer cmd.Process.Kill()
	buf := make([]byte, 64)
	if n, _ := out.Read(buf); string(buf[:n]) != "serving\n" {
		t.Fatalf("the server did not start: %q", buf[:n])
	}
	var held []net.Conn
	for range 100 {
		c, err := net.DialTimeout("unix", path, time.Second)
		if err != nil {
			break // the backlog is full: enough
		}
		held = append(held, c)
	}
	time.Sleep(300 * time.Millisecond) // let the server run into EMFILE
	for _, c := range held {
		c.Close()
	}
	select {
	case err := <-exited:
		t.Fatalf("the server ended out of descriptors: %v", err)
	default:
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := Dial(path)
		if err == nil {
			got, err := c.RoundTrip(context.Background(), []byte("still there"))
			c.Close()
			if err == nil && string(got) == "STILL THERE" {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no answer 5 s after the connections closed: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("held %d connections against a limit of 32 descriptors", len(held))
}
