package schedule_test

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// TestPureDeps: the core must stay free of UI, D-Bus and storage.
func TestPureDeps(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go tool not in PATH")
	}
	out, err := exec.Command("go", "list", "-deps", "github.com/limber-app/limber/internal/schedule", "github.com/limber-app/limber/internal/schedule/sim").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, bad := range []string{"fyne", "systray", "dbus", "database/sql", "os/exec", "net"} {
			if dep == bad || strings.Contains(dep, bad+"/") || strings.Contains(dep, "/"+bad) || strings.HasPrefix(dep, bad+".") {
				t.Errorf("internal/schedule depends on %s (via %q)", bad, dep)
			}
		}
	}
}

func TestDefaultConfigIsValid(t *testing.T) {
	c := schedule.DefaultConfig()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	kinds := map[schedule.Kind]bool{}
	for _, tr := range c.Tracks {
		kinds[tr.Kind] = tr.Enabled
	}
	for _, k := range schedule.AllKinds() {
		// Eye breaks are the one kind off by default (the 20-20-20 preset turns them on).
		if on, listed := kinds[k]; !listed || on == (k == schedule.Eyes) {
			t.Errorf("%s: listed %v, enabled %v by default", k, listed, on)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := map[string]struct {
		edit func(c *schedule.Config)
		want string // a substring naming the field
	}{
		"no interval":         {func(c *schedule.Config) { c.Tracks[0].Interval = 0 }, "Tracks[0] (posture).Interval"},
		"interval <= length":  {func(c *schedule.Config) { c.Tracks[4].Length = time.Hour }, "Tracks[4] (movement).Interval (1h0m0s) must be longer than Length"},
		"zero length":         {func(c *schedule.Config) { c.Tracks[1].Length = 0 }, "Tracks[1] (hydration).Length"},
		"warn too long":       {func(c *schedule.Config) { c.Tracks[3].Warn = time.Hour }, "Tracks[3] (stretch).Warn"},
		"negative natural":    {func(c *schedule.Config) { c.Tracks[1].Natural = -time.Second }, "Tracks[1] (hydration).Natural"},
		"negative warn":       {func(c *schedule.Config) { c.Tracks[3].Warn = -time.Second }, "Warn"},
		"unknown kind":        {func(c *schedule.Config) { c.Tracks[0].Kind = "nap" }, "unknown break kind"},
		"duplicate kind":      {func(c *schedule.Config) { c.Tracks[1].Kind = schedule.Posture }, "listed twice"},
		"negative snooze":     {func(c *schedule.Config) { c.Snooze = -time.Minute }, "Snooze"},
		"negative skips":      {func(c *schedule.Config) { c.MaxSkips = -1 }, "MaxSkips"},
		"negative snoozes":    {func(c *schedule.Config) { c.MaxSnoozes = -1 }, "MaxSnoozes"},
		"idle after":          {func(c *schedule.Config) { c.IdleAfter = 0 }, "IdleAfter"},
		"active after":        {func(c *schedule.Config) { c.ActiveAfter = time.Minute }, "ActiveAfter"},
		"daily limit":         {func(c *schedule.Config) { c.DailyLimit = -time.Hour }, "DailyLimit"},
		"daily step":          {func(c *schedule.Config) { c.DailyLimitStep = -time.Hour }, "DailyLimitStep"},
		"day start":           {func(c *schedule.Config) { c.DayStart = 25 * time.Hour }, "DayStart"},
		"hold limit":          {func(c *schedule.Config) { c.HoldLimit = -1 }, "HoldLimit"},
		"cycle sit":           {func(c *schedule.Config) { c.Cycle = &schedule.Cycle{Sit: 0, Stand: time.Minute} }, "Cycle.Sit"},
		"cycle empty":         {func(c *schedule.Config) { c.Cycle = &schedule.Cycle{Sit: time.Hour} }, "Cycle"},
		"cycle negative":      {func(c *schedule.Config) { c.Cycle = &schedule.Cycle{Sit: time.Hour, Move: -1} }, "Cycle.Stand"},
		"disabled is ignored": {func(c *schedule.Config) { c.Tracks[0].Enabled = false; c.Tracks[0].Interval = 0 }, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c := schedule.DefaultConfig()
			tc.edit(&c)
			err := c.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tc.want != "" && err == nil:
				t.Errorf("no error, want one naming %q", tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Errorf("error %q does not name %q", err, tc.want)
			}
		})
	}
}

func TestDayBoundaries(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	tests := []struct {
		at, begin, next string
	}{
		{"2026-03-02 10:00", "2026-03-02 04:00", "2026-03-03 04:00"},
		{"2026-03-02 03:59", "2026-03-01 04:00", "2026-03-02 04:00"},
		{"2026-03-02 04:00", "2026-03-02 04:00", "2026-03-03 04:00"},
		{"2026-03-28 23:00", "2026-03-28 04:00", "2026-03-29 04:00"}, // DST starts 29 Mar 02:00
		{"2026-10-25 03:30", "2026-10-24 04:00", "2026-10-25 04:00"}, // DST ends 25 Oct 03:00
	}
	for _, tc := range tests {
		at, _ := time.ParseInLocation("2006-01-02 15:04", tc.at, berlin)
		b := schedule.DayBegin(at, 4*time.Hour).Format("2006-01-02 15:04")
		n := schedule.PauseUntilTomorrow(at, 4*time.Hour).Format("2006-01-02 15:04")
		if b != tc.begin || n != tc.next {
			t.Errorf("at %s: day begins %s, next %s; want %s, %s", tc.at, b, n, tc.begin, tc.next)
		}
	}
}

// driver feeds a scheduler by hand: one Observation per step.
type driver struct {
	s    *schedule.Scheduler
	wall time.Time
	mono time.Duration
	last time.Duration // mono of the last input
}

func newDriver(cfg schedule.Config) *driver {
	cfg.LullLimit = 0 // the driver types without pauses; lull_test.go waits for lulls
	d := &driver{wall: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), mono: time.Hour}
	d.last = d.mono - time.Hour
	d.s = schedule.New(cfg, d.obs())
	return d
}

