package api

import (
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// Status is the reply of the `status` command. JSON field names are an
// interface for scripts: add fields, never rename them.
type Status struct {
	Version string    `json:"version"`
	PID     int       `json:"pid"`
	Now     time.Time `json:"now"`
	// Activity names the idle source ("x11-screensaver", "none", ...).
	Activity      string `json:"activity"`
	ActivityError string `json:"activity_error,omitempty"`
	// Signals lists the live presence signals (logind, screensaver, fullscreen, ...).
	Signals []string `json:"signals,omitempty"`
	// SignalsOff lists the presence signals that are not live, as
	// "name: reason" (only with explain).
	SignalsOff []string `json:"signals_off,omitempty"`
	// Presence says in words which presence signals are on ("microphone
	// in use (zoom)"); "" when none is.
	Presence       string `json:"presence,omitempty"`
	Active         bool   `json:"active"`
	IdleSeconds    int64  `json:"idle_seconds"`
	PresentNoInput bool   `json:"present_without_input"`
	Away           bool   `json:"away"`
	// Sitting: this session, today (inside working hours) and after hours.
	SessionSeconds         int64      `json:"session_seconds"`
	TodaySeconds           int64      `json:"today_seconds"`
	TodayAfterHoursSeconds int64      `json:"today_after_hours_seconds"`
	DailyLimitSeconds      int64      `json:"daily_limit_seconds"`
	Paused                 bool       `json:"paused"`
	PausedUntil            *time.Time `json:"paused_until,omitempty"`
	InWorkingHours         bool       `json:"in_working_hours"`
	Strict                 bool       `json:"strict"`
	// SkipsLeftToday is how many stretch and movement breaks may still be
	// skipped today (the daily skip budget less the skips spent; -1 when
	// no budget applies; 0 in strict mode). SkipsUsedToday is how many were.
	SkipsLeftToday int `json:"skips_left_today"`
	SkipsUsedToday int `json:"skips_used_today"`
	// DebtSeconds is the break debt: missed minutes of skipped or short
	// breaks, per budgeted kind (kind ids as keys) and "total".
	DebtSeconds           map[string]int64 `json:"debt_seconds"`
	Breaks                []Break          `json:"breaks"`
	Phase                 string           `json:"phase,omitempty"`
	PhaseRemainingSeconds int64            `json:"phase_remaining_seconds,omitempty"`
	Glasses               int              `json:"glasses_today"`
	GlassGoal             int              `json:"glass_goal"`
	// Profile is the active profile, "default" for the main settings;
	// ProfileAuto says whether the schedule chose it (false: chosen by
	// hand, until `limber profile auto`). Profiles lists the file's
	// profiles in file order.
	Profile     string   `json:"profile"`
	ProfileAuto bool     `json:"profile_auto"`
	Profiles    []string `json:"profiles,omitempty"`
	// Tray says whether a tray host shows the icon.
	Tray string `json:"tray"`
	// Problems are things the user should fix (a bad config line, a bad
	// card file): the first few, or all (up to MaxProblems) when asked.
	Problems []string `json:"problems,omitempty"`
	// ProblemCount is how many problems there are in all.
	ProblemCount int `json:"problem_count"`
	// Why explains the activity state and the last timer resets.
	Why string `json:"why,omitempty"`
	// WhyParts is Why as data (with explain), so the command line says
	// it in the user's language.
	WhyParts *WhyParts `json:"why_parts,omitempty"`
	// Holding says what holds back a break coming due now; null when
	// nothing does.
	Holding *Holding `json:"holding"`
}

// WhyParts is the activity state behind Status.Why.
type WhyParts struct {
	// State is "present", "no-source", "input", "resuming" or "away".
	State string `json:"state"`
	// AwayCause, when away: "start", "locked", "no-input", "asleep" or "stopped".
	AwayCause          string `json:"away_cause,omitempty"`
	IdleSeconds        int64  `json:"idle_seconds"`
	IdleAfterSeconds   int64  `json:"idle_after_seconds"`
	ActiveAfterSeconds int64  `json:"active_after_seconds"`
	AwaySeconds        int64  `json:"away_seconds"`
}

// Holding is what holds back a break: a due break waits for it to end.
type Holding struct {
	// Reason is one of "meeting" (a calendar event), "call" (a microphone
	// or camera in use, or the two minutes after a call) or "presence"
	// (present without input: full screen, a video, an idle inhibitor).
	Reason string `json:"reason"`
	// Until is when the hold ends, when known: the meeting's end (of the
	// last of back-to-back meetings less than 2 minutes apart), the end of
	// the grace after a call.
	Until *time.Time `json:"until,omitempty"`
	// Event is the title (SUMMARY) of the meeting; never its description.
	Event string `json:"event,omitempty"`
}

// DebtTotal is the key of the whole debt in Status.DebtSeconds.
const DebtTotal = "total"

// Debt is kind k's break debt (or, with DebtTotal, all of it).
func (st Status) Debt(k string) time.Duration {
	return time.Duration(st.DebtSeconds[k]) * time.Second
}

// Break is one break track.
type Break struct {
	Kind             schedule.Kind `json:"kind"`
	Enabled          bool          `json:"enabled"`
	IntervalSeconds  int64         `json:"interval_seconds"`
	LengthSeconds    int64         `json:"length_seconds"`
	RemainingSeconds int64         `json:"remaining_seconds"`
	Due              bool          `json:"due"`
	// Held: it waits for what Status.Holding names (a call, a meeting,
	// presence), on its own or merged into a held break (With).
	Held bool `json:"held"`
	// Waiting: its time is up, but it waits for a pause in your typing
	// (at most a minute) before it is offered.
	Waiting bool `json:"waiting,omitempty"`
	// CanSkip: a Skip now would be taken (strict mode off, under the cap
	// of skips in a row and within the day's skip budget).
	CanSkip bool `json:"can_skip,omitempty"`
	// With is the bigger break this one will be taken with (merged), if any.
	With            schedule.Kind `json:"with,omitempty"`
	LastReset       time.Time     `json:"last_reset,omitempty"`
	LastResetReason string        `json:"last_reset_reason,omitempty"`
}
