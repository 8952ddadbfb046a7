// Package contrast computes the WCAG 2 contrast ratio of two colours, so
// the windows and the figure can check (and tests can prove) that text
// and drawings stand out from what they are drawn on. It is a dozen lines
// of the published formula, not worth a dependency.
package contrast

import (
	"image/color"
	"math"
)

// Luminance is c's relative luminance (WCAG 2), 0 black to 1 white;
// alpha is ignored (pass opaque colours).
func Luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// Ratio is the contrast ratio of a and b, 1 (none) to 21 (black on white).
func Ratio(a, b color.Color) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Over composes c over an opaque background bg (c's alpha applied).
func Over(c, bg color.Color) color.Color {
	f := color.NRGBAModel.Convert(c).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(f.A) / 255
	m := func(p, q uint8) uint8 { return uint8(float64(p)*a + float64(q)*(1-a) + 0.5) }
	return color.NRGBA{m(f.R, b.R), m(f.G, b.G), m(f.B, b.B), 255}
}
