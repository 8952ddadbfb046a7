package cards

import (
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
)

// breakLengths are the lengths the presets give each kind (and a few more
// people set), with the positions they may allow.
var breakLengths = map[schedule.Kind][]time.Duration{
	schedule.Posture:   {10 * time.Second},
	schedule.Hydration: {10 * time.Second, 20 * time.Second, time.Minute},
	schedule.Eyes:      {20 * time.Second, 30 * time.Second},
	schedule.Stretch:   {time.Minute, 90 * time.Second, 2 * time.Minute, 3 * time.Minute},
	schedule.Movement:  {2 * time.Minute, 5 * time.Minute, 10 * time.Minute},
}

var positionSets = [][]Position{{Desk, Standing}, {Desk, Standing, Floor}, {Standing}}

// TestPoolsAndFill is the rule, over 210 breaks of every kind,
// length and set of positions: every card serves the kind's pool (no floor
// or seated card on a walking break, no eye or posture card on a stretch
// break, no tips), the floor only when allowed, and the cards fill at
// least 80 % of the break and never more than all of it.
func TestPoolsAndFill(t *testing.T) {
	lib := Builtin()
	for kind, lengths := range breakLengths {
		for _, length := range lengths {
			for n, allowed := range positionSets {
				p := NewPicker(lib, int64(length), 8)
				for i := range []int{210, 60, 60}[n] {
					pl, err := p.Sequence(kind, length, allowed, nil)
					if err != nil {
						if kind == schedule.Posture || kind == schedule.Hydration || kind == schedule.Eyes || len(allowed) > 1 {
							t.Fatalf("%s %v %v: %v", kind, length, allowed, err)
						}
						continue
					}
					if !pl.Fills() || len(pl.Cards) > MaxSequence {
						t.Fatalf("%s %v %v, break %d: %v take %v, not 80–100 %%", kind, length, allowed, i, pl.IDs(), pl.Total)
					}
					for _, c := range pl.Cards {
						checkServes(t, kind, allowed, c)
					}
				}
			}
		}
	}
}

func checkServes(t *testing.T, kind schedule.Kind, allowed []Position, c Card) {
	t.Helper()
	if c.Tip {
		t.Fatalf("%s: tip %s offered as a break card", kind, c.ID)
	}
	if !c.FitsPositions(allowed) {
		t.Fatalf("%s: %s (%v) is not done in the allowed %v", kind, c.ID, c.Positions, allowed)
	}
	switch kind {
	case schedule.Movement:
		if !c.FitsPositions([]Position{Standing}) || (c.Type != TypeWalk && c.Type != TypeActive) {
			t.Fatalf("movement break offered %s (%s, %v): not on your feet", c.ID, c.Type, c.Positions)
		}
		for _, p := range c.Positions {
			if p == Floor {
				t.Fatalf("movement break offered the floor card %s", c.ID)
			}
		}
	case schedule.Stretch:
		if c.Type == TypeEyes || c.Type == TypePosture || c.Type == TypeWater {
			t.Fatalf("stretch break offered the %s card %s", c.Type, c.ID)
		}
	case schedule.Posture:
		if c.Type != TypePosture || c.Duration > 10*time.Second || len(c.Steps) > MaxShortSteps {
			t.Fatalf("posture check offered %s (%s, %v, %d steps)", c.ID, c.Type, c.Duration, len(c.Steps))
		}
	case schedule.Eyes:
		if c.Type != TypeEyes {
			t.Fatalf("eye break offered %s (%s)", c.ID, c.Type)
		}
	case schedule.Hydration:
		if c.Type != TypeWater {
			t.Fatalf("water break offered %s (%s)", c.ID, c.Type)
		}
	}
}

