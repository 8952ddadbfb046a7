package schedule_test

import (
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// Taking a break resets the smaller breaks it covers: posture with any
// break, water only with one long enough to fetch a drink (the walk), never
// with a stretch at the desk.
func TestTakenBreakCoversSmallerOnes(t *testing.T) {
	activeOf := func(s *schedule.Scheduler, k schedule.Kind) time.Duration {
		for _, tr := range s.Snapshot().Tracks {
			if tr.Kind == k {
				return tr.Active
			}
		}
		return -1
	}
	for _, tc := range []struct {
		take                schedule.Kind
		postureReset, drink bool
	}{
		{schedule.Stretch, true, false},
		{schedule.Movement, true, true},
	} {
		d := newDriver(schedule.DefaultConfig())
		d.run(10*60, true)
		if _, err := d.s.BreakNow(tc.take, d.wall); err != nil {
			t.Fatal(err)
		}
		if _, err := d.s.Done(tc.take, d.wall); err != nil {
			t.Fatal(err)
		}
		if got := activeOf(d.s, schedule.Posture) == 0; got != tc.postureReset {
			t.Errorf("%s done: posture reset %v, want %v", tc.take, got, tc.postureReset)
		}
		if got := activeOf(d.s, schedule.Hydration) == 0; got != tc.drink {
			t.Errorf("%s done: water reset %v, want %v", tc.take, got, tc.drink)
		}
	}
}
