// Package sim runs the scheduling core through a simulated working day or
// week. A fake clock keeps three readings that can drift apart like real
// ones (wall, monotonic, boot time): a suspend stops the monotonic clock, a
// clock change moves only the wall clock. A small script language drives a
// simulated user, and a recorder writes each event as one line, so a run
// can be compared with a golden log:
//
//	start 2026-03-02 08:55 +01:00   # date, time, UTC offset
//	auto done                       # react to each due break: done (its card shown), snooze, skip or off
//	type 50m                        # continuous input
//	write 20m                       # input with a 4 s pause (a lull) every 30 s
//	read 3m                         # at the desk, no input
//	away 1h                         # left the desk, no input
//	lock 10m                        # screen locked (Observation.Away)
//	present 40m                     # present without input (full screen, an inhibitor)
//	call 50m                        # in a call: present without input, Observation.InCall
//	nosource 5m                     # no idle source
//	type until 12:30                # any activity up to a wall-clock time (none if past)
//	bump                            # one stray input event
//	suspend 14h                     # machine asleep (monotonic clock stops)
//	stall 5m                        # observations stop, clocks run
//	jump -1h                        # wall clock set back (or +1h)
//	tz +09:00                       # the zone changes, the instant does not
//	pause 30m | pause tomorrow | pause | resume
//	done stretch | snooze stretch [5m] | skip posture | breaknow movement | closed stretch 30s
//	finish stretch 20s              # done after 20 s (short under 80 %)
//	shown stretch [off]             # its card is on screen (Scheduler.Shown), or could not show
//	poll 1s | poll next             # fixed poll interval, or Scheduler.NextCheck (default)
//	note text                       # a line in the log
//	status                          # a line with the core's Snapshot (see Status)
//	boot off | boot on              # leave Observation.Boot unknown, or fill it
//	budget 3 | budget off           # daily skip budget (with break debt), or neither
//	meeting 10:00-10:30 Stand-up    # a busy calendar event today (Scheduler.SetBusy)
//
// Comments start with #. The package never reads the real clock.
package sim

