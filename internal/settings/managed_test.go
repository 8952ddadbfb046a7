package settings

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// systemDirs makes XDG config dirs holding the given system files (""
// for a dir without one) and points XDG_CONFIG_DIRS at them, most
// important first. It returns the files' paths.
func systemDirs(t testing.TB, files ...string) []string {
	t.Helper()
	var dirs, paths []string
	for _, text := range files {
		d := t.TempDir()
		p := filepath.Join(d, "limber", "config.toml")
		if text != "" {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		dirs, paths = append(dirs, d), append(paths, p)
	}
	t.Setenv("XDG_CONFIG_DIRS", strings.Join(dirs, string(os.PathListSeparator)))
	return paths
}

func writeUser(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// A locked key takes the system's value whatever the user's file says;
// an unlocked system value lies under the user's file; config check's
// warning names the user's line and the system file.
func TestLockedKeyBeatsUserFile(t *testing.T) {
	sysFiles := systemDirs(t, `locked = ["breaks.strict", "stretch.interval"]

[stretch]
interval = "45m"

[breaks]
strict = true

[limits]
hydration_goal = 6
`)
	user := "[stretch]\ninterval = \"20m\"\nlength = \"2m\"\n\n[breaks]\nstrict = false\n\n[limits]\nhydration_goal = 4\n"
	p := writeUser(t, user)
	sys := LoadSystem()
	if len(sys.Problems) > 0 {
		t.Fatalf("system problems: %v", sys.Problems)
	}
	s, probs, err := sys.Load(p)
	if err != nil || len(probs) > 0 {
		t.Fatalf("Load: %v %v", err, probs)
	}
	if s.Stretch.Interval != 45*time.Minute || !s.Strict {
		t.Errorf("locked keys: interval %v strict %v, want the system's 45m and true", s.Stretch.Interval, s.Strict)
	}
	if s.Stretch.Length != 2*time.Minute || s.HydrationGoal != 4 {
		t.Errorf("the user's own keys: length %v goal %d", s.Stretch.Length, s.HydrationGoal)
	}
	// A file that leaves a key out gets the system's (unlocked) value.
	if s, _, _ := sys.Load(writeUser(t, "")); s.HydrationGoal != 6 {
		t.Errorf("system default under an empty user file: goal %d, want 6", s.HydrationGoal)
	}

	warns := sys.Overridden([]byte(user), p)
	if len(warns) != 2 {
		t.Fatalf("warnings: %v", warns)
	}
	for i, want := range []struct {
		line int
		key  string
	}{{2, "stretch.interval"}, {6, "breaks.strict"}} {
		w := warns[i]
		if w.Line != want.line || w.Key != want.key || !strings.HasPrefix(w.String(), p+":") ||
			!strings.Contains(w.Message, sysFiles[0]) {
			t.Errorf("warning %d: %s (want line %d, key %s, naming %s)", i, w, want.line, want.key, sysFiles[0])
		}
	}
	// The same value as the lock overrides nothing.
	if w := sys.Overridden([]byte("[breaks]\nstrict = true\n"), p); len(w) != 0 {
		t.Errorf("equal value warned: %v", w)
	}
}

// Earlier XDG dirs win; each file lies over the later ones.
func TestSystemPrecedence(t *testing.T) {
	systemDirs(t,
		"[limits]\nhydration_goal = 5\n",
		"",
		"locked = [\"limits.hydration_goal\"]\n[limits]\nhydration_goal = 9\ndaily_sitting = \"7h\"\n")
	sys := LoadSystem()
	if len(sys.Problems) > 0 || len(sys.Sources) != 2 {
		t.Fatalf("sources %v problems %v", sys.Sources, sys.Problems)
	}
	b := sys.Base()
	if b.HydrationGoal != 5 || b.DailyLimit != 7*time.Hour {
		t.Errorf("base: goal %d (want 5, the first dir's), limit %v (want 7h, the last dir's)", b.HydrationGoal, b.DailyLimit)
	}
	// The lock is the last dir's, the value the merged one.
	s, _ := sys.Parse([]byte("[limits]\nhydration_goal = 2\n"), "u.toml")
	if s.HydrationGoal != 5 {
		t.Errorf("locked goal %d, want 5", s.HydrationGoal)
	}
	// FILE:LINE is the locked value's line in the locking file (3), not
	// the line of "locked" (1).
	if l := sys.Locks["limits.hydration_goal"]; l.Line != 3 || !strings.HasSuffix(l.Source, "config.toml") {
		t.Errorf("lock %+v", l)
	}
}

// A broken system file is left out whole, locks included, with a message
// naming FILE:LINE; the user's settings still load; another good file
// still applies.
func TestBrokenSystemFile(t *testing.T) {
	for name, tc := range map[string]struct{ text, want string }{
		"syntax":          {"[stretch]\ninterval = \"45m\nlocked = []\n", "not valid TOML"},
		"value":           {"locked = [\"breaks.strict\"]\n[breaks]\nstrict = true\nsnooze = \"1s\"\n", "Snooze"},
		"unknown key":     {"locked = [\"breaks.strict\"]\n[breaks]\nstrikt = true\n", `Did you mean "breaks.strict"`},
		"unknown lock":    {"locked = [\"stretch.intervall\"]\n[breaks]\nstrict = true\n", `Did you mean "stretch.interval"`},
		"lock in a table": {"[breaks]\nstrict = true\nlocked = [\"breaks.strict\"]\n", "at the top of the file"},
		"lock type":       {"locked = [1, 2]\n", "list of setting names"},
		"lock preset":     {"locked = [\"preset\"]\n", "cannot be locked"},
	} {
		t.Run(name, func(t *testing.T) {
			files := systemDirs(t, tc.text, "[limits]\nhydration_goal = 7\n")
			sys := LoadSystem()
			if len(sys.Problems) == 0 {
				t.Fatal("no problem reported")
			}
			p := sys.Problems[0]
			if p.File != files[0] || p.Line == 0 || !strings.Contains(p.Message, tc.want) {
				t.Errorf("problem %s, want %s:LINE with %q", p, files[0], tc.want)
			}
			if len(sys.Locks) != 0 {
				t.Errorf("locks of a broken file apply: %v", sys.Locks)
			}
			s, probs, err := sys.Load(writeUser(t, "[limits]\ndaily_sitting = \"5h\"\n"))
			if err != nil || len(probs) > 0 || s.DailyLimit != 5*time.Hour || s.HydrationGoal != 7 || s.Strict {
				t.Errorf("user settings: %v %v limit %v goal %d strict %v", err, probs, s.DailyLimit, s.HydrationGoal, s.Strict)
			}
		})
	}
	// The line of an unknown lock is the line of "locked".
	systemDirs(t, "# comment\n\nlocked = [\"strict\"]\n[breaks]\nstrict = true\n")
	if p := LoadSystem().Problems; len(p) != 1 || p[0].Line != 3 || !strings.Contains(p[0].Message, `"breaks.strict"`) {
		t.Errorf("unknown lock: %v", p)
	}
}

// A section name locks every key of it.
func TestLockSection(t *testing.T) {
	systemDirs(t, "locked = [\"working_hours\"]\n[working_hours]\nenabled = true\nmonday = { start = \"08:00\", end = \"16:00\" }\n")
	sys := LoadSystem()
	if len(sys.Problems) > 0 {
		t.Fatal(sys.Problems)
	}
	for _, k := range []string{"working_hours.enabled", "working_hours.monday.start", "working_hours.sunday.off"} {
		if !sys.Locked(k) {
			t.Errorf("%s not locked", k)
		}
	}
	s, _ := sys.Parse([]byte("[working_hours]\nenabled = false\n"), "u.toml")
	if !s.WorkingHours.Enabled || s.WorkingHours.Days[1].Start != 8*60 {
		t.Errorf("working hours: %+v", s.WorkingHours)
	}
}

// Saving never writes a locked value: the user's own line stays as it
// was, a key the user never set stays unset; other edits are written.
func TestSaveKeepsLockedLines(t *testing.T) {
	systemDirs(t, "locked = [\"breaks.strict\", \"stretch.interval\"]\n[stretch]\ninterval = \"45m\"\n[breaks]\nstrict = true\n")
	sys := LoadSystem()
	user := "# mine\n[stretch]\ninterval = \"20m\" # my own\n\n[limits]\nhydration_goal = 4\n"
	p := writeUser(t, user)
	s, _, _ := sys.Load(p)
	s.HydrationGoal = 5
	s.Strict = false // a client that tries: the lock wins
	if err := sys.Save(p, s); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	got := string(data)
	if !strings.Contains(got, `interval = "20m" # my own`) || strings.Contains(got, "strict") || !strings.Contains(got, "hydration_goal = 5") {
		t.Errorf("saved file:\n%s", got)
	}
	if s, _, _ := sys.Load(p); !s.Strict || s.Stretch.Interval != 45*time.Minute || s.HydrationGoal != 5 {
		t.Errorf("read back: strict %v interval %v goal %d", s.Strict, s.Stretch.Interval, s.HydrationGoal)
	}
	// Without the lock, the user's own value is back.
	if s, _, _ := (*System)(nil).Load(p); s.Stretch.Interval != 20*time.Minute || s.Strict {
		t.Errorf("lock lifted: interval %v strict %v", s.Stretch.Interval, s.Strict)
	}
}

// A first run's file leaves what the system sets to the system (as
// comments), so that a later change of the system file reaches the user.
func TestFirstRunFileFollowsSystem(t *testing.T) {
	systemDirs(t, "locked = [\"breaks.strict\"]\n[breaks]\nstrict = true\n[limits]\nhydration_goal = 6\n")
	sys := LoadSystem()
	p := filepath.Join(t.TempDir(), "limber", "config.toml")
	if created, err := sys.EnsureFile(p); !created || err != nil {
		t.Fatal(created, err)
	}
	data, _ := os.ReadFile(p)
	text := string(data)
	for _, want := range []string{"# hydration_goal = 6", "# strict = true", "Locked by your administrator"} {
		if !strings.Contains(text, want) {
			t.Errorf("first-run file lacks %q:\n%s", want, text)
		}
	}
	if s, probs := sys.Parse(data, p); len(probs) > 0 || s != sys.Base() {
		t.Errorf("first-run file does not read back as the base: %v", probs)
	}
	systemDirs(t, "[limits]\nhydration_goal = 3\n")
	if s, _, _ := LoadSystem().Load(p); s.HydrationGoal != 3 || s.Strict {
		t.Errorf("after the system file changed: goal %d strict %v", s.HydrationGoal, s.Strict)
	}
}

// The store rereads the system files when they change, and applies them
// over the user's file.
func TestStoreWatchesSystem(t *testing.T) {
	files := systemDirs(t, "[limits]\nhydration_goal = 6\n")
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte("[stretch]\ninterval = \"20m\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	st, _, err := OpenStore(p)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := st.Current(); s.HydrationGoal != 6 {
		t.Fatalf("goal %d", s.HydrationGoal)
	}
	st.w.every, st.w.settle = 20*time.Millisecond, 5*time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	updates := make(chan Update, 4)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); st.Watch(ctx, func(u Update) { updates <- u }) }()
	defer func() { cancel(); wg.Wait() }()

	if err := os.WriteFile(files[0], []byte("locked = [\"stretch.interval\"]\n[stretch]\ninterval = \"50m\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case u := <-updates:
		if u.System == nil || !u.OK() || u.Settings.Stretch.Interval != 50*time.Minute || u.Settings.HydrationGoal != 8 {
			t.Fatalf("update: system %v ok %v interval %v goal %d", u.System != nil, u.OK(), u.Settings.Stretch.Interval, u.Settings.HydrationGoal)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no update after the system file changed")
	}
	if !st.System().Locked("stretch.interval") {
		t.Error("store's system not replaced")
	}
	// Saving from the window keeps the lock and the user's line.
	s, _ := st.Current()
	s.Stretch.Interval = 30 * time.Minute
	if got, err := st.Set(s); err != nil || got.Stretch.Interval != 50*time.Minute {
		t.Fatalf("Set: %v %v", got.Stretch.Interval, err)
	}
	if data, _ := os.ReadFile(p); !strings.Contains(string(data), `interval = "20m"`) {
		t.Errorf("user's line rewritten:\n%s", data)
	}
}

// The example system file shipped for administrators is valid and locks
// what it says.
func TestExampleSystemFile(t *testing.T) {
	src, ok := ReadSystemFile(filepath.Join("..", "..", "docs", "examples", "system-config.toml"))
	if !ok {
		t.Fatal("no example file")
	}
	sys := NewSystem([]Source{src})
	if len(sys.Problems) > 0 {
		t.Fatal(sys.Problems)
	}
	if got := strings.Join(sys.LockedKeys(), " "); got != "breaks.strict stretch.interval stretch.length" {
		t.Errorf("locks %q", got)
	}
	if b := sys.Base(); b.Stretch.Interval != 45*time.Minute || b.HydrationGoal != 6 {
		t.Errorf("base %v %d", b.Stretch.Interval, b.HydrationGoal)
	}
}

// A lock's FILE:LINE is the line of the value it locks, so the warning
// points where the administrator wrote it; a lock on a value the file
// does not set points at "locked".
func TestLockPointsAtTheValue(t *testing.T) {
	systemDirs(t, "locked = [\"stretch\", \"breaks.strict\"]\n\n[stretch]\ninterval = \"45m\"\nlength = \"5m\"\n")
	sys := LoadSystem()
	if len(sys.Problems) > 0 {
		t.Fatal(sys.Problems)
	}
	for key, want := range map[string]int{"stretch.interval": 4, "stretch.length": 5, "breaks.strict": 1} {
		if l := sys.Locks[key]; l.Line != want || !strings.HasSuffix(l.Where(), fmt.Sprintf("config.toml:%d", want)) {
			t.Errorf("%s: lock %+v (%s), want line %d", key, l, l.Where(), want)
		}
	}
}
