package statswin

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/duration"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/kinds"
)

// tile is one "today" figure: a caption, a big value, a detail line and
// an optional progress bar.
type tile struct {
	value  *widget.RichText
	detail *widget.Label
	bar    *widget.ProgressBar
	box    fyne.CanvasObject
}

func newTile(caption string, withBar bool) *tile {
	t := &tile{
		value:  widget.NewRichText(&widget.TextSegment{Text: "–", Style: widget.RichTextStyleHeading}),
		detail: widget.NewLabel(""),
	}
	t.detail.Wrapping = fyne.TextWrapWord
	head := widget.NewLabelWithStyle(caption, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	items := []fyne.CanvasObject{head, t.value, t.detail}
	if withBar {
		t.bar = widget.NewProgressBar()
		items = append(items, t.bar)
	}
	t.box = widget.NewCard("", "", container.NewVBox(items...))
	return t
}

func (t *tile) setValue(s string) {
	t.value.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: s, Style: widget.RichTextStyleHeading}}
	t.value.Refresh()
}

// view holds the window's widgets; set fills them from Stats.
type view struct {
	root          fyne.CanvasObject
	body          fyne.CanvasObject // the charts, in a scroll
	message       *widget.Label
	heading       *widget.RichText
	daysChoice    *widget.RadioGroup
	sitting       *tile
	breaks        *tile
	water         *tile
	streak        *tile
	sittingChart  *barChart
	sittingTitle  *widget.Label
	legend        *fyne.Container
	glassChart    *barChart
	glassTitle    *widget.Label
	debtChart     *barChart
	debtTitle     *widget.Label
	perDay        *container.AppTabs // glasses or debt per day
	kinds         *shareChart
	swatches      []swatch
	footer        *widget.Label
	tip           *widget.Label // a tip card: advice for outside the breaks
	days          atomic.Int64  // read by the loading goroutine
	onDaysChanged func()
}

func daysOption(n int) string {
	return lang.XN("stats.win.days_option", "{{.N}} days", n, map[string]any{"N": n})
}

