package schedule

import (
	"slices"
	"sort"
	"time"
)

// actState is the Workrave-style activity state machine: away (idle) →
// noise (input just resumed) → active; gaps shorter than IdleAfter keep
// the user active.
type actState uint8

const (
	stAway actState = iota
	stNoise
	stActive
)

func (a actState) String() string {
	switch a {
	case stActive:
		return "active"
	case stNoise:
		return "noise"
	}
	return "away"
}

// track is the runtime state of one break track.
type track struct {
	Track
	stage   stage
	with    int           // stageMerged: index of the bigger track it will be taken with; -1 otherwise
	named   bool          // stageMerged: named in the bigger one's EventDue (Event.With)
	active  time.Duration // active time since the last reset
	dueAt   time.Duration // active time at which it falls due (Interval, or later after a snooze)
	heldFor time.Duration // stageHeld: how long it has been held
	// told: stageWarned, and its warning was shown (not waived), so the
	// user was asked to find a pause: one brings the break forward.
	told    bool
	extra   time.Duration // while due: how much longer it is for its debt (budget.go)
	skips   int
	snoozes int
	reset   time.Time
	reason  string
	// earlyFor is the start of the meeting this break was last offered
	// early for (Config.Early), so it is offered early once per meeting.
	earlyFor time.Time
}

// Scheduler is Limber's decision core. It is not safe for concurrent use:
// the daemon owns it and serialises calls (one goroutine or a mutex). It
// never reads the real clock: all time comes from Observations and the
// `at` argument of the actions.
//
// Semantics, rule by rule:
//
//   - Activity is a state machine away → noise → active. From away, input
//     starts noise at the last input seen; it becomes active once input has
//     gone on for ActiveAfter (the noise time then counts as sitting), and
//     falls back to away if input stops for ActiveAfter (a bumped mouse).
//     While active, input gaps shorter than IdleAfter are work; at IdleAfter
//     without input the user is away from the last input on (the idle time
//     measured at the observation is away time, not sitting).
//     PresentNoInput and NoSource count as active without the noise filter;
//     Observation.Away forces away.
//   - Time accounting: every stretch of monotonic time between observations
//     is assigned exactly once, to sitting or to away, up to a frontier.
//     While active the frontier follows the last input, so the tail since
//     the last input (shorter than IdleAfter) is settled at the next
//     observation. Sitting goes to Session and to Today (TodayAfterHours
//     outside working hours); it counts toward breaks only inside working
//     hours and when not paused.
//   - Natural breaks: when the current away time reaches a track's Length
//     (or its Natural, when set) the
//     track restarts (EventNatural with the away time so far) and its skip
//     count clears; tracks that have not started are left alone. Away time
//     reaching the longest enabled Length or Natural (or the cycle's Move) ends the
//     session (EventSessionEnd with its sitting time); the next activity
//     starts one (EventSessionStart with the away time).
//   - Due: when a track's active time reaches its Interval (or its snooze
//     end) it is due, once; it stays due until done, skipped, snoozed,
//     closed early, or reset by a natural break or a bigger break. EventWarn
//     fires once, Warn before. No bursts: only the biggest due break (by
//     Length) is offered, smaller due ones are merged into it and restart
//     when it does; a break due within MergeWindow before a bigger one
//     waits and is merged into it. At most one EventDue per observation, and
//     none while away, paused or outside working hours. Missed breaks are
//     never queued.
//   - Lull: a break reaching its due point while the user types waits
//     for a lull (an observation with at least LullGap without input), at
//     most LullLimit of monotonic time, then comes anyway. It stays in its
//     counting stage meanwhile (Remaining 0). Presence without input and
//     BreakNow do not wait.
//   - Pause after a warning: once a break's warning was shown, an input
//     pause of LullGap (while still active, before IdleAfter) makes it due
//     at once, brought forward like the calendar's early offer: the warning
//     asks the user to finish the sentence, and that pause is the moment.
//     Not after a snooze or postpone (no warning shown for that due point),
//     and not when the pause is already as long as the break itself: then
//     it is a natural break.
//   - Merged breaks travel with the bigger one: its EventDue lists them
//     (Event.With). When the bigger one is done, a merged break it covers
//     (its Length and Natural no longer than the time taken) is done too
//     (EventDone for it); one it does not cover (a drink in a stretch) is
//     done only by its own Done, else it ends uncredited (EventSkipped,
//     without counting toward MaxSkips). Skipping the bigger one skips them.
//     A break merged into one already on screen was never named: it is
//     credited only if covered, else it goes back to waiting on its own.
//   - Held: a break coming due while the user is present without input is
//     held (EventHeld) and offered (EventDue) at the first observation after
//     presence ends (unless Away); held for HoldLimit it is offered once as
//     a notification (EventDue with NotifyOnly) and still offered in full
//     when presence ends.
//   - Meetings (SetBusy, meeting.go): a meeting holds like presence, to its
//     known end and without the HoldLimit notification; a break due less
//     than Early before one is offered early; back-to-back meetings get
//     the movement break in the gap.
//   - Stages: each track is in exactly one stage (idle, warned, due,
//     offered, held, notified, merged; see stage.go), which TrackState.Stage
//     names and Due, Held, Warned and MergedInto are read from.
//   - Clocks: wall and monotonic deltas are compared at each observation.
//     Boot (or, without it, wall) ahead of Mono by more than ClockSlack is
//     sleep: the gap is away time (EventSuspendGap, then natural breaks as
//     earned), never sitting; a Mono delta over MaxObservationGap is treated
//     the same. Wall moving against Boot (or backwards against Mono) is a
//     clock change (EventClockJump); so is a change of the zone offset. Both
//     only move the day boundary; elapsed time always comes from Mono, so a
//     backwards jump never yields negative time and never resets Today.
//   - Day: Today restarts when the wall clock passes the next DayStart in
//     the observation's zone. EventDailyLimit fires when Today reaches
//     DailyLimit and again every DailyLimitStep, not while paused.
//   - Cycle: with Config.Cycle, the Movement track is replaced by phases
//     sit → stand → move over active time (away time also counts while in
//     the move phase); each change is an EventPhase; a new session starts
//     again at sit.
//
// callState follows calls (Observation.InCall) for CallGrace and LongCall.
type callState struct {
	on    bool          // in a call now
	grace bool          // a call ended less than CallGrace ago
	start time.Duration // mono time the call (or the first of back-to-back calls) began
	end   time.Duration // mono time it ended (grace)
	// endWall is the wall time it ended; long: the grace is over after a
	// call of at least LongCall, and the movement break is still to offer.
	endWall time.Time
	long    bool
}

