// Package schedule is Limber's pure core: from activity observations and an
// injected clock it decides which break is due, what counts as sitting, and
// when it next needs to be asked. It imports no UI, no OS services and never
// reads the real clock, so a working week can be simulated in milliseconds.
//
// The types in this file are the contract other packages build on (settings
// produces a Config, the daemon produces Observations and consumes Events).
// Fields may be added; existing names must not change.
package schedule

import "time"

// Kind names a break track.
type Kind string

// The five break tracks, smallest first.
const (
	Posture   Kind = "posture"
	Hydration Kind = "hydration"
	Eyes      Kind = "eyes" // 20-20-20: look far away for 20 s
	Stretch   Kind = "stretch"
	Movement  Kind = "movement"
)

// AllKinds returns every kind, from the smallest break to the biggest.
func AllKinds() []Kind { return []Kind{Posture, Hydration, Eyes, Stretch, Movement} }

// Track configures one kind of break.
type Track struct {
	Kind    Kind
	Enabled bool
	// Interval is active (sitting) time until the break is due.
	Interval time.Duration
	// Length is how long the break lasts; being away at least this long
	// counts as the break taken (a natural break).
	Length time.Duration
	// Warn is how long before due (in active time) the pre-break warning fires; 0 = none.
	Warn time.Duration
	// Natural is how long away counts as this break taken (a natural
	// break); 0 means Length. Longer suits breaks that need more than
	// stepping away, e.g. hydration: 30 s away rarely means a drink.
	Natural time.Duration
}

// Cycle is a repeating sit/stand/move rhythm (the "Cornell 20-8-2" preset).
// When set, a Movement-style prompt is replaced by phase prompts: after Sit of
// active time the user is asked to stand for Stand, then to move for Move.
type Cycle struct {
	Sit, Stand, Move time.Duration
}

// Config is everything the core needs to decide. Settings produce it; the
// daemon hands it in with Scheduler.SetConfig, which may happen at any time.
type Config struct {
	Tracks []Track
	// Snooze is the default postponement (active time) when none is given.
	Snooze time.Duration
	// MaxSkips and MaxSnoozes cap consecutive skips/snoozes of one kind;
	// past the cap the break can only be taken (0 = no cap).
	MaxSkips, MaxSnoozes int
	// SkipBudget is how many stretch and movement breaks may be skipped
	// per day, the kinds together (0 = none; NoSkipBudget = no budget).
	// See budget.go.
	SkipBudget int
	// DebtCap is the most, in per cent of a break's Length, that its
	// debt lengthens it (0 = no break debt is kept). See budget.go.
	DebtCap int
	// Strict is a flag for the UI: no skip, no snooze, no early close.
	Strict bool
	// IdleAfter is how long without input before the user counts as away
	// (Workrave's "idle" threshold); shorter input gaps still count as work.
	IdleAfter time.Duration
	// ActiveAfter is how long input must go on after being away before the
	// user counts as back (a bumped mouse is noise, not work).
	ActiveAfter time.Duration
	// DailyLimit warns once sitting today passes it, and again every
	// DailyLimitStep after (0 = no limit / no repeat).
	DailyLimit, DailyLimitStep time.Duration
	// DayStart is the local time of day at which "today" begins (e.g. 4h).
	DayStart time.Duration
	// HoldLimit caps how long a due break is held while the user is present
	// without input (call, presentation, full screen); after it the break is
	// offered as a notification only (EventDue with NotifyOnly). 0 = hold until it ends.
	HoldLimit time.Duration
	// WorkingHours reports whether t is inside working hours; nil means always.
	// Outside them no break fires and sitting is not counted against the limit.
	WorkingHours func(t time.Time) bool
	// Cycle, when non-nil, enables the sit/stand/move cycle.
	Cycle *Cycle
	// LullLimit is how long a due break waits for a lull (an input pause
	// of LullGap) so that it does not land mid-sentence; past it the
	// break comes anyway. 0 = no waiting.
	LullLimit time.Duration
	// Early: a break that would come due less than this before a meeting
	// (SetBusy) starts is offered when that window opens, so the meeting
	// starts rested. 0 = never early.
	Early time.Duration
}

// Observation is one reading of the world, taken by the daemon's poll loop.
type Observation struct {
	// Wall is the wall-clock time with the monotonic reading stripped (t.Round(0)).
	Wall time.Time
	// Mono is elapsed monotonic time since some fixed origin (process start).
	// On Linux it stops during suspend: Wall advancing far more than Mono
	// between two observations means the machine slept (time away); Wall
	// jumping with Mono steady means the clock was changed.
	Mono time.Duration
	// Idle is the time since the last keyboard or pointer input.
	Idle time.Duration
	// PresentNoInput: the user is there without typing (a call or video
	// holding an idle inhibitor, camera/microphone in use, a full-screen
	// presentation). Time counts as sitting; a due break is held.
	PresentNoInput bool
	// InCall: the presence is a call (a microphone or camera in use); read
	// only together with PresentNoInput. It adds CallGrace after the call
	// and the LongCall rule to the hold.
	InCall bool
	// Away forces away regardless of Idle: screen locked, preparing to sleep.
	Away bool
	// NoSource: no idle source is available, Idle is meaningless and wall
	// time counts as activity.
	NoSource bool
	// Boot is elapsed time since a fixed origin on a clock that keeps
	// running during suspend (Linux CLOCK_BOOTTIME); 0 = unknown. With it
	// the core tells a suspend (Boot runs ahead of Mono) from a forward
	// clock change (Wall runs ahead of Boot); without it any forward wall
	// jump counts as time asleep.
	Boot time.Duration
}

// EventType says what the core decided.
type EventType string

