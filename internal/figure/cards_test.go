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
				if ct.Target == "head" {
					continue // the face is beside the skull's centre; checked by Solve's own test
				}
				// Body points, and props where they are drawn (a hand on
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
// any frame of a side-view figure.
func TestEveryFigureWithinJointLimits(t *testing.T) {
	for _, c := range cards.Builtin().Cards() {
		if c.Figure.Front {
			continue // a front view shows sideways bends, not flexion
		}
		for _, tm := range frames(c.Figure) {
			if bad := c.Figure.At(tm).WithinLimits(); len(bad) > 0 {
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
