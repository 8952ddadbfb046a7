package statswin

import (
	"bytes"
	"context"
	"errors"
	"image/color"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/schedule"
)

// fixture is a fortnight: weekdays of 6-9 h sitting, today 3 h.
func fixture() history.Stats {
	today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	st := history.Stats{
		At:     today.Add(15 * time.Hour),
		Goals:  history.Goals{DailyLimit: 8 * time.Hour, Glasses: 8},
		Streak: 3,
	}
	for i := 13; i >= 0; i-- {
		d := history.Day{Start: today.AddDate(0, 0, -i), Date: today.AddDate(0, 0, -i).Format("2006-01-02")}
		if wd := d.Start.Weekday(); wd != time.Saturday && wd != time.Sunday {
			d.Active = true
			d.Sitting = time.Duration(6+i%4) * time.Hour
			d.Glasses = 4 + i%6
			d.Breaks = history.Counts{Done: 20, Natural: 5, Skipped: 3}
		}
		st.Days = append(st.Days, d)
	}
	st.Days[13].Sitting = 3 * time.Hour
	st.Days[13].AfterHours = 40 * time.Minute
	st.Today = st.Days[13]
	for _, k := range schedule.AllKinds() {
		st.Kinds = append(st.Kinds, history.KindStats{Kind: k, Counts: history.Counts{Done: 9, Natural: 1, Skipped: 2, Snoozed: 1}})
	}
	st.Kinds[3].Counts = history.Counts{} // no stretch breaks yet
	return st
}

func richText(r *widget.RichText) string { return r.String() }

func TestViewShowsToday(t *testing.T) {
	test.NewTempApp(t)
	v := newView(14)
	w := test.NewTempWindow(t, v.root)
	w.Resize(fyne.NewSize(960, 700))
	v.set(fixture(), "")

	if got := richText(v.sitting.value); got != "3 h" {
		t.Errorf("sitting tile %q", got)
	}
	if !strings.Contains(v.sitting.detail.Text, "of 8 h limit") || !strings.Contains(v.sitting.detail.Text, "40 min after hours") {
		t.Errorf("sitting detail %q", v.sitting.detail.Text)
	}
	if v.sitting.bar.Value != 3.0/8 {
		t.Errorf("sitting bar %v", v.sitting.bar.Value)
	}
	if got := richText(v.water.value); got != "4 / 8" {
		t.Errorf("water tile %q", got)
	}
	if got := richText(v.breaks.value); got != "25 taken" {
		t.Errorf("breaks tile %q", got)
	}
	if got := richText(v.streak.value); got != "3 days" {
		t.Errorf("streak tile %q", got)
	}
	if len(v.sittingChart.bars) != 14 || v.sittingChart.Limit != 8 || v.sittingChart.LimitLabel != "limit 8 h" {
		t.Errorf("sitting chart: %d bars, limit %v %q", len(v.sittingChart.bars), v.sittingChart.Limit, v.sittingChart.LimitLabel)
	}
	if !v.body.Visible() || v.message.Visible() {
		t.Error("figures hidden after set")
	}
	if len(v.kinds.rows) != len(schedule.AllKinds()) || v.kinds.rows[3].Has || v.kinds.rows[0].Share != 10.0/12 {
		t.Errorf("kind rows %+v", v.kinds.rows)
	}
}

func TestViewWithoutGoals(t *testing.T) {
	test.NewTempApp(t)
	v := newView(14)
	test.NewTempWindow(t, v.root)
	st := fixture()
	st.Goals = history.Goals{}
	v.set(st, "from a file")
	if v.sitting.bar.Visible() || v.water.bar.Visible() {
		t.Error("progress bars shown with no goals set")
	}
	if v.sittingChart.Limit != 0 || v.glassChart.Limit != 0 {
		t.Error("limit lines drawn with no goals set")
	}
	if !strings.HasPrefix(v.footer.Text, "from a file") {
		t.Errorf("footer %q does not say where the figures came from", v.footer.Text)
	}
}

