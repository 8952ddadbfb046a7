package schedule_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// budgetCfg is simple() with the skip budget (skips a day) and break debt on.
func budgetCfg(skips int) func() schedule.Config {
	return func() schedule.Config {
		c := simple()
		c.SkipBudget, c.DebtCap = skips, schedule.DefaultDebtCap
		return c
	}
}

// stretchOnly is budgetCfg with the stretch track alone (3 min every 30).
func stretchOnly(skips int) func() schedule.Config {
	return func() schedule.Config {
		c := budgetCfg(skips)()
		c.Tracks = []schedule.Track{{Kind: schedule.Stretch, Enabled: true, Interval: 30 * time.Minute, Length: 3 * time.Minute}}
		return c
	}
}

// budgetCases are the rules of budget.go, one case each.
func budgetCases() map[string]ruleCase {
	return map[string]ruleCase{
		// A skip spends one of the day's budget and owes the whole break;
		// past the budget Skip is refused and the break stays due.
		"skip spends the budget, then is refused": {cfg: stretchOnly(1), script: `
			type 31m
			skip stretch
			type 30m
			skip stretch
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:30:01 due stretch 3m0s
			09:31:00 skipped stretch spent debt+3m0s
			10:01:00 due stretch 4m30s extra 1m30s
			10:01:00 refused skip stretch: skipping stretch (1 of 1 skips used today): no skips left today
			10:01:00 status active session=1h0m59s today=1h0m59s skips=1/1 debt-stretch=3m0s | stretch due skips=1`},
		// Budget 0: stretch and movement cannot be skipped at all; the
		// small breaks are not budgeted and owe nothing.
		"budget 0 allows no skip; posture is not budgeted": {cfg: budgetCfg(0), script: `
			type 16m
			skip posture
			type 15m
			skip stretch
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:16:00 skipped posture
			09:29:31 warn stretch 3m0s with posture
			09:30:01 due stretch 3m0s
			09:31:00 refused skip stretch: skipping stretch (0 of 0 skips used today): no skips left today
			09:31:00 status active session=30m59s today=30m59s | posture merged>stretch skips=1 | stretch due | movement 29m1s`},
		// Closed early or ended short, a break owes what it missed of its
		// length; neither spends the budget.
		"closed early and short owe the missing time": {cfg: stretchOnly(3), script: `
			type 31m
			closed stretch 1m
			type 30m
			finish stretch 30s
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:30:01 due stretch 3m0s
			09:31:00 closed_early stretch 1m0s debt+2m0s
			10:01:00 due stretch 4m30s extra 1m30s
			10:01:00 short stretch 30s debt+2m30s
			10:01:00 status active session=1h0m59s today=1h0m59s debt-stretch=4m30s | stretch 30m0s skips=1`},
		// The next break is longer by the debt, at most half its length;
		// done to the end it repays the extra, finished before the end only
		// the extra time spent.
		"the next break repays the debt, capped at half": {cfg: stretchOnly(3), script: `
			type 31m
			skip stretch
			type 30m
			done stretch
			status
			type 30m
			finish stretch 3m40s
			status
			type 30m`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:30:01 due stretch 3m0s
			09:31:00 skipped stretch spent debt+3m0s
			10:01:00 due stretch 4m30s extra 1m30s
			10:01:00 done stretch 4m30s paid 1m30s
			10:01:00 status active session=1h0m59s today=1h0m59s skips=1/3 debt-stretch=1m30s | stretch 30m0s
			10:31:00 due stretch 4m30s extra 1m30s
			10:31:00 done stretch 3m40s paid 40s
			10:31:00 status active session=1h30m59s today=1h30m59s skips=1/3 debt-stretch=50s | stretch 30m0s
			11:01:00 due stretch 3m50s extra 50s`},
		// Walking away counts as the break only once away for the longer
		// time, and then repays the extra (a card left on screen while
		// stretching away from the keys is this case).
		"a natural break needs the extra and repays it": {cfg: stretchOnly(3), script: `
			type 31m
			skip stretch
			type 30m
			away 3m
			status
			away 2m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:30:01 due stretch 3m0s
			09:31:00 skipped stretch spent debt+3m0s
			10:01:00 due stretch 4m30s extra 1m30s
			10:04:00 status away session=1h0m59s today=1h0m59s away=3m0s skips=1/3 debt-stretch=3m0s | stretch due skips=1
			10:05:30 natural stretch 4m30s paid 1m30s
			10:05:30 session_end 1h0m59s
			10:06:00 status away session=0s today=1h0m59s away=5m0s skips=1/3 debt-stretch=1m30s | stretch 30m0s`},
		// Skipping a bigger break skips what travels with it: each
		// budgeted one owes its length, the skip spends the budget once.
		"a break skipped with a bigger one owes too": {cfg: budgetCfg(3), script: `
			type 61m
			skip movement
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:15:01 due posture 10s
			09:29:31 warn stretch 3m0s with posture
			09:30:01 due stretch 3m0s with posture
			09:59:31 warn movement 10m0s with stretch
			10:00:01 due movement 10m0s with stretch
			10:01:00 skipped movement spent debt+10m0s
			10:01:00 skipped posture
			10:01:00 skipped stretch debt+3m0s
			10:01:00 status active session=1h0m59s today=1h0m59s skips=1/3 debt-stretch=3m0s debt-movement=10m0s | posture 15m0s | stretch 30m0s | movement 1h0m0s skips=1`},
		// Overnight the debt and the skips spent start over (the day
		// boundary, 04:00); a night's suspend crosses it like a day's work.
		"debt decays overnight": {cfg: stretchOnly(1), script: `
			type 31m
			skip stretch
			type until 12:00
			suspend 17h
			type 1m
			status
			type 30m
			skip stretch`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:30:01 due stretch 3m0s
			09:31:00 skipped stretch spent debt+3m0s
			10:01:00 due stretch 4m30s extra 1m30s
			-- Tue 2026-03-03 --
			05:00:01 debt_cleared stretch 3m0s
			05:00:01 gap 17h0m0s
			05:00:01 natural stretch 17h0m1s
			05:00:01 session_end 2h59m59s
			05:00:07 session_start 17h0m2s
			05:01:00 status active session=58s today=58s | stretch 29m2s
			05:30:02 due stretch 3m0s
			05:31:00 skipped stretch spent debt+3m0s`},
		// A clock set back keeps the day's budget and debt (as it keeps
		// Today); one set forward past the day boundary starts a new day.
		"clock changes move the day boundary only": {cfg: stretchOnly(3), script: `
			type 31m
			skip stretch
			jump -2h
			type 1m
			status
			jump +21h
			type 1m
			status`, want: `
			-- Mon 2026-03-02 --
			09:00:06 session_start 1s
			09:30:01 due stretch 3m0s
			09:31:00 skipped stretch spent debt+3m0s
			07:31:01 clock_jump -2h0m0s
			07:32:00 status active session=31m59s today=31m59s skips=1/3 debt-stretch=3m0s | stretch 29m0s skips=1
			-- Tue 2026-03-03 --
			04:32:01 clock_jump 21h0m0s
			04:32:01 debt_cleared stretch 3m0s
			04:33:00 status active session=32m59s today=1m0s | stretch 28m0s skips=1`},
	}
}

