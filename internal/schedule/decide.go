package schedule

import "time"

// decide is the last step of an observation: a break held during a call is
// offered once the presence ends and the user is still there; then, while
// the user is active in working hours and not paused, warnings, dues, phase
// changes and the daily limit are evaluated.
func (s *Scheduler) decide(r reading, prevPresent bool) {
	meeting := s.followMeetings(r.wall)
	if !s.inHours || s.paused {
		return
	}
	// Within CallGrace of a call the user counts as still in it: held
	// breaks stay held and new dues are held too. A meeting holds the same way.
	present := r.present || s.call.grace || meeting
	if !present && !r.away && (prevPresent || s.state == stActive) {
		switch {
		case s.call.long:
			s.call.long = false
			s.offerMovement(r.wall, s.call.endWall)
		case s.meet.between:
			s.meet.between = false
			s.offerMovement(r.wall, s.meet.since)
		case s.holding():
			s.release(r.wall)
		}
	}
	if s.state == stActive {
		s.evaluate(r, present)
	}
}

// trackCall follows the call signal: a call starts (or, within CallGrace
// of the last one, continues), ends into the grace, and leaves the grace
// after CallGrace, marking a long call for decide.
func (s *Scheduler) trackCall(now time.Duration, wall time.Time, in bool) {
	c := &s.call
	switch {
	case in && !c.on:
		if !c.grace {
			c.start = now
		}
		c.on, c.grace, c.long = true, false, false
	case !in && c.on:
		c.on, c.grace, c.end, c.endWall = false, true, now, wall
	case !in && c.grace && now-c.end >= CallGrace:
		c.grace = false
		c.long = c.end-c.start >= LongCall
	}
}

// release offers the biggest held break now that presence has ended; the
// other due breaks are merged into it.
func (s *Scheduler) release(at time.Time) {
	best := -1
	for i := range s.tracks {
		if s.tracks[i].stage.held() && (best < 0 || s.bigger(i, best)) {
			best = i
		}
	}
	if best < 0 {
		return
	}
	for i := range s.tracks {
		if i != best && s.tracks[i].stage.due() {
			s.goTo(i, stageMerged, best)
		}
	}
	s.offer(best, at)
}

// offer moves track i to offered and says so (EventDue), naming the
// breaks merged into it.
func (s *Scheduler) offer(i int, at time.Time) {
	s.goTo(i, stageOffered, -1)
	t := &s.tracks[i]
	s.emit(Event{At: at, Type: EventDue, Kind: t.Kind, Duration: t.Length + t.extra, Extra: t.extra, With: s.nameMerged(i)})
}

// nameMerged lists the tracks merged into track i, smallest first, and
// marks them named: the user is told of them with it.
func (s *Scheduler) nameMerged(i int) []Kind {
	var with []Kind
	for _, j := range s.bySize {
		if t := &s.tracks[j]; t.stage == stageMerged && t.with == i {
			with = append(with, t.Kind)
			t.named = true
		}
	}
	return with
}

// evaluate fires dues, hold limits, warnings, phase changes and the daily
// limit; it runs only while the user is active, in working hours and not
// paused.
func (s *Scheduler) evaluate(r reading, present bool) {
	at := r.wall
	if s.reachDue(r) {
		s.settleDue(at, present)
	} else {
		s.holdLimit(at)
	}
	s.warn(at, present)
	s.advanceCycle(at)
	s.dailyLimit(at)
}

// lull reports whether now is a good moment for a due break: input has
// paused for LullGap, the user is present without input, or the break
// has waited LullLimit already.
func (s *Scheduler) lull(r reading) bool {
	if s.cfg.LullLimit <= 0 || r.direct || r.idle >= LullGap {
		s.waiting = false
		return true
	}
	if !s.waiting {
		s.waiting, s.waitFrom = true, r.now
	}
	if r.now-s.waitFrom >= s.cfg.LullLimit {
		s.waiting = false
		return true
	}
	return false
}

// pauseAfterWarning reports whether r is the pause track i's warning asked
// for: input stopped for LullGap, but not yet for as long as the break
// (that pause is a natural break, credited when the user counts as away).
func (s *Scheduler) pauseAfterWarning(i int, r reading) bool {
	t := &s.tracks[i]
	if r.direct || r.idle < LullGap {
		return false
	}
	need := t.Length
	if t.Natural > 0 {
		need = t.Natural
	}
	return r.idle < need+s.length(i)-t.Length
}

// reachDue moves the counting tracks whose active time reached their due
// point to stageDue, once there is a lull, and reports whether there were
// any.
func (s *Scheduler) reachDue(r reading) bool {
	ready := false
	for i := range s.tracks {
		if t := &s.tracks[i]; t.Enabled && t.stage.counting() && t.active >= t.dueAt {
			ready = true
		}
	}
	for i := range s.tracks {
		if t := &s.tracks[i]; t.Enabled && t.stage.counting() && t.active < t.dueAt && s.early(i, r.wall) {
			t.dueAt = t.active // offered now: it would come due just before a meeting
			ready = true
		}
	}
	for i := range s.tracks {
		if t := &s.tracks[i]; t.Enabled && t.told && t.active < t.dueAt && s.pauseAfterWarning(i, r) {
			// Brought forward: the pause the warning asked for. The breaks
			// its warning named come with it, as they would have at its due point.
			for _, k := range s.comingWith(i) {
				if j, err := s.find(k); err == nil && s.tracks[j].stage.counting() {
					s.tracks[j].dueAt = min(s.tracks[j].dueAt, s.tracks[j].active)
				}
			}
			t.dueAt = t.active
			ready = true
		}
	}
	if !ready {
		s.waiting = false
		return false
	}
	if !s.lull(r) {
		return false
	}
	newly := false
	for i := range s.tracks {
		if t := &s.tracks[i]; t.Enabled && t.stage.counting() && t.active >= t.dueAt {
			s.goTo(i, stageDue, -1)
			newly = true
		}
	}
	return newly
}

