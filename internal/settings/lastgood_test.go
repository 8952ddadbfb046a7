package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// brokenAtStart is the new-user trial's file: a table header left open.
const brokenAtStart = "preset = \"office\"\n[stretch]\ninterval = \"5\"\nlength = \"10m\"\n[posture\nenabled = yes\n"

func TestStoreStartsFromLastGood(t *testing.T) {
	dir := t.TempDir()
	p, good := filepath.Join(dir, "config", "config.toml"), filepath.Join(dir, "data", "settings-last-good.toml")
	sys := NewSystem(nil)
	st, _, err := OpenStoreKeeping(sys, p, good)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := st.Current()
	s.HydrationGoal = 5
	if _, err := st.Set(s); err != nil {
		t.Fatal(err)
	}
	kept, err := os.ReadFile(good)
	if err != nil || !strings.Contains(string(kept), "hydration_goal = 5") {
		t.Fatalf("last good copy after Set: %v\n%s", err, kept)
	}
	if fi, err := os.Stat(good); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("last good copy mode: %v %v", fi.Mode(), err)
	}

	// Broken while Limber was stopped: the next start uses the copy.
	if err := os.WriteFile(p, []byte(brokenAtStart), 0o600); err != nil {
		t.Fatal(err)
	}
	st, _, err = OpenStoreKeeping(sys, p, good)
	if err != nil {
		t.Fatal(err)
	}
	s, probs := st.Current()
	if s.HydrationGoal != 5 || len(probs) == 0 || st.UsingDefaults() {
		t.Fatalf("start over a broken file: goal %d, problems %v, defaults %v", s.HydrationGoal, probs, st.UsingDefaults())
	}
	if msg := st.Summary(probs); !strings.Contains(msg, "previous settings") {
		t.Fatalf("summary with a last good copy: %q", msg)
	}
	if b, _ := os.ReadFile(good); string(b) != string(kept) {
		t.Fatalf("a broken file replaced the last good copy:\n%s", b)
	}

	// No copy: the defaults, and the message says so.
	if err := os.Remove(good); err != nil {
		t.Fatal(err)
	}
	st, _, err = OpenStoreKeeping(sys, p, good)
	if err != nil {
		t.Fatal(err)
	}
	s, probs = st.Current()
	if s != Defaults() || !st.UsingDefaults() {
		t.Fatalf("start over a broken file with no copy: %+v defaults %v", s, st.UsingDefaults())
	}
	if msg := st.Summary(probs); !strings.Contains(msg, "default settings are in use") || strings.Contains(msg, "previous") {
		t.Fatalf("summary with no copy: %q", msg)
	}
}

func TestSaveKeepsBrokenFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(p, []byte(brokenAtStart), 0o644); err != nil {
		t.Fatal(err)
	}
	sys := NewSystem(nil)
	kept, err := sys.SaveKeeping(p, Defaults())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(kept), "config.toml.broken-") || filepath.Dir(kept) != dir {
		t.Fatalf("kept as %q", kept)
	}
	b, err := os.ReadFile(kept)
	if err != nil || string(b) != brokenAtStart {
		t.Fatalf("copy: %v %q", err, b)
	}
	if fi, _ := os.Stat(kept); fi.Mode().Perm() != 0o600 {
		t.Fatalf("copy mode %v", fi.Mode())
	}
	if _, probs, err := sys.LoadFile(p); err != nil || len(probs) > 0 {
		t.Fatalf("saved file: %v %v", err, probs)
	}
	// A good file is edited with no copy.
	if kept, err := sys.SaveKeeping(p, Defaults()); err != nil || kept != "" {
		t.Fatalf("saving over a good file kept %q (%v)", kept, err)
	}
	// Two copies in the same second do not overwrite each other.
	now := time.Now()
	a, err1 := KeepBroken(p, []byte("a"), now)
	c, err2 := KeepBroken(p, []byte("b"), now)
	if err1 != nil || err2 != nil || a == c {
		t.Fatalf("KeepBroken twice: %q %q %v %v", a, c, err1, err2)
	}
}
