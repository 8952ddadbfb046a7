package settings

import (
	"os"
	"strings"
	"testing"
	"time"
)

// Locks beat the active profile as they beat the user's file, and saving
// a profile never makes it set a locked key.
func TestLockBeatsProfile(t *testing.T) {
	systemDirs(t, "locked = [\"breaks.strict\"]\n[breaks]\nstrict = true\n")
	sys := LoadSystem()
	p := writeUser(t, "[limits]\nhydration_goal = 4\n\n[profile.home]\nbreaks.strict = false\nlimits.hydration_goal = 2\n")
	f, probs, err := sys.LoadFile(p)
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	if s := Layered(f, "home"); !s.Strict || s.HydrationGoal != 2 {
		t.Errorf("home profile: strict %v (locked true) goal %d", s.Strict, s.HydrationGoal)
	}
	data, _ := os.ReadFile(p)
	if w := sys.Overridden(data, p); len(w) != 1 || w[0].Line != 5 || w[0].Key != "profile.home.breaks.strict" {
		t.Errorf("config check warnings: %v", w)
	}
	// The window sends the profile with strict among its keys: not
	// written; its own line stays.
	s := Layered(f, "home")
	s.HydrationGoal, s.Snooze = 3, 6*time.Minute
	if err := sys.SaveProfile(p, "home", s, []string{"breaks.strict", "limits.hydration_goal", "breaks.snooze"}); err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(p)
	if !strings.Contains(string(data), "breaks.strict = false") || !strings.Contains(string(data), "limits.hydration_goal = 3") ||
		!strings.Contains(string(data), `breaks.snooze = "6m"`) {
		t.Errorf("saved profile:\n%s", data)
	}
	f, _, _ = sys.LoadFile(p)
	if s := Layered(f, "home"); !s.Strict || s.HydrationGoal != 3 {
		t.Errorf("read back: strict %v goal %d", s.Strict, s.HydrationGoal)
	}
	// A profile that never set the locked key does not get it.
	p2 := writeUser(t, "[profile.work]\nlimits.hydration_goal = 5\n")
	f, _, _ = sys.LoadFile(p2)
	if err := sys.SaveProfile(p2, "work", Layered(f, "work"), []string{"breaks.strict", "limits.hydration_goal"}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(p2); strings.Contains(string(data), "strict") {
		t.Errorf("locked key added to a profile:\n%s", data)
	}
}
