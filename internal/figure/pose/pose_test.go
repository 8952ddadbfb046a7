package pose

import (
	"math"
	"testing"
)

func TestBasesAreGrounded(t *testing.T) {
	for _, name := range BaseNames() {
		p, ok := Base(name)
		if !ok {
			t.Fatalf("base %s missing", name)
		}
		for _, front := range []bool{false, true} {
			s := Layout(p, front, true)
			_, max := s.Bounds()
			if math.Abs(max.Y) > 1e-9 {
				t.Errorf("%s (front %v): lowest point at %v, want the floor (0)", name, front, max.Y)
			}
		}
	}
	if _, ok := Base("handstand"); ok {
		t.Error("unknown bases must be refused")
	}
}

func TestLift(t *testing.T) {
	p, _ := Base("stand")
	p.Lift = 0.1
	_, max := Layout(p, false, true).Bounds()
	if math.Abs(max.Y+0.1) > 1e-9 {
		t.Errorf("lifted figure's lowest point %v, want -0.1", max.Y)
	}
}

func TestKeepFeet(t *testing.T) {
	sit, _ := Base("sit")
	stand, _ := Base("stand")
	for _, p := range []Pose{sit, stand} {
		s := Layout(p, false, true)
		if mid := (s.AnkleL.X + s.AnkleR.X) / 2; math.Abs(mid) > 1e-9 {
			t.Errorf("feet kept: ankles' middle at %v, want 0", mid)
		}
		if h := Layout(p, false, false); math.Abs(h.Hip.X) > 1e-9 {
			t.Errorf("hip kept: hip at %v, want 0", h.Hip.X)
		}
	}
}

func TestAtInterpolates(t *testing.T) {
	a, _ := Base("stand")
	b := a.With(map[Joint]float64{ArmR: 180})
	f := Figure{Poses: []Pose{a, b}, Hold: 1, Move: 2}
	if f.Period() != 6 {
		t.Fatalf("period %v, want 6", f.Period())
	}
	for tm, want := range map[float64]float64{0: a.Angle(ArmR), 0.9: a.Angle(ArmR), 2: (a.Angle(ArmR) + 180) / 2, 3.5: 180, 6.5: a.Angle(ArmR), -3: 180} {
		if got := f.At(tm).Angle(ArmR); math.Abs(got-want) > 1e-9 {
			t.Errorf("At(%v) arm = %v, want %v", tm, got, want)
		}
	}
	if (Figure{}).At(1).Angle(Torso) != 180 {
		t.Error("an empty figure stands")
	}
}

func TestFootNeverPointsDown(t *testing.T) {
	for _, shin := range []float64{-90, -95, 0, 20, 90, -170} {
		a := footAngle(shin) * math.Pi / 180
		if math.Cos(a) > 0.06 {
			t.Errorf("shin %v: foot angle %v points into the floor", shin, footAngle(shin))
		}
	}
}

func TestValidate(t *testing.T) {
	p, _ := Base("stand")
	bad := p.With(map[Joint]float64{Torso: math.NaN()})
	bad.Lift = 2
	f := Figure{Props: []string{"sofa"}, Poses: []Pose{bad}, Hold: -1}
	if got := f.Validate(); len(got) != 4 {
		t.Errorf("want 4 problems, got %v", got)
	}
	if got := (Figure{Props: []string{"chair"}, Poses: []Pose{p}}).Validate(); len(got) != 0 {
		t.Errorf("valid figure: %v", got)
	}
}

func BenchmarkLayout(b *testing.B) {
	p, _ := Base("sit")
	for b.Loop() {
		Layout(p, false, true)
	}
}

func TestFootOverrideRaisesHeels(t *testing.T) {
	p, _ := Base("stand")
	flat := Layout(p, false, true)
	toes := p.With(map[Joint]float64{FootL: 40, FootR: 40})
	up := Layout(toes, false, true)
	if up.AnkleR.Y >= flat.AnkleR.Y-0.1 {
		t.Errorf("on tiptoe the ankle should rise: %v vs %v", up.AnkleR.Y, flat.AnkleR.Y)
	}
	mid := Lerp(p, toes, 0.5)
	if got, want := mid.Angles[FootR], (footAngle(p.Angle(ShinR))+40)/2; math.Abs(got-want) > 1e-9 {
		t.Errorf("halfway foot %v, want %v", got, want)
	}
	if _, ok := Lerp(p, p, 0.5).Angles[FootL]; ok {
		t.Error("feet stay automatic when neither pose sets them")
	}
}
