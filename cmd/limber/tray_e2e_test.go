package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// A tray host that starts 15 s after Limber, and then restarts twice: the
// item registers with each, although a signal of two arguments (what
// dunst's NotificationClosed looks like) reached Limber's connection first
// (it used to stop fyne.io/systray's watch for good), and `status` says
// live whether the icon is shown.
func TestEndToEndLateAndRestartedTrayHost(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := limberBin(t)
	d := newDesktop(t)
	const watcherName = "org.kde.StatusNotifierWatcher"
	if _, err := d.conn.ReleaseName(watcherName); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin)
	cmd.Env = d.env
	var errb bytes.Buffer
	cmd.Stderr = &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		if t.Failed() {
			t.Logf("daemon stderr:\n%s", errb.String())
		}
	})
	item := fmt.Sprintf("org.kde.StatusNotifierItem-%d-1", cmd.Process.Pid)
	var owner string
	waitFor(t, 10*time.Second, "the tray item on the bus", func() bool {
		return d.conn.BusObject().Call("org.freedesktop.DBus.GetNameOwner", 0, item).Store(&owner) == nil
	})
	// a short signal, addressed to the daemon's connection
	msg := &dbus.Message{Type: dbus.TypeSignal, Headers: map[dbus.HeaderField]dbus.Variant{
		dbus.FieldPath:        dbus.MakeVariant(dbus.ObjectPath("/org/freedesktop/Notifications")),
		dbus.FieldInterface:   dbus.MakeVariant("org.freedesktop.Notifications"),
		dbus.FieldMember:      dbus.MakeVariant("NotificationClosed"),
		dbus.FieldDestination: dbus.MakeVariant(owner),
		dbus.FieldSignature:   dbus.MakeVariant(dbus.SignatureOf(uint32(0), uint32(0))),
	}, Body: []any{uint32(1), uint32(2)}}
	if call := d.conn.Send(msg, nil); call.Err != nil {
		t.Fatal(call.Err)
	}
	waitFor(t, 10*time.Second, "status answering", func() bool {
		_, _, code := d.limber(t, bin, "status")
		return code == 0
	})
	if st := d.status(t, bin); !strings.Contains(st.Tray, "no tray host") {
		t.Errorf("with no host, status says the tray is %q", st.Tray)
	}
	registrations := func() int {
		d.w.mu.Lock()
		defer d.w.mu.Unlock()
		return len(d.w.items)
	}
	time.Sleep(time.Until(start.Add(15 * time.Second)))
	for round := 1; round <= 3; round++ {
		before := registrations()
		if reply, err := d.conn.RequestName(watcherName, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
			t.Fatalf("round %d: owning the watcher name: %v %v", round, reply, err)
		}
		waitFor(t, 5*time.Second, fmt.Sprintf("registration with host %d", round), func() bool { return registrations() > before })
		if st := d.status(t, bin); st.Tray != "shown" {
			t.Errorf("round %d: status says the tray is %q", round, st.Tray)
		}
		if round < 3 {
			if _, err := d.conn.ReleaseName(watcherName); err != nil {
				t.Fatal(err)
			}
			waitFor(t, 5*time.Second, "status seeing the host go", func() bool {
				return strings.Contains(d.status(t, bin).Tray, "no tray host")
			})
		}
	}
	t.Logf("%d registrations over 3 hosts", registrations())
}

// Without any session bus, quit and SIGTERM end the daemon cleanly, with no
// panic in systray's shutdown.
func TestEndToEndNoBusShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := limberBin(t)
	d := newDesktop(t)
	env := []string{}
	for _, e := range d.env {
		if !strings.HasPrefix(e, "DBUS_SESSION_BUS_ADDRESS=") {
			env = append(env, e)
		}
	}
	env = append(env, "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus")
	for _, how := range []string{"quit", "SIGTERM"} {
		cmd := exec.Command(bin)
		cmd.Env = env
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		status := func() bool {
			c := exec.Command(bin, "status")
			c.Env = env
			return c.Run() == nil
		}
		waitFor(t, 10*time.Second, "the daemon answering", status)
		if how == "quit" {
			c := exec.Command(bin, "quit")
			c.Env = env
			c.Run()
		} else {
			cmd.Process.Signal(syscall.SIGTERM)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil || strings.Contains(errb.String(), "panic") {
				t.Errorf("%s without a bus: %v\n%s", how, err, errb.String())
			}
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Errorf("%s without a bus: the daemon did not end", how)
		}
	}
}
