package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The calendar end to end (issue 14): with [calendar] files naming an .ics
// file that does not exist yet, the daemon runs and says the file is
// missing; writing it with a meeting from now-1m to now+10m puts
// "holding": {"reason": "meeting"} into status --json within 5 s, and
// status --explain names the meeting by its title, never its description.
func TestEndToEndCalendarMeeting(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end: not with -short")
	}
	bin := limberBin(t)
	d := newDesktop(t)
	var home, cfgHome string
	for _, e := range d.env {
		if v, ok := strings.CutPrefix(e, "HOME="); ok {
			home = v
		}
		if v, ok := strings.CutPrefix(e, "XDG_CONFIG_HOME="); ok {
			cfgHome = v
		}
	}
	os.MkdirAll(filepath.Join(cfgHome, "limber"), 0o700)
	cfg := "[calendar]\nfiles = [\"~/cal/work.ics\"]\n"
	if err := os.WriteFile(filepath.Join(cfgHome, "limber", "config.toml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	d.startDaemon(t, bin)
	waitFor(t, 5*time.Second, "the missing calendar file in status", func() bool {
		st := d.status(t, bin)
		return strings.Contains(strings.Join(st.Problems, "\n"), "cal/work.ics")
	})
	if st := d.status(t, bin); st.Holding != nil {
		t.Fatalf("holding before any meeting: %+v", st.Holding)
	}

	now := time.Now().UTC()
	ics := strings.Join([]string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//limber e2e//EN", "BEGIN:VEVENT",
		"UID:e2e-1", "SUMMARY:Design review", "DESCRIPTION:private notes",
		"DTSTART:" + now.Add(-time.Minute).Format("20060102T150405Z"),
		"DTEND:" + now.Add(10*time.Minute).Format("20060102T150405Z"),
		"END:VEVENT", "END:VCALENDAR", ""}, "\r\n")
	os.MkdirAll(filepath.Join(home, "cal"), 0o700)
	tmp := filepath.Join(home, "cal", ".work.ics.tmp")
	if err := os.WriteFile(tmp, []byte(ics), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(home, "cal", "work.ics")); err != nil {
		t.Fatal(err)
	}
	written := time.Now()
	waitFor(t, 5*time.Second, `"holding": {"reason": "meeting"} in status --json`, func() bool {
		h := d.status(t, bin).Holding
		return h != nil && h.Reason == "meeting"
	})
	t.Logf("meeting seen %v after the file was written", time.Since(written).Round(time.Millisecond))
	st := d.status(t, bin)
	if st.Holding.Until == nil || st.Holding.Until.Sub(now.Add(10*time.Minute)).Abs() > time.Second || st.Holding.Event != "Design review" {
		t.Errorf("holding %+v: want until %v, event \"Design review\"", st.Holding, now.Add(10*time.Minute))
	}
	if len(st.Problems) != 0 {
		t.Errorf("problems left once the file exists: %q", st.Problems)
	}
	out, _, _ := d.limber(t, bin, "status", "--explain")
	until := now.Add(10 * time.Minute).Local().Format("15:04")
	if !strings.Contains(out, "In a meeting until "+until+" (Design review)") || strings.Contains(out, "private notes") {
		t.Errorf("status --explain does not name the meeting (or shows its description):\n%s", out)
	}
}