func TestBudgetRules(t *testing.T) {
	for name, tc := range budgetCases() {
		t.Run(name, func(t *testing.T) {
			s := runScript(t, tc.cfg(), "start 2026-03-02 09:00 +01:00\npoll 1s\n"+tc.script)
			got := strings.TrimSpace(s.Log())
			want := strings.TrimSpace(strings.ReplaceAll(tc.want, "\t", ""))
			if got != want {
				t.Errorf("log differs\n--- got\n%s\n--- want\n%s", got, want)
			}
		})
	}
}

// TestBudgetSnapshot: CanSkip follows the budget (for the card and the
// tray), and Budget reports what status shows.
func TestBudgetSnapshot(t *testing.T) {
	s := runScript(t, stretchOnly(1)(), "start 2026-03-02 09:00 +01:00\npoll 1s\ntype 31m")
	track := func() schedule.TrackState { return s.Sched.Snapshot().Tracks[0] }
	if !track().CanSkip {
		t.Fatal("CanSkip false with the budget unspent")
	}
	at := s.Clock.Wall()
	if _, err := s.Sched.Skip(schedule.Stretch, at); err != nil {
		t.Fatal(err)
	}
	if err := s.Run("type 30m"); err != nil {
		t.Fatal(err)
	}
	sn := s.Sched.Snapshot()
	if sn.Tracks[0].CanSkip {
		t.Error("CanSkip true with the budget spent")
	}
	b := sn.Budget
	want := schedule.Budget{On: true, Used: 1, Left: 0, Debt: []schedule.KindDebt{
		{Kind: schedule.Stretch, Debt: 3 * time.Minute, Extra: 90 * time.Second},
		{Kind: schedule.Movement},
	}}
	if b.On != want.On || b.Used != want.Used || b.Left != want.Left || len(b.Debt) != 2 || b.Debt[0] != want.Debt[0] || b.Debt[1] != want.Debt[1] {
		t.Errorf("Budget = %+v, want %+v", b, want)
	}
	if b.Total() != 3*time.Minute {
		t.Errorf("Total = %v, want 3m", b.Total())
	}
	_, err := s.Sched.Skip(schedule.Stretch, s.Clock.Wall())
	if !errors.Is(err, schedule.ErrSkipBudget) {
		t.Errorf("skip past the budget: %v, want ErrSkipBudget", err)
	}
	if !s.Sched.Snapshot().Tracks[0].Due {
		t.Error("a refused skip changed the break")
	}
}

