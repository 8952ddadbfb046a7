package api

import (
	"time"

	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
)

// Command is a command's name on the wire.
type Command string

// Every command the daemon serves; the comment names request → reply.
const (
	CmdStatus      Command = "status"       // StatusArgs → Status
	CmdPause       Command = "pause"        // PauseArgs → Status
	CmdResume      Command = "resume"       // none → none
	CmdBreakNow    Command = "break_now"    // KindArgs → BreakNowReply
	CmdSnooze      Command = "snooze"       // SnoozeArgs → none
	CmdSkip        Command = "skip"         // KindArgs → SkipReply
	CmdDrink       Command = "drink"        // DrinkArgs → Status
	CmdQuit        Command = "quit"         // none → none
	CmdVersion     Command = "version"      // none → VersionReply
	CmdSettingsGet Command = "settings_get" // none → SettingsReply
	CmdSettingsSet Command = "settings_set" // SettingsArgs → none
	CmdStats       Command = "stats"        // StatsArgs → history.Stats
	// Profiles (profile.go).
	CmdProfileList Command = "profile_list" // none → ProfileReply
	CmdProfileUse  Command = "profile_use"  // ProfileArgs → ProfileReply
	CmdProfileAuto Command = "profile_auto" // none → ProfileReply
	// The status window's (and a second `limber` launch's).
	CmdShow Command = "show" // ShowArgs → none
	CmdMenu Command = "menu" // MenuArgs → none
	// The card window's own two.
	CmdBreakResult Command = "break_result" // BreakResult → none
	CmdCardPick    Command = "card_pick"    // CardPickArgs → CardPickReply
)

// None is the request or reply of a command that carries nothing.
type None struct{}

// StatusArgs asks for the status; Explain adds the why. AllProblems lists
// every problem (up to MaxProblems) instead of the first few.
type StatusArgs struct {
	Explain     bool `json:"explain,omitempty"`
	AllProblems bool `json:"all_problems,omitempty"`
}

// Limits of requests, the same for the command line and the daemon (which
// checks them again: a request may come from anywhere on the socket).
const (
	// MaxDuration bounds a pause or a snooze.
	MaxDuration = 7 * 24 * time.Hour
	// MaxBreakLength bounds a break's length or time spent on it.
	MaxBreakLength = 24 * time.Hour
	// MaxExclude bounds the card ids a card_pick may exclude.
	MaxExclude = 1000
)

// Limits of the status reply, so that it fits the socket's line cap by
// design whatever the number of bad card files: at most MaxProblems
// problems of at most MaxProblemLen bytes each (about 500 KB in all).
const (
	FewProblems   = 5
	MaxProblems   = 1000
	MaxProblemLen = 500
)

// CheckSeconds refuses a number of seconds outside 0..max, naming what it is.
func CheckSeconds(what string, sec int64, max time.Duration) error {
	if sec < 0 || sec > int64(max/time.Second) {
		return Usagef("%s must be between 0 and %d seconds, got %d", what, int64(max/time.Second), sec)
	}
	return nil
}

// PauseArgs is the `pause` request: exactly one field set.
type PauseArgs struct {
	Seconds  int64      `json:"seconds,omitempty"`
	Until    *time.Time `json:"until,omitempty"`
	Tomorrow bool       `json:"tomorrow,omitempty"`
}

// KindArgs names a break kind (empty: the one due, or the next).
type KindArgs struct {
	Kind schedule.Kind `json:"kind,omitempty"`
}

// BreakNowReply says what break_now did beyond starting the break:
// Replaced is the kind of the card it closed (a smaller break, now part of
// this one), if any.
type BreakNowReply struct {
	Replaced schedule.Kind `json:"replaced,omitempty"`
}

// SnoozeReply says which break snooze postponed (the one asked, the one
// due, or the next) and in how much activity it comes again.
type SnoozeReply struct {
	Kind    schedule.Kind `json:"kind"`
	Seconds int64         `json:"seconds"`
}

// SkipReply says which break skip dropped (the one asked or the one due)
// and, when the day's skip budget applies to it, how many skips are left
// today (SkipsLeft; -1 when no budget applies to that break).
type SkipReply struct {
	Kind      schedule.Kind `json:"kind"`
	SkipsLeft int           `json:"skips_left"`
}

