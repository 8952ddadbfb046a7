package pose

import (
	"fmt"
	"math"
	"strings"
)

// Contact is a pose declared by what touches what, as a step says it:
// "hand_r:ankle_r" (hold the ankle behind you), "foot_r:knee_l" (ankle on
// the other knee), "hand_l:head" (palm over the eyes). The effector's
// limb is bent by inverse kinematics so it reaches the target; the joint
// angles a card gives for that limb are only the starting guess.
type Contact struct {
	Effector string // hand_l, hand_r, foot_l, foot_r
	Target   string // a point of the body, see Targets
}

// Effectors lists the limb ends that can be placed on a target.
func Effectors() []string { return []string{"hand_l", "hand_r", "foot_l", "foot_r"} }

// Targets lists the body points an effector can be placed on, and the
// props: "desk" (its top, under the hand) and "chair" (its backrest).
func Targets() []string {
	return []string{"ankle_l", "ankle_r", "knee_l", "knee_r", "hip", "shoulder", "head", "hand_l", "hand_r", "desk", "chair"}
}

// ParseContact reads "EFFECTOR:TARGET". "back" goes only with "chair"
// (sitting back against the backrest).
func ParseContact(s string) (Contact, error) {
	e, t, ok := strings.Cut(strings.TrimSpace(s), ":")
	c := Contact{strings.TrimSpace(e), strings.TrimSpace(t)}
	if !ok || !oneOf(c.Effector, append(Effectors(), "back")) || !oneOf(c.Target, Targets()) || c.Effector == c.Target {
		return c, fmt.Errorf("contact %q must be EFFECTOR:TARGET with EFFECTOR one of %s (or back:chair) and TARGET one of %s",
			s, strings.Join(Effectors(), ", "), strings.Join(Targets(), ", "))
	}
	if c.Effector == "back" && c.Target != "chair" {
		return c, fmt.Errorf("contact %q: the back can only rest on the chair (back:chair)", s)
	}
	return c, nil
}

// isProp reports whether a contact target is a prop, not a body point.
func isProp(target string) bool { return target == "desk" || target == "chair" }

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
	case "hand_l":
		return ArmL, ForearmL, false
	case "hand_r":
		return ArmR, ForearmR, false
	case "foot_l":
		return ThighL, ShinL, true
	default:
		return ThighR, ShinR, true
	}
}

// Point returns a named point of the skeleton (an effector or a target).
func (s Skeleton) Point(name string) Point {
	switch name {
	case "hand_l":
		return s.HandL
	case "hand_r":
		return s.HandR
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
	case "shoulder":
		return s.Shoulder
	case "head":
		return s.Head
	}
	return Point{}
}

// root is where an effector's chain starts.
func (s Skeleton) root(effector string) Point {
	switch effector {
	case "hand_l":
		return s.ShoulderL
	case "hand_r":
		return s.ShoulderR
	case "foot_l":
		return s.HipL
	default:
		return s.HipR
	}
}

// Solve bends each contact's limb so its end reaches the target, in
// order; a target out of reach is approached as closely as the limb
// allows. In the side view the bend keeps knees and elbows within their
// limits (see WithinLimits); in the front view it keeps the bend's side.
func (p Pose) Solve(front bool) Pose {
	if len(p.Touch) == 0 {
		return p
	}
	q := p.Clone()
	for _, c := range p.Touch {
		if c.Effector == "back" || isProp(c.Target) {
			continue // a prop stands where the figure puts it: Figure.At solves these
		}
		s := layout(q, front)
		t := s.Point(c.Target)
		if c.Target == "head" {
			// The face, not the centre of the skull.
			t = Point{t.X + HeadRadius*0.8, t.Y}
			if front {
				t = Point{s.Head.X, s.Head.Y + HeadRadius*0.2}
			}
		}
		q = q.reach(c.Effector, t, front)
	}
	return q
}

// reach bends the effector's limb so its end is at t (in the unground
// layout, hip at the origin), or as close as the limb allows, keeping
// knees and elbows within their limits in the side view.
func (p Pose) reach(effector string, t Point, front bool) Pose {
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
		e := r.add(ua, l1)
		la := deg(math.Atan2(t.X-e.X, t.Y-e.Y))
		if math.Hypot(t.X-r.X, t.Y-r.Y) > l1+l2 {
			la = ua // out of reach: the limb points straight at it
		}
		score := math.Abs(wrap(ua-q.Angle(up))) + math.Abs(wrap(la-q.Angle(lo)))
		if !front && !bendOK(leg, ua, la) {
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
