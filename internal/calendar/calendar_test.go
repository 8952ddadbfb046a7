package calendar

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func wrap(body string) string {
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//limber test//EN\r\n" +
		strings.ReplaceAll(strings.TrimSpace(body), "\n", "\r\n") + "\r\nEND:VCALENDAR\r\n"
}

func vevent(lines ...string) string {
	return "BEGIN:VEVENT\n" + strings.Join(lines, "\n") + "\nEND:VEVENT"
}

var berlin = func() *time.Location {
	l, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return l
}()

// show renders events as "Mon 15:04-15:04 Summary" in Berlin time.
func show(ev []Event) string {
	var b []string
	for _, e := range ev {
		b = append(b, fmt.Sprintf("%s-%s %s", e.Start.In(berlin).Format("Mon 01-02 15:04"), e.End.In(berlin).Format("15:04"), e.Summary))
	}
	return strings.Join(b, "; ")
}

func TestRead(t *testing.T) {
	from := time.Date(2026, 3, 9, 0, 0, 0, 0, berlin) // Monday
	to := from.Add(7 * 24 * time.Hour)
	cases := []struct {
		name, body, want, problem string
	}{
		{"utc", vevent("UID:a", "SUMMARY:Review", "DTSTART:20260309T100000Z", "DTEND:20260309T110000Z"),
			"Mon 03-09 11:00-12:00 Review", ""},
		{"tzid", vevent("UID:a", "SUMMARY:Review", "DTSTART;TZID=Europe/Berlin:20260309T100000", "DTEND;TZID=Europe/Berlin:20260309T103000"),
			"Mon 03-09 10:00-10:30 Review", ""},
		{"floating is local", vevent("UID:a", "SUMMARY:Local", "DTSTART:20260309T090000", "DURATION:PT45M"),
			"Mon 03-09 09:00-09:45 Local", ""},
		{"windows zone", vevent("UID:a", "SUMMARY:Outlook", "DTSTART;TZID=W. Europe Standard Time:20260310T140000", "DTEND;TZID=W. Europe Standard Time:20260310T150000"),
			"Tue 03-10 14:00-15:00 Outlook", ""},
		{"all-day ignored", vevent("UID:a", "SUMMARY:Holiday", "DTSTART;VALUE=DATE:20260310", "DTEND;VALUE=DATE:20260311"), "", ""},
		{"transparent ignored", vevent("UID:a", "SUMMARY:Free", "TRANSP:TRANSPARENT", "DTSTART:20260309T100000Z", "DTEND:20260309T110000Z"), "", ""},
		{"cancelled ignored", vevent("UID:a", "SUMMARY:Gone", "STATUS:CANCELLED", "DTSTART:20260309T100000Z", "DTEND:20260309T110000Z"), "", ""},
		{"outside window", vevent("UID:a", "SUMMARY:Later", "DTSTART:20260401T100000Z", "DTEND:20260401T110000Z"), "", ""},
		{"daily with exdate", vevent("UID:s", "SUMMARY:Stand-up", "DTSTART;TZID=Europe/Berlin:20260302T093000", "DTEND;TZID=Europe/Berlin:20260302T094500",
			"RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "EXDATE;TZID=Europe/Berlin:20260311T093000"),
			"Mon 03-09 09:30-09:45 Stand-up; Tue 03-10 09:30-09:45 Stand-up; Thu 03-12 09:30-09:45 Stand-up; Fri 03-13 09:30-09:45 Stand-up", ""},
		{"override moves one", vevent("UID:s", "SUMMARY:Sync", "DTSTART;TZID=Europe/Berlin:20260309T150000", "DTEND;TZID=Europe/Berlin:20260309T153000", "RRULE:FREQ=DAILY;COUNT=3") + "\n" +
			vevent("UID:s", "SUMMARY:Sync (moved)", "RECURRENCE-ID;TZID=Europe/Berlin:20260310T150000", "DTSTART;TZID=Europe/Berlin:20260310T170000", "DTEND;TZID=Europe/Berlin:20260310T173000"),
			"Mon 03-09 15:00-15:30 Sync; Tue 03-10 17:00-17:30 Sync (moved); Wed 03-11 15:00-15:30 Sync", ""},
		{"override cancels one", vevent("UID:s", "SUMMARY:Sync", "DTSTART:20260309T140000Z", "DTEND:20260309T143000Z", "RRULE:FREQ=DAILY;UNTIL=20260311T235959Z") + "\n" +
			vevent("UID:s", "SUMMARY:Sync", "STATUS:CANCELLED", "RECURRENCE-ID:20260310T140000Z", "DTSTART:20260310T140000Z", "DTEND:20260310T143000Z"),
			"Mon 03-09 15:00-15:30 Sync; Wed 03-11 15:00-15:30 Sync", ""},
		{"recurring across the DST change keeps local time", vevent("UID:w", "SUMMARY:Weekly", "DTSTART;TZID=Europe/Berlin:20260323T100000", "DTEND;TZID=Europe/Berlin:20260323T110000", "RRULE:FREQ=WEEKLY"),
			"", ""}, // checked in TestReadDST
		{"escaped summary", vevent("UID:a", `SUMMARY:Plan\, budget\; people`, "DTSTART:20260309T100000Z", "DTEND:20260309T110000Z"),
			"Mon 03-09 11:00-12:00 Plan, budget; people", ""},
		{"unknown zone read as local", vevent("UID:z", "SUMMARY:Where", "DTSTART;TZID=Mars/Olympus:20260309T100000", "DTEND;TZID=Mars/Olympus:20260309T110000"),
			"", "unknown time zone"},
		{"bad date skipped", vevent("UID:b", "SUMMARY:Bad", "DTSTART:2026-03-09", "DTEND:20260309T110000Z") + "\n" +
			vevent("UID:c", "SUMMARY:Good", "DTSTART:20260309T120000Z", "DTEND:20260309T130000Z"),
			"Mon 03-09 13:00-14:00 Good", "event b: DTSTART"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev, err := Read(strings.NewReader(wrap(c.body)), from, to, berlin)
			got := show(ev)
			if c.name != "recurring across the DST change keeps local time" && c.name != "unknown zone read as local" && got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			if c.problem == "" && err != nil {
				t.Errorf("unexpected problem: %v", err)
			}
			if c.problem != "" && (err == nil || !strings.Contains(err.Error(), c.problem)) {
				t.Errorf("problem %v, want one with %q", err, c.problem)
			}
		})
	}
}