func (d *driver) obs() schedule.Observation {
	return schedule.Observation{Wall: d.wall, Mono: d.mono, Idle: d.mono - d.last}
}

// run advances n seconds, one observation a second, with or without input.
func (d *driver) run(n int, input bool) (ev []schedule.Event) {
	for range n {
		d.wall = d.wall.Add(time.Second)
		d.mono += time.Second
		if input {
			d.last = d.mono
		}
		e, _ := d.s.Observe(d.obs())
		ev = append(ev, e...)
	}
	return ev
}

func TestNextCheck(t *testing.T) {
	d := newDriver(schedule.DefaultConfig())
	if got := d.s.NextCheck(); got != schedule.AwayCheck {
		t.Errorf("away: NextCheck %v, want %v", got, schedule.AwayCheck)
	}
	d.run(1, true)
	if got := d.s.NextCheck(); got != schedule.ShortCheck {
		t.Errorf("noise: NextCheck %v, want %v", got, schedule.ShortCheck)
	}
	d.run(60, true)
	// Active, typing, the next break 14 min away: look again when the
	// user could cross IdleAfter.
	if got := d.s.NextCheck(); got != 30*time.Second {
		t.Errorf("active: NextCheck %v, want the 30s idle threshold", got)
	}
	d.run(10, false)
	if got := d.s.NextCheck(); got != 20*time.Second {
		t.Errorf("active, idle 10s: NextCheck %v, want 20s", got)
	}
	d.run(13*60, true) // posture due in under a minute
	if got := d.s.NextCheck(); got != schedule.ShortCheck {
		t.Errorf("due near: NextCheck %v, want %v (%+v)", got, schedule.ShortCheck, d.s.Snapshot().Tracks[0])
	}

	// With only a far break and presence (no idle threshold to watch): long.
	c := schedule.DefaultConfig()
	c.Tracks = c.Tracks[3:]
	c.DailyLimit = 0
	d = newDriver(c)
	d.run(10, true)
	ob := d.obs()
	ob.PresentNoInput = true
	d.wall, d.mono = d.wall.Add(time.Second), d.mono+time.Second
	ob.Wall, ob.Mono = d.wall, d.mono
	d.s.Observe(ob)
	if got := d.s.NextCheck(); got != schedule.LongCheck {
		t.Errorf("nothing near: NextCheck %v, want %v", got, schedule.LongCheck)
	}
	// A pause ending soon is looked at when it ends.
	if _, err := d.s.Pause(d.wall.Add(20*time.Second), d.wall); err != nil {
		t.Fatal(err)
	}
	if got := d.s.NextCheck(); got != 20*time.Second {
		t.Errorf("pause ends in 20s: NextCheck %v", got)
	}
}

