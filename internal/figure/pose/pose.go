// Package pose is the pure model behind the animated stick figure on every
// exercise card: a pose is a set of joint angles, a figure is a few poses
// (keyframes) the renderer moves between. It has no UI dependencies so the
// card parser (used by the daemon) and tests can use it freely.
//
// Angles are in degrees on the screen, measured from straight down:
// 0 points down, 90 points forward (to the right; side-view figures face
// right), 180 points up and -90 points backwards (left). Every segment's
// angle is absolute, not relative to its parent, so "arm = 180" always means
// an arm pointing at the ceiling whatever the torso does.
package pose

import (
	"fmt"
	"math"
	"sort"
)

// Joint names one angle of a pose, spelled as in card files.
type Joint string

// The joints of a pose. "_l" limbs are drawn slightly dimmer: in a side view
// they are the far limbs, in a front view the ones on the left of the screen.
const (
	Torso    Joint = "torso" // hip to neck
	Head     Joint = "head"  // neck to head
	ArmL     Joint = "arm_l" // shoulder to elbow
	ForearmL Joint = "forearm_l"
	ArmR     Joint = "arm_r"
	ForearmR Joint = "forearm_r"
	ThighL   Joint = "thigh_l" // hip to knee
	ShinL    Joint = "shin_l"
	ThighR   Joint = "thigh_r"
	ShinR    Joint = "shin_r"
	// Feet are optional: without them a foot points forward of its shin and
	// never into the floor. Set them to point the toes (calf raises).
	FootL Joint = "foot_l"
	FootR Joint = "foot_r"
	// Turn is optional too: in the side view, how far (degrees, 0 to 90)
	// the shoulders turn to the figure's right while the hips stay in
	// profile, so a seated twist shows as a twist: the shoulders open up
	// towards the viewer.
	Turn Joint = "turn"
	// Shrug is optional: how far (0 to 1) the shoulders are drawn up
	// towards the ears, for shrugs, shoulder rolls and tensing; 1 lifts
	// them MaxShrug torso lengths.
	Shrug Joint = "shrug"
	// Gaze is optional: where the eyes look (an absolute angle like the
	// limbs': 90 straight ahead, 135 up and ahead), drawn as a line of
	// sight so eye exercises show what the eyes do.
	Gaze Joint = "gaze"
)

// Fwd names the optional depth of segment j in the front view: how many
// degrees it points out of the picture towards the viewer ("thigh_r_fwd"),
// 0 in the picture plane, 90 straight at the viewer (a seated thigh);
// negative away. The side view ignores it.
func Fwd(j Joint) Joint { return j + "_fwd" }

// OptionalJoints returns the joints a pose may leave out.
func OptionalJoints() []Joint {
	o := []Joint{FootL, FootR, Turn, Gaze, Shrug}
	for _, j := range Joints() {
		o = append(o, Fwd(j))
	}
	return o
}

// Joints returns every joint in a fixed order.
func Joints() []Joint {
	return []Joint{Torso, Head, ArmL, ForearmL, ArmR, ForearmR, ThighL, ShinL, ThighR, ShinR}
}

// Pose is one keyframe. Lift raises the whole figure off the ground (in
// torso lengths), for calf raises and little hops.
type Pose struct {
	Angles map[Joint]float64
	Lift   float64
	// Touch lists what must touch what in this pose; Solve bends the
	// limbs so they do.
	Touch []Contact
	// Hold is how long (seconds) this keyframe is held, as its step says
	// ("hold for four breaths"); 0 uses the figure's Hold.
	Hold float64
	// Move is how long (seconds) the move from this keyframe to the next
	// takes ("breathe out for six counts"); 0 uses the figure's Move.
	Move float64
}

// Angle returns the angle of j (0 when unset).
func (p Pose) Angle(j Joint) float64 { return p.Angles[j] }

// Clone returns a deep copy.
func (p Pose) Clone() Pose {
	q := Pose{Angles: make(map[Joint]float64, len(p.Angles)), Lift: p.Lift, Touch: append([]Contact(nil), p.Touch...), Hold: p.Hold, Move: p.Move}
	for k, v := range p.Angles {
		q.Angles[k] = v
	}
	return q
}

// With returns a copy of p with the given joints overridden.
func (p Pose) With(over map[Joint]float64) Pose {
	q := p.Clone()
	for k, v := range over {
		q.Angles[k] = v
	}
	return q
}

