package schedule_test

import (
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// BenchmarkYear drives one working year (250 days of 8 h) through Observe
// at one observation per second: typing with a 40 s pause every 10 min,
// lunch away, the machine asleep overnight, and every offered break taken.
// One op is the whole year; the per-observation cost is reported as
// ns/observation.
func BenchmarkYear(b *testing.B) {
	const days, hours = 250, 8
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = year(days, hours)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/observation")
	b.ReportMetric(float64(n), "observations")
}

// year runs the simulated year and returns the number of observations.
func year(days, hours int) int {
	start := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	wall := start
	mono := time.Hour
	o := schedule.Observation{Wall: wall, Mono: mono, Idle: time.Hour}
	s := schedule.New(schedule.DefaultConfig(), o)
	n := 0
	lastInput := mono
	for d := 0; d < days; d++ {
		for sec := 0; sec < hours*3600; sec++ {
			wall = wall.Add(time.Second)
			mono += time.Second
			minute := sec / 60
			switch {
			case minute >= 240 && minute < 270: // lunch: away
			case minute%10 == 9 && sec%60 < 40: // a 40 s pause to read
			default:
				lastInput = mono
			}
			o = schedule.Observation{Wall: wall, Mono: mono, Idle: mono - lastInput}
			ev, _ := s.Observe(o)
			n++
			for _, e := range ev {
				if e.Type == schedule.EventDue && !e.NotifyOnly {
					s.Done(e.Kind, wall)
				}
			}
		}
		wall = wall.Add(24*time.Hour - time.Duration(hours)*time.Hour) // asleep overnight
	}
	return n
}

// TestObserveAllocationFree: the common path (nothing happens) allocates nothing.
func TestObserveAllocationFree(t *testing.T) {
	wall := time.Date(2026, 1, 5, 9, 0, 0, 0, time.Local)
	mono := time.Hour
	s := schedule.New(schedule.DefaultConfig(), schedule.Observation{Wall: wall, Mono: mono})
	step := func() []schedule.Event {
		wall = wall.Add(time.Second)
		mono += time.Second
		ev, _ := s.Observe(schedule.Observation{Wall: wall, Mono: mono})
		return ev
	}
	for range 10 { // become active
		step()
	}
	if !s.Snapshot().Active {
		t.Fatal("not active after 10 s of input")
	}
	allocs := testing.AllocsPerRun(100, func() {
		if ev := step(); ev != nil {
			t.Fatalf("unexpected events %v", ev)
		}
	})
	if allocs != 0 {
		t.Errorf("Observe allocates %.1f times per call on the common path, want 0", allocs)
	}
}
