package schedule

import (
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
	active  time.Duration // active time since the last reset
	dueAt   time.Duration // active time at which it falls due (Interval, or later after a snooze)
	due     bool          // due and waiting for the user
	offered bool          // EventDue (full) was sent for the current due
	held    bool          // due while present without input
	heldFor time.Duration // how long it has been held
	notify  bool          // the NotifyOnly offer was sent
	warned  bool
	merged  int // index of the bigger track it will be taken with, -1 when none
	skips   int
	snoozes int
	reset   time.Time
	reason  string
}

func (t *track) restart(at time.Time, reason string) {
	t.active = 0
	t.dueAt = t.Interval
	t.due, t.offered, t.held, t.notify, t.warned = false, false, false, false, false
	t.heldFor = 0
	t.merged = -1
	t.snoozes = 0
	t.reset = at
	t.reason = reason
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
//   - Held: a break coming due while the user is present without input is
//     held (EventHeld) and offered (EventDue) at the first observation after
//     presence ends (unless Away); held for HoldLimit it is offered once as
//     a notification (EventDue with NotifyOnly) and still offered in full
//     when presence ends.
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

	paused      bool
	pausedUntil time.Time
	inHours     bool

	phase     int // 0 sit, 1 stand, 2 move
	phaseDone time.Duration

	// Fast path: counted is all active time that counted toward breaks;
	// nothing can fire before counted reaches quietUntil (0 = re-check).
	// Every change to tracks, phase, limit or pause sets it to 0.
	counted, quietUntil time.Duration
	holding             bool // some track may be held

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
		s.tracks[i].restart(start.Wall, "start")
	}
	s.newDay(start.Wall)
	s.setZone(start.Wall)
	return s
}

