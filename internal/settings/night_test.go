package settings

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Working hours may cross midnight: monday 22:00-06:00 is Monday night
// into Tuesday morning.
func TestNightShift(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	must(t, os.WriteFile(path, []byte("[working_hours]\nenabled = true\nmonday = { start = \"22:00\", end = \"06:00\" }\n"), 0o600))
	s, probs, err := Load(path)
	must(t, err)
	if len(probs) > 0 {
		t.Fatalf("a night shift is refused: %v", probs)
	}
	wh := s.WorkingHours
	wh.Days[time.Tuesday].Off = true                                                                       // only the Monday shift
	at := func(day, hour, min int) time.Time { return time.Date(2026, 3, day, hour, min, 0, 0, time.UTC) } // 2 March 2026 is a Monday
	for _, tc := range []struct {
		t    time.Time
		want bool
	}{
		{at(2, 21, 59), false},
		{at(2, 22, 0), true},
		{at(2, 23, 59), true},
		{at(3, 0, 0), true}, // Tuesday, the shift's tail
		{at(3, 5, 59), true},
		{at(3, 6, 0), false},
		{at(3, 22, 30), false}, // Tuesday is off
		{at(2, 3, 0), false},   // Sunday night had no shift
	} {
		if got := wh.Contains(tc.t); got != tc.want {
			t.Errorf("%s: in hours %v, want %v", tc.t.Format("Mon 15:04"), got, tc.want)
		}
	}
	s.WorkingHours.Days[time.Monday].End = s.WorkingHours.Days[time.Monday].Start
	if errs := s.Validate(); len(errs) == 0 {
		t.Error("a shift that ends when it starts is accepted")
	}
}