import (
	"bufio"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// Clock is a fake clock with readings that drift apart like real ones.
type Clock struct {
	wall time.Time     // wall clock reading
	mono time.Duration // stops during suspend
	boot time.Duration // keeps running during suspend
}

// NewClock starts a clock at wall time start; Mono and Boot start at one
// hour so that a zero Boot still means "unknown".
func NewClock(start time.Time) *Clock {
	return &Clock{wall: start, mono: time.Hour, boot: time.Hour}
}

// Run advances all three readings by d (time passing while awake).
func (c *Clock) Run(d time.Duration) {
	c.wall = c.wall.Add(d)
	c.mono += d
	c.boot += d
}

// Suspend advances wall and boot by d while mono stands still.
func (c *Clock) Suspend(d time.Duration) {
	c.wall = c.wall.Add(d)
	c.boot += d
}

// Jump moves the wall clock by d (a clock change); mono and boot do not move.
func (c *Clock) Jump(d time.Duration) { c.wall = c.wall.Add(d) }

// SetZone shows the wall clock in loc from now on (same instant).
func (c *Clock) SetZone(loc *time.Location) { c.wall = c.wall.In(loc) }

// Wall, Mono and Boot are the current readings.
func (c *Clock) Wall() time.Time     { return c.wall }
func (c *Clock) Mono() time.Duration { return c.mono }
func (c *Clock) Boot() time.Duration { return c.boot }

// Sim is a simulated user at a simulated machine running the core.
type Sim struct {
	Clock *Clock
	Sched *schedule.Scheduler
	// Poll is a fixed observation interval; 0 follows Sched.NextCheck.
	Poll time.Duration
	// NoBoot leaves Observation.Boot zero (as on systems without it).
	NoBoot bool
	// Auto is how the simulated user reacts to a due break: "done" (stops
	// input for the break length, then Done), "snooze", "skip" (and, with
	// the day's skip budget spent, as "done") or "off".
	Auto string
	// OnObserve, when set, sees every observation with its events (for
	// property checks).
	OnObserve func(o schedule.Observation, ev []schedule.Event)
	// OnEvent, when set, sees every event as it is recorded, from
	// observations and actions alike, with the snapshot after it.
	OnEvent func(e schedule.Event)

	lines     []string
	counts    map[string]int
	lastDay   string
	inputBoot time.Duration // boot reading of the last input
	reacting  bool
	// Busy are the calendar's busy events handed to the core (meeting
	// commands add to them).
	Busy []schedule.Busy
}

// New starts a simulation at wall time start with configuration cfg. The
// simulated user has not touched the machine for an hour.
func New(cfg schedule.Config, start time.Time) *Sim {
	s := &Sim{Clock: NewClock(start), Auto: "off"}
	s.inputBoot = s.Clock.boot - time.Hour
	s.Sched = schedule.New(cfg, s.observation(mode{}))
	return s
}

// mode is what the simulated user is doing.
type mode struct {
	input, present, call, locked, noSource bool
	// lulls: input pauses WriteLull in every WriteCycle (with input).
	lulls bool
}

// The rhythm of "write": someone typing who stops for a few seconds at
// the end of a sentence, long enough for a lull (schedule.LullGap).
const (
	WriteCycle = 30 * time.Second
	WriteLull  = 4 * time.Second
)

func (s *Sim) observation(m mode) schedule.Observation {
	o := schedule.Observation{
		Wall:           s.Clock.wall,
		Mono:           s.Clock.mono,
		Idle:           s.Clock.boot - s.inputBoot,
		PresentNoInput: m.present || m.call,
		InCall:         m.call,
		Away:           m.locked,
		NoSource:       m.noSource,
	}
	if !s.NoBoot {
		o.Boot = s.Clock.boot
	}
	return o
}

// Count returns how many events of type t (and of kind k, unless k is
// empty) the core emitted so far, e.g. Count(schedule.EventDue, "") for all
// offered breaks or Count(schedule.EventNatural, schedule.Stretch).
func (s *Sim) Count(t schedule.EventType, k schedule.Kind) int {
	if k == "" {
		return s.counts[string(t)]
	}
	return s.counts[string(t)+" "+string(k)]
}

// Lines returns the log so far, one event or note per line.
func (s *Sim) Lines() []string { return s.lines }

// Log returns the log so far as text.
func (s *Sim) Log() string { return strings.Join(s.lines, "\n") + "\n" }

func (s *Sim) logf(at time.Time, format string, args ...any) {
	if day := at.Format("Mon 2006-01-02"); day != s.lastDay {
		s.lastDay = day
		s.lines = append(s.lines, "-- "+day+" --")
	}
	s.lines = append(s.lines, at.Format("15:04:05")+" "+fmt.Sprintf(format, args...))
}

// Status renders a snapshot on one line: the activity state, sitting
// totals, pause, phase, the skips spent of the budget and each kind's
// break debt (when any), then each enabled track as time left, "due",
// "held" or "merged>KIND", with skip/snooze counts when not zero.
func Status(sn schedule.Snapshot) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s session=%v today=%v", sn.State, sn.Session, sn.Today)
	if sn.TodayAfterHours > 0 {
		fmt.Fprintf(&b, " after-hours=%v", sn.TodayAfterHours)
	}
	if sn.Away > 0 {
		fmt.Fprintf(&b, " away=%v", sn.Away)
	}
	if sn.Paused {
		b.WriteString(" paused")
	}
	if sn.Phase != "" {
		fmt.Fprintf(&b, " phase=%s(%v left)", sn.Phase, sn.PhaseRemaining)
	}
	if bu := sn.Budget; bu.Used > 0 || bu.Total() > 0 {
		if bu.On && bu.Used > 0 {
			fmt.Fprintf(&b, " skips=%d/%d", bu.Used, bu.Used+bu.Left)
		}
		for _, d := range bu.Debt {
			if d.Debt > 0 {
				fmt.Fprintf(&b, " debt-%s=%v", d.Kind, d.Debt)
			}
		}
	}
	for _, t := range sn.Tracks {
		if !t.Enabled {
			continue
		}
		fmt.Fprintf(&b, " | %s ", t.Kind)
		switch {
		case t.Held:
			b.WriteString("held")
		case t.Due:
			b.WriteString("due")
		case t.MergedInto != "":
			b.WriteString("merged>" + string(t.MergedInto))
		default:
			b.WriteString(t.Remaining.String())
		}
		if t.Skips > 0 {
			fmt.Fprintf(&b, " skips=%d", t.Skips)
		}
		if t.Snoozes > 0 {
			fmt.Fprintf(&b, " snoozes=%d", t.Snoozes)
		}
	}
	return b.String()
}

