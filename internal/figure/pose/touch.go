package pose

import (
	"fmt"
	"math"
	"strings"
)

// Contact is a pose declared by what touches what, as a step says it:
// "hand_r:ankle_r" (hold the ankle behind you), "foot_r:knee_l" (ankle on
// the other knee), "hand_l:head" (palm over the eyes), "elbow_r:desk"
// (elbows resting on the desk). The effector's limb is bent by inverse
// kinematics so it reaches the target; the joint angles a card gives for
// that limb are only the starting guess.
type Contact struct {
	Effector string // hand_l, hand_r, foot_l, foot_r, elbow_l, elbow_r, back
	Target   string // a point of the body, see Targets, or a prop
}

// Effectors lists the limb ends that can be placed on a target.
func Effectors() []string { return []string{"hand_l", "hand_r", "foot_l", "foot_r"} }

// Targets lists the body points an effector can be placed on, and the
// props: "desk" (its top, under the hand) and "chair" (its backrest).
func Targets() []string {
	return []string{"ankle_l", "ankle_r", "knee_l", "knee_r", "hip", "hip_l", "hip_r",
		"shoulder", "shoulder_l", "shoulder_r", "head", "hand_l", "hand_r", "desk", "chair"}
}

// ParseContact reads "EFFECTOR:TARGET". "back" goes only with "chair"
// (sitting back against the backrest), the elbows only with "desk".
func ParseContact(s string) (Contact, error) {
	e, t, ok := strings.Cut(strings.TrimSpace(s), ":")
	c := Contact{strings.TrimSpace(e), strings.TrimSpace(t)}
	if !ok || !oneOf(c.Effector, append(Effectors(), "back", "elbow_l", "elbow_r")) || !oneOf(c.Target, Targets()) || c.Effector == c.Target {
		return c, fmt.Errorf("contact %q must be EFFECTOR:TARGET with EFFECTOR one of %s (or back:chair, elbow_l:desk, elbow_r:desk) and TARGET one of %s",
			s, strings.Join(Effectors(), ", "), strings.Join(Targets(), ", "))
	}
	if c.Effector == "back" && c.Target != "chair" {
		return c, fmt.Errorf("contact %q: the back can only rest on the chair (back:chair)", s)
	}
	if isElbow(c.Effector) && c.Target != "desk" {
		return c, fmt.Errorf("contact %q: an elbow can only rest on the desk (%s:desk)", s, c.Effector)
	}
	return c, nil
}

// isProp reports whether a contact target is a prop, not a body point.
func isProp(target string) bool { return target == "desk" || target == "chair" }

func isElbow(effector string) bool { return effector == "elbow_l" || effector == "elbow_r" }

func (c Contact) String() string { return c.Effector + ":" + c.Target }

func oneOf(s string, all []string) bool {
	for _, a := range all {
		if a == s {
			return true
		}
	}
	return false
}

// chain returns the two joints an effector moves and whether the limb
// is a leg.
func chain(effector string) (upper, lower Joint, leg bool) {
	switch effector {
	case "hand_l", "elbow_l":
		return ArmL, ForearmL, false
	case "hand_r", "elbow_r":
		return ArmR, ForearmR, false
	case "foot_l":
		return ThighL, ShinL, true
	default:
		return ThighR, ShinR, true
	}
}

// Point returns a named point of the skeleton (an effector or a target);
// "head" is the face, where a hand covers the eyes.
func (s Skeleton) Point(name string) Point {
	switch name {
	case "hand_l":
		return s.HandL
	case "hand_r":
		return s.HandR
	case "elbow_l":
		return s.ElbowL
	case "elbow_r":
		return s.ElbowR
	case "foot_l", "ankle_l":
		return s.AnkleL
	case "foot_r", "ankle_r":
		return s.AnkleR
	case "knee_l":
		return s.KneeL
	case "knee_r":
		return s.KneeR
	case "hip":
		return s.Hip
	case "hip_l":
		return s.WaistL
	case "hip_r":
		return s.WaistR
	case "shoulder":
		return s.Shoulder
	case "shoulder_l":
		return s.ShoulderL
	case "shoulder_r":
		return s.ShoulderR
	case "head":
		return s.Face
	}
	return Point{}
}

// root is where an effector's chain starts, and its depth.
func (s Skeleton) root(effector string) vec3 {
	switch effector {
	case "hand_l", "elbow_l":
		return at3(s.ShoulderL, s.z["shoulder_l"])
	case "hand_r", "elbow_r":
		return at3(s.ShoulderR, s.z["shoulder_r"])
	case "foot_l":
		return at3(s.HipL, s.z["hipjoint_l"])
	default:
		return at3(s.HipR, s.z["hipjoint_r"])
	}
}

// pinned reports whether the arm of hand effector e also has its elbow
// placed (elbows on the desk, hands over the eyes): then only the
// forearm can reach for the hand's target.
func (p Pose) pinned(e string) bool {
	return (e == "hand_l" || e == "hand_r") && p.touches("elbow_"+e[len(e)-1:])
}