func newView(days int) *view {
	v := &view{}
	v.days.Store(int64(days))
	v.heading = widget.NewRichText(&widget.TextSegment{Text: lang.X("stats.win.today", "Today"), Style: widget.RichTextStyleSubHeading})
	opts := []string{daysOption(14), daysOption(30)}
	if days != 14 && days != 30 {
		opts = append([]string{daysOption(days)}, opts...)
	}
	v.daysChoice = widget.NewRadioGroup(opts, func(s string) {
		cur := int(v.days.Load())
		for _, n := range []int{7, 14, 30, 60, 90, cur} {
			if s == daysOption(n) && n != cur {
				v.days.Store(int64(n))
				if v.onDaysChanged != nil {
					v.onDaysChanged()
				}
			}
		}
	})
	v.daysChoice.Horizontal = true
	v.daysChoice.Required = true
	v.daysChoice.SetSelected(daysOption(days))

	v.sitting = newTile(lang.X("stats.win.sitting", "Sitting"), true)
	v.breaks = newTile(lang.X("stats.win.breaks", "Breaks"), false)
	v.water = newTile(lang.X("stats.win.water", "Water"), true)
	v.streak = newTile(lang.X("stats.win.streak", "Streak"), false)
	tiles := container.NewGridWithColumns(4, v.sitting.box, v.breaks.box, v.water.box, v.streak.box)

	v.sittingChart = newBarChart()
	v.sittingChart.OverIsBad = true
	v.sittingChart.Tick = hoursText
	v.sittingChart.Step = hourStep
	v.sittingChart.MinTop = 4
	v.sittingTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.legend = container.NewHBox(
		v.legendItem(theme.ColorNamePrimary, 1, lang.X("stats.win.legend.sitting", "Sitting")),
		v.legendItem(theme.ColorNameError, 1, lang.X("stats.win.legend.over", "Over the limit")),
		v.legendItem(theme.ColorNamePrimary, 0.4, lang.X("stats.win.legend.after", "After hours")),
	)
	sittingHead := container.NewBorder(nil, nil, v.sittingTitle, v.legend)

	v.glassChart = newBarChart()
	v.glassChart.MinTop = 4
	v.glassChart.Step = func(m float64) float64 {
		if m <= 10 {
			return 2
		}
		return niceStep(m)
	}
	v.glassTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	v.kinds = newShareChart()
	v.kinds.Empty = "–"
	kindSection := container.NewBorder(
		widget.NewLabelWithStyle(lang.X("stats.win.by_kind", "Breaks taken, by kind"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, container.NewVBox(v.kinds))
	glassLegend := container.NewHBox(
		v.legendItem(theme.ColorNamePrimary, 1, lang.X("stats.win.legend.goal", "Goal reached")),
		v.legendItem(theme.ColorNamePrimary, 0.4, lang.X("stats.win.legend.short", "Short of it")),
	)
	glassSection := container.NewBorder(container.NewBorder(nil, nil, v.glassTitle, glassLegend), nil, nil, nil, v.glassChart)

	// Break debt per day, in minutes: what was paid back, and on top what
	// was left to be forgiven overnight.
	v.debtChart = newBarChart()
	v.debtChart.MinTop = 5
	v.debtTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	debtLegend := container.NewHBox(
		v.legendItem(theme.ColorNamePrimary, 1, lang.X("stats.win.legend.repaid", "Paid back")),
		v.legendItem(theme.ColorNamePrimary, 0.4, lang.X("stats.win.legend.unpaid", "Left")),
	)
	debtSection := container.NewBorder(container.NewBorder(nil, nil, v.debtTitle, debtLegend), nil, nil, nil, v.debtChart)

	v.footer = widget.NewLabel("")
	v.footer.SizeName = theme.SizeNameCaptionText
	v.footer.Wrapping = fyne.TextWrapWord
	v.tip = widget.NewLabel("")
	v.tip.Wrapping = fyne.TextWrapWord
	v.tip.Hide()

	top := container.NewVBox(
		container.NewBorder(nil, nil, v.heading, v.daysChoice),
		tiles,
		sittingHead,
	)
	// Water and debt share a place (tabs): a third chart would not fit the
	// window's height or width.
	v.perDay = container.NewAppTabs(
		container.NewTabItem(lang.X("stats.win.water", "Water"), glassSection),
		container.NewTabItem(lang.X("stats.win.debt", "Break debt"), debtSection))
	bottom := container.NewGridWithColumns(2, kindSection, v.perDay)
	// The sitting chart takes what the rest leaves.
	charts := container.NewBorder(nil, bottom, nil, nil, v.sittingChart)
	// Scrolls on a screen too short for it (a 1366x768 laptop under its
	// panel); on a taller one the body fills the window and the sitting
	// chart takes the extra height.
	v.body = container.NewVScroll(container.NewBorder(top, container.NewVBox(v.tip, v.footer), nil, nil, charts))
	v.message = widget.NewLabel(lang.X("stats.win.loading", "Loading…"))
	v.message.Wrapping = fyne.TextWrapWord
	v.message.Alignment = fyne.TextAlignCenter
	v.body.Hide()
	// a VBox, not a Center: a wrapping label needs the full width
	msg := container.NewVBox(layout.NewSpacer(), v.message, layout.NewSpacer())
	v.root = container.NewPadded(container.NewStack(msg, v.body))
	return v
}

// swatch is a legend's colour sample; set() recolours it, so it follows a
// theme change like the charts do.
type swatch struct {
	rect  *canvas.Rectangle
	name  fyne.ThemeColorName
	alpha float64
}

func (s swatch) recolor() {
	s.rect.FillColor = withAlpha(theme.Color(s.name), s.alpha)
	s.rect.Refresh()
}

// legendItem is a colour swatch and its meaning.
func (v *view) legendItem(name fyne.ThemeColorName, alpha float64, text string) fyne.CanvasObject {
	sw := canvas.NewRectangle(withAlpha(theme.Color(name), alpha))
	v.swatches = append(v.swatches, swatch{sw, name, alpha})
	sw.CornerRadius = 2
	sw.SetMinSize(fyne.NewSize(12, 12))
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	return container.NewHBox(container.NewCenter(sw), l)
}

func (v *view) wantDays() int { return int(v.days.Load()) }

// showError replaces the figures with a message for the user.
func (v *view) showError(err error) {
	if errors.Is(err, history.ErrNoHistory) {
		v.message.SetText(lang.X("stats.win.none", "Nothing recorded yet. Limber keeps your breaks, sitting time and glasses of water while it runs; come back after a while."))
	} else {
		v.message.SetText(lang.X("stats.win.error", "The statistics could not be read: {{.E}}", map[string]any{"E": err.Error()}))
	}
	v.body.Hide()
	v.message.Show()
}

// set fills every widget from st; note says where the figures came from.
func (v *view) set(st history.Stats, note string) {
	v.message.Hide()
	v.body.Show()
	for _, sw := range v.swatches {
		sw.recolor()
	}
	t, g := st.Today, st.Goals
	v.heading.Segments = []widget.RichTextSegment{&widget.TextSegment{
		Text:  lang.X("stats.win.today_date", "Today, {{.D}}", map[string]any{"D": i18n.LongDate(t.Start)}),
		Style: widget.RichTextStyleSubHeading,
	}}
	v.heading.Refresh()

	// sitting against the limit
	v.sitting.setValue(duration.Minutes(t.Sitting))
	detail := lang.X("stats.win.no_limit", "no daily limit set")
	if g.DailyLimit > 0 {
		detail = lang.X("stats.win.of_limit", "of {{.L}} limit", map[string]any{"L": duration.Minutes(g.DailyLimit)})
		v.sitting.bar.Max = 1
		v.sitting.bar.SetValue(min(1, float64(t.Sitting)/float64(g.DailyLimit)))
		v.sitting.bar.Show()
	} else {
		v.sitting.bar.Hide()
	}
	if t.AfterHours > 0 {
		detail += "\n" + lang.X("stats.win.after_hours", "+ {{.A}} after hours", map[string]any{"A": duration.Minutes(t.AfterHours)})
	}
	v.sitting.detail.SetText(detail)

	// breaks
	b := t.Breaks
	v.breaks.setValue(lang.XN("stats.win.taken", "{{.N}} taken", b.Taken(), map[string]any{"N": b.Taken()}))
	v.breaks.detail.SetText(lang.X("stats.win.breaks_detail",
		"{{.Done}} · {{.Natural}} · {{.Short}}\n{{.Skipped}} · {{.Snoozed}}",
		b.Words()))
	// What was paid back is named once something was: "0 min paid back"
	// read like a reproach for nothing.
	switch {
	case t.Debt > 0 && t.Repaid > 0:
		v.breaks.detail.SetText(v.breaks.detail.Text + "\n" + lang.X("stats.win.debt_today", "break debt {{.D}}, {{.P}} paid back", map[string]any{
			"D": duration.Debt(t.Debt), "P": duration.Debt(t.Repaid)}))
	case t.Debt > 0:
		v.breaks.detail.SetText(v.breaks.detail.Text + "\n" + lang.X("stats.win.debt_only", "break debt {{.D}}", map[string]any{"D": duration.Debt(t.Debt)}))
	}

	// water
	if g.Glasses > 0 {
		v.water.setValue(fmt.Sprintf("%d / %d", t.Glasses, g.Glasses))
		v.water.detail.SetText(lang.XN("stats.win.glasses_goal", "glasses of your daily {{.Goal}}", t.Glasses, map[string]any{"Goal": g.Glasses, "N": t.Glasses}))
		v.water.bar.Max = 1
		v.water.bar.SetValue(min(1, float64(t.Glasses)/float64(g.Glasses)))
		v.water.bar.Show()
	} else {
		v.water.setValue(strconv.Itoa(t.Glasses))
		v.water.detail.SetText(lang.XN("stats.win.glasses", "glasses today", t.Glasses, map[string]any{"N": t.Glasses}))
		v.water.bar.Hide()
	}

	// streak
	v.streak.setValue(lang.XN("stats.win.streak_days", "{{.N}} days", st.Streak, map[string]any{"N": st.Streak}))
	sd := lang.X("stats.win.streak_detail", "in a row meeting your goals")
	if t.Active && !t.Met {
		sd += "\n" + lang.X("stats.win.streak_today", "today not yet")
	}
	v.streak.detail.SetText(sd)

	// sitting per day
	n := len(st.Days)
	v.sittingTitle.SetText(lang.XN("stats.win.sitting_per_day", "Sitting per day, last {{.N}} days", n, map[string]any{"N": n}))
	v.sittingChart.Limit = g.DailyLimit.Hours()
	v.sittingChart.LimitLabel = ""
	if g.DailyLimit > 0 {
		v.sittingChart.LimitLabel = lang.X("stats.win.limit_line", "limit {{.L}}", map[string]any{"L": duration.Minutes(g.DailyLimit)})
	}
	bars := make([]bar, n)
	gbars := make([]bar, n)
	dbars := make([]bar, n)
	for i, d := range st.Days {
		short := strconv.Itoa(d.Start.Day())
		label := i18n.WeekdayShort(d.Start.Weekday()) + " " + short
		last := i == n-1
		bars[i] = bar{Value: d.Sitting.Hours(), Extra: d.AfterHours.Hours(), Label: label, Short: short, Dim: !d.Active, Strong: last}
		gbars[i] = bar{Value: float64(d.Glasses), Label: label, Short: short, Dim: !d.Active, Strong: last}
		repaid := min(d.Repaid, d.Debt)
		dbars[i] = bar{Value: repaid.Minutes(), Extra: (d.Debt - repaid).Minutes(), Label: label, Short: short, Dim: !d.Active, Strong: last}
	}
	v.sittingChart.setBars(bars)

	// glasses per day
	v.glassTitle.SetText(lang.X("stats.win.glasses_per_day", "Glasses of water per day"))
	v.glassChart.Limit = float64(g.Glasses)
	v.glassChart.LimitLabel = ""
	if g.Glasses > 0 {
		v.glassChart.LimitLabel = lang.X("stats.win.goal_line", "goal {{.G}}", map[string]any{"G": g.Glasses})
	}
	v.glassChart.setBars(gbars)

	// break debt per day
	v.debtTitle.SetText(lang.X("stats.win.debt_per_day", "Break debt per day, minutes"))
	v.debtChart.setBars(dbars)

	// compliance per kind
	rows := make([]shareRow, 0, len(st.Kinds))
	for _, ks := range st.Kinds {
		sh, has := ks.Share()
		rows = append(rows, shareRow{Name: kinds.Label(ks.Kind), Share: sh, Has: has, Detail: lang.X("stats.win.kind_counts",
			"{{.Done}} · {{.Natural}} · {{.Short}} · {{.Skipped}} · {{.Closed}} · {{.Snoozed}}",
			ks.Words())})
	}
	v.kinds.setRows(rows)

	foot := lang.X("stats.win.updated", "Updated {{.T}}. Days start at {{.S}}. After-hours sitting does not count toward the limit.",
		map[string]any{"T": st.At.Format("15:04"), "S": time.Time{}.Add(g.DayStart).Format("15:04")})
	if note != "" {
		foot = note + ". " + foot
	}
	v.footer.SetText(foot)
}

// setTip shows a tip card (advice that cannot be done on a break) above
// the footer: its title and steps in one line.
func (v *view) setTip(c cards.Card) {
	c = c.Local()
	v.tip.SetText(lang.X("stats.win.tip", "Tip · {{.Title}}: {{.Steps}}", map[string]any{"Title": c.Title, "Steps": strings.Join(c.Steps, " ")}))
	v.tip.Show()
}