// Format renders an event without its time, e.g. "due stretch 1m30s".
func Format(e schedule.Event) string {
	var b strings.Builder
	b.WriteString(string(e.Type))
	if e.Kind != "" {
		b.WriteString(" " + string(e.Kind))
	}
	if e.Phase != "" {
		b.WriteString(" " + e.Phase)
	}
	if e.Duration != 0 {
		b.WriteString(" " + e.Duration.String())
	}
	if e.NotifyOnly {
		b.WriteString(" notify-only")
	}
	if e.Extra != 0 {
		b.WriteString(" extra " + e.Extra.String())
	}
	if e.Spent {
		b.WriteString(" spent")
	}
	if e.Debt != 0 {
		b.WriteString(" debt+" + e.Debt.String())
	}
	if e.Paid != 0 {
		b.WriteString(" paid " + e.Paid.String())
	}
	for i, k := range e.With {
		if i == 0 {
			b.WriteString(" with ")
		} else {
			b.WriteString(",")
		}
		b.WriteString(string(k))
	}
	return b.String()
}

func (s *Sim) record(ev []schedule.Event) {
	for _, e := range ev {
		if s.counts == nil {
			s.counts = map[string]int{}
		}
		s.counts[string(e.Type)]++
		s.counts[string(e.Type)+" "+string(e.Kind)]++
		s.logf(e.At, "%s", Format(e))
		if s.OnEvent != nil {
			s.OnEvent(e)
		}
	}
}

// Advance lets d of awake time pass with the user in mode m, observing as
// the core asks (or every Poll), and reacting to due breaks per Auto.
func (s *Sim) advance(d time.Duration, m mode) {
	for d > 0 {
		step := s.Poll
		if step <= 0 {
			step = s.Sched.NextCheck()
		}
		step = min(step, d)
		s.Clock.Run(step)
		d -= step
		if m.input && (!m.lulls || s.Clock.mono%WriteCycle < WriteCycle-WriteLull) {
			s.inputBoot = s.Clock.boot
		}
		o := s.observation(m)
		ev, _ := s.Sched.Observe(o)
		if s.OnObserve != nil {
			s.OnObserve(o, ev)
		}
		s.record(ev)
		d -= s.react(ev, m)
	}
}

// react plays the user's answer to a due break and returns the time it took.
func (s *Sim) react(ev []schedule.Event, m mode) time.Duration {
	if s.reacting || !m.input {
		return 0
	}
	var took time.Duration
	for _, e := range ev {
		if e.Type != schedule.EventDue || e.NotifyOnly {
			continue
		}
		at := s.Clock.wall
		how := s.Auto
		if how == "skip" {
			ev, err := s.Sched.Skip(e.Kind, at)
			s.act(at, "skip", e.Kind)(ev, err)
			if !errors.Is(err, schedule.ErrSkipBudget) {
				continue
			}
			how = "done" // Skip is gone for the day: the user takes the break
		}
		switch how {
		case "done":
			// The card is on screen while the user does it, away from the keys.
			s.act(at, "shown", e.Kind)(s.Sched.Shown(e.Kind, true, at))
			s.reacting = true
			s.advance(e.Duration, mode{})
			s.reacting = false
			took += e.Duration
			// The user does every part of the card: the breaks merged
			// into it first (the glass ticked), then the break itself.
			for _, k := range e.With {
				s.act(s.Clock.wall, "done", k)(s.Sched.Done(k, s.Clock.wall))
			}
			s.act(s.Clock.wall, "done", e.Kind)(s.Sched.Done(e.Kind, s.Clock.wall))
			s.inputBoot = s.Clock.boot // back at the keyboard
		case "snooze":
			s.act(at, "snooze", e.Kind)(s.Sched.Snooze(e.Kind, 0, at))
		}
	}
	return took
}

// act records the result of a user action: its events, or the refusal.
func (s *Sim) act(at time.Time, verb string, k schedule.Kind) func([]schedule.Event, error) {
	return func(ev []schedule.Event, err error) {
		if err != nil {
			s.logf(at, "refused %s: %v", strings.TrimSpace(verb+" "+string(k)), err)
			return
		}
		s.record(ev)
	}
}

