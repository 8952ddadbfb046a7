//go:build linux

package display

import (
	"net"
	"path/filepath"
	"testing"
)

func TestProbe(t *testing.T) {
	dir := t.TempDir()
	ln, err := net.Listen("unix", filepath.Join(dir, "wayland-7"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	for name, tc := range map[string]struct {
		wayland, runtime, x string
		want                bool
	}{
		"nothing":             {"", dir, "", false},
		"wayland socket":      {"wayland-7", dir, "", true},
		"wayland gone":        {"wayland-8", dir, "", false},
		"x display not there": {"", dir, ":987", false},
		"malformed display":   {"", dir, "nonsense", false},
	} {
		t.Setenv("WAYLAND_DISPLAY", tc.wayland)
		t.Setenv("XDG_RUNTIME_DIR", tc.runtime)
		t.Setenv("DISPLAY", tc.x)
		if got := Available(); got != tc.want {
			t.Errorf("%s: %v, want %v", name, got, tc.want)
		}
	}
}
