package pose

import "math"

// Place is where a figure's props stand, in grounded figure units (y=0 is
// the floor, up is negative). They are placed once, from the poses, and
// stay put while the figure moves, so a contact with a prop (hands on
// the desk, the back against the chair) is a fixed place the body keeps.
type Place struct {
	front, feet         bool
	Chair               bool
	SeatY               float64 // the seat's top
	SeatBack, SeatFront float64 // x of the seat's ends (side view), its left and right (front view)
	BackFoot, BackTop   Point   // the face of the backrest, from the seat up (side view)
	// In the front view the seat runs from depth SeatZ0 (the backrest)
	// to SeatZ1 towards the viewer, and the floor line (y=0) is at depth
	// FloorZ, where the feet are.
	SeatZ0, SeatZ1, FloorZ float64
	Desk                   bool
	DeskY                  float64 // the desk's top
	DeskX0, DeskX1         float64
	Far                    bool
	FarAt                  Point // the centre of the distant target (a window)
}

// Hand-on-surface offset: the hand's centre sits this far above a top.
const handAbove = HandRadius

// lowerBack is how far up the torso (in torso lengths) the back meets a
// backrest: the lumbar curve a backrest supports.
const lowerBack = 0.35

// Backrest is the backrest's height above the seat, and BackrestWidth
// its thickness (side view) drawn behind its face.
const (
	Backrest      = 0.95
	BackrestWidth = 0.08
)

// Place puts the props: the chair under the hip of the first pose (its
// backrest against the back of the first pose that says "back:chair",
// else behind the hip), the desk under the hand or elbow of the first
// pose that rests it on the desk (else under the first pose's right
// hand), the distant target ahead at eye height.
func (f Figure) Place() Place {
	pl := Place{front: f.Front, feet: f.Feet}
	if len(f.Poses) == 0 {
		return pl
	}
	s := Layout(f.Poses[0], f.Front, f.Feet)
	if f.has("chair") && f.Front {
		pl.Chair = true
		pl.SeatY = s.Hip.Y + 0.1
		pl.SeatBack, pl.SeatFront = s.Hip.X-0.46, s.Hip.X+0.46
		pl.SeatZ0, pl.SeatZ1 = -0.25, 0.7
		// The floor line is drawn through the lowest point: the feet.
		for _, n := range []string{"ankle_l", "ankle_r"} {
			if s.Point(n).Y > s.Point("ankle_l").Y-0.01 && s.Point(n).Y > s.Point("ankle_r").Y-0.01 {
				pl.FloorZ = s.z[n]
			}
		}
		pl.BackFoot = Point{s.Hip.X, pl.SeatY + Depth*pl.SeatZ0}
		pl.BackTop = Point{s.Hip.X, pl.BackFoot.Y - Backrest}
	} else if f.has("chair") {
		pl.Chair = true
		pl.SeatY = s.Hip.Y + 0.1
		pl.SeatBack, pl.SeatFront = s.Hip.X-0.42, s.Hip.X+0.32
		pl.BackFoot = Point{pl.SeatBack, pl.SeatY}
		pl.BackTop = Point{pl.SeatBack - 0.06, pl.SeatY - Backrest}
		for _, p := range f.Poses {
			if !p.touches("back") {
				continue
			}
			// The backrest leans with that pose's back, its face on the back.
			b := Layout(p, f.Front, f.Feet)
			a := p.Angle(Torso)
			off := Point{}.add(a+90, WidthTorso/2) // from the spine to the back's surface
			lb := b.Hip.add(a, lowerBack*LenTorso)
			foot := Point{lb.X + off.X, lb.Y + off.Y}
			// Run the backrest's line down to the seat and up.
			dir := Point{}.add(a, 1)
			k := (pl.SeatY - foot.Y) / dir.Y
			pl.BackFoot = Point{foot.X + dir.X*k, pl.SeatY}
			pl.BackTop = pl.BackFoot.add(a, Backrest)
			pl.SeatBack = pl.BackFoot.X
			break
		}
	}
	if f.has("desk") {
		pl.Desk = true
		pl.DeskY = s.HandR.Y + handAbove
		pl.DeskX0 = s.HandR.X - 0.18
	desk:
		for _, p := range f.Poses {
			for _, c := range p.Touch {
				if c.Target != "desk" {
					continue
				}
				// Where the card's angles put it (the pose unsolved).
				e := Layout(p, f.Front, f.Feet).Point(c.Effector)
				if isElbow(c.Effector) {
					pl.DeskY, pl.DeskX0 = e.Y+WidthArm/2, e.X-0.12
				} else {
					pl.DeskY, pl.DeskX0 = e.Y+handAbove, e.X-0.18
				}
				break desk
			}
		}
		pl.DeskX1 = pl.DeskX0 + 1.0
	}
	if f.has("far") {
		pl.Far = true
		pl.FarAt = Point{s.Head.X + 1.9, s.Head.Y - 0.35} // up ahead, over a screen
	}
	return pl
}

// FloorAt is where the floor is drawn at depth z (front view).
func (pl Place) FloorAt(z float64) float64 { return -Depth * (pl.FloorZ - z) }

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

