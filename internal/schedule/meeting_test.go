package schedule_test

import (
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/schedule/sim"
)

// only returns the default configuration with just the kinds given
// enabled (no warnings), so each rule is seen on its own.
func only(kinds ...schedule.Kind) schedule.Config {
	cfg := schedule.DefaultConfig()
	for i := range cfg.Tracks {
		t := &cfg.Tracks[i]
		t.Enabled, t.Warn = false, 0
		for _, k := range kinds {
			if t.Kind == k {
				t.Enabled = true
			}
		}
	}
	return cfg
}

func runMeetings(t *testing.T, cfg schedule.Config, script string) *sim.Sim {
	t.Helper()
	s, err := sim.Parse(cfg, script)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestMeetingRules: table of the calendar rules, each a short script and
// the events that must (and must not) be in its log.
func TestMeetingRules(t *testing.T) {
	cases := []struct {
		name    string
		cfg     schedule.Config
		script  string
		want    []string // lines (without the date header) the log must hold
		notWant []string // substrings it must not hold
	}{
		{"a break due during a meeting is held and offered right after it",
			only(schedule.Stretch), "start 2026-03-09 09:00 +01:00\nmeeting 09:20-09:50 Planning\ntype until 10:00",
			[]string{"09:31:10 held stretch 1m30s", "09:50:00 due stretch 1m30s"}, []string{"09:31:10 due", "09:4"}},
		{"a break due less than 5 minutes before a meeting is offered early",
			only(schedule.Stretch), "start 2026-03-09 09:00 +01:00\nmeeting 09:33-10:00 Review\ntype until 09:40",
			// The window opens at 09:28; typing on without a pause, the
			// break waits LullLimit (1 min) for one.
			[]string{"09:29:00 due stretch 1m30s"}, []string{"held"}},
		{"a break due 10 minutes before a meeting comes on time",
			only(schedule.Stretch), "start 2026-03-09 09:00 +01:00\nmeeting 09:40-10:00 Review\ntype until 09:35",
			[]string{"09:31:10 due stretch 1m30s"}, nil},
		{"early is off with Early 0",
			func() schedule.Config { c := only(schedule.Stretch); c.Early = 0; return c }(),
			"start 2026-03-09 09:00 +01:00\nmeeting 09:33-10:00 Review\ntype until 09:40",
			[]string{"09:31:10 due stretch 1m30s"}, nil},
		{"a snoozed early break is not offered early again for the same meeting",
			only(schedule.Stretch), "start 2026-03-09 09:00 +01:00\nmeeting 09:33-10:00 Review\nauto snooze\ntype until 10:10",
			[]string{"09:29:00 due stretch 1m30s", "09:29:00 snoozed stretch 5m0s", "09:35:00 held stretch 1m30s", "10:00:00 due stretch 1m30s"}, []string{"09:30", "09:31", "09:32", "09:33", "09:34"}},
		{"back-to-back meetings with 5 minutes between get the walking break",
			only(schedule.Movement, schedule.Stretch), "start 2026-03-09 09:55 +01:00\ntype 1m\nmeeting 10:00-11:00 Sync\nmeeting 11:05-12:00 Retro\ntype until 12:10",
			[]string{"11:00:00 due movement 5m0s with stretch"}, []string{"11:05:00 due"}},
		{"meetings less than 2 minutes apart are one: the break waits for both",
			only(schedule.Stretch), "start 2026-03-09 09:55 +01:00\ntype 1m\nmeeting 10:00-11:00 Sync\nmeeting 11:01-12:00 Retro\ntype until 12:10",
			[]string{"10:26:10 held stretch 1m30s", "12:00:00 due stretch 1m30s"}, []string{"11:00:00 due", "11:01:00 due"}},
		{"a gap longer than 15 minutes is ordinary time: no walking break unless due",
			only(schedule.Movement), "start 2026-03-09 09:55 +01:00\ntype 1m\nmeeting 10:00-10:30 Sync\nmeeting 10:50-11:20 Retro\ntype until 10:45",
			nil, []string{"due movement"}},
		{"the hold limit does not interrupt a meeting",
			only(schedule.Stretch), "start 2026-03-09 09:00 +01:00\nmeeting 09:10-11:00 Workshop\ntype until 11:05",
			[]string{"09:31:10 held stretch 1m30s", "11:00:00 due stretch 1m30s"}, []string{"notify-only"}},
		{"away during the meeting: the walk counts as the break",
			only(schedule.Stretch), "start 2026-03-09 09:00 +01:00\nmeeting 09:30-10:00 Offsite\ntype until 09:29\naway 35m\ntype 5m",
			[]string{"09:30:30 natural stretch 1m30s"}, []string{"due stretch", "held stretch"}},
		{"a meeting across a time zone change holds at the same instant",
			only(schedule.Stretch), "start 2026-03-09 09:00 +01:00\nmeeting 09:20-09:50 Call with Tokyo\ntype until 09:10\ntz +09:00\ntype until 17:55",
			[]string{"17:31:10 held stretch 1m30s", "17:50:00 due stretch 1m30s"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			log := runMeetings(t, c.cfg, c.script).Log()
			for _, w := range c.want {
				if !strings.Contains(log, "\n"+w) {
					t.Errorf("log lacks %q:\n%s", w, log)
				}
			}
			for _, n := range c.notWant {
				if strings.Contains(log, n) {
					t.Errorf("log holds %q:\n%s", n, log)
				}
			}
		})
	}
}

// The snapshot names what holds a break: the meeting with its end and
// title, a call, presence; nothing otherwise.
func TestMeetingHold(t *testing.T) {
	s := runMeetings(t, only(schedule.Stretch), "start 2026-03-09 11:00 +01:00\nmeeting 11:00-11:30 Stand-up\nmeeting 11:31-11:45 Follow-up\ntype 10m")
	sn := s.Sched.Snapshot()
	if sn.Hold == nil || sn.Hold.Reason != schedule.HoldMeeting || sn.Hold.Event != "Stand-up" || sn.Hold.Until.Format("15:04") != "11:45" {
		t.Fatalf("hold %+v: want the stand-up, until 11:45 (the follow-up a minute after is one with it)", sn.Hold)
	}
	if !strings.Contains(sn.Why, `breaks held: in a meeting until 11:45 ("Stand-up")`) {
		t.Errorf("why: %s", sn.Why)
	}
	s.Step([]string{"type", "until", "11:50"})
	if h := s.Sched.Snapshot().Hold; h != nil {
		t.Errorf("after the meetings: hold %+v", h)
	}
	s.Step([]string{"call", "1m"})
	if h := s.Sched.Snapshot().Hold; h == nil || h.Reason != schedule.HoldCall || !h.Until.IsZero() {
		t.Errorf("in a call: hold %+v", h)
	}
	s.Step([]string{"type", "30s"})
	if h := s.Sched.Snapshot().Hold; h == nil || h.Reason != schedule.HoldCall || h.Until.IsZero() {
		t.Errorf("in the grace after a call: hold %+v", h)
	}
	s.Step([]string{"type", "3m"})
	s.Step([]string{"present", "1m"})
	if h := s.Sched.Snapshot().Hold; h == nil || h.Reason != schedule.HoldPresence {
		t.Errorf("full screen: hold %+v", h)
	}
}

// SetBusy drops empty and inverted events and sorts the rest.
func TestSetBusy(t *testing.T) {
	at := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	s := schedule.New(schedule.DefaultConfig(), schedule.Observation{Wall: at, Mono: time.Hour})
	s.SetBusy([]schedule.Busy{
		{Start: at.Add(2 * time.Hour), End: at.Add(3 * time.Hour), Summary: "b"},
		{Start: at, End: at, Summary: "empty"},
		{Start: at.Add(time.Hour), End: at, Summary: "inverted"},
		{Start: at.Add(time.Hour), End: at.Add(90 * time.Minute), Summary: "a"},
	})
	got := s.Busy()
	if len(got) != 2 || got[0].Summary != "a" || got[1].Summary != "b" {
		t.Fatalf("busy %+v", got)
	}
}
