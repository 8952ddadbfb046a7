package settings

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/limber-app/limber/internal/schedule"
)

// FieldError is one invalid value. Key is the field's key path in
// config.toml ("posture.interval", "working_hours.monday.end"); the window
// uses it to put Message next to the field.
type FieldError struct {
	Key     string
	Message string
}

func (e FieldError) Error() string { return e.Key + ": " + e.Message }

// Limits on values, chosen so that a typo (a missing "m", an extra zero)
// is caught rather than obeyed.
const (
	minInterval    = time.Minute
	maxInterval    = 8 * time.Hour
	maxLength      = time.Hour
	minSnooze      = 30 * time.Second
	maxSnooze      = 2 * time.Hour
	maxCap         = 20
	minDailyLimit  = time.Hour
	maxDailyLimit  = 24 * time.Hour
	minLimitStep   = 5 * time.Minute
	maxGlasses     = 30
	maxHistoryDays = 100 * 366
)

// WeekdayKey is the config key of a weekday ("monday").
func WeekdayKey(d time.Weekday) string { return strings.ToLower(d.String()) }

// Validate checks every field and returns one error per bad field, in file
// order. Settings with no errors are safe to hand to the core.
func (s Settings) Validate() []FieldError {
	var errs []FieldError
	add := func(key, msg string) { errs = append(errs, FieldError{key, msg}) }

	for _, k := range schedule.AllKinds() {
		b := s.Break(k)
		p := string(k) + "."
		intervalOK := false
		switch {
		case b.Interval < minInterval:
			add(p+"interval", lang.X("settings.err.interval_min", "An interval must be at least one minute."))
		case b.Interval > maxInterval:
			add(p+"interval", lang.X("settings.err.interval_max", "An interval can be at most 8 hours."))
		case b.Interval <= b.Length:
			add(p+"interval", lang.X("settings.err.interval_vs_length",
				"The interval must be longer than the break ({{.Length}}).",
				map[string]any{"Length": FormatDuration(b.Length)}))
		default:
			intervalOK = true
		}
		switch {
		case b.Length <= 0:
			add(p+"length", lang.X("settings.err.length_zero", "A break must last more than zero seconds."))
		case b.Length > maxLength:
			add(p+"length", lang.X("settings.err.length_max", "A break can last at most one hour."))
		}
		if intervalOK && b.Warn > 0 && b.Warn >= b.Interval { // else the interval's own message says it
			add(p+"warn", lang.X("settings.err.warn", "The warning must come before the break: make it shorter than the interval."))
		}
		small := k == schedule.Posture || k == schedule.Hydration
		switch {
		case b.Style == StyleCard:
		case b.Style == StyleNotification && small:
		case small:
			add(p+"style", lang.X("settings.err.style", `Choose "card" or "notification".`))
		default:
			add(p+"style", lang.X("settings.err.style_card", "Stretching and moving breaks always show a card."))
		}
	}

	if s.Cycle.Enabled {
		if s.Cycle.Sit < minInterval {
			add("cycle.sit", lang.X("settings.err.cycle_sit", "Sitting time must be at least one minute."))
		}
		if s.Cycle.Stand <= 0 {
			add("cycle.stand", lang.X("settings.err.cycle_phase", "Must be more than zero."))
		}
		if s.Cycle.Move <= 0 {
			add("cycle.move", lang.X("settings.err.cycle_phase", "Must be more than zero."))
		}
	}

	if s.Snooze < minSnooze || s.Snooze > maxSnooze {
		add("breaks.snooze", lang.X("settings.err.snooze", "Snooze must be between 30 seconds and 2 hours."))
	}
	if s.MaxSkips < 0 || s.MaxSkips > maxCap {
		add("breaks.max_skips", lang.X("settings.err.cap", "Use a number from 0 to 20 (0 means no limit)."))
	}
	if s.MaxSnoozes < 0 || s.MaxSnoozes > maxCap {
		add("breaks.max_snoozes", lang.X("settings.err.cap", "Use a number from 0 to 20 (0 means no limit)."))
	}

	if s.DailyLimit != 0 && (s.DailyLimit < minDailyLimit || s.DailyLimit > maxDailyLimit) {
		add("limits.daily_sitting", lang.X("settings.err.daily_limit", "Use 0 for no limit, or between 1 and 24 hours."))
	}
	if s.DailyLimitStep != 0 && s.DailyLimitStep < minLimitStep {
		add("limits.daily_sitting_step", lang.X("settings.err.limit_step", "Use 0 to warn only once, or at least 5 minutes."))
	}
	if s.HydrationGoal < 0 || s.HydrationGoal > maxGlasses {
		add("limits.hydration_goal", lang.X("settings.err.glasses", "Use a number of glasses from 0 to 30 (0 means no goal)."))
	}

	if !s.Positions.Desk && !s.Positions.Standing && !s.Positions.Floor {
		add("cards.positions", lang.X("settings.err.positions", "Allow at least one position, or no exercise can be shown."))
	}

	if s.WorkingHours.Enabled {
		working := 0
		for _, wd := range weekdays() {
			d := s.WorkingHours.Days[wd]
			p := "working_hours." + WeekdayKey(wd) + "."
			if d.Start < 0 || d.Start >= 24*60 {
				add(p+"start", lang.X("settings.err.clock", "Write a time of day as HH:MM, for example 08:30."))
			}
			if d.End <= 0 || d.End > 24*60 {
				add(p+"end", lang.X("settings.err.clock", "Write a time of day as HH:MM, for example 08:30."))
			} else if !d.Off && d.End <= d.Start {
				add(p+"end", lang.X("settings.err.end_before_start", "The end must be after the start."))
			}
			if !d.Off {
				working++
			}
		}
		if working == 0 {
			add("working_hours.enabled", lang.X("settings.err.no_workday", "Every day is off, so no break would ever fire. Turn working hours off instead."))
		}
	}

	switch s.Language {
	case LangSystem, LangEN, LangDE:
	default:
		add("language", lang.X("settings.err.language", `Choose "system", "en" or "de".`))
	}
	if s.HistoryDays < 0 || s.HistoryDays > maxHistoryDays {
		add("history_days", lang.X("settings.err.history", "Use a number of days, or 0 to keep everything."))
	}

	a := s.Advanced
	if a.IdleAfter < 5*time.Second || a.IdleAfter > 30*time.Minute {
		add("advanced.idle_after", lang.X("settings.err.idle_after", "Use between 5 seconds and 30 minutes."))
	}
	if a.ActiveAfter < 0 || a.ActiveAfter > 5*time.Minute {
		add("advanced.active_after", lang.X("settings.err.active_after", "Use between 0 seconds and 5 minutes."))
	} else if a.ActiveAfter >= a.IdleAfter {
		add("advanced.active_after", lang.X("settings.err.active_vs_idle", "Must be shorter than the away time ({{.Idle}}).",
			map[string]any{"Idle": FormatDuration(a.IdleAfter)}))
	}
	if a.DayStart < 0 || a.DayStart >= 24*time.Hour {
		add("advanced.day_start", lang.X("settings.err.day_start", "Write a time of day as HH:MM, for example 04:00."))
	}
	if a.HoldLimit < 0 || a.HoldLimit > 8*time.Hour {
		add("advanced.hold_limit", lang.X("settings.err.hold_limit", "Use 0 to wait until the call ends, or at most 8 hours."))
	}
	return errs
}

// FieldErrors returns the messages of errs keyed by field key (the first
// message of each field), handy for a form.
func FieldErrors(errs []FieldError) map[string]string {
	m := make(map[string]string, len(errs))
	for _, e := range errs {
		if _, ok := m[e.Key]; !ok {
			m[e.Key] = e.Message
		}
	}
	return m
}

// weekdays lists the days Monday first, as the file and window show them.
func weekdays() []time.Weekday {
	return []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
}

// Weekdays lists the days Monday first.
func Weekdays() []time.Weekday { return weekdays() }
