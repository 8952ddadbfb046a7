package history

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
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
	var due any
	if !b.Due.IsZero() {
		due = ms(b.Due)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.flushLocked(); err != nil {
		return err
	}
	if _, err := s.st.insBreak.Exec(ms(b.At), string(b.Kind), b.CardID, due, string(b.Outcome), b.Duration.Milliseconds(), b.Debt.Milliseconds(), b.Paid.Milliseconds(), boolInt(b.Spent)); err != nil {
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
// extends that row in place (one small UPDATE); anything else starts a new
// row. A call that changes nothing writes nothing, and an extension within
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
	res, err := s.st.insSpan.Exec(a, b, boolInt(afterHours))
	if err != nil {
		return fmt.Errorf("recording sitting time: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("recording sitting time: %w", err)
	}
	s.span = openRow{id: id, start: a, end: b, afterHours: afterHours, ok: true}
	s.high = max(s.high, b)
	s.lastWrite = s.now()
	return nil
}

// uncoveredLocked trims [a, b) to its first part that no sitting row
// covers: overlapping spans would count the same minutes twice.
func (s *Store) uncoveredLocked(a, b int64) (int64, int64, error) {
	for a < b {
		var start, end int64
		err := s.db.QueryRow(`SELECT start_at, end_at FROM activity WHERE end_at > ? AND start_at < ? ORDER BY start_at LIMIT 1`, a, b).Scan(&start, &end)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return a, b, nil
		case err != nil:
			return a, b, fmt.Errorf("recording sitting time: %w", err)
		case start <= a:
			a = end
		default:
			b = start
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
	if _, err := s.st.insGlass.Exec(ms(at), string(src)); err != nil {
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
	if s.pause.ok && s.pause.start == a {
		if s.pause.end == b {
			return nil
		}
		if _, err := s.st.updPause.Exec(b, s.pause.id); err != nil {
			return fmt.Errorf("recording a pause: %w", err)
		}
		s.pause.end = b
		return nil
	}
	res, err := s.st.insPause.Exec(a, b)
	if err != nil {
		return fmt.Errorf("recording a pause: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("recording a pause: %w", err)
	}
	s.pause = openRow{id: id, start: a, end: b, ok: true}
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
	if _, err := s.st.insWarn.Exec(ms(at), sitting.Milliseconds()); err != nil {
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
// days the same way. The daemon calls it at start and when settings change.
func (s *Store) SetGoals(g Goals) error {
	if err := s.writable(); err != nil {
		return err
	}
	b, err := json.Marshal(g)
	if err != nil {
		return fmt.Errorf("saving the goals: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.db.Exec(`INSERT INTO meta(key, value) VALUES('goals', ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value`, string(b)); err != nil {
		return fmt.Errorf("saving the goals: %w", err)
	}
	return nil
}

// Goals returns the goals the daemon last stored (ok false when none were).
func (s *Store) Goals() (g Goals, ok bool, err error) {
	var v string
	err = s.db.QueryRow(`SELECT value FROM meta WHERE key='goals'`).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Goals{}, false, nil
	case err != nil:
		// A file at schema version 1 has no meta table: no goals stored.
		var v int
		if qerr := s.db.QueryRow("PRAGMA user_version").Scan(&v); qerr == nil && v < 2 {
			return Goals{}, false, nil
		}
		return Goals{}, false, fmt.Errorf("reading the goals: %w", err)
	}
	if err := json.Unmarshal([]byte(v), &g); err != nil {
		return Goals{}, false, fmt.Errorf("reading the goals: %w", err)
	}
	return g, true, nil
}

// Prune deletes everything that ended before olderThan and returns how many
// rows went. Sitting spans and pauses reaching past olderThan are kept
// whole. Freed pages are returned to the file system.
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
	tx, err := s.db.Begin()
	if err != nil {
		return 0, fmt.Errorf("pruning the history: %w", err)
	}
	var total int64
	for _, q := range []string{
		`DELETE FROM breaks WHERE at < ?`,
		`DELETE FROM activity WHERE end_at < ?`,
		`DELETE FROM glasses WHERE at < ?`,
		`DELETE FROM pauses WHERE end_at < ?`,
		`DELETE FROM limit_warnings WHERE at < ?`,
	} {
		res, err := tx.Exec(q, t)
		if err != nil {
			tx.Rollback()
			return 0, fmt.Errorf("pruning the history: %w", err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("pruning the history: %w", err)
	}
	if s.span.ok && s.span.end < t {
		s.span.ok, s.dirty = false, false
	}
	if s.pause.ok && s.pause.end < t {
		s.pause.ok = false
	}
	s.streakMemo = streakMemo{}
	if total > 0 {
		if _, err := s.db.Exec(`PRAGMA incremental_vacuum`); err != nil {
			return total, fmt.Errorf("handing freed space back after pruning: %w", err)
		}
	}
	return total, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
