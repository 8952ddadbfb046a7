package schedule

import (
	"slices"
	"time"
)

// Meetings from the calendar. The daemon reads the user's calendar
// (internal/calendar) and hands the core the busy events of a window of
// time with SetBusy; the core never reads files. The rules reuse the hold
// of calls (stage held): a meeting is a known stretch of presence whose end
// is known in advance.
//
//   - Hold: a break coming due during a busy event is held (EventHeld) and
//     offered at the first observation after the event ends, like a break
//     held during a call. Events less than BackToBackMin apart are one
//     stretch: the break waits for the last of them. HoldLimit does not
//     apply while a meeting holds: its end is known, so no notification
//     interrupts it.
//   - Early: a break that would come due less than Config.Early before an
//     event starts (counting active time as if the user went on sitting) is
//     offered when that window opens, so the user starts the meeting
//     rested. Once per event and track: a snoozed break is not offered early
//     again for the same event.
//   - Between: when a meeting ends and the next starts at least
//     BackToBackMin and at most BackToBackGap later, the movement break is
//     offered in the gap, due or not, with the due smaller breaks merged
//     into it (as after a long call), unless the user walked away long
//     enough since the meeting ended for it to count as taken.

// Busy is one busy event of the user's calendar. Summary is the event's
// title (SUMMARY), shown to the user; nothing more private is handed in.
type Busy struct {
	Start, End time.Time
	Summary    string
}

const (
	// BackToBackMin: events closer than this are one stretch of meetings
	// (the break waits for the last); from this gap on there is time to
	// stand up between them.
	BackToBackMin = 2 * time.Minute
	// BackToBackGap: a gap between two meetings up to this long gets the
	// movement break; a longer one is ordinary working time.
	BackToBackGap = 15 * time.Minute
)

// Hold reasons (Hold.Reason, status --json "holding.reason").
const (
	HoldMeeting  = "meeting"  // a calendar event; Until is its end
	HoldCall     = "call"     // a microphone or camera in use, or the grace after a call (Until is the grace's end)
	HoldPresence = "presence" // present without input: full screen, a video, an idle inhibitor
)

// Hold says what holds back a break coming due now.
type Hold struct {
	Reason string
	// Until is when the hold ends, when known (the meeting's end, the
	// call grace's end); zero otherwise.
	Until time.Time
	// Event is the summary of the calendar event holding (meeting only).
	Event string
}

// meetings is the calendar as the core keeps it.
type meetings struct {
	events []Busy   // sorted by start
	blocks [][2]int // stretches of events: [first, last] indexes into events; sorted, disjoint
	ends   []time.Time
	starts []time.Time

	on      bool      // a stretch of meetings was on at the last observation
	end     time.Time // its end
	between bool      // the movement break is owed in the gap after a meeting
	since   time.Time // the end of the meeting before the gap
	until   time.Time // the start of the next one
}

// SetBusy installs the busy events of the calendar (in any order,
// overlapping allowed; empty or inverted events are dropped). It replaces
// what was set before; the daemon calls it when the calendar changes and
// as its window of time moves on. It emits nothing: the next Observe
// applies the rules.
func (s *Scheduler) SetBusy(busy []Busy) {
	m := &s.meet
	m.events = m.events[:0]
	for _, b := range busy {
		if b.End.After(b.Start) {
			b.Start, b.End = b.Start.Round(0), b.End.Round(0)
			m.events = append(m.events, b)
		}
	}
	slices.SortStableFunc(m.events, func(a, b Busy) int { return a.Start.Compare(b.Start) })
	m.blocks, m.starts, m.ends = m.blocks[:0], m.starts[:0], m.ends[:0]
	for i, e := range m.events {
		if n := len(m.blocks); n > 0 && e.Start.Sub(m.ends[n-1]) < BackToBackMin {
			m.blocks[n-1][1] = i
			if e.End.After(m.ends[n-1]) {
				m.ends[n-1] = e.End
			}
			continue
		}
		m.blocks = append(m.blocks, [2]int{i, i})
		m.starts = append(m.starts, e.Start)
		m.ends = append(m.ends, e.End)
	}
}

// Busy returns the busy events in use, sorted by start.
func (s *Scheduler) Busy() []Busy { return slices.Clone(s.meet.events) }

