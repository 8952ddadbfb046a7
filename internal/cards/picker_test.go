package cards

import (
	"errors"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

func pickMany(p *Picker, n int, kind schedule.Kind, length time.Duration, allowed []Position) []string {
	var ids []string
	for range n {
		c, err := p.Pick(kind, length, allowed, nil)
		if err != nil {
			panic(err)
		}
		ids = append(ids, c.ID)
	}
	return ids
}

func TestPickerDeterministic(t *testing.T) {
	lib := Builtin()
	a := pickMany(NewPicker(lib, 42, 5), 30, schedule.Stretch, 2*time.Minute, nil)
	b := pickMany(NewPicker(lib, 42, 5), 30, schedule.Stretch, 2*time.Minute, nil)
	c := pickMany(NewPicker(lib, 7, 5), 30, schedule.Stretch, 2*time.Minute, nil)
	same := true
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed, different pick %d: %s vs %s", i, a[i], b[i])
		}
		if a[i] != c[i] {
			same = false
		}
	}
	if same {
		t.Errorf("different seeds gave the same 30 picks: %v", a)
	}
}

func TestPickerFits(t *testing.T) {
	lib := Builtin()
	p := NewPicker(lib, 1, 6)
	allowed := []Position{Desk}
	for range 50 {
		c, err := p.Pick(schedule.Stretch, 40*time.Second, allowed, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !c.HasKind(schedule.Stretch) || !c.FitsPositions(allowed) || c.Duration > 40*time.Second {
			t.Fatalf("picked %s (%v, %v, %s) for a 40s desk stretch", c.ID, c.Kinds, c.Positions, c.Duration)
		}
	}
}

func TestPickerNoRecentRepeatsAndRotation(t *testing.T) {
	lib := Builtin()
	const n = 6
	p := NewPicker(lib, 3, n)
	ids := pickMany(p, 60, schedule.Stretch, 0, nil)
	for i := range ids {
		for j := max(0, i-n); j < i; j++ {
			if ids[i] == ids[j] {
				t.Fatalf("pick %d (%s) repeats pick %d within the last %d: %v", i, ids[i], j, n, ids)
			}
		}
	}
	// Rotation: two cards in a row rarely share a body area when others fit.
	shared := 0
	for i := 1; i < len(ids); i++ {
		a, _ := lib.Card(ids[i-1])
		b, _ := lib.Card(ids[i])
		if overlap(a.Areas, b.Areas) {
			shared++
		}
	}
	if shared > len(ids)/4 {
		t.Errorf("%d of %d consecutive picks worked the same body area; the picker should rotate", shared, len(ids)-1)
	}
}

func overlap(a, b []Area) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func TestPickerExcludeAndFallbacks(t *testing.T) {
	lib := Builtin()
	p := NewPicker(lib, 9, 100) // remembers more than there are hydration cards
	var hyd []string
	for _, c := range lib.Cards() {
		if c.HasKind(schedule.Hydration) {
			hyd = append(hyd, c.ID)
		}
	}
	// More picks than cards: the recent rule relaxes instead of failing.
	for range len(hyd) + 3 {
		if _, err := p.Pick(schedule.Hydration, time.Minute, nil, nil); err != nil {
			t.Fatalf("should fall back to a recent card: %v", err)
		}
	}
	// Exclude always holds: excluding all but one leaves that one.
	c, err := p.Pick(schedule.Hydration, time.Minute, nil, hyd[1:])
	if err != nil || c.ID != hyd[0] {
		t.Errorf("got %s, %v; want %s", c.ID, err, hyd[0])
	}
	if _, err := p.Pick(schedule.Hydration, time.Minute, nil, hyd); !errors.Is(err, ErrNoCard) {
		t.Errorf("all excluded: want ErrNoCard, got %v", err)
	}
	// Too short a break: length relaxes rather than failing.
	if c, err := p.Pick(schedule.Movement, time.Second, []Position{Standing}, nil); err != nil || !c.HasKind(schedule.Movement) {
		t.Errorf("a too-short break should still get a movement card: %v %v", c.ID, err)
	}
	// Floor only, posture: none exist.
	if _, err := p.Pick(schedule.Posture, 0, []Position{Floor}, nil); !errors.Is(err, ErrNoCard) {
		t.Errorf("want ErrNoCard for floor posture cards, got %v", err)
	}
}

func TestPickerRecentBound(t *testing.T) {
	p := NewPicker(Builtin(), 1, 3)
	pickMany(p, 10, schedule.Movement, 0, nil)
	p.Remember("x")
	if r := p.Recent(); len(r) != 3 || r[2] != "x" {
		t.Errorf("recent should keep the last 3, got %v", r)
	}
}

func BenchmarkPick(b *testing.B) {
	p := NewPicker(Builtin(), 1, 8)
	for b.Loop() {
		if _, err := p.Pick(schedule.Stretch, time.Minute, []Position{Desk, Standing}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadBuiltin(b *testing.B) {
	for b.Loop() {
		if Builtin().Len() < 40 {
			b.Fatal("too few cards")
		}
	}
}

// BenchmarkSequence plans a whole 5-minute walking break (a timed walk or
// standing cards that fill it).
func BenchmarkSequence(b *testing.B) {
	p := NewPicker(Builtin(), 1, 8)
	for b.Loop() {
		if _, err := p.Sequence(schedule.Movement, 5*time.Minute, []Position{Desk, Standing}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
