package figure

import (
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/figure/pose"
)

func TestFollowsTheme(t *testing.T) {
	test.NewTempApp(t)
	c, _ := cards.Builtin().Card("neck-side-tilt")
	w := New(c.Figure)
	win := test.NewTempWindow(t, w)
	win.Resize(fyne.NewSize(200, 200))
	r := test.TempWidgetRenderer(t, w).(*renderer)
	for _, th := range []fyne.Theme{theme.LightTheme(), theme.DarkTheme()} {
		test.ApplyTheme(t, th)
		w.Refresh()
		v := fyne.CurrentApp().Settings().ThemeVariant()
		if got, want := r.limbs[limb(t, w, "thigh_r")].StrokeColor, th.Color(theme.ColorNameForeground, v); got != want {
			t.Errorf("near limb colour %v, want the foreground %v", got, want)
		}
		if got, want := r.head.FillColor, th.Color(theme.ColorNamePrimary, v); got != want {
			t.Errorf("head colour %v, want the primary %v", got, want)
		}
	}
}

// limb is the index of the drawn segment named name in w's current frame.
func limb(t *testing.T, w *Widget, name string) int {
	f := w.Figure()
	for i, l := range pose.Layout(f.At(w.t), f.Front, f.Feet).Limbs {
		if l.Name == name {
			return i
		}
	}
	t.Fatalf("no limb %s", name)
	return 0
}

func TestScalesWithSize(t *testing.T) {
	test.NewTempApp(t)
	c, _ := cards.Builtin().Card("walk-a-lap")
	w := New(c.Figure)
	win := test.NewTempWindow(t, w)
	r := test.TempWidgetRenderer(t, w).(*renderer)
	var prev float32
	for _, sz := range []float32{120, 240, 480} {
		win.Resize(fyne.NewSize(sz, sz))
		w.Resize(fyne.NewSize(sz, sz))
		hr := r.head.Position2.X - r.head.Position1.X
		if hr <= prev {
			t.Errorf("at %v px the head is %v px wide, not bigger than %v", sz, hr, prev)
		}
		prev = hr
		// Everything drawn stays inside the widget.
		for _, o := range r.objects {
			if l, ok := o.(*canvas.Line); ok && l.Visible() {
				for _, p := range []fyne.Position{l.Position1, l.Position2} {
					if p.X < -1 || p.Y < -1 || p.X > sz+1 || p.Y > sz+1 {
						t.Errorf("at %v px a line reaches %v, outside the widget", sz, p)
					}
				}
			}
		}
	}
}

func TestMovesBetweenPoses(t *testing.T) {
	test.NewTempApp(t)
	c, _ := cards.Builtin().Card("overhead-reach")
	w := New(c.Figure)
	win := test.NewTempWindow(t, w)
	win.Resize(fyne.NewSize(200, 200))
	r := test.TempWidgetRenderer(t, w).(*renderer)
	w.SetTime(0)
	a := r.limbs[limb(t, w, "forearm_r")].Position2
	w.SetTime(c.Figure.KeyframeAt(1)) // the second keyframe: arms up
	b := r.limbs[limb(t, w, "forearm_r")].Position2
	if b.Y >= a.Y {
		t.Errorf("the hand should rise from %v to %v", a, b)
	}
}

// TestContactSheet draws every built-in card's keyframes into one PNG per
// card when LIMBER_FIGURE_SHEET names a folder, for looking at the poses.
func TestContactSheet(t *testing.T) {
	dir := os.Getenv("LIMBER_FIGURE_SHEET")
	if dir == "" {
		t.Skip("set LIMBER_FIGURE_SHEET=DIR to write pose sheets")
	}
	test.NewTempApp(t)
	test.ApplyTheme(t, theme.LightTheme())
	only := os.Getenv("LIMBER_FIGURE_ONLY") // a comma-separated list of card ids, or all
	px := 220
	if n, err := strconv.Atoi(os.Getenv("LIMBER_FIGURE_PX")); err == nil && n > 0 {
		px = n // a frame's size, to look closer
	}
	for _, c := range cards.Builtin().Cards() {
		if only != "" && !strings.Contains(","+only+",", ","+c.ID+",") {
			continue
		}
		f := c.Figure
		n := len(f.Poses)
		sheet := image.NewRGBA(image.Rect(0, 0, px*(2*n), px))
		w := New(f)
		win := test.NewTempWindow(t, w)
		win.SetPadded(false)
		win.Resize(fyne.NewSize(float32(px), float32(px)))
		for i := 0; i < 2*n; i++ {
			// keyframe i/2, or halfway to the next one
			tt := f.KeyframeAt(i / 2)
			if i%2 == 1 {
				tt += f.HoldOf(i/2) + move(f)/2
			}
			w.SetTime(tt)
			img := win.Canvas().Capture()
			draw.Draw(sheet, image.Rect(px*i, 0, px*(i+1), px), img, image.Point{}, draw.Src)
		}
		out, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s.png", c.ID)))
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(out, sheet)
		out.Close()
	}
}

func move(f pose.Figure) float64 {
	if f.Move > 0 {
		return f.Move
	}
	return pose.DefaultMove
}

// BenchmarkFrame is one animation frame: pose, layout and shape updates.
func BenchmarkFrame(b *testing.B) {
	test.NewTempApp(b)
	c, _ := cards.Builtin().Card("walk-a-lap")
	w := New(c.Figure)
	win := test.NewTempWindow(b, w)
	win.Resize(fyne.NewSize(300, 300))
	tm := 0.0
	for b.Loop() {
		tm += 1.0 / 60
		w.SetTime(tm)
	}
}