// Lengths come from DTEND or DURATION.
func TestReadLengths(t *testing.T) {
	from := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
	body := vevent("UID:a", "SUMMARY:A", "DTSTART:20260309T100000Z", "DURATION:PT1H30M") + "\n" +
		vevent("UID:b", "SUMMARY:B", "DTSTART:20260309T130000Z", "DTEND:20260309T131500Z") + "\n" +
		vevent("UID:c", "SUMMARY:Zero", "DTSTART:20260309T140000Z")
	ev, err := Read(strings.NewReader(wrap(body)), from, from.Add(24*time.Hour), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev) != 2 || ev[0].End.Sub(ev[0].Start) != 90*time.Minute || ev[1].End.Sub(ev[1].Start) != 15*time.Minute {
		t.Fatalf("got %+v", ev)
	}
}

// A weekly meeting at 10:00 Berlin time stays at 10:00 across the change
// to summer time (29 March 2026): 09:00 UTC before, 08:00 UTC after.
func TestReadDST(t *testing.T) {
	body := vevent("UID:w", "SUMMARY:Weekly", "DTSTART;TZID=Europe/Berlin:20260323T100000", "DTEND;TZID=Europe/Berlin:20260323T110000", "RRULE:FREQ=WEEKLY")
	from := time.Date(2026, 3, 22, 0, 0, 0, 0, time.UTC)
	ev, err := Read(strings.NewReader(wrap(body)), from, from.Add(14*24*time.Hour), time.UTC)
	if err != nil || len(ev) != 2 {
		t.Fatalf("got %v, %v", ev, err)
	}
	if h := ev[0].Start.UTC().Hour(); h != 9 {
		t.Errorf("before the change: %v UTC, want 09:00", ev[0].Start.UTC())
	}
	if h := ev[1].Start.UTC().Hour(); h != 8 {
		t.Errorf("after the change: %v UTC, want 08:00", ev[1].Start.UTC())
	}
	for _, e := range ev {
		if e.Start.In(berlin).Hour() != 10 || e.End.Sub(e.Start) != time.Hour {
			t.Errorf("%v: want 10:00-11:00 Berlin time", e)
		}
	}
}