func mk(a ...float64) Pose {
	p := Pose{Angles: map[Joint]float64{}}
	for i, j := range Joints() {
		p.Angles[j] = a[i]
	}
	return p
}

// Base returns a named starting posture that card poses override, so a card
// file only lists the joints that move. ok is false for an unknown name.
func Base(name string) (p Pose, ok bool) {
	switch name {
	//                torso head armL foreL armR foreR thighL shinL thighR shinR
	case "stand":
		return mk(180, 180, -6, -4, 6, 10, -3, 0, 3, 0), true
	case "stand-front": // facing the viewer, arms by the sides
		return mk(180, 180, -12, -8, 12, 8, -6, -4, 6, 4), true
	case "sit":
		return mk(180, 180, 15, 70, 25, 75, 90, 0, 90, 0), true
	case "sit-front": // sitting facing the viewer: thighs towards you, hands on them
		p := mk(180, 180, -3, -1, 3, 1, -30, 3, 30, -3)
		p.Angles[Fwd(ThighL)], p.Angles[Fwd(ThighR)] = 78, 78
		p.Angles[Fwd(ArmL)], p.Angles[Fwd(ArmR)] = 18, 18
		p.Angles[Fwd(ForearmL)], p.Angles[Fwd(ForearmR)] = 30, 30
		return p, true
	case "lie-back": // on the back, head to the left, knees bent
		return mk(-90, -90, 88, 90, 92, 90, 135, 20, 140, 25), true
	case "lie-front": // face down, head to the right
		return mk(90, 90, -88, -90, -92, -90, -90, -90, -92, -92), true
	case "all-fours": // hands and knees, head to the right
		return mk(107, 100, 0, 0, 3, 3, 0, -90, 3, -87), true
	case "kneel": // half kneeling lunge, facing right
		return mk(180, 180, -5, -5, 5, 5, 0, -90, 85, 0), true
	}
	return Pose{}, false
}

// BaseNames lists the names Base accepts.
func BaseNames() []string {
	n := []string{"stand", "stand-front", "sit", "sit-front", "lie-back", "lie-front", "all-fours", "kneel"}
	sort.Strings(n)
	return n
}

// Lerp blends a towards b; t=0 gives a, t=1 gives b.
func Lerp(a, b Pose, t float64) Pose {
	q := Pose{Angles: make(map[Joint]float64, len(a.Angles)), Lift: a.Lift + (b.Lift-a.Lift)*t}
	for _, j := range Joints() {
		q.Angles[j] = a.Angle(j) + (b.Angle(j)-a.Angle(j))*t
	}
	for _, j := range OptionalJoints() {
		fa, oka := a.Angles[j]
		fb, okb := b.Angles[j]
		if !oka && !okb {
			continue
		}
		switch {
		case j == Gaze && !oka:
			fa = fb // the line of sight appears where it is next drawn
		case j == Gaze && !okb:
			fb = fa
		case !oka:
			fa = a.foot(j)
		case !okb:
			fb = b.foot(j)
		}
		q.Angles[j] = fa + (fb-fa)*t
	}
	return q
}

// foot returns the foot angle used for j (FootL or FootR) in the side view.
func (p Pose) foot(j Joint) float64 {
	if v, ok := p.Angles[j]; ok {
		return v
	}
	if j != FootL && j != FootR {
		return 0 // turn and the depths: none unless set
	}
	if j == FootL {
		return footAngle(p.Angle(ShinL))
	}
	return footAngle(p.Angle(ShinR))
}

// Segment lengths in torso lengths, roughly human proportions.
const (
	LenTorso   = 1.0
	LenNeck    = 0.14
	HeadRadius = 0.2
	LenArm     = 0.58
	LenForearm = 0.58
	LenThigh   = 0.86
	LenShin    = 0.86
	LenFoot    = 0.22
	shoulderHW = 0.26 // half shoulder width, front view
	// MaxShrug is how far (torso lengths) a full shrug lifts the shoulders
	// (and the top of the torso, so the neck shows shorter).
	MaxShrug = 0.14
	hipHW    = 0.14 // half hip width, front view
)

// Point is a position in figure units, y growing downwards.
type Point struct{ X, Y float64 }

