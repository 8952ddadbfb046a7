package kinds

import (
	"slices"
	"strings"
	"testing"

	"github.com/limber-app/limber/internal/schedule"
)

// The table and the core agree on which kinds exist and in what order.
func TestTableMatchesCore(t *testing.T) {
	var got []schedule.Kind
	for _, i := range All() {
		got = append(got, i.Kind)
		if i.Label() == "" || i.Advice() == "" {
			t.Errorf("%s has no label or advice", i.Kind)
		}
	}
	if !slices.Equal(got, schedule.AllKinds()) {
		t.Fatalf("table %v, core %v", got, schedule.AllKinds())
	}
}

func TestCheck(t *testing.T) {
	if err := Check("stretch"); err != nil {
		t.Fatal(err)
	}
	err := Check("strech")
	if err == nil || err.Error() != `"strech" is not a break kind: use posture, hydration, eyes, stretch or movement` {
		t.Fatalf("Check(strech) = %v", err)
	}
	if Label("bogus") != "bogus" || Label(schedule.Posture) != "Posture check" {
		t.Fatal("Label")
	}
}

// People type the words the tray shows: "water" is hydration, "move" is
// movement; ids work in any case; anything else is refused with the list.
func TestParseAliases(t *testing.T) {
	for in, want := range map[string]schedule.Kind{
		"hydration": schedule.Hydration, "water": schedule.Hydration, "Drink": schedule.Hydration,
		"move": schedule.Movement, "MOVEMENT": schedule.Movement, "walk": schedule.Movement,
		"eye": schedule.Eyes, "stretch": schedule.Stretch, "posture": schedule.Posture,
	} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "wat", "break", "movements"} {
		if _, err := Parse(bad); err == nil || !strings.Contains(err.Error(), "movement") {
			t.Errorf("Parse(%q): %v; want a refusal listing the kinds", bad, err)
		}
	}
	// Aliases never collide with each other or with an id.
	seen := map[string]schedule.Kind{}
	for _, i := range All() {
		for _, w := range append([]string{string(i.Kind)}, i.Aliases...) {
			if k, dup := seen[strings.ToLower(w)]; dup {
				t.Errorf("%q names both %s and %s", w, k, i.Kind)
			}
			seen[strings.ToLower(w)] = i.Kind
		}
	}
}
