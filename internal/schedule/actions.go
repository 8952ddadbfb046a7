package schedule

import (
	"fmt"
	"time"
)

// User actions. Each takes the wall time of the action (used to stamp the
// events and LastReset) and returns the resulting events, or an error
// (wrapping one of the Err values) when the action is not allowed; a
// refused action changes nothing.

func (s *Scheduler) find(k Kind) (int, error) {
	for i := range s.tracks {
		if s.tracks[i].Kind == k {
			if !s.tracks[i].Enabled {
				return -1, fmt.Errorf("%s: %w", k, ErrDisabled)
			}
			return i, nil
		}
	}
	return -1, fmt.Errorf("%q: %w", k, ErrUnknownKind)
}

// resetWith restarts track i and every track merged into it. The merged
// ones a break of took covers are done with it (EventDone); the others
// end uncredited (EventSkipped): a stretch is no drink. took < 0 means
// the break was skipped, which skips them all.
func (s *Scheduler) resetWith(i int, took time.Duration, at time.Time, reason string) {
	s.restart(i, at, reason)
	big := s.tracks[i].Kind
	for _, j := range s.bySize {
		t := &s.tracks[j]
		if t.stage != stageMerged || t.with != i {
			continue
		}
		if took >= 0 && covers(t, took) {
			s.resetWith(j, took, at, reason+" with "+string(big))
			t.skips = 0
			s.emit(Event{At: at, Type: EventDone, Kind: t.Kind, Duration: t.Length})
			continue
		}
		if !t.named {
			// Merged while the bigger one was already on screen: the
			// user never heard of it, so it waits for its own turn.
			s.goTo(j, t.resume(), -1)
			continue
		}
		s.resetWith(j, -1, at, "not taken with "+string(big))
		s.emit(Event{At: at, Type: EventSkipped, Kind: t.Kind, Debt: s.owe(t.Kind, t.Length)})
	}
}

// covers is the credit rule: a break taken for took also takes smaller
// break t when it lasts as long as being away takes to count for t (a
// stretch at the desk covers a posture check, not a drink).
func covers(t *track, took time.Duration) bool { return max(t.Length, t.Natural) <= took }

// Covers reports whether taking break big to its end also takes break
// small, by the rule Done credits with: so a request for small while big's
// card is on screen is already answered by that card. False when either
// is unknown or turned off, or small is not the smaller one.
func (s *Scheduler) Covers(big, small Kind) bool {
	i, err := s.find(big)
	if err != nil {
		return false
	}
	j, err := s.find(small)
	if err != nil || i == j || !s.bigger(i, j) {
		return false
	}
	return covers(&s.tracks[j], s.tracks[i].Length)
}

// BreakNow starts break kind now, due or not: it becomes due and is offered
// (EventDue). Smaller due breaks are merged into it.
func (s *Scheduler) BreakNow(kind Kind, at time.Time) ([]Event, error) {
	i, err := s.find(kind)
	if err != nil {
		return nil, fmt.Errorf("starting a break now: %w", err)
	}
	for j := range s.tracks {
		if j != i && s.tracks[j].stage.due() && s.bigger(i, j) {
			s.goTo(j, stageMerged, i)
		}
	}
	s.offer(i, at)
	return s.flush(), nil
}

// Done records that the user took break kind to the end. It restarts the
// track, every smaller break (Length <= its Length) and the breaks merged
// into it (see resetWith), and clears the consecutive skip counts of those
// it restarts. A merged break can be done on its own, while the bigger one
// is on screen (the glass ticked on a stretch card). Done on a break that
// is neither due nor merged (a natural break already counted it while the
// window was open) changes nothing and returns no event.
func (s *Scheduler) Done(kind Kind, at time.Time) ([]Event, error) {
	i, err := s.find(kind)
	if err != nil {
		return nil, fmt.Errorf("finishing a break: %w", err)
	}
	return s.done(i, -1, at)
}

// done takes break i after elapsed (< 0: to the end) as Done, repaying
// the debt its extra time covered.
func (s *Scheduler) done(i int, elapsed time.Duration, at time.Time) ([]Event, error) {
	t := &s.tracks[i]
	if !t.stage.due() && t.stage != stageMerged {
		return nil, nil
	}
	// Done counts as its own length at least, plus the extra time spent.
	paid := s.repay(i, elapsed)
	s.emit(Event{At: at, Type: EventDone, Kind: t.Kind, Duration: t.Length + paid, Paid: paid})
	s.takeBreak(i, t.Length+paid, at, "done")
	return s.flush(), nil
}

