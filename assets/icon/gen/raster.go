package main

import (
	"image"
	"image/color"
	"math"
)

// The icons are made of a few primitives (discs, round-capped strokes,
// rounded rectangles). Each one has an exact signed distance function, so
// every pixel gets its coverage from the distance to the edge: that gives
// clean anti-aliasing at 16 px without supersampling, and the same
// geometry can be written out as SVG.

// shape reports the signed distance from a point to its edge, in design
// units: negative inside, positive outside.
type shape interface {
	dist(x, y float64) float64
	bounds() box // everything inside lies within
}

// box is an axis-aligned rectangle in design units.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) grow(d float64) box { return box{b.x0 - d, b.y0 - d, b.x1 + d, b.y1 + d} }

func (b box) union(o box) box {
	return box{math.Min(b.x0, o.x0), math.Min(b.y0, o.y0), math.Max(b.x1, o.x1), math.Max(b.y1, o.y1)}
}

func (b box) contains(x, y float64) bool { return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1 }

type disc struct{ cx, cy, r float64 }

func (c disc) dist(x, y float64) float64 { return math.Hypot(x-c.cx, y-c.cy) - c.r }

func (c disc) bounds() box { return box{c.cx - c.r, c.cy - c.r, c.cx + c.r, c.cy + c.r} }

// capsule is a straight stroke of width 2r with round caps.
type capsule struct{ x1, y1, x2, y2, r float64 }

func (s capsule) dist(x, y float64) float64 {
	dx, dy := s.x2-s.x1, s.y2-s.y1
	px, py := x-s.x1, y-s.y1
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, (px*dx+py*dy)/l))
	}
	return math.Hypot(px-t*dx, py-t*dy) - s.r
}

func (s capsule) bounds() box {
	return box{math.Min(s.x1, s.x2), math.Min(s.y1, s.y2), math.Max(s.x1, s.x2), math.Max(s.y1, s.y2)}.grow(s.r)
}

type roundRect struct{ x, y, w, h, r float64 }

func (b roundRect) bounds() box { return box{b.x, b.y, b.x + b.w, b.y + b.h} }

func (b roundRect) dist(x, y float64) float64 {
	cx, cy := b.x+b.w/2, b.y+b.h/2
	qx := math.Abs(x-cx) - (b.w/2 - b.r)
	qy := math.Abs(y-cy) - (b.h/2 - b.r)
	out := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
	return out + math.Min(math.Max(qx, qy), 0) - b.r
}

// union is the set of points inside any of its parts.
type union []shape

func (u union) dist(x, y float64) float64 {
	d := math.Inf(1)
	for _, s := range u {
		d = math.Min(d, s.dist(x, y))
	}
	return d
}

func (u union) bounds() box {
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, s := range u {
		b = b.union(s.bounds())
	}
	return b
}

// offset moves a shape by (dx, dy).
type offset struct {
	s      shape
	dx, dy float64
}

func (o offset) dist(x, y float64) float64 { return o.s.dist(x-o.dx, y-o.dy) }

func (o offset) bounds() box {
	b := o.s.bounds()
	return box{b.x0 + o.dx, b.y0 + o.dy, b.x1 + o.dx, b.y1 + o.dy}
}

// grow widens a shape by d units on every side (a halo, or the gap cut
// around a badge).
type grow struct {
	s shape
	d float64
}

func (g grow) dist(x, y float64) float64 { return g.s.dist(x, y) - g.d }

func (g grow) bounds() box { return g.s.bounds().grow(g.d) }

// rgba is a straight (not premultiplied) colour with components in 0..1.
type rgba struct{ r, g, b, a float64 }

func hex(s string, alpha float64) rgba {
	var v [3]float64
	for i := range 3 {
		var n int
		for _, c := range s[1+2*i : 3+2*i] {
			n *= 16
			switch {
			case c >= '0' && c <= '9':
				n += int(c - '0')
			case c >= 'a' && c <= 'f':
				n += int(c-'a') + 10
			case c >= 'A' && c <= 'F':
				n += int(c-'A') + 10
			}
		}
		v[i] = float64(n) / 255
	}
	return rgba{v[0], v[1], v[2], alpha}
}

// paint gives the colour of a layer at a point (design units).
type paint interface {
	at(x, y float64) rgba
}

type solid rgba

func (s solid) at(float64, float64) rgba { return rgba(s) }

// linear is a two-stop linear gradient from (x1,y1) to (x2,y2).
type linear struct {
	x1, y1, x2, y2 float64
	from, to       rgba
}

func (l linear) at(x, y float64) rgba {
	dx, dy := l.x2-l.x1, l.y2-l.y1
	t := ((x-l.x1)*dx + (y-l.y1)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	mix := func(a, b float64) float64 { return a + (b-a)*t }
	return rgba{mix(l.from.r, l.to.r), mix(l.from.g, l.to.g), mix(l.from.b, l.to.b), mix(l.from.a, l.to.a)}
}

type op int

const (
	over  op = iota // paint the shape over what is below
	erase           // cut the shape out of what is below
)

// layer is one shape filled with one paint. blur softens the edge by that
// many design units (a cheap stand-in for a Gaussian shadow).
type layer struct {
	s    shape
	p    paint
	op   op
	blur float64
}

// icon is a stack of layers drawn on a square canvas of side units.
type icon struct {
	units  float64
	layers []layer
}

// render rasterises the icon at size×size pixels.
func (ic icon) render(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := float64(size) / ic.units // pixels per unit
	// A layer cannot touch a pixel farther than its soft edge from its
	// bounds: skip it there (the figure covers a third of the canvas).
	reach := make([]box, len(ic.layers))
	for i, l := range ic.layers {
		reach[i] = l.s.bounds().grow(l.blur + 2/scale)
	}
	for py := range size {
		for px := range size {
			x := (float64(px) + 0.5) / scale
			y := (float64(py) + 0.5) / scale
			// Premultiplied accumulator.
			var r, g, b, a float64
			for i, l := range ic.layers {
				if !reach[i].contains(x, y) {
					continue
				}
				d := l.s.dist(x, y) * scale // in pixels
				width := 1 + l.blur*scale
				cov := math.Max(0, math.Min(1, 0.5-d/width))
				if cov == 0 {
					continue
				}
				switch l.op {
				case erase:
					k := 1 - cov
					r, g, b, a = r*k, g*k, b*k, a*k
				default:
					c := l.p.at(x, y)
					ca := c.a * cov
					k := 1 - ca
					r = c.r*ca + r*k
					g = c.g*ca + g*k
					b = c.b*ca + b*k
					a = ca + a*k
				}
			}
			if to8(a) == 0 { // leave fully transparent pixels black
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: to8(r / a), G: to8(g / a), B: to8(b / a), A: to8(a),
			})
		}
	}
	return img
}

func to8(v float64) uint8 {
	return uint8(math.Max(0, math.Min(255, math.Round(v*255))))
}
