//go:build !windows && !darwin

package autostart

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestXDGOnOffStatus(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	for name, exe := range map[string]string{
		"plain":    "/usr/bin/limber",
		"spaces":   "/home/a b/My Apps/limber",
		"specials": `/opt/we"ird/$x/back\slash/limber`,
	} {
		t.Run(name, func(t *testing.T) {
			st, err := Get(exe)
			if err != nil || st.Enabled {
				t.Fatalf("before On: %+v, %v; want off", st, err)
			}
			if err := On(exe); err != nil {
				t.Fatal(err)
			}
			st, err = Get(exe)
			if err != nil || !st.Enabled || st.Command != exe || st.Stale {
				t.Fatalf("after On: %+v, %v; want on with %q", st, err, exe)
			}
			if want := filepath.Join(cfg, "autostart", "limber.desktop"); st.Where != want {
				t.Errorf("Where = %q, want %q", st.Where, want)
			}
			data, _ := os.ReadFile(st.Where)
			if !strings.Contains(string(data), "[Desktop Entry]") || !strings.Contains(string(data), "Type=Application") {
				t.Errorf("not a desktop entry:\n%s", data)
			}
			if st, _ := Get("/elsewhere/limber"); !st.Stale {
				t.Errorf("entry for %q not stale for another binary", exe)
			}
			if err := Off(); err != nil {
				t.Fatal(err)
			}
			if err := Off(); err != nil {
				t.Fatalf("second Off: %v", err)
			}
			if st, err := Get(exe); err != nil || st.Enabled {
				t.Fatalf("after Off: %+v, %v", st, err)
			}
		})
	}
}

func TestXDGDisabledByHidden(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	if err := On("/usr/bin/limber"); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(cfg, "autostart", "limber.desktop")
	data, _ := os.ReadFile(p)
	if err := os.WriteFile(p, append(data, "Hidden=true\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, _ := Get("/usr/bin/limber"); st.Enabled {
		t.Error("an entry with Hidden=true counts as on")
	}
}
