package schedule

import "time"

// reading is one observation as the activity state machine sees it.
type reading struct {
	wall      time.Time
	now       time.Duration // Observation.Mono
	idle      time.Duration // time since the last input, never negative
	lastInput time.Duration // monotonic time of the last input (now for direct activity)
	away      bool          // Observation.Away: away whatever the input says
	present   bool          // present without input, and not away
	direct    bool          // active without input readings (present, or no idle source)
}

// Observe advances the core to o and returns its decisions in order (nil
// when there are none) and the sitting it counted. Observations must come
// from one process: Mono never goes backwards (a backwards Mono is treated
// as no time passing).
//
// One observation goes through five steps: compare the clocks (sleep,
// clock changes, the day boundary); count hold time; assign the time since
// the last observation to sitting or away (the activity state machine,
// which credits natural breaks); apply pause and working hours as they are
// now; and decide (release a held break, fire warnings and dues).
func (s *Scheduler) Observe(o Observation) ([]Event, Counted) {
	o.Wall = o.Wall.Round(0) // a monotonic reading would hide sleep from Sub
	s.sat = Counted{}
	dm, gap, lost := s.clocks(o)
	prevPresent := s.last.PresentNoInput && !s.last.Away
	s.last = o
	r := newReading(o)
	for i := range s.tracks { // held breaks count hold time in monotonic time, whatever the state
		if s.tracks[i].stage == stageHeld {
			s.tracks[i].heldFor += dm
		}
	}
	if lost > 0 {
		s.lose(r, gap, lost)
	}
	s.assign(r)
	s.modes(o.Wall)
	s.trackCall(r.now, r.wall, o.InCall && r.present)
	s.decide(r, prevPresent)
	return s.flush(), s.sat
}

func newReading(o Observation) reading {
	r := reading{wall: o.Wall, now: o.Mono, idle: max(o.Idle, 0), away: o.Away}
	r.present = o.PresentNoInput && !o.Away
	r.direct = r.present || (o.NoSource && !o.Away)
	r.lastInput = r.now - r.idle
	if r.direct {
		r.lastInput = r.now
	}
	return r
}

// clocks compares o's clocks with the last observation's. It returns the
// monotonic time elapsed, the sleep gap (Boot, or without it Wall, ahead of
// Mono) and the time lost (the gap, plus the whole monotonic delta when it
// is too long to have been watched). A clock change or a new time zone only
// moves the day boundary (EventClockJump); elapsed time comes from Mono.
func (s *Scheduler) clocks(o Observation) (dm, gap, lost time.Duration) {
	dm = max(o.Mono-s.lastMono, 0)
	dw := o.Wall.Sub(s.lastWall)
	var jump time.Duration
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
	lost = gap
	if dm > MaxObservationGap {
		lost += dm
	}
	s.lastWall, s.lastMono, s.lastBoot = o.Wall, o.Mono, o.Boot
	if o.Mono < s.frontier { // Mono went backwards: start assigning afresh
		s.frontier, s.noiseStart = o.Mono, o.Mono
	}

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
	return dm, gap, lost
}

// lose assigns the time since the frontier to away: the machine was asleep
// or not observed. The return is noticed from the next observation on.
func (s *Scheduler) lose(r reading, gap, lost time.Duration) {
	s.emit(Event{At: r.wall, Type: EventSuspendGap, Duration: lost})
	s.state = stAway
	if gap > 0 {
		s.awayCause = "the machine was asleep"
	} else {
		s.awayCause = "observations stopped"
	}
	s.addAway(r.wall, r.now-s.frontier+gap)
	s.frontier = r.now
}

// Why the user counts as away, for Snapshot.Why.
const (
	causeLocked  = "the screen is locked or the machine is going to sleep"
	causeNoInput = "no keyboard or pointer input"
)

// assign runs the activity state machine over the time since the last
// observation: each stretch up to the frontier goes to sitting or away.
func (s *Scheduler) assign(r reading) {
	switch s.state {
	case stActive:
		s.fromActive(r)
	case stNoise:
		s.fromNoise(r)
	default:
		s.fromAway(r)
	}
}

// fromActive: sitting up to the last input; away from it on once input
// stopped for IdleAfter (or the observation says away).
func (s *Scheduler) fromActive(r reading) {
	s.sitUntil(r.wall, max(r.lastInput, s.frontier))
	switch {
	case r.away:
		s.state, s.awayCause = stAway, causeLocked
	case !r.direct && r.idle >= s.cfg.IdleAfter:
		s.state, s.awayCause = stAway, causeNoInput
	default:
		return
	}
	s.awayUntil(r.wall, r.now)
}