func (p Point) add(a float64, l float64) Point {
	r := a * math.Pi / 180
	return Point{p.X + math.Sin(r)*l, p.Y + math.Cos(r)*l}
}

// Limb is one drawn segment of the figure.
type Limb struct {
	From, To Point
	Far      bool    // an "_l" limb, drawn dimmer
	Width    float64 // thickness in figure units: a body, not a stick
	// Name is the joint the segment is drawn for ("thigh_l"; "hand_r" for
	// a hand, a dot: From = To; "shoulders" and "hips" across the body).
	Name string
	z    float64 // how near the viewer (front view): nearer is drawn later
}

// Thickness of the body's segments, in torso lengths: roughly a person's
// proportions seen from the side, so the figure reads as a body at 150 px.
const (
	WidthTorso   = 0.27
	WidthNeck    = 0.1
	WidthThigh   = 0.17
	WidthShin    = 0.12
	WidthFoot    = 0.08
	WidthArm     = 0.11
	WidthForearm = 0.09
	HandRadius   = 0.065
)

// Skeleton is a pose laid out in figure units, hip at the origin before grounding.
type Skeleton struct {
	Limbs    []Limb
	Head     Point // centre of the head
	Hip      Point
	HandL    Point
	HandR    Point
	Shoulder Point
	AnkleL   Point
	AnkleR   Point
	KneeL    Point
	KneeR    Point
	// Where each limb starts (the same point in the side view).
	ShoulderL, ShoulderR, HipL, HipR Point
	ElbowL, ElbowR                   Point
	// WaistL and WaistR are the sides of the hips, where a hand rests
	// "on the hips" (targets hip_l, hip_r).
	WaistL, WaistR Point
	// Face is where a hand covers the eyes (target head).
	Face Point
	// z is each named point's depth towards the viewer (front view; 0 in
	// the side view): the 3D position of a point drawn at (x, y) is
	// (x, y-Depth*z, z).
	z map[string]float64
}

// Depth is how the front view shows depth: it looks down on the figure a
// little, so a point d units nearer the viewer is drawn Depth*d lower. It
// is an oblique parallel projection: a thigh pointing at the viewer (a
// seated figure) is drawn short and downwards, a shin crossed over the
// other knee at full length, and a contact solved in 3D holds on screen.
const Depth = 0.35

type vec3 struct{ X, Y, Z float64 }

func (a vec3) add(b vec3) vec3           { return vec3{a.X + b.X, a.Y + b.Y, a.Z + b.Z} }
func (a vec3) sub(b vec3) vec3           { return vec3{a.X - b.X, a.Y - b.Y, a.Z - b.Z} }
func (a vec3) mul(k float64) vec3        { return vec3{a.X * k, a.Y * k, a.Z * k} }
func (a vec3) dot(b vec3) float64        { return a.X*b.X + a.Y*b.Y + a.Z*b.Z }
func (a vec3) norm() float64             { return math.Sqrt(a.dot(a)) }
func (a vec3) screen() Point             { return Point{a.X, a.Y + Depth*a.Z} }
func (a vec3) unit() vec3                { return a.mul(1 / a.norm()) }
func at3(p Point, z float64) vec3        { return vec3{p.X, p.Y - Depth*z, z} }
func (p Pose) fwd(j Joint) float64       { return p.Angles[Fwd(j)] }
func (p Pose) dir3(j Joint) vec3         { return dir3(p.Angle(j), p.fwd(j)) }
func (s Skeleton) at3(n string) vec3     { return at3(s.Point(n), s.z[n]) }
func (s Skeleton) Z(name string) float64 { return s.z[name] }

// dir3 is the unit direction of a segment at screen angle a (degrees, as
// the side view's) tilted fwd degrees towards the viewer.
func dir3(a, fwd float64) vec3 {
	ar, fr := a*math.Pi/180, fwd*math.Pi/180
	return vec3{math.Sin(ar) * math.Cos(fr), math.Cos(ar) * math.Cos(fr), math.Sin(fr)}
}

// angles3 is the inverse of dir3; keep is the screen angle used when d
// points straight at the viewer (no screen angle to read).
func angles3(d vec3, keep float64) (a, fwd float64) {
	d = d.unit()
	fwd = deg(math.Asin(math.Max(-1, math.Min(1, d.Z))))
	if math.Hypot(d.X, d.Y) < 1e-6 {
		return keep, fwd
	}
	return deg(math.Atan2(d.X, d.Y)), fwd
}

