package kinds

import (
	"slices"
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
