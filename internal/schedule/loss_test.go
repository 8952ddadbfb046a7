package schedule_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/schedule/sim"
)

// lossWatch checks that no break disappears: every time a kind stops
// counting (offered, held, notified or merged), before its track restarts
// it must have been shown (an EventDue for it, or naming it in With),
// credited (a natural break, or done with a bigger break that covers it),
// or acted on by the user by name.
type lossWatch struct {
	t     *testing.T
	s     *sim.Sim
	where string
	open  map[schedule.Kind]*lossEpisode
	// seen: kinds shown or credited since the last check.
	seen map[schedule.Kind]bool
}

type lossEpisode struct {
	reset  time.Time
	reason string
	stage  string
	shown  bool
}

func newLossWatch(t *testing.T, s *sim.Sim) *lossWatch {
	w := &lossWatch{t: t, s: s, open: map[schedule.Kind]*lossEpisode{}, seen: map[schedule.Kind]bool{}}
	s.OnObserve = func(_ schedule.Observation, ev []schedule.Event) {
		for _, e := range ev {
			w.mark(e)
		}
		w.check()
	}
	// Events of actions are checked at the next observation or step, once
	// all the action's events are in.
	s.OnEvent = w.mark
	return w
}

// mark notes what an event shows or credits.
func (w *lossWatch) mark(e schedule.Event) {
	var kinds []schedule.Kind
	switch e.Type {
	case schedule.EventDue:
		kinds = append([]schedule.Kind{e.Kind}, e.With...)
	case schedule.EventNatural, schedule.EventDone:
		// Credited: away long enough, or covered by a bigger break taken.
		kinds = []schedule.Kind{e.Kind}
	}
	for _, k := range kinds {
		w.seen[k] = true
	}
}

// acted: the user acted on kind by name (a command), so it was known.
func (w *lossWatch) acted(k schedule.Kind) {
	w.seen[k] = true
}

func (w *lossWatch) check() {
	for _, tr := range w.s.Sched.Snapshot().Tracks {
		ep := w.open[tr.Kind]
		if ep != nil && w.seen[tr.Kind] {
			ep.shown = true
		}
		if ep != nil && (!tr.LastReset.Equal(ep.reset) || tr.LastResetReason != ep.reason) {
			if !ep.shown {
				w.t.Errorf("%s: %s was %s, then restarted (%s) without being shown or credited", w.where, tr.Kind, ep.stage, tr.LastResetReason)
			}
			delete(w.open, tr.Kind)
			ep = nil
		}
		counting := tr.Stage == "idle" || tr.Stage == "warned"
		if ep == nil && tr.Enabled && !counting {
			w.open[tr.Kind] = &lossEpisode{reset: tr.LastReset, reason: tr.LastResetReason, stage: tr.Stage, shown: tr.Stage == "offered" || w.seen[tr.Kind]}
		}
	}
	clear(w.seen)
}

// TestNoSilentLossWeek: over the simulated week every break that came due
// reached the user or was credited.
func TestNoSilentLossWeek(t *testing.T) {
	src, err := os.ReadFile("testdata/week.script")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	s, err := sim.Parse(schedule.DefaultConfig(), lines[0]+"\n")
	if err != nil {
		// The first line may be a comment: find the start line.
		i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "start ") })
		if s, err = sim.Parse(schedule.DefaultConfig(), lines[i]+"\n"); err != nil {
			t.Fatal(err)
		}
		lines = lines[i+1:]
	} else {
		lines = lines[1:]
	}
	w := newLossWatch(t, s)
	merged := 0
	s.OnEvent = func(e schedule.Event) {
		w.mark(e)
		if e.Type == schedule.EventDue && len(e.With) > 0 {
			merged++
		}
	}
	for n, line := range lines {
		w.where = fmt.Sprintf("week.script line %q", line)
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if f := strings.Fields(line); len(f) > 0 && f[0] != "start" {
			if err := s.Step(f); err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
			w.check()
		}
	}
	if merged == 0 {
		t.Fatal("the week merged no break: the rule was not exercised")
	}
}

// TestNoSilentLossRandom replays random scripts (as TestProperties does).
func TestNoSilentLossRandom(t *testing.T) {
	seeds := 20
	if testing.Short() {
		seeds = 5
	}
	for seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(seed), 23))
			cfg := schedule.DefaultConfig()
			if seed%3 == 1 {
				cfg.HoldLimit = 2 * time.Minute
			}
			cmds, _ := randomScript(r, cfg.IdleAfter, 150)
			s, err := sim.Parse(cfg, "start 2026-03-02 08:00 +01:00\n")
			if err != nil {
				t.Fatal(err)
			}
			w := newLossWatch(t, s)
			for i, c := range cmds {
				w.where = fmt.Sprintf("seed %d step %d %q", seed, i, c)
				f := strings.Fields(c)
				switch f[0] {
				case "done", "skip", "snooze", "closed", "finish", "breaknow":
					w.acted(schedule.Kind(f[1]))
				}
				if err := s.Step(f); err != nil {
					t.Fatalf("%s: %v", w.where, err)
				}
				w.check()
			}
		})
	}
}