// blockAt returns the index of the stretch of meetings that wall is in, or
// the index of the next one and false (len(blocks) when none is left).
func (m *meetings) blockAt(wall time.Time) (int, bool) {
	i, _ := slices.BinarySearchFunc(m.ends, wall, func(e, t time.Time) int {
		if e.After(t) {
			return 1
		}
		return -1
	})
	return i, i < len(m.blocks) && !wall.Before(m.starts[i])
}

// eventAt is the event that wall is in, within stretch b: the one ending
// last when several overlap, or in a gap shorter than BackToBackMin the
// next one, which is what the break waits for.
func (m *meetings) eventAt(b int, wall time.Time) Busy {
	var best Busy
	found := false
	for _, e := range m.events[m.blocks[b][0] : m.blocks[b][1]+1] {
		if !e.Start.After(wall) && e.End.After(wall) && (!found || e.End.After(best.End)) {
			best, found = e, true
		}
	}
	if found {
		return best
	}
	for _, e := range m.events[m.blocks[b][0] : m.blocks[b][1]+1] {
		if e.Start.After(wall) {
			return e
		}
	}
	return best
}

// nextStart is the start of the next stretch of meetings after wall (zero
// when none).
func (m *meetings) nextStart(wall time.Time) time.Time {
	i, in := m.blockAt(wall)
	if in {
		i++
	}
	if i < len(m.blocks) {
		return m.starts[i]
	}
	return time.Time{}
}

// followMeetings notes at each observation whether a meeting is on, and
// when one ends with the next a short gap away, owes the movement break.
// It reports whether a meeting is on.
func (s *Scheduler) followMeetings(wall time.Time) bool {
	m := &s.meet
	b, in := m.blockAt(wall)
	if m.on && !in {
		m.between = false
		if b < len(m.blocks) {
			gap := m.starts[b].Sub(m.end)
			if gap >= BackToBackMin && gap <= BackToBackGap && wall.Before(m.starts[b]) {
				m.between, m.since, m.until = true, m.end, m.starts[b]
			}
		}
	}
	if in {
		m.end = m.ends[b]
		m.between = false
	}
	if m.between && !wall.Before(m.until) {
		m.between = false
	}
	m.on = in
	return in
}

// early reports whether track i, still counting, is to be offered now
// because it would come due less than Config.Early before the next
// meeting starts; it marks it offered early for that meeting.
func (s *Scheduler) early(i int, wall time.Time) bool {
	t := &s.tracks[i]
	if s.cfg.Early <= 0 || s.meet.on {
		return false
	}
	start := s.meet.nextStart(wall)
	if start.IsZero() || t.earlyFor.Equal(start) {
		return false
	}
	until := start.Sub(wall)
	if until > s.cfg.Early || t.dueAt-t.active >= until {
		return false
	}
	t.earlyFor = start
	return true
}

// offerMovement offers the movement break after a long call or between
// two meetings (since: when that ended), due or not, with the smaller due
// breaks merged into it, unless the user has walked away long enough since
// for it to count as taken; then, and without an enabled movement track,
// held breaks are released as after any hold.
func (s *Scheduler) offerMovement(at, since time.Time) {
	for i := range s.tracks {
		t := &s.tracks[i]
		if t.Kind != Movement || !t.Enabled || t.reset.After(since) || t.stage == stageOffered || t.stage == stageTaking {
			continue
		}
		for j := range s.tracks {
			if j != i && s.tracks[j].stage.due() && s.bigger(i, j) {
				s.goTo(j, stageMerged, i)
			}
		}
		s.offer(i, at)
		return
	}
	if s.holding() {
		s.release(at)
	}
}

// hold says what would hold a break coming due at the last observation
// (nil when nothing would).
func (s *Scheduler) hold() *Hold {
	m := &s.meet
	if b, in := m.blockAt(s.lastWall); in {
		return &Hold{Reason: HoldMeeting, Until: m.ends[b], Event: m.eventAt(b, s.lastWall).Summary}
	}
	o := s.last
	switch {
	case o.Away:
		return nil
	case o.PresentNoInput && o.InCall:
		return &Hold{Reason: HoldCall}
	case s.call.grace:
		return &Hold{Reason: HoldCall, Until: s.call.endWall.Add(CallGrace)}
	case o.PresentNoInput:
		return &Hold{Reason: HoldPresence}
	}
	return nil
}