// Finish records a break the user ended as done after elapsed: Done when
// elapsed reached ShortBelow per cent of its length; otherwise it is short
// (EventShort with elapsed): the track restarts as for Done, but only the
// smaller breaks elapsed covers count as taken, and the statistics count
// it as not taken. Refused with ErrStrict when short in strict mode.
func (s *Scheduler) Finish(kind Kind, elapsed time.Duration, at time.Time) ([]Event, error) {
	i, err := s.find(kind)
	if err != nil {
		return nil, fmt.Errorf("finishing a break: %w", err)
	}
	t := &s.tracks[i]
	switch {
	case elapsed < 0:
		return nil, fmt.Errorf("finishing %s after %v: %w", kind, elapsed, ErrBadDuration)
	case elapsed*100 >= t.Length*ShortBelow:
		return s.done(i, elapsed, at)
	case !t.stage.due():
		return nil, nil
	case s.cfg.Strict:
		return nil, fmt.Errorf("finishing %s after %v: %w", kind, elapsed, ErrStrict)
	}
	s.emit(Event{At: at, Type: EventShort, Kind: kind, Duration: elapsed, Debt: s.owe(kind, t.Length-elapsed)})
	skips := t.skips
	s.takeBreak(i, elapsed, at, "short")
	t.skips = skips
	return s.flush(), nil
}

// takeBreak restarts track i and the breaks no longer than took.
func (s *Scheduler) takeBreak(i int, took time.Duration, at time.Time, reason string) {
	big := s.tracks[i].Kind
	s.resetWith(i, took, at, reason)
	s.tracks[i].skips = 0
	for j := range s.tracks {
		// A break covers a smaller one only if it lasts as long as being
		// away takes to count for that one (a stretch at the desk is no drink).
		if u := &s.tracks[j]; j != i && u.Enabled && covers(u, took) && s.bigger(i, j) {
			due := u.stage.due() || u.stage == stageMerged
			s.resetWith(j, took, at, reason+" with "+string(big))
			u.skips = 0
			if due { // it was waiting for the user: say it was taken
				s.emit(Event{At: at, Type: EventDone, Kind: u.Kind, Duration: u.Length})
			}
		}
	}
}

// Snooze postpones due break kind by d of active time (0 means
// Config.Snooze); away time does not bring it nearer. Breaks merged into it
// stay merged and come with it. Refused with ErrNotDue, ErrStrict, or
// ErrSnoozeCapped after MaxSnoozes snoozes of this break (the count clears
// whenever the track restarts: taken, skipped or a natural break).
func (s *Scheduler) Snooze(kind Kind, d time.Duration, at time.Time) ([]Event, error) {
	i, err := s.find(kind)
	if err != nil {
		return nil, fmt.Errorf("snoozing a break: %w", err)
	}
	t := &s.tracks[i]
	switch {
	case d < 0:
		return nil, fmt.Errorf("snoozing %s by %v: %w", kind, d, ErrBadDuration)
	case !t.stage.due():
		return nil, fmt.Errorf("snoozing %s: %w", kind, ErrNotDue)
	case s.cfg.Strict:
		return nil, fmt.Errorf("snoozing %s: %w", kind, ErrStrict)
	case s.cfg.MaxSnoozes > 0 && t.snoozes >= s.cfg.MaxSnoozes:
		return nil, fmt.Errorf("snoozing %s (%d times already): %w", kind, t.snoozes, ErrSnoozeCapped)
	}
	if d == 0 {
		d = s.cfg.Snooze
	}
	s.goTo(i, stageWarned, -1) // the warning was for this due; no second one
	t.dueAt = t.active + d
	t.snoozes++
	s.emit(Event{At: at, Type: EventSnoozed, Kind: kind, Duration: d})
	return s.flush(), nil
}

// Skip drops due break kind: the track (and the breaks merged into it)
// restarts without the break being taken, and counts toward MaxSkips.
// Refused with ErrNotDue, ErrStrict, ErrSkipCapped after MaxSkips skips
// in a row (cleared by Done, by being taken with a bigger break, or by a
// natural break), or ErrSkipBudget once the day's skip budget is spent.
// A budgeted break skipped owes its Length as debt (budget.go).
func (s *Scheduler) Skip(kind Kind, at time.Time) ([]Event, error) {
	i, err := s.find(kind)
	if err != nil {
		return nil, fmt.Errorf("skipping a break: %w", err)
	}
	t := &s.tracks[i]
	switch {
	case !t.stage.due():
		return nil, fmt.Errorf("skipping %s: %w", kind, ErrNotDue)
	case s.cfg.Strict:
		return nil, fmt.Errorf("skipping %s: %w", kind, ErrStrict)
	case s.cfg.MaxSkips > 0 && t.skips >= s.cfg.MaxSkips:
		return nil, fmt.Errorf("skipping %s (%d times in a row already): %w", kind, t.skips, ErrSkipCapped)
	}
	if err := s.checkBudget(kind); err != nil {
		return nil, err
	}
	skips := t.skips
	s.emit(Event{At: at, Type: EventSkipped, Kind: kind, Spent: s.spend(kind), Debt: s.owe(kind, t.Length)})
	s.resetWith(i, -1, at, "skipped")
	t.skips = skips + 1
	return s.flush(), nil
}

