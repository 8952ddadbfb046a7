package figure

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/limber-app/limber/internal/contrast"
)

// The limbs stand out at least 3:1 from the figure's panel and the window
// background, light and dark, near and far, side and front view (the far
// limbs were a light grey on the light panel, 1.9:1).
func TestLimbContrast(t *testing.T) {
	test.NewTempApp(t)
	for name, th := range map[string]fyne.Theme{"light": theme.LightTheme(), "dark": theme.DarkTheme()} {
		v := theme.VariantLight
		if name == "dark" {
			v = theme.VariantDark
		}
		fg, bg, panel := th.Color(theme.ColorNameForeground, v), th.Color(theme.ColorNameBackground, v), th.Color(theme.ColorNameInputBackground, v)
		for _, paler := range []float64{0.55, 0.35} {
			far := FarShade(fg, bg, panel, paler)
			for what, col := range map[string]color.Color{"near": fg, "far": far} {
				for on, u := range map[string]color.Color{"panel": panel, "background": bg} {
					if r := contrast.Ratio(col, u); r < MinFarContrast {
						t.Errorf("%s, paler %.2f: %s limbs %v on the %s %v: %.2f:1, want %.0f:1", name, paler, what, col, on, u, r, MinFarContrast)
					}
				}
			}
			if far == fg {
				t.Errorf("%s, paler %.2f: the far limbs are no paler than the near ones", name, paler)
			}
		}
	}
	// The check can tell the old shade (fg halfway to white on the light panel).
	lf, lb, lp := theme.LightTheme().Color(theme.ColorNameForeground, theme.VariantLight), theme.LightTheme().Color(theme.ColorNameBackground, theme.VariantLight), theme.LightTheme().Color(theme.ColorNameInputBackground, theme.VariantLight)
	if contrast.Ratio(mix(lf, lb, 0.55), lp) >= MinFarContrast {
		t.Error("the old far shade already passed: the test proves nothing")
	}
}
