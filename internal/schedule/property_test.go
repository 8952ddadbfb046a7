package schedule_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/schedule/sim"
)

// randomScript returns a random but plausible stretch of a working life,
// one command per element, and for each element the most sitting it may
// credit (input segments in full, others at most IdleAfter, which counts
// as work, and nothing for sleep or clock changes).
func randomScript(r *rand.Rand, idleAfter time.Duration, steps int) (cmds []string, credit []time.Duration) {
	dur := func(lo, hi time.Duration) time.Duration {
		return (lo + time.Duration(r.Int64N(int64(hi-lo)))).Truncate(time.Second) + time.Second
	}
	kinds := schedule.AllKinds()
	for range steps {
		var c string
		var cr time.Duration
		switch r.IntN(20) {
		case 0, 1, 2, 3, 4:
			d := dur(time.Second, 40*time.Minute)
			c, cr = "type "+d.String(), d
		case 5, 6:
			d := dur(time.Second, 3*time.Minute)
			c, cr = "read "+d.String(), min(d, idleAfter)
		case 7, 8:
			d := dur(time.Second, 2*time.Hour)
			c, cr = "away "+d.String(), min(d, idleAfter)
		case 9:
			d := dur(time.Second, 30*time.Minute)
			c, cr = "lock "+d.String(), 0
		case 10:
			d := dur(time.Minute, time.Hour)
			c, cr = "present "+d.String(), d
		case 11:
			d := dur(time.Minute, 20*time.Minute)
			c, cr = "nosource "+d.String(), d
		case 12:
			c = "bump"
		case 13:
			c = "suspend " + dur(time.Minute, 16*time.Hour).String()
		case 14:
			d := dur(3*time.Minute, 30*time.Minute)
			c, cr = "stall "+d.String(), 0
		case 15:
			sign := "+"
			if r.IntN(2) == 0 {
				sign = "-"
			}
			c = "jump " + sign + dur(time.Minute, 3*time.Hour).String()
		case 16:
			c = fmt.Sprintf("tz %+03d:00", r.IntN(25)-12)
		case 17:
			c = []string{"pause 20m", "pause", "resume", "pause tomorrow"}[r.IntN(4)]
		case 18:
			k := kinds[r.IntN(len(kinds))]
			c = []string{"done ", "skip ", "snooze ", "breaknow ", "closed "}[r.IntN(5)] + string(k)
		case 19:
			c = []string{"auto done", "auto skip", "auto snooze", "auto off", "poll 1s", "poll 7s", "poll next", "boot off", "boot on"}[r.IntN(9)]
		}
		cmds, credit = append(cmds, c), append(credit, cr)
	}
	return cmds, credit
}

// TestProperties replays seeded random scripts and checks, at every
// observation: no warning or due while the user is away or idle; at most
// one due per observation; no due in the observation that reports a sleep
// gap; and overall that no second of sitting is counted twice.
func TestProperties(t *testing.T) {
	seeds := 60
	if testing.Short() {
		seeds = 10
	}
	for seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(seed), 7))
			cfg := schedule.DefaultConfig()
			if seed%3 == 1 {
				cfg.Cycle = &schedule.Cycle{Sit: 20 * time.Minute, Stand: 8 * time.Minute, Move: 2 * time.Minute}
			}
			if seed%4 == 2 {
				cfg.WorkingHours = func(t time.Time) bool { return t.Hour() >= 8 && t.Hour() < 18 }
			}
			if seed%5 == 3 { // an unusual but valid configuration
				cfg.ActiveAfter = 0
				cfg.HoldLimit = time.Minute
				cfg.Strict = seed%2 == 0
				cfg.MaxSkips, cfg.MaxSnoozes = 1, 0
				cfg.Tracks[1].Natural = 5 * time.Minute
				cfg.Tracks[2].Enabled = false
				cfg.DailyLimitStep = 0
			}
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			cmds, credit := randomScript(r, cfg.IdleAfter, 120)
			s, err := sim.Parse(cfg, "start 2026-03-02 08:00 +01:00\n")
			if err != nil {
				t.Fatal(err)
			}
			var (
				counted, lastSum time.Duration
				prevPresent      bool
				where            string
			)
			s.OnObserve = func(o schedule.Observation, ev []schedule.Event) {
				idle := o.Away || (!o.PresentNoInput && !o.NoSource && o.Idle >= cfg.IdleAfter && !prevPresent)
				dues, gap := 0, false
				for _, e := range ev {
					switch e.Type {
					case schedule.EventDue:
						dues++
					case schedule.EventSuspendGap:
						gap = true
					}
				}
				for _, e := range ev {
					if (e.Type == schedule.EventDue || e.Type == schedule.EventWarn) && (idle || gap) {
						t.Errorf("%s: %s %s fired while away (idle %v, away %v, gap %v)", where, e.Type, e.Kind, o.Idle, o.Away, gap)
					}
				}
				if dues > 1 {
					t.Errorf("%s: %d dues in one observation: %v", where, dues, ev)
				}
				if nc := s.Sched.NextCheck(); nc < schedule.ShortCheck || nc > schedule.LongCheck {
					t.Errorf("%s: NextCheck %v out of range", where, nc)
				}
				prevPresent = o.PresentNoInput && !o.Away
				_, today, after := s.Sched.Sitting()
				sum := today + after
				if sum < lastSum { // a new day
					counted += sum
				} else {
					counted += sum - lastSum
				}
				lastSum = sum
			}
			var allowed time.Duration
			for i, c := range cmds {
				where = fmt.Sprintf("step %d %q", i, c)
				if err := s.Step(strings.Fields(c)); err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				allowed += credit[i]
				// Sitting credited so far, plus what the core has not
				// assigned yet (since the last input, < IdleAfter).
				if counted > allowed+cfg.IdleAfter {
					t.Fatalf("%s: counted %v of sitting, at most %v happened\nscript:\n%s", where, counted, allowed, strings.Join(cmds[:i+1], "\n"))
				}
			}
		})
	}
}
