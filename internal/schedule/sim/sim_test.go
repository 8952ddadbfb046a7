package sim

import (
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

func TestClockDrift(t *testing.T) {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c := NewClock(start)
	c.Run(time.Minute)
	c.Suspend(time.Hour)
	c.Jump(-2 * time.Hour)
	if got, want := c.Wall(), start.Add(time.Minute+time.Hour-2*time.Hour); !got.Equal(want) {
		t.Errorf("wall %v, want %v", got, want)
	}
	if got := c.Mono() - time.Hour; got != time.Minute {
		t.Errorf("mono advanced %v, want 1m (it stops in suspend and ignores jumps)", got)
	}
	if got := c.Boot() - time.Hour; got != time.Hour+time.Minute {
		t.Errorf("boot advanced %v, want 1h1m (it runs in suspend)", got)
	}
	loc, err := ParseZone("+09:00")
	if err != nil {
		t.Fatal(err)
	}
	before := c.Wall()
	c.SetZone(loc)
	if !c.Wall().Equal(before) || c.Wall().Format("-07:00") != "+09:00" {
		t.Errorf("zone change moved the instant or kept the zone: %v", c.Wall())
	}
}

func TestParseZone(t *testing.T) {
	for in, off := range map[string]int{"UTC": 0, "+01:00": 3600, "-05:30": -19800} {
		loc, err := ParseZone(in)
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if _, got := time.Date(2026, 1, 1, 0, 0, 0, 0, loc).Zone(); got != off {
			t.Errorf("%s: offset %d, want %d", in, got, off)
		}
	}
	if _, err := ParseZone("Mars/Olympus"); err == nil {
		t.Error("bad zone accepted")
	}
}

func TestParseErrors(t *testing.T) {
	tests := map[string]string{
		"no start":     "type 5m\n",
		"empty":        "# nothing\n",
		"bad start":    "start tomorrow\n",
		"bad command":  "start 2026-03-02 09:00 UTC\n\ntype 1m\ndance 5m\n",
		"bad duration": "start 2026-03-02 09:00 UTC\ntype five\n",
		"bad until":    "start 2026-03-02 09:00 UTC\ntype until noon\n",
		"bad auto":     "start 2026-03-02 09:00 UTC\nauto sometimes\n",
	}
	for name, script := range tests {
		if _, err := Parse(schedule.DefaultConfig(), script); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	_, err := Parse(schedule.DefaultConfig(), tests["bad command"])
	if err == nil || !strings.Contains(err.Error(), "line 4") {
		t.Errorf("error %v does not name line 4", err)
	}
}

func TestRecorderFormat(t *testing.T) {
	s, err := Parse(schedule.DefaultConfig(), `
		start 2026-03-02 09:00 +01:00
		poll 1s
		type 15m
		note hello
		status`)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"-- Mon 2026-03-02 --",
		"09:00:06 session_start 1s",
		"09:15:00 note hello",
		"09:15:00 status active session=14m59s today=14m59s | posture 1s | hydration 30m1s | stretch 15m1s | movement 45m1s",
	}, "\n") + "\n"
	if got := s.Log(); got != want {
		t.Errorf("log:\n%s\nwant:\n%s", got, want)
	}
	e := schedule.Event{Type: schedule.EventDue, Kind: schedule.Stretch, Duration: 90 * time.Second, NotifyOnly: true}
	if got := Format(e); got != "due stretch 1m30s notify-only" {
		t.Errorf("Format: %q", got)
	}
}

func TestWorkingDay(t *testing.T) {
	s, err := Parse(schedule.DefaultConfig(), WorkingDay)
	if err != nil {
		t.Fatal(err)
	}
	if s.Count(schedule.EventDue, "") == 0 || s.Count(schedule.EventDue, schedule.Posture) == 0 {
		t.Errorf("no breaks offered in a working day:\n%s", s.Log())
	}
	if s.Count(schedule.EventSessionStart, "") < 2 {
		t.Errorf("lunch did not end a session:\n%s", s.Log())
	}
	_, today, _ := s.Sched.Sitting()
	if today < 6*time.Hour || today > 8*time.Hour {
		t.Errorf("sitting %v in a 9 h day with lunch and breaks", today)
	}
}