// Layout turns a pose into lines. front selects the front view (shoulders
// and hips get a width, feet point outwards). The result is grounded: its
// lowest point rests on y=0, raised by the pose's Lift.
// With feet set, the figure is placed so the point between its ankles stays
// at x=0 (standing and sitting figures keep their feet still); otherwise
// the hip stays at x=0 (lying and kneeling on all fours).
func Layout(p Pose, front, feet bool) Skeleton {
	s := layout(p, front)
	// Ground: the lowest point (a limb end or the bottom of the head) sits on y=0.
	low := s.Head.Y + HeadRadius
	for _, l := range s.Limbs {
		low = math.Max(low, math.Max(l.From.Y, l.To.Y))
	}
	dx := 0.0
	if feet {
		// The feet on the floor stay put: both, or the standing one when
		// the other is lifted (a quad stretch, a march).
		switch {
		case s.AnkleL.Y < s.AnkleR.Y-liftedFoot:
			dx = -s.AnkleR.X
		case s.AnkleR.Y < s.AnkleL.Y-liftedFoot:
			dx = -s.AnkleL.X
		default:
			dx = -(s.AnkleL.X + s.AnkleR.X) / 2
		}
	}
	s.shift(dx, -low-p.Lift)
	return s
}

// liftedFoot is how much higher (figure units) an ankle must be than the
// other to count as lifted off the floor.
const liftedFoot = 0.15

// layout places the limbs with the hip at the origin, not grounded.
func layout(p Pose, front bool) Skeleton {
	if front {
		return layoutFront(p)
	}
	hip := Point{}
	neck := hip.add(p.Angle(Torso), LenTorso)
	head := neck.add(p.Angle(Head), LenNeck+HeadRadius)
	sh := neck.add(p.Angle(Torso), p.Angles[Shrug]*MaxShrug)
	shL, shR, hipL, hipR := sh, sh, hip, hip
	if t := p.Angles[Turn]; t != 0 {
		// Turned to the right: the near (right) shoulder goes back, the far one forward.
		w := shoulderHW * math.Sin(t*math.Pi/180)
		shR, shL = sh.add(p.Angle(Torso)-90, w), sh.add(p.Angle(Torso)+90, w)
	}
	elL := shL.add(p.Angle(ArmL), LenArm)
	haL := elL.add(p.Angle(ForearmL), LenForearm)
	elR := shR.add(p.Angle(ArmR), LenArm)
	haR := elR.add(p.Angle(ForearmR), LenForearm)
	knL := hipL.add(p.Angle(ThighL), LenThigh)
	anL := knL.add(p.Angle(ShinL), LenShin)
	knR := hipR.add(p.Angle(ThighR), LenThigh)
	anR := knR.add(p.Angle(ShinR), LenShin)
	ftL := anL.add(p.foot(FootL), LenFoot)
	ftR := anR.add(p.foot(FootR), LenFoot)
	waist := hip.add(p.Angle(Torso), 0.1)
	s := Skeleton{Head: head, Hip: hip, HandL: haL, HandR: haR, Shoulder: neck, AnkleL: anL, AnkleR: anR,
		KneeL: knL, KneeR: knR, ShoulderL: shL, ShoulderR: shR, HipL: hipL, HipR: hipR,
		ElbowL: elL, ElbowR: elR, WaistL: waist, WaistR: waist,
		Face: Point{head.X + HeadRadius*0.8, head.Y}}
	s.Limbs = []Limb{
		{hipL, knL, true, WidthThigh, "thigh_l", 0}, {knL, anL, true, WidthShin, "shin_l", 0}, {anL, ftL, true, WidthFoot, "foot_l", 0},
		{shL, elL, true, WidthArm, "arm_l", 0}, {elL, haL, true, WidthForearm, "forearm_l", 0}, {haL, haL, true, 2 * HandRadius, "hand_l", 0},
		{hip, sh, false, WidthTorso, "torso", 0}, {neck, neck.add(p.Angle(Head), LenNeck), false, WidthNeck, "neck", 0},
		{hipR, knR, false, WidthThigh, "thigh_r", 0}, {knR, anR, false, WidthShin, "shin_r", 0}, {anR, ftR, false, WidthFoot, "foot_r", 0},
		{shR, elR, false, WidthArm, "arm_r", 0}, {elR, haR, false, WidthForearm, "forearm_r", 0}, {haR, haR, false, 2 * HandRadius, "hand_r", 0},
	}
	if shL != shR {
		s.Limbs = append(s.Limbs, Limb{shL, shR, false, WidthTorso * 0.6, "shoulders", 0})
	}
	return s
}