// fromNoise: input that goes on for ActiveAfter is a return (the noise
// counts as sitting); input that stops for ActiveAfter was a bump.
func (s *Scheduler) fromNoise(r reading) {
	switch {
	case r.away:
		s.state = stAway
		s.awayUntil(r.wall, r.now)
	case r.direct:
		s.becomeActive(r.wall)
		s.sitUntil(r.wall, r.now)
	case r.lastInput-s.noiseStart >= s.cfg.ActiveAfter:
		s.becomeActive(r.wall)
		s.sitUntil(r.wall, r.lastInput)
	case r.idle >= s.cfg.ActiveAfter:
		// A bump, not a return: the noise was part of the time away.
		s.state = stAway
		s.awayUntil(r.wall, r.now)
	}
}

// fromAway: away up to new input, which starts noise (or a session at once
// without input readings, or with no noise filter).
func (s *Scheduler) fromAway(r reading) {
	switch {
	case r.away:
		s.awayCause = causeLocked
		s.awayUntil(r.wall, r.now)
	case r.direct:
		s.awayUntil(r.wall, r.now)
		s.becomeActive(r.wall)
	case r.lastInput > s.frontier:
		s.awayUntil(r.wall, r.lastInput)
		s.noiseStart = r.lastInput
		s.state = stNoise
		if s.cfg.ActiveAfter <= 0 {
			s.becomeActive(r.wall)
			s.sitUntil(r.wall, r.now)
		}
	default:
		s.awayUntil(r.wall, r.now)
	}
}

// sitUntil assigns the time from the frontier to m as sitting.
func (s *Scheduler) sitUntil(at time.Time, m time.Duration) {
	s.commitActive(at, m-s.frontier)
	s.frontier = m
}

// awayUntil assigns the time from the frontier to m as away.
func (s *Scheduler) awayUntil(at time.Time, m time.Duration) {
	s.addAway(at, m-s.frontier)
	s.frontier = m
}

// commitActive assigns d of sitting.
func (s *Scheduler) commitActive(at time.Time, d time.Duration) {
	if d <= 0 {
		return
	}
	s.session += d
	if !s.inHours {
		s.afterHours += d
		s.sat.AfterHours += d
		return
	}
	s.today += d
	s.sat.InHours += d
	if s.paused {
		return
	}
	for i := range s.tracks {
		if s.tracks[i].Enabled {
			s.tracks[i].active += d
		}
	}
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
	}
	for _, i := range s.bySize {
		t := &s.tracks[i]
		need := t.Length
		if t.Natural > 0 {
			need = t.Natural
		}
		// A break owing debt is longer, walked away from or not (budget.go).
		extra := s.length(i) - t.Length
		need += extra
		if !t.Enabled || prev >= need || s.away < need || (t.active == 0 && !t.stage.due()) {
			continue // nothing to credit on a track that has not started
		}
		if s.cardDecides(i) {
			continue // its card is on screen: the user is doing the break with it
		}
		paid := s.payDebt(t.Kind, extra)
		s.naturalReset(i, at)
		s.emit(Event{At: at, Type: EventNatural, Kind: t.Kind, Duration: s.away, Paid: paid})
	}
	end := s.longest()
	if end == 0 {
		end = s.cfg.IdleAfter
	}
	if s.sessionOn && s.away >= end {
		s.emit(Event{At: at, Type: EventSessionEnd, Duration: s.session})
		s.sessionOn = false
		s.session = 0
		if s.cycle != nil {
			s.phase, s.phaseDone = 0, 0
		}
	}
}

// naturalReset restarts track i after enough time away; it counts as the
// break taken, so the caps start over. The breaks merged into it are on
// their own again.
func (s *Scheduler) naturalReset(i int, at time.Time) {
	s.restart(i, at, "natural")
	s.tracks[i].skips = 0
	for j := range s.tracks {
		if t := &s.tracks[j]; t.stage == stageMerged && t.with == i {
			s.goTo(j, t.resume(), -1)
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

// modes applies the pause and working hours as they are at wall. The time
// since the last observation was assigned under them as they were.
func (s *Scheduler) modes(wall time.Time) {
	if s.paused && !s.pausedUntil.IsZero() && !wall.Before(s.pausedUntil) {
		s.paused, s.pausedUntil = false, time.Time{}
		s.emit(Event{At: wall, Type: EventResumed})
	}
	s.inHours = s.cfg.WorkingHours == nil || s.cfg.WorkingHours(wall)
}