func TestActionErrors(t *testing.T) {
	c := schedule.DefaultConfig()
	c.Tracks[1].Enabled = false
	d := newDriver(c)
	at := d.wall
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"unknown kind", second(d.s.BreakNow("nap", at)), schedule.ErrUnknownKind},
		{"disabled", second(d.s.BreakNow(schedule.Hydration, at)), schedule.ErrDisabled},
		{"skip not due", second(d.s.Skip(schedule.Stretch, at)), schedule.ErrNotDue},
		{"snooze not due", second(d.s.Snooze(schedule.Stretch, 0, at)), schedule.ErrNotDue},
		{"negative snooze", second(d.s.Snooze(schedule.Stretch, -time.Minute, at)), schedule.ErrBadDuration},
		{"closed not due", second(d.s.ClosedEarly(schedule.Stretch, time.Second, at)), schedule.ErrNotDue},
		{"pause in the past", second(d.s.Pause(at.Add(-time.Minute), at)), schedule.ErrBadPause},
		{"resume not paused", second(d.s.Resume(at)), schedule.ErrNotPaused},
		{"bad config", second(d.s.SetConfig(schedule.Config{IdleAfter: -1}, at)), nil},
	}
	for _, tc := range tests {
		if tc.want == nil {
			if tc.err == nil {
				t.Errorf("%s: no error", tc.name)
			}
			continue
		}
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, tc.err, tc.want)
		}
	}
	// Done on a break that is not due is a quiet no-op.
	if ev, err := d.s.Done(schedule.Stretch, at); ev != nil || err != nil {
		t.Errorf("Done when not due: %v, %v; want nothing", ev, err)
	}
}

func second(_ []schedule.Event, err error) error { return err }

func TestSetConfig(t *testing.T) {
	d := newDriver(schedule.DefaultConfig())
	d.run(10*60, true)
	c := schedule.DefaultConfig()
	c.LullLimit = 0
	c.Tracks[0].Interval = 5 * time.Minute // posture now overdue
	c.Tracks[2].Enabled = false
	if _, err := d.s.SetConfig(c, d.wall); err != nil {
		t.Fatal(err)
	}
	ev := d.run(1, true)
	if len(ev) != 1 || ev[0].Type != schedule.EventDue || ev[0].Kind != schedule.Posture {
		t.Errorf("after shortening posture: %v, want one due posture", ev)
	}
	sn := d.s.Snapshot()
	if sn.Tracks[2].Enabled || sn.Tracks[2].Active != 0 {
		t.Errorf("disabled stretch: %+v", sn.Tracks[2])
	}
	if sn.Tracks[3].Active < 9*time.Minute {
		t.Errorf("movement lost its active time: %+v", sn.Tracks[3])
	}
}

