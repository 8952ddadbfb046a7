package history

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// Outcome is how a break ended, named as the core's event is.
type Outcome string

// The outcomes a break can have.
const (
	Done        = Outcome(schedule.EventDone)        // the user took it
	Snoozed     = Outcome(schedule.EventSnoozed)     // postponed; it comes back later
	Skipped     = Outcome(schedule.EventSkipped)     // dismissed
	Natural     = Outcome(schedule.EventNatural)     // away long enough: counted as taken
	ClosedEarly = Outcome(schedule.EventClosedEarly) // the break window was closed before the end
	Short       = Outcome(schedule.EventShort)       // ended as done before 80 % of its length: not taken
	// NotShown: the card window could not open (no display); the break
	// was offered by notification instead. Not a break outcome the stats
	// count: the break itself ends later, as any other.
	NotShown Outcome = "not_shown"
)

// Outcomes lists every outcome, in the order the stats show them.
func Outcomes() []Outcome { return []Outcome{Done, Natural, Short, Skipped, Snoozed, ClosedEarly} }

func (o Outcome) valid() bool {
	if o == NotShown {
		return true
	}
	for _, x := range Outcomes() {
		if o == x {
			return true
		}
	}
	return false
}

// Source is where a glass of water was logged.
type Source string

// The places a glass can be logged from.
const (
	SourceCard Source = "card" // the hydration card's button
	SourceTray Source = "tray" // the tray's "I drank a glass"
	SourceCLI  Source = "cli"  // `limber drink`
	// SourceNotification: "I drank a glass" on the water notification.
	SourceNotification Source = "notification"
)

func (s Source) valid() bool {
	return s == SourceCard || s == SourceTray || s == SourceCLI || s == SourceNotification
}

// BreakRecord is one break's outcome.
type BreakRecord struct {
	// At is when the outcome happened (the button press, the return from
	// a natural break).
	At      time.Time
	Kind    schedule.Kind
	CardID  string    // the card shown; "" when none (natural breaks)
	Due     time.Time // when the break fell due; zero when unknown
	Outcome Outcome
	// Duration is how long: the time spent on the break (done,
	// closed_early, short), the time away (natural), the postponement (snoozed),
	// 0 for skipped.
	Duration time.Duration
	// Debt is the missing time this outcome added to the kind's break
	// debt; Paid the debt its extra time repaid; Spent: a skip that used
	// the day's skip budget (schedule.Event's fields of the same names).
	Debt, Paid time.Duration
	Spent      bool
}

