package cardwin

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/schedule"
)

// TestNoSkipsLeft: with the day's skip budget spent the card has no Skip,
// says why, and names the extra time for the debt;
// Snooze, closing early and Done still work.
func TestNoSkipsLeft(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: 2*time.Minute + 15*time.Second, NoSkip: true, SkipsUsed: 3, Debt: 45 * time.Second}, "chest-opener")
	if h.w.skipBtn.Visible() {
		t.Error("Skip is shown with no skips left")
	}
	if !h.w.budget.Visible() {
		t.Fatal("the card does not say why Skip is gone")
	}
	want := "No skips left today (3 used)\n45 s longer than usual, to pay back your break debt"
	if got := h.w.budget.Text; got != want {
		t.Errorf("budget line %q, want %q", got, want)
	}
	if !h.w.snoozeBtn.Visible() {
		t.Error("Snooze is gone too")
	}
	h.advance(10 * time.Second)
	h.w.onSkip()
	if n := len(h.rec.results()); n != 0 {
		t.Fatalf("a skip got through with no skips left: %+v", h.rec.results())
	}
	h.w.onCloseRequested()
	if r := h.onlyResult(); r.Outcome != api.ClosedEarly || r.ElapsedSeconds != 10 {
		t.Errorf("closing: %+v, want closed early after 10 s", r)
	}
}

// TestBudgetLineOnlyWhenNeeded: with skips left and no debt the card is as
// before; strict mode does not blame the budget for a Skip it never has.
func TestBudgetLineOnlyWhenNeeded(t *testing.T) {
	h := newHarness(t, Options{Kind: schedule.Stretch, Length: time.Minute}, "chest-opener")
	if h.w.budget.Visible() || !h.w.skipBtn.Visible() {
		t.Errorf("plain card: budget line %v %q, skip %v", h.w.budget.Visible(), h.w.budget.Text, h.w.skipBtn.Visible())
	}
	test.Tap(h.w.skipBtn)
	if r := h.onlyResult(); r.Outcome != api.Skipped {
		t.Errorf("skip: %+v", r)
	}
	s := newHarness(t, Options{Kind: schedule.Stretch, Length: time.Minute, Strict: true, NoSkip: true}, "chest-opener")
	if s.w.budget.Visible() {
		t.Errorf("strict card shows %q", s.w.budget.Text)
	}
}

func TestBudgetArgs(t *testing.T) {
	o, _, _, err := parseArgs([]string{"--kind", "stretch", "--length", "2m15s", "--no-skip", "3", "--debt", "45s"})
	if err != nil || !o.NoSkip || o.SkipsUsed != 3 || o.Debt != 45*time.Second {
		t.Errorf("parsed %+v, %v", o, err)
	}
	if o, _, _, _ := parseArgs([]string{"--kind", "stretch"}); o.NoSkip {
		t.Error("NoSkip without --no-skip")
	}
	if _, _, _, err := parseArgs([]string{"--kind", "stretch", "--length", "1m", "--debt", "2m"}); err == nil {
		t.Error("--debt longer than --length accepted")
	}
}