// layoutFront is the front view: the body in 3D (x to the viewer's right,
// y down, z towards the viewer), each segment at its screen angle tilted
// by its _fwd depth, drawn with the Depth projection.
func layoutFront(p Pose) Skeleton {
	var hip vec3
	neck := hip.add(p.dir3(Torso).mul(LenTorso))
	head := neck.add(p.dir3(Head).mul(LenNeck + HeadRadius))
	// Across the body, in the picture plane: with the torso upright this
	// points left on screen, which is where "_l" belongs.
	across := dir3(p.Angle(Torso)+90, 0)
	t := p.Angles[Turn] * math.Pi / 180
	// Turned to the right: the right shoulder goes back, the left comes forward.
	sh := neck.add(p.dir3(Torso).mul(p.Angles[Shrug] * MaxShrug))
	shL := sh.add(across.mul(shoulderHW * math.Cos(t))).add(vec3{Z: shoulderHW * math.Sin(t)})
	shR := sh.add(across.mul(-shoulderHW * math.Cos(t))).add(vec3{Z: -shoulderHW * math.Sin(t)})
	hipL, hipR := hip.add(across.mul(hipHW)), hip.add(across.mul(-hipHW))
	seg := func(from vec3, j Joint, l float64) vec3 { return from.add(p.dir3(j).mul(l)) }
	elL, elR := seg(shL, ArmL, LenArm), seg(shR, ArmR, LenArm)
	haL, haR := seg(elL, ForearmL, LenForearm), seg(elR, ForearmR, LenForearm)
	knL, knR := seg(hipL, ThighL, LenThigh), seg(hipR, ThighR, LenThigh)
	anL, anR := seg(knL, ShinL, LenShin), seg(knR, ShinR, LenShin)
	// Feet point towards the viewer, splayed out a little, square to the shin.
	foot := func(an vec3, shin Joint, out float64) vec3 {
		d := vec3{out * 0.5, 0, 0.87}
		s := p.dir3(shin)
		d = d.sub(s.mul(d.dot(s)))
		if d.norm() < 1e-3 {
			d = vec3{Y: 1}
		}
		return an.add(d.unit().mul(LenFoot * 0.8))
	}
	ftL, ftR := foot(anL, ShinL, -1), foot(anR, ShinR, 1)
	waistL := hipL.add(across.mul(0.1)).add(p.dir3(Torso).mul(0.1))
	waistR := hipR.add(across.mul(-0.1)).add(p.dir3(Torso).mul(0.1))
	face := head.add(vec3{Z: HeadRadius * 0.8})
	P := vec3.screen
	s := Skeleton{Head: P(head), Hip: P(hip), HandL: P(haL), HandR: P(haR), Shoulder: P(neck),
		AnkleL: P(anL), AnkleR: P(anR), KneeL: P(knL), KneeR: P(knR),
		ShoulderL: P(shL), ShoulderR: P(shR), HipL: P(hipL), HipR: P(hipR),
		ElbowL: P(elL), ElbowR: P(elR), WaistL: P(waistL), WaistR: P(waistR), Face: P(face)}
	s.z = map[string]float64{"hand_l": haL.Z, "hand_r": haR.Z, "elbow_l": elL.Z, "elbow_r": elR.Z,
		"knee_l": knL.Z, "knee_r": knR.Z, "ankle_l": anL.Z, "ankle_r": anR.Z, "foot_l": anL.Z, "foot_r": anR.Z,
		"shoulder": neck.Z, "shoulder_l": shL.Z, "shoulder_r": shR.Z, "hip_l": waistL.Z, "hip_r": waistR.Z,
		"head": face.Z, "hipjoint_l": hipL.Z, "hipjoint_r": hipR.Z}
	neckTop := neck.add(p.dir3(Head).mul(LenNeck))
	L := func(a, b vec3, far bool, w float64, name string) Limb {
		return Limb{P(a), P(b), far, w, name, (a.Z + b.Z) / 2}
	}
	// A thigh pointing at the viewer shows its full width end-on.
	thigh := func(j Joint) float64 { return WidthThigh * (1 + 0.35*math.Abs(math.Sin(p.fwd(j)*math.Pi/180))) }
	s.Limbs = []Limb{
		L(hipL, knL, true, thigh(ThighL), "thigh_l"), L(knL, anL, true, WidthShin, "shin_l"), L(anL, ftL, true, WidthFoot, "foot_l"),
		L(shL, elL, true, WidthArm, "arm_l"), L(elL, haL, true, WidthForearm, "forearm_l"), L(haL, haL, true, 2*HandRadius, "hand_l"),
		L(hip, sh, false, WidthTorso, "torso"), L(neck, neckTop, false, WidthNeck, "neck"),
		L(shL, shR, false, WidthTorso*0.6, "shoulders"), L(hipL, hipR, false, WidthTorso*0.8, "hips"),
		L(hipR, knR, false, thigh(ThighR), "thigh_r"), L(knR, anR, false, WidthShin, "shin_r"), L(anR, ftR, false, WidthFoot, "foot_r"),
		L(shR, elR, false, WidthArm, "arm_r"), L(elR, haR, false, WidthForearm, "forearm_r"), L(haR, haR, false, 2*HandRadius, "hand_r"),
	}
	// Nearer segments are drawn later, over the others: the thighs of a
	// seated figure over its hips, arms crossed in front over the chest.
	// Within a few hundredths the card's order stands (limbs beside the body).
	sort.SliceStable(s.Limbs, func(i, j int) bool { return s.Limbs[i].z < s.Limbs[j].z-0.05 })
	return s
}