// propTarget is where effector e of s meets a prop (on screen, grounded)
// and its depth: on the desk, the point of its top under the hand (or
// elbow); on the chair, the backrest a little above the middle, where a
// hand holds it in a twist (from the front: its edge on the hand's side).
func (pl Place) propTarget(s Skeleton, c Contact) (Point, float64) {
	switch c.Target {
	case "desk":
		h := s.Point(c.Effector)
		x := math.Max(pl.DeskX0+0.05, math.Min(h.X, pl.DeskX1-0.1))
		if isElbow(c.Effector) {
			return Point{x, pl.DeskY - WidthArm/2}, 0
		}
		return Point{x, pl.DeskY - handAbove}, 0
	case "chair":
		if pl.front {
			x := pl.SeatBack + 0.06
			if c.Effector[len(c.Effector)-1] == 'r' {
				x = pl.SeatFront - 0.06
			}
			return Point{x, pl.BackFoot.Y - 0.35*Backrest}, pl.SeatZ0
		}
		return Point{pl.BackFoot.X + (pl.BackTop.X-pl.BackFoot.X)*0.6, pl.BackFoot.Y + (pl.BackTop.Y-pl.BackFoot.Y)*0.6}, 0
	}
	return Point{}, 0
}

// Gap is how far (figure units, on screen) contact c is from holding in
// skeleton s of a figure placed as pl: the effector's distance from its
// target; for the back on the chair, the lower back's distance from the
// backrest's face; for an elbow on the desk, from the desk's top.
func (pl Place) Gap(s Skeleton, p Pose, c Contact) float64 {
	if c.Effector == "back" {
		if pl.front {
			// From the front the backrest is behind the back: the back
			// holds while it is over the backrest.
			return math.Max(0, math.Abs(s.Hip.X-pl.BackFoot.X)-0.3)
		}
		a := p.Angle(Torso)
		lb := s.Hip.add(a, lowerBack*LenTorso)
		off := Point{}.add(a+90, WidthTorso/2)
		q := Point{lb.X + off.X, lb.Y + off.Y}
		return distToLine(q, pl.BackFoot, pl.BackTop)
	}
	e := s.Point(c.Effector)
	if c.Target == "desk" && isElbow(c.Effector) {
		// Anywhere on the desk's top.
		out := math.Max(0, math.Max(pl.DeskX0-e.X, e.X-pl.DeskX1))
		return math.Hypot(e.Y-(pl.DeskY-WidthArm/2), out)
	}
	t := s.Point(c.Target)
	if isProp(c.Target) {
		t, _ = pl.propTarget(s, c)
	}
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

// solve bends the limbs so every contact of p holds, props where they
// stand included. The limbs are solved in grounded coordinates; as
// bending a limb can change which point rests on the floor, it runs a
// few rounds until nothing moves. An arm whose elbow and hand are both
// placed (elbows on the desk, hands over the eyes) can only reach with
// the forearm: then the torso leans until the forearm fits.
func (f Figure) solve(p Pose) Pose {
	if len(p.Touch) == 0 {
		return p
	}
	pl := f.Place()
	once := func(q Pose) Pose {
		for round := 0; round < 4; round++ {
			q = q.solveBody(f.Front, &pl)
		}
		return q
	}
	var pinned []Contact
	for _, c := range p.Touch {
		if p.pinned(c.Effector) {
			pinned = append(pinned, c)
		}
	}
	if len(pinned) == 0 {
		return once(p)
	}
	t0, h0 := p.Angle(Torso), p.Angle(Head)-p.Angle(Torso)
	gaps := func(q Pose) float64 {
		s := Layout(q, f.Front, f.Feet)
		m := 0.0
		for _, c := range q.Touch {
			if c.Effector != "back" {
				m += pl.Gap(s, q, c)
			}
		}
		return m
	}
	if q := once(p); gaps(q) < 1e-3 {
		return q // a keyframe solved already (see Presolve): no search
	}
	miss := func(t float64) (float64, Pose) {
		q := once(p.With(map[Joint]float64{Torso: t, Head: t + h0}))
		s := Layout(q, f.Front, f.Feet)
		m := 0.0
		for _, c := range q.Touch {
			if c.Effector != "back" {
				m += pl.Gap(s, q, c)
			}
		}
		// Of equal fits, the lean nearest the card's.
		return m + math.Abs(t-t0)*1e-4, q
	}
	best, bestMiss := t0, math.Inf(1)
	for t := t0 - 45; t <= t0+45; t += 3 {
		if m, _ := miss(t); m < bestMiss {
			best, bestMiss = t, m
		}
	}
	lo, hi := best-3, best+3
	for i := 0; i < 24; i++ { // the fit is smooth near its best: a ternary search
		a, b := lo+(hi-lo)/3, hi-(hi-lo)/3
		ma, _ := miss(a)
		mb, _ := miss(b)
		if ma < mb {
			hi = b
		} else {
			lo = a
		}
	}
	_, q := miss((lo + hi) / 2)
	return q
}

// Presolve returns f with every keyframe solved (contacts with props
// included), so that drawing a held pose costs no search. Card files
// are presolved when they are read.
func (f Figure) Presolve() Figure {
	g := f
	g.Poses = make([]Pose, len(f.Poses))
	for i, p := range f.Poses {
		g.Poses[i] = f.solve(p)
	}
	return g
}
