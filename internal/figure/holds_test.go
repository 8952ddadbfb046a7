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

// A slow breath, in seconds, when a step says "hold for four breaths".
const breath = 4.0

var holdStep = regexp.MustCompile(`(?i)\bhold (?:for )?(?:up to )?(\w+)(?: slow)? (breaths?|seconds?)`)

var numberWords = map[string]float64{"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10, "twenty": 20, "thirty": 30}

// stepHold is how long the card's steps say a pose is held (0: none).
func stepHold(c cards.Card) float64 {
	for _, s := range c.Steps {
		m := holdStep.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		n, ok := numberWords[strings.ToLower(m[1])]
		if !ok {
			n, _ = strconv.ParseFloat(m[1], 64)
		}
		if strings.HasPrefix(m[2], "breath") {
			return n * breath
		}
		return n
	}
	return 0
}

// mainKeyframes are the keyframes the exercise is about: those furthest
// from the starting pose (within a fifth of the furthest).
func mainKeyframes(f pose.Figure) []int {
	d := make([]float64, len(f.Poses))
	most := 0.0
	for i, p := range f.Poses {
		for _, j := range pose.Joints() {
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

// TestHoldsMatchTheSteps: a step that says "hold for four breaths" (or
// ten seconds) has the figure hold its main pose that long, give or take
// a quarter, so the picture does what the text says.
func TestHoldsMatchTheSteps(t *testing.T) {
	n := 0
	for _, c := range cards.Builtin().Cards() {
		want := stepHold(c)
		if want == 0 || len(c.Figure.Poses) < 2 {
			continue
		}
		n++
		held := 0.0
		for _, k := range mainKeyframes(c.Figure) {
			held = math.Max(held, c.Figure.HoldOf(k))
		}
		if held < 0.75*want || held > 1.25*want {
			t.Errorf("%s: the steps hold for %.0f s, the figure holds its pose %.1f s (set hold = %.0f on [[figure.pose]] %v, counted from 0)", c.ID, want, held, want, mainKeyframes(c.Figure))
		}
	}
	if n < 10 {
		t.Errorf("only %d cards say how long to hold: the step pattern is broken", n)
	}
}