// The summary is kept; the description never is.
func TestReadKeepsNoDescription(t *testing.T) {
	body := vevent("UID:p", "SUMMARY:1:1", "DESCRIPTION:salary talk, confidential", "DTSTART:20260309T100000Z", "DTEND:20260309T110000Z")
	from := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
	ev, _ := Read(strings.NewReader(wrap(body)), from, from.Add(24*time.Hour), time.UTC)
	if len(ev) != 1 || ev[0].Summary != "1:1" || strings.Contains(fmt.Sprint(ev), "salary") {
		t.Fatalf("got %+v", ev)
	}
}

func TestReadNotACalendar(t *testing.T) {
	for _, in := range []string{"", "hello", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"} {
		ev, err := Read(strings.NewReader(in), time.Time{}, time.Now(), time.UTC)
		if len(ev) != 0 || err == nil {
			t.Errorf("%q: got %v, %v; want no events and a problem", in, ev, err)
		}
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"PT1H30M": 90 * time.Minute, "P1D": 24 * time.Hour, "-PT5M": -5 * time.Minute, "P1W": 7 * 24 * time.Hour, "PT45S": 45 * time.Second, "P1DT2H": 26 * time.Hour} {
		if got, err := parseDuration(in); err != nil || got != want {
			t.Errorf("%s: got %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "P", "PT", "1H", "PTXM", "P1H", "PT1D", "PT5"} {
		if _, err := parseDuration(in); err == nil {
			t.Errorf("%q: want an error", in)
		}
	}
}

// Files: a folder of .ics files, read again when one changes, a missing
// path and a broken file reported by name, the others still read.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	ev := func(sum string, start time.Time) string {
		return vevent("UID:"+sum, "SUMMARY:"+sum, "DTSTART:"+start.UTC().Format("20060102T150405Z"), "DTEND:"+start.Add(30*time.Minute).UTC().Format("20060102T150405Z"))
	}
	os.MkdirAll(filepath.Join(dir, "cals", "work"), 0o755)
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("cals/work/calendar.ics", wrap(ev("Planning", now.Add(time.Hour))))
	write("cals/other.ics", wrap(ev("Lunch", now.Add(2*time.Hour))))
	write("cals/notes.txt", "not a calendar")
	write("broken.ics", "BEGIN:VCALENDAR\r\ngarbage")
	f := NewFiles([]string{filepath.Join(dir, "cals"), filepath.Join(dir, "missing.ics"), filepath.Join(dir, "broken.ics")})
	if !f.Poll(now) {
		t.Fatal("first poll: no change")
	}
	if got := summaries(f.Busy()); got != "Planning,Lunch" {
		t.Errorf("busy %s", got)
	}
	probs := strings.Join(f.Problems(), "\n")
	if !strings.Contains(probs, "missing.ics: no such file") || !strings.Contains(probs, "broken.ics") {
		t.Errorf("problems:\n%s", probs)
	}
	if f.Poll(now.Add(2 * time.Second)) {
		t.Error("second poll without changes reports a change")
	}
	write("cals/other.ics", wrap(ev("Lunch moved", now.Add(3*time.Hour))))
	if !f.Poll(now.Add(4 * time.Second)) {
		t.Fatal("edit not noticed")
	}
	if got := summaries(f.Busy()); got != "Planning,Lunch moved" {
		t.Errorf("after the edit: %s", got)
	}
	os.Remove(filepath.Join(dir, "cals", "other.ics"))
	f.Poll(now.Add(6 * time.Second))
	if got := summaries(f.Busy()); got != "Planning" {
		t.Errorf("after removing a file: %s", got)
	}
}

func summaries(ev []Event) string {
	var s []string
	for _, e := range ev {
		s = append(s, e.Summary)
	}
	return strings.Join(s, ",")
}

func TestExpand(t *testing.T) {
	if got := Expand("~/work.ics", "/home/u"); got != "/home/u/work.ics" {
		t.Error(got)
	}
	if got := Expand("/abs/x.ics", "/home/u"); got != "/abs/x.ics" {
		t.Error(got)
	}
}

