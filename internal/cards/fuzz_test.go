package cards

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/limber-app/limber/assets/cardfiles"
)

// FuzzParse checks the parser never panics and that what it accepts obeys
// the card rules. Seeds: testdata/fuzz/FuzzParse plus a few built-in cards.
func FuzzParse(f *testing.F) {
	names, _ := fs.Glob(cardfiles.FS(), "*.toml")
	for _, n := range names[:min(5, len(names))] {
		data, _ := fs.ReadFile(cardfiles.FS(), n)
		f.Add(data)
	}
	f.Add([]byte(figureCard))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, probs := Parse("fuzz.toml", data)
		for _, p := range probs {
			if !strings.HasPrefix(p.Error(), "fuzz.toml") || p.Line < 0 {
				t.Fatalf("badly formed problem: %q", p.Error())
			}
		}
		if len(probs) > 0 {
			return
		}
		if c.ID == "" || len(c.Steps) < MinSteps || len(c.Steps) > MaxSteps || len(c.Kinds) == 0 ||
			c.Duration < MinDuration || len(c.Figure.Poses) == 0 {
			t.Fatalf("accepted an invalid card: %+v", c)
		}
		// The figure must lay out without NaNs for the renderer.
		_ = c.Figure.At(1.5)
	})
}
