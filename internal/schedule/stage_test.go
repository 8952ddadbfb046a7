package schedule_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/schedule/sim"
)

// legalStages is the stage model: every stage a track may move to from
// each stage (see stage.go). "due" is passed through within one
// observation and is never seen from outside.
var legalStages = map[string][]string{
	"idle":     {"idle", "warned", "due", "offered"},
	"warned":   {"idle", "due", "offered"},
	"due":      {"offered", "held", "merged"},
	"offered":  {"idle", "warned", "offered", "taking", "merged"},
	"taking":   {"idle", "warned", "offered", "merged"},
	"held":     {"idle", "warned", "offered", "notified", "merged"},
	"notified": {"idle", "warned", "offered", "merged"},
	"merged":   {"idle", "warned", "offered"},
}

func TestStageNamesCovered(t *testing.T) {
	names := schedule.StageNames()
	if len(names) != len(legalStages) {
		t.Fatalf("stages %v, the table knows %d", names, len(legalStages))
	}
	for _, n := range names {
		if _, ok := legalStages[n]; !ok {
			t.Errorf("stage %q missing from the table", n)
		}
	}
}

// traceLegal makes every stage change of s's tracks checked against the
// stage model; where says where the test is.
func traceLegal(t *testing.T, s *schedule.Scheduler, where *string) {
	t.Helper()
	schedule.TraceStages(s, func(k schedule.Kind, from, to string) {
		if !slices.Contains(legalStages[from], to) {
			t.Errorf("%s: %s went %s → %s, not in the stage model", *where, k, from, to)
		}
	})
}

func stageOf(s *schedule.Scheduler, k schedule.Kind) string {
	for _, tr := range s.Snapshot().Tracks {
		if tr.Kind == k {
			return tr.Stage
		}
	}
	return "?"
}

