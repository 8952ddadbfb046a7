package statswin

import (
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bar is one column of a barChart: a main value, drawn in the primary
// colour up to the chart's limit and in the error colour above it, and an
// extra value stacked on top in a softer colour (after-hours sitting).
type bar struct {
	Value, Extra float64
	Label        string // under the column
	Short        string // used instead when Label does not fit
	Dim          bool   // a day with nothing recorded (weekend): label dimmed
	Strong       bool   // today: label bold
}

// barChart is a column chart drawn with canvas primitives, so it follows
// the theme (light, dark, text size) like the rest of the window. It
// rebuilds its few dozen objects on each layout or refresh.
type barChart struct {
	widget.BaseWidget
	bars []bar
	// Limit draws a horizontal line with LimitLabel at its right end; 0 =
	// none. OverIsBad colours the part of a bar above the limit as an
	// error (sitting); otherwise a bar reaching it is coloured as success
	// (glasses reaching the goal).
	Limit      float64
	LimitLabel string
	OverIsBad  bool
	// Tick formats a value on the value axis; Step picks tick spacing.
	Tick func(v float64) string
	Step func(max float64) float64
	// MinTop is the smallest top of the value axis.
	MinTop float64
}

func newBarChart() *barChart {
	c := &barChart{Tick: func(v float64) string { return formatFloat(v) }, Step: niceStep, MinTop: 1}
	c.ExtendBaseWidget(c)
	return c
}

// setBars replaces the data and redraws.
func (c *barChart) setBars(b []bar) {
	c.bars = b
	c.Refresh()
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	return &chartRenderer{c: c}
}

// MinSize keeps room for the axis labels and a readable plot.
func (c *barChart) MinSize() fyne.Size {
	c.ExtendBaseWidget(c)
	return fyne.NewSize(240, 150)
}

type chartRenderer struct {
	c    *barChart
	objs []fyne.CanvasObject
	size fyne.Size
	// for tests: where things were drawn
	plot   fyne.Position
	plotSz fyne.Size
	top    float64
	limitY float32
}

func (r *chartRenderer) Destroy()                     {}
func (r *chartRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *chartRenderer) Layout(s fyne.Size)           { r.size = s; r.build() }
func (r *chartRenderer) Refresh()                     { r.build(); canvas.Refresh(r.c) }

// withAlpha returns col with its alpha scaled by a (0..1).
func withAlpha(col color.Color, a float64) color.Color {
	n := color.NRGBAModel.Convert(col).(color.NRGBA)
	n.A = uint8(float64(n.A) * a)
	return n
}

func (r *chartRenderer) build() {
	c, s := r.c, r.size
	r.objs = r.objs[:0]
	if s.Width <= 0 || s.Height <= 0 {
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	muted := withAlpha(fg, 0.6)
	grid := theme.Color(theme.ColorNameSeparator)
	primary := theme.Color(theme.ColorNamePrimary)
	bad := theme.Color(theme.ColorNameError)
	extra := withAlpha(primary, 0.4)
	textSize := theme.CaptionTextSize()

	// value axis: 0 .. top, in whole steps
	maxV := c.MinTop
	for _, b := range c.bars {
		maxV = math.Max(maxV, b.Value+b.Extra)
	}
	if c.Limit > 0 {
		maxV = math.Max(maxV, c.Limit*1.1)
	}
	step := c.Step(maxV)
	top := math.Ceil(maxV/step) * step
	r.top = top

	// measure the widest tick label to place the plot
	labelW := float32(0)
	for v := 0.0; v <= top+step/2; v += step {
		w := fyne.MeasureText(c.Tick(v), textSize, fyne.TextStyle{}).Width
		labelW = max(labelW, w)
	}
	lineH := fyne.MeasureText("0", textSize, fyne.TextStyle{}).Height
	pad := theme.Padding()
	plotX := labelW + pad*2
	plotY := lineH / 2
	plotW := s.Width - plotX - pad
	plotH := s.Height - plotY - lineH - pad*2
	if plotW < 10 || plotH < 10 {
		return
	}
	r.plot, r.plotSz = fyne.NewPos(plotX, plotY), fyne.NewSize(plotW, plotH)
	yOf := func(v float64) float32 { return plotY + plotH - float32(v/top)*plotH }

	// grid lines and tick labels
	for v := 0.0; v <= top+step/2; v += step {
		y := yOf(v)
		l := canvas.NewLine(grid)
		l.StrokeWidth = 1
		l.Position1, l.Position2 = fyne.NewPos(plotX, y), fyne.NewPos(plotX+plotW, y)
		t := canvas.NewText(c.Tick(v), muted)
		t.TextSize = textSize
		t.Alignment = fyne.TextAlignTrailing
		t.Move(fyne.NewPos(0, y-lineH/2))
		t.Resize(fyne.NewSize(labelW+pad, lineH))
		r.objs = append(r.objs, l, t)
	}

	// bars
	n := len(c.bars)
	if n > 0 {
		slot := plotW / float32(n)
		gap := max(2, slot*0.22)
		bw := slot - gap
		// full labels if they all fit, else short ones on every k-th bar
		short := false
		every := 1
		widest := func(f func(bar) string) (w float32) {
			for _, b := range c.bars {
				w = max(w, fyne.MeasureText(f(b), textSize, fyne.TextStyle{Bold: b.Strong}).Width+pad)
			}
			return w
		}
		if widest(func(b bar) string { return b.Label }) > slot {
			short = true
			if wide := widest(func(b bar) string { return b.Short }); wide > slot {
				every = int(math.Ceil(float64(wide / slot)))
			}
		}
		for i, b := range c.bars {
			x := plotX + float32(i)*slot + gap/2
			main := primary
			if !c.OverIsBad && c.Limit > 0 && b.Value < c.Limit {
				main = extra // short of the goal: the softer colour
			}
			under := b.Value
			if c.OverIsBad && c.Limit > 0 {
				under = math.Min(b.Value, c.Limit)
			}
			rect := func(from, to float64, col color.Color) {
				if to <= from {
					return
				}
				y0, y1 := yOf(to), yOf(from)
				rc := canvas.NewRectangle(col)
				rc.CornerRadius = min(2, bw/4)
				rc.Move(fyne.NewPos(x, y0))
				rc.Resize(fyne.NewSize(bw, y1-y0))
				r.objs = append(r.objs, rc)
			}
			rect(0, under, main)
			if under < b.Value {
				rect(under, b.Value, bad)
			}
			rect(b.Value, b.Value+b.Extra, extra)
			// the stride ends on the last bar (today), which is always labelled
			if (n-1-i)%every == 0 {
				col := fg
				if b.Dim {
					col = muted
				}
				label := b.Label
				if short && b.Short != "" {
					label = b.Short
				}
				t := canvas.NewText(label, col)
				t.TextSize = textSize
				t.TextStyle.Bold = b.Strong
				t.Alignment = fyne.TextAlignCenter
				t.Move(fyne.NewPos(x-gap/2, plotY+plotH+pad/2))
				t.Resize(fyne.NewSize(slot, lineH))
				r.objs = append(r.objs, t)
			}
		}
	}

	// the limit line on top of the bars, with its label
	if c.Limit > 0 {
		y := yOf(c.Limit)
		r.limitY = y
		l := canvas.NewLine(withAlpha(fg, 0.85))
		l.StrokeWidth = 2
		l.Position1, l.Position2 = fyne.NewPos(plotX, y), fyne.NewPos(plotX+plotW, y)
		r.objs = append(r.objs, l)
		if c.LimitLabel != "" {
			t := canvas.NewText(c.LimitLabel, fg)
			t.TextSize = textSize
			t.TextStyle.Bold = true
			t.Alignment = fyne.TextAlignTrailing
			tw := fyne.MeasureText(c.LimitLabel, textSize, t.TextStyle).Width + pad*2
			bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
			bg.CornerRadius = 3
			bg.Move(fyne.NewPos(plotX+plotW-tw, y-lineH-2))
			bg.Resize(fyne.NewSize(tw, lineH))
			t.Move(fyne.NewPos(plotX+plotW-tw, y-lineH-2))
			t.Resize(fyne.NewSize(tw-pad, lineH))
			r.objs = append(r.objs, bg, t)
		}
	}
}

// niceStep picks a tick spacing giving about four to six ticks.
func niceStep(maxV float64) float64 {
	if maxV <= 0 {
		return 1
	}
	raw := maxV / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*mag {
			return math.Max(m*mag, 1)
		}
	}
	return 10 * mag
}

// hourStep picks a tick spacing in hours for sitting time.
func hourStep(maxH float64) float64 {
	switch {
	case maxH <= 3:
		return 0.5
	case maxH <= 6:
		return 1
	case maxH <= 14:
		return 2
	}
	return 4
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// shareRow is one line of a shareChart.
type shareRow struct {
	Name   string
	Share  float64 // 0..1
	Has    bool    // false: nothing to show yet (Empty text instead of a %)
	Detail string  // small text under the bar
}

// shareChart draws horizontal bars of shares (breaks taken per kind): a
// name, a track with the filled share and the percentage, and a detail
// line, compactly and in the theme's colours.
type shareChart struct {
	widget.BaseWidget
	rows  []shareRow
	Empty string
}

func newShareChart() *shareChart {
	c := &shareChart{}
	c.ExtendBaseWidget(c)
	return c
}

func (c *shareChart) setRows(rows []shareRow) {
	c.rows = rows
	c.Refresh()
}

func (c *shareChart) rowHeight() float32 {
	body := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height
	caption := fyne.MeasureText("Ag", theme.CaptionTextSize(), fyne.TextStyle{}).Height
	return body + caption + theme.Padding()*2
}

func (c *shareChart) MinSize() fyne.Size {
	c.ExtendBaseWidget(c)
	return fyne.NewSize(240, c.rowHeight()*float32(max(1, len(c.rows))))
}

func (c *shareChart) CreateRenderer() fyne.WidgetRenderer { return &shareRenderer{c: c} }

type shareRenderer struct {
	c    *shareChart
	objs []fyne.CanvasObject
	size fyne.Size
}

func (r *shareRenderer) Destroy()                     {}
func (r *shareRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *shareRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *shareRenderer) Layout(s fyne.Size)           { r.size = s; r.build() }
func (r *shareRenderer) Refresh()                     { r.build(); canvas.Refresh(r.c) }

func (r *shareRenderer) build() {
	c, s := r.c, r.size
	r.objs = r.objs[:0]
	if s.Width <= 0 || len(c.rows) == 0 {
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	primary := theme.Color(theme.ColorNamePrimary)
	track := withAlpha(primary, 0.22)
	pad := theme.Padding()
	ts, cs := theme.TextSize(), theme.CaptionTextSize()
	bodyH := fyne.MeasureText("Ag", ts, fyne.TextStyle{}).Height
	capH := fyne.MeasureText("Ag", cs, fyne.TextStyle{}).Height
	nameW := float32(0)
	for _, row := range c.rows {
		nameW = max(nameW, fyne.MeasureText(row.Name, ts, fyne.TextStyle{}).Width)
	}
	pctW := fyne.MeasureText("100%", ts, fyne.TextStyle{Bold: true}).Width
	barX := theme.InnerPadding() + nameW + pad*3
	barW := s.Width - barX - pctW - pad*2
	if barW < 20 {
		return
	}
	barH := bodyH * 0.6
	rowH := r.c.rowHeight()
	for i, row := range c.rows {
		y := float32(i) * rowH
		name := canvas.NewText(row.Name, fg)
		name.TextSize = ts
		name.Move(fyne.NewPos(theme.InnerPadding(), y))
		name.Resize(fyne.NewSize(nameW, bodyH))
		tr := canvas.NewRectangle(track)
		tr.CornerRadius = barH / 2
		tr.Move(fyne.NewPos(barX, y+(bodyH-barH)/2))
		tr.Resize(fyne.NewSize(barW, barH))
		r.objs = append(r.objs, name, tr)
		pct := c.Empty
		if row.Has {
			pct = strconv.Itoa(int(row.Share*100+0.5)) + "%"
			if w := barW * float32(math.Max(0, math.Min(1, row.Share))); w > 0 {
				fill := canvas.NewRectangle(primary)
				fill.CornerRadius = barH / 2
				fill.Move(tr.Position())
				fill.Resize(fyne.NewSize(max(w, barH), barH))
				r.objs = append(r.objs, fill)
			}
		}
		pt := canvas.NewText(pct, fg)
		pt.TextSize = ts
		pt.TextStyle.Bold = true
		pt.Alignment = fyne.TextAlignTrailing
		pt.Move(fyne.NewPos(barX+barW+pad, y))
		pt.Resize(fyne.NewSize(s.Width-barX-barW-pad, bodyH))
		det := canvas.NewText(row.Detail, withAlpha(fg, 0.75))
		det.TextSize = cs
		// The counts run longer in German, French and Spanish than the
		// bar is wide: they take the width up to the percentages, and
		// past that a smaller size (down to three quarters), rather than
		// running into the chart beside.
		detX, detW := barX, s.Width-barX-pad
		if w := fyne.MeasureText(row.Detail, cs, fyne.TextStyle{}).Width; w > detW {
			detX, detW = theme.InnerPadding(), s.Width-theme.InnerPadding()-pad
			if w > detW {
				det.TextSize = max(cs*0.75, cs*detW/w)
			}
		}
		det.Move(fyne.NewPos(detX, y+bodyH))
		det.Resize(fyne.NewSize(detW, capH))
		r.objs = append(r.objs, pt, det)
	}
}
