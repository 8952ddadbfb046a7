package cardwin

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// badge is a step number in a filled circle. As a widget it re-reads the
// theme on every refresh, so it follows a switch between light and dark.
type badge struct {
	widget.BaseWidget
	n int
}

func newBadge(n int) *badge {
	b := &badge{n: n}
	b.ExtendBaseWidget(b)
	return b
}

func (b *badge) MinSize() fyne.Size { return fyne.NewSize(26, 26) }

func (b *badge) CreateRenderer() fyne.WidgetRenderer {
	r := &badgeRenderer{b: b, circle: canvas.NewCircle(nil), text: canvas.NewText(strconv.Itoa(b.n), nil)}
	r.text.TextStyle = fyne.TextStyle{Bold: true}
	r.text.Alignment = fyne.TextAlignCenter
	r.Refresh()
	return r
}

type badgeRenderer struct {
	b      *badge
	circle *canvas.Circle
	text   *canvas.Text
}

func (r *badgeRenderer) Destroy()                     {}
func (r *badgeRenderer) MinSize() fyne.Size           { return r.b.MinSize() }
func (r *badgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.circle, r.text} }

func (r *badgeRenderer) Layout(s fyne.Size) {
	d := fyne.Min(s.Width, s.Height)
	p := fyne.NewPos((s.Width-d)/2, (s.Height-d)/2)
	r.circle.Move(p)
	r.circle.Resize(fyne.NewSquareSize(d))
	ts := r.text.MinSize()
	r.text.Move(fyne.NewPos((s.Width-ts.Width)/2, (s.Height-ts.Height)/2))
	r.text.Resize(ts)
}

func (r *badgeRenderer) Refresh() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.circle.FillColor = th.Color(theme.ColorNamePrimary, v)
	r.text.Color = th.Color(theme.ColorNameForegroundOnPrimary, v)
	r.text.TextSize = th.Size(theme.SizeNameText)
	r.circle.Refresh()
	r.text.Refresh()
}

// panel is a rounded background in the theme's input colour.
type panel struct {
	widget.BaseWidget
}

func newPanel() *panel {
	p := &panel{}
	p.ExtendBaseWidget(p)
	return p
}

func (p *panel) CreateRenderer() fyne.WidgetRenderer {
	r := &panelRenderer{p: p, rect: canvas.NewRectangle(nil)}
	r.Refresh()
	return r
}

type panelRenderer struct {
	p    *panel
	rect *canvas.Rectangle
}

func (r *panelRenderer) Destroy()                     {}
func (r *panelRenderer) MinSize() fyne.Size           { return fyne.NewSize(0, 0) }
func (r *panelRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *panelRenderer) Layout(s fyne.Size)           { r.rect.Resize(s) }

func (r *panelRenderer) Refresh() {
	th := r.p.Theme()
	r.rect.FillColor = th.Color(theme.ColorNameInputBackground, fyne.CurrentApp().Settings().ThemeVariant())
	r.rect.CornerRadius = th.Size(theme.SizeNameInputRadius) * 2
	r.rect.Refresh()
}

// strongBox draws a check box's empty square in the text colour: in the
// theme's input border colour it is a faint square the user misses.
type strongBox struct{ fyne.Theme }

func (t strongBox) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameInputBorder {
		n = theme.ColorNameForeground
	}
	return t.Theme.Color(n, v)
}
