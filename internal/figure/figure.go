// Package figure draws a card's animated stick figure with Fyne canvas
// shapes: lines for limbs, circles for the head and joints, a few props
// (chair, desk, mat, glass). Being vector shapes it is crisp at any size and
// it takes its colours from the current theme, so it follows light and dark.
package figure

import (
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/limber-app/limber/internal/contrast"
	"github.com/limber-app/limber/internal/figure/pose"
)

// Widget shows a figure moving through its keyframes.
type Widget struct {
	widget.BaseWidget

	fig    pose.Figure
	t      float64 // seconds into the loop being shown
	anim   *fyne.Animation
	bounds box // union of every frame and prop, in figure units
}

type box struct{ minX, minY, maxX, maxY float64 }

func (b *box) add(p pose.Point) {
	b.minX, b.minY = math.Min(b.minX, p.X), math.Min(b.minY, p.Y)
	b.maxX, b.maxY = math.Max(b.maxX, p.X), math.Max(b.maxY, p.Y)
}

// New returns a figure widget showing f, not yet animating (see Start).
func New(f pose.Figure) *Widget {
	w := &Widget{}
	w.ExtendBaseWidget(w)
	w.setFigure(f)
	return w
}

// SetFigure shows another figure from the start of its loop.
func (w *Widget) SetFigure(f pose.Figure) {
	running := w.anim != nil
	w.Stop()
	w.setFigure(f)
	w.Refresh()
	if running {
		w.Start()
	}
}

func (w *Widget) setFigure(f pose.Figure) {
	w.fig, w.t = f, 0
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	per := f.Period()
	// Sample the loop densely enough to catch every extreme between keyframes.
	for i := 0; i <= 48; i++ {
		s := pose.Layout(f.At(per*float64(i)/48), f.Front, f.Feet)
		lo, hi := s.Bounds()
		b.add(lo)
		b.add(hi)
		if hasProp(f, "glass") {
			b.add(pose.Point{X: s.HandR.X + 0.1, Y: s.HandR.Y - 0.3})
		}
		if _, to, ok := sightLine(f, f.At(per*float64(i)/48), s); ok {
			b.add(to)
		}
	}
	for _, r := range staticProps(f) {
		b.add(r.a)
		b.add(r.b)
	}
	b.add(pose.Point{X: b.minX, Y: 0.06}) // room for the floor line
	w.bounds = b
}

// Figure returns the figure shown.
func (w *Widget) Figure() pose.Figure { return w.fig }

// SetTime shows the frame t seconds into the loop (tests and screenshots).
func (w *Widget) SetTime(t float64) {
	w.t = t
	w.Refresh()
}

// Start animates the figure until Stop. Figures with one pose stay still.
func (w *Widget) Start() {
	per := w.fig.Period()
	if w.anim != nil || per <= 0 {
		return
	}
	w.anim = fyne.NewAnimation(time.Duration(per*float64(time.Second)), func(f float32) {
		w.t = float64(f) * per
		w.Refresh()
	})
	w.anim.Curve = fyne.AnimationLinear
	w.anim.RepeatCount = fyne.AnimationRepeatForever
	w.anim.Start()
}

// Stop ends the animation, leaving the current frame.
func (w *Widget) Stop() {
	if w.anim != nil {
		w.anim.Stop()
		w.anim = nil
	}
}

// MinSize keeps the figure recognisable.
func (w *Widget) MinSize() fyne.Size { return fyne.NewSize(120, 120) }

