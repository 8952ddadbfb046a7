package settings

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Saving from the window edits the user's file: comments, order and
// unknown-to-the-window layout stay; only the changed lines change.
func TestSaveKeepsCommentsAndOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	orig := "# my own notes: keep these\n" +
		"[limits]\n" +
		"hydration_goal = 6 # fewer on Fridays\n" +
		"# I tried 7h once\n" +
		"daily_sitting = \"5h\"\n"
	must(t, os.WriteFile(path, []byte(orig), 0o640))
	s, probs, err := Load(path)
	must(t, err)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	s.DailyLimit = 6 * time.Hour
	s.Snooze = 10 * time.Minute
	must(t, Save(path, s))
	data, err := os.ReadFile(path)
	must(t, err)
	got := string(data)
	for _, want := range []string{"# my own notes: keep these\n", "hydration_goal = 6 # fewer on Fridays\n", "# I tried 7h once\n", "daily_sitting = \"6h\"\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("saved file lacks %q:\n%s", want, got)
		}
	}
	if strings.Index(got, "hydration_goal") > strings.Index(got, "daily_sitting") {
		t.Errorf("order changed:\n%s", got)
	}
	back, probs, err := Load(path)
	must(t, err)
	if len(probs) > 0 || back.DailyLimit != 6*time.Hour || back.Snooze != 10*time.Minute || back.HydrationGoal != 6 {
		t.Errorf("read back: %v %v %v %v", back.DailyLimit, back.Snooze, back.HydrationGoal, probs)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want the file's own 0640", fi.Mode().Perm())
	}
}

// A symlinked config.toml (dotfiles) stays a symlink; its target is written.
func TestSaveThroughSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "dotfiles", "limber.toml")
	must(t, os.MkdirAll(filepath.Dir(target), 0o700))
	must(t, os.WriteFile(target, []byte("# dotfile\n[limits]\nhydration_goal = 5\n"), 0o600))
	path := filepath.Join(dir, "config", "config.toml")
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	must(t, os.Symlink(target, path))
	s, _, err := Load(path)
	must(t, err)
	s.HydrationGoal = 9
	must(t, Save(path, s))
	if fi, err := os.Lstat(path); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("config.toml is no longer a symlink: %v", err)
	}
	data, err := os.ReadFile(target)
	must(t, err)
	if !strings.Contains(string(data), "# dotfile") || !strings.Contains(string(data), "hydration_goal = 9") {
		t.Errorf("target:\n%s", data)
	}
}

// Every field changed at once still reads back exactly (the edit in place
// adds the keys the file lacks).
func TestSaveAddsMissingKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	must(t, os.WriteFile(path, []byte("# just a comment\npreset = \"office\"\n"), 0o600))
	s := Defaults()
	s.ApplyPreset(PresetGentle)
	s.Preset = PresetCustom
	s.WorkingHours.Enabled = true
	s.Stretch.Interval = 40 * time.Minute
	s.Strict = true
	must(t, Save(path, s))
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), "# just a comment\n") {
		t.Errorf("the comment went:\n%s", data)
	}
	back, probs, err := Load(path)
	must(t, err)
	s.Normalize()
	if len(probs) > 0 || string(Encode(back)) != string(Encode(s)) {
		t.Errorf("read back differs (%v):\n%s", probs, data)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