// Run executes a script (see the package comment), stopping at the first
// bad line.
func (s *Sim) Run(script string) error {
	sc := bufio.NewScanner(strings.NewReader(script))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if err := s.Step(f); err != nil {
			return fmt.Errorf("script line %d %q: %w", n, strings.TrimSpace(line), err)
		}
	}
	return sc.Err()
}

// modeOf returns the user mode a command names.
func modeOf(cmd string) (mode, bool) {
	switch cmd {
	case "type":
		return mode{input: true}, true
	case "write":
		return mode{input: true, lulls: true}, true
	case "read", "away":
		return mode{}, true
	case "lock":
		return mode{locked: true}, true
	case "present":
		return mode{present: true}, true
	case "call":
		return mode{call: true}, true
	case "nosource":
		return mode{noSource: true}, true
	}
	return mode{}, false
}

// Step executes one script command given as fields.
func (s *Sim) Step(f []string) error {
	at := s.Clock.wall
	arg := func(i int) string {
		if i < len(f) {
			return f[i]
		}
		return ""
	}
	if m, ok := modeOf(f[0]); ok {
		d, err := s.span(f[1:])
		if err != nil {
			return err
		}
		if d > 0 {
			s.advance(d, m)
		}
		return nil
	}
	switch f[0] {
	case "start":
		return fmt.Errorf("start must be the first line (use Parse)")
	case "auto":
		switch arg(1) {
		case "done", "snooze", "skip", "off":
			s.Auto = arg(1)
			return nil
		}
		return fmt.Errorf("auto wants done, snooze, skip or off")
	case "poll":
		if arg(1) == "next" {
			s.Poll = 0
			return nil
		}
		d, err := time.ParseDuration(arg(1))
		if err != nil {
			return err
		}
		s.Poll = d
	case "bump":
		s.inputBoot = s.Clock.boot
	case "suspend":
		d, err := time.ParseDuration(arg(1))
		if err != nil {
			return err
		}
		s.Clock.Suspend(d)
	case "stall":
		d, err := time.ParseDuration(arg(1))
		if err != nil {
			return err
		}
		s.Clock.Run(d)
	case "jump":
		d, err := time.ParseDuration(arg(1))
		if err != nil {
			return err
		}
		s.Clock.Jump(d)
	case "tz":
		loc, err := ParseZone(arg(1))
		if err != nil {
			return err
		}
		s.Clock.SetZone(loc)
	case "note":
		s.logf(at, "note %s", strings.Join(f[1:], " "))
	case "status":
		s.logf(at, "status %s", Status(s.Sched.Snapshot()))
	case "budget":
		// "budget N" sets the daily skip budget (debt on), "budget off"
		// turns budget and debt off (scripts written before them).
		cfg := s.Sched.Config()
		if arg(1) == "off" {
			cfg.SkipBudget, cfg.DebtCap = schedule.NoSkipBudget, 0
		} else {
			n, err := strconv.Atoi(arg(1))
			if err != nil || n < 0 {
				return fmt.Errorf("budget wants a number of skips or off")
			}
			cfg.SkipBudget = n
			if cfg.DebtCap == 0 {
				cfg.DebtCap = schedule.DefaultDebtCap
			}
		}
		s.act(at, "budget", "")(s.Sched.SetConfig(cfg, at))
	case "boot":
		switch arg(1) {
		case "on", "off":
			s.NoBoot = arg(1) == "off"
			return nil
		}
		return fmt.Errorf("boot wants on or off")
	case "meeting":
		from, to, ok := strings.Cut(arg(1), "-")
		a, err1 := time.Parse("15:04", from)
		b, err2 := time.Parse("15:04", to)
		if !ok || err1 != nil || err2 != nil {
			return fmt.Errorf("meeting wants HH:MM-HH:MM and a title")
		}
		day := func(t time.Time) time.Time {
			return time.Date(at.Year(), at.Month(), at.Day(), t.Hour(), t.Minute(), 0, 0, at.Location())
		}
		s.Busy = append(s.Busy, schedule.Busy{Start: day(a), End: day(b), Summary: strings.Join(f[2:], " ")})
		s.Sched.SetBusy(s.Busy)
	case "pause":
		var until time.Time
		switch arg(1) {
		case "":
		case "tomorrow":
			until = schedule.PauseUntilTomorrow(at, s.Sched.Config().DayStart)
		default:
			d, err := time.ParseDuration(arg(1))
			if err != nil {
				return err
			}
			until = at.Add(d)
		}
		s.act(at, "pause", "")(s.Sched.Pause(until, at))
	case "resume":
		s.act(at, "resume", "")(s.Sched.Resume(at))
	case "shown":
		s.act(at, "shown", schedule.Kind(arg(1)))(s.Sched.Shown(schedule.Kind(arg(1)), arg(2) != "off", at))
	case "done", "skip", "breaknow":
		k := schedule.Kind(arg(1))
		fn := map[string]func(schedule.Kind, time.Time) ([]schedule.Event, error){
			"done": s.Sched.Done, "skip": s.Sched.Skip, "breaknow": s.Sched.BreakNow,
		}[f[0]]
		s.act(at, f[0], k)(fn(k, at))
	case "snooze", "closed", "finish":
		k := schedule.Kind(arg(1))
		var d time.Duration
		if arg(2) != "" {
			var err error
			if d, err = time.ParseDuration(arg(2)); err != nil {
				return err
			}
		}
		switch f[0] {
		case "snooze":
			s.act(at, "snooze", k)(s.Sched.Snooze(k, d, at))
		case "finish":
			s.act(at, "finish", k)(s.Sched.Finish(k, d, at))
		default:
			s.act(at, "closed", k)(s.Sched.ClosedEarly(k, d, at))
		}
	default:
		return fmt.Errorf("unknown command %q", f[0])
	}
	return nil
}