// applyConfig installs cfg keeping the runtime state of tracks by kind.
func (s *Scheduler) applyConfig(cfg Config, at time.Time) {
	s.quietUntil = 0
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
	s.tracks = make([]track, 0, len(cfg.Tracks))
	for _, ct := range cfg.Tracks {
		if s.cycle != nil && ct.Kind == Movement {
			ct.Enabled = false // replaced by the cycle's phase prompts
		}
		t, ok := old[ct.Kind]
		if !ok || !ct.Enabled || !t.Enabled {
			t = track{}
			t.Track = ct
			t.restart(at, "start")
		} else {
			snoozed := t.dueAt != t.Interval
			t.Track = ct
			if !snoozed {
				t.dueAt = ct.Interval
			}
			if t.active < t.dueAt-ct.Warn {
				t.warned = false
			}
		}
		t.merged = -1
		s.tracks = append(s.tracks, t)
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
	// Merges refer to indexes; un-merge and let the next evaluation redo it.
	for i := range s.tracks {
		t := &s.tracks[i]
		if t.due && !t.Enabled {
			t.due, t.offered, t.held = false, false, false
		}
	}
	s.dailyNext = cfg.DailyLimit
	if cfg.DailyLimit > 0 {
		for s.today >= s.dailyNext {
			if cfg.DailyLimitStep <= 0 {
				s.dailyNext = -1
				break
			}
			s.dailyNext += cfg.DailyLimitStep
		}
	}
	if s.cycle == nil {
		s.phase, s.phaseDone = 0, 0
	}
}

// kindRank orders kinds from the smallest break to the biggest, to break
// ties between equal lengths.
func kindRank(k Kind) int {
	switch k {
	case Posture:
		return 0
	case Hydration:
		return 1
	case Stretch:
		return 2
	case Movement:
		return 3
	}
	return 4
}

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
			l = max(l, t.Length, t.Natural)
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
	s.quietUntil = 0
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

// Observe advances the core to o and returns its decisions in order (nil
// when there are none). Observations must come from one process: Mono never
// goes backwards (a backwards Mono is treated as no time passing).
func (s *Scheduler) Observe(o Observation) []Event {
	o.Wall = o.Wall.Round(0) // a monotonic reading would hide sleep from Sub
	dm := o.Mono - s.lastMono
	if dm < 0 {
		dm = 0
	}
	dw := o.Wall.Sub(s.lastWall)
	var gap, jump time.Duration
	if o.Boot > 0 && s.lastBoot > 0 {
		db := o.Boot - s.lastBoot
		if db-dm > ClockSlack {
			gap = db - dm
		}
		if d := dw - db; d > ClockSlack || d < -ClockSlack {
			jump = d
		}
	} else if d := dw - dm; d > ClockSlack {
		gap = d
	} else if d < -ClockSlack {
		jump = d
	}
	lost := gap
	if dm > MaxObservationGap {
		lost += dm
	}
	s.lastWall, s.lastMono, s.lastBoot = o.Wall, o.Mono, o.Boot
	now := o.Mono
	if now < s.frontier { // Mono went backwards: start assigning afresh
		s.frontier, s.noiseStart = now, now
	}

	// Clock and calendar: elapsed time always comes from Mono; a clock
	// change or a new time zone only moves the day boundary.
	moved := false
	if jump != 0 {
		s.emit(Event{At: o.Wall, Type: EventClockJump, Duration: jump})
		moved = true
	}
	if o.Wall.Location() != s.zoneLoc || (!s.zoneEnd.IsZero() && !o.Wall.Before(s.zoneEnd)) {
		if ch := s.setZone(o.Wall); ch != 0 {
			s.emit(Event{At: o.Wall, Type: EventClockJump, Duration: ch})
		}
		moved = true
	}
	if !o.Wall.Before(s.dayEnd) {
		s.newDay(o.Wall)
	} else if moved {
		s.dayEnd = PauseUntilTomorrow(o.Wall, s.cfg.DayStart)
	}
	prevPresent := s.last.PresentNoInput && !s.last.Away
	s.last = o

	present := o.PresentNoInput && !o.Away
	direct := present || (o.NoSource && !o.Away) // activity without input readings
	idle := o.Idle
	if idle < 0 {
		idle = 0
	}
	lastInput := now - idle
	if direct {
		lastInput = now
	}

	// Held breaks count hold time in monotonic time, whatever the state.
	if s.holding {
		for i := range s.tracks {
			if s.tracks[i].held {
				s.tracks[i].heldFor += dm
			}
		}
	}

	if lost > 0 {
		// Asleep or not observed: nothing since the frontier is sitting.
		// The return is noticed from the next observation on.
		s.emit(Event{At: o.Wall, Type: EventSuspendGap, Duration: lost})
		s.state = stAway
		if gap > 0 {
			s.awayCause = "the machine was asleep"
		} else {
			s.awayCause = "observations stopped"
		}
		s.addAway(o.Wall, now-s.frontier+gap)
		s.frontier = now
	}

	switch s.state {
	case stActive:
		switch {
		case o.Away:
			s.commitActive(o.Wall, max(lastInput, s.frontier)-s.frontier)
			s.frontier = max(lastInput, s.frontier)
			s.state, s.awayCause = stAway, "the screen is locked or the machine is going to sleep"
			s.addAway(o.Wall, now-s.frontier)
			s.frontier = now
		case !direct && idle >= s.cfg.IdleAfter:
			l := max(lastInput, s.frontier)
			s.commitActive(o.Wall, l-s.frontier)
			s.state, s.awayCause = stAway, "no keyboard or pointer input"
			s.frontier = l
			s.addAway(o.Wall, now-l)
			s.frontier = now
		default:
			l := max(lastInput, s.frontier)
			s.commitActive(o.Wall, l-s.frontier)
			s.frontier = l
		}
	case stNoise:
		switch {
		case o.Away:
			s.state = stAway
			s.addAway(o.Wall, now-s.frontier)
			s.frontier = now
		case direct:
			s.becomeActive(o.Wall)
			s.commitActive(o.Wall, now-s.frontier)
			s.frontier = now
		case lastInput-s.noiseStart >= s.cfg.ActiveAfter:
			s.becomeActive(o.Wall)
			s.commitActive(o.Wall, lastInput-s.frontier)
			s.frontier = lastInput
		case idle >= s.cfg.ActiveAfter:
			// A bump, not a return: the noise was part of the time away.
			s.state = stAway
			s.addAway(o.Wall, now-s.frontier)
			s.frontier = now
		}
	default: // stAway
		switch {
		case o.Away:
			s.awayCause = "the screen is locked or the machine is going to sleep"
			s.addAway(o.Wall, now-s.frontier)
			s.frontier = now
		case direct:
			s.addAway(o.Wall, now-s.frontier)
			s.frontier = now
			s.becomeActive(o.Wall)
		case lastInput > s.frontier:
			s.addAway(o.Wall, lastInput-s.frontier)
			s.frontier = lastInput
			s.noiseStart = lastInput
			s.state = stNoise
			if s.cfg.ActiveAfter <= 0 {
				s.becomeActive(o.Wall)
				s.commitActive(o.Wall, now-s.frontier)
				s.frontier = now
			}
		default:
			s.addAway(o.Wall, now-s.frontier)
			s.frontier = now
		}
	}

	// The time since the last observation was assigned under the pause and
	// working hours as they were; from here on they are as they are now.
	if s.paused && !s.pausedUntil.IsZero() && !o.Wall.Before(s.pausedUntil) {
		s.paused, s.pausedUntil = false, time.Time{}
		s.quietUntil = 0
		s.emit(Event{At: o.Wall, Type: EventResumed})
	}
	if in := s.cfg.WorkingHours == nil || s.cfg.WorkingHours(o.Wall); in != s.inHours {
		s.inHours = in
		s.quietUntil = 0
	}

	// A break held during a call is offered once the presence ends and
	// the user is still there.
	if s.holding && !present && !o.Away && (prevPresent || s.state == stActive) && s.inHours && !s.paused {
		s.release(o.Wall)
	}
	if s.state == stActive && s.inHours && !s.paused {
		s.evaluate(o.Wall, present)
	}
	return s.flush()
}

// commitActive assigns d of sitting.
func (s *Scheduler) commitActive(at time.Time, d time.Duration) {
	if d <= 0 {
		return
	}
	s.session += d
	if !s.inHours {
		s.afterHours += d
		return
	}
	s.today += d
	if s.paused {
		return
	}
	for i := range s.tracks {
		if s.tracks[i].Enabled {
			s.tracks[i].active += d
		}
	}
	s.counted += d
	if s.cycle != nil {
		s.phaseDone += d
	}
}

// addAway assigns d of time away and credits natural breaks and the end of
// the session as the away time crosses each break's length.
func (s *Scheduler) addAway(at time.Time, d time.Duration) {
	if d <= 0 {
		return
	}
	prev := s.away
	s.away += d
	if s.cycle != nil && s.phase == 2 {
		s.phaseDone += d // walking away is moving
		s.quietUntil = 0
	}
	for _, i := range s.bySize {
		t := &s.tracks[i]
		need := t.Length
		if t.Natural > 0 {
			need = t.Natural
		}
		if !t.Enabled || prev >= need || s.away < need || (t.active == 0 && !t.due) {
			continue // nothing to credit on a track that has not started
		}
		s.naturalReset(i, at)
		s.quietUntil = 0
		s.emit(Event{At: at, Type: EventNatural, Kind: t.Kind, Duration: s.away})
	}
	end := s.longest()
	if end == 0 {
		end = s.cfg.IdleAfter
	}
	if s.sessionOn && s.away >= end {
		s.quietUntil = 0
		s.emit(Event{At: at, Type: EventSessionEnd, Duration: s.session})
		s.sessionOn = false
		s.session = 0
		if s.cycle != nil {
			s.phase, s.phaseDone = 0, 0
		}
	}
}

// naturalReset restarts track i after enough time away; it counts as the
// break taken, so the caps start over.
func (s *Scheduler) naturalReset(i int, at time.Time) {
	t := &s.tracks[i]
	t.restart(at, "natural")
	t.skips = 0
	for j := range s.tracks {
		if s.tracks[j].merged == i {
			s.tracks[j].merged = -1
		}
	}
}

func (s *Scheduler) becomeActive(at time.Time) {
	s.state = stActive
	if !s.sessionOn {
		s.sessionOn = true
		s.emit(Event{At: at, Type: EventSessionStart, Duration: s.away})
		if s.cycle != nil {
			// The session ended, so the cycle starts over with sitting.
			s.emit(Event{At: at, Type: EventPhase, Phase: PhaseSit, Duration: s.cycle.Sit})
		}
	}
	s.away = 0
}

// release offers the biggest held break now that presence has ended.
func (s *Scheduler) release(at time.Time) {
	best := -1
	for i := range s.tracks {
		if s.tracks[i].held && (best < 0 || s.bigger(i, best)) {
			best = i
		}
	}
	s.holding = false
	if best < 0 {
		return
	}
	s.quietUntil = 0
	for i := range s.tracks {
		t := &s.tracks[i]
		if t.held {
			t.held, t.heldFor = false, 0
		}
		if i != best && t.due {
			t.due, t.offered, t.merged = false, false, best
		}
	}
	t := &s.tracks[best]
	t.offered = true
	s.emit(Event{At: at, Type: EventDue, Kind: t.Kind, Duration: t.Length})
}

// evaluate fires warnings, dues, phase changes and the daily limit; it runs
// only while the user is active, in working hours and not paused.
func (s *Scheduler) evaluate(at time.Time, present bool) {
	if s.quietUntil > 0 && s.counted < s.quietUntil && !s.holding {
		return // nothing can fire yet
	}
	defer s.setQuiet()
	// Newly due tracks.
	newly := false
	for i := range s.tracks {
		t := &s.tracks[i]
		if t.Enabled && !t.due && t.merged < 0 && t.active >= t.dueAt {
			t.due = true
			t.offered, t.held, t.notify, t.heldFor = false, false, false, 0
			newly = true
		}
	}
	if newly {
		s.settleDue(at, present)
	} else {
		// Hold limit on an already held break.
		for i := range s.tracks {
			t := &s.tracks[i]
			if t.held && !t.notify && s.cfg.HoldLimit > 0 && t.heldFor >= s.cfg.HoldLimit {
				t.notify = true
				s.emit(Event{At: at, Type: EventDue, Kind: t.Kind, Duration: t.Length, NotifyOnly: true})
			}
		}
	}

	// Warnings: only the biggest one that would not be merged.
	warn := -1
	for _, i := range s.bySize {
		t := &s.tracks[i]
		if !t.Enabled || t.due || t.warned || t.merged >= 0 || t.Warn <= 0 || t.active < t.dueAt-t.Warn {
			continue
		}
		t.warned = true
		if present || s.absorbedBy(i) >= 0 {
			continue
		}
		if warn >= 0 {
			s.tracks[warn].warned = true
		}
		warn = i
	}
	if warn >= 0 {
		t := &s.tracks[warn]
		s.emit(Event{At: at, Type: EventWarn, Kind: t.Kind, Duration: t.Length})
	}

	if cy := s.cycle; cy != nil {
		dur := [3]time.Duration{cy.Sit, cy.Stand, cy.Move}
		for k := 0; k < 3 && s.phaseDone >= dur[s.phase]; k++ {
			s.phaseDone -= dur[s.phase]
			s.phase = (s.phase + 1) % 3
			if dur[s.phase] == 0 {
				continue
			}
			s.emit(Event{At: at, Type: EventPhase, Phase: phaseName(s.phase), Duration: dur[s.phase]})
		}
		if s.phaseDone > dur[s.phase] {
			s.phaseDone = dur[s.phase] // never carry a backlog of phases
		}
	}

	if s.cfg.DailyLimit > 0 && s.dailyNext > 0 && s.today >= s.dailyNext {
		s.emit(Event{At: at, Type: EventDailyLimit, Duration: s.today})
		if s.cfg.DailyLimitStep > 0 {
			for s.dailyNext <= s.today {
				s.dailyNext += s.cfg.DailyLimitStep
			}
		} else {
			s.dailyNext = -1
		}
	}
}

// Phase names of the sit/stand/move cycle, as in Event.Phase and Snapshot.Phase.
const (
	PhaseSit   = "sit"
	PhaseStand = "stand"
	PhaseMove  = "move"
)

// phaseName names cycle phase p (0 sit, 1 stand, 2 move).
func phaseName(p int) string {
	switch p {
	case 1:
		return PhaseStand
	case 2:
		return PhaseMove
	}
	return PhaseSit
}

// setQuiet computes how much more counted active time can pass before
// evaluate has anything to check.
func (s *Scheduler) setQuiet() {
	gap := time.Duration(1<<63 - 1)
	for i := range s.tracks {
		t := &s.tracks[i]
		if !t.Enabled || t.due || t.merged >= 0 {
			continue
		}
		next := t.dueAt - t.active
		if !t.warned && t.Warn > 0 {
			next -= t.Warn
		}
		gap = min(gap, next)
	}
	if cy := s.cycle; cy != nil {
		dur := [3]time.Duration{cy.Sit, cy.Stand, cy.Move}
		gap = min(gap, dur[s.phase]-s.phaseDone)
	}
	if s.cfg.DailyLimit > 0 && s.dailyNext > 0 {
		gap = min(gap, s.dailyNext-s.today)
	}
	switch {
	case gap <= 0:
		s.quietUntil = 0
	case gap == time.Duration(1<<63-1):
		s.quietUntil = gap // nothing ahead until something changes
	default:
		s.quietUntil = s.counted + gap
	}
}

// absorbedBy returns the bigger track that track i would be merged into
// (due now, or due within MergeWindow of i), or -1.
func (s *Scheduler) absorbedBy(i int) int {
	ti := &s.tracks[i]
	best := -1
	for j := range s.tracks {
		tj := &s.tracks[j]
		if j == i || !tj.Enabled || tj.merged >= 0 || !s.bigger(j, i) {
			continue
		}
		if tj.due || tj.dueAt-tj.active <= (ti.dueAt-ti.active)+MergeWindow {
			if best < 0 || s.bigger(j, best) {
				best = j
			}
		}
	}
	return best
}

// settleDue enforces "no bursts": among the due tracks only the biggest is
// offered; the smaller ones are merged into it, and a track due just before
// a bigger one waits to be merged into that.
func (s *Scheduler) settleDue(at time.Time, present bool) {
	top := -1
	for i := range s.tracks {
		if s.tracks[i].due && (top < 0 || s.bigger(i, top)) {
			top = i
		}
	}
	if top < 0 {
		return
	}
	if b := s.absorbedBy(top); b >= 0 && !s.tracks[b].due {
		// The bigger break is under a minute away: wait for it.
		for i := range s.tracks {
			if t := &s.tracks[i]; t.due && i != b {
				t.due, t.offered, t.held, t.merged = false, false, false, b
			}
		}
		return
	}
	for i := range s.tracks {
		if t := &s.tracks[i]; t.due && i != top {
			t.due, t.offered, t.held, t.merged = false, false, false, top
		}
	}
	t := &s.tracks[top]
	if t.offered || t.held {
		return
	}
	if present {
		t.held, t.heldFor = true, 0
		s.holding = true
		s.emit(Event{At: at, Type: EventHeld, Kind: t.Kind, Duration: t.Length})
		return
	}
	t.offered = true
	s.emit(Event{At: at, Type: EventDue, Kind: t.Kind, Duration: t.Length})
}