const (
	EventWarn         EventType = "warn"          // pre-break warning
	EventDue          EventType = "due"           // break due: show it
	EventHeld         EventType = "held"          // due, but held while present without input
	EventNatural      EventType = "natural"       // away long enough: counted as the break taken
	EventDone         EventType = "done"          // user took the break
	EventSnoozed      EventType = "snoozed"       // user postponed it
	EventSkipped      EventType = "skipped"       // user skipped it
	EventClosedEarly  EventType = "closed_early"  // break window closed before the end
	EventShort        EventType = "short"         // ended as done before ShortBelow of its length: not counted as taken
	EventSessionStart EventType = "session_start" // user came back
	EventSessionEnd   EventType = "session_end"   // away past the longest break
	EventDailyLimit   EventType = "daily_limit"   // sitting today passed the limit (or another step)
	EventPaused       EventType = "paused"
	EventResumed      EventType = "resumed"
	EventSuspendGap   EventType = "gap"        // time missing between observations (sleep), counted as away
	EventClockJump    EventType = "clock_jump" // wall clock changed without time passing
	EventPhase        EventType = "phase"      // cycle phase change (Phase says which)
	// EventDebtCleared: the day boundary forgave a kind's break debt (Duration).
	EventDebtCleared EventType = "debt_cleared"
)

// Event is one decision, time-stamped with the wall time of the observation
// or action that caused it.
type Event struct {
	At   time.Time
	Type EventType
	Kind Kind // empty for events not tied to a track
	// Duration: the break length for due/warn, the away time for natural
	// and gap, sitting time for daily_limit and session_end.
	Duration time.Duration
	// NotifyOnly: the break is offered as a notification, not a window
	// (it was held past HoldLimit).
	NotifyOnly bool
	// Phase is "sit", "stand" or "move" for EventPhase.
	Phase string
	// With lists, for EventDue, the smaller breaks merged into this one
	// (smallest first): they travel with it and the card or notification
	// must name them. Each is credited only when its own part is done.
	With []Kind
	// Extra, for due, held and warn: the part of Duration that pays back
	// break debt (see budget.go).
	Extra time.Duration
	// Debt, for skipped, short and closed_early: the missing time this
	// outcome added to its kind's debt. Paid, for done, short and
	// closed_early: the debt the break's extra time repaid.
	Debt, Paid time.Duration
	// Spent, for skipped: the skip used one of the day's skip budget.
	Spent bool
}

// Counted is the sitting one observation added to today's totals: InHours
// to Snapshot.Today (also while paused), AfterHours to TodayAfterHours.
type Counted struct{ InHours, AfterHours time.Duration }

// TrackState is a read-only view of one track for status and tray.
type TrackState struct {
	Kind    Kind
	Enabled bool
	// Stage is where the break stands, one of: "idle" (counting toward it),
	// "warned" (counting, the warning given or waived), "offered" (due and
	// offered), "taking" (offered, its card on screen: see Scheduler.Shown), "held" (due, held while present without input), "notified"
	// (held past HoldLimit, offered as a notification), "merged" (to be taken
	// with MergedInto). Due, Held, Warned and MergedInto are views of it.
	Stage string
	// Active is active time accumulated toward the next break.
	Active time.Duration
	// Remaining is active time left until due (0 when due).
	Remaining time.Duration
	// Waiting: the break's active time is up, but it waits for a pause in
	// typing (at most LullLimit) before it is offered; not yet Due.
	Waiting bool
	// Due: the break is due and waiting for the user (offered, held or notified).
	Due bool
	// Held: due and held while present without input (held or notified).
	Held bool
	// Skips and Snoozes in a row; CanSkip/CanSnooze apply the caps, the
	// day's skip budget (CanSkip) and strict mode.
	Skips, Snoozes     int
	CanSkip, CanSnooze bool
	// LastReset is when the track last restarted, and why ("natural", "done", "skipped", "start", ...).
	LastReset       time.Time
	LastResetReason string
	// MergedInto is the bigger break this one will be taken with ("" when
	// not merged): it will not be offered on its own.
	MergedInto Kind
	// Warned: counting in the warned stage: the pre-break warning for the
	// current due point has fired, or is waived (after a snooze).
	Warned bool
}

// Snapshot is a read-only view of the whole core.
type Snapshot struct {
	At time.Time
	// Active: the user counts as sitting right now.
	Active bool
	// Session is the current sitting session's active time; Today the day's.
	Session, Today time.Duration
	// TodayAfterHours is sitting outside working hours today (not counted against the limit).
	TodayAfterHours time.Duration
	// Paused until PausedUntil (zero when not paused).
	Paused      bool
	PausedUntil time.Time
	InWorkHours bool
	Tracks      []TrackState
	// Phase of the sit/stand/move cycle ("" when no cycle).
	Phase          string
	PhaseRemaining time.Duration
	// Why explains the current activity state in a sentence (for status --explain).
	Why string
	// Hold says what holds back a break coming due now (a meeting, a call,
	// presence without input); nil when nothing does.
	Hold *Hold
	// State is the activity state: "active", "noise" (input just resumed,
	// not yet counted) or "away".
	State string
	// Away is how long the user has been away (0 while active).
	Away time.Duration
	// WhyState and AwayCause are Why as codes, for a front end to say it
	// in the user's language: WhyState is "present" (present without
	// input), "no-source", "input", "resuming" or "away"; AwayCause, when
	// away, "start", "locked", "no-input", "asleep" or "stopped". Idle is
	// the time since the last input the core saw.
	WhyState, AwayCause string
	Idle                time.Duration
	// Budget is today's skip budget and the break debt.
	Budget Budget
	// LullWait is how long a break that reached its due point has waited
	// for a pause in typing (a lull, see Config.LullLimit); 0 when none waits.
	LullWait time.Duration
}
