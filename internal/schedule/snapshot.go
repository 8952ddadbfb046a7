package schedule

import (
	"fmt"
	"strings"
	"time"
)

// NextCheck says how long the daemon may wait before the next Observe:
// ShortCheck when a decision is near (input just resumed, a warning, due,
// phase change or daily-limit step within NearWindow of active time, a held
// break, a pause ending within NearWindow), AwayCheck while away (to notice
// the return), otherwise up to LongCheck. While active it also looks again
// when the user would cross IdleAfter without input, so short absences are
// seen. It never returns less than ShortCheck.
func (s *Scheduler) NextCheck() time.Duration {
	next := LongCheck
	sooner := func(d time.Duration) {
		if d < next {
			next = d
		}
	}
	if s.paused {
		if !s.pausedUntil.IsZero() {
			sooner(s.pausedUntil.Sub(s.lastWall))
		}
	}
	if s.call.grace { // release right when the grace ends
		sooner(CallGrace - (s.lastMono - s.call.end))
	}
	switch s.state {
	case stNoise:
		sooner(ShortCheck)
	case stAway:
		sooner(AwayCheck)
	case stActive:
		if !s.last.PresentNoInput && !s.last.NoSource {
			idle := max(s.last.Idle, 0)
			sooner(s.cfg.IdleAfter - idle)
		}
		// Active time not yet assigned (since the last input) also counts.
		pending := s.lastMono - s.frontier
		if !s.paused && s.inHours {
			for i := range s.tracks {
				t := &s.tracks[i]
				if !t.Enabled {
					continue
				}
				if t.stage.held() {
					sooner(ShortCheck)
				}
				if !t.stage.counting() {
					continue
				}
				left := t.dueAt - t.active - pending
				if t.stage == stageIdle && t.Warn > 0 {
					left -= t.Warn
				}
				if left <= NearWindow {
					sooner(ShortCheck)
				}
			}
			if s.cycle != nil {
				dur := s.cycle.phaseLengths()
				if dur[s.phase]-s.phaseDone-pending <= NearWindow {
					sooner(ShortCheck)
				}
			}
			if s.cfg.DailyLimit > 0 && s.dailyNext > 0 && s.dailyNext-s.today-pending <= NearWindow {
				sooner(ShortCheck)
			}
		}
	}
	if d := s.dayEnd.Sub(s.lastWall); d > 0 {
		sooner(d)
	}
	// A meeting's start, its early window and its end are decision points.
	m := &s.meet
	if b, in := m.blockAt(s.lastWall); b < len(m.blocks) {
		if in {
			sooner(m.ends[b].Sub(s.lastWall))
		} else {
			for _, at := range []time.Time{m.starts[b].Add(-s.cfg.Early), m.starts[b]} {
				if d := at.Sub(s.lastWall); d > 0 {
					sooner(d)
				}
			}
		}
	}
	return max(next, ShortCheck)
}

// Snapshot returns a read-only view of the core at the last observation.
func (s *Scheduler) Snapshot() Snapshot {
	sn := Snapshot{
		At:              s.lastWall,
		Active:          s.state == stActive,
		Session:         s.session,
		Today:           s.today,
		TodayAfterHours: s.afterHours,
		Paused:          s.paused,
		PausedUntil:     s.pausedUntil,
		InWorkHours:     s.inHours,
		State:           s.state.String(),
		Away:            s.away,
		LullWait:        s.lullWait(),
		Tracks:          make([]TrackState, len(s.tracks)),
	}
	for i := range s.tracks {
		t := &s.tracks[i]
		ts := TrackState{
			Kind:            t.Kind,
			Enabled:         t.Enabled,
			Active:          t.active,
			Remaining:       max(t.dueAt-t.active, 0),
			Stage:           t.stage.String(),
			Due:             t.stage.due(),
			Held:            t.stage.held(),
			Skips:           t.skips,
			Snoozes:         t.snoozes,
			CanSkip:         t.Enabled && !s.cfg.Strict && (s.cfg.MaxSkips == 0 || t.skips < s.cfg.MaxSkips) && s.checkBudget(t.Kind) == nil,
			CanSnooze:       t.Enabled && !s.cfg.Strict && (s.cfg.MaxSnoozes == 0 || t.snoozes < s.cfg.MaxSnoozes),
			LastReset:       t.reset,
			LastResetReason: t.reason,
			Warned:          t.stage == stageWarned,
		}
		if ts.Due {
			ts.Remaining = 0
		}
		// Due by its active time, but waiting for a pause in typing.
		ts.Waiting = s.waiting && t.Enabled && t.stage.counting() && t.active >= t.dueAt
		if t.stage == stageMerged {
			ts.MergedInto = s.tracks[t.with].Kind
		}
		sn.Tracks[i] = ts
	}
	if s.cycle != nil {
		dur := s.cycle.phaseLengths()
		sn.Phase = phaseName(s.phase)
		sn.PhaseRemaining = max(dur[s.phase]-s.phaseDone, 0)
	}
	sn.Budget = s.budget()
	sn.Hold = s.hold()
	sn.Why = s.why()
	sn.WhyState, sn.AwayCause, sn.Idle = s.whyCodes()
	return sn
}

