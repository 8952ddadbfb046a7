// Package settings is Limber's user configuration: the Settings a user edits
// in config.toml or the settings window, their defaults and presets, their
// validation (with messages fit to show next to a field or as FILE:LINE), an
// atomic writer, a file watcher, and the mapping to the core's
// schedule.Config.
package settings

import (
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// Notification styles for the small breaks (posture, hydration, eyes).
const (
	StyleCard         = "card"         // a card window, like the big breaks
	StyleNotification = "notification" // a desktop notification only
)

// Languages the user can pick; LangSystem follows the desktop's locale.
const (
	LangSystem = "system"
	LangEN     = "en"
	LangDE     = "de"
	LangFR     = "fr"
	LangES     = "es"
)

// Themes the windows can take; ThemeSystem follows the desktop's light or
// dark preference (Fyne reads it).
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
)

// Break configures one break kind.
type Break struct {
	Enabled bool `json:"enabled"`
	// Interval is sitting time until the break is due.
	Interval time.Duration `json:"interval"`
	// Length is how long the break lasts; being away this long counts as taken.
	Length time.Duration `json:"length"`
	// Warn is how long before due the pre-break warning shows (0 = none).
	Warn time.Duration `json:"warn"`
	// Style is StyleCard or StyleNotification; only the small breaks
	// (posture, hydration, eyes) may be notifications (stretching and moving need the card).
	Style string `json:"style"`
}

// Cycle is the sit/stand/move rhythm of the Cornell preset.
type Cycle struct {
	Enabled bool          `json:"enabled"`
	Sit     time.Duration `json:"sit"`
	Stand   time.Duration `json:"stand"`
	Move    time.Duration `json:"move"`
}

// Positions says which card positions the user can do.
type Positions struct {
	Desk     bool `json:"desk"`
	Standing bool `json:"standing"`
	Floor    bool `json:"floor"`
}

// Allowed lists the allowed positions by name ("desk", "standing", "floor"),
// the names cards use.
func (p Positions) Allowed() []string {
	var out []string
	for i, on := range [...]bool{p.Desk, p.Standing, p.Floor} {
		if on {
			out = append(out, positionNames[i])
		}
	}
	return out
}

var positionNames = [...]string{"desk", "standing", "floor"}

// Day is one weekday's working hours. Start and End are minutes after
// midnight. An End before Start runs past midnight (a night shift: monday
// 22:00-06:00 is Monday 22:00 to Tuesday 06:00); End never equals Start.
type Day struct {
	Off   bool `json:"off"`
	Start int  `json:"start"`
	End   int  `json:"end"`
}

// WorkingHours limits when breaks fire. When disabled, every hour counts.
type WorkingHours struct {
	Enabled bool `json:"enabled"`
	// Days is indexed by time.Weekday (Sunday = 0).
	Days [7]Day `json:"days"`
}

// Contains reports whether t (in its own location) is inside working hours.
func (w WorkingHours) Contains(t time.Time) bool {
	if !w.Enabled {
		return true
	}
	m := t.Hour()*60 + t.Minute()
	// The tail of yesterday's night shift, past midnight.
	if y := w.Days[(t.Weekday()+6)%7]; !y.Off && y.End < y.Start && m < y.End {
		return true
	}
	d := w.Days[t.Weekday()]
	switch {
	case d.Off:
		return false
	case d.End < d.Start:
		return m >= d.Start // today's night shift, until midnight
	}
	return m >= d.Start && m < d.End
}

// Advanced holds the activity thresholds most users never touch.
type Advanced struct {
	// IdleAfter: no input this long and the user counts as away.
	IdleAfter time.Duration `json:"idle_after"`
	// ActiveAfter: input this long after being away and the user is back.
	ActiveAfter time.Duration `json:"active_after"`
	// DayStart: the time of day at which "today" begins.
	DayStart time.Duration `json:"day_start"`
	// HoldLimit: how long a due break waits during a call or presentation
	// before it is offered as a notification only (0 = wait until it ends).
	HoldLimit time.Duration `json:"hold_limit"`
	// LullLimit: how long a due break waits for a pause in typing (0 = it
	// comes at once).
	LullLimit time.Duration `json:"lull_limit"`
}

// Calls are the signals that mean "in a call": while one is on, the user
// is present without input and a due break waits for the call to end.
type Calls struct {
	Microphone bool `json:"microphone"`
	Camera     bool `json:"camera"`
	// Ignore names programs whose microphone or camera use is no call, as
	// one comma-separated list ("Dragon, Audacity"); a string so that
	// Settings stays comparable.
	Ignore string `json:"ignore"`
}

// Calendar are the user's calendar files: a due break waits for a meeting
// to end, and one due just before a meeting comes early.
type Calendar struct {
	// Files are .ics files or folders of them ("~/" is home), as one
	// comma-separated list; a string so that Settings stays comparable.
	Files string `json:"files"`
	// Early: a break due less than this before a meeting comes at once
	// (0 = never early).
	Early time.Duration `json:"early"`
}

// FileList is Files as paths.
func (c Calendar) FileList() []string { return splitList(c.Files) }

// IgnoreList is Ignore as names.
func (c Calls) IgnoreList() []string { return splitList(c.Ignore) }

