package history

import (
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// TestDebtPerDay: the debt made, repaid and the skips spent are summed per
// day for the statistics, and TodayBudget gives a restarted daemon today's.
func TestDebtPerDay(t *testing.T) {
	s, _ := openTemp(t)
	for _, b := range []BreakRecord{
		{At: at(2, 10, 0), Kind: schedule.Stretch, Outcome: Skipped, Debt: 90 * time.Second, Spent: true},
		{At: at(2, 11, 0), Kind: schedule.Movement, Outcome: Skipped, Debt: 5 * time.Minute, Spent: true},
		{At: at(2, 11, 0), Kind: schedule.Stretch, Outcome: Skipped, Debt: 90 * time.Second}, // skipped along: no budget spent
		{At: at(3, 10, 0), Kind: schedule.Stretch, Outcome: Short, Duration: 30 * time.Second, Debt: time.Minute},
		{At: at(3, 10, 30), Kind: schedule.Stretch, Outcome: Done, Duration: 2 * time.Minute, Paid: 30 * time.Second},
		{At: at(3, 11, 0), Kind: schedule.Posture, Outcome: Done},
	} {
		must(t, s.RecordBreak(b))
	}
	st, err := s.Stats(at(3, 12, 0), 2, zone, Goals{DayStart: 4 * time.Hour})
	must(t, err)
	mon, tue := st.Days[0], st.Days[1]
	if mon.Debt != 8*time.Minute || mon.Repaid != 0 || mon.SkipsSpent != 2 {
		t.Errorf("Monday: debt %v, repaid %v, skips %d; want 8m, 0, 2", mon.Debt, mon.Repaid, mon.SkipsSpent)
	}
	if tue.Debt != time.Minute || tue.Repaid != 30*time.Second || tue.SkipsSpent != 0 {
		t.Errorf("Tuesday: debt %v, repaid %v, skips %d; want 1m, 30s, 0", tue.Debt, tue.Repaid, tue.SkipsSpent)
	}
	skips, debt, err := s.TodayBudget(at(3, 12, 0), zone, 4*time.Hour)
	must(t, err)
	if skips != 0 || len(debt) != 1 || debt[schedule.Stretch] != 30*time.Second {
		t.Errorf("Tuesday's budget: %d skips, debt %v; want 0 and 30s of stretch", skips, debt)
	}
	skips, debt, err = s.TodayBudget(at(2, 23, 0), zone, 4*time.Hour)
	must(t, err)
	if skips != 2 || debt[schedule.Stretch] != 3*time.Minute || debt[schedule.Movement] != 5*time.Minute {
		t.Errorf("Monday's budget: %d skips, debt %v", skips, debt)
	}
	if err := s.RecordBreak(BreakRecord{At: at(3, 12, 0), Kind: schedule.Stretch, Outcome: Skipped, Debt: -time.Second}); err == nil {
		t.Error("negative debt recorded")
	}
}
