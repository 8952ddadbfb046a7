package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"howett.net/plist"
)

// A macOS managed preferences plist, XML as in testdata and binary as MDM
// tools write it, gives the same settings and locks as the TOML file.
func TestPlistSource(t *testing.T) {
	xml := filepath.Join("testdata", "managed", "io.github.limber_app.limber.plist")
	data, err := os.ReadFile(xml)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if _, err := plist.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	bin, err := plist.Marshal(doc, plist.BinaryFormat)
	if err != nil {
		t.Fatal(err)
	}
	binFile := filepath.Join(t.TempDir(), "binary.plist")
	if err := os.WriteFile(binFile, bin, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{xml, binFile} {
		src, ok := ReadPlistFile(file)
		if !ok || len(src.Problems) > 0 {
			t.Fatalf("%s: %v %v", file, ok, src.Problems)
		}
		sys := NewSystem([]Source{src})
		if len(sys.Problems) > 0 {
			t.Fatalf("%s: %v", file, sys.Problems)
		}
		b := sys.Base()
		if b.Stretch.Interval != 45*time.Minute || !b.Strict || b.HydrationGoal != 6 || b.Positions != (Positions{Desk: true, Standing: true}) {
			t.Errorf("%s: base %v %v %d %+v", file, b.Stretch.Interval, b.Strict, b.HydrationGoal, b.Positions)
		}
		if got := strings.Join(sys.LockedKeys(), " "); got != "breaks.strict stretch.interval" {
			t.Errorf("%s: locks %q", file, got)
		}
	}
	if _, ok := ReadPlistFile(filepath.Join(t.TempDir(), "none.plist")); ok {
		t.Error("a missing plist is a source")
	}
	junk := filepath.Join(t.TempDir(), "junk.plist")
	_ = os.WriteFile(junk, []byte("<plist><dict><key>a</key>"), 0o644)
	if src, ok := ReadPlistFile(junk); !ok || len(src.Problems) != 1 || !strings.Contains(src.Problems[0].String(), junk+": ") {
		t.Errorf("broken plist: %v %v", ok, src.Problems)
	}
	// A wrong type is a clear message naming the key, never a crash.
	sys := NewSystem([]Source{{Name: "p.plist", Doc: plistDoc(map[string]any{"breaks.strict": "yes", "locked": uint64(3)}).(map[string]any)}})
	if len(sys.Problems) != 2 || len(sys.Locks) != 0 {
		t.Errorf("wrong types: %v", sys.Problems)
	}
}

// Registry values are strings named with the TOML keys (or numbers, or
// multi-strings); each is read as its key's type wants it.
func TestPolicySource(t *testing.T) {
	src := PolicySource(`HKLM\Software\Policies\Limber`, map[string]any{
		"Stretch.Interval":      "45m",
		"breaks.strict":         "true",
		"breaks.max_skips":      uint64(2),
		"limits.hydration_goal": "6",
		"calls.ignore":          "Dragon, Audacity",
		"cards.positions":       []string{"desk"},
		"posture.enabled":       uint64(0),
		"locked":                "breaks.strict, stretch.interval",
	})
	sys := NewSystem([]Source{src})
	if len(sys.Problems) > 0 {
		t.Fatal(sys.Problems)
	}
	b := sys.Base()
	if b.Stretch.Interval != 45*time.Minute || !b.Strict || b.MaxSkips != 2 || b.HydrationGoal != 6 ||
		b.Calls.Ignore != "Dragon, Audacity" || b.Positions != (Positions{Desk: true}) || b.Posture.Enabled {
		t.Errorf("base: %+v", b)
	}
	if got := strings.Join(sys.LockedKeys(), " "); got != "breaks.strict stretch.interval" {
		t.Errorf("locks %q", got)
	}
	if l := sys.Locks["breaks.strict"]; l.Where() != `HKLM\Software\Policies\Limber` {
		t.Errorf("lock where: %q", l.Where())
	}
	bad := NewSystem([]Source{PolicySource("HKLM", map[string]any{"breaks.strict": "maybe", "stretch.intervall": "4m"})})
	msgs := ""
	for _, p := range bad.Problems {
		msgs += p.String() + "\n"
	}
	if len(bad.Problems) != 2 || !strings.Contains(msgs, "true or false") || !strings.Contains(msgs, `Did you mean "stretch.interval"`) {
		t.Errorf("bad values:\n%s", msgs)
	}
}
