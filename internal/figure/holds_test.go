package figure

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/figure/pose"
)

// The tempo the steps are read at: a slow breath, and a count
// ("breathe in for four counts").
const (
	breath = 4.0
	count  = 1.0
)

const num = `(\d+|a|one|two|three|four|five|six|seven|eight|ten|twelve|fifteen|twenty|thirty|twice)`

var numberWords = map[string]float64{"a": 1, "one": 1, "two": 2, "twice": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30}

func number(s string) float64 {
	if n, ok := numberWords[strings.ToLower(s)]; ok {
		return n
	}
	n, _ := strconv.ParseFloat(s, 64)
	return n
}

// How the steps (in English) say how long things take.
var (
	// "hold for four slow breaths", "for two seconds", "hold for twenty
	// to thirty seconds", "hold for up to thirty seconds", "hold for a breath"
	holdRe = regexp.MustCompile(`(?i)\b(?:hold|for)\s+(?:for\s+)?(?:up to\s+)?` + num + `(?:\s+to\s+` + num + `)?(?:\s+slow)?\s+(breaths?|seconds?)\b`)
	// "flow between the two for six breaths", "continue for six breaths": breaths in a row
	breathsRe = regexp.MustCompile(`(?i)\b(?:flow|continue)\b.*\bfor ` + num + ` breaths\b`)
	// "breathe in ... for a count of four", "breathe out ... for six to eight counts"
	countRe = regexp.MustCompile(`(?i)\bbreathe (?:in|out)\b[^,.;]*?\bfor (?:a count of )?` + num + `(?: to ` + num + `)?`)
	// "hold for four," (a count: no unit follows)
	countHoldRe = regexp.MustCompile(`(?i)\bhold for ` + num + `\s*(?:[,.;]|$)`)
	// "repeat eight times", "repeat eight to ten times", "repeat four rounds",
	// "do six each", "ten times", "do five circles", "after ten", "clockwise twice"
	repsRe = regexp.MustCompile(`(?i)\b(?:(?:repeat|do)\s+` + num + `(?:\s+to\s+` + num + `)?\b|` + num + `\s+times\b|after\s+` + num + `\b|clockwise\s+` + num + `\b)`)
	// the steps are done on both sides, or both ways
	sidesRe = regexp.MustCompile(`(?i)\b(switch|other side|other way|the other\b|each side|do \w+ each\b)`)
)

// timing is what a card's steps say about time.
type timing struct {
	holdLo, holdHi   float64 // the main pose is held this long (0: not said)
	cycleLo, cycleHi float64 // one loop of the figure: a breath counted out (0: not said)
	reps             float64 // repetitions (of the figure's loop) asked for
	sides            bool    // done on both sides or both ways
	untilUp          bool    // "until the time is up"
}

func stepTiming(c cards.Card) (t timing) {
	breaths := false // breaths in a row, each a loop of the figure
	defer func() {
		if breaths && t.cycleLo == 0 {
			t.cycleLo, t.cycleHi = breath, breath // not counted out: a slow breath
		}
	}()
	for _, s := range c.Steps {
		low := strings.ToLower(s)
		if strings.Contains(low, "until the time is up") {
			t.untilUp = true
		}
		if sidesRe.MatchString(s) {
			t.sides = true
		}
		if m := breathsRe.FindStringSubmatch(s); m != nil {
			t.reps = number(m[1])
			breaths = true
			continue
		}
		counted := false
		for _, m := range countRe.FindAllStringSubmatch(s, -1) {
			lo, hi := number(m[1]), number(m[1])
			if m[2] != "" {
				hi = number(m[2])
			}
			t.cycleLo, t.cycleHi, counted = t.cycleLo+lo*count, t.cycleHi+hi*count, true
		}
		for _, m := range countHoldRe.FindAllStringSubmatch(s, -1) {
			t.cycleLo, t.cycleHi, counted = t.cycleLo+number(m[1])*count, t.cycleHi+number(m[1])*count, true
		}
		if counted {
			continue
		}
		if m := holdRe.FindStringSubmatch(s); m != nil && t.holdLo == 0 {
			lo, hi := number(m[1]), number(m[1])
			if m[2] != "" {
				hi = number(m[2])
			}
			unit := 1.0
			if strings.HasPrefix(strings.ToLower(m[3]), "breath") {
				unit = breath
			}
			t.holdLo, t.holdHi = lo*unit, hi*unit
		}
		for _, m := range repsRe.FindAllStringSubmatch(s, -1) {
			for _, g := range m[1:] {
				if g != "" {
					t.reps = math.Max(t.reps, number(g))
					break
				}
			}
		}
	}
	return t
}

// mainKeyframes are the keyframes the exercise is about: those furthest
// from the starting pose (within a fifth of the furthest).
func mainKeyframes(f pose.Figure) []int {
	d := make([]float64, len(f.Poses))
	most := 0.0
	for i, p := range f.Poses {
		for _, j := range append(pose.Joints(), pose.OptionalJoints()...) {
			d[i] += math.Abs(p.Angle(j) - f.Poses[0].Angle(j))
		}
		most = math.Max(most, d[i])
	}
	var out []int
	for i := range d {
		if most > 0 && d[i] >= 0.8*most {
			out = append(out, i)
		}
	}
	return out
}