// Sim commands for the table; "reach KIND STAGE [present]" types (or is
// present) one second at a time until KIND is in STAGE.
func play(t *testing.T, s *sim.Sim, cmds ...string) {
	t.Helper()
	for _, c := range cmds {
		f := strings.Fields(c)
		if f[0] != "reach" {
			if err := s.Step(f); err != nil {
				t.Fatalf("%q: %v", c, err)
			}
			continue
		}
		step := []string{"type", "1s"}
		if len(f) > 3 && f[3] == "present" {
			step[0] = "present"
		}
		for n := 0; stageOf(s.Sched, schedule.Kind(f[1])) != f[2]; n++ {
			if n > 4*3600 {
				t.Fatalf("%q: %s never reached %s", c, f[1], f[2])
			}
			if err := s.Step(step); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// act calls a Scheduler method the script language has no command for.
type act func(s *sim.Sim) error

// TestStageTransitions: stage × input → stage, one row per transition of
// the model, driven through the public API.
func TestStageTransitions(t *testing.T) {
	postpone := func(k schedule.Kind, d time.Duration) act {
		return func(s *sim.Sim) error { _, err := s.Sched.Postpone(k, d, s.Clock.Wall()); return err }
	}
	sameConfig := func(s *sim.Sim) error { _, err := s.Sched.SetConfig(s.Sched.Config(), s.Clock.Wall()); return err }
	holdLimit := func(c *schedule.Config) { c.HoldLimit = 2 * time.Minute }
	withWater := func(c *schedule.Config) { // water due with stretch, merged into it
		c.Tracks = append(c.Tracks, schedule.Track{Kind: schedule.Hydration, Enabled: true, Interval: 30 * time.Minute, Length: 10 * time.Second, Natural: 5 * time.Minute})
	}
	const (
		P = schedule.Posture
		H = schedule.Hydration
		S = schedule.Stretch
	)
	tests := []struct {
		name       string
		cfg        func(c *schedule.Config)
		setup      []string
		kind       schedule.Kind
		from, want string
		input      []string
		call       act
	}{
		{name: "warning point", setup: []string{"type 29m"}, kind: S, from: "idle", input: []string{"type 45s"}, want: "warned"},
		{name: "due point after the warning", setup: []string{"reach stretch warned"}, kind: S, from: "warned", input: []string{"type 40s"}, want: "offered"},
		{name: "due point without a warning", setup: []string{"type 14m"}, kind: P, from: "idle", input: []string{"type 1m30s"}, want: "offered"},
		{name: "due while present", setup: []string{"reach stretch warned"}, kind: S, from: "warned", input: []string{"present 1m"}, want: "held"},
		{name: "held past the limit", cfg: holdLimit, setup: []string{"reach stretch warned", "reach stretch held present"}, kind: S, from: "held", input: []string{"present 2m1s"}, want: "notified"},
		{name: "presence ends", setup: []string{"reach stretch warned", "reach stretch held present"}, kind: S, from: "held", input: []string{"type 2s"}, want: "offered"},
		{name: "presence ends after the notification", cfg: holdLimit, setup: []string{"reach stretch warned", "reach stretch held present", "reach stretch notified present"}, kind: S, from: "notified", input: []string{"type 2s"}, want: "offered"},
		{name: "bigger break due", setup: []string{"reach posture offered"}, kind: P, from: "offered", input: []string{"reach stretch offered"}, want: "merged"},
		{name: "bigger break due while held", setup: []string{"type 14m50s", "reach posture held present"}, kind: P, from: "held", input: []string{"reach stretch held present"}, want: "merged"},
		{name: "bigger break now", setup: []string{"reach posture offered"}, kind: P, from: "offered", input: []string{"breaknow stretch"}, want: "merged"},
		{name: "done", setup: []string{"reach stretch offered"}, kind: S, from: "offered", input: []string{"done stretch"}, want: "idle"},
		{name: "skip", setup: []string{"reach stretch offered"}, kind: S, from: "offered", input: []string{"skip stretch"}, want: "idle"},
		{name: "closed early", setup: []string{"reach stretch offered"}, kind: S, from: "offered", input: []string{"closed stretch 30s"}, want: "idle"},
		{name: "natural break while offered", setup: []string{"reach stretch offered"}, kind: S, from: "offered", input: []string{"away 4m"}, want: "idle"},
		{name: "card on screen", setup: []string{"reach stretch offered"}, kind: S, from: "offered", input: []string{"shown stretch"}, want: "taking"},
		{name: "card could not show", setup: []string{"reach stretch offered", "shown stretch"}, kind: S, from: "taking", input: []string{"shown stretch off"}, want: "offered"},
		{name: "no natural break while the card is on screen", setup: []string{"reach stretch offered", "shown stretch"}, kind: S, from: "taking", input: []string{"away 4m"}, want: "taking"},
		{name: "done on screen", setup: []string{"reach stretch offered", "shown stretch"}, kind: S, from: "taking", input: []string{"away 4m", "done stretch"}, want: "idle"},
		{name: "snooze on screen", setup: []string{"reach stretch offered", "shown stretch"}, kind: S, from: "taking", input: []string{"snooze stretch"}, want: "warned"},
		{name: "bigger break due on screen", setup: []string{"reach posture offered", "shown posture"}, kind: P, from: "taking", input: []string{"reach stretch offered"}, want: "merged"},
		{name: "break now on screen", setup: []string{"reach stretch offered", "shown stretch"}, kind: S, from: "taking", input: []string{"breaknow stretch"}, want: "offered"},
		{name: "merged into a card on screen", setup: []string{"reach posture offered", "reach stretch offered", "shown stretch"}, kind: P, from: "merged", input: []string{"away 4m"}, want: "merged"},
		{name: "snooze", setup: []string{"reach stretch offered"}, kind: S, from: "offered", input: []string{"snooze stretch"}, want: "warned"},
		{name: "pause inside the warning window", setup: []string{"reach stretch offered"}, kind: S, from: "offered", input: []string{"pause 20m"}, want: "warned"},
		{name: "pause without a warning", setup: []string{"reach posture offered"}, kind: P, from: "offered", input: []string{"pause 20m"}, want: "idle"},
		{name: "pause while held", setup: []string{"reach stretch warned", "reach stretch held present"}, kind: S, from: "held", input: []string{"pause"}, want: "warned"},
		{name: "paused break offered again", setup: []string{"reach stretch offered", "pause 1m", "type 30s"}, kind: S, from: "warned", input: []string{"type 35s"}, want: "offered"},
		{name: "break now", setup: []string{"type 10m"}, kind: S, from: "idle", input: []string{"breaknow stretch"}, want: "offered"},
		{name: "break now when warned", setup: []string{"reach stretch warned"}, kind: S, from: "warned", input: []string{"breaknow stretch"}, want: "offered"},
		{name: "break now again", setup: []string{"reach stretch offered"}, kind: S, from: "offered", input: []string{"breaknow stretch"}, want: "offered"},
		{name: "held break now", setup: []string{"reach stretch warned", "reach stretch held present"}, kind: S, from: "held", input: []string{"breaknow stretch"}, want: "offered"},
		{name: "postpone out of the warning window", setup: []string{"reach stretch warned"}, kind: S, from: "warned", call: postpone(S, 10*time.Minute), want: "idle"},
		{name: "postpone within the warning window", setup: []string{"reach stretch warned", "type 20s"}, kind: S, from: "warned", call: postpone(S, 5*time.Second), want: "warned"},
		{name: "taken with the bigger break", setup: []string{"reach posture offered", "reach stretch offered"}, kind: P, from: "merged", input: []string{"done stretch"}, want: "idle"},
		{name: "skipped with the bigger break", setup: []string{"reach posture offered", "reach stretch offered"}, kind: P, from: "merged", input: []string{"skip stretch"}, want: "idle"},
		{name: "bigger break snoozed", setup: []string{"reach posture offered", "reach stretch offered"}, kind: P, from: "merged", input: []string{"snooze stretch"}, want: "merged"},
		{name: "merged break now", setup: []string{"reach posture offered", "reach stretch offered"}, kind: P, from: "merged", input: []string{"breaknow posture"}, want: "offered"},
		{name: "bigger break reset naturally", cfg: withWater, setup: []string{"reach stretch offered"}, kind: H, from: "merged", input: []string{"away 4m"}, want: "idle"},
		{name: "new settings", setup: []string{"reach posture offered", "reach stretch offered"}, kind: P, from: "merged", call: sameConfig, want: "idle"},
		{name: "merged again after new settings", setup: []string{"reach posture offered", "reach stretch offered"}, kind: P, from: "merged", call: sameConfig, input: []string{"type 1s"}, want: "merged"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := simple()
			if tc.cfg != nil {
				tc.cfg(&cfg)
			}
			s := runScript(t, cfg, "start 2026-03-02 09:00 +01:00\npoll 1s\n")
			where := "setup"
			traceLegal(t, s.Sched, &where)
			play(t, s, tc.setup...)
			if got := stageOf(s.Sched, tc.kind); got != tc.from {
				t.Fatalf("after setup %q: %s is %s, want %s\n%s", tc.setup, tc.kind, got, tc.from, s.Log())
			}
			where = "input"
			if tc.call != nil {
				if err := tc.call(s); err != nil {
					t.Fatal(err)
				}
			}
			play(t, s, tc.input...)
			if got := stageOf(s.Sched, tc.kind); got != tc.want {
				t.Errorf("%s %s, then %q: %s, want %s\n%s", tc.kind, tc.from, tc.input, got, tc.want, s.Log())
			}
		})
	}
}

// checkStages: each track's views agree with its one stage, and no track
// is left in the transient "due" stage between calls.
func checkStages(t *testing.T, where string, sn schedule.Snapshot, cfg schedule.Config) {
	t.Helper()
	length := map[schedule.Kind]time.Duration{}
	for _, tr := range cfg.Tracks {
		length[tr.Kind] = tr.Length
	}
	for _, tr := range sn.Tracks {
		st := tr.Stage
		if _, ok := legalStages[st]; !ok || st == "due" {
			t.Fatalf("%s: %s in stage %q", where, tr.Kind, st)
		}
		due := st == "offered" || st == "taking" || st == "held" || st == "notified"
		held := st == "held" || st == "notified"
		if tr.Due != due || tr.Held != held || tr.Warned != (st == "warned") || (tr.MergedInto != "") != (st == "merged") {
			t.Fatalf("%s: %s stage %s but Due %v Held %v Warned %v MergedInto %q", where, tr.Kind, st, tr.Due, tr.Held, tr.Warned, tr.MergedInto)
		}
		if tr.Due && tr.Remaining != 0 {
			t.Fatalf("%s: %s due with %v remaining", where, tr.Kind, tr.Remaining)
		}
		if !tr.Enabled && st != "idle" {
			t.Fatalf("%s: disabled %s in stage %s", where, tr.Kind, st)
		}
		if m := tr.MergedInto; m != "" && (m == tr.Kind || length[m] < length[tr.Kind]) {
			t.Fatalf("%s: %s merged into %s, not a bigger break", where, tr.Kind, m)
		}
	}
}

// TestStageProperties replays random scripts like TestProperties. Every
// stage change must be in the model; after every command, every
// observation with events and every 30th quiet one, each track is in one
// stage that its views (Due, Held, Warned, MergedInto) agree with, and each
// event leaves its track in the matching stage.
func TestStageProperties(t *testing.T) {
	seeds := 60
	if testing.Short() {
		seeds = 10
	}
	for seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(seed), 11))
			cfg := schedule.DefaultConfig()
			if seed%3 == 1 {
				cfg.Cycle = &schedule.Cycle{Sit: 20 * time.Minute, Stand: 8 * time.Minute, Move: 2 * time.Minute}
			}
			if seed%4 == 2 {
				cfg.HoldLimit = 2 * time.Minute
				cfg.WorkingHours = func(t time.Time) bool { return t.Hour() >= 8 && t.Hour() < 18 }
			}
			cmds, _ := randomScript(r, cfg.IdleAfter, 150)
			s, err := sim.Parse(cfg, "start 2026-03-02 08:00 +01:00\n")
			if err != nil {
				t.Fatal(err)
			}
			where := "start"
			traceLegal(t, s.Sched, &where)
			n := 0
			s.OnObserve = func(o schedule.Observation, ev []schedule.Event) {
				if n++; len(ev) == 0 && n%30 != 0 {
					return // a quiet observation: the trace still checks each change
				}
				checkStages(t, where, s.Sched.Snapshot(), cfg)
				want := map[schedule.Kind]string{} // the stage the last event of each kind leaves
				for _, e := range ev {
					switch {
					case e.Type == schedule.EventDue && e.NotifyOnly:
						want[e.Kind] = "notified"
					case e.Type == schedule.EventDue:
						want[e.Kind] = "offered"
					case e.Type == schedule.EventHeld:
						want[e.Kind] = "held"
					case e.Type == schedule.EventWarn:
						want[e.Kind] = "warned"
					case e.Type == schedule.EventNatural:
						want[e.Kind] = "idle"
					}
				}
				for k, st := range want {
					if got := stageOf(s.Sched, k); got != st {
						t.Fatalf("%s: %s is %s after %v, want %s", where, k, got, ev, st)
					}
				}
			}
			for i, c := range cmds {
				where = fmt.Sprintf("step %d %q", i, c)
				if err := s.Step(strings.Fields(c)); err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				checkStages(t, where, s.Sched.Snapshot(), cfg)
			}
		})
	}
}

// TestObserveCounted: Observe reports exactly the sitting it added to
// today's totals, in and after working hours.
func TestObserveCounted(t *testing.T) {
	c := schedule.DefaultConfig()
	c.WorkingHours = func(t time.Time) bool { return t.Hour() < 10 }
	d := newDriver(c) // starts 09:00
	var in, after time.Duration
	for range 2 * 3600 {
		d.wall, d.mono, d.last = d.wall.Add(time.Second), d.mono+time.Second, d.mono+time.Second
		if d.wall.Minute()%10 == 9 {
			d.last = d.mono - time.Duration(d.wall.Second())*time.Second // a minute away every 10
		}
		_, got := d.s.Observe(d.obs())
		in, after = in+got.InHours, after+got.AfterHours
	}
	_, today, afterHours := d.s.Sitting()
	if in != today || after != afterHours {
		t.Errorf("Observe counted %v + %v after hours, Sitting says %v + %v", in, after, today, afterHours)
	}
	if today < 40*time.Minute || afterHours < 40*time.Minute {
		t.Errorf("today %v, after hours %v: want both near 50m", today, afterHours)
	}
}