// CreateRenderer implements fyne.Widget.
func (w *Widget) CreateRenderer() fyne.WidgetRenderer {
	r := &renderer{w: w}
	r.floor = canvas.NewLine(color.Transparent)
	r.head = canvas.NewCircle(color.Transparent)
	r.mat = canvas.NewRectangle(color.Transparent)
	r.glass = canvas.NewRectangle(color.Transparent)
	r.gaze = canvas.NewLine(color.Transparent)
	for i := range r.props {
		r.props[i] = canvas.NewLine(color.Transparent)
	}
	for i := range r.limbs {
		r.limbs[i] = canvas.NewLine(color.Transparent)
		r.joints[i] = canvas.NewCircle(color.Transparent)
		r.starts[i] = canvas.NewCircle(color.Transparent)
	}
	r.objects = append(r.objects, r.mat, r.floor)
	for _, p := range r.props {
		r.objects = append(r.objects, p)
	}
	// In the order of the skeleton's limbs: far ones first, so near
	// ones are drawn over them.
	for i := range r.limbs {
		r.objects = append(r.objects, r.starts[i], r.limbs[i], r.joints[i])
	}
	for i := range r.eyes {
		r.eyes[i] = canvas.NewCircle(color.Transparent)
	}
	r.objects = append(r.objects, r.head, r.eyes[0], r.eyes[1], r.glass, r.gaze)
	r.Refresh()
	return r
}

const maxLimbs = 16 // 12 limbs and 2 hands, plus shoulders and hips in the front view

type renderer struct {
	w       *Widget
	objects []fyne.CanvasObject
	floor   *canvas.Line
	head    *canvas.Circle
	mat     *canvas.Rectangle
	glass   *canvas.Rectangle
	props   [20]*canvas.Line
	gaze    *canvas.Line // the line of sight of eye exercises
	limbs   [maxLimbs]*canvas.Line
	joints  [maxLimbs]*canvas.Circle // round ends: a circle at each end of a segment
	starts  [maxLimbs]*canvas.Circle
	eyes    [2]*canvas.Circle // front view only: they show where the head turns
	size    fyne.Size
}

func (r *renderer) Destroy()                     { r.w.Stop() }
func (r *renderer) MinSize() fyne.Size           { return r.w.MinSize() }
func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *renderer) Layout(s fyne.Size) {
	r.size = s
	r.Refresh()
}

// transform maps figure units to pixels, centred and scaled to fit.
type transform struct {
	scale, ox, oy float64
}

func (t transform) pos(p pose.Point) fyne.Position {
	return fyne.NewPos(float32(t.ox+p.X*t.scale), float32(t.oy+p.Y*t.scale))
}

func (r *renderer) transform() transform {
	b := r.w.bounds
	pad := 0.12 // figure units of margin on each side
	bw, bh := b.maxX-b.minX+2*pad, b.maxY-b.minY+2*pad
	w, h := float64(r.size.Width), float64(r.size.Height)
	if w <= 0 || h <= 0 || bw <= 0 || bh <= 0 {
		return transform{scale: 0}
	}
	s := math.Min(w/bw, h/bh)
	ox := (w-bw*s)/2 + (pad-b.minX)*s
	oy := (h-bh*s)/2 + (pad-b.minY)*s
	return transform{s, ox, oy}
}

// MinFarContrast is the least contrast of the far limbs with what the
// figure is drawn on (WCAG's 3:1 for graphics): a paler shade set them
// apart from the near ones, but in the light theme it was a light grey on
// the light panel, 1.9:1, and the far leg nearly vanished.
const MinFarContrast = 3.0

// FarShade is the far limbs' colour: fg blended towards bg by paler, or
// less, until it stands out MinFarContrast from both bg and panel (the
// card's figure panel).
func FarShade(fg, bg, panel color.Color, paler float64) color.Color {
	for t := paler; ; t -= 0.05 {
		c := mix(fg, bg, max(t, 0))
		if t <= 0 || (contrast.Ratio(c, bg) >= MinFarContrast && contrast.Ratio(c, panel) >= MinFarContrast) {
			return c
		}
	}
}

// mix blends a towards b by t (0: a, 1: b), opaque.
func mix(a, b color.Color, t float64) color.Color {
	x, y := color.NRGBAModel.Convert(a).(color.NRGBA), color.NRGBAModel.Convert(b).(color.NRGBA)
	m := func(p, q uint8) uint8 { return uint8(float64(p) + (float64(q)-float64(p))*t + 0.5) }
	return color.NRGBA{m(x.R, y.R), m(x.G, y.G), m(x.B, y.B), 255}
}

func withAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(uint16(n.A) * uint16(a) / 255)
	return n
}

func (r *renderer) Refresh() {
	th := r.w.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	accent := th.Color(theme.ColorNamePrimary, v)
	muted := th.Color(theme.ColorNameDisabled, v)
	// Far limbs in a solid lighter shade: a translucent one would darken
	// where its segments and joints overlap.
	// In the front view they are only the left side, nearer the viewer
	// than in a side view, and must not blend with the chair behind them.
	paler := 0.55
	if r.w.fig.Front {
		paler = 0.35
	}
	far := FarShade(fg, th.Color(theme.ColorNameBackground, v), th.Color(theme.ColorNameInputBackground, v), paler)

	tr := r.transform()
	f := r.w.fig
	now := f.At(r.w.t)
	s := pose.Layout(now, f.Front, f.Feet)
	dot := func(c *canvas.Circle, at pose.Point, d float32, col color.Color) {
		p := tr.pos(at)
		c.FillColor = col
		c.Position1 = fyne.NewPos(p.X-d/2, p.Y-d/2)
		c.Position2 = fyne.NewPos(p.X+d/2, p.Y+d/2)
		c.Show()
		c.Refresh()
	}
	for i := range r.limbs {
		l, c, c0 := r.limbs[i], r.joints[i], r.starts[i]
		if i >= len(s.Limbs) {
			l.Hide()
			c.Hide()
			c0.Hide()
			continue
		}
		lb := s.Limbs[i]
		col := fg
		if lb.Far {
			col = far
		}
		stroke := float32(math.Max(2, tr.scale*lb.Width))
		l.StrokeColor, l.StrokeWidth = col, stroke
		l.Position1, l.Position2 = tr.pos(lb.From), tr.pos(lb.To)
		l.Show()
		l.Refresh()
		// Round ends make the segments read as limbs with joints.
		dot(c0, lb.From, stroke, col)
		dot(c, lb.To, stroke, col)
	}
	hp := tr.pos(s.Head)
	hr := float32(pose.HeadRadius * tr.scale)
	r.head.FillColor = accent
	r.head.StrokeWidth = 0
	r.head.Position1 = fyne.NewPos(hp.X-hr, hp.Y-hr)
	r.head.Position2 = fyne.NewPos(hp.X+hr, hp.Y+hr)
	r.head.Refresh()
	for i, e := range r.eyes {
		if !f.Front {
			e.Hide()
			continue
		}
		// On the face, turning with the shoulders (turn) and tilting with the head.
		a := now.Angle(pose.Head) * math.Pi / 180
		up := pose.Point{X: math.Sin(a), Y: math.Cos(a)}
		across := pose.Point{X: -up.Y, Y: up.X}
		t := now.Angles[pose.Turn] * math.Pi / 180
		k := (float64(2*i-1)*0.38*math.Cos(t) + 0.5*math.Sin(t)) * pose.HeadRadius
		at := pose.Point{X: s.Head.X + across.X*k + up.X*0.12*pose.HeadRadius, Y: s.Head.Y + across.Y*k + up.Y*0.12*pose.HeadRadius}
		dot(e, at, float32(math.Max(2, tr.scale*0.055)), th.Color(theme.ColorNameInputBackground, v))
	}

	b := r.w.bounds
	r.floor.StrokeColor, r.floor.StrokeWidth = muted, float32(math.Max(1, tr.scale*0.03))
	r.floor.Position1 = tr.pos(pose.Point{X: b.minX - 0.1, Y: 0.01})
	r.floor.Position2 = tr.pos(pose.Point{X: b.maxX + 0.1, Y: 0.01})
	r.floor.Refresh()

	if hasProp(f, "mat") {
		r.mat.FillColor = withAlpha(accent, 60)
		r.mat.CornerRadius = float32(tr.scale * 0.03)
		p1 := tr.pos(pose.Point{X: b.minX + 0.02, Y: -0.04})
		p2 := tr.pos(pose.Point{X: b.maxX - 0.02, Y: 0.05})
		r.mat.Move(p1)
		r.mat.Resize(fyne.NewSize(p2.X-p1.X, p2.Y-p1.Y))
		r.mat.Show()
	} else {
		r.mat.Hide()
	}
	r.mat.Refresh()

	segs := staticProps(f)
	for i, l := range r.props {
		if i >= len(segs) {
			l.Hide()
			continue
		}
		l.StrokeColor, l.StrokeWidth = muted, float32(math.Max(1.5, tr.scale*segs[i].width))
		if segs[i].strong {
			l.StrokeColor = mix(muted, fg, 0.25)
		}
		l.Position1, l.Position2 = tr.pos(segs[i].a), tr.pos(segs[i].b)
		l.Show()
		l.Refresh()
	}

	if a, b, ok := sightLine(f, now, s); ok {
		r.gaze.StrokeColor = withAlpha(accent, 170)
		r.gaze.StrokeWidth = float32(math.Max(1.5, tr.scale*0.025))
		r.gaze.Position1, r.gaze.Position2 = tr.pos(a), tr.pos(b)
		r.gaze.Show()
	} else {
		r.gaze.Hide()
	}
	r.gaze.Refresh()

	if hasProp(f, "glass") {
		// The glass travels with the right hand.
		gw, gh := float32(0.14*tr.scale), float32(0.22*tr.scale)
		hp := tr.pos(s.HandR)
		r.glass.FillColor = withAlpha(accent, 140)
		r.glass.CornerRadius = gw / 6
		r.glass.Move(fyne.NewPos(hp.X-gw/2, hp.Y-gh*0.8))
		r.glass.Resize(fyne.NewSize(gw, gh))
		r.glass.Show()
	} else {
		r.glass.Hide()
	}
	r.glass.Refresh()
}

