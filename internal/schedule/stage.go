package schedule

import (
	"fmt"
	"time"
)

// stage is where one break track stands between two restarts. Every track
// is in exactly one stage and changes it only through Scheduler.goTo, so
// nothing of an earlier stage can be left set by hand. It follows Workrave's
// break stages (none, prelude, taking, delayed, snoozed), cut down to what
// the core decides: the break window itself belongs to the daemon, which
// says when its card is on screen (Shown: taking) and reports how it ended
// with Done, Skip, Snooze or ClosedEarly; "done" is a restart into idle.
//
// While a card is on screen (taking) the card decides the outcome: time
// away does not end that break (nor the breaks merged into it) as a natural
// break. The user doing the exercise away from the keys is away by the
// activity rules, and the away clock starts at the last input, before the
// card appears (the lull, the window starting), so it would reach the
// break's length before the card's countdown and record "natural" for a
// break the user did with the card.
//
//	idle ─warning point─▶ warned ─due point─▶ due ─▶ offered | held | merged
//	idle ─due point (no warning on the way)──▶ due
//	warned (warning shown) ─input pause of LullGap─▶ due (brought forward)
//	warned ─Postpone past the warning window─▶ idle
//	held ─HoldLimit (not during a meeting)─▶ notified;  held, notified ─presence or meeting ends─▶ offered
//	offered ─Shown─▶ taking;  taking ─Shown off (the card could not show)─▶ offered
//	offered, taking, held, notified ─a bigger break due, offered or released─▶ merged
//	idle, warned, offered, taking, held, notified, merged ─BreakNow─▶ offered
//	offered, taking, held, notified ─Snooze─▶ warned;  ─Pause─▶ idle or warned
//	merged ─its bigger break reset by a natural break, or new settings─▶ idle or warned
//	all but due ─Done, Skip, ClosedEarly, taken with a bigger break─▶ idle
//	all but due and taking ─natural break─▶ idle
//
// stage_test.go holds the same model as a table and checks every change
// against it.
type stage uint8

const (
	// stageIdle: counting active time toward the warning or the due point.
	stageIdle stage = iota
	// stageWarned: counting; the warning for this due point has fired (or
	// is waived: after a snooze, or while present or about to be merged).
	stageWarned
	// stageDue: the due point is reached. Transient: evaluate settles it
	// (offered, held or merged) before Observe returns.
	stageDue
	// stageOffered: offered (EventDue), waiting for the user's answer.
	stageOffered
	// stageTaking: offered, and its card is on screen (Shown): the card,
	// not time away, decides how it ends.
	stageTaking
	// stageHeld: due while the user is present without input or in a
	// meeting of the calendar (EventHeld); it is offered when that ends.
	stageHeld
	// stageNotified: held past HoldLimit and offered once as a
	// notification only (EventDue NotifyOnly); still held.
	stageNotified
	// stageMerged: will be taken with a bigger break (track.with), not on
	// its own.
	stageMerged
	numStages
)

var stageNames = [numStages]string{"idle", "warned", "due", "offered", "taking", "held", "notified", "merged"}

func (g stage) String() string {
	if g < numStages {
		return stageNames[g]
	}
	return "invalid"
}

// counting: active time still brings the break nearer.
func (g stage) counting() bool { return g == stageIdle || g == stageWarned }

// due: the break is due and waiting for the user (TrackState.Due).
func (g stage) due() bool { return g >= stageDue && g <= stageNotified }

// onScreen: the break's card is on screen, so the card decides its end.
func (g stage) onScreen() bool { return g == stageTaking }

// held: the break is held while the user is present (TrackState.Held).
func (g stage) held() bool { return g == stageHeld || g == stageNotified }

// goTo moves track i to stage to. with is the bigger track a merged track
// will be taken with (ignored for other stages). It is the one place a
// stage changes; it clears what belonged to the stage being left.
func (s *Scheduler) goTo(i int, to stage, with int) {
	t := &s.tracks[i]
	if s.trace != nil {
		s.trace(t.Kind, t.stage, to)
	}
	from := t.stage
	t.stage = to
	switch {
	case !to.due():
		t.extra = 0
	case !from.due():
		t.extra = s.extraFor(i) // fixed while it is due: the card shows it
	}
	t.with, t.named = -1, false
	if to == stageMerged {
		t.with = with
	}
	t.heldFor = 0  // hold time counts only within one stay in stageHeld
	t.told = false // warn sets it after moving the track to stageWarned
}

// resume returns the counting stage a track goes back to when it stops
// being due or merged without restarting: warned once inside the warning
// window, so no warning comes for a break that was already due.
func (t *track) resume() stage {
	if t.Warn > 0 && t.active >= t.dueAt-t.Warn {
		return stageWarned
	}
	return stageIdle
}

// restart starts track i's interval over (taken, skipped, natural break,
// start), for reason.
func (s *Scheduler) restart(i int, at time.Time, reason string) {
	s.goTo(i, stageIdle, -1)
	t := &s.tracks[i]
	t.active = 0
	t.dueAt = t.Interval
	t.snoozes = 0
	t.reset = at
	t.reason = reason
}

// holding reports whether some track is held.
func (s *Scheduler) holding() bool {
	for i := range s.tracks {
		if s.tracks[i].stage.held() {
			return true
		}
	}
	return false
}

// Shown says whether the card of offered break kind is on screen (on) or
// could not be shown after all (off: no display), so a natural break may
// end it again. Refused with ErrNotDue when kind is not offered.
func (s *Scheduler) Shown(kind Kind, on bool, at time.Time) ([]Event, error) {
	i, err := s.find(kind)
	if err != nil {
		return nil, fmt.Errorf("showing a card: %w", err)
	}
	t := &s.tracks[i]
	switch {
	case on && t.stage == stageOffered:
		s.goTo(i, stageTaking, -1)
	case !on && t.stage == stageTaking:
		s.goTo(i, stageOffered, -1)
	case t.stage != stageOffered && t.stage != stageTaking:
		return nil, fmt.Errorf("showing the card of %s: %w", kind, ErrNotDue)
	}
	return s.flush(), nil
}

// cardDecides reports whether track i's end is up to a card on screen:
// its own, or the one of the break it is merged into.
func (s *Scheduler) cardDecides(i int) bool {
	t := &s.tracks[i]
	return t.stage.onScreen() || (t.stage == stageMerged && t.with >= 0 && s.tracks[t.with].stage.onScreen())
}