// Settings is everything the user can set. The zero value is not useful;
// start from Defaults or Load.
type Settings struct {
	// Preset is the preset these settings match, or PresetCustom. It is
	// recomputed by Normalize; in a file it only chooses the base values.
	Preset string `json:"preset"`

	Posture   Break `json:"posture"`
	Hydration Break `json:"hydration"`
	Eyes      Break `json:"eyes"`
	Stretch   Break `json:"stretch"`
	Movement  Break `json:"movement"`
	Cycle     Cycle `json:"cycle"`

	Snooze     time.Duration `json:"snooze"`
	MaxSkips   int           `json:"max_skips"`
	MaxSnoozes int           `json:"max_snoozes"`
	// SkipBudget is stretch and movement skips per day (0 = none).
	SkipBudget int  `json:"skip_budget"`
	Strict     bool `json:"strict"`

	// DailyLimit warns once sitting today passes it, then every
	// DailyLimitStep (0 = off / no repeat).
	DailyLimit     time.Duration `json:"daily_limit"`
	DailyLimitStep time.Duration `json:"daily_limit_step"`
	// HydrationGoal is glasses of water per day (0 = no goal).
	HydrationGoal int `json:"hydration_goal"`

	Positions    Positions    `json:"positions"`
	WorkingHours WorkingHours `json:"working_hours"`

	Language     string `json:"language"`
	Theme        string `json:"theme"`
	StartAtLogin bool   `json:"start_at_login"`
	// HistoryDays is how many days of history to keep (0 = keep all).
	HistoryDays int `json:"history_days"`

	Calls    Calls    `json:"calls"`
	Calendar Calendar `json:"calendar"`

	// AutoClose closes a card this long after its time is up (0 = stays
	// until Done); Sound plays a soft sound at its start and end.
	AutoClose time.Duration `json:"auto_close"`
	Sound     bool          `json:"sound"`

	Advanced Advanced `json:"advanced"`
}

// DefaultAutoClose is how long a card stays once its time is up.
const DefaultAutoClose = 5 * time.Second

// Break returns the settings of kind k (nil for an unknown kind).
func (s *Settings) Break(k schedule.Kind) *Break {
	return map[schedule.Kind]*Break{schedule.Posture: &s.Posture, schedule.Hydration: &s.Hydration,
		schedule.Eyes: &s.Eyes, schedule.Stretch: &s.Stretch, schedule.Movement: &s.Movement}[k]
}

// Defaults are the settings of a new install: the core's defaults
// (schedule.DefaultConfig) as the Office preset, working hours off (breaks
// at any hour), the system language.
func Defaults() Settings {
	c := schedule.DefaultConfig()
	s := Settings{
		Snooze:         c.Snooze,
		MaxSkips:       c.MaxSkips,
		MaxSnoozes:     c.MaxSnoozes,
		SkipBudget:     c.SkipBudget,
		DailyLimit:     c.DailyLimit,
		DailyLimitStep: c.DailyLimitStep,
		HydrationGoal:  8,
		Language:       LangSystem,
		Theme:          ThemeSystem,
		Calls:          Calls{Microphone: true, Camera: true},
		Calendar:       Calendar{Early: c.Early},
		HistoryDays:    0, // keep everything unless the user chooses a limit
		// Long enough to read "well done", short enough not to sit on
		// screen while the user is back at work.
		AutoClose: DefaultAutoClose,
		Advanced: Advanced{
			IdleAfter:   c.IdleAfter,
			ActiveAfter: c.ActiveAfter,
			DayStart:    c.DayStart,
			HoldLimit:   c.HoldLimit,
			LullLimit:   c.LullLimit,
		},
	}
	s.WorkingHours.Days = defaultDays()
	s.ApplyPreset(PresetOffice)
	return s
}

func defaultDays() [7]Day {
	var d [7]Day
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		d[wd] = Day{Start: 9 * 60, End: 17*60 + 30}
	}
	d[time.Saturday].Off = true
	d[time.Sunday].Off = true
	return d
}

// Schedule maps the settings to the core's configuration.
func (s Settings) Schedule() schedule.Config {
	c := schedule.Config{
		Snooze:         s.Snooze,
		MaxSkips:       s.MaxSkips,
		MaxSnoozes:     s.MaxSnoozes,
		SkipBudget:     s.SkipBudget,
		DebtCap:        schedule.DefaultDebtCap,
		Strict:         s.Strict,
		IdleAfter:      s.Advanced.IdleAfter,
		ActiveAfter:    s.Advanced.ActiveAfter,
		DailyLimit:     s.DailyLimit,
		DailyLimitStep: s.DailyLimitStep,
		DayStart:       s.Advanced.DayStart,
		HoldLimit:      s.Advanced.HoldLimit,
		LullLimit:      s.Advanced.LullLimit,
		Early:          s.Calendar.Early,
	}
	for _, k := range schedule.AllKinds() {
		b := s.Break(k)
		t := schedule.Track{
			Kind: k, Enabled: b.Enabled, Interval: b.Interval, Length: b.Length, Warn: b.Warn,
		}
		// A sip is seconds long, but only a real absence is a drink:
		// without this any pause past IdleAfter would reset the reminder.
		if k == schedule.Hydration && t.Length < schedule.HydrationAway {
			t.Natural = schedule.HydrationAway
		}
		c.Tracks = append(c.Tracks, t)
	}
	if s.WorkingHours.Enabled {
		wh := s.WorkingHours // a copy: later edits to s never leak into the core
		c.WorkingHours = wh.Contains
	}
	if s.Cycle.Enabled {
		c.Cycle = &schedule.Cycle{Sit: s.Cycle.Sit, Stand: s.Cycle.Stand, Move: s.Cycle.Move}
	}
	return c
}