// settleDue enforces "no bursts": among the due tracks only the biggest is
// offered (or held, while present); the smaller ones are merged into it,
// and a track due just before a bigger one waits to be merged into that.
// No track is left in stageDue.
func (s *Scheduler) settleDue(at time.Time, present bool) {
	top := -1
	for i := range s.tracks {
		if s.tracks[i].stage.due() && (top < 0 || s.bigger(i, top)) {
			top = i
		}
	}
	if top < 0 {
		return
	}
	into := top
	if b := s.absorbedBy(top); b >= 0 && !s.tracks[b].stage.due() {
		into = b // the bigger break is under a minute away: wait for it
	}
	for i := range s.tracks {
		if i != into && s.tracks[i].stage.due() {
			s.goTo(i, stageMerged, into)
		}
	}
	if into != top || s.tracks[top].stage != stageDue {
		return // waiting, or already offered or held
	}
	if present {
		s.goTo(top, stageHeld, -1)
		t := &s.tracks[top]
		s.emit(Event{At: at, Type: EventHeld, Kind: t.Kind, Duration: t.Length + t.extra, Extra: t.extra})
		return
	}
	s.offer(top, at)
}

// absorbedBy returns the bigger track that track i would be merged into
// (due now, or due within MergeWindow of i), or -1.
func (s *Scheduler) absorbedBy(i int) int {
	ti := &s.tracks[i]
	best := -1
	for j := range s.tracks {
		tj := &s.tracks[j]
		if j == i || !tj.Enabled || tj.stage == stageMerged || !s.bigger(j, i) {
			continue
		}
		if tj.stage.due() || tj.dueAt-tj.active <= (ti.dueAt-ti.active)+MergeWindow {
			if best < 0 || s.bigger(j, best) {
				best = j
			}
		}
	}
	return best
}

// holdLimit offers a break held for HoldLimit once as a notification only.
func (s *Scheduler) holdLimit(at time.Time) {
	if s.cfg.HoldLimit <= 0 || s.meet.on { // a meeting's end is known: no notification during it
		return
	}
	for i := range s.tracks {
		if t := &s.tracks[i]; t.stage == stageHeld && t.heldFor >= s.cfg.HoldLimit {
			s.goTo(i, stageNotified, -1)
			s.emit(Event{At: at, Type: EventDue, Kind: t.Kind, Duration: t.Length + t.extra, Extra: t.extra, NotifyOnly: true})
		}
	}
}

// warn moves the idle tracks inside their warning window to warned and
// fires the warning of the biggest one that is not about to be merged (none
// while present).
func (s *Scheduler) warn(at time.Time, present bool) {
	last := -1
	for _, i := range s.bySize {
		t := &s.tracks[i]
		if !t.Enabled || t.stage != stageIdle || t.Warn <= 0 || t.active < t.dueAt-t.Warn {
			continue
		}
		s.goTo(i, stageWarned, -1)
		if !present && s.absorbedBy(i) < 0 {
			last = i
		}
	}
	if last >= 0 {
		t := &s.tracks[last]
		t.told = true
		x := s.extraFor(last)
		s.emit(Event{At: at, Type: EventWarn, Kind: t.Kind, Duration: t.Length + x, Extra: x, With: s.comingWith(last)})
	}
}

// comingWith lists the smaller breaks that will come with track i when it
// is due, smallest first, for its warning: the ones merged into it or due
// now, and the ones due within MergeWindow of its due point that would be
// merged into it (due while its card is on screen, they are taken with it).
func (s *Scheduler) comingWith(i int) []Kind {
	left := s.tracks[i].dueAt - s.tracks[i].active
	var with []Kind
	for _, j := range s.bySize {
		t := &s.tracks[j]
		if j == i || !t.Enabled || !s.bigger(i, j) {
			continue
		}
		merged := t.stage == stageMerged && t.with == i
		// Due now: merged into i when it is due (settleDue), as i is the
		// biggest coming (it is warned for only when nothing absorbs it).
		dueBy := t.stage.due() || (t.stage.counting() && t.dueAt-t.active <= left+MergeWindow && s.absorbedBy(j) == i)
		if merged || dueBy {
			with = append(with, t.Kind)
		}
	}
	return with
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

// phaseLengths are the cycle's phase lengths, indexed by phase.
func (cy *Cycle) phaseLengths() [3]time.Duration { return [3]time.Duration{cy.Sit, cy.Stand, cy.Move} }

// advanceCycle moves the sit/stand/move cycle on (EventPhase per phase
// entered; a phase of length 0 is passed silently).
func (s *Scheduler) advanceCycle(at time.Time) {
	cy := s.cycle
	if cy == nil {
		return
	}
	dur := cy.phaseLengths()
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

// dailyLimit fires EventDailyLimit when today reaches the next step.
func (s *Scheduler) dailyLimit(at time.Time) {
	if s.dailyNext <= 0 || s.today < s.dailyNext {
		return
	}
	s.emit(Event{At: at, Type: EventDailyLimit, Duration: s.today})
	s.dailyNext = s.nextLimit()
}
