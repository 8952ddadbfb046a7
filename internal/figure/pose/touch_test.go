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

func TestWithinLimitsFront(t *testing.T) {
	sit, _ := Base("sit-front")
	stand, _ := Base("stand-front")
	for name, p := range map[string]Pose{"sit-front": sit, "stand-front": stand} {
		if bad := p.WithinLimitsFront(); len(bad) > 0 {
			t.Errorf("%s bends %v the wrong way", name, bad)
		}
	}
	// Seated, the shin kicked up past the line of the thigh, towards the ceiling.
	kick := sit.With(map[Joint]float64{ShinR: 180, Fwd(ShinR): 40})
	if bad := kick.WithinLimitsFront(); len(bad) != 1 || bad[0] != "knee_r" {
		t.Errorf("a knee bending upwards from a seated thigh: %v", bad)
	}
	// Standing, the shin swung forwards, towards the viewer.
	fwd := stand.With(map[Joint]float64{Fwd(ShinL): 40})
	if bad := fwd.WithinLimitsFront(); len(bad) != 1 || bad[0] != "knee_l" {
		t.Errorf("a knee bending forwards: %v", bad)
	}
}

// The front view solves in depth: an ankle crossed onto the other knee
// (a figure four) reaches it, and the knee stays bent the right way.
func TestSolveFrontInDepth(t *testing.T) {
	sit, _ := Base("sit-front")
	p := sit.With(map[Joint]float64{ThighR: 60, Fwd(ThighR): 45, ShinR: -90, Fwd(ShinR): 0})
	p.Touch = []Contact{{"foot_r", "knee_l"}}
	q := p.Solve(true)
	s := Layout(q, true, true)
	if d := dist(s.AnkleR, s.KneeL); d > 1e-6 {
		t.Errorf("ankle %.3f from the knee on screen", d)
	}
	if d := math.Abs(s.Z("ankle_r") - s.Z("knee_l")); d > 1e-6 {
		t.Errorf("ankle %.3f from the knee in depth", d)
	}
	if bad := q.WithinLimitsFront(); len(bad) > 0 {
		t.Errorf("solved figure four bends %v the wrong way", bad)
	}
	// The thigh keeps its length in depth although drawn shorter.
	th := layoutFront(q)
	a, b := at3(th.HipR, th.Z("hipjoint_r")), th.at3("knee_r")
	if l := b.sub(a).norm(); math.Abs(l-LenThigh) > 1e-6 {
		t.Errorf("thigh %.3f long in depth, want %.2f", l, LenThigh)
	}
}

func TestElbowsOnTheDesk(t *testing.T) {
	sit, _ := Base("sit")
	prep := sit.Clone()
	palm := sit.With(map[Joint]float64{Torso: 150, Head: 122, ArmR: 45, ForearmR: 170, ArmL: 40, ForearmL: 170})
	palm.Touch = []Contact{{"elbow_r", "desk"}, {"elbow_l", "desk"}, {"hand_r", "head"}, {"hand_l", "head"}}
	f := Figure{Feet: true, Props: []string{"chair", "desk"}, Poses: []Pose{prep, palm}}.Presolve()
	pl := f.Place()
	q := f.Poses[1]
	s := Layout(q, false, true)
	for _, c := range q.Touch {
		if g := pl.Gap(s, q, c); g > 0.01 {
			t.Errorf("%s off by %.3f", c, g)
		}
	}
	if q.Angle(Torso) == palm.Angle(Torso) {
		t.Error("the torso should lean so the forearms reach the face")
	}
	if bad := q.WithinLimits(); len(bad) > 0 {
		t.Errorf("palming bends %v the wrong way", bad)
	}
}
