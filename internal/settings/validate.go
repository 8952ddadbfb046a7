package settings

import (
	"cmp"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/limber-app/limber/internal/duration"
	"github.com/limber-app/limber/internal/kinds"
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
// is caught rather than obeyed. The others are in the field table.
const (
	maxCap         = 20
	maxSkipBudget  = 20 // skips per day: more is no budget at all
	maxGlasses     = 30
	maxHistoryDays = 100 * 366
)

// Validate checks every field and returns one error per bad field, in file
// order. It is the one rule set: settings with no errors are safe to hand
// to the core, and Schedule().Validate() accepts them (a test proves it).
// The limits of each field are in the table (Fields); the rules between
// fields are below.
func (s Settings) Validate() []FieldError {
	msgs := map[string]string{}
	add := func(key, msg string) {
		if _, ok := msgs[key]; !ok {
			msgs[key] = msg
		}
	}
	bad := func(key string) bool { _, ok := msgs[key]; return ok }
	for _, f := range Fields() {
		if m := f.check(&s); m != "" {
			add(f.Key, m)
		}
	}

	for _, info := range kinds.All() {
		b, p := s.Break(info.Kind), string(info.Kind)+"."
		if !bad(p+"interval") && b.Interval <= b.Length {
			add(p+"interval", lang.X("settings.err.interval_vs_length",
				"The interval must be longer than the break ({{.Length}}).",
				map[string]any{"Length": duration.Format(b.Length)}))
		}
		if !bad(p+"interval") && b.Warn > 0 && b.Warn >= b.Interval { // else the interval's own message says it
			add(p+"warn", lang.X("settings.err.warn", "The warning must come before the break: make it shorter than the interval."))
		}
		if !notifiable(info.Kind) && b.Style != StyleCard {
			add(p+"style", lang.X("settings.err.style_card", "Stretching and moving breaks always show a card."))
		}
	}
	if !s.Positions.Desk && !s.Positions.Standing && !s.Positions.Floor {
		add("cards.positions", lang.X("settings.err.positions", "Allow at least one position, or no exercise can be shown."))
	}
	if s.WorkingHours.Enabled {
		working := 0
		for _, wd := range Weekdays() {
			d, p := s.WorkingHours.Days[wd], "working_hours."+WeekdayKey(wd)+"."
			if !d.Off && !bad(p+"end") && d.End == d.Start {
				add(p+"end", lang.X("settings.err.end_is_start", "The end must differ from the start (an end before the start runs past midnight, for night shifts)."))
			}
			if !d.Off {
				working++
			}
		}
		if working == 0 {
			add("working_hours.enabled", lang.X("settings.err.no_workday", "Every day is off, so no break would ever fire. Turn working hours off instead."))
		}
	}
	if a := s.Advanced; !bad("advanced.active_after") && a.ActiveAfter >= a.IdleAfter {
		add("advanced.active_after", lang.X("settings.err.active_vs_idle", "Must be shorter than the away time ({{.Idle}}).",
			map[string]any{"Idle": duration.Format(a.IdleAfter)}))
	}

	errs := make([]FieldError, 0, len(msgs))
	for k, m := range msgs {
		errs = append(errs, FieldError{k, m})
	}
	order := func(key string) int { // table order; keys with no field (a card-only style) last
		if i, ok := table().byKey[key]; ok {
			return i
		}
		return len(table().fields)
	}
	slices.SortFunc(errs, func(a, b FieldError) int {
		return cmp.Or(cmp.Compare(order(a.Key), order(b.Key)), strings.Compare(a.Key, b.Key))
	})
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
