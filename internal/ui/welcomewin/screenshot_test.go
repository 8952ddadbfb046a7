package welcomewin

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/limber-app/limber/internal/cards"
)

// TestScreenshots writes the welcome window, light and dark, into
// $LIMBER_SCREENSHOTS with Fyne's software renderer; without it, nothing.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("LIMBER_SCREENSHOTS")
	if dir == "" {
		t.Skip("set LIMBER_SCREENSHOTS=DIR to write the welcome screenshots")
	}
	for _, variant := range []string{"light", "dark"} {
		w := newTestWelcome(t, &fakeDaemon{})
		if tip, ok := cards.TipOfDay(cards.Builtin(), time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)); ok {
			w.setTip(tip)
		}
		if variant == "dark" {
			test.ApplyTheme(t, theme.DarkTheme())
		}
		f, err := os.Create(filepath.Join(dir, "welcome-"+variant+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, w.win.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}
