package ipc

import (
	"bufio"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const impostorEnv = "LIMBER_IPC_IMPOSTOR"

// TestImpostorServer is the impostor half of TestImpostorIsRefused: run
// as another user, it serves a fake daemon at the path it is given.
func TestImpostorServer(t *testing.T) {
	path := os.Getenv(impostorEnv)
	if path == "" {
		t.Skip("the impostor half of TestImpostorIsRefused")
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		os.Exit(3)
	}
	os.Chmod(path, 0o777)
	io.WriteString(os.Stdout, "listening\n")
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			bufio.NewReader(c).ReadString('\n')
			io.WriteString(c, `{"v":2,"ok":true,"data":{"glasses_today":99}}`+"\n")
			c.Close()
		}()
	}
}

// A runtime folder pre-created by another user (here: nobody), with a fake
// daemon in it: the real daemon refuses to start there with a clear
// message, and the client refuses to talk to the fake before sending
// anything.
func TestImpostorIsRefused(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("running the impostor as nobody needs root")
	}
	base, err := os.MkdirTemp("", "limber-impostor-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(base)
	os.Chmod(base, 0o755)
	const nobody = 65534
	dir := filepath.Join(base, "limber")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o777)
	os.Chown(dir, nobody, nobody)
	bin := filepath.Join(base, "ipc.test")
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "limber.sock")
	cmd := exec.Command(bin, "-test.run=^TestImpostorServer$")
	cmd.Env = append(os.Environ(), impostorEnv+"="+path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Skipf("cannot run as nobody: %v", err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "listening" {
				ready <- true
			}
		}
		ready <- false
	}()
	select {
	case ok := <-ready:
		if !ok {
			t.Fatal("the impostor did not start")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the impostor did not start in 10 s")
	}

	if _, err := Listen(path); err == nil || !strings.Contains(err.Error(), "another user") {
		t.Errorf("Listen in a folder of nobody's: %v", err)
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o777 {
		t.Errorf("another user's folder was chmodded to %v", fi.Mode().Perm())
	}
	c, err := Dial(path)
	if err == nil {
		c.Close()
		t.Fatal("the client talked to a server run by nobody")
	}
	if !strings.Contains(err.Error(), "not served by your Limber") {
		t.Errorf("Dial: %v", err)
	}
}

// A symlink in the socket folder's place is refused, and its target's mode
// is left alone.
func TestSymlinkedSocketFolderRefused(t *testing.T) {
	base := t.TempDir()
	target := filepath.Join(base, "elsewhere")
	os.Mkdir(target, 0o755)
	os.Chmod(target, 0o755)
	dir := filepath.Join(base, "limber")
	if err := os.Symlink(target, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := Listen(filepath.Join(dir, "limber.sock")); err == nil || !strings.Contains(err.Error(), "symlink") {
		t.Errorf("Listen through a symlink: %v", err)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o755 {
		t.Errorf("the symlink's target was chmodded to %v", fi.Mode().Perm())
	}
}

// Of many daemons starting at once, exactly one listens; the others hear
// ErrAlreadyRunning (never "address already in use").
func TestStartRace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "limber", "limber.sock")
	const n = 40
	var wg sync.WaitGroup
	var mu sync.Mutex
	won, lost := 0, 0
	var lns []net.Listener
	start := make(chan struct{})
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			ln, err := Listen(path)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won++
				lns = append(lns, ln)
			case errors.Is(err, ErrAlreadyRunning):
				lost++
			default:
				t.Errorf("Listen: %v", err)
			}
		}()
	}
	close(start)
	wg.Wait()
	for _, ln := range lns {
		ln.Close()
	}
	if won != 1 || lost != n-1 {
		t.Errorf("%d listened, %d heard already running, of %d", won, lost, n)
	}
}
