package schedule_test

import (
	"errors"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

func remaining(s *schedule.Scheduler, k schedule.Kind) time.Duration {
	for _, t := range s.Snapshot().Tracks {
		if t.Kind == k {
			return t.Remaining
		}
	}
	return -1
}

func TestPostponeBeforeDue(t *testing.T) {
	d := newDriver(schedule.DefaultConfig())
	d.run(10*60, true) // 10 min of work: stretch due in about 20 min
	before := remaining(d.s, schedule.Stretch)
	ev, err := d.s.Postpone(schedule.Stretch, 15*time.Minute, d.wall)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev) != 1 || ev[0].Type != schedule.EventSnoozed || ev[0].Duration != 15*time.Minute {
		t.Fatalf("events %+v", ev)
	}
	if got := remaining(d.s, schedule.Stretch); got != before+15*time.Minute {
		t.Fatalf("remaining %v, want %v", got, before+15*time.Minute)
	}
	// It comes due only after the extra active time, and warns once before.
	var warns, dues int
	for _, e := range d.run(int((before+15*time.Minute)/time.Second)+5, true) {
		if e.Kind != schedule.Stretch {
			continue
		}
		switch e.Type {
		case schedule.EventWarn:
			warns++
		case schedule.EventDue:
			dues++
		}
	}
	if warns != 1 || dues != 1 {
		t.Fatalf("after postponing: %d warnings and %d dues, want 1 and 1", warns, dues)
	}
	// Early postponements do not use up the snooze cap.
	for _, tr := range d.s.Snapshot().Tracks {
		if tr.Kind == schedule.Stretch && tr.Snoozes != 0 {
			t.Errorf("an early postponement counted as a snooze: %d", tr.Snoozes)
		}
	}
}

func TestPostponeDueIsSnooze(t *testing.T) {
	d := newDriver(schedule.DefaultConfig())
	if _, err := d.s.BreakNow(schedule.Stretch, d.wall); err != nil {
		t.Fatal(err)
	}
	ev, err := d.s.Postpone(schedule.Stretch, 0, d.wall)
	if err != nil || len(ev) != 1 || ev[0].Duration != 5*time.Minute {
		t.Fatalf("postponing a due break: %+v %v", ev, err)
	}
	for _, tr := range d.s.Snapshot().Tracks {
		if tr.Kind == schedule.Stretch && (tr.Due || tr.Snoozes != 1) {
			t.Errorf("after postponing a due break: %+v", tr)
		}
	}
}

func TestPostponeRefused(t *testing.T) {
	c := schedule.DefaultConfig()
	c.Strict = true
	d := newDriver(c)
	if _, err := d.s.Postpone(schedule.Stretch, time.Minute, d.wall); !errors.Is(err, schedule.ErrStrict) {
		t.Errorf("strict: %v", err)
	}
	d = newDriver(schedule.DefaultConfig())
	if _, err := d.s.Postpone(schedule.Stretch, -time.Minute, d.wall); !errors.Is(err, schedule.ErrBadDuration) {
		t.Errorf("negative: %v", err)
	}
}
