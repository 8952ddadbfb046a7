package settings

import (
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/schedule"
)

// This file is the one table of settings: every key of config.toml is
// spelled once, in Fields, with its type, limits, file comment, form label
// and tab. Parse (decoding), Encode (the commented file), Validate and the
// settings window all read it. The defaults are not repeated here: they
// are Defaults() (the core's DefaultConfig and the office preset), read
// through each field's Ptr.

// Type is how a field's value is written.
type Type int

const (
	Bool     Type = iota // true or false
	Int                  // a whole number
	Duration             // a duration: duration.Parse reads it, duration.Compact writes it
	Clock                // a time of day, "HH:MM"
	Choice               // one of Options, by Value
	Set                  // any of Options, as a list of Values
	List                 // free names (*string, comma-separated), a list of strings in the file
)

// Tabs of the settings window.
const (
	TabBreaks  = "breaks"
	TabLimits  = "limits"
	TabHours   = "hours"
	TabGeneral = "general"
)

// Text is a text for people, looked up in the user's language when shown.
type Text func() string

// Option is one allowed value of a Choice or Set field.
type Option struct {
	Value string
	Title Text
}

// Field is one key of config.toml.
type Field struct {
	Key     string // key path in the file: "posture.interval"
	Type    Type
	Tab     string // the window's tab; "" for no row (the preset has buttons)
	Label   Text   // the form label
	Comment string // the comment above the key in the file (English, like the keys)
	// Min and Max limit Int values (as numbers) and Duration and Clock
	// values (as time.Duration); Max 0 is no upper limit. With ZeroOff, 0
	// is also allowed and turns the thing off.
	Min, Max int64
	ZeroOff  bool
	// TooLow is the message for a value under Min (or not one of Options);
	// TooHigh for one over Max (TooLow when nil).
	TooLow, TooHigh Text
	Options         []Option
	// Placeholder is the window's hint in an empty List field (nil: a
	// generic one about names).
	Placeholder Text
	// Active says whether the field matters now (the window greys it out
	// otherwise); nil is always. Checked says whether its limits are
	// checked; nil is always.
	Active, Checked func(*Settings) bool
	// Ptr points into the settings: *bool, *int, *time.Duration, *string
	// or *Positions, by Type (Clock: *int minutes or *time.Duration).
	Ptr func(*Settings) any
}

// Section is a [table] of the file (or, with a dotted key, an inline table
// such as working_hours.monday) and a block of the window.
type Section struct {
	Key     string
	Comment string // above the [table] header, or above the inline table's line
	Title   Text   // heading in the window; nil when the block starts with its "enabled" check
	Hint    Text   // a sentence under the heading; may be nil
	// Grid: the window shows the fields side by side (label above each).
	Grid bool
}

// Fields lists every key of config.toml in file order.
func Fields() []Field { return table().fields }

// Sections lists the sections in file order; the first is the top level ("").
func Sections() []Section { return table().sections }

// SectionOf is the section a key belongs to: "posture" for
// "posture.interval", "working_hours.monday" for its "start", "" at the top.
func SectionOf(key string) string {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[:i]
	}
	return ""
}

// Keys lists every key config.toml may hold, sorted.
func Keys() []string {
	var k []string
	for _, f := range Fields() {
		k = append(k, f.Key)
	}
	sort.Strings(k)
	return k
}

// WeekdayKey is the config key of a weekday ("monday").
func WeekdayKey(d time.Weekday) string { return strings.ToLower(d.String()) }

// Weekdays lists the days Monday first, as the file and window show them.
func Weekdays() []time.Weekday {
	return []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
}

type fieldTable struct {
	fields   []Field
	sections []Section
	byKey    map[string]int
	prefixes map[string]bool // every proper prefix of a key: "working_hours", "working_hours.monday"
}

