package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/api"
)

// TestEndToEndProfiles: the real daemon with a settings file of two
// profiles: the scheduled one is on and the tray says so,
// `limber profile use` switches by hand and the choice outlasts a restart,
// `auto` hands it back, and an edit of a profile's table applies at once.
func TestEndToEndProfiles(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := limberBin(t)
	d := newDesktop(t)
	var cfg string
	for _, e := range d.env {
		if v, ok := strings.CutPrefix(e, "XDG_CONFIG_HOME="); ok {
			cfg = filepath.Join(v, "limber", "config.toml")
		}
	}
	if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	file := "[profile.always]\nwhen = [\"00:00-24:00\"]\nlimits.hydration_goal = 3\n\n[profile.travel]\nposture.enabled = false\n"
	if err := os.WriteFile(cfg, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	d.startDaemon(t, bin)
	if st := d.status(t, bin); st.Profile != "always" || !st.ProfileAuto || st.GlassGoal != 3 {
		t.Fatalf("at start: profile %q auto %v goal %d", st.Profile, st.ProfileAuto, st.GlassGoal)
	}
	// The submenu's entries are the pure model's (internal/tray tests);
	// here the real menu carries the line.
	if labels := d.menuLabels(t); !slices.Contains(labels, "Profile: always (automatic)") {
		t.Errorf("the tray menu has no profile line: %q", labels)
	}
	if _, errs, code := d.limber(t, bin, "profile", "use", "nope"); code != 2 || !strings.Contains(errs, "default, always, travel") {
		t.Errorf("profile use nope: exit %d, %q", code, errs)
	}
	if out, errs, code := d.limber(t, bin, "profile", "use", "travel"); code != 0 || !strings.Contains(out, "travel") {
		t.Fatalf("profile use travel: exit %d, %s %s", code, out, errs)
	}
	// A restart keeps the hand choice.
	if _, errs, code := d.limber(t, bin, "quit"); code != 0 {
		t.Fatalf("quit: %s", errs)
	}
	waitFor(t, 5*time.Second, "the daemon to stop", func() bool { return !answers(t, d, bin) })
	d.startDaemon(t, bin)
	waitFor(t, 5*time.Second, "the daemon to answer again", func() bool { return answers(t, d, bin) })
	if st := d.status(t, bin); st.Profile != "travel" || st.ProfileAuto || st.Breaks[0].Enabled {
		t.Errorf("after a restart: profile %q auto %v", st.Profile, st.ProfileAuto)
	}
	out, errs, code := d.limber(t, bin, "profile", "auto", "--json")
	var r api.ProfileReply
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.Active != "always" || !r.Auto {
		t.Fatalf("profile auto --json: exit %d %s %s", code, out, errs)
	}
	// A hand edit of the active profile applies as any edit does.
	if err := os.WriteFile(cfg, []byte(strings.Replace(file, "hydration_goal = 3", "hydration_goal = 5", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 8*time.Second, "the edited profile to apply", func() bool { return d.status(t, bin).GlassGoal == 5 })
}

// answers reports whether a daemon answers status.
func answers(t *testing.T, d *desktop, bin string) bool {
	_, _, code := d.limber(t, bin, "status")
	return code == 0
}
