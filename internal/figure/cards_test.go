package figure

import (
	"math"
	"strings"
	"testing"

	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/figure/pose"
)

// frames samples a figure's loop: every keyframe and points between.
func frames(f pose.Figure) []float64 {
	per := f.Period()
	if per == 0 {
		return []float64{0}
	}
	var ts []float64
	for i := 0; i < 96; i++ {
		ts = append(ts, per*float64(i)/96)
	}
	return ts
}

// pxTolerance is how close a contact must be at the full card size (a
// 300 px figure is about 100 px per torso length).
const pxTolerance = 3.0 / 100

// TestEveryFigureKeepsItsContacts: what a card says touches (a hand on
// the ankle, an ankle on the knee) touches in every drawn frame.
func TestEveryFigureKeepsItsContacts(t *testing.T) {
	n := 0
	for _, c := range cards.Builtin().Cards() {
		f := c.Figure
		pl := f.Place()
	frame:
		for _, tm := range frames(f) {
			p := f.At(tm)
			s := pose.Layout(p, f.Front, f.Feet)
			for _, ct := range p.Touch {
				n++
				// Body points (the face for "head"), and props where they are drawn (a hand on
				// the desk, the back against the backrest).
				if d := pl.Gap(s, p, ct); d > pxTolerance {
					t.Errorf("%s at %.2fs: %s is %.2f from %s", c.ID, tm, ct.Effector, d, ct.Target)
					break frame
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no card declares a contact")
	}
}

// TestEveryFigureWithinJointLimits: no knee or elbow bends backwards in
// any frame of a side-view figure, no knee in a front-view one (drawn in
// depth: a knee bends away from its kneecap).
func TestEveryFigureWithinJointLimits(t *testing.T) {
	for _, c := range cards.Builtin().Cards() {
		for _, tm := range frames(c.Figure) {
			p := c.Figure.At(tm)
			bad := p.WithinLimits()
			if c.Figure.Front {
				bad = p.WithinLimitsFront()
			}
			if len(bad) > 0 {
				t.Errorf("%s at %.2fs: %v bend the wrong way", c.ID, tm, bad)
				break
			}
		}
	}
}

// TestFeetOnTheFloorAndSeat: a standing figure keeps a foot on the floor
// (unless it rises on its toes, lift > 0) and the standing foot still; a
// seated one keeps a foot on the floor and its hip on the seat.
func TestFeetOnTheFloorAndSeat(t *testing.T) {
	for _, c := range cards.Builtin().Cards() {
		f := c.Figure
		if !f.Feet || len(f.Poses) == 0 {
			continue
		}
		first := pose.Layout(f.Poses[0], f.Front, f.Feet)
		// Seated, unless the card has you stand up (sit to stand).
		seated := hasProp(f, "chair") && !strings.Contains(strings.ToLower(strings.Join(c.Steps, " ")), "stand up")
		for _, tm := range frames(f) {
			p := f.At(tm)
			s := pose.Layout(p, f.Front, f.Feet)
			low := math.Max(s.AnkleL.Y, s.AnkleR.Y)
			if p.Lift == 0 && low < -0.2 {
				t.Errorf("%s at %.2fs: both feet off the floor (lowest ankle at %.2f)", c.ID, tm, low)
				break
			}
			if seated && math.Abs(s.Hip.Y-first.Hip.Y) > 0.08 {
				t.Errorf("%s at %.2fs: the hip left the seat (%.2f, seat at %.2f)", c.ID, tm, s.Hip.Y, first.Hip.Y)
				break
			}
		}
	}
}

// TestPropContactsDeclared: the cards whose steps put the hands on the
// desk or the back against the chair declare it, so the contact test
// above covers them.
func TestPropContactsDeclared(t *testing.T) {
	want := map[string]string{
		"desk-plank":             "hand_r:desk",
		"calf-raises":            "hand_r:desk",
		"posture-lumbar-support": "back:chair",
		"box-breathing":          "back:chair",
		"seated-twist":           "hand_r:chair",
		"eye-palming":            "elbow_r:desk",
		"seated-figure-four":     "foot_r:knee_l",
		"hip-circles":            "hand_l:hip_l",
		"upper-back-hug":         "hand_r:shoulder_l",
	}
	lib := cards.Builtin()
	for id, ct := range want {
		c, ok := lib.Card(id)
		if !ok {
			t.Errorf("no card %s", id)
			continue
		}
		found := false
		for _, p := range c.Figure.Poses {
			for _, x := range p.Touch {
				found = found || x.String() == ct
			}
		}
		if !found {
			t.Errorf("%s does not declare %s", id, ct)
		}
	}
}

// TestEyeCardsShowTheEyes: every eye card draws a line of sight or
// covers the eyes with the hands, so the figure shows what the eyes do.
func TestEyeCardsShowTheEyes(t *testing.T) {
	for _, c := range cards.Builtin().Cards() {
		if c.Type != cards.TypeEyes {
			continue
		}
		f := c.Figure
		shows := false
		for _, tm := range frames(f) {
			p := f.At(tm)
			if _, _, ok := sightLine(f, p, pose.Layout(p, f.Front, f.Feet)); ok {
				shows = true
			}
			for _, ct := range p.Touch {
				shows = shows || ct.Target == "head"
			}
		}
		if !shows {
			t.Errorf("%s: the figure shows nothing of the eyes' action", c.ID)
		}
	}
}

// TestContactsHeldThroughout: the cards whose every step keeps a contact
// (hands on the hips while the hips circle, palms pressed on the desk)
// declare it in every drawn frame, moves between keyframes included.
func TestContactsHeldThroughout(t *testing.T) {
	lib := cards.Builtin()
	for id, want := range map[string][]string{
		"hip-circles": {"hand_l:hip_l", "hand_r:hip_r"},
		"desk-plank":  {"hand_r:desk", "hand_l:desk"},
		"calf-raises": {"hand_r:desk"},
	} {
		c, ok := lib.Card(id)
		if !ok {
			t.Errorf("no card %s", id)
			continue
		}
		for _, tm := range frames(c.Figure) {
			have := map[string]bool{}
			for _, x := range c.Figure.At(tm).Touch {
				have[x.String()] = true
			}
			for _, w := range want {
				if !have[w] {
					t.Errorf("%s at %.2fs: %s not held", id, tm, w)
				}
			}
		}
	}
}

// TestFrontViewSeated: a figure seated from the front has its thighs
// towards the viewer, drawn short (foreshortened), its shins at full
// length, and the chair drawn from the front behind it.
func TestFrontViewSeated(t *testing.T) {
	n := 0
	for _, c := range cards.Builtin().Cards() {
		f := c.Figure
		if !f.Front || !hasProp(f, "chair") {
			continue
		}
		n++
		s := pose.Layout(f.Poses[0], f.Front, f.Feet)
		thigh := math.Hypot(s.KneeL.X-s.HipL.X, s.KneeL.Y-s.HipL.Y)
		shin := math.Hypot(s.AnkleL.X-s.KneeL.X, s.AnkleL.Y-s.KneeL.Y)
		if thigh > 0.6*pose.LenThigh || math.Abs(shin-pose.LenShin) > 0.05 {
			t.Errorf("%s: seated from the front the thigh is drawn %.2f long and the shin %.2f (want a short thigh, a %.2f shin)", c.ID, thigh, shin, pose.LenShin)
		}
		if s.Z("knee_l") < 0.6*pose.LenThigh {
			t.Errorf("%s: the knee is only %.2f towards the viewer", c.ID, s.Z("knee_l"))
		}
		pl := f.Place()
		if !(pl.SeatY > s.Hip.Y && pl.SeatY < s.Hip.Y+0.2 && pl.BackTop.Y < s.Shoulder.Y+0.3) {
			t.Errorf("%s: the chair seen from the front is not under the hips with its backrest behind the back: %+v", c.ID, pl)
		}
	}
	if n < 3 {
		t.Errorf("only %d cards drawn seated from the front (side bend, twist, hip opener)", n)
	}
}