var table = sync.OnceValue(func() *fieldTable {
	t := &fieldTable{byKey: map[string]int{}, prefixes: map[string]bool{}}
	t.sections, t.fields = buildTable()
	for i, f := range t.fields {
		t.byKey[f.Key] = i
		for k := f.Key; strings.Contains(k, "."); {
			k = SectionOf(k)
			t.prefixes[k] = true
		}
	}
	return t
})

// notifiable: the small breaks (those with a compact card) may come as a
// desktop notification; the others always show a card.
func notifiable(k schedule.Kind) bool {
	i, ok := kinds.Lookup(k)
	return ok && i.Compact
}

const minute, second, hour = int64(time.Minute), int64(time.Second), int64(time.Hour)

func buildTable() ([]Section, []Field) {
	var secs []Section
	var fs []Field
	sec := func(s Section) { secs = append(secs, s) }
	add := func(tab string, f Field) { f.Tab = tab; fs = append(fs, f) }

	sec(Section{})
	add("", Field{Key: "preset", Type: Choice, Ptr: func(s *Settings) any { return &s.Preset },
		Comment: "The preset these settings follow: office, cornell, eyes-20-20-20, gentle,\nor custom. Keys left out of this file take the preset's values."})
	add(TabGeneral, Field{Key: "language", Type: Choice, Ptr: func(s *Settings) any { return &s.Language },
		Label:   func() string { return i18n.X("settings.field.language", "Language") },
		Comment: `Language of windows and messages: "system", "en", "de", "fr" or "es".`,
		TooLow:  func() string { return i18n.X("settings.err.language", `Choose "system", "en", "de", "fr" or "es".`) },
		Options: []Option{{LangSystem, func() string { return i18n.X("settings.lang.system", "Same as the system") }},
			{LangEN, func() string { return "English" }}, {LangDE, func() string { return "Deutsch" }},
			{LangFR, func() string { return "Français" }}, {LangES, func() string { return "Español" }}}})
	add(TabGeneral, Field{Key: "theme", Type: Choice, Ptr: func(s *Settings) any { return &s.Theme },
		Label:   func() string { return i18n.X("settings.field.theme", "Appearance") },
		Comment: `Light or dark windows: "system" (as the desktop prefers), "light" or "dark".`,
		TooLow:  func() string { return i18n.X("settings.err.theme", `Choose "system", "light" or "dark".`) },
		Options: []Option{{ThemeSystem, func() string { return i18n.X("settings.theme.system", "Same as the system") }},
			{ThemeLight, func() string { return i18n.X("settings.theme.light", "Light") }},
			{ThemeDark, func() string { return i18n.X("settings.theme.dark", "Dark") }}}})
	add(TabGeneral, Field{Key: "start_at_login", Type: Bool, Ptr: func(s *Settings) any { return &s.StartAtLogin },
		Label: func() string { return i18n.X("settings.field.autostart", "Start Limber when I log in") }, Comment: "Start Limber when you log in."})
	add(TabGeneral, Field{Key: "history_days", Type: Int, Max: maxHistoryDays, Ptr: func(s *Settings) any { return &s.HistoryDays },
		Label: func() string { return i18n.X("settings.field.history", "Keep history (days)") }, Comment: "Days of break history to keep; 0 keeps everything.",
		TooLow: func() string { return i18n.X("settings.err.history", "Use a number of days, or 0 to keep everything.") }})

	for _, info := range kinds.All() {
		k, p, what := info.Kind, string(info.Kind)+".", "break"
		if notifiable(k) {
			what = "reminder"
		}
		on := func(s *Settings) bool { return s.Break(k).Enabled }
		sec(Section{Key: string(k), Comment: kindComments[k], Grid: true})
		add(TabBreaks, Field{Key: p + "enabled", Type: Bool, Label: info.Label, Comment: "Remind me at all.",
			Ptr: func(s *Settings) any { return &s.Break(k).Enabled }})
		add(TabBreaks, Field{Key: p + "interval", Type: Duration, Min: minute, Max: 8 * hour, Active: on, Ptr: func(s *Settings) any { return &s.Break(k).Interval },
			Label: func() string { return i18n.X("settings.field.interval", "Every") }, Comment: "Sitting time until the " + what + " (at least 1m, longer than the break).",
			TooLow:  func() string { return i18n.X("settings.err.interval_min", "An interval must be at least one minute.") },
			TooHigh: func() string { return i18n.X("settings.err.interval_max", "An interval can be at most 8 hours.") }})
		add(TabBreaks, Field{Key: p + "length", Type: Duration, Min: second, Max: hour, Active: on, Ptr: func(s *Settings) any { return &s.Break(k).Length },
			Label: func() string { return i18n.X("settings.field.length", "Break length") }, Comment: "How long the break lasts; being away this long counts as taken.",
			TooLow:  func() string { return i18n.X("settings.err.length_zero", "A break must last more than zero seconds.") },
			TooHigh: func() string { return i18n.X("settings.err.length_max", "A break can last at most one hour.") }})
		add(TabBreaks, Field{Key: p + "warn", Type: Duration, Max: 8 * hour, Active: on, Ptr: func(s *Settings) any { return &s.Break(k).Warn },
			Label: func() string { return i18n.X("settings.field.warn", "Warn before") }, Comment: "Warn this long before the " + what + `; "0s" for no warning.`,
			TooLow: func() string {
				return i18n.X("settings.err.warn", "The warning must come before the break: make it shorter than the interval.")
			}})
		if notifiable(k) {
			add(TabBreaks, Field{Key: p + "style", Type: Choice, Active: on, Ptr: func(s *Settings) any { return &s.Break(k).Style },
				Label: func() string { return i18n.X("settings.field.style", "Show as") }, Comment: `"notification" for a desktop notification, "card" for an exercise card.`,
				TooLow: func() string { return i18n.X("settings.err.style", `Choose "card" or "notification".`) },
				Options: []Option{{StyleNotification, func() string { return i18n.X("settings.style.notification", "Notification") }},
					{StyleCard, func() string { return i18n.X("settings.style.card", "Exercise card") }}}})
		}
	}

	cycleOn := func(s *Settings) bool { return s.Cycle.Enabled }
	phase := func() string { return i18n.X("settings.err.cycle_phase", "Must be more than zero.") }
	sec(Section{Key: "cycle", Grid: true, Comment: "Sit/stand/move cycle (the Cornell 20-8-2 rhythm). When on, its stand and\nmove prompts take the place of the walking break."})
	add(TabBreaks, Field{Key: "cycle.enabled", Type: Bool, Comment: "Use the cycle.", Ptr: func(s *Settings) any { return &s.Cycle.Enabled },
		Label: func() string {
			return i18n.X("settings.cycle.enabled", "Sit/stand/move cycle (replaces the walking break)")
		}})
	add(TabBreaks, Field{Key: "cycle.sit", Type: Duration, Min: minute, Active: cycleOn, Checked: cycleOn, Ptr: func(s *Settings) any { return &s.Cycle.Sit },
		Label: func() string { return i18n.X("settings.cycle.sit", "Sit") }, Comment: "Sitting time before standing up.",
		TooLow: func() string { return i18n.X("settings.err.cycle_sit", "Sitting time must be at least one minute.") }})
	add(TabBreaks, Field{Key: "cycle.stand", Type: Duration, Min: second, Active: cycleOn, Checked: cycleOn, Ptr: func(s *Settings) any { return &s.Cycle.Stand },
		Label: func() string { return i18n.X("settings.cycle.stand", "Stand") }, Comment: "Time to stand (work standing up).", TooLow: phase})
	add(TabBreaks, Field{Key: "cycle.move", Type: Duration, Min: second, Active: cycleOn, Checked: cycleOn, Ptr: func(s *Settings) any { return &s.Cycle.Move },
		Label: func() string { return i18n.X("settings.cycle.move", "Move") }, Comment: "Time to move around.", TooLow: phase})

	capMsg := func() string { return i18n.X("settings.err.cap", "Use a number from 0 to 20 (0 means no limit).") }
	sec(Section{Key: "breaks", Comment: "Postponing and skipping.",
		Title: func() string { return i18n.X("settings.section.postpone", "Snoozing and skipping") },
		Hint: func() string {
			return i18n.X("settings.hint.caps", "After this many in a row a break can only be taken; 0 means no limit. Skips per day counts stretch and movement together; past it Skip is gone until tomorrow (0: no skipping).")
		}})
	add(TabLimits, Field{Key: "breaks.snooze", Type: Duration, Min: 30 * second, Max: 2 * hour, Ptr: func(s *Settings) any { return &s.Snooze },
		Label: func() string { return i18n.X("settings.field.snooze", "Snooze for") }, Comment: "How much more sitting time a snoozed break waits.",
		TooLow: func() string { return i18n.X("settings.err.snooze", "Snooze must be between 30 seconds and 2 hours.") }})
	add(TabLimits, Field{Key: "breaks.max_skips", Type: Int, Max: maxCap, TooLow: capMsg, Ptr: func(s *Settings) any { return &s.MaxSkips },
		Label: func() string { return i18n.X("settings.field.max_skips", "Skips in a row") }, Comment: "Skips of one break in a row before it can only be taken; 0 = no cap."})
	add(TabLimits, Field{Key: "breaks.max_snoozes", Type: Int, Max: maxCap, TooLow: capMsg, Ptr: func(s *Settings) any { return &s.MaxSnoozes },
		Label: func() string { return i18n.X("settings.field.max_snoozes", "Snoozes in a row") }, Comment: "Snoozes of one break in a row before it can only be taken; 0 = no cap."})
	add(TabLimits, Field{Key: "breaks.skip_budget", Type: Int, Max: maxSkipBudget, Ptr: func(s *Settings) any { return &s.SkipBudget },
		Label:   func() string { return i18n.X("settings.field.skip_budget", "Skips per day") },
		Comment: "Stretch and movement breaks you may skip per day, together; past it Skip is\ngone until tomorrow. 0 = no skipping. A skipped or short break adds its\nmissing time to a break debt, paid back by longer breaks of that kind.",
		TooLow: func() string {
			return i18n.X("settings.err.skip_budget", "Use a number of skips from 0 to 20 (0 means no skipping).")
		}})
	add(TabLimits, Field{Key: "breaks.strict", Type: Bool, Ptr: func(s *Settings) any { return &s.Strict },
		Label: func() string {
			return i18n.X("settings.field.strict", "Strict mode: no skipping, snoozing or closing early")
		},
		Comment: "Strict mode: no skip, no snooze, no closing a break early."})

	sec(Section{Key: "limits", Comment: "Daily limits.", Title: func() string { return i18n.X("settings.section.daily", "Daily limits") },
		Hint: func() string { return i18n.X("settings.hint.zero", "0 turns a limit or goal off.") }})
	add(TabLimits, Field{Key: "limits.daily_sitting", Type: Duration, Min: hour, Max: 24 * hour, ZeroOff: true, Ptr: func(s *Settings) any { return &s.DailyLimit },
		Label: func() string { return i18n.X("settings.field.daily_limit", "Sitting per day") }, Comment: `Warn once sitting today passes this; "0s" for no limit.`,
		TooLow: func() string {
			return i18n.X("settings.err.daily_limit", "Use 0 for no limit, or between 1 and 24 hours.")
		}})
	add(TabLimits, Field{Key: "limits.daily_sitting_step", Type: Duration, Min: 5 * minute, ZeroOff: true, Ptr: func(s *Settings) any { return &s.DailyLimitStep },
		Label: func() string { return i18n.X("settings.field.daily_step", "Then remind every") }, Comment: `Then warn again after each further step; "0s" to warn only once.`,
		TooLow: func() string {
			return i18n.X("settings.err.limit_step", "Use 0 to warn only once, or at least 5 minutes.")
		},
		Active: func(s *Settings) bool { return s.DailyLimit > 0 }})
	add(TabLimits, Field{Key: "limits.hydration_goal", Type: Int, Max: maxGlasses, Ptr: func(s *Settings) any { return &s.HydrationGoal },
		Label: func() string { return i18n.X("settings.field.glasses", "Glasses of water") }, Comment: "Glasses of water to drink per day; 0 for no goal.",
		TooLow: func() string {
			return i18n.X("settings.err.glasses", "Use a number of glasses from 0 to 30 (0 means no goal).")
		}})

	sec(Section{Key: "cards", Comment: "Exercise cards.", Title: func() string { return i18n.X("settings.section.positions", "Exercises I can do") }})
	add(TabGeneral, Field{Key: "cards.positions", Type: Set, Ptr: func(s *Settings) any { return &s.Positions },
		Comment: `Positions you can do exercises in: "desk", "standing", "floor".`,
		Options: []Option{{"desk", func() string { return i18n.X("settings.pos.desk", "At the desk") }},
			{"standing", func() string { return i18n.X("settings.pos.standing", "Standing") }},
			{"floor", func() string { return i18n.X("settings.pos.floor", "On the floor") }}}})

	sec(Section{Key: "card", Comment: "The break card.", Title: func() string { return i18n.X("settings.section.card", "The break card") }})
	add(TabGeneral, Field{Key: "card.auto_close", Type: Duration, Max: 10 * minute, ZeroOff: true, Ptr: func(s *Settings) any { return &s.AutoClose },
		Label:   func() string { return i18n.X("settings.field.auto_close", "Close the card after the break") },
		Comment: `Close the card this long after its time is up; "0s" keeps it until you press Done.`,
		TooLow: func() string {
			return i18n.X("settings.err.auto_close", "Use 0 to keep the card, or at most 10 minutes.")
		}})
	add(TabGeneral, Field{Key: "card.sound", Type: Bool, Ptr: func(s *Settings) any { return &s.Sound },
		Label:   func() string { return i18n.X("settings.field.sound", "Play a soft sound when a break starts and ends") },
		Comment: "A soft sound when a break card opens and when its time is up."})

	clockMsg := func() string { return i18n.X("settings.err.clock", "Write a time of day as HH:MM, for example 08:30.") }
	sec(Section{Key: "working_hours", Comment: "Working hours: outside them no break fires and sitting does not count\nagainst the daily limit (statistics show it as after hours).",
		Hint: func() string {
			return i18n.X("settings.wh.hint", "Outside working hours no break fires and sitting does not count against the daily limit; statistics show it as after hours.")
		}})
	add(TabHours, Field{Key: "working_hours.enabled", Type: Bool, Ptr: func(s *Settings) any { return &s.WorkingHours.Enabled },
		Label:   func() string { return i18n.X("settings.wh.enabled", "Only remind me during working hours") },
		Comment: "Use working hours; when false, breaks run at any time of day."})
	whOn := func(s *Settings) bool { return s.WorkingHours.Enabled }
	for _, wd := range Weekdays() {
		p, day := "working_hours."+WeekdayKey(wd)+".", func(s *Settings) *Day { return &s.WorkingHours.Days[wd] }
		working := func(s *Settings) bool { return s.WorkingHours.Enabled && !day(s).Off }
		sec(Section{Key: SectionOf(p + "x"), Title: weekdayNames[wd], Comment: wd.String() + ": start and end as HH:MM; off = true for a day off."})
		add(TabHours, Field{Key: p + "start", Type: Clock, Max: 24*hour - minute, Active: working, Checked: whOn, TooLow: clockMsg,
			Label: func() string { return i18n.X("settings.wh.start", "Start") }, Ptr: func(s *Settings) any { return &day(s).Start }})
		add(TabHours, Field{Key: p + "end", Type: Clock, Min: minute, Max: 24 * hour, Active: working, Checked: whOn, TooLow: clockMsg,
			Label: func() string { return i18n.X("settings.wh.end", "End") }, Ptr: func(s *Settings) any { return &day(s).End }})
		add(TabHours, Field{Key: p + "off", Type: Bool, Active: whOn,
			Label: func() string { return i18n.X("settings.wh.off", "Day off") }, Ptr: func(s *Settings) any { return &day(s).Off }})
	}

	sec(Section{Key: "calls", Comment: "Calls: while a microphone or camera is in use a due break waits, and comes\nright after the call.",
		Title: func() string { return i18n.X("settings.section.calls", "Calls") },
		Hint: func() string {
			return i18n.X("settings.hint.calls", "A microphone or camera in use counts as a call: a due break waits and comes right after.")
		}})
	add(TabGeneral, Field{Key: "calls.microphone", Type: Bool, Ptr: func(s *Settings) any { return &s.Calls.Microphone },
		Label:   func() string { return i18n.X("settings.field.calls_microphone", "A microphone in use is a call") },
		Comment: "A program recording from a microphone (not from the speakers) is a call."})
	add(TabGeneral, Field{Key: "calls.camera", Type: Bool, Ptr: func(s *Settings) any { return &s.Calls.Camera },
		Label:   func() string { return i18n.X("settings.field.calls_camera", "A camera in use is a call") },
		Comment: "A program holding a camera open is a call."})
	add(TabGeneral, Field{Key: "calls.ignore", Type: List, Max: maxListItems, Ptr: func(s *Settings) any { return &s.Calls.Ignore },
		Active:  func(s *Settings) bool { return s.Calls.Microphone || s.Calls.Camera },
		Label:   func() string { return i18n.X("settings.field.calls_ignore", "Programs that are no call") },
		Comment: "Programs whose microphone or camera use is no call (a dictation tool, a\nrecorder), by name as `limber status --explain` shows them: [\"Dragon\"].",
		TooLow: func() string {
			return i18n.X("settings.err.calls_ignore", "Write program names separated by commas, at most 50, each under 100 characters.")
		}})
	sec(Section{Key: "calendar", Comment: "Calendar: a break that would come due during a meeting waits and comes right\nafter it; one due just before a meeting comes early; back-to-back meetings\nget a walking break between them. All-day and free events are ignored.",
		Title: func() string { return i18n.X("settings.section.calendar", "Calendar") },
		Hint: func() string {
			return i18n.X("settings.hint.calendar", "A break due during a meeting waits and comes right after it; one due just before a meeting comes early.")
		}})
	add(TabHours, Field{Key: "calendar.files", Type: List, Max: maxListItems, Ptr: func(s *Settings) any { return &s.Calendar.Files },
		Label: func() string { return i18n.X("settings.field.calendar_files", "Calendar files (.ics) or folders") },
		Placeholder: func() string {
			return i18n.X("settings.calendar.placeholder", "paths separated by commas, for example: ~/work.ics, ~/.local/share/evolution/calendar")
		},
		Comment: "iCalendar (.ics) files, or folders of them, as your mail or calendar program\nwrites them; read again when they change: [\"~/work.ics\"].",
		TooLow: func() string {
			return i18n.X("settings.err.calendar_files", "Write paths separated by commas, at most 50, each under 100 characters.")
		}})
	add(TabHours, Field{Key: "calendar.early", Type: Duration, Max: 30 * minute, ZeroOff: true, Ptr: func(s *Settings) any { return &s.Calendar.Early },
		Active: func(s *Settings) bool { return s.Calendar.Files != "" },
		Label: func() string {
			return i18n.X("settings.field.calendar_early", "Early before a meeting, up to")
		},
		Comment: "A break due less than this before a meeting comes at once, so you start the\nmeeting rested; \"0s\" never brings a break forward.",
		TooLow: func() string {
			return i18n.X("settings.err.calendar_early", "Use 0 to never offer a break early, or at most 30 minutes.")
		}})
	sec(Section{Key: "advanced", Comment: "Activity detection; the defaults suit most people.",
		Title: func() string { return i18n.X("settings.section.advanced", "Activity detection") }})
	add(TabGeneral, Field{Key: "advanced.idle_after", Type: Duration, Min: 5 * second, Max: 30 * minute, Ptr: func(s *Settings) any { return &s.Advanced.IdleAfter },
		Label: func() string { return i18n.X("settings.field.idle_after", "Away after no input for") }, Comment: "No keyboard or mouse input this long and you count as away.",
		TooLow: func() string { return i18n.X("settings.err.idle_after", "Use between 5 seconds and 30 minutes.") }})
	add(TabGeneral, Field{Key: "advanced.active_after", Type: Duration, Max: 5 * minute, Ptr: func(s *Settings) any { return &s.Advanced.ActiveAfter },
		Label:   func() string { return i18n.X("settings.field.active_after", "Back after input for") },
		Comment: "Input this long after being away and you count as back (a bumped mouse is not work).",
		TooLow:  func() string { return i18n.X("settings.err.active_after", "Use between 0 seconds and 5 minutes.") }})
	add(TabGeneral, Field{Key: "advanced.day_start", Type: Clock, Max: 24*hour - minute, Ptr: func(s *Settings) any { return &s.Advanced.DayStart },
		Label: func() string { return i18n.X("settings.field.day_start", "A new day starts at") }, Comment: "Time of day at which a new day begins for the daily totals.",
		TooLow: func() string {
			return i18n.X("settings.err.day_start", "Write a time of day as HH:MM, for example 04:00.")
		}})
	add(TabGeneral, Field{Key: "advanced.hold_limit", Type: Duration, Max: 8 * hour, Ptr: func(s *Settings) any { return &s.Advanced.HoldLimit },
		Label:   func() string { return i18n.X("settings.field.hold_limit", "Hold a break during calls for") },
		Comment: "During a call or presentation a due break waits this long, then comes as a\nnotification only; \"0s\" waits until the call ends.",
		TooLow: func() string {
			return i18n.X("settings.err.hold_limit", "Use 0 to wait until the call ends, or at most 8 hours.")
		}})
	add(TabGeneral, Field{Key: "advanced.lull_limit", Type: Duration, Max: 10 * minute, Ptr: func(s *Settings) any { return &s.Advanced.LullLimit },
		Label:   func() string { return i18n.X("settings.field.lull_limit", "Wait for a pause in typing up to") },
		Comment: "A due break waits this long for a pause of a few seconds in your typing,\nso it does not interrupt a sentence; \"0s\" shows it at once.",
		TooLow: func() string {
			return i18n.X("settings.err.lull_limit", "Use 0 to show breaks at once, or at most 10 minutes.")
		}})
	return secs, fs
}

// kindComments head the breaks' [tables] in the file.
var kindComments = map[schedule.Kind]string{
	schedule.Posture:   "Posture check: sit back, shoulders down, look into the distance.",
	schedule.Hydration: "Drink a glass of water.",
	schedule.Eyes:      "Eye break (20-20-20): look at something far away for 20 seconds.",
	schedule.Stretch:   "Stretch break with an exercise card.",
	schedule.Movement:  "Get up and walk around.",
}

var weekdayNames = [7]Text{
	func() string { return i18n.X("settings.day.sunday", "Sunday") }, func() string { return i18n.X("settings.day.monday", "Monday") },
	func() string { return i18n.X("settings.day.tuesday", "Tuesday") }, func() string { return i18n.X("settings.day.wednesday", "Wednesday") },
	func() string { return i18n.X("settings.day.thursday", "Thursday") }, func() string { return i18n.X("settings.day.friday", "Friday") },
	func() string { return i18n.X("settings.day.saturday", "Saturday") },
}
