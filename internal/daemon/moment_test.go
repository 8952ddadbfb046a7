package daemon

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/notify"
	"github.com/limber-app/limber/internal/schedule"
)

// lastNote returns the last notification whose title has prefix.
func (h *harness) lastNote(prefix string) (notify.Message, bool) {
	sent := h.notes.Sent()
	for i := len(sent) - 1; i >= 0; i-- {
		if strings.HasPrefix(sent[i].Title, prefix) {
			return sent[i], true
		}
	}
	return notify.Message{}, false
}

func (h *harness) outcomes() string {
	var out []string
	for _, b := range h.journal(history.TypeBreak) {
		out = append(out, b.Kind+" "+b.Outcome)
	}
	return strings.Join(out, ", ")
}

// The warning's Postpone action postpones the stretch from the
// notification, on the loop.
func TestWarningActions(t *testing.T) {
	h := newHarness(t)
	h.w.advance(h.d, 29*time.Minute+40*time.Second, true)
	n, ok := h.lastNote("Stretch in 30 s")
	if !ok || len(n.Actions) != 3 {
		t.Fatalf("no warning with actions: %+v", h.notes.Sent())
	}
	if !h.notes.Invoke("postpone") {
		t.Fatal("no postpone action")
	}
	for _, b := range h.status().Breaks {
		if b.Kind == "stretch" && b.RemainingSeconds < 5*60 {
			t.Errorf("stretch not postponed: %+v", b)
		}
	}
}

// The water notification's "I drank a glass" logs the glass and takes the
// water break.
func TestWaterNotificationAction(t *testing.T) {
	h := newHarness(t)
	h.w.advance(h.d, 32*time.Minute, true)
	if err := h.raw("break_result", `{"kind":"stretch","outcome":"done","elapsed_seconds":90}`); err != nil {
		t.Fatal(err)
	}
	h.w.advance(h.d, 15*time.Minute, true)
	n, ok := h.lastNote("Time for a break: Drink water")
	if !ok {
		t.Fatalf("no water notification: %+v", h.notes.Sent())
	}
	if n.Actions[0].Label != "I drank a glass" || !strings.Contains(n.Body, "glass") {
		t.Errorf("water notification %+v", n)
	}
	h.notes.Invoke("done")
	st := h.status()
	if st.Glasses != 1 {
		t.Errorf("%d glasses", st.Glasses)
	}
	if got := h.outcomes(); !strings.Contains(got, "hydration done") {
		t.Errorf("journal: %s", got)
	}
}

// `break now` for the kind on screen does nothing and says so; so does a
// smaller break the card covers (posture in a stretch), naming the asked
// break; one it does not cover (a drink) comes as a notification beside
// the card; a bigger break replaces a smaller card.
func TestBreakNowWhileACardIsOpen(t *testing.T) {
	h := newHarness(t)
	h.w.advance(h.d, time.Minute, true)
	ctx := context.Background()
	if _, err := h.c.BreakNow(ctx, "stretch"); err != nil {
		t.Fatal(err)
	}
	_, err := h.c.BreakNow(ctx, "stretch")
	var ae *api.Error
	if !errors.As(err, &ae) || ae.Code != api.CodeFailed || !strings.Contains(err.Error(), "already on screen") {
		t.Fatalf("second break now: %v", err)
	}
	if _, err := h.c.BreakNow(ctx, "posture"); err == nil || err.Error() != "Posture check: the Stretch break on screen includes this one; finish it first" {
		t.Fatalf("smaller break now under a stretch card: %v", err)
	}
	if rep, err := h.c.BreakNow(ctx, "hydration"); err != nil || rep.Replaced != "" {
		t.Fatalf("a drink under a stretch card: %+v %v; want it offered beside the card", rep, err)
	}
	water := false
	for _, n := range h.notes.Sent() {
		water = water || strings.Contains(n.Title, kinds.Label(schedule.Hydration))
	}
	if !water {
		t.Errorf("no water notification beside the stretch card: %+v", h.notes.Sent())
	}
	h.d.do(func() {
		if h.d.card == nil || h.d.card.kind != schedule.Stretch {
			t.Errorf("the stretch card was closed for a drink: %+v", h.d.card)
		}
	})
	rep, err := h.c.BreakNow(ctx, "movement")
	if err != nil || rep.Replaced != "stretch" {
		t.Fatalf("movement over stretch: %+v %v", rep, err)
	}
	h.w.mu.Lock()
	last := h.w.launched[len(h.w.launched)-1]
	h.w.mu.Unlock()
	if last[2] != "movement" || !strings.Contains(strings.Join(last, " "), "--also hydration,stretch") {
		t.Errorf("the movement card %v does not carry the stretch", last)
	}
}

// Done after a fifth of the break is short, not done.
func TestDoneTooSoonIsShort(t *testing.T) {
	h := newHarness(t)
	h.w.advance(h.d, time.Minute, true)
	if _, err := h.c.BreakNow(context.Background(), "stretch"); err != nil {
		t.Fatal(err)
	}
	if err := h.raw("break_result", `{"kind":"stretch","outcome":"done","elapsed_seconds":18}`); err != nil {
		t.Fatal(err)
	}
	if got := h.outcomes(); got != "stretch short" {
		t.Errorf("journal: %s", got)
	}
	for _, b := range h.status().Breaks {
		if b.Kind == "stretch" && b.Due {
			t.Error("a short break stays due")
		}
	}
}

// The first start (settings just written) opens the welcome window once,
// and stopping the daemon closes it.
func TestFirstRunWelcome(t *testing.T) {
	w := &world{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)}
	d := New(Options{Source: w, Now: w.Now, Launch: w.launch, FirstRun: true, Notifier: &notify.Recorder{}})
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { d.loop(ctx, nil); close(stopped) }()
	d.Tick()
	cancel()
	<-stopped
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.launched) != 1 || w.launched[0][0] != "welcome" {
		t.Fatalf("launched %v, want the welcome window once", w.launched)
	}
	select {
	case <-w.windows[0].done:
	default:
		t.Error("the welcome window outlived the daemon")
	}
}

// A break whose own notification is up is not repeated in the next one's
// "Also:" (break now posture, then water); once it is answered, a later
// break that carries it names it again.
func TestNotificationDoesNotRepeatOneOnScreen(t *testing.T) {
	h := newHarness(t)
	h.w.advance(h.d, time.Minute, true)
	ctx := context.Background()
	if _, err := h.c.BreakNow(ctx, "posture"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.c.BreakNow(ctx, "hydration"); err != nil {
		t.Fatal(err)
	}
	also := kinds.Also(schedule.Posture)
	sent := h.notes.Sent()
	if len(sent) < 2 || !strings.Contains(sent[len(sent)-2].Body, also) && !strings.Contains(sent[len(sent)-2].Title, kinds.Label(schedule.Posture)) {
		t.Fatalf("no posture notification first: %+v", sent)
	}
	if last := sent[len(sent)-1]; strings.Contains(last.Body, also) {
		t.Errorf("the water notification repeats the posture advice on screen: %q", last.Body)
	}
}
