package history

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// BenchmarkStats30DaysOver1Year and ...Over5Years fill a file with
// simulated years (working days of ~8 h sitting in spans, ~30 breaks, ~8
// glasses) and time the 30-day statistics, which read the whole file.
// Goal: < 50 ms per query over a year. They also report the file size per
// simulated year.
func BenchmarkStats30DaysOver1Year(b *testing.B)  { benchStats(b, 1) }
func BenchmarkStats30DaysOver5Years(b *testing.B) { benchStats(b, 5) }

func benchStats(b *testing.B, years int) {
	path := filepath.Join(b.TempDir(), "history.jsonl")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	loc := time.Local
	end := time.Date(2026, 11, 24, 18, 0, 0, 0, loc)
	t0 := time.Now()
	rows := simulate(b, s, end, years*365, loc, 42)
	fill := time.Since(t0)
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
	b.ReportMetric(float64(fi.Size())/float64(years)/1e6, "MB/year")
	b.ReportMetric(float64(rows)/float64(years), "rows/year")
	b.Logf("filled %d rows in %v; file %.2f MB; streak %d", rows, fill.Round(time.Millisecond), float64(fi.Size())/1e6, st.Streak)
}

// BenchmarkStreakOver5Years is the worst case for the streak: every day of
// five years met the goals, so the streak walks back through all of them.
// "reader" is a read-only store (the CLI, the window without a daemon),
// "writer" the daemon's; both read the file once a query.
func BenchmarkStreakOver5Years(b *testing.B) {
	path := filepath.Join(b.TempDir(), "history.jsonl")
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
	for name, st := range map[string]*Store{"reader": r, "writer": s} {
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
// sits: extending the open span (a line every FlushEvery, memory only
// between).
func BenchmarkRecordActivity(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "history.jsonl"))
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

// BenchmarkRecordBreak is the cost of one finished event: one line
// appended and synced.
func BenchmarkRecordBreak(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "history.jsonl"))
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

// BenchmarkTodayBudgetOver1Year is the daemon's other read at start:
// today's skips and debt, which decodes only the break lines of a year.
func BenchmarkTodayBudgetOver1Year(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "history.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	end := time.Date(2026, 11, 24, 18, 0, 0, 0, time.Local)
	simulate(b, s, end, 365, time.Local, 44)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := s.TodayBudget(end, time.Local, 4*time.Hour); err != nil {
			b.Fatal(err)
		}
	}
}