// RecordBreak records one break's outcome.
func (s *Store) RecordBreak(b BreakRecord) error {
	if err := s.writable(); err != nil {
		return err
	}
	if !b.Outcome.valid() {
		return fmt.Errorf("recording a break: unknown outcome %q", b.Outcome)
	}
	if b.Kind == "" {
		return errors.New("recording a break: no kind given")
	}
	if b.Duration < 0 || b.Debt < 0 || b.Paid < 0 {
		return fmt.Errorf("recording a break: negative duration (%v, debt %v, paid %v)", b.Duration, b.Debt, b.Paid)
	}
	r := record{T: TypeBreak, At: ms(b.At), Kind: string(b.Kind), Card: b.CardID, Outcome: string(b.Outcome),
		MS: b.Duration.Milliseconds(), Debt: b.Debt.Milliseconds(), Paid: b.Paid.Milliseconds(), Spent: b.Spent}
	if !b.Due.IsZero() {
		r.Due = ms(b.Due)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.flushLocked(); err != nil {
		return err
	}
	if err := s.writeLocked(r); err != nil {
		return fmt.Errorf("recording a %s break: %w", b.Kind, err)
	}
	return nil
}

// RecordActivity records that the user sat from start to end; afterHours
// marks time outside working hours (kept, but shown apart and not counted
// against the daily limit).
//
// Call it as often as suits: with the whole span so far (same start, later
// end) or with the piece since the last call. A span that overlaps or comes
// within MergeGap of the last one recorded, with the same afterHours,
// extends that span (its line is written again, with the new end); anything
// else starts a new span. A call that changes nothing writes nothing, and an extension within
// FlushEvery of the last write is held in memory until the next call after
// it (or any other Record call, Flush, Close). So the daemon may call on
// every poll, however often: a kill -9 loses at most FlushEvery of sitting
// time, and nothing is written while the user is away.
func (s *Store) RecordActivity(start, end time.Time, afterHours bool) error {
	if err := s.writable(); err != nil {
		return err
	}
	a, b := ms(start), ms(end)
	if b < a {
		return fmt.Errorf("recording sitting time: the span ends (%s) before it starts (%s)", end.Format(time.RFC3339), start.Format(time.RFC3339))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.span
	gap := MergeGap.Milliseconds()
	if cur.ok && cur.afterHours == afterHours && a <= cur.end+gap && b >= cur.start-gap {
		// The start never moves back: time before it is either in this
		// row already or was written to another (a clock set back).
		na, nb := cur.start, max(b, cur.end)
		if na == cur.start && nb == cur.end {
			return nil
		}
		s.span.start, s.span.end = na, nb
		s.high = max(s.high, nb)
		s.dirty = true
		if s.now().Sub(s.lastWrite) < FlushEvery {
			return nil
		}
		return s.flushLocked()
	}
	if err := s.flushLocked(); err != nil {
		return err
	}
	if a < s.high {
		// Earlier than time already written (a clock set back, or a late
		// call): keep only the part no row holds yet.
		var err error
		if a, b, err = s.uncoveredLocked(a, b); err != nil {
			return err
		}
	}
	if b <= a {
		return nil // empty, or all of it written already
	}
	row := openRow{start: a, end: b, afterHours: afterHours, ok: true}
	if err := s.writeLocked(spanRecord(row)); err != nil {
		return fmt.Errorf("recording sitting time: %w", err)
	}
	s.span = row
	s.high = max(s.high, b)
	s.lastWrite = s.now()
	return nil
}

// uncoveredLocked trims [a, b) to its first part that no sitting span
// covers: overlapping spans would count the same minutes twice. It reads
// the file, which only a clock set back (or a late call) makes it do.
func (s *Store) uncoveredLocked(a, b int64) (int64, int64, error) {
	var spans [][2]int64
	if err := s.read(func(r *record) {
		if r.T == TypeSitting && r.End > a && r.At < b {
			spans = append(spans, [2]int64{r.At, r.End})
		}
	}, TypeSitting); err != nil {
		return a, b, fmt.Errorf("recording sitting time: %w", err)
	}
	slices.SortFunc(spans, func(x, y [2]int64) int { return cmp.Compare(x[0], y[0]) })
	for a < b {
		i := slices.IndexFunc(spans, func(sp [2]int64) bool { return sp[1] > a && sp[0] < b })
		switch {
		case i < 0:
			return a, b, nil
		case spans[i][0] <= a:
			a = spans[i][1]
		default:
			b = spans[i][0]
		}
	}
	return a, b, nil
}

// RecordGlass records one glass of water.
func (s *Store) RecordGlass(at time.Time, src Source) error {
	if err := s.writable(); err != nil {
		return err
	}
	if !src.valid() {
		return fmt.Errorf("recording a glass: unknown source %q", src)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.flushLocked(); err != nil {
		return err
	}
	if err := s.writeLocked(record{T: TypeGlass, At: ms(at), Src: string(src)}); err != nil {
		return fmt.Errorf("recording a glass: %w", err)
	}
	return nil
}

// RecordPause records that reminders were paused from from to to. Calling
// it again with the same from updates that pause's end, so the daemon can
// record a pause when it starts (with its planned end) and again when it is
// cut short.
func (s *Store) RecordPause(from, to time.Time) error {
	if err := s.writable(); err != nil {
		return err
	}
	a, b := ms(from), ms(to)
	if b < a {
		return fmt.Errorf("recording a pause: it ends (%s) before it starts (%s)", to.Format(time.RFC3339), from.Format(time.RFC3339))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.flushLocked(); err != nil {
		return err
	}
	if s.pause.ok && s.pause.start == a && s.pause.end == b {
		return nil
	}
	// The same start again replaces the last pause's line (see scan).
	if err := s.writeLocked(record{T: TypePause, At: a, End: b}); err != nil {
		return fmt.Errorf("recording a pause: %w", err)
	}
	if s.pause.ok && s.pause.start == a {
		s.replaced++
	}
	s.pause = openRow{start: a, end: b, ok: true}
	return nil
}

// RecordLimitWarning records that the daily-limit warning was shown at at,
// with sitting time so far today.
func (s *Store) RecordLimitWarning(at time.Time, sitting time.Duration) error {
	if err := s.writable(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.flushLocked(); err != nil {
		return err
	}
	if err := s.writeLocked(record{T: TypeLimitWarning, At: ms(at), MS: sitting.Milliseconds()}); err != nil {
		return fmt.Errorf("recording a daily limit warning: %w", err)
	}
	return nil
}

// Goals are what a day is judged against.
type Goals struct {
	// DailyLimit is the most sitting (inside working hours) a good day
	// has; 0 = no limit.
	DailyLimit time.Duration
	// Glasses is the number of glasses a good day has; 0 = no goal.
	Glasses int
	// BreakShare is the share of breaks a good day takes (done or
	// natural, out of those not snoozed), 0..1; 0 = no goal.
	BreakShare float64
	// DayStart is the local time of day at which a day begins (e.g. 4h,
	// so late-night work counts toward the day before).
	DayStart time.Duration
}

// SetGoals stores the daemon's current goals, so read-only readers judge
// days the same way. The daemon calls it at start and when settings change;
// goals equal to the stored ones write nothing.
func (s *Store) SetGoals(g Goals) error {
	if err := s.writable(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.goals != nil && *s.goals == g {
		return nil
	}
	if err := s.writeLocked(record{T: lineGoals, Goals: &g}); err != nil {
		return fmt.Errorf("saving the goals: %w", err)
	}
	s.goals = &g
	return nil
}

// Goals returns the goals the daemon last stored (ok false when none were).
func (s *Store) Goals() (g Goals, ok bool, err error) {
	if !s.readOnly {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.goals == nil {
			return Goals{}, false, nil
		}
		return *s.goals, true, nil
	}
	var last *Goals
	if err := s.read(func(r *record) {
		if r.T == lineGoals && r.Goals != nil {
			last = r.Goals
		}
	}, lineGoals); err != nil {
		return Goals{}, false, fmt.Errorf("reading the goals: %w", err)
	}
	if last == nil {
		return Goals{}, false, nil
	}
	return *last, true, nil
}

// Prune deletes every event that ended before olderThan and returns how
// many went. Sitting spans and pauses reaching past olderThan are kept
// whole. The file is rewritten (a new file renamed over the old one), so a
// crash leaves either the old file or the new.
func (s *Store) Prune(olderThan time.Time) (int64, error) {
	if err := s.writable(); err != nil {
		return 0, err
	}
	t := ms(olderThan)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.flushLocked(); err != nil {
		return 0, err
	}
	old := false
	if err := s.read(func(r *record) { old = old || r.end() < t && r.T != lineGoals && r.T != lineImport }); err != nil {
		return 0, fmt.Errorf("pruning the history: %w", err)
	}
	if !old {
		return 0, nil // nothing to drop: no rewrite
	}
	n, err := s.rewriteLocked(func(r *record) bool {
		return r.T == lineGoals || r.T == lineImport || r.end() >= t
	})
	if err != nil {
		return 0, fmt.Errorf("pruning the history: %w", err)
	}
	if s.span.ok && s.span.end < t {
		s.span.ok, s.dirty = false, false
	}
	if s.pause.ok && s.pause.end < t {
		s.pause.ok = false
	}
	return n, nil
}

// end is when an event ended: a span's or pause's end, else its time.
func (r *record) end() int64 {
	if r.T == TypeSitting || r.T == TypePause {
		return r.End
	}
	return r.At
}
