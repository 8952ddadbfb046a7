package figure

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/figure/pose"
)

// TestGallery writes the contact sheet docs/screenshots/card-figures.png
// when LIMBER_FIGURE_GALLERY names the file: every built-in card's figure
// at the card window's full (300 px) and compact (150 px) size, in the
// light and the dark theme, at its main keyframe, with the card's id.
//
//	LIMBER_FIGURE_GALLERY=$PWD/docs/screenshots/card-figures.png go test ./internal/figure -run Gallery
func TestGallery(t *testing.T) {
	out := os.Getenv("LIMBER_FIGURE_GALLERY")
	if out == "" {
		t.Skip("set LIMBER_FIGURE_GALLERY=FILE.png to write the contact sheet")
	}
	test.NewTempApp(t)
	const full, compact, label, cols = 300, 150, 22, 3
	cellW, cellH := 2*(full+compact)+30, full+label
	all := cards.Builtin().Cards()
	rows := (len(all) + cols - 1) / cols
	sheet := image.NewRGBA(image.Rect(0, 0, cols*cellW, rows*cellH))
	draw.Draw(sheet, sheet.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	for ti, th := range []fyne.Theme{theme.LightTheme(), theme.DarkTheme()} {
		test.ApplyTheme(t, th)
		for i, c := range all {
			x0 := (i%cols)*cellW + ti*(full+compact+10)
			y0 := (i / cols) * cellH
			for _, size := range []int{full, compact} {
				img := render(t, c, size)
				draw.Draw(sheet, image.Rect(x0, y0, x0+size, y0+size), img, image.Point{}, draw.Src)
				x0 += size
			}
			if ti == 0 {
				lbl := canvas.NewText(c.ID, color.Black)
				w := test.NewTempWindow(t, container.NewWithoutLayout(lbl))
				w.SetPadded(false)
				w.Resize(fyne.NewSize(float32(full+compact), label))
				lbl.Move(fyne.NewPos(4, 2))
				img := w.Canvas().Capture()
				draw.Draw(sheet, image.Rect((i%cols)*cellW, y0+full, (i%cols)*cellW+full+compact, y0+full+label), img, image.Point{}, draw.Src)
			}
		}
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, sheet); err != nil {
		t.Fatal(err)
	}
}

// render draws card c's figure in a size×size window, on the card
// window's panel colour, at its main keyframe.
func render(t *testing.T, c cards.Card, size int) image.Image {
	f := c.Figure
	w := New(f)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	win := test.NewTempWindow(t, container.NewStack(bg, container.NewPadded(w)))
	win.SetPadded(false)
	win.Resize(fyne.NewSize(float32(size), float32(size)))
	// The keyframe the exercise is about: the one furthest from the start.
	k, most := 0, -1.0
	for i, p := range f.Poses {
		d := 0.0
		for _, j := range pose.Joints() {
			d += math.Abs(p.Angle(j) - f.Poses[0].Angle(j))
		}
		if d > most+1 {
			k, most = i, d
		}
	}
	w.SetTime(f.KeyframeAt(k))
	return win.Canvas().Capture()
}
