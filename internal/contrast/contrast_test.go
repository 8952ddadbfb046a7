package contrast

import (
	"image/color"
	"math"
	"testing"
)

func TestRatio(t *testing.T) {
	black, white := color.NRGBA{0, 0, 0, 255}, color.NRGBA{255, 255, 255, 255}
	for _, tc := range []struct {
		a, b color.Color
		want float64
	}{
		{black, white, 21},
		{white, white, 1},
		{white, color.NRGBA{0x94, 0xB7, 0xFB, 255}, 2.0}, // the trial's countdown text
		{color.NRGBA{0x76, 0x76, 0x76, 255}, white, 4.54},
	} {
		if got := Ratio(tc.a, tc.b); math.Abs(got-tc.want) > 0.02 {
			t.Errorf("Ratio(%v, %v) = %.2f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
	if got := Over(color.NRGBA{41, 111, 246, 127}, white); Ratio(white, got) > 2.1 {
		t.Errorf("the faded bar %v: %.2f", got, Ratio(white, got))
	}
}
