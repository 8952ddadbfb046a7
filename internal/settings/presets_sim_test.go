package settings

import (
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/schedule/sim"
)

// A working day: typing all morning, a lunch away from the desk, typing
// all afternoon, breaks taken as they come.
const workingDay = `start 2026-03-02 08:55 +01:00
auto done
type until 12:30
away 45m
type until 17:30
status
`

// promptCounts runs a preset through the day and counts the prompts by
// event ("due posture", "phase stand", "daily_limit").
func promptCounts(t *testing.T, s Settings, script string) (map[string]int, string) {
	t.Helper()
	sm, err := sim.Parse(s.Schedule(), script)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, l := range sm.Lines() {
		f := strings.Fields(l)
		if len(f) < 3 || f[0] == "--" {
			continue
		}
		switch schedule.EventType(f[1]) {
		case schedule.EventDue, schedule.EventWarn, schedule.EventPhase:
			counts[f[1]+" "+f[2]]++
		case schedule.EventDailyLimit:
			counts[f[1]]++
		}
	}
	return counts, sm.Log()
}

func TestPresetsThroughAWorkingDay(t *testing.T) {
	type want struct{ min, max int }
	cases := map[string]map[string]want{
		PresetOffice: {
			// Water comes due: only HydrationAway (5 min) away counts as a
			// drink, not the 30 s pauses and 90 s stretches of the day.
			"due posture": {6, 40}, "due hydration": {3, 12}, "due stretch": {3, 16}, "due movement": {5, 9},
			"phase stand": {0, 0}, "phase move": {0, 0}, "daily_limit": {1, 5},
		},
		PresetCornell: {
			// 8 h at the desk in 30-minute rounds.
			"phase stand": {12, 17}, "phase move": {12, 17}, "due hydration": {3, 12},
			"due posture": {0, 0}, "due stretch": {0, 0}, "due movement": {0, 0},
		},
		PresetEyes: {
			// An eye break every 20 minutes of screen time; the ones falling
			// on a stretch or walk are taken by it. The eye break is the
			// posture check too (no separate one); water comes due without
			// taking the eye prompts' place.
			"due eyes": {10, 26}, "due posture": {0, 0}, "due movement": {4, 7}, "phase stand": {0, 0},
			"due hydration": {3, 10},
		},
		PresetGentle: {
			"due movement": {3, 6}, "due stretch": {1, 8}, "due posture": {3, 16}, "phase stand": {0, 0},
		},
	}
	for _, name := range PresetNames() {
		t.Run(name, func(t *testing.T) {
			s := Defaults()
			s.ApplyPreset(name)
			got, log := promptCounts(t, s, workingDay)
			for ev, w := range cases[name] {
				if n := got[ev]; n < w.min || n > w.max {
					t.Errorf("%s: %d × %q, want %d to %d", name, n, ev, w.min, w.max)
				}
			}
			if t.Failed() || testing.Verbose() {
				t.Logf("counts %v\n%s", got, log)
			}
		})
	}
	// Gentle is gentler than office on every kind.
	office, gentle := Defaults(), Defaults()
	gentle.ApplyPreset(PresetGentle)
	o, _ := promptCounts(t, office, workingDay)
	g, _ := promptCounts(t, gentle, workingDay)
	for _, k := range schedule.AllKinds() {
		if key := "due " + string(k); g[key] > o[key] {
			t.Errorf("gentle prompts %s %d times, office only %d", k, g[key], o[key])
		}
	}
}

// Working hours: outside them nothing fires and the daily limit does not
// count; the sitting still shows as after hours.
func TestWorkingHoursInTheCore(t *testing.T) {
	s := Defaults()
	s.WorkingHours.Enabled = true
	s.WorkingHours.Days[time.Monday] = Day{Start: 9 * 60, End: 13 * 60}
	s.DailyLimit, s.DailyLimitStep = 3*time.Hour, 0
	sm, err := sim.Parse(s.Schedule(), `start 2026-03-02 07:00 +01:00
auto done
type until 09:00
type until 13:00
type until 18:00
`)
	if err != nil {
		t.Fatal(err)
	}
	var inHours, after, limits int
	for _, l := range sm.Lines() {
		f := strings.Fields(l)
		if len(f) < 2 || f[0] == "--" {
			continue
		}
		if f[1] == string(schedule.EventDue) {
			if f[0] >= "09:00:00" && f[0] < "13:00:00" {
				inHours++
			} else {
				after++
			}
		}
		if f[1] == string(schedule.EventDailyLimit) {
			limits++
		}
	}
	snap := sm.Sched.Snapshot()
	if inHours == 0 || after != 0 {
		t.Errorf("due in hours %d (want some), outside %d (want none)\n%s", inHours, after, sm.Log())
	}
	if snap.TodayAfterHours < 6*time.Hour {
		t.Errorf("TodayAfterHours = %v, want the 7 h typed outside 09:00-13:00", snap.TodayAfterHours)
	}
	if snap.Today > 4*time.Hour {
		t.Errorf("Today = %v counts time outside working hours", snap.Today)
	}
	if limits != 1 {
		t.Errorf("%d daily limit warnings, want 1 (3 h of the 4 working hours)", limits)
	}
}
