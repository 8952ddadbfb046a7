package pose

import "math"

// Place is where a figure's props stand, in grounded figure units (y=0 is
// the floor, up is negative). They are placed once, from the poses, and
// stay put while the figure moves, so a contact with a prop (hands on
// the desk, the back against the chair) is a fixed place the body keeps.
type Place struct {
	Chair               bool
	SeatY               float64 // the seat's top
	SeatBack, SeatFront float64 // x of the seat's ends
	BackFoot, BackTop   Point   // the backrest, from the seat up
	Desk                bool
	DeskY               float64 // the desk's top
	DeskX0, DeskX1      float64
	Far                 bool
	FarAt               Point // the centre of the distant target (a window)
}

// Hand-on-surface offset: the hand's centre sits this far above a top.
const handAbove = HandRadius

// lowerBack is how far up the torso (in torso lengths) the back meets a
// backrest: the lumbar curve a backrest supports.
const lowerBack = 0.35

// Place puts the props: the chair under the hip of the first pose (its
// backrest against the back of the first pose that says "back:chair",
// else behind the hip), the desk under the first pose's right hand, the
// distant target ahead at eye height.
func (f Figure) Place() Place {
	var pl Place
	if len(f.Poses) == 0 {
		return pl
	}
	s := Layout(f.Poses[0], f.Front, f.Feet)
	if f.has("chair") {
		pl.Chair = true
		pl.SeatY = s.Hip.Y + 0.1
		pl.SeatBack, pl.SeatFront = s.Hip.X-0.42, s.Hip.X+0.32
		pl.BackFoot = Point{pl.SeatBack, pl.SeatY}
		pl.BackTop = Point{pl.SeatBack - 0.06, pl.SeatY - 0.95}
		for _, p := range f.Poses {
			if !p.touches("back") {
				continue
			}
			// The backrest leans with that pose's back, its face on the back.
			b := Layout(p, f.Front, f.Feet)
			a := p.Angle(Torso)
			off := Point{}.add(a-90, WidthTorso/2) // from the spine to the back's surface
			lb := b.Hip.add(a, lowerBack*LenTorso)
			foot := Point{lb.X + off.X, lb.Y + off.Y}
			// Run the backrest's line down to the seat and up 0.95.
			dir := Point{}.add(a, 1)
			k := (pl.SeatY - foot.Y) / dir.Y
			pl.BackFoot = Point{foot.X + dir.X*k, pl.SeatY}
			pl.BackTop = pl.BackFoot.add(a, 0.95)
			pl.SeatBack = pl.BackFoot.X
			break
		}
	}
	if f.has("desk") {
		pl.Desk = true
		pl.DeskY = s.HandR.Y + handAbove
		pl.DeskX0 = s.HandR.X - 0.18
		pl.DeskX1 = pl.DeskX0 + 1.0
	}
	if f.has("far") {
		pl.Far = true
		pl.FarAt = Point{s.Head.X + 1.9, s.Head.Y - 0.35} // up ahead, over a screen
	}
	return pl
}

func (f Figure) has(prop string) bool {
	for _, p := range f.Props {
		if p == prop {
			return true
		}
	}
	return false
}

func (p Pose) touches(effector string) bool {
	for _, c := range p.Touch {
		if c.Effector == effector {
			return true
		}
	}
	return false
}

// propTarget is where effector e of s meets a prop, and whether the
// target is a prop: on the desk, the point of its top under the hand; on
// the chair, the backrest a little above the middle, where a hand holds
// it in a twist.
func (pl Place) propTarget(s Skeleton, c Contact) (Point, bool) {
	switch c.Target {
	case "desk":
		h := s.Point(c.Effector)
		x := math.Max(pl.DeskX0+0.05, math.Min(h.X, pl.DeskX1-0.1))
		return Point{x, pl.DeskY - handAbove}, true
	case "chair":
		return Point{pl.BackFoot.X + (pl.BackTop.X-pl.BackFoot.X)*0.6, pl.BackFoot.Y + (pl.BackTop.Y-pl.BackFoot.Y)*0.6}, true
	}
	return Point{}, false
}

// Gap is how far (figure units) contact c is from holding in skeleton s
// of a figure placed as pl: the effector's distance from its target, or
// for the back on the chair, the lower back's distance from the backrest.
func (pl Place) Gap(s Skeleton, p Pose, c Contact) float64 {
	if c.Effector == "back" {
		a := p.Angle(Torso)
		lb := s.Hip.add(a, lowerBack*LenTorso)
		off := Point{}.add(a-90, WidthTorso/2)
		q := Point{lb.X + off.X, lb.Y + off.Y}
		return distToLine(q, pl.BackFoot, pl.BackTop)
	}
	t, ok := pl.propTarget(s, c)
	if !ok {
		t = s.Point(c.Target)
	}
	e := s.Point(c.Effector)
	return math.Hypot(e.X-t.X, e.Y-t.Y)
}

func distToLine(p, a, b Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	n := math.Hypot(dx, dy)
	if n == 0 {
		return math.Hypot(p.X-a.X, p.Y-a.Y)
	}
	return math.Abs((p.X-a.X)*dy-(p.Y-a.Y)*dx) / n
}

// solveProps bends the limbs whose contacts name a prop so they reach it
// where it stands. The limbs are solved in grounded coordinates; as
// bending an arm can change which point rests on the floor, it runs a
// few rounds until nothing moves.
func (f Figure) solveProps(p Pose) Pose {
	need := false
	for _, c := range p.Touch {
		if c.Target == "desk" || c.Target == "chair" && c.Effector != "back" {
			need = true
		}
	}
	if !need {
		return p
	}
	pl := f.Place()
	q := p.Clone()
	for round := 0; round < 4; round++ {
		for _, c := range p.Touch {
			if c.Effector == "back" {
				continue
			}
			g := Layout(q, f.Front, f.Feet)
			t, ok := pl.propTarget(g, c)
			if !ok {
				continue
			}
			// From grounded to the unground layout (hip at the origin).
			t = Point{t.X - g.Hip.X, t.Y - g.Hip.Y}
			q = q.reach(c.Effector, t, f.Front)
		}
	}
	return q
}