// Solve bends each contact's limb so its end reaches a body target, in
// order; a target out of reach is approached as closely as the limb
// allows. In the side view the bend keeps knees and elbows within their
// limits (see WithinLimits); in the front view it is solved in 3D and
// keeps the bend on the side the card's angles put it. Contacts with
// props are solved by Figure.At, which knows where the props stand.
func (p Pose) Solve(front bool) Pose {
	return p.solveBody(front, nil)
}

// solveBody solves the contacts in order; with pl set it solves those
// with props too, s being grounded as pl is.
func (p Pose) solveBody(front bool, pl *Place) Pose {
	if len(p.Touch) == 0 {
		return p
	}
	q := p.Clone()
	for _, c := range p.Touch {
		if c.Effector == "back" || isProp(c.Target) && pl == nil {
			continue
		}
		s := layout(q, front)
		var t vec3
		if isProp(c.Target) {
			g := Layout(q, front, pl.feet)
			tp, z := pl.propTarget(g, c)
			// From grounded to the unground layout (hip at the origin).
			t = at3(Point{tp.X - g.Hip.X, tp.Y - g.Hip.Y}, z)
		} else {
			t = s.at3(c.Target)
		}
		switch {
		case isElbow(c.Effector):
			q = q.restElbow(c.Effector, t.Y, front)
		case q.pinned(c.Effector):
			q = q.aim(c.Effector, t, front)
		default:
			q = q.reach(c.Effector, t, front)
		}
	}
	return q
}

// restElbow swings the upper arm so the elbow rests on the horizontal
// surface at y (the elbow's centre resting on it, unground layout): of the two ways down to
// it, the one nearer the card's angle; straight down when out of reach.
func (p Pose) restElbow(e string, y float64, front bool) Pose {
	q := p.Clone()
	s := layout(q, front)
	up, _, _ := chain(e)
	r := s.root(e)
	dy := y - r.Y
	a := 0.0
	if dy < LenArm {
		alpha := deg(math.Acos(math.Max(-1, dy/LenArm)))
		a = alpha
		if math.Abs(wrap(-alpha-q.Angle(up))) < math.Abs(wrap(alpha-q.Angle(up))) {
			a = -alpha
		}
	}
	q.Angles[up] = q.Angle(up) + wrap(a-q.Angle(up))
	if front {
		q.Angles[Fwd(up)] = 0
	}
	return q
}

// aim points the forearm of a pinned arm at t.
func (p Pose) aim(e string, t vec3, front bool) Pose {
	q := p.Clone()
	_, lo, _ := chain(e)
	s := layout(q, front)
	el := s.at3("elbow_" + e[len(e)-1:])
	a, f := angles3(t.sub(el), q.Angle(lo))
	q.Angles[lo] = q.Angle(lo) + wrap(a-q.Angle(lo))
	if front {
		q.Angles[Fwd(lo)] = f
	}
	return q
}

// reach bends the effector's limb so its end is at t (in the unground
// layout, hip at the origin), or as close as the limb allows, keeping
// knees and elbows within their limits in the side view.
func (p Pose) reach(effector string, t vec3, front bool) Pose {
	if front {
		return p.reach3(effector, t)
	}
	q := p.Clone()
	s := layout(q, front)
	up, lo, leg := chain(effector)
	l1, l2 := LenArm, LenForearm
	if leg {
		l1, l2 = LenThigh, LenShin
	}
	r := s.root(effector)
	dx, dy := t.X-r.X, t.Y-r.Y
	d := math.Hypot(dx, dy)
	d = math.Max(math.Abs(l1-l2)+1e-6, math.Min(d, l1+l2-1e-6))
	base := deg(math.Atan2(dx, dy))
	alpha := deg(math.Acos((l1*l1 + d*d - l2*l2) / (2 * l1 * d)))
	best, bestScore := [2]float64{}, math.Inf(1)
	for _, sign := range []float64{1, -1} {
		ua := base + sign*alpha
		e := Point{r.X, r.Y}.add(ua, l1)
		la := deg(math.Atan2(t.X-e.X, t.Y-e.Y))
		if math.Hypot(t.X-r.X, t.Y-r.Y) > l1+l2 {
			la = ua // out of reach: the limb points straight at it
		}
		score := math.Abs(wrap(ua-q.Angle(up))) + math.Abs(wrap(la-q.Angle(lo)))
		if !bendOK(leg, ua, la) {
			score += 1e6
		}
		if score < bestScore {
			best, bestScore = [2]float64{ua, la}, score
		}
	}
	// Keep the angles near the card's, so interpolation turns the short way.
	q.Angles[up] = q.Angle(up) + wrap(best[0]-q.Angle(up))
	q.Angles[lo] = q.Angle(lo) + wrap(best[1]-q.Angle(lo))
	return q
}