type Scheduler struct {
	cfg    Config
	tracks []track // config order
	bySize []int   // track indexes from the smallest break to the biggest
	cycle  *Cycle

	lastWall time.Time
	lastMono time.Duration
	lastBoot time.Duration
	last     Observation

	state      actState
	frontier   time.Duration // mono time up to which time has been assigned
	noiseStart time.Duration
	away       time.Duration // current away period, including sleep gaps
	awayCause  string
	sessionOn  bool
	session    time.Duration

	today, afterHours time.Duration
	dayEnd            time.Time // next day boundary
	dailyNext         time.Duration
	zoneLoc           *time.Location
	zoneOff           int
	zoneEnd           time.Time

	call callState
	meet meetings // the calendar (meeting.go)

	skipsToday int                    // budgeted skips spent today
	debt       map[Kind]time.Duration // break debt per budgeted kind; nil when none

	paused      bool
	pausedUntil time.Time
	inHours     bool

	phase     int // 0 sit, 1 stand, 2 move
	phaseDone time.Duration

	waiting  bool          // a break reached its due point and waits for a lull
	waitFrom time.Duration // mono time the wait began

	sat   Counted                  // sitting counted by the observation in progress
	trace func(Kind, stage, stage) // tests: sees every stage change

	events []Event // events of the call in progress
}

// New returns a scheduler configured with cfg (which should pass Validate;
// invalid values are used as given) whose clocks start at the observation
// start. The user starts away: the first observations that show continued
// input start a session (EventSessionStart), so New itself emits nothing.
func New(cfg Config, start Observation) *Scheduler {
	start.Wall = start.Wall.Round(0)
	s := &Scheduler{
		lastWall:  start.Wall,
		lastMono:  start.Mono,
		lastBoot:  start.Boot,
		last:      start,
		frontier:  start.Mono,
		awayCause: "just started",
		inHours:   true,
	}
	s.applyConfig(cfg, start.Wall)
	s.inHours = cfg.WorkingHours == nil || cfg.WorkingHours(start.Wall)
	for i := range s.tracks {
		s.restart(i, start.Wall, "start")
	}
	s.newDay(start.Wall)
	s.setZone(start.Wall)
	return s
}