// TestTimesMatchTheSteps: what the steps say about time, the figure
// does: a pose the steps hold (for four breaths, twenty to thirty
// seconds) is held that long, give or take a quarter; a breath counted
// out (in for four, out for six to eight) is one loop of the figure; an
// eye card that rests until the time is up holds its pose for at least
// half the card; and the repetitions asked for, on both sides if the
// steps switch and the figure shows one, fit in the card's time.
func TestTimesMatchTheSteps(t *testing.T) {
	holds, cycles, reps := 0, 0, 0
	for _, c := range cards.Builtin().Cards() {
		f := c.Figure
		if len(f.Poses) < 2 {
			continue
		}
		tm := stepTiming(c)
		main := mainKeyframes(f)
		held := 0.0
		for _, k := range main {
			held = math.Max(held, f.HoldOf(k))
		}
		if tm.holdLo > 0 {
			holds++
			if held < 0.75*tm.holdLo || held > 1.25*tm.holdHi {
				t.Errorf("%s: the steps hold for %.0f–%.0f s, the figure holds its pose %.1f s (set hold on [[figure.pose]] %v, counted from 0)", c.ID, tm.holdLo, tm.holdHi, held, main)
			}
		}
		per := f.Period()
		if tm.cycleLo > 0 {
			cycles++
			if per < 0.75*tm.cycleLo || per > 1.25*tm.cycleHi {
				t.Errorf("%s: one breath of the steps takes %.0f–%.0f s, the figure's loop %.1f s", c.ID, tm.cycleLo, tm.cycleHi, per)
			}
		}
		if tm.untilUp && c.Type == cards.TypeEyes && len(f.Poses) <= 2 && held < 0.5*c.Duration.Seconds() {
			t.Errorf("%s: the eyes rest until the time is up (%v), the figure holds its pose only %.1f s", c.ID, c.Duration, held)
		}
		if tm.reps > 0 || tm.holdLo > 0 {
			reps++
			n := math.Max(1, tm.reps)
			// A figure that holds two keyframes as the steps say shows
			// both sides in one loop; else it shows one side, or one way.
			both := 0
			for i := range f.Poses {
				if tm.holdLo > 0 && f.HoldOf(i) >= 0.75*tm.holdLo {
					both++
				}
			}
			if tm.sides && both < 2 {
				n *= 2
			}
			if need := n * per; need > 1.25*c.Duration.Seconds() {
				t.Errorf("%s: the steps ask for %.0f loops of the figure (%.1f s each): %.0f s, the card lasts %v", c.ID, n, per, need, c.Duration)
			}
		}
	}
	if holds < 20 || cycles < 2 || reps < 25 {
		t.Errorf("only %d holds, %d counted breaths and %d repetitions read from the steps: the step patterns are broken", holds, cycles, reps)
	}
}

// TestStepTiming pins the reading of each phrasing the cards use.
func TestStepTiming(t *testing.T) {
	for _, c := range []struct {
		steps []string
		want  timing
	}{
		{[]string{"Hold for four slow breaths, feeling the outer hip.", "Switch legs."}, timing{holdLo: 16, holdHi: 16, sides: true}},
		{[]string{"Tighten your belly and hold for twenty to thirty seconds."}, timing{holdLo: 20, holdHi: 30}},
		{[]string{"Hold for up to thirty seconds, then rest."}, timing{holdLo: 30, holdHi: 30}},
		{[]string{"Keep your hips level and hold for a breath.", "Return and switch sides; do six each."}, timing{holdLo: 4, holdHi: 4, reps: 6, sides: true}},
		{[]string{"Lean back gently, looking slightly up, for two breaths.", "Return to upright and repeat five times."}, timing{holdLo: 8, holdHi: 8, reps: 5}},
		{[]string{"Breathe in through your nose for a count of four.", "Hold for four, breathe out for four, hold for four.", "Repeat four rounds."}, timing{cycleLo: 16, cycleHi: 16, reps: 4}},
		{[]string{"Breathe in quietly through your nose for four counts.", "Breathe out through pursed lips for six to eight counts.", "Continue for six breaths."}, timing{cycleLo: 10, cycleHi: 12, reps: 6}},
		{[]string{"Flow between the two for six breaths."}, timing{cycleLo: 4, cycleHi: 4, reps: 6}},
		{[]string{"Repeat eight to ten times."}, timing{reps: 8}}, // at least
		{[]string{"Do five circles one way and five the other."}, timing{reps: 5, sides: true}},
		{[]string{"After ten, circle the other way."}, timing{reps: 10, sides: true}},
		{[]string{"Slowly circle your eyes clockwise twice, then twice the other way."}, timing{reps: 2, sides: true}},
		{[]string{"Breathe slowly in the dark until the time is up."}, timing{untilUp: true}},
	} {
		if got := stepTiming(cards.Card{Steps: c.steps}); got != c.want {
			t.Errorf("%q: read %+v, want %+v", c.steps, got, c.want)
		}
	}
}