// reach3 is reach in the front view's 3D: the middle joint (knee,
// elbow) goes round the circle of places that let the end reach t, to
// the point nearest where the card's angles put it.
func (p Pose) reach3(effector string, t vec3) Pose {
	q := p.Clone()
	s := layout(q, true)
	up, lo, leg := chain(effector)
	l1, l2 := LenArm, LenForearm
	if leg {
		l1, l2 = LenThigh, LenShin
	}
	r := s.root(effector)
	v := t.sub(r)
	d := math.Max(math.Abs(l1-l2)+1e-6, math.Min(v.norm(), l1+l2-1e-6))
	n := v.unit()
	a1 := (l1*l1 - l2*l2 + d*d) / (2 * d)
	h := math.Sqrt(math.Max(0, l1*l1-a1*a1))
	pole := r.add(q.dir3(up).mul(l1)).sub(r)
	u := pole.sub(n.mul(pole.dot(n)))
	if u.norm() < 1e-6 {
		u = vec3{Z: 1}.sub(n.mul(n.Z))
	}
	mid := r.add(n.mul(a1)).add(u.unit().mul(h))
	end := t
	if v.norm() > l1+l2 {
		end = r.add(n.mul(l1 + l2)) // out of reach: straight at it
	}
	ua, uf := angles3(mid.sub(r), q.Angle(up))
	la, lf := angles3(end.sub(mid), q.Angle(lo))
	q.Angles[up] = q.Angle(up) + wrap(ua-q.Angle(up))
	q.Angles[lo] = q.Angle(lo) + wrap(la-q.Angle(lo))
	q.Angles[Fwd(up)], q.Angles[Fwd(lo)] = uf, lf
	return q
}

// HipRotation is how far (degrees) a thigh turns in the hip, either way.
const HipRotation = 45.0

// MaxHyperextension is how far (degrees) a knee or elbow may straighten
// past a straight line: a few degrees, as a relaxed standing knee does.
const MaxHyperextension = 5.0

// bendOK: a knee bends backwards only (the shin turns back from the thigh,
// figures facing right), an elbow forwards only.
func bendOK(leg bool, upper, lower float64) bool {
	b := wrap(lower - upper)
	if leg {
		return b <= MaxHyperextension
	}
	return b >= -MaxHyperextension
}

// WithinLimits reports the joints of a side-view pose bent the wrong way
// (a knee or an elbow bending backwards), as "knee_r" and the like.
func (p Pose) WithinLimits() []string {
	var bad []string
	for _, j := range []struct {
		name         string
		upper, lower Joint
		leg          bool
	}{{"knee_l", ThighL, ShinL, true}, {"knee_r", ThighR, ShinR, true}, {"elbow_l", ArmL, ForearmL, false}, {"elbow_r", ArmR, ForearmR, false}} {
		if !bendOK(j.leg, p.Angle(j.upper), p.Angle(j.lower)) {
			bad = append(bad, j.name)
		}
	}
	return bad
}

func deg(r float64) float64 { return r * 180 / math.Pi }

// wrap brings an angle difference into -180..180.
func wrap(a float64) float64 {
	a = math.Mod(a+180, 360)
	if a < 0 {
		a += 360
	}
	return a - 180
}

// WithinLimitsFront reports the knees of a front-view pose bent the
// wrong way. In depth a knee bends only backwards, away from the
// kneecap: the kneecap faces forward when the thigh hangs down, up when
// it points at the viewer (sitting), turned by up to HipRotation as the
// thigh turns in the hip (a figure four turns it out), so the shin may
// not swing out to its front by more than MaxHyperextension. (An arm
// turns much further in its shoulder, so from the front any elbow bend
// has a way to be made.)
func (p Pose) WithinLimitsFront() []string {
	var bad []string
	across := vec3{X: 1}
	for _, j := range []struct {
		name         string
		upper, lower Joint
	}{{"knee_l", ThighL, ShinL}, {"knee_r", ThighR, ShinR}} {
		t, s := p.dir3(j.upper), p.dir3(j.lower)
		// The kneecap: square to the thigh, turned from it towards the front.
		k := vec3{across.Y*t.Z - across.Z*t.Y, across.Z*t.X - across.X*t.Z, across.X*t.Y - across.Y*t.X}
		if k.norm() < 0.2 {
			continue // the thigh points sideways: no front to tell
		}
		k = k.unit()
		side := vec3{t.Y*k.Z - t.Z*k.Y, t.Z*k.X - t.X*k.Z, t.X*k.Y - t.Y*k.X} // square to both
		front := math.Inf(1)
		for r := -HipRotation; r <= HipRotation; r += HipRotation / 4 {
			rr := r * math.Pi / 180
			front = math.Min(front, s.dot(k)*math.Cos(rr)+s.dot(side)*math.Sin(rr))
		}
		if front > math.Sin(MaxHyperextension*math.Pi/180) {
			bad = append(bad, j.name)
		}
	}
	return bad
}
