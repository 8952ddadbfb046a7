package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runCmd(f func([]string, *Env) int, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := f(args, &Env{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func TestConfigCheck(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.toml")
	bad := filepath.Join(dir, "bad.toml")
	_ = os.WriteFile(good, []byte("preset = \"cornell\"\n"), 0o600)
	_ = os.WriteFile(bad, []byte("[stretch]\nintervall = \"20m\"\ninterval = \"1s\"\n"), 0o600)

	if code, out, _ := runCmd(cmdConfig, "check", good); code != 0 || !strings.Contains(out, "valid") {
		t.Errorf("good file: %d %q", code, out)
	}
	code, _, errs := runCmd(cmdConfig, "check", bad)
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != 1 || len(lines) != 2 || !strings.HasPrefix(lines[0], bad+":2: ") || !strings.HasPrefix(lines[1], bad+":3: ") {
		t.Errorf("bad file: %d\n%s", code, errs)
	}
	if code, _, errs := runCmd(cmdConfig, "check", filepath.Join(dir, "missing.toml")); code != 1 || !strings.Contains(errs, "cannot read") {
		t.Errorf("missing given file: %d %q", code, errs)
	}
	// No file at the default place yet: the defaults are fine.
	if code, out, _ := runCmd(cmdConfig, "check"); code != 0 || !strings.Contains(out, "no settings file yet") {
		t.Errorf("default, missing: %d %q", code, out)
	}
	if code, out, _ := runCmd(cmdConfig, "path"); code != 0 || strings.TrimSpace(out) != filepath.Join(cfg, "limber", "config.toml") {
		t.Errorf("path: %d %q", code, out)
	}
	if code, out, _ := runCmd(cmdConfig, "defaults"); code != 0 || !strings.Contains(out, "preset = \"office\"") {
		t.Errorf("defaults: %d %q", code, out)
	}
	for _, args := range [][]string{{}, {"frobnicate"}, {"check", "a", "b"}, {"path", "x"}} {
		if code, _, _ := runCmd(cmdConfig, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	for _, args := range [][]string{{"-h"}, {"check", "--help"}, {"path", "-h"}} {
		if code, out, errs := runCmd(cmdConfig, args...); code != 0 || !strings.Contains(out+errs, "usage") {
			t.Errorf("%v: exit %d %q", args, code, out)
		}
	}
}

func TestAutostartCommand(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	if code, out, _ := runCmd(cmdAutostart, "status"); code != 0 || !strings.HasPrefix(out, "off") {
		t.Fatalf("status: %d %q", code, out)
	}
	if code, _, errs := runCmd(cmdAutostart, "on"); code != 0 || errs != "" {
		t.Fatalf("on: %d %q", code, errs)
	}
	if code, out, _ := runCmd(cmdAutostart, "status"); code != 0 || !strings.HasPrefix(out, "on") {
		t.Fatalf("status after on: %d %q", code, out)
	}
	data, _ := os.ReadFile(filepath.Join(cfg, "limber", "config.toml"))
	if !strings.Contains(string(data), "start_at_login = true") {
		t.Errorf("settings file not in step:\n%s", data)
	}
	if code, _, _ := runCmd(cmdAutostart, "off"); code != 0 {
		t.Fatal("off failed")
	}
	if _, err := os.Stat(filepath.Join(cfg, "autostart", "limber.desktop")); err == nil {
		t.Error("desktop file still there after off")
	}
	for _, args := range [][]string{{}, {"maybe"}, {"on", "off"}} {
		if code, _, _ := runCmd(cmdAutostart, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// config check reads the calendar files the settings name: a missing one
// is named and fails the check; a good one says how many meetings it holds.
func TestConfigCheckCalendar(t *testing.T) {
	dir := t.TempDir()
	ics := filepath.Join(dir, "work.ics")
	conf := filepath.Join(dir, "c.toml")
	_ = os.WriteFile(conf, []byte("[calendar]\nfiles = [\""+ics+"\"]\n"), 0o600)
	code, out, errs := runCmd(cmdConfig, "check", conf)
	if code != 1 || strings.Contains(out, "valid") || !strings.Contains(errs, "[calendar] files") || !strings.Contains(errs, "calendar "+ics+": no such file") {
		t.Errorf("missing calendar: %d %q %q", code, out, errs)
	}
	at := time.Now().Add(24 * time.Hour).UTC().Format("20060102T150405Z")
	_ = os.WriteFile(ics, []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Review\r\nDTSTART:"+at+"\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), 0o600)
	if code, out, errs := runCmd(cmdConfig, "check", conf); code != 0 || !strings.Contains(out, "Calendar read; meetings in the coming week: 1.") {
		t.Errorf("good calendar: %d %q %q", code, out, errs)
	}
}

// config check names each user value a lock overrides, at its FILE:LINE,
// with the system file; warnings keep exit 0. A broken system file is an
// error (exit 1) named at its FILE:LINE, and the user's file is still
// checked.
func TestConfigCheckLocked(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	sysDir := t.TempDir()
	sysFile := filepath.Join(sysDir, "limber", "config.toml")
	_ = os.MkdirAll(filepath.Dir(sysFile), 0o755)
	_ = os.WriteFile(sysFile, []byte("locked = [\"breaks.strict\", \"stretch.interval\"]\n[stretch]\ninterval = \"45m\"\n[breaks]\nstrict = true\n"), 0o644)
	t.Setenv("XDG_CONFIG_DIRS", sysDir)
	user := filepath.Join(t.TempDir(), "config.toml")
	_ = os.WriteFile(user, []byte("[stretch]\nlength = \"2m\"\ninterval = \"20m\"\n"), 0o600)

	code, out, errs := runCmd(cmdConfig, "check", user)
	if code != 0 || !strings.Contains(out, user+": valid") || !strings.Contains(out, sysFile+": system settings, valid; locked: breaks.strict, stretch.interval") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], user+":3: warning:") || !strings.Contains(lines[0], sysFile+":3") || // the locked value's line
		!strings.Contains(lines[0], `"stretch.interval"`) {
		t.Errorf("warnings:\n%s", errs)
	}

	_ = os.WriteFile(sysFile, []byte("locked = [\"stretch.intervall\"]\n"), 0o644)
	code, out, errs = runCmd(cmdConfig, "check", user)
	if code != 1 || !strings.HasPrefix(errs, sysFile+":1: ") || !strings.Contains(errs, `Did you mean "stretch.interval"`) ||
		!strings.Contains(errs, "left out") || !strings.Contains(out, user+": valid") || strings.Contains(errs, "warning") {
		t.Errorf("broken system file: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
}