// ClosedEarly records that the break window of kind was closed after
// elapsed, before the end. At least Length counts as Done. Otherwise the
// track (and the breaks merged into it) restarts, smaller breaks no longer
// than elapsed count as taken, and closing before half the length counts
// as a skip toward MaxSkips (never refused by the cap: the window is
// already closed).
func (s *Scheduler) ClosedEarly(kind Kind, elapsed time.Duration, at time.Time) ([]Event, error) {
	i, err := s.find(kind)
	if err != nil {
		return nil, fmt.Errorf("closing a break early: %w", err)
	}
	t := &s.tracks[i]
	switch {
	case elapsed < 0:
		return nil, fmt.Errorf("closing %s early after %v: %w", kind, elapsed, ErrBadDuration)
	case !t.stage.due():
		return nil, fmt.Errorf("closing %s early: %w", kind, ErrNotDue)
	case s.cfg.Strict:
		return nil, fmt.Errorf("closing %s early: %w", kind, ErrStrict)
	}
	if elapsed >= t.Length {
		return s.done(i, elapsed, at)
	}
	skips := t.skips
	s.emit(Event{At: at, Type: EventClosedEarly, Kind: kind, Duration: elapsed, Debt: s.owe(kind, t.Length-elapsed)})
	s.takeBreak(i, elapsed, at, "closed early")
	t.skips = skips
	if elapsed < t.Length/2 {
		t.skips++
	}
	return s.flush(), nil
}

// Pause stops all breaks until the wall time until (zero: until Resume).
// While paused nothing fires and no active time counts toward breaks, but
// sitting still counts in Today (the body is still sitting) and natural
// breaks are still credited. Breaks due at the moment of pausing are
// withdrawn and offered again after the pause if still due. Pausing while
// paused moves the end.
func (s *Scheduler) Pause(until time.Time, at time.Time) ([]Event, error) {
	if !until.IsZero() && !until.After(at) {
		return nil, fmt.Errorf("pausing until %s: %w", until.Format(time.DateTime), ErrBadPause)
	}
	s.paused, s.pausedUntil = true, until
	for i := range s.tracks {
		if t := &s.tracks[i]; t.stage.due() {
			s.goTo(i, t.resume(), -1)
		}
	}
	var d time.Duration
	if !until.IsZero() {
		d = until.Sub(at)
	}
	s.emit(Event{At: at, Type: EventPaused, Duration: d})
	return s.flush(), nil
}

// Resume ends a pause now.
func (s *Scheduler) Resume(at time.Time) ([]Event, error) {
	if !s.paused {
		return nil, fmt.Errorf("resuming: %w", ErrNotPaused)
	}
	s.paused, s.pausedUntil = false, time.Time{}
	s.emit(Event{At: at, Type: EventResumed})
	return s.flush(), nil
}

// SetConfig installs a new configuration after checking it. Tracks keep
// their accumulated active time; a changed Interval applies to the current
// interval (a break that is now overdue fires at the next observation); a
// disabled track forgets its state; merges are redone.
func (s *Scheduler) SetConfig(cfg Config, at time.Time) ([]Event, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("applying settings: %w", err)
	}
	s.applyConfig(cfg, at)
	return s.flush(), nil
}

// Config returns the configuration in use.
func (s *Scheduler) Config() Config { return s.cfg }

// RestoreToday sets today's sitting totals, for a daemon restarted during
// the day that kept them (e.g. in its history). Daily-limit steps already
// passed do not fire again. It does nothing if at is in another day than
// the core's current one.
func (s *Scheduler) RestoreToday(today, afterHours time.Duration, at time.Time) error {
	if today < 0 || afterHours < 0 {
		return fmt.Errorf("restoring today's sitting (%v, %v): %w", today, afterHours, ErrBadDuration)
	}
	if !at.Before(s.dayEnd) || at.Before(DayBegin(s.lastWall, s.cfg.DayStart)) {
		return nil
	}
	s.today, s.afterHours = today, afterHours
	s.dailyNext = s.nextLimit()
	return nil
}

// Postpone moves break kind d of active time later (0 means Config.Snooze).
// A due break is snoozed (see Snooze); one not yet due has its due point
// pushed back, so "Postpone next break" works before a meeting too. Such an
// early postponement does not count toward MaxSnoozes: the user has not
// been interrupted yet. Strict mode refuses both.
func (s *Scheduler) Postpone(kind Kind, d time.Duration, at time.Time) ([]Event, error) {
	i, err := s.find(kind)
	if err != nil {
		return nil, fmt.Errorf("postponing a break: %w", err)
	}
	t := &s.tracks[i]
	if t.stage.due() {
		return s.Snooze(kind, d, at)
	}
	switch {
	case d < 0:
		return nil, fmt.Errorf("postponing %s by %v: %w", kind, d, ErrBadDuration)
	case s.cfg.Strict:
		return nil, fmt.Errorf("postponing %s: %w", kind, ErrStrict)
	}
	if d == 0 {
		d = s.cfg.Snooze
	}
	t.dueAt += d
	t.told = false // postponed: a pause no longer brings it forward
	if t.stage == stageWarned && t.Warn > 0 && t.active < t.dueAt-t.Warn {
		s.goTo(i, stageIdle, -1) // the warning was for the old due point
	}
	s.emit(Event{At: at, Type: EventSnoozed, Kind: kind, Duration: d})
	return s.flush(), nil
}