// footAngle points the foot forward of the shin, but never into the floor:
// a foot that would point down (kneeling, lying face down) lies flat instead.
func footAngle(shin float64) float64 {
	a := shin + 90
	r := a * math.Pi / 180
	if math.Cos(r) > 0.05 {
		if math.Sin(r) >= 0 {
			return 90
		}
		return -90
	}
	return a
}

func (s *Skeleton) shift(dx, dy float64) {
	mv := func(p Point) Point { return Point{p.X + dx, p.Y + dy} }
	for i := range s.Limbs {
		s.Limbs[i].From, s.Limbs[i].To = mv(s.Limbs[i].From), mv(s.Limbs[i].To)
	}
	s.Head, s.Hip, s.HandL, s.HandR, s.Shoulder = mv(s.Head), mv(s.Hip), mv(s.HandL), mv(s.HandR), mv(s.Shoulder)
	s.AnkleL, s.AnkleR, s.KneeL, s.KneeR = mv(s.AnkleL), mv(s.AnkleR), mv(s.KneeL), mv(s.KneeR)
	s.ShoulderL, s.ShoulderR, s.HipL, s.HipR = mv(s.ShoulderL), mv(s.ShoulderR), mv(s.HipL), mv(s.HipR)
	s.ElbowL, s.ElbowR, s.WaistL, s.WaistR, s.Face = mv(s.ElbowL), mv(s.ElbowR), mv(s.WaistL), mv(s.WaistR), mv(s.Face)
}

// Bounds returns the smallest box holding the skeleton (head included).
func (s Skeleton) Bounds() (min, max Point) {
	min = Point{s.Head.X - HeadRadius, s.Head.Y - HeadRadius}
	max = Point{s.Head.X + HeadRadius, s.Head.Y + HeadRadius}
	for _, l := range s.Limbs {
		for _, p := range []Point{l.From, l.To} {
			min.X, min.Y = math.Min(min.X, p.X), math.Min(min.Y, p.Y)
			max.X, max.Y = math.Max(max.X, p.X), math.Max(max.Y, p.Y)
		}
	}
	return min, max
}

// Props that can stand around the figure; their place is derived from the
// first pose so card authors need not position them.
var propNames = []string{"chair", "desk", "wall", "mat", "glass", "far"}

// PropNames lists the props a figure may name.
func PropNames() []string { return append([]string(nil), propNames...) }

// ValidProp reports whether name is a known prop.
func ValidProp(name string) bool {
	for _, n := range propNames {
		if n == name {
			return true
		}
	}
	return false
}

