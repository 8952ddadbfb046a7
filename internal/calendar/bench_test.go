package calendar

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// yearICS is a busy year: a daily stand-up, two weekly meetings with
// moved occurrences, and 1000 single meetings.
func yearICS() string {
	var b strings.Builder
	b.WriteString(vevent("UID:standup", "SUMMARY:Stand-up", "DTSTART;TZID=Europe/Berlin:20260105T093000", "DTEND;TZID=Europe/Berlin:20260105T094500", "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "EXDATE;TZID=Europe/Berlin:20260406T093000"))
	for i, day := range []string{"TU", "TH"} {
		b.WriteString("\n" + vevent(fmt.Sprintf("UID:weekly%d", i), "SUMMARY:Weekly", "DTSTART;TZID=Europe/Berlin:20260106T140000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;BYDAY="+day))
		for w := 0; w < 10; w++ {
			at := time.Date(2026, 1, 6+7*w, 14, 0, 0, 0, berlin)
			b.WriteString("\n" + vevent(fmt.Sprintf("UID:weekly%d", i), "SUMMARY:Weekly (moved)", "RECURRENCE-ID;TZID=Europe/Berlin:"+at.Format("20060102T150405"), "DTSTART:"+at.Add(2*time.Hour).UTC().Format("20060102T150405Z"), "DURATION:PT1H"))
		}
	}
	for i := 0; i < 1000; i++ {
		at := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * 8 * time.Hour)
		b.WriteString("\n" + vevent(fmt.Sprintf("UID:m%d", i), fmt.Sprintf("SUMMARY:Meeting %d", i), "DESCRIPTION:notes", "DTSTART:"+at.Format("20060102T150405Z"), "DURATION:PT45M"))
	}
	return wrap(b.String())
}

// BenchmarkRead: reading a year's calendar for the daemon's window (three
// days), which it does when a file changes and twice a day.
func BenchmarkRead(b *testing.B) {
	data := yearICS()
	from := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		ev, err := Read(strings.NewReader(data), from, from.Add(72*time.Hour), time.UTC)
		if err != nil || len(ev) == 0 {
			b.Fatal(len(ev), err)
		}
	}
}

// BenchmarkPollUnchanged: what the daemon pays every 2 s for a folder of
// calendars that did not change (stat calls only).
func BenchmarkPollUnchanged(b *testing.B) {
	dir := b.TempDir()
	for i := 0; i < 5; i++ {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("c%d.ics", i)), []byte(yearICS()), 0o600)
	}
	f := NewFiles([]string{dir})
	now := time.Now()
	f.Poll(now)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if f.Poll(now) {
			b.Fatal("changed")
		}
	}
}