// FuzzRead: any input gives events inside the window with positive
// length, or a problem, and never a panic or a hang.
func FuzzRead(f *testing.F) {
	f.Add(wrap(vevent("UID:s", "SUMMARY:Stand-up", "DTSTART;TZID=Europe/Berlin:20260302T093000", "DTEND;TZID=Europe/Berlin:20260302T094500", "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "EXDATE;TZID=Europe/Berlin:20260311T093000")))
	f.Add(wrap(vevent("UID:s", "DTSTART:20260309T140000Z", "DURATION:PT30M", "RRULE:FREQ=DAILY;COUNT=3") + "\n" + vevent("UID:s", "RECURRENCE-ID:20260310T140000Z", "DTSTART:20260310T160000Z", "DTEND:20260310T163000Z")))
	f.Add(wrap(vevent("UID:x", "DTSTART:20260309T100000", "RRULE:FREQ=SECONDLY", "DURATION:PT1S")))
	f.Add(wrap(vevent("UID:y", "DTSTART;VALUE=DATE:20260310", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31")))
	f.Add(wrap("BEGIN:VTIMEZONE\nTZID:X\nX-LIC-LOCATION:Europe/Paris\nEND:VTIMEZONE\n" + vevent("DTSTART;TZID=X:20260309T100000", "DTEND;TZID=X:20260309T110000")))
	f.Add("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:1\r\nEND:VCALENDAR")
	from := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
	to := from.Add(3 * 24 * time.Hour)
	f.Fuzz(func(t *testing.T, data string) {
		ev, _ := Read(strings.NewReader(data), from, to, time.UTC)
		for _, e := range ev {
			if !e.End.After(e.Start) || !e.End.After(from) || !e.Start.Before(to) {
				t.Fatalf("event outside the window or without length: %+v", e)
			}
		}
	})
}

// The content-line reader (parse.go): folded lines, a byte-order mark,
// quoted and comma-separated parameters, a VALARM's properties kept out
// of its event, a VTIMEZONE's X-LIC-LOCATION, TEXT escapes in the title.
func TestReadContentLines(t *testing.T) {
	from := time.Date(2026, 3, 9, 0, 0, 0, 0, berlin)
	to := from.Add(3 * 24 * time.Hour)
	body := "BEGIN:VTIMEZONE\nTZID:Custom Zone\nX-LIC-LOCATION:Europe/Berlin\nBEGIN:STANDARD\nDTSTART:19701025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\n" +
		vevent("UID:f", "SUMMARY:Fol", " ded\\nline", "DTSTART;X-A=\"a:b;c\";TZID=\"Custom Zone\":20260309T100000", "DTEND;TZID=Custom Zone:20260309T110000",
			"RDATE;TZID=Custom Zone:20260310T100000,20260311T100000", "BEGIN:VALARM", "ACTION:DISPLAY", "SUMMARY:Alarm", "TRANSP:TRANSPARENT", "TRIGGER:-PT5M", "END:VALARM")
	ev, err := Read(strings.NewReader("\ufeff"+wrap(body)), from, to, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	want := "Mon 03-09 10:00-11:00 Folded line; Tue 03-10 10:00-11:00 Folded line; Wed 03-11 10:00-11:00 Folded line"
	if got := show(ev); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// A file that is not well formed is refused as a whole, as before.
func TestReadMalformed(t *testing.T) {
	ok := vevent("UID:a", "SUMMARY:A", "DTSTART:20260309T100000Z", "DTEND:20260309T110000Z")
	for name, in := range map[string]string{
		"no colon":                  wrap(vevent("UID:a", "DTSTART:20260309T100000Z", "SUMMARY")),
		"parameter without =":       wrap(vevent("UID:a", "DTSTART;TZID:20260309T100000Z")),
		"quote inside parameter":    wrap(vevent("UID:a", "DTSTART;TZID=Eu\"rope:20260309T100000Z")),
		"unbalanced end":            wrap(vevent("UID:a", "DTSTART:20260309T100000Z", "END:VALARM")),
		"property between events":   wrap(ok + "\nX-STRAY:1\n" + ok),
		"after END:VCALENDAR":       wrap(ok) + "BEGIN:VEVENT\r\n",
		"ends inside an event":      "BEGIN:VCALENDAR\r\n" + strings.ReplaceAll(ok, "\nEND:VEVENT", ""),
		"does not begin a calendar": "PRODID:x\r\n" + wrap(ok),
	} {
		if ev, err := Read(strings.NewReader(in), time.Time{}, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), time.UTC); len(ev) != 0 || err == nil {
			t.Errorf("%s: got %v, %v; want no events and a problem", name, ev, err)
		}
	}
}
