package pose

import (
	"math"
	"testing"
)

func TestSolveReachesAndKeepsLimits(t *testing.T) {
	stand, _ := Base("stand")
	p := stand.With(map[Joint]float64{ThighR: 5, ShinR: -160})
	p.Touch = []Contact{{"hand_r", "ankle_r"}}
	q := p.Solve(false)
	s := Layout(q, false, true)
	if d := dist(s.HandR, s.AnkleR); d > 1e-6 {
		t.Errorf("hand %.3f from the ankle after Solve", d)
	}
	if bad := q.WithinLimits(); len(bad) > 0 {
		t.Errorf("solved pose bends %v the wrong way: %v", bad, q.Angles)
	}
	// Out of reach: the arm points at it, straight, and stays within limits.
	far := stand.Clone()
	far.Touch = []Contact{{"hand_r", "ankle_l"}}
	far.Angles[ThighL] = 90
	far.Angles[ShinL] = 90
	q = far.Solve(false)
	if d := math.Abs(wrap(q.Angle(ForearmR) - q.Angle(ArmR))); d > 1e-6 {
		t.Errorf("an arm reaching for what it cannot reach should be straight, bent %.1f°", d)
	}
}

func TestParseContact(t *testing.T) {
	if c, err := ParseContact(" foot_r : knee_l "); err != nil || c != (Contact{"foot_r", "knee_l"}) {
		t.Errorf("%v %v", c, err)
	}
	for _, bad := range []string{"hand_r", "hand_r:nose", "elbow:knee_l", "hand_r:hand_r"} {
		if _, err := ParseContact(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestWithinLimits(t *testing.T) {
	stand, _ := Base("stand")
	if bad := stand.WithinLimits(); len(bad) > 0 {
		t.Errorf("standing bends %v", bad)
	}
	back := stand.With(map[Joint]float64{ThighR: 0, ShinR: 30}) // shin forward of the thigh
	if bad := back.WithinLimits(); len(bad) != 1 || bad[0] != "knee_r" {
		t.Errorf("a knee bending forwards: %v", bad)
	}
	elbow := stand.With(map[Joint]float64{ArmL: 90, ForearmL: 40}) // forearm bent backwards
	if bad := elbow.WithinLimits(); len(bad) != 1 || bad[0] != "elbow_l" {
		t.Errorf("an elbow bending backwards: %v", bad)
	}
}

func dist(a, b Point) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }
