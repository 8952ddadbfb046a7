package pose

import "testing"

// A hand on the desk stays on it while the body rises on its toes, and
// the back against the backrest leaves it when the torso leans forward.
func TestPropContacts(t *testing.T) {
	stand, _ := Base("stand")
	a := stand.With(map[Joint]float64{ArmR: 45, ForearmR: 80})
	a.Touch = []Contact{{"hand_r", "desk"}}
	b := a.With(map[Joint]float64{FootL: 40, FootR: 40})
	b.Lift = 0.1
	f := Figure{Feet: true, Props: []string{"desk"}, Poses: []Pose{a, b}}
	pl := f.Place()
	for _, tm := range []float64{0, 0.9, 1.5, 2.5} {
		p := f.At(tm)
		if g := pl.Gap(Layout(p, false, true), p, p.Touch[0]); g > 0.01 {
			t.Errorf("at %.1fs the hand is %.3f off the desk", tm, g)
		}
	}
	// Without the contact the raised body carries the hand off the desk.
	b.Touch = nil
	s := Layout(b, false, true)
	if g := pl.Gap(s, b, Contact{"hand_r", "desk"}); g < 0.05 {
		t.Errorf("unsolved, the hand is still on the desk (%.3f): the test cannot fail", g)
	}

	sit, _ := Base("sit")
	back := sit.Clone()
	back.Touch = []Contact{{"back", "chair"}}
	fc := Figure{Feet: true, Props: []string{"chair"}, Poses: []Pose{back}}
	pc := fc.Place()
	if g := pc.Gap(Layout(back, false, true), back, back.Touch[0]); g > 0.01 {
		t.Errorf("the back is %.3f from the backrest placed against it", g)
	}
	lean := back.With(map[Joint]float64{Torso: 155})
	if g := pc.Gap(Layout(lean, false, true), lean, back.Touch[0]); g < 0.05 {
		t.Errorf("leaning forward, the back is still on the backrest (%.3f)", g)
	}
}

func TestParsePropContact(t *testing.T) {
	for _, ok := range []string{"hand_r:desk", "hand_l:chair", "back:chair", "elbow_l:desk", "hand_r:hip_l", "hand_l:shoulder_r"} {
		if _, err := ParseContact(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"back:desk", "back:knee_l", "elbow_r:knee_l", "knee_r:desk"} {
		if _, err := ParseContact(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}
