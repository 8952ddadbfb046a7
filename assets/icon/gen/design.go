package main

import "math"

// The Limber figure: a person stretching with both arms raised in a wide
// V and feet apart. A head set clear of the arms, straight limbs and
// round caps keep the silhouette readable down to 16 px.

// figureParts is the figure on a 24-unit grid centred on (12, 12); weight
// is the limb width in grid units.
type figureParts struct {
	head  disc
	limbs []capsule
}

func figureGeometry(weight, headR float64) figureParts {
	r := weight / 2
	const (
		shoulderY = 10.6
		hipY      = 15.0
	)
	return figureParts{
		head: disc{12, 5.6 - headR/2, headR},
		limbs: []capsule{
			{12, shoulderY, 12, hipY, r},  // torso
			{12, shoulderY, 5.6, 5.4, r},  // left arm
			{12, shoulderY, 18.4, 5.4, r}, // right arm
			{12, hipY, 8.3, 20.2, r},      // left leg
			{12, hipY, 15.7, 20.2, r},     // right leg
		},
	}
}

// place maps the figure from its 24-grid into a canvas: scaled by s and
// moved so the grid centre lands on (cx, cy).
func (f figureParts) place(cx, cy, s float64) figureParts {
	tx := func(x float64) float64 { return cx + (x-12)*s }
	ty := func(y float64) float64 { return cy + (y-12)*s }
	out := figureParts{head: disc{tx(f.head.cx), ty(f.head.cy), f.head.r * s}}
	for _, l := range f.limbs {
		out.limbs = append(out.limbs, capsule{tx(l.x1), ty(l.y1), tx(l.x2), ty(l.y2), l.r * s})
	}
	return out
}

func (f figureParts) shape() shape {
	u := union{f.head}
	for _, l := range f.limbs {
		u = append(u, l)
	}
	return u
}

// Palette (hex strings, so they stay constants).
const (
	leafLight = "#3CC47C" // top-left of the app tile
	leafDark  = "#0B7F86" // bottom-right of the app tile
	trayTeal  = "#12967F"
	trayEdge  = "#0A5E51"
	dueAmber  = "#E8590C"
	dueEdge   = "#9C3A05"
	dueBadge  = "#C2255C" // a magenta red: apart from the amber in hue, not only in lightness
	pauseGrey = "#7D848E"
	pauseEdge = "#4B5058"
	badgeDark = "#2E3238"
	white     = "#FFFFFF"
)

// opaque is a palette colour at full opacity.
func opaque(h string) rgba { return hex(h, 1) }

// appIcon is the application icon on a 100-unit canvas. Small sizes get a
// bolder figure so limbs stay at least about 1.5 px wide.
func appIcon(size int) icon {
	weight, head := 2.9, 2.45
	switch {
	case size <= 16:
		weight, head = 3.0, 2.3
	case size <= 32:
		weight, head = 2.8, 2.3
	}
	// Small sizes use more of the canvas: a margin that is right at 512 px
	// wastes pixels that matter at 16.
	m := 6.0
	if size <= 32 {
		m = 2.0
	}
	tile := roundRect{m, m, 100 - 2*m, 100 - 2*m, 22 * (100 - 2*m) / 88}
	fs := 3.15 * (100 - 2*m) / 88 // grid units to canvas units
	fig := figureGeometry(weight, head).place(50, 51, fs).shape()
	layers := []layer{
		{s: tile, p: linear{20, 6, 80, 94, opaque(leafLight), opaque(leafDark)}},
	}
	if size >= 48 {
		// A soft glow behind the figure and a faint shadow under it give
		// depth at large sizes; at small sizes they only blur the edges.
		layers = append(layers,
			layer{s: disc{50, 51, 31}, p: solid(hex("#FFFFFF", 0.13))},
			layer{s: offset{fig, 0, 1.6}, p: solid(hex("#04363A", 0.28)), blur: 2.2},
		)
	}
	layers = append(layers, layer{s: fig, p: solid(opaque(white))})
	return icon{units: 100, layers: layers}
}

// TrayState mirrors trayicon.State; the generator cannot import it
// because the package embeds the generator's output.
type trayState int

const (
	trayNormal trayState = iota
	trayPaused
	trayDue
)

func (s trayState) String() string {
	return [...]string{"normal", "paused", "due"}[s]
}

// trayIcon is the panel icon on a 24-unit canvas: a filled disc with a
// darker rim (so it reads on light and dark panels alike) and the white
// figure. Paused turns grey and carries a pause badge; due turns amber
// and carries a dot badge.
func trayIcon(state trayState, size int) icon {
	// Limb width in pixels: 2 px at panel sizes keeps the torso on whole
	// pixels (crisp), growing with the icon above that.
	px := max(2, float64(size)/11)
	const figScale = 0.84
	weight := px * 24 / float64(size) / figScale
	fill, edge := trayTeal, trayEdge
	switch state {
	case trayPaused:
		fill, edge = pauseGrey, pauseEdge
	case trayDue:
		fill, edge = dueAmber, dueEdge
	}
	const c, r = 12.0, 11.6
	fig := figureGeometry(weight, 2.25).place(c, c+0.2, figScale).shape()
	layers := []layer{
		{s: disc{c, c, r}, p: solid(opaque(edge))},
		{s: disc{c, c, r - 0.8}, p: solid(opaque(fill))},
		{s: fig, p: solid(opaque(white))},
	}
	switch state {
	case trayPaused:
		b := disc{18.2, 18.2, 5.6}
		layers = append(layers,
			layer{s: grow{b, 1.2}, op: erase},
			layer{s: b, p: solid(opaque(badgeDark))},
		)
		for _, bar := range pauseBars(b, size) {
			layers = append(layers, layer{s: bar, p: solid(opaque(white))})
		}
	case trayDue:
		b := disc{19.8, 4.2, 3.7}
		layers = append(layers,
			layer{s: grow{b, 1.2}, op: erase},
			layer{s: b, p: solid(opaque(dueBadge))},
		)
	}
	return icon{units: 24, layers: layers}
}

// pauseBars places the two bars of the pause badge on whole pixels: at
// 16–22 px, bars a pixel or two wide would otherwise smear into one grey
// block.
func pauseBars(badge disc, size int) []shape {
	scale := float64(size) / 24 // pixels per grid unit
	w := math.Max(1, math.Round(1.7*scale))
	g := math.Max(1, math.Round(1.1*scale))
	h := math.Round(6 * scale)
	left := math.Round(badge.cx*scale - (2*w+g)/2)
	top := math.Round(badge.cy*scale - h/2)
	r := math.Min(0.5*scale, w/3)
	bar := func(x float64) shape { return roundRect{x / scale, top / scale, w / scale, h / scale, r / scale} }
	return []shape{bar(left), bar(left + w + g)}
}
