package cardwin

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/limber-app/limber/internal/schedule"
)

// TestScreenshots writes the card's states as PNG files, light and dark,
// into $LIMBER_SCREENSHOTS (docs/screenshots in the README), with Fyne's
// software renderer. Without the variable it does nothing.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("LIMBER_SCREENSHOTS")
	if dir == "" {
		t.Skip("set LIMBER_SCREENSHOTS=DIR to write the card screenshots")
	}
	states := map[string]func(h *harness){
		"card-merged": func(h *harness) { h.advance(12 * time.Second) },
		"card-paused-typing": func(h *harness) {
			h.advance(20 * time.Second)
			h.rec.setIdle(0)
			h.advance(time.Second)
		},
		"card-time-up": func(h *harness) { h.advance(90 * time.Second); h.advance(time.Second) },
	}
	for name, act := range states {
		for _, variant := range []string{"light", "dark"} {
			t.Run(name+"-"+variant, func(t *testing.T) {
				o := Options{Kind: schedule.Stretch, Length: 90 * time.Second, AutoClose: 5 * time.Second}
				if name == "card-merged" {
					o.Also = []schedule.Kind{schedule.Posture, schedule.Hydration}
				}
				h := newHarness(t, o, "standing-hip-flexor")
				if variant == "dark" {
					test.ApplyTheme(t, theme.DarkTheme())
				}
				h.win.Resize(fyne.NewSize(820, 560))
				act(h)
				f, err := os.Create(filepath.Join(dir, name+"-"+variant+".png"))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if err := png.Encode(f, h.win.Canvas().Capture()); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}