// Figure is what a card shows: keyframes and timing.
type Figure struct {
	Front bool
	// Feet keeps the feet still instead of the hip (see Layout).
	Feet  bool
	Props []string
	Poses []Pose
	Hold  float64 // seconds each keyframe is held
	Move  float64 // seconds to move from one keyframe to the next
}

// Default timing when a card does not set it.
const (
	DefaultHold = 0.7
	DefaultMove = 1.4
)

// Period is the length of one full animation loop in seconds.
func (f Figure) Period() float64 {
	if len(f.Poses) < 2 {
		return 0
	}
	per := 0.0
	for i := range f.Poses {
		per += f.HoldOf(i) + f.MoveOf(i)
	}
	return per
}

// HoldOf is how long keyframe i is held: its own Hold, else the figure's.
func (f Figure) HoldOf(i int) float64 {
	if h := f.Poses[i].Hold; h > 0 {
		return h
	}
	return f.hold()
}

// KeyframeAt is when keyframe i is reached (its hold starts), in seconds
// into the loop.
func (f Figure) KeyframeAt(i int) float64 {
	t := 0.0
	for j := 0; j < i && j < len(f.Poses); j++ {
		t += f.HoldOf(j) + f.MoveOf(j)
	}
	return t
}

// MoveOf is how long the move from keyframe i to the next takes: its
// own Move (a breath in for four counts), else the figure's.
func (f Figure) MoveOf(i int) float64 {
	if m := f.Poses[i].Move; m > 0 {
		return m
	}
	return f.move()
}

func (f Figure) hold() float64 {
	if f.Hold > 0 {
		return f.Hold
	}
	return DefaultHold
}

func (f Figure) move() float64 {
	if f.Move > 0 {
		return f.Move
	}
	return DefaultMove
}

// At returns the pose at time t seconds into the loop (any t, it wraps).
// Between keyframes it eases in and out so the motion looks human.
func (f Figure) At(t float64) Pose {
	switch len(f.Poses) {
	case 0:
		p, _ := Base("stand")
		return p
	case 1:
		return f.solve(f.Poses[0])
	}
	per := f.Period()
	t = math.Mod(t, per)
	if t < 0 {
		t += per
	}
	i, start := 0, 0.0
	for i < len(f.Poses)-1 && t >= start+f.HoldOf(i)+f.MoveOf(i) {
		start += f.HoldOf(i) + f.MoveOf(i)
		i++
	}
	in := t - start
	a, b := f.Poses[i], f.Poses[(i+1)%len(f.Poses)]
	if in <= f.HoldOf(i) {
		return f.solve(a.Clone())
	}
	u := math.Min(1, (in-f.HoldOf(i))/f.MoveOf(i))
	u = u * u * (3 - 2*u) // smoothstep
	// From solved keyframe to solved keyframe, so the figure does not
	// jump when a hold starts.
	q := Lerp(f.solve(a), f.solve(b), u)
	// A contact both keyframes share holds all the way between them.
	for _, c := range a.Touch {
		for _, d := range b.Touch {
			if c == d {
				q.Touch = append(q.Touch, c)
			}
		}
	}
	return f.solve(q)
}

// Eye is where the eyes are in s for pose p: on the face, a little above
// the head's centre.
func Eye(s Skeleton, p Pose) Point {
	return s.Head.add(p.Angle(Head)-60, HeadRadius*0.55)
}

// Validate checks a figure's values; it returns a message per problem.
func (f Figure) Validate() []string {
	var out []string
	for _, p := range f.Props {
		if !ValidProp(p) {
			out = append(out, fmt.Sprintf("unknown prop %q (known: %v)", p, propNames))
		}
	}
	for i, p := range f.Poses {
		for j, a := range p.Angles {
			if math.IsNaN(a) || math.IsInf(a, 0) || a < -360 || a > 360 {
				out = append(out, fmt.Sprintf("pose %d: %s = %v is outside -360..360", i+1, j, a))
			}
		}
		if math.IsNaN(p.Lift) || p.Lift < 0 || p.Lift > 1 {
			out = append(out, fmt.Sprintf("pose %d: lift = %v is outside 0..1", i+1, p.Lift))
		}
	}
	if f.Hold < 0 || f.Hold > 10 || f.Move < 0 || f.Move > 10 {
		out = append(out, "hold and move must be between 0 and 10 seconds")
	}
	return out
}