// sightLine is where the eyes look in pose p: from the eyes along the
// pose's gaze, or to the distant target when the pose sets none; ok is
// false for figures that show no line of sight.
func sightLine(f pose.Figure, p pose.Pose, s pose.Skeleton) (from, to pose.Point, ok bool) {
	eye := pose.Eye(s, p)
	if g, set := p.Angles[pose.Gaze]; set {
		reach := 0.9
		if pl := f.Place(); pl.Far {
			reach = math.Hypot(pl.FarAt.X-eye.X, pl.FarAt.Y-eye.Y) - 0.2
		}
		d := pose.Point{X: math.Sin(g * math.Pi / 180), Y: math.Cos(g * math.Pi / 180)}
		return eye, pose.Point{X: eye.X + d.X*reach, Y: eye.Y + d.Y*reach}, true
	}
	if pl := f.Place(); pl.Far {
		return eye, pose.Point{X: pl.FarAt.X - 0.2, Y: pl.FarAt.Y}, true
	}
	return eye, eye, false
}

func hasProp(f pose.Figure, name string) bool {
	for _, p := range f.Props {
		if p == name {
			return true
		}
	}
	return false
}

type seg struct {
	a, b   pose.Point
	width  float64 // stroke in figure units
	strong bool    // drawn a shade darker: the seat seen from the front, which must read behind the thighs
}

