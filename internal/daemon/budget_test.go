package daemon

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/notify"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
)

// closeWindows ends every fake window, as each exits after its report,
// and waits until the daemon has seen its card window go (its watcher
// runs on its own goroutine; a break falling due before that would find
// the old card still open and wait for it).
func (h *harness) closeWindows(t *testing.T) {
	t.Helper()
	h.w.mu.Lock()
	for _, f := range h.w.windows {
		f.Kill()
	}
	h.w.mu.Unlock()
	deadline := time.Now().Add(5 * time.Second)
	for {
		var open bool
		h.d.do(func() { open = h.d.card != nil })
		if !open {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the daemon still has a card open 5 s after its window ended")
		}
		time.Sleep(time.Millisecond)
	}
}

// lastCard is the arguments of the last card window of kind opened.
func (w *world) lastCard(kind string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	card := ""
	for _, l := range w.launched {
		if l[0] == "card" && l[2] == kind {
			card = strings.Join(l, " ")
		}
	}
	return card
}

// TestSkipPastBudgetIsRefused: with a budget of one skip, the card's skip
// spends it; the next stretch card says Skip is gone (and comes longer by
// the debt), and a skip from the command line or a card is refused in
// words, as a refusal (not bad usage), changing nothing. A restart keeps
// the spent budget and the debt.
func TestSkipPastBudgetIsRefused(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	s := settings.Defaults()
	s.SkipBudget = 1
	s.Movement.Enabled = false // its hour would take the second stretch along
	if err := h.c.SetSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if st := h.status(); st.SkipsLeftToday != 1 || st.DebtSeconds["total"] != 0 || st.DebtSeconds["stretch"] != 0 {
		t.Fatalf("fresh day: skips left %d, debt %v", st.SkipsLeftToday, st.DebtSeconds)
	}
	h.w.advance(h.d, 32*time.Minute, true)
	if c := h.w.lastCard("stretch"); c == "" || strings.Contains(c, "--no-skip") {
		t.Fatalf("first stretch card %q: want one that may be skipped", c)
	}
	if err := h.c.ReportBreak(ctx, api.BreakResult{Kind: schedule.Stretch, Outcome: api.Skipped}); err != nil {
		t.Fatal(err)
	}
	h.closeWindows(t) // the card window exits once it has reported
	st := h.status()
	if st.SkipsLeftToday != 0 || st.SkipsUsedToday != 1 || st.DebtSeconds["stretch"] != 90 || st.DebtSeconds["total"] != 90 || st.DebtSeconds["movement"] != 0 {
		t.Fatalf("after one skip: left %d used %d, debt %v", st.SkipsLeftToday, st.SkipsUsedToday, st.DebtSeconds)
	}

	h.w.advance(h.d, 31*time.Minute, true)
	card := h.w.lastCard("stretch")
	if !strings.Contains(card, "--no-skip 1") || !strings.Contains(card, "--debt 45s") || !strings.Contains(card, "--length 2m15s") {
		t.Fatalf("second stretch card %q: want no Skip, with the reason, 45 s longer", card)
	}
	_, err := h.c.Skip(ctx, schedule.Stretch)
	if err == nil || api.IsUsage(err) || !strings.Contains(err.Error(), "No skips left today (1 used)") {
		t.Fatalf("limber skip past the budget: %v; want a refusal naming the budget", err)
	}
	err = h.c.ReportBreak(ctx, api.BreakResult{Kind: schedule.Stretch, Outcome: api.Skipped})
	var ae *api.Error
	if !errors.As(err, &ae) || ae.Code != api.CodeFailed {
		t.Fatalf("a card's skip past the budget: %v; want refused", err)
	}
	for _, b := range h.status().Breaks {
		if b.Kind == schedule.Stretch && !b.Due {
			t.Error("a refused skip ended the break")
		}
	}
	// A notification for the break offers no Skip either.
	h.d.do(func() {
		h.d.offerNotification(schedule.Event{Kind: schedule.Stretch, Duration: 2 * time.Minute}, "", "")
	})
	for _, n := range h.notes.Sent() {
		for _, a := range n.Actions {
			if strings.HasPrefix(n.Title, "Time for a break: Stretch") && a.Key == "skip" {
				t.Errorf("notification %q offers Skip past the budget", n.Title)
			}
		}
	}

	// Closing the card early owes the rest, and repays nothing.
	if err := h.c.ReportBreak(ctx, api.BreakResult{Kind: schedule.Stretch, Outcome: api.ClosedEarly, ElapsedSeconds: 30}); err != nil {
		t.Fatal(err)
	}
	if st := h.status(); st.DebtSeconds["stretch"] != 150 {
		t.Errorf("debt after closing early at 30 s: %v, want 150 s of stretch", st.DebtSeconds)
	}
	var debts []string
	for _, b := range h.journal(history.TypeBreak) {
		if b.Kind == "stretch" {
			debts = append(debts, b.Outcome)
		}
	}
	if err := h.hist().Flush(); err != nil {
		t.Fatal(err)
	}
	d2 := New(Options{Source: h.w, Now: h.w.Now, History: h.jr, Settings: h.cfg, Notifier: &notify.Recorder{}})
	if after := d2.status(false); after.SkipsLeftToday != 0 || after.DebtSeconds["stretch"] != 150 {
		t.Errorf("after a restart: skips left %d, debt %v (journal: %v)", after.SkipsLeftToday, after.DebtSeconds, debts)
	}
}
