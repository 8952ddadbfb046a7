package main

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/activity/desktoptest"
)

// A logout takes the session bus with it: the daemon must stop (exit 0,
// no panic from the tray's D-Bus calls) rather than stay behind counting
// an empty desk as sitting.
func TestEndToEndSessionBusLost(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	bin := limberBin(t)
	bus := desktoptest.BusServer(t)
	d := newDesktopOn(t, bus.Address)
	cmd := exec.Command(bin, "--verbose")
	cmd.Env = d.env
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var waitErr error
	done := make(chan struct{})
	go func() { waitErr = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		select {
		case <-done:
		default:
			cmd.Process.Kill()
			<-done
		}
	})
	select {
	case <-d.w.got:
	case <-time.After(10 * time.Second):
		t.Fatalf("the tray item never registered; stderr:\n%s", errb.String())
	}
	// A tray update around the loss must not panic: ask for one.
	if _, errs, code := d.limber(t, bin, "pause", "5m"); code != 0 {
		t.Fatalf("pause: %d %s", code, errs)
	}
	bus.Kill()
	select {
	case <-done:
		if waitErr != nil {
			t.Fatalf("the daemon ended with %v; stderr:\n%s", waitErr, errb.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("the daemon was still running 5 s after the session bus went; stderr:\n%s", errb.String())
	}
	if s := errb.String(); strings.Contains(s, "panic") || !strings.Contains(s, "session ended") {
		t.Errorf("stderr does not say why it stopped, or panicked:\n%s", s)
	}
}
