package daemon

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/notify"
	"github.com/limber-app/limber/internal/settings"
	"github.com/limber-app/limber/internal/status"
	"github.com/limber-app/limber/internal/tray"
)

const eveningFile = `[limits]
hydration_goal = 6

[profile.evening]
when = ["mon-fri 18:00-24:00"]
breaks.strict = true
limits.hydration_goal = 2

[profile.travel]
posture.enabled = false
`

// withProfiles runs the harness on a settings file with two profiles and
// a place to keep the hand choice.
func withProfiles(t *testing.T, dir string) func(*Options) {
	return func(o *Options) {
		path := filepath.Join(dir, "config.toml")
		if _, err := os.Stat(path); err != nil {
			if err := os.WriteFile(path, []byte(eveningFile), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		st, _, err := settings.OpenStore(path)
		if err != nil {
			t.Fatal(err)
		}
		o.Settings = st
		o.ProfileChoice = filepath.Join(dir, "profile.json")
	}
}

func (h *harness) setClock(t time.Time) {
	h.w.mu.Lock()
	h.w.now = t
	h.w.mu.Unlock()
}

// A Monday: the main settings by day, the evening profile from 18:00
// sharp, applied like an edit of the settings (the core turns strict).
func TestProfileSwitchAt18(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, withProfiles(t, dir))
	day := h.w.Now() // Monday 09:00
	st := h.status()
	if st.Profile != settings.DefaultProfile || !st.ProfileAuto || st.Strict || st.GlassGoal != 6 ||
		strings.Join(st.Profiles, ",") != "evening,travel" {
		t.Fatalf("by day: profile %q auto %v strict %v goal %d profiles %v", st.Profile, st.ProfileAuto, st.Strict, st.GlassGoal, st.Profiles)
	}
	h.setClock(day.Add(8*time.Hour + 59*time.Minute + 30*time.Second))
	if wait := h.d.Tick(); wait > 30*time.Second {
		t.Errorf("at 17:59:30 the loop waits %v: the switch would come late", wait)
	}
	h.setClock(day.Add(9 * time.Hour))
	h.d.Tick()
	st = h.status()
	if st.Profile != "evening" || !st.ProfileAuto || !st.Strict || st.GlassGoal != 2 {
		t.Fatalf("at 18:00: profile %q auto %v strict %v goal %d", st.Profile, st.ProfileAuto, st.Strict, st.GlassGoal)
	}
	if !strings.Contains(status.ProfileLine(st), "evening") {
		t.Errorf("tray line %q", status.ProfileLine(st))
	}
	// Midnight: back to the main settings.
	h.setClock(day.Add(15 * time.Hour))
	h.d.Tick()
	if st = h.status(); st.Profile != settings.DefaultProfile || st.Strict {
		t.Errorf("at midnight: profile %q strict %v", st.Profile, st.Strict)
	}
}

func TestProfileUseAndAuto(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, withProfiles(t, dir))
	ctx := context.Background()
	r, err := h.c.UseProfile(ctx, "travel")
	if err != nil || r.Active != "travel" || r.Auto {
		t.Fatalf("use travel: %+v %v", r, err)
	}
	if st := h.status(); st.Profile != "travel" || st.ProfileAuto || st.Breaks[0].Enabled {
		t.Errorf("status after use travel: %q auto %v posture %v", st.Profile, st.ProfileAuto, st.Breaks[0].Enabled)
	}
	// A hand choice holds against the schedule, and across a restart.
	h.setClock(h.w.Now().Add(9 * time.Hour))
	h.d.Tick()
	if st := h.status(); st.Profile != "travel" {
		t.Errorf("the schedule overrode the hand choice: %q", st.Profile)
	}
	w := &world{now: h.w.Now()}
	o := Options{Source: w, Now: w.Now, Notifier: &notify.Recorder{}}
	withProfiles(t, dir)(&o)
	if d2 := New(o); d2.status(false).Profile != "travel" || d2.status(false).ProfileAuto {
		t.Errorf("after a restart: %q", d2.status(false).Profile)
	}
	// Unknown names are a usage error naming the profiles.
	_, err = h.c.UseProfile(ctx, "hom")
	if !api.IsUsage(err) || !strings.Contains(err.Error(), "default, evening, travel") {
		t.Errorf("unknown profile: %v", err)
	}
	// default pins the main settings, even in the evening.
	if r, err = h.c.UseProfile(ctx, settings.DefaultProfile); err != nil || r.Active != settings.DefaultProfile || r.Auto {
		t.Errorf("use default: %+v %v", r, err)
	}
	r, err = h.c.AutoProfile(ctx)
	if err != nil || r.Active != "evening" || !r.Auto {
		t.Errorf("auto in the evening: %+v %v", r, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "profile.json")); !os.IsNotExist(err) {
		t.Errorf("the hand choice is still kept after auto: %v", err)
	}
	if !r.Profiles[0].Active || r.Profiles[0].When[0] != "mon-fri 18:00-24:00" || r.Profiles[1].Keys[0] != "posture.enabled" {
		t.Errorf("profile list: %+v", r.Profiles)
	}
	// The tray's submenu: a slot by place in the file.
	h.tray(tray.ActProfilePrefix + "2")
	if st := h.status(); st.Profile != "travel" || st.ProfileAuto {
		t.Errorf("tray slot 2: %q", st.Profile)
	}
	if err := h.c.Menu(ctx, tray.ActProfilePrefix+tray.ProfileAuto); err != nil {
		t.Fatal(err)
	}
	if st := h.status(); st.Profile != "evening" || !st.ProfileAuto {
		t.Errorf("tray Automatic: %q", st.Profile)
	}
}

// The settings window's save of a profile writes its table and applies it.
func TestSettingsSetProfile(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, withProfiles(t, dir))
	ctx := context.Background()
	if _, err := h.c.UseProfile(ctx, "evening"); err != nil {
		t.Fatal(err)
	}
	got, err := h.c.Settings(ctx)
	if err != nil || got.Profile != "evening" || strings.Join(got.Overrides, ",") != "breaks.strict,limits.hydration_goal" ||
		!got.Settings.Strict || got.Main.Strict {
		t.Fatalf("settings_get: %+v %v", got, err)
	}
	s := got.Settings
	s.HydrationGoal = 3
	if err := h.c.SaveProfile(ctx, "evening", s, []string{"limits.hydration_goal"}); err != nil {
		t.Fatal(err)
	}
	if st := h.status(); st.Strict || st.GlassGoal != 3 {
		t.Errorf("after saving the profile: strict %v goal %d", st.Strict, st.GlassGoal)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
	if !strings.Contains(string(data), "[profile.evening]\nwhen = [\"mon-fri 18:00-24:00\"]\nlimits.hydration_goal = 3\n") ||
		!strings.Contains(string(data), "hydration_goal = 6") {
		t.Errorf("file after saving the profile:\n%s", data)
	}
}