// whyCodes is why's first part as codes (see Snapshot.WhyState).
func (s *Scheduler) whyCodes() (state, cause string, idle time.Duration) {
	o := s.last
	switch s.state {
	case stActive:
		switch {
		case o.PresentNoInput:
			return "present", "", 0
		case o.NoSource:
			return "no-source", "", 0
		}
		return "input", "", max(o.Idle, 0)
	case stNoise:
		return "resuming", "", 0
	}
	cause = map[string]string{
		"just started": "start", causeLocked: "locked", causeNoInput: "no-input",
		"the machine was asleep": "asleep", "observations stopped": "stopped",
	}[s.awayCause]
	return "away", cause, 0
}

// why explains, in one sentence, the activity state and when and why each
// track last restarted.
func (s *Scheduler) why() string {
	var b strings.Builder
	o := s.last
	switch s.state {
	case stActive:
		switch {
		case o.PresentNoInput:
			b.WriteString("Sitting: present without input (a call, video or presentation), which counts as sitting")
		case o.NoSource:
			b.WriteString("Sitting: no idle source is available, so all time counts as sitting")
		default:
			fmt.Fprintf(&b, "Sitting: last input %v ago, under the %v idle threshold", max(o.Idle, 0).Round(time.Second), s.cfg.IdleAfter)
		}
	case stNoise:
		fmt.Fprintf(&b, "Away, but input just resumed: it counts as sitting once it goes on for %v", s.cfg.ActiveAfter)
	default:
		fmt.Fprintf(&b, "Away for %v: %s", s.away.Round(time.Second), s.awayCause)
	}
	switch {
	case s.paused && s.pausedUntil.IsZero():
		b.WriteString(", paused until resumed")
	case s.paused:
		fmt.Fprintf(&b, ", paused until %s", s.pausedUntil.Format("15:04"))
	case !s.inHours:
		b.WriteString(", outside working hours")
	}
	if h := s.hold(); h != nil && h.Reason == HoldMeeting {
		// The summary only: an event's description may be private.
		fmt.Fprintf(&b, ", breaks held: in a meeting until %s (%q)", h.Until.In(s.lastWall.Location()).Format("15:04"), h.Event)
	}
	sep := "; last reset: "
	for i := range s.tracks {
		t := &s.tracks[i]
		if !t.Enabled || t.reason == "start" {
			continue
		}
		fmt.Fprintf(&b, "%s%s at %s (%s)", sep, t.Kind, t.reset.Format("15:04:05"), t.reason)
		sep = ", "
	}
	b.WriteString(".")
	return b.String()
}

// Sitting returns the current session's, today's and today's after-hours
// sitting without building a whole Snapshot (cheap enough for every tick).
func (s *Scheduler) Sitting() (session, today, afterHours time.Duration) {
	return s.session, s.today, s.afterHours
}

// lullWait is how long a break that reached its due point has waited for a
// lull (0 when none waits). It comes at the latest after LullLimit.
func (s *Scheduler) lullWait() time.Duration {
	if !s.waiting {
		return 0
	}
	return max(s.lastMono-s.waitFrom, 0)
}