func TestViewMessages(t *testing.T) {
	test.NewTempApp(t)
	v := newView(14)
	test.NewTempWindow(t, v.root)
	v.showError(history.ErrNoHistory)
	if !v.message.Visible() || v.body.Visible() || !strings.Contains(v.message.Text, "Nothing recorded yet") {
		t.Errorf("no history: %q", v.message.Text)
	}
	v.showError(errors.New("disk on fire"))
	if !strings.Contains(v.message.Text, "disk on fire") {
		t.Errorf("error: %q", v.message.Text)
	}
	v.set(fixture(), "")
	if v.message.Visible() {
		t.Error("message still shown after figures arrived")
	}
}

func TestDaysChoiceReloads(t *testing.T) {
	test.NewTempApp(t)
	v := newView(14)
	test.NewTempWindow(t, v.root)
	calls := 0
	v.onDaysChanged = func() { calls++ }
	v.daysChoice.SetSelected(daysOption(30))
	if v.wantDays() != 30 || calls != 1 {
		t.Errorf("after choosing 30 days: want %d, %d reloads", v.wantDays(), calls)
	}
}

// rects returns the chart's rectangles of colour c.
func rects(r *chartRenderer, c color.Color) []*canvas.Rectangle {
	var out []*canvas.Rectangle
	for _, o := range r.objs {
		if rc, ok := o.(*canvas.Rectangle); ok && rc.FillColor == c {
			out = append(out, rc)
		}
	}
	return out
}

func TestBarChartGeometry(t *testing.T) {
	test.NewTempApp(t)
	c := newBarChart()
	c.OverIsBad = true
	c.Limit = 8
	c.Step = hourStep
	c.setBars([]bar{{Value: 4, Label: "a"}, {Value: 10, Label: "b"}, {Value: 6, Extra: 2, Label: "c", Strong: true}})
	r := test.WidgetRenderer(c).(*chartRenderer)
	r.Layout(fyne.NewSize(400, 200))

	if r.top < 10 {
		t.Fatalf("axis top %v below the highest bar", r.top)
	}
	base := r.plot.Y + r.plotSz.Height
	hOf := func(v float64) float32 { return float32(v/r.top) * r.plotSz.Height }
	near := func(a, b float32) bool { return a-b < 0.5 && b-a < 0.5 }
	if want := base - hOf(8); !near(r.limitY, want) {
		t.Errorf("limit line at %v, want %v", r.limitY, want)
	}
	primary := theme.Color(theme.ColorNamePrimary)
	blue := rects(r, primary)
	if len(blue) != 3 {
		t.Fatalf("%d primary bars, want 3", len(blue))
	}
	if !near(blue[0].Size().Height, hOf(4)) || !near(blue[1].Size().Height, hOf(8)) {
		t.Errorf("bar heights %v, %v; want %v, %v", blue[0].Size().Height, blue[1].Size().Height, hOf(4), hOf(8))
	}
	red := rects(r, theme.Color(theme.ColorNameError))
	if len(red) != 1 || !near(red[0].Size().Height, hOf(2)) || !near(red[0].Position().Y+red[0].Size().Height, r.limitY) {
		t.Errorf("over-limit part: %d rects", len(red))
	}
	soft := rects(r, withAlpha(primary, 0.4))
	if len(soft) != 1 || !near(soft[0].Size().Height, hOf(2)) {
		t.Errorf("after-hours part: %d rects", len(soft))
	}
}