// staticProps draws the chair, desk, wall and distant target where
// pose.Figure.Place puts them, so they stay put while the figure moves and
// the contacts the tests check are with what is drawn.
func staticProps(f pose.Figure) []seg {
	if len(f.Poses) == 0 {
		return nil
	}
	s := pose.Layout(f.Poses[0], f.Front, f.Feet)
	pl := f.Place()
	var out []seg
	P := func(x, y float64) pose.Point { return pose.Point{X: x, Y: y} }
	const thick, thin = 0.07, 0.045
	seated := s.Hip.Y > -1.3 && s.Hip.Y < -0.5
	switch {
	case pl.Chair && f.Front:
		// Seen from the front and a little above: the seat's top as a
		// band from the backrest towards the viewer, the backrest's frame
		// behind the back (the body hides its middle), four legs down to
		// the floor at their depth.
		y, l, r := pl.SeatY, pl.SeatBack, pl.SeatFront
		z0, z1 := pl.SeatZ0, pl.SeatZ1
		yb, yf := y+pose.Depth*z0, y+pose.Depth*z1
		top := pl.BackTop.Y
		out = append(out,
			seg{P(l+0.06, yb), P(l+0.06, top), thick, false}, seg{P(r-0.06, yb), P(r-0.06, top), thick, false},
			seg{P(l+0.06, top), P(r-0.06, top), thick, false}, seg{P(l+0.06, top+0.3), P(r-0.06, top+0.3), thin, false},
			seg{P(l+0.04, yb), P(l+0.04, pl.FloorAt(z0)), thin, false}, seg{P(r-0.04, yb), P(r-0.04, pl.FloorAt(z0)), thin, false},
			seg{P(l, (yb+yf)/2), P(r, (yb+yf)/2), yf - yb, true},
			seg{P(l+0.03, yf), P(l+0.03, pl.FloorAt(z1)), thin, false}, seg{P(r-0.03, yf), P(r-0.03, pl.FloorAt(z1)), thin, false},
		)
	case pl.Chair:
		y := pl.SeatY
		back, front := pl.SeatBack, pl.SeatFront
		// The backrest's pad is drawn behind its face, which is what the
		// back leans on, so the body does not hide it.
		d := math.Hypot(pl.BackTop.X-pl.BackFoot.X, pl.BackTop.Y-pl.BackFoot.Y)
		off := pose.Point{X: (pl.BackTop.Y - pl.BackFoot.Y) / d * pose.BackrestWidth / 2, Y: -(pl.BackTop.X - pl.BackFoot.X) / d * pose.BackrestWidth / 2}
		if off.X > 0 {
			off = pose.Point{X: -off.X, Y: -off.Y}
		}
		mv := func(p pose.Point, k float64) pose.Point { return pose.Point{X: p.X + off.X*k, Y: p.Y + off.Y*k} }
		out = append(out,
			seg{P(back, y), P(front, y), thick, false},
			seg{mv(pl.BackFoot, 1), mv(pl.BackTop, 1), pose.BackrestWidth, false},
			seg{P(back+0.05, y), P(back+0.05, 0), thin, false},
			seg{P(front-0.05, y), P(front-0.05, 0), thin, false},
		)
	}
	if pl.Desk {
		top, x0, x1 := pl.DeskY, pl.DeskX0, pl.DeskX1
		out = append(out,
			seg{P(x0, top), P(x1, top), thick, false},
			seg{P(x1-0.06, top), P(x1-0.06, 0), thin, false},
		)
		if seated {
			// A screen on the desk, its top edge at eye level.
			eye := s.Head.Y
			sx := x1 - 0.3
			out = append(out,
				seg{P(sx, top), P(sx, eye+0.45), thin, false},
				seg{P(sx-0.03, eye+0.45), P(sx-0.03, eye-0.02), 0.13, false},
			)
		}
	}
	if hasProp(f, "wall") {
		x := math.Max(s.HandR.X, s.HandL.X) + 0.06
		out = append(out, seg{P(x, 0), P(x, s.Head.Y-0.4), thick, false})
	}
	if pl.Far {
		// A window far ahead: its frame, and a hill on the horizon in it.
		c := pl.FarAt
		const w, h = 0.36, 0.5
		l, r, t, b := c.X-w/2, c.X+w/2, c.Y-h/2, c.Y+h/2
		out = append(out,
			seg{P(l, t), P(r, t), thin, false}, seg{P(r, t), P(r, b), thin, false},
			seg{P(r, b), P(l, b), thin, false}, seg{P(l, b), P(l, t), thin, false},
			seg{P(l, c.Y+0.08), P(c.X, c.Y-0.04), thin, false}, seg{P(c.X, c.Y-0.04), P(r, c.Y+0.1), thin, false},
		)
	}
	return out
}
