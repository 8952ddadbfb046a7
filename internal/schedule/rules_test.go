package schedule_test

import (
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/schedule/sim"
)

// runScript runs script on cfg and returns the simulator; a bad script
// fails the test.
func runScript(t *testing.T, cfg schedule.Config, script string) *sim.Sim {
	t.Helper()
	s, err := sim.Parse(cfg, script)
	if err != nil {
		log := ""
		if s != nil {
			log = s.Log()
		}
		t.Fatalf("script: %v\nlog so far:\n%s", err, log)
	}
	return s
}

// simple is the default configuration with only posture, stretch and
// movement, long lengths so short absences do not reset them, and no
// daily limit, and no waiting for a lull: each rule can be seen alone.
func simple() schedule.Config {
	c := schedule.DefaultConfig()
	c.Tracks = []schedule.Track{
		{Kind: schedule.Posture, Enabled: true, Interval: 15 * time.Minute, Length: 10 * time.Second},
		{Kind: schedule.Stretch, Enabled: true, Interval: 30 * time.Minute, Length: 3 * time.Minute, Warn: 30 * time.Second},
		{Kind: schedule.Movement, Enabled: true, Interval: 60 * time.Minute, Length: 10 * time.Minute, Warn: 30 * time.Second},
	}
	c.DailyLimit = 0
	c.LullLimit = 0 // the lull rule has its own cases
	// The skip budget and break debt have their own cases (budget_test.go).
	c.SkipBudget, c.DebtCap = schedule.NoSkipBudget, 0
	return c
}

type ruleCase struct {
	cfg    func() schedule.Config
	script string
	want   string // the whole log
}

func TestRules(t *testing.T) {
	for name, tc := range ruleCases() {
		t.Run(name, func(t *testing.T) {
			cfg := simple()
			if tc.cfg != nil {
				cfg = tc.cfg()
			}
			s := runScript(t, cfg, "start 2026-03-02 09:00 +01:00\npoll 1s\n"+tc.script)
			got := strings.TrimSpace(s.Log())
			want := strings.TrimSpace(strings.ReplaceAll(tc.want, "\t", ""))
			if got != want {
				t.Errorf("log differs\n--- got\n%s\n--- want\n%s", got, want)
			}
		})
	}
}
