package schedule_test

import (
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// FuzzObserve feeds arbitrary observation sequences (including clocks
// that disagree, negative idle and every flag) and checks that the core
// never panics, never counts negative or more sitting than monotonic time
// passed, never offers two breaks at once and keeps NextCheck in range.
// Each 4-byte record is one observation: mono step, wall skew, idle, flags.
func FuzzObserve(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0, 1, 0, 0, 0, 30, 0, 0, 0})
	f.Add([]byte{60, 0, 0, 0, 60, 0, 0, 8, 60, 200, 0, 0, 1, 0, 200, 1, 1, 0, 0, 2, 1, 0, 0, 4})
	f.Add([]byte{255, 255, 255, 255, 0, 128, 0, 0, 2, 127, 5, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		wall := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		mono, boot := time.Hour, time.Hour
		s := schedule.New(schedule.DefaultConfig(), schedule.Observation{Wall: wall, Mono: mono, Boot: boot})
		var monoTotal time.Duration
		for i := 0; i+4 <= len(data); i += 4 {
			step := time.Duration(data[i]) * 5 * time.Second
			skew := time.Duration(int8(data[i+1])) * time.Minute // sleep (>0) or clock change (<0)
			idle := time.Duration(data[i+2]) * time.Second
			flags := data[i+3]
			mono += step
			monoTotal += step
			wall = wall.Add(step + skew)
			if skew > 0 && flags&8 == 0 {
				boot += step + skew // a sleep
			} else {
				boot += step // a clock change
			}
			if flags&16 != 0 {
				idle = -idle
			}
			o := schedule.Observation{
				Wall: wall, Mono: mono, Boot: boot, Idle: idle,
				PresentNoInput: flags&1 != 0, Away: flags&2 != 0, NoSource: flags&4 != 0, InCall: flags&32 != 0,
			}
			dues := 0
			_, today0, after0 := s.Sitting()
			ev, c := s.Observe(o)
			for _, e := range ev {
				if e.Type == schedule.EventDue {
					dues++
				}
				if e.Duration < 0 && e.Type != schedule.EventClockJump {
					t.Fatalf("negative duration in %+v", e)
				}
			}
			if dues > 1 {
				t.Fatalf("%d breaks offered at once", dues)
			}
			session, today, after := s.Sitting()
			if c.InHours < 0 || c.AfterHours < 0 {
				t.Fatalf("counted %+v", c)
			}
			grew := today-today0 == c.InHours && after-after0 == c.AfterHours
			newDay := today == c.InHours && after == c.AfterHours // the totals restarted first
			if !grew && !newDay {
				t.Fatalf("counted %+v, but today went %v → %v and after hours %v → %v", c, today0, today, after0, after)
			}
			if session < 0 || today < 0 || after < 0 || today+after > monoTotal || session > monoTotal {
				t.Fatalf("sitting session %v today %v after %v with %v of monotonic time", session, today, after, monoTotal)
			}
			if nc := s.NextCheck(); nc < schedule.ShortCheck || nc > schedule.LongCheck {
				t.Fatalf("NextCheck %v", nc)
			}
			if flags&32 != 0 {
				for _, k := range schedule.AllKinds() {
					s.Skip(k, wall)
					s.Done(k, wall)
				}
			}
		}
	})
}
