package schedule_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/calendar"

	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/schedule/sim"
)

var update = flag.Bool("update", false, "rewrite the golden event logs in testdata/")

// TestGolden replays each testdata/*.script through the simulator with the
// default configuration and compares the event log with the .golden file
// beside it. Run with -update to rewrite them, then read the diff line by
// line before committing.
func TestGolden(t *testing.T) {
	scripts, err := filepath.Glob("testdata/*.script")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts in testdata: %v", err)
	}
	for _, path := range scripts {
		name := strings.TrimSuffix(filepath.Base(path), ".script")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := sim.ParseWith(schedule.DefaultConfig(), string(src), calendarFor(t, path))
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			got := s.Log()
			golden := strings.TrimSuffix(path, ".script") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n%s", path, golden, diff(string(want), got))
			}
		})
	}
}

// calendarFor hands a script the busy events of the .ics file beside it
// (NAME.ics for NAME.script), if any, read for the week from its start.
func calendarFor(t *testing.T, script string) func(*sim.Sim) {
	f, err := os.Open(strings.TrimSuffix(script, ".script") + ".ics")
	if err != nil {
		return nil
	}
	return func(s *sim.Sim) {
		defer f.Close()
		start := s.Clock.Wall()
		ev, err := calendar.Read(f, start.Add(-24*time.Hour), start.Add(8*24*time.Hour), start.Location())
		if err != nil {
			t.Fatalf("%s: %v", f.Name(), err)
		}
		for _, e := range ev {
			s.Busy = append(s.Busy, schedule.Busy{Start: e.Start, End: e.End, Summary: e.Summary})
		}
		s.Sched.SetBusy(s.Busy)
	}
}

// diff shows the first differing lines with a little context.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	var b strings.Builder
	for j := max(0, i-3); j < i; j++ {
		b.WriteString("  " + w[j] + "\n")
	}
	for j := i; j < min(len(w), i+5); j++ {
		b.WriteString("- " + w[j] + "\n")
	}
	for j := i; j < min(len(g), i+5); j++ {
		b.WriteString("+ " + g[j] + "\n")
	}
	return b.String()
}