// span reads "D" or "until HH:MM" into a duration from now.
func (s *Sim) span(f []string) (time.Duration, error) {
	if len(f) == 2 && f[0] == "until" {
		t, err := time.Parse("15:04", f[1])
		if err != nil {
			return 0, fmt.Errorf("until wants HH:MM: %w", err)
		}
		now := s.Clock.wall
		end := time.Date(now.Year(), now.Month(), now.Day(), t.Hour(), t.Minute(), 0, 0, now.Location())
		// Already past (breaks taken on the way can run late): nothing to do,
		// so a script stays usable with presets that change the timing.
		return max(end.Sub(now), 0), nil
	}
	if len(f) != 1 {
		return 0, fmt.Errorf("want a duration or \"until HH:MM\"")
	}
	d, err := time.ParseDuration(f[0])
	if err != nil {
		return 0, err
	}
	if d <= 0 {
		return 0, fmt.Errorf("duration %v must be positive", d)
	}
	return d, nil
}

// ParseZone reads a fixed UTC offset like "+01:00", "-05:30" or "UTC".
func ParseZone(z string) (*time.Location, error) {
	if z == "UTC" || z == "Z" {
		return time.UTC, nil
	}
	t, err := time.Parse("-07:00", z)
	if err != nil {
		return nil, fmt.Errorf("zone %q: want an offset like +01:00", z)
	}
	_, off := t.Zone()
	return time.FixedZone("UTC"+z, off), nil
}

// Parse starts a simulation from a script whose first command is
// "start YYYY-MM-DD HH:MM OFFSET", runs the rest and returns it.
func Parse(cfg schedule.Config, script string) (*Sim, error) {
	return ParseWith(cfg, script, nil)
}

// ParseWith is Parse with setup run on the new simulation before the
// script (to hand it a calendar, say).
func ParseWith(cfg schedule.Config, script string, setup func(*Sim)) (*Sim, error) {
	lines := strings.Split(script, "\n")
	for i, line := range lines {
		if j := strings.IndexByte(line, '#'); j >= 0 {
			line = line[:j]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) != 4 || f[0] != "start" {
			return nil, fmt.Errorf("script line %d: want \"start YYYY-MM-DD HH:MM OFFSET\" first, got %q", i+1, strings.TrimSpace(line))
		}
		loc, err := ParseZone(f[3])
		if err != nil {
			return nil, fmt.Errorf("script line %d: %w", i+1, err)
		}
		t, err := time.ParseInLocation("2006-01-02 15:04", f[1]+" "+f[2], loc)
		if err != nil {
			return nil, fmt.Errorf("script line %d: start time: %w", i+1, err)
		}
		s := New(cfg, t)
		if setup != nil {
			setup(s)
		}
		// Blank lines in place of those read keep the line numbers right.
		rest := strings.Repeat("\n", i+1) + strings.Join(lines[i+1:], "\n")
		return s, s.Run(rest)
	}
	return nil, fmt.Errorf("script has no start line")
}