// SnoozeArgs postpones a break by Seconds of activity (0: the setting).
type SnoozeArgs struct {
	Kind    schedule.Kind `json:"kind,omitempty"`
	Seconds int64         `json:"seconds,omitempty"`
}

// DrinkArgs logs one glass of water, now, from Source.
type DrinkArgs struct {
	Source history.Source `json:"source"`
}

// Windows the daemon can be asked to show (CmdShow).
const (
	WindowStatus   = "status"
	WindowSettings = "settings"
	WindowStats    = "stats"
)

// ShowArgs names the window to show: WindowStatus, WindowSettings or
// WindowStats. A status window already open is not opened twice.
type ShowArgs struct {
	Window string `json:"window"`
}

// MenuArgs runs a tray-menu action (tray.Action, e.g. "pause:30m") as if
// it were clicked: the status window shows the tray's menu without a tray.
type MenuArgs struct {
	Action string `json:"action"`
}

// VersionReply names the daemon's version.
type VersionReply struct {
	Version string `json:"version"`
}

// SettingsReply answers settings_get: the settings in use, the file they
// come from and the problems of that file on disk (empty when it is valid).
// Locked maps each key an administrator locked to where (the settings
// window shows those read-only; settings_set keeps their system value).
type SettingsReply struct {
	Settings settings.Settings  `json:"settings"`
	Path     string             `json:"path"`
	Problems []settings.Problem `json:"problems"`
	// Profile is the active profile ("" for the main settings): Settings
	// are then the main ones under it, Main the main ones alone, and
	// Overrides the keys the profile sets.
	Profile   string            `json:"profile,omitempty"`
	Main      settings.Settings `json:"main"`
	Overrides []string          `json:"overrides,omitempty"`
	// Locked maps each key an administrator locked to where (the settings
	// window shows those read-only; settings_set keeps their system value).
	Locked map[string]settings.Lock `json:"locked,omitempty"`
}

// SettingsArgs is settings_set: the daemon validates (an invalid value is
// an error naming the field), saves the file and applies it at once. With
// Profile, the profile's table is saved instead: it then overrides the
// keys in Overrides, with their values in Settings.
type SettingsArgs struct {
	Settings  settings.Settings `json:"settings"`
	Profile   string            `json:"profile,omitempty"`
	Overrides []string          `json:"overrides,omitempty"`
}

// StatsArgs asks for the figures of the last Days days.
type StatsArgs = history.StatsArgs

// Outcome is how a card says its break ended; the values are the core's
// event names, which history records too.
type Outcome = history.Outcome

// The outcomes a card window reports.
const (
	Done        = history.Done
	Snoozed     = history.Snoozed
	Skipped     = history.Skipped
	ClosedEarly = history.ClosedEarly
)

// BreakResult is how a card window says its break ended, exactly once.
type BreakResult struct {
	Kind           schedule.Kind `json:"kind"`
	CardID         string        `json:"card_id,omitempty"`
	Outcome        Outcome       `json:"outcome"`
	ElapsedSeconds float64       `json:"elapsed_seconds,omitempty"`
	// SnoozeSeconds is how long to postpone, when Outcome is Snoozed.
	SnoozeSeconds int64 `json:"snooze_seconds,omitempty"`
}

// Elapsed is ElapsedSeconds as a duration.
func (r BreakResult) Elapsed() time.Duration {
	return time.Duration(r.ElapsedSeconds * float64(time.Second))
}

// CardPickArgs asks the daemon's picker (which applies the allowed
// positions and remembers recent cards across windows) for a card; it never
// returns an id listed in Exclude.
type CardPickArgs struct {
	Kind          schedule.Kind `json:"kind"`
	LengthSeconds int64         `json:"length_seconds"`
	Exclude       []string      `json:"exclude,omitempty"`
}

// CardPickReply names the card; empty when none fits. CardIDs is the whole
// plan for the break's length, the card first and the cards that follow it
// (a sequence that fills the break; "Another one" shows it all).
type CardPickReply struct {
	CardID  string   `json:"card_id"`
	CardIDs []string `json:"card_ids,omitempty"`
}