func TestWhy(t *testing.T) {
	d := newDriver(schedule.DefaultConfig())
	if sn := d.s.Snapshot(); !strings.Contains(sn.Why, "Away") || sn.WhyState != "away" || sn.AwayCause != "start" {
		t.Errorf("start: %q (%s, %s)", sn.Why, sn.WhyState, sn.AwayCause)
	}
	d.run(16*60, true)
	if sn := d.s.Snapshot(); !strings.Contains(sn.Why, "Sitting: last input 0s ago, under the 30s idle threshold") || sn.WhyState != "input" {
		t.Errorf("typing: %q (%s)", sn.Why, sn.WhyState)
	}
	d.run(60, false)
	if sn := d.s.Snapshot(); sn.WhyState != "away" || sn.AwayCause != "no-input" {
		t.Errorf("away: the codes are %s, %s", sn.WhyState, sn.AwayCause)
	}
	why := d.s.Snapshot().Why
	// A minute away is a posture break, not yet a drink (HydrationAway).
	if !strings.Contains(why, "Away for 1m0s: no keyboard or pointer input") || !strings.Contains(why, "; last reset: posture at 09:16:30 (natural).") {
		t.Errorf("away: %q", why)
	}
	d.run(int((schedule.HydrationAway - time.Minute).Seconds()), false)
	why = d.s.Snapshot().Why
	if !strings.Contains(why, "Away for 5m0s") || !strings.Contains(why, "hydration at 09:21:00 (natural)") {
		t.Errorf("away %v: %q", schedule.HydrationAway, why)
	}
}

// A backwards Mono (misuse) never yields negative time or panics.
func TestBackwardMono(t *testing.T) {
	d := newDriver(schedule.DefaultConfig())
	d.run(120, true)
	before := d.s.Snapshot().Today
	d.mono -= time.Hour
	d.last = d.mono
	d.run(60, true)
	if got := d.s.Snapshot().Today; got < before || got > before+time.Minute {
		t.Errorf("Today %v after mono went back, was %v", got, before)
	}
}

// A DST change moves the local clock by an hour: a clock jump, not a
// sleep, and sitting goes on being counted from the monotonic clock.
func TestDaylightSaving(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	d := newDriver(schedule.DefaultConfig())
	d.wall = time.Date(2026, 3, 29, 1, 50, 0, 0, berlin)
	d.s = schedule.New(schedule.DefaultConfig(), d.obs())
	ev := d.run(20*60, true)
	var jumps []time.Duration
	for _, e := range ev {
		switch e.Type {
		case schedule.EventClockJump:
			jumps = append(jumps, e.Duration)
		case schedule.EventSuspendGap:
			t.Errorf("DST seen as sleep: %+v", e)
		}
	}
	if len(jumps) != 1 || jumps[0] != time.Hour {
		t.Errorf("clock jumps %v, want one of 1h", jumps)
	}
	if got := d.s.Snapshot().Today; got < 19*time.Minute || got > 20*time.Minute {
		t.Errorf("Today %v after 20 min of typing across the change", got)
	}
}

func TestRestoreToday(t *testing.T) {
	c := schedule.DefaultConfig()
	c.DailyLimit, c.DailyLimitStep = time.Hour, 30*time.Minute
	d := newDriver(c)
	if err := d.s.RestoreToday(100*time.Minute, time.Minute, d.wall); err != nil {
		t.Fatal(err)
	}
	if _, today, after := d.s.Sitting(); today != 100*time.Minute || after != time.Minute {
		t.Fatalf("Sitting %v %v after restore", today, after)
	}
	var limits []time.Duration
	for _, e := range d.run(25*60, true) {
		if e.Type == schedule.EventDailyLimit {
			limits = append(limits, e.Duration.Truncate(time.Minute))
		}
	}
	// 1h and 1h30m were passed before the restart; the next step is 2h.
	if len(limits) != 1 || limits[0] != 2*time.Hour {
		t.Errorf("daily limits %v, want just 2h", limits)
	}
	if err := d.s.RestoreToday(time.Hour, 0, d.wall.Add(-48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, today, _ := d.s.Sitting(); today < 2*time.Hour {
		t.Errorf("restore for another day changed Today to %v", today)
	}
	if err := d.s.RestoreToday(-1, 0, d.wall); err == nil {
		t.Error("negative restore accepted")
	}
}
