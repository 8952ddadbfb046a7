package settingswin

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/settings"
)

// profileReply is the daemon's answer while the profile "home" is on: it
// sets strict mode and the stretch interval.
func profileReply() api.SettingsReply {
	main := settings.Defaults()
	main.Normalize()
	s := main
	s.Strict = true
	s.Stretch.Interval = 40 * time.Minute
	s.Normalize()
	return api.SettingsReply{Settings: s, Main: main, Profile: "home", Path: "/home/u/.config/limber/config.toml",
		Overrides: []string{"stretch.interval", "breaks.strict"}}
}

func TestProfileMarkersAndSave(t *testing.T) {
	f, c, _ := newTestForm(t, profileReply())
	marked := func() string {
		var keys []string
		for _, fl := range f.fields {
			if fl.mainBtn != nil && fl.mainBtn.Visible() {
				keys = append(keys, fl.Key)
			}
		}
		return strings.Join(keys, ",")
	}
	if got := marked(); got != "stretch.interval,breaks.strict" {
		t.Fatalf("marked %q, want the profile's two keys", got)
	}
	if !f.saveBtn.Disabled() {
		t.Error("Save is on before any edit")
	}
	// An edit makes a key the profile's own.
	typeInto(t, f, "posture.interval", "25")
	if got := marked(); got != "posture.interval,stretch.interval,breaks.strict" {
		t.Errorf("after an edit marked %q", got)
	}
	// The marker puts the main value back and the key leaves the profile.
	test.Tap(f.byKey["breaks.strict"].mainBtn)
	if f.s.Strict || f.checks["breaks.strict"].Checked {
		t.Error("strict is not back to the main value")
	}
	if got := marked(); got != "posture.interval,stretch.interval" {
		t.Errorf("after going back to main marked %q", got)
	}
	test.Tap(f.saveBtn)
	if len(c.profiles) != 1 || len(c.sets) != 0 {
		t.Fatalf("saved %d profiles and %d main settings, want the profile only", len(c.profiles), len(c.sets))
	}
	p := c.profiles[0]
	if p.name != "home" || strings.Join(p.keys, ",") != "posture.interval,stretch.interval" ||
		p.s.Posture.Interval != 25*time.Minute || p.s.Stretch.Interval != 40*time.Minute {
		t.Errorf("saved %+v", p)
	}
	if !f.saveBtn.Disabled() {
		t.Error("Save is still on after saving")
	}
	// Going back to main for a key whose value is the main one already is
	// still an edit to save.
	f2, c2, _ := newTestForm(t, profileReply())
	f2.main.Strict = true
	f2.onChanged()
	test.Tap(f2.byKey["breaks.strict"].mainBtn)
	if f2.saveBtn.Disabled() {
		t.Fatal("dropping a key from the profile cannot be saved")
	}
	test.Tap(f2.saveBtn)
	if got := strings.Join(c2.profiles[0].keys, ","); got != "stretch.interval" {
		t.Errorf("keys %q", got)
	}
}

func TestNoProfileNoMarkers(t *testing.T) {
	f, c, _ := newTestForm(t, api.SettingsReply{})
	for _, fl := range f.fields {
		if fl.mainBtn != nil {
			t.Fatalf("%s has a profile marker without a profile", fl.Key)
		}
	}
	typeInto(t, f, "posture.interval", "25")
	test.Tap(f.saveBtn)
	if len(c.sets) != 1 || len(c.profiles) != 0 {
		t.Errorf("saved %d main settings, %d profiles", len(c.sets), len(c.profiles))
	}
}

// The profile banner is one line naming the profile; what the markers mean
// is behind its ? button, not four lines of the window.
func TestProfileBannerCompact(t *testing.T) {
	f, _, _ := newTestForm(t, profileReply())
	got := labels(f.banner)
	if len(got) != 1 || !strings.Contains(got[0], `Editing profile "home"`) {
		t.Fatalf("banner %q: want one line naming the profile", got)
	}
	var help *escButton
	walk(f.banner, func(o fyne.CanvasObject) {
		if b, ok := o.(*escButton); ok && b.Icon == theme.HelpIcon() {
			help = b
		}
	})
	if help == nil {
		t.Fatal("no ? button in the banner")
	}
	test.Tap(help)
	if got := labels(f.banner); len(got) != 2 || !strings.Contains(got[1], "marker at their right") {
		t.Errorf("after ?: %q", got)
	}
	test.Tap(help)
	if got := labels(f.banner); len(got) != 1 {
		t.Errorf("after ? again: %q", got)
	}
}
