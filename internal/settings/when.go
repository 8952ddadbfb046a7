package settings

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
)

// This file is a profile's schedule, the `when` key of a [profile.NAME]
// table: a list of windows, each "DAYS HH:MM-HH:MM", "DAYS" or
// "HH:MM-HH:MM".
//
//   - DAYS is a comma-separated list of days or ranges of days: mon, tue,
//     wed, thu, fri, sat, sun (or the whole English names), "mon-fri",
//     "sat,sun"; a range may wrap ("fri-mon"). Left out: every day.
//   - HH:MM-HH:MM is the hours, from the start up to (not including) the
//     end; 24:00 is midnight at the end of the day. An end before the start
//     runs past midnight: "fri 22:00-02:00" is Friday 22:00 to Saturday
//     02:00. Left out: the whole day.
//
// The profile is active while the clock is inside any of its windows. The
// clock is the wall clock of the local time zone, so a window follows
// daylight saving time as people expect.

// Window is one entry of `when`: the days it starts on and its hours, in
// minutes after midnight. End before Start runs past midnight.
type Window struct {
	Days       [7]bool // by time.Weekday
	Start, End int
}

// wholeDay is the hours of an entry without hours.
const wholeDay = 24 * 60

// Contains reports whether t (in its own location) is inside the window.
func (w Window) Contains(t time.Time) bool {
	m, wd := t.Hour()*60+t.Minute(), t.Weekday()
	if w.End > w.Start {
		return w.Days[wd] && m >= w.Start && m < w.End
	}
	// A night: from Start on its own days, and until End on the next day.
	return w.Days[wd] && m >= w.Start || w.Days[(wd+6)%7] && m < w.End
}

var dayNames = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

func whenExample() string {
	return lang.X("profile.err.when_example", `for example "mon-fri 18:00-24:00" or "sat,sun"`)
}

// ParseWindow reads one entry of `when`. The error says what is wrong, fit
// to show as FILE:LINE: message.
func ParseWindow(text string) (Window, error) {
	var w Window
	fields := strings.Fields(strings.ToLower(text))
	if len(fields) == 0 || len(fields) > 2 {
		return w, errors.New(lang.X("profile.err.when_shape", `"{{.Value}}" is not a time window: write days, hours or both, {{.Example}}.`,
			map[string]any{"Value": text, "Example": whenExample()}))
	}
	days, hours := fields[0], ""
	if len(fields) == 2 {
		hours = fields[1]
	} else if strings.Contains(days, ":") {
		days, hours = "", days
	}
	if days == "" {
		for i := range w.Days {
			w.Days[i] = true
		}
	} else if err := parseDays(days, &w.Days); err != nil {
		return w, err
	}
	w.Start, w.End = 0, wholeDay
	if hours != "" {
		from, to, ok := strings.Cut(hours, "-")
		if !ok {
			return w, errors.New(lang.X("profile.err.hours", `"{{.Value}}" is not a range of hours: write HH:MM-HH:MM, for example 18:00-24:00.`,
				map[string]any{"Value": hours}))
		}
		var err error
		if w.Start, err = ParseClock(from); err != nil {
			return w, err
		}
		if w.End, err = ParseClock(to); err != nil {
			return w, err
		}
		if w.Start == wholeDay {
			return w, errors.New(lang.X("profile.err.start_24", "A window cannot start at 24:00: write 00:00 and the next day."))
		}
		if w.End == w.Start {
			return w, errors.New(lang.X("profile.err.empty_window", `"{{.Value}}" starts and ends at the same time: an end before the start runs past midnight, 00:00-24:00 is the whole day.`,
				map[string]any{"Value": hours}))
		}
	}
	return w, nil
}

// parseDays reads "mon-fri,sun" into days.
func parseDays(text string, days *[7]bool) error {
	day := func(name string) (time.Weekday, error) {
		if d, ok := dayNames[name]; ok {
			return d, nil
		}
		return 0, errors.New(lang.X("profile.err.day", `Unknown day "{{.Value}}": use mon, tue, wed, thu, fri, sat, sun, a range such as mon-fri, or a list such as sat,sun.`,
			map[string]any{"Value": name}))
	}
	for _, item := range strings.Split(text, ",") {
		from, to, isRange := strings.Cut(item, "-")
		a, err := day(from)
		if err != nil {
			return err
		}
		b := a
		if isRange {
			if b, err = day(to); err != nil {
				return err
			}
		}
		for d := a; ; d = (d + 1) % 7 { // a range may wrap: fri-mon
			days[d] = true
			if d == b {
				break
			}
		}
	}
	return nil
}

// ActiveProfile is the profile the schedule picks at t: the first in file
// order with a window that contains t, or "" (the main settings) when none
// does. Profiles without `when` are only chosen by hand.
func ActiveProfile(profiles []Profile, t time.Time) string {
	for _, p := range profiles {
		for _, w := range p.windows {
			if w.Contains(t) {
				return p.Name
			}
		}
	}
	return ""
}

// NextProfileChange is the first whole minute after t at which
// ActiveProfile changes, looking up to eight days ahead; the zero time when
// it never does (no profile has a schedule, or one covers every minute).
func NextProfileChange(profiles []Profile, t time.Time) time.Time {
	scheduled := false
	for _, p := range profiles {
		scheduled = scheduled || len(p.windows) > 0
	}
	if !scheduled {
		return time.Time{}
	}
	now := ActiveProfile(profiles, t)
	// Minute by minute: windows start and end on whole minutes of the
	// wall clock, and 11,520 minutes of a few windows each take well under
	// a millisecond, once per switch. Walking the wall clock (not adding
	// day lengths) keeps daylight saving days right.
	m := t.Truncate(time.Minute)
	for i := 0; i < 8*wholeDay; i++ {
		m = m.Add(time.Minute)
		if ActiveProfile(profiles, m) != now {
			return m
		}
	}
	return time.Time{}
}
