package daemon

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The daemon serves the administrator's locks with the settings, and
// settings_set cannot move a locked key.
func TestLockedSettings(t *testing.T) {
	sys := t.TempDir()
	if err := os.MkdirAll(filepath.Join(sys, "limber"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sys, "limber", "config.toml"),
		[]byte("locked = [\"breaks.strict\"]\n[breaks]\nstrict = true\n[limits]\nhydration_goal = 6\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_DIRS", sys)
	h := newHarness(t)
	ctx := context.Background()
	got, err := h.c.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := got.Locked["breaks.strict"]; !ok || l.Source != filepath.Join(sys, "limber", "config.toml") || l.Line != 3 { // strict = true
		t.Fatalf("locked: %+v", got.Locked)
	}
	var coreStrict bool
	h.d.do(func() { coreStrict = h.d.sched.Config().Strict })
	if !got.Settings.Strict || got.Settings.HydrationGoal != 6 || !coreStrict {
		t.Fatalf("settings in use: strict %v goal %d", got.Settings.Strict, got.Settings.HydrationGoal)
	}
	s := got.Settings
	s.Strict, s.Snooze = false, 7*time.Minute
	if err := h.c.SetSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	got, _ = h.c.Settings(ctx)
	h.d.do(func() { coreStrict = h.d.sched.Config().Strict })
	if !got.Settings.Strict || got.Settings.Snooze != 7*time.Minute || !coreStrict {
		t.Errorf("after settings_set: strict %v snooze %v", got.Settings.Strict, got.Settings.Snooze)
	}
}