func TestBarChartLabelsDoNotOverlap(t *testing.T) {
	test.NewTempApp(t)
	c := newBarChart()
	var bs []bar
	for i := 1; i <= 30; i++ {
		bs = append(bs, bar{Value: float64(i % 9), Label: "Mon " + itoa(i), Short: itoa(i), Strong: i == 30})
	}
	c.setBars(bs)
	r := test.WidgetRenderer(c).(*chartRenderer)
	for _, width := range []float32{250, 480, 960} {
		r.Layout(fyne.NewSize(width, 200))
		var labels []*canvas.Text
		for _, o := range r.objs {
			if tx, ok := o.(*canvas.Text); ok && tx.Position().Y > r.plot.Y+r.plotSz.Height {
				labels = append(labels, tx)
			}
		}
		if len(labels) == 0 || labels[len(labels)-1].Text != "30" && labels[len(labels)-1].Text != "Mon 30" {
			t.Errorf("width %v: today is not labelled (%d labels)", width, len(labels))
			continue
		}
		for i := 1; i < len(labels); i++ {
			a, b := labels[i-1], labels[i]
			wa := fyne.MeasureText(a.Text, a.TextSize, a.TextStyle).Width
			wb := fyne.MeasureText(b.Text, b.TextSize, b.TextStyle).Width
			endA := a.Position().X + a.Size().Width/2 + wa/2
			startB := b.Position().X + b.Size().Width/2 - wb/2
			if endA > startB {
				t.Errorf("width %v: labels %q and %q overlap", width, a.Text, b.Text)
			}
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestSteps(t *testing.T) {
	for maxV, want := range map[float64]float64{4: 1, 10: 2, 12: 5, 45: 10, 0.5: 1} {
		if got := niceStep(maxV); got != want {
			t.Errorf("niceStep(%v) = %v, want %v", maxV, got, want)
		}
	}
	for maxH, want := range map[float64]float64{2: 0.5, 5: 1, 9: 2, 20: 4} {
		if got := hourStep(maxH); got != want {
			t.Errorf("hourStep(%v) = %v, want %v", maxH, got, want)
		}
	}
}

type fakeCaller struct {
	err   error
	calls []string
}

func (f *fakeCaller) Stats(_ context.Context, days int) (history.Stats, error) {
	f.calls = append(f.calls, "stats")
	if f.err != nil {
		return history.Stats{}, f.err
	}
	return fixture(), nil
}

func TestSources(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	// a daemon that answers is used
	if _, ok := pickSource(&fakeCaller{}, "").(*ipcSource); !ok {
		t.Error("a working daemon was not used")
	}
	// one that does not: the file, which does not exist yet
	src := pickSource(&fakeCaller{err: errors.New("limber is not running")}, "")
	if _, ok := src.(*fileSource); !ok {
		t.Fatalf("fallback source is %T", src)
	}
	if _, err := src.stats(14); !errors.Is(err, history.ErrNoHistory) {
		t.Errorf("missing file: %v", err)
	}
	if _, ok := pickSource(nil, "").(*fileSource); !ok {
		t.Error("no caller: not the file")
	}
	// --db reads that file, with the goals the daemon stored
	db := filepath.Join(t.TempDir(), "h.db")
	s, err := history.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := s.SetGoals(history.Goals{Glasses: 5}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordGlass(now, history.SourceTray); err != nil {
		t.Fatal(err)
	}
	s.Close()
	src = pickSource(&fakeCaller{}, db)
	defer src.close()
	st, err := src.stats(14)
	if err != nil {
		t.Fatal(err)
	}
	if st.Today.Glasses != 1 || st.Goals.Glasses != 5 || len(st.Days) != 14 {
		t.Errorf("from file: glasses %d goal %d days %d", st.Today.Glasses, st.Goals.Glasses, len(st.Days))
	}
	if !strings.Contains(src.describe(), db) {
		t.Errorf("describe %q does not name the file", src.describe())
	}
}

func TestTildePath(t *testing.T) {
	t.Setenv("HOME", "/home/ada")
	for in, want := range map[string]string{
		"/home/ada/.local/share/limber/history.db": "~/.local/share/limber/history.db",
		"/home/adam/history.db":                    "/home/adam/history.db",
		"/tmp/h.db":                                "/tmp/h.db",
	} {
		if got := tildePath(in); got != want {
			t.Errorf("tildePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRunRejectsBadOptions(t *testing.T) {
	for _, args := range [][]string{{"--days", "3"}, {"--days", "x"}, {"extra"}, {"--nope"}} {
		var b bytes.Buffer
		if code := run(args, nil, &b); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}

// The charts take their colours from the theme at each refresh, so they
// read well in light and dark and follow a switch between them.
func TestChartsFollowTheTheme(t *testing.T) {
	a := test.NewTempApp(t)
	v := newView(14)
	w := test.NewTempWindow(t, v.root)
	w.Resize(fyne.NewSize(960, 700))
	for _, th := range []fyne.Theme{theme.LightTheme(), theme.DarkTheme()} {
		a.Settings().SetTheme(th)
		v.set(fixture(), "")
		r := test.WidgetRenderer(v.sittingChart).(*chartRenderer)
		r.Layout(fyne.NewSize(900, 300))
		primary := th.Color(theme.ColorNamePrimary, a.Settings().ThemeVariant())
		fg := th.Color(theme.ColorNameForeground, a.Settings().ThemeVariant())
		if len(rects(r, primary)) == 0 {
			t.Errorf("%T: no bar in the theme's primary colour", th)
		}
		found := false
		for _, o := range r.objs {
			if tx, ok := o.(*canvas.Text); ok && tx.Text == "limit 8 h" && tx.Color == fg {
				found = true
			}
		}
		if !found {
			t.Errorf("%T: the limit label is not in the theme's foreground colour", th)
		}
	}
}

func TestTipInFooter(t *testing.T) {
	test.NewTempApp(t)
	v := newView(14)
	if v.tip.Visible() {
		t.Error("no tip set, yet the tip line shows")
	}
	tip, ok := cards.TipOfDay(cards.Builtin(), time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	if !ok {
		t.Fatal("no tip in the built-in cards")
	}
	v.setTip(tip)
	if !v.tip.Visible() || !strings.Contains(v.tip.Text, tip.Title) || !strings.Contains(v.tip.Text, tip.Steps[0]) {
		t.Errorf("tip line %q does not show %s", v.tip.Text, tip.ID)
	}
}

// TestViewShowsDebtPerDay: each day's break debt is a bar (paid back, and
// the rest on top), and today's is named on the breaks tile.
func TestViewShowsDebtPerDay(t *testing.T) {
	test.NewTempApp(t)
	v := newView(14)
	test.NewTempWindow(t, v.root)
	st := fixture()
	st.Days[12].Debt, st.Days[12].Repaid = 6*time.Minute, 2*time.Minute
	st.Days[13].Debt, st.Days[13].Repaid = 90*time.Second, 0
	st.Today = st.Days[13]
	v.set(st, "")
	if len(v.debtChart.bars) != 14 {
		t.Fatalf("%d debt bars", len(v.debtChart.bars))
	}
	if b := v.debtChart.bars[12]; b.Value != 2 || b.Extra != 4 {
		t.Errorf("yesterday's debt bar %+v, want 2 min paid back and 4 left", b)
	}
	if b := v.debtChart.bars[0]; b.Value != 0 || b.Extra != 0 {
		t.Errorf("a day without debt: %+v", b)
	}
	if !strings.Contains(v.breaks.detail.Text, "break debt 2 min") || strings.Contains(v.breaks.detail.Text, "paid back") {
		t.Errorf("breaks tile %q does not name today's debt alone (nothing was paid back)", v.breaks.detail.Text)
	}
	st.Today.Repaid = time.Minute
	v.set(st, "")
	if !strings.Contains(v.breaks.detail.Text, "break debt 2 min, 1 min paid back") {
		t.Errorf("breaks tile %q does not say what was paid back", v.breaks.detail.Text)
	}
	v.set(fixture(), "")
	if strings.Contains(v.breaks.detail.Text, "debt") {
		t.Errorf("breaks tile %q names a debt on a day without one", v.breaks.detail.Text)
	}
}
