package history

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// BenchmarkStats30DaysOver5Years fills a file with five simulated years
// (working days of ~8 h sitting in spans, ~30 breaks, ~8 glasses) and times
// the 30-day statistics. Goal: < 50 ms per query. It also reports the file
// size per simulated year.
func BenchmarkStats30DaysOver5Years(b *testing.B) {
	path := filepath.Join(b.TempDir(), "history.db")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	loc := time.Local
	end := time.Date(2026, 11, 24, 18, 0, 0, 0, loc)
	const years = 5
	t0 := time.Now()
	rows := simulate(b, s, end, years*365, loc, 42)
	fill := time.Since(t0)
	if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	goals := Goals{DailyLimit: 8 * time.Hour, Glasses: 7, BreakShare: 0.6, DayStart: 4 * time.Hour}
	b.ResetTimer()
	var st Stats
	for i := 0; i < b.N; i++ {
		st, err = s.Stats(end, 30, loc, goals)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if st.ActiveDays < 15 || st.Sitting < 100*time.Hour {
		b.Fatalf("implausible stats: %d active days, %v sitting", st.ActiveDays, st.Sitting)
	}
	b.ReportMetric(float64(fi.Size())/years/1e6, "MB/year")
	b.ReportMetric(float64(rows)/years, "rows/year")
	b.Logf("filled %d rows in %v; file %.1f MB; streak %d", rows, fill.Round(time.Millisecond), float64(fi.Size())/1e6, st.Streak)
}

// BenchmarkStreakOver5Years is the worst case for the streak: every day of
// five years met the goals, so the streak walks back through all of them.
// "cold" is a read-only store (the CLI, the window without a daemon), which
// walks every time; "memo" is the daemon's writer, which remembers the days
// before the window after the first call.
func BenchmarkStreakOver5Years(b *testing.B) {
	path := filepath.Join(b.TempDir(), "history.db")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	loc := time.Local
	end := time.Date(2026, 11, 24, 18, 0, 0, 0, loc)
	simulate(b, s, end, 5*365, loc, 43)
	r, err := OpenReadOnly(path)
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	for name, st := range map[string]*Store{"cold": r, "memo": s} {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				// no goals: every active day meets them
				got, err := st.Stats(end, 30, loc, Goals{})
				if err != nil {
					b.Fatal(err)
				}
				if got.Streak < 1000 {
					b.Fatalf("streak %d, want every working day of five years", got.Streak)
				}
			}
		})
	}
}

// BenchmarkRecordActivity is the daemon's steady cost while the user
// sits: extending the open span in place.
func BenchmarkRecordActivity(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "history.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.RecordActivity(start, start.Add(time.Duration(i+1)*time.Second), false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecordBreak is the cost of one finished event.
func BenchmarkRecordBreak(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "history.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.RecordBreak(BreakRecord{At: at, Kind: schedule.Stretch, CardID: "x", Outcome: Done, Duration: time.Minute}); err != nil {
			b.Fatal(err)
		}
	}
}