func TestFloorOnlyWhenAllowed(t *testing.T) {
	lib := Builtin()
	floor := 0
	for _, withFloor := range []bool{false, true} {
		allowed := []Position{Desk, Standing}
		if withFloor {
			allowed = append(allowed, Floor)
		}
		p := NewPicker(lib, 5, 8)
		for range 300 {
			pl, err := p.Sequence(schedule.Stretch, 90*time.Second, allowed, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range pl.Cards {
				// A card done only on the floor needs the floor allowed.
				if !c.FitsPositions([]Position{Desk, Standing}) {
					if !withFloor {
						t.Fatalf("floor card %s offered with the floor off", c.ID)
					}
					floor++
				}
			}
		}
	}
	if floor == 0 {
		t.Error("with the floor allowed, 300 stretch breaks never offered a floor card")
	}
}

func TestEveryKindHasAPool(t *testing.T) {
	lib := Builtin()
	for _, k := range schedule.AllKinds() {
		n := 0
		for _, c := range lib.Cards() {
			if c.Serves(k, []Position{Desk, Standing}) {
				n++
			}
		}
		if min := map[schedule.Kind]int{schedule.Eyes: 5, schedule.Hydration: 3}[k]; n < max(min, 3) {
			t.Errorf("%s breaks have %d cards to draw from, want at least %d", k, n, max(min, 3))
		}
	}
}

func TestTips(t *testing.T) {
	lib := Builtin()
	tips := Tips(lib)
	if len(tips) < 3 {
		t.Fatalf("%d tips, want the cards that cannot be done at the moment", len(tips))
	}
	ids := map[string]bool{}
	for _, c := range tips {
		ids[c.ID] = true
		for _, k := range schedule.AllKinds() {
			if c.Serves(k, nil) {
				t.Errorf("tip %s serves %s breaks", c.ID, k)
			}
		}
	}
	for _, id := range []string{"phone-call-walk", "posture-sleep-setup"} {
		if !ids[id] {
			t.Errorf("%s should be a tip", id)
		}
	}
	// TipOfDay rotates through every tip, one a day.
	seen := map[string]bool{}
	day := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	for i := range len(tips) {
		c, ok := TipOfDay(lib, day.AddDate(0, 0, i))
		if !ok {
			t.Fatal("no tip of the day")
		}
		seen[c.ID] = true
	}
	if len(seen) != len(tips) {
		t.Errorf("%d days showed %d of %d tips", len(tips), len(seen), len(tips))
	}
	if _, ok := TipOfDay(&Library{byID: map[string]int{}}, day); ok {
		t.Error("an empty library has no tip")
	}
}

func TestTimedFillsAndShortCards(t *testing.T) {
	c, _ := Builtin().Card("walk-a-lap")
	if !c.Timed || c.Time(5*time.Minute) != 5*time.Minute || c.Time(time.Minute) != c.Duration {
		t.Errorf("a timed walk lasts the break it fits: %v, %v", c.Time(5*time.Minute), c.Time(time.Minute))
	}
	for _, c := range Builtin().Cards() {
		if c.Duration <= ShortCard && len(c.Steps) > MaxShortSteps {
			t.Errorf("%s: a %v card with %d steps", c.ID, c.Duration, len(c.Steps))
		}
	}
}

// TestPresetsPickFittingCards is the "done when" over the presets
// people start from: 200 breaks of every enabled kind, at the preset's own
// lengths and positions, each offer fills at least 80 % of the break and
// serves the kind's pool; the 20-20-20 eyes preset turns eye breaks on
// and they show eye cards, while the office default leaves them off.
func TestPresetsPickFittingCards(t *testing.T) {
	lib := Builtin()
	for _, name := range settings.PresetNames() {
		if name == settings.PresetCustom {
			continue
		}
		s := settings.Defaults()
		s.ApplyPreset(name)
		allowed := PositionsFrom(s.Positions.Allowed())
		p := NewPicker(lib, 12, 8)
		for _, k := range schedule.AllKinds() {
			b := s.Break(k)
			if !b.Enabled {
				continue
			}
			fill := 0.0
			for i := range 200 {
				pl, err := p.Sequence(k, b.Length, allowed, nil)
				if err != nil {
					t.Fatalf("%s, %s break of %v: %v", name, k, b.Length, err)
				}
				if !pl.Fills() {
					t.Fatalf("%s, %s break %d of %v: %v take %v, under 80 %%", name, k, i, b.Length, pl.IDs(), pl.Total)
				}
				for _, c := range pl.Cards {
					checkServes(t, k, allowed, c)
				}
				fill += float64(pl.Total) / float64(b.Length)
			}
			t.Logf("%s: %s breaks of %v filled %.0f %% on average", name, k, b.Length, fill/2)
		}
	}
	office, eyes := settings.Defaults(), settings.Defaults()
	eyes.ApplyPreset(settings.PresetEyes)
	if office.Eyes.Enabled || !eyes.Eyes.Enabled {
		t.Errorf("eye breaks: office %v (want off), 20-20-20 %v (want on)", office.Eyes.Enabled, eyes.Eyes.Enabled)
	}
}

// TestFillsEveryLength: over 200 picks per kind and length from 20 s to
// 10 min (and "Another one", which excludes the cards already shown), a
// plan fills 80–100 % of the break, with the last card held for the rest
// only when the library cannot fill it; the time of the cards, Rest
// included, adds up to the plan's Total.
func TestFillsEveryLength(t *testing.T) {
	lib := Builtin()
	var lengths []time.Duration
	for d := 20 * time.Second; d <= 10*time.Minute; d += 20 * time.Second {
		lengths = append(lengths, d)
	}
	rested := map[schedule.Kind]int{}
	for _, kind := range []schedule.Kind{schedule.Stretch, schedule.Movement} {
		for _, length := range lengths {
			p := NewPicker(lib, int64(length), 8)
			for i := range 200 {
				var exclude []string
				if i%2 == 1 {
					exclude = []string{"side-bend", "walk-a-lap"} // as after "Another one"
				}
				pl, err := p.Sequence(kind, length, []Position{Desk, Standing}, exclude)
				if err != nil {
					t.Fatalf("%s %v: %v", kind, length, err)
				}
				var sum time.Duration
				left := length
				for _, c := range pl.Cards {
					sum += c.Time(left)
					left -= c.Time(left)
					checkServes(t, kind, []Position{Desk, Standing}, c)
				}
				if sum+pl.Rest != pl.Total {
					t.Fatalf("%s %v: cards %v take %v + rest %v, Total %v", kind, length, pl.IDs(), sum, pl.Rest, pl.Total)
				}
				if min := cheapest(lib, kind); length < min {
					continue // nothing is that short: the shortest card, longer than the break
				}
				if !pl.Fills() || len(pl.Cards) > MaxSequence {
					t.Fatalf("%s %v, pick %d: %v take %v, not 80–100 %%", kind, length, i, pl.IDs(), pl.Total)
				}
				if pl.Rest > 0 {
					rested[kind]++
					if sum >= time.Duration(MinFill*float64(length)) {
						t.Fatalf("%s %v: rest %v on a plan that filled the break (%v)", kind, length, pl.Rest, sum)
					}
				}
			}
		}
	}
	t.Logf("plans with the last card held for the rest: %v of %d per kind", rested, 200*len(lengths))
}

func cheapest(lib *Library, kind schedule.Kind) time.Duration {
	var m time.Duration
	for _, c := range lib.cards {
		if c.Serves(kind, []Position{Desk, Standing}) && (m == 0 || c.Duration < m) {
			m = c.Duration
		}
	}
	return m
}