// applyConfig installs cfg keeping the runtime state of tracks by kind.
// Merges refer to indexes, so every merged track goes back to counting and
// the next evaluation redoes the merges.
func (s *Scheduler) applyConfig(cfg Config, at time.Time) {
	old := map[Kind]track{}
	for _, t := range s.tracks {
		old[t.Kind] = t
	}
	s.cfg = cfg
	s.cycle = nil
	if cfg.Cycle != nil {
		cy := *cfg.Cycle // the caller may reuse its value
		s.cycle = &cy
	}
	s.tracks = make([]track, len(cfg.Tracks))
	for i, ct := range cfg.Tracks {
		if s.cycle != nil && ct.Kind == Movement {
			ct.Enabled = false // replaced by the cycle's phase prompts
		}
		t, ok := old[ct.Kind]
		if !ok || !ct.Enabled || !t.Enabled {
			s.tracks[i] = track{Track: ct}
			s.restart(i, at, "start")
			continue
		}
		if t.dueAt == t.Interval { // not postponed: the new interval applies
			t.dueAt = ct.Interval
		}
		t.Track = ct
		s.tracks[i] = t
		switch {
		case t.stage == stageMerged:
			s.goTo(i, t.resume(), -1)
		case t.stage == stageWarned && t.resume() == stageIdle:
			s.goTo(i, stageIdle, -1) // the warning was for the old due point
		}
	}
	s.bySize = make([]int, len(s.tracks))
	for i := range s.bySize {
		s.bySize[i] = i
	}
	sort.SliceStable(s.bySize, func(a, b int) bool {
		ta, tb := s.tracks[s.bySize[a]], s.tracks[s.bySize[b]]
		if ta.Length != tb.Length {
			return ta.Length < tb.Length
		}
		return kindRank(ta.Kind) < kindRank(tb.Kind)
	})
	s.dailyNext = s.nextLimit()
	if s.cycle == nil {
		s.phase, s.phaseDone = 0, 0
	}
}

// nextLimit is the first daily-limit step today has not reached yet (-1
// when none is left, 0 when there is no limit).
func (s *Scheduler) nextLimit() time.Duration {
	next := s.cfg.DailyLimit
	for next > 0 && s.today >= next {
		if s.cfg.DailyLimitStep <= 0 {
			return -1
		}
		next += s.cfg.DailyLimitStep
	}
	return next
}

// kindRank orders kinds from the smallest break to the biggest, to break
// ties between equal lengths.
func kindRank(k Kind) int { return slices.Index(AllKinds(), k) }

// bigger reports whether track a is a bigger break than track b.
func (s *Scheduler) bigger(a, b int) bool {
	ta, tb := &s.tracks[a], &s.tracks[b]
	if ta.Length != tb.Length {
		return ta.Length > tb.Length
	}
	return kindRank(ta.Kind) > kindRank(tb.Kind)
}

// longest is the away time that ends a session: enough for every enabled
// break to count as taken.
func (s *Scheduler) longest() time.Duration {
	var l time.Duration
	for i := range s.tracks {
		if t := &s.tracks[i]; t.Enabled {
			l = max(l, max(t.Length, t.Natural)+s.length(i)-t.Length) // with its debt's extra
		}
	}
	if s.cycle != nil && s.cycle.Move > l {
		l = s.cycle.Move
	}
	return l
}

func (s *Scheduler) emit(e Event) { s.events = append(s.events, e) }

// flush hands the events of the call to the caller; nil when none, so the
// common path allocates nothing.
func (s *Scheduler) flush() []Event {
	ev := s.events
	s.events = nil
	return ev
}

func (s *Scheduler) newDay(wall time.Time) {
	s.clearBudget(wall)
	s.today, s.afterHours = 0, 0
	s.dailyNext = s.cfg.DailyLimit
	s.dayEnd = PauseUntilTomorrow(wall, s.cfg.DayStart)
}

// setZone caches wall's zone offset until its next transition and reports
// the change in offset (0 when unchanged or on first call).
func (s *Scheduler) setZone(wall time.Time) time.Duration {
	_, off := wall.Zone()
	_, end := wall.ZoneBounds()
	change := 0
	if s.zoneLoc != nil {
		change = off - s.zoneOff
	}
	s.zoneLoc, s.zoneOff, s.zoneEnd = wall.Location(), off, end
	return time.Duration(change) * time.Second
}