// TestBudgetOff: NoSkipBudget allows any number of skips, and DebtCap 0
// keeps no debt.
func TestBudgetOff(t *testing.T) {
	c := stretchOnly(schedule.NoSkipBudget)()
	c.DebtCap = 0
	c.MaxSkips = 0
	s := runScript(t, c, "start 2026-03-02 09:00 +01:00\npoll 1s\nauto skip\ntype 4h")
	if n := s.Count(schedule.EventSkipped, schedule.Stretch); n < 7 {
		t.Errorf("%d skips in 4 h without a budget, want 7 or more", n)
	}
	b := s.Sched.Snapshot().Budget
	if b.On || b.Total() != 0 || !s.Sched.Snapshot().Tracks[0].CanSkip {
		t.Errorf("budget off: %+v", b)
	}
	if strings.Contains(s.Log(), "extra") || strings.Contains(s.Log(), "debt") {
		t.Errorf("debt kept with DebtCap 0:\n%s", s.Log())
	}
}

// TestRestoreBudget: a restarted daemon puts back today's skips and debt;
// another day's are ignored, bad values refused.
func TestRestoreBudget(t *testing.T) {
	s := runScript(t, stretchOnly(2)(), "start 2026-03-02 09:00 +01:00\npoll 1s\ntype 31m")
	at := s.Clock.Wall()
	debt := map[schedule.Kind]time.Duration{schedule.Stretch: time.Minute, schedule.Posture: time.Hour}
	if err := s.Sched.RestoreBudget(2, debt, at.AddDate(0, 0, 1)); err != nil {
		t.Fatal(err)
	}
	if b := s.Sched.Snapshot().Budget; b.Used != 0 || b.Total() != 0 {
		t.Errorf("tomorrow's budget restored today: %+v", b)
	}
	if err := s.Sched.RestoreBudget(2, debt, at); err != nil {
		t.Fatal(err)
	}
	b := s.Sched.Snapshot().Budget
	if b.Used != 2 || b.Left != 0 || b.Total() != time.Minute {
		t.Errorf("restored %+v, want 2 used and 1m of stretch debt (posture is not budgeted)", b)
	}
	if _, err := s.Sched.Skip(schedule.Stretch, at); !errors.Is(err, schedule.ErrSkipBudget) {
		t.Errorf("skip after restoring a spent budget: %v", err)
	}
	if err := s.Sched.RestoreBudget(-1, nil, at); err == nil {
		t.Error("negative skips restored")
	}
	if err := s.Sched.RestoreBudget(0, map[schedule.Kind]time.Duration{schedule.Stretch: -time.Second}, at); !errors.Is(err, schedule.ErrBadDuration) {
		t.Errorf("negative debt: %v", err)
	}
}

func TestBudgetValidate(t *testing.T) {
	for _, tc := range []struct {
		skips, cap int
		ok         bool
	}{{3, 50, true}, {0, 0, true}, {schedule.NoSkipBudget, 100, true}, {-2, 50, false}, {3, -1, false}, {3, 101, false}} {
		c := schedule.DefaultConfig()
		c.SkipBudget, c.DebtCap = tc.skips, tc.cap
		if err := c.Validate(); (err == nil) != tc.ok {
			t.Errorf("SkipBudget %d, DebtCap %d: %v", tc.skips, tc.cap, err)
		}
	}
}
