package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/schedule"
)

func historyFixture(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "history.jsonl")
	s, err := history.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Now()
	start := now.Add(-2 * time.Hour)
	// The day begins three hours ago, so the fixture lies inside "today"
	// whatever the time the test runs at (just after midnight too).
	b := now.Add(-3 * time.Hour)
	dayStart := time.Duration(b.Hour())*time.Hour + time.Duration(b.Minute())*time.Minute
	steps := []error{
		s.SetGoals(history.Goals{DailyLimit: 6 * time.Hour, Glasses: 4, DayStart: dayStart}),
		s.RecordActivity(start, start.Add(95*time.Minute), false),
		s.RecordBreak(history.BreakRecord{At: start.Add(96 * time.Minute), Kind: schedule.Stretch, CardID: "neck", Outcome: history.Done, Duration: time.Minute}),
		s.RecordBreak(history.BreakRecord{At: start.Add(97 * time.Minute), Kind: schedule.Posture, Outcome: history.Skipped}),
		s.RecordGlass(start.Add(time.Minute), history.SourceCLI),
		s.RecordGlass(start.Add(2*time.Minute), history.SourceTray),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func runStats(t *testing.T, f func([]string, *Env) int, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := f(args, &Env{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func TestStatsText(t *testing.T) {
	db := historyFixture(t)
	code, out, errs := runStats(t, cmdStats, "--db", db, "--days", "7")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Today", "1 h 35 min of 6 h limit", "1 done, 0 natural, 0 too short, 1 skipped", "2 of 4 glasses", "Last 7 days", "Stretch", "100%"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestStatsJSON(t *testing.T) {
	db := historyFixture(t)
	code, out, errs := runStats(t, cmdStats, "--db", db, "--json", "--days", "3")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r StatsJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(r.Days) != 3 || r.Today.SittingS != 95*60 || r.Today.Glasses != 2 || r.Goals.Glasses != 4 || r.Today.Breaks.Skipped != 1 {
		t.Errorf("json: %+v", r)
	}
	if r.Kinds[0].Kind != "posture" || r.Kinds[0].Share == nil || *r.Kinds[0].Share != 0 || r.Kinds[1].Share != nil {
		t.Errorf("kinds: %+v", r.Kinds)
	}
}

func TestStatsUsage(t *testing.T) {
	for _, args := range [][]string{{"--days", "0"}, {"--days", "x"}, {"extra"}, {"--nope"}} {
		if code, _, _ := runStats(t, cmdStats, args...); code != ExitUsage {
			t.Errorf("stats %q: exit %d, want %d", args, code, ExitUsage)
		}
	}
	if code, out, _ := runStats(t, cmdStats, "--help"); code != ExitOK || !strings.Contains(out, "-days") {
		t.Errorf("--help: %d %q", code, out)
	}
	code, _, errs := runStats(t, cmdStats, "--db", filepath.Join(t.TempDir(), "none.db"))
	if code != ExitFailed || !strings.Contains(errs, "nothing recorded yet") {
		t.Errorf("missing history: %d %q", code, errs)
	}
}

func TestExportCSVAndJSON(t *testing.T) {
	db := historyFixture(t)
	code, out, errs := runStats(t, cmdExport, "--db", db, "--csv", "-")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 6 || recs[0][0] != "type" {
		t.Fatalf("csv (%v): %q", err, recs)
	}
	file := filepath.Join(t.TempDir(), "out.json")
	if code, _, errs := runStats(t, cmdExport, "--db", db, "--json", file); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var evs []map[string]any
	if err := json.Unmarshal(b, &evs); err != nil || len(evs) != 5 {
		t.Fatalf("json file (%v): %s", err, b)
	}
	for _, args := range [][]string{{}, {"--csv", "-", "--json", "-"}, {"--csv"}} {
		if code, _, _ := runStats(t, cmdExport, args...); code != ExitUsage {
			t.Errorf("export %q: exit %d, want %d", args, code, ExitUsage)
		}
	}
	// a folder that does not exist fails cleanly and leaves nothing behind
	bad := filepath.Join(t.TempDir(), "no", "such", "out.csv")
	if code, _, errs := runStats(t, cmdExport, "--db", db, "--csv", bad); code != ExitFailed || errs == "" {
		t.Errorf("bad destination: %d %q", code, errs)
	}
}

// TestStatsDebt: the day's break debt shows on the today lines and in the
// days table.
func TestStatsDebt(t *testing.T) {
	db := historyFixture(t)
	s, err := history.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-10 * time.Minute)
	if err := s.RecordBreak(history.BreakRecord{At: at, Kind: schedule.Stretch, Outcome: history.Skipped, Debt: 6 * time.Minute, Spent: true}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, errs := runStats(t, cmdStats, "--db", db, "--days", "7")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Break debt", "6 min owed\n", "Skip budget", "1 used (breaks skipped together count once", "6 min  "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "paid back") {
		t.Errorf("nothing was paid back, yet:\n%s", out)
	}
}

// A stretch skipped with a posture check merged into it is two skipped
// breaks and one skip of the budget: the budget line says why they differ;
// what was paid back is named once something was.
func TestStatsSkipsAgree(t *testing.T) {
	db := historyFixture(t)
	s, err := history.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-10 * time.Minute)
	for _, r := range []history.BreakRecord{
		{At: at, Kind: schedule.Stretch, Outcome: history.Skipped, Debt: 6 * time.Minute, Spent: true},
		{At: at, Kind: schedule.Posture, Outcome: history.Skipped},
		{At: at.Add(5 * time.Minute), Kind: schedule.Stretch, Outcome: history.Done, Paid: 2 * time.Minute},
	} {
		if err := s.RecordBreak(r); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	code, out, errs := runStats(t, cmdStats, "--db", db, "--days", "7")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// The fixture has a posture check skipped already: three skipped.
	for _, want := range []string{"3 skipped", "1 used (breaks skipped together count once", "6 min owed, 2 min paid back"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// Each count of a stats line takes its own plural form: "1 terminée",
// not "1 terminées" (the new-user trial, in French and Spanish).
func TestBreakCountsAgree(t *testing.T) {
	defer func() { _ = i18n.Init("en") }()
	for lang, want := range map[string]string{
		"fr": "1 terminée, 2 naturelles, 0 trop courte, 1 passée, 3 reportées, 1 interrompue",
		"es": "1 completada, 2 naturales, 0 muy cortas, 1 saltada, 3 aplazadas, 1 interrumpida",
		"en": "1 done, 2 natural, 0 too short, 1 skipped, 3 snoozed, 1 closed early",
	} {
		if err := i18n.Init(lang); err != nil {
			t.Fatal(err)
		}
		got := i18n.X("stats.cli.breaks_line", "{{.Done}}, {{.Natural}}, {{.Short}}, {{.Skipped}}, {{.Snoozed}}, {{.Closed}}", history.Counts{Done: 1, Natural: 2, Skipped: 1, Snoozed: 3, ClosedEarly: 1}.Words())
		if got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
