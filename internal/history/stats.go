package history

import (
	"database/sql"
	"fmt"
	"sort"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// MaxDays caps the window a Stats call may ask for (ten years).
const MaxDays = 3660

// Counts are break outcomes.
type Counts struct {
	Done, Natural, Skipped, Snoozed, ClosedEarly int
	// Short: ended as done too soon; decided, but not taken.
	Short int
}

// Taken is the breaks taken: done, or natural.
func (c Counts) Taken() int { return c.Done + c.Natural }

// Decided is the breaks that came to an end one way or another. A snooze
// is not an end: the break comes back.
func (c Counts) Decided() int { return c.Done + c.Natural + c.Skipped + c.ClosedEarly + c.Short }

// Share is Taken/Decided, and false when no break was decided.
func (c Counts) Share() (float64, bool) {
	if c.Decided() == 0 {
		return 0, false
	}
	return float64(c.Taken()) / float64(c.Decided()), true
}

func (c *Counts) add(o Outcome, n int) {
	switch o {
	case Done:
		c.Done += n
	case Natural:
		c.Natural += n
	case Skipped:
		c.Skipped += n
	case Snoozed:
		c.Snoozed += n
	case ClosedEarly:
		c.ClosedEarly += n
	case Short:
		c.Short += n
	}
}

func (c *Counts) plus(o Counts) {
	c.Done += o.Done
	c.Natural += o.Natural
	c.Skipped += o.Skipped
	c.Snoozed += o.Snoozed
	c.ClosedEarly += o.ClosedEarly
	c.Short += o.Short
}

// Day is one day's figures. A day runs from Goals.DayStart to the same time
// the next day, in the reader's time zone.
type Day struct {
	Date  string    // YYYY-MM-DD
	Start time.Time // when the day began
	// Sitting is inside working hours; AfterHours outside them.
	Sitting, AfterHours time.Duration
	Paused              time.Duration
	Glasses             int
	Breaks              Counts
	LimitWarnings       int
	// Debt is the break debt made that day (missing time of skipped and
	// short breaks), Repaid what longer breaks paid back of it, and
	// SkipsSpent the skips of the daily budget used. What was left at
	// the end of the day, Debt-Repaid, was forgiven overnight.
	Debt, Repaid time.Duration
	SkipsSpent   int
	// Active: anything at all was recorded that day.
	Active bool
	// Met: the day was active and met every goal that is set.
	Met bool
}

// KindStats is the compliance of one kind of break over the window.
type KindStats struct {
	Kind schedule.Kind
	Counts
}

// Stats are the figures the stats window and `limber stats` show.
type Stats struct {
	At    time.Time
	Goals Goals
	Today Day
	// Days are the last N days, oldest first; the last one is today.
	Days []Day
	// Kinds: every kind of break, smallest first, over Days.
	Kinds []KindStats
	// Totals over Days.
	Totals              Counts
	Sitting, AfterHours time.Duration
	Glasses, ActiveDays int
	// Streak is how many days in a row met the goals, ending today, or
	// yesterday while today has not met them yet. Days with nothing
	// recorded (weekends, holidays) neither count nor break it.
	Streak int
}

// Stats computes the figures for the days-day window ending with the day
// containing now, with days cut at goals.DayStart in loc.
func (s *Store) Stats(now time.Time, days int, loc *time.Location, goals Goals) (Stats, error) {
	if days < 1 || days > MaxDays {
		return Stats{}, fmt.Errorf("statistics: %d days is out of range (1 to %d)", days, MaxDays)
	}
	if loc == nil {
		loc = time.Local
	}
	if !s.readOnly {
		// include sitting time held back by FlushEvery
		if err := s.Flush(); err != nil {
			return Stats{}, err
		}
	}
	if goals.DayStart < 0 || goals.DayStart >= 24*time.Hour {
		goals.DayStart = 0
	}
	today := dayBegin(now, loc, goals.DayStart)
	bounds := dayBounds(today, -(days - 1), days, goals.DayStart)
	ds, err := s.aggregate(bounds, goals)
	if err != nil {
		return Stats{}, err
	}
	st := Stats{At: now, Goals: goals, Days: ds, Today: ds[len(ds)-1]}
	kinds, err := s.kindCounts(ms(bounds[0]), ms(bounds[len(bounds)-1]))
	if err != nil {
		return Stats{}, err
	}
	st.Kinds = kinds
	for _, d := range ds {
		st.Totals.plus(d.Breaks)
		st.Sitting += d.Sitting
		st.AfterHours += d.AfterHours
		st.Glasses += d.Glasses
		if d.Active {
			st.ActiveDays++
		}
	}
	st.Streak, err = s.streak(ds, today, goals)
	if err != nil {
		return Stats{}, err
	}
	return st, nil
}

// streak counts back from today through ds and, when every day in ds
// counts, through earlier chunks until a day fails or the history begins.
func (s *Store) streak(ds []Day, today time.Time, goals Goals) (int, error) {
	n := 0
	last := len(ds) - 1
	if ds[last].Met {
		n++
	}
	for i := last - 1; i >= 0; i-- {
		switch {
		case !ds[i].Active:
		case ds[i].Met:
			n++
		default:
			return n, nil
		}
	}
	// The days before the window are settled (only Prune changes them),
	// so a writer remembers what it found there for the next call.
	key := streakKey{before: ms(ds[0].Start), loc: today.Location().String(), goals: goals}
	if !s.readOnly {
		s.mu.Lock()
		c := s.streakMemo
		s.mu.Unlock()
		if c.ok && c.key == key {
			return n + c.count, nil
		}
	}
	older, err := s.streakBefore(today, len(ds), goals)
	if err != nil {
		return n, err
	}
	if !s.readOnly {
		s.mu.Lock()
		s.streakMemo = streakMemo{key: key, count: older, ok: true}
		s.mu.Unlock()
	}
	return n + older, nil
}

// streakKey says which question a streakMemo answers.
type streakKey struct {
	before int64 // the first day of the window (unix ms): the streak counts days before it
	loc    string
	goals  Goals
}

type streakMemo struct {
	key   streakKey
	count int
	ok    bool
}

// streakBefore counts the days meeting the goals in a row, going back from
// the day before the window of `days` days ending today.
func (s *Store) streakBefore(today time.Time, days int, goals Goals) (int, error) {
	first, ok, err := s.earliest()
	if err != nil || !ok {
		return 0, err
	}
	n := 0
	const chunk = 180
	end := -days + 1 // day offset (from today) of the first day already seen
	for {
		start := end - chunk
		bounds := dayBounds(today, start, chunk, goals.DayStart)
		if bounds[len(bounds)-1].UnixMilli() <= first {
			return n, nil
		}
		prev, err := s.aggregate(bounds, goals)
		if err != nil {
			return n, err
		}
		for i := len(prev) - 1; i >= 0; i-- {
			switch {
			case !prev[i].Active:
			case prev[i].Met:
				n++
			default:
				return n, nil
			}
		}
		end = start
	}
}

// earliest is the time of the oldest row (unix ms), from the indexed columns.
func (s *Store) earliest() (int64, bool, error) {
	var v sql.NullInt64
	err := s.db.QueryRow(`SELECT min(t) FROM (
		SELECT min(at) AS t FROM breaks UNION ALL
		SELECT min(end_at) FROM activity UNION ALL
		SELECT min(at) FROM glasses UNION ALL
		SELECT min(end_at) FROM pauses UNION ALL
		SELECT min(at) FROM limit_warnings)`).Scan(&v)
	if err != nil {
		return 0, false, fmt.Errorf("finding the start of the history: %w", err)
	}
	return v.Int64, v.Valid, nil
}

// dayBegin is the start of the day (cut at dayStart, in loc) containing t.
func dayBegin(t time.Time, loc *time.Location, dayStart time.Duration) time.Time {
	lt := t.In(loc)
	h, m := int(dayStart/time.Hour), int(dayStart%time.Hour/time.Minute)
	y, mo, d := lt.Date()
	b := time.Date(y, mo, d, h, m, 0, 0, loc)
	if b.After(lt) {
		b = time.Date(y, mo, d-1, h, m, 0, 0, loc)
	}
	return b
}

// dayBounds returns n+1 day starts: the day `from` days after today (negative
// for before) up to the end of the n-th day. Each is computed from the
// calendar date, so days across a DST change are 23 or 25 hours long.
func dayBounds(today time.Time, from, n int, dayStart time.Duration) []time.Time {
	y, mo, d := today.Date()
	h, m := int(dayStart/time.Hour), int(dayStart%time.Hour/time.Minute)
	out := make([]time.Time, n+1)
	for i := range out {
		out[i] = time.Date(y, mo, d+from+i, h, m, 0, 0, today.Location())
	}
	return out
}

// aggregate fills one Day per interval of bounds.
//
// The counting is done by SQLite, grouped by day, so a day costs a handful
// of result rows instead of one per event (which matters when the streak
// walks back through years). Days are grouped as (t - start) / length,
// which needs days of equal length: bounds are cut into runs of those
// (a DST change ends a run).
func (s *Store) aggregate(bounds []time.Time, goals Goals) ([]Day, error) {
	n := len(bounds) - 1
	ds := make([]Day, n)
	b := make([]int64, len(bounds))
	for i, t := range bounds {
		b[i] = ms(t)
	}
	for i := range ds {
		ds[i].Start = bounds[i]
		ds[i].Date = bounds[i].Format("2006-01-02")
	}
	for i0 := 0; i0 < n; {
		i1 := i0 + 1
		for i1 < n && b[i1+1]-b[i1] == b[i0+1]-b[i0] {
			i1++
		}
		if err := s.aggregateRun(ds[i0:i1], b[i0:i1+1]); err != nil {
			return nil, err
		}
		i0 = i1
	}
	for i := range ds {
		ds[i].Met = meets(ds[i], goals)
	}
	return ds, nil
}

// aggregateRun fills ds, days of equal length bounded by b (len(ds)+1).
func (s *Store) aggregateRun(ds []Day, b []int64) error {
	n := len(ds)
	from, to, length := b[0], b[n], b[1]-b[0]
	// day index of t within [from, to)
	idx := func(t int64) int { return int((t - from) / length) }
	// spread adds the part of [a, e) falling in each day of the run.
	spread := func(a, e int64, add func(*Day, time.Duration)) {
		a, e = max(a, from), min(e, to)
		for i := idx(a); i < n && a < e; i++ {
			end := min(e, b[i+1])
			add(&ds[i], time.Duration(end-a)*time.Millisecond)
			ds[i].Active = true
			a = end
		}
	}
	addSitting := func(d *Day, afterHours bool, v time.Duration) {
		if afterHours {
			d.AfterHours += v
		} else {
			d.Sitting += v
		}
	}
	// grouped runs q (whose first column is the day index) and hands each
	// row's other columns to fn.
	grouped := func(what, q string, args []any, dest []any, fn func(d *Day)) error {
		rows, err := s.db.Query(q, args...)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		var day int64
		full := append([]any{&day}, dest...)
		for rows.Next() {
			if err := rows.Scan(full...); err != nil {
				rows.Close()
				return fmt.Errorf("%s: %w", what, err)
			}
			if day < 0 || day >= int64(n) {
				continue
			}
			d := &ds[day]
			d.Active = true
			fn(d)
		}
		return closeRows(rows, what)
	}

	// sitting spans within one day, summed by SQLite
	var ah bool
	var sum int64
	sameDay := `(start_at - ?) / ? = (end_at - 1 - ?) / ?`
	err := grouped("reading sitting time",
		`SELECT (start_at - ?) / ?, after_hours, sum(end_at - start_at) FROM activity
		 WHERE end_at > ? AND end_at <= ? AND start_at >= ? AND end_at > start_at AND `+sameDay+`
		 GROUP BY 1, 2`,
		[]any{from, length, from, to, from, from, length, from, length},
		[]any{&ah, &sum}, func(d *Day) { addSitting(d, ah, time.Duration(sum)*time.Millisecond) })
	if err != nil {
		return err
	}
	// the few spans crossing a day boundary (or the run's ends), split here
	rows, err := s.db.Query(`SELECT start_at, end_at, after_hours FROM activity
		WHERE end_at > ? AND start_at < ? AND end_at > start_at
		  AND NOT (end_at <= ? AND start_at >= ? AND `+sameDay+`)`,
		from, to, to, from, from, length, from, length)
	if err != nil {
		return fmt.Errorf("reading sitting time: %w", err)
	}
	for rows.Next() {
		var a, e int64
		var ah bool
		if err := rows.Scan(&a, &e, &ah); err != nil {
			rows.Close()
			return fmt.Errorf("reading sitting time: %w", err)
		}
		spread(a, e, func(d *Day, v time.Duration) { addSitting(d, ah, v) })
	}
	if err := closeRows(rows, "reading sitting time"); err != nil {
		return err
	}

	rows, err = s.db.Query(`SELECT start_at, end_at FROM pauses WHERE end_at > ? AND start_at < ?`, from, to)
	if err != nil {
		return fmt.Errorf("reading pauses: %w", err)
	}
	for rows.Next() {
		var a, e int64
		if err := rows.Scan(&a, &e); err != nil {
			rows.Close()
			return fmt.Errorf("reading pauses: %w", err)
		}
		spread(a, e, func(d *Day, v time.Duration) { d.Paused += v })
	}
	if err := closeRows(rows, "reading pauses"); err != nil {
		return err
	}

	span := []any{from, length, from, to}
	var outcome string
	var cnt int
	if err := grouped("reading breaks",
		`SELECT (at - ?) / ?, outcome, count(*) FROM breaks WHERE at >= ? AND at < ? GROUP BY 1, 2`,
		span, []any{&outcome, &cnt}, func(d *Day) { d.Breaks.add(Outcome(outcome), cnt) }); err != nil {
		return err
	}
	if s.schema() >= 3 { // older files (a reader beside an old daemon) have no debt
		var debt, paid int64
		if err := grouped("reading break debt",
			`SELECT (at - ?) / ?, sum(debt_ms), sum(paid_ms), sum(spent) FROM breaks WHERE at >= ? AND at < ? GROUP BY 1`,
			span, []any{&debt, &paid, &cnt}, func(d *Day) {
				d.Debt += time.Duration(debt) * time.Millisecond
				d.Repaid += time.Duration(paid) * time.Millisecond
				d.SkipsSpent += cnt
			}); err != nil {
			return err
		}
	}
	if err := grouped("reading glasses",
		`SELECT (at - ?) / ?, count(*) FROM glasses WHERE at >= ? AND at < ? GROUP BY 1`,
		span, []any{&cnt}, func(d *Day) { d.Glasses += cnt }); err != nil {
		return err
	}
	return grouped("reading limit warnings",
		`SELECT (at - ?) / ?, count(*) FROM limit_warnings WHERE at >= ? AND at < ? GROUP BY 1`,
		span, []any{&cnt}, func(d *Day) { d.LimitWarnings += cnt })
}

// meets reports whether an active day met every goal that is set.
func meets(d Day, g Goals) bool {
	if !d.Active {
		return false
	}
	if g.DailyLimit > 0 && d.Sitting > g.DailyLimit {
		return false
	}
	if g.Glasses > 0 && d.Glasses < g.Glasses {
		return false
	}
	if g.BreakShare > 0 {
		if share, ok := d.Breaks.Share(); ok && share < g.BreakShare {
			return false
		}
	}
	return true
}

// kindCounts returns outcomes per kind in [from, to), every known kind
// first (even with no breaks), then any other kind found in the file.
func (s *Store) kindCounts(from, to int64) ([]KindStats, error) {
	rows, err := s.db.Query(`SELECT kind, outcome, count(*) FROM breaks WHERE at >= ? AND at < ? GROUP BY kind, outcome`, from, to)
	if err != nil {
		return nil, fmt.Errorf("reading breaks per kind: %w", err)
	}
	byKind := map[schedule.Kind]*Counts{}
	var extra []schedule.Kind
	for rows.Next() {
		var k, o string
		var n int
		if err := rows.Scan(&k, &o, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading breaks per kind: %w", err)
		}
		c := byKind[schedule.Kind(k)]
		if c == nil {
			c = &Counts{}
			byKind[schedule.Kind(k)] = c
			extra = append(extra, schedule.Kind(k))
		}
		c.add(Outcome(o), n)
	}
	if err := closeRows(rows, "reading breaks per kind"); err != nil {
		return nil, err
	}
	var out []KindStats
	known := map[schedule.Kind]bool{}
	for _, k := range schedule.AllKinds() {
		known[k] = true
		ks := KindStats{Kind: k}
		if c := byKind[k]; c != nil {
			ks.Counts = *c
		}
		out = append(out, ks)
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i] < extra[j] })
	for _, k := range extra {
		if !known[k] {
			out = append(out, KindStats{Kind: k, Counts: *byKind[k]})
		}
	}
	return out, nil
}

func closeRows(rows *sql.Rows, what string) error {
	err := rows.Err()
	rows.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// StatsArgs is the `stats` IPC request: the figures for the last Days days.
// The daemon checks it (Check) and answers with Stats from its own store and
// goals: store.Stats(time.Now(), a.Days, time.Local, goals).
type StatsArgs struct {
	Days int `json:"days"`
}

// MaxIPCDays caps a `stats` request, so the reply (~300 bytes a day) stays
// far below the IPC message limit. Longer windows read the file directly.
const MaxIPCDays = 366

// Check refuses a window the daemon should not compute.
func (a StatsArgs) Check() error {
	if a.Days < 1 || a.Days > MaxIPCDays {
		return fmt.Errorf("stats: days must be between 1 and %d, got %d", MaxIPCDays, a.Days)
	}
	return nil
}

// schema is the file's schema version (0 when it cannot be read).
func (s *Store) schema() int {
	var v int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return 0
	}
	return v
}

// TodayBudget returns the skips of the daily budget spent and the break
// debt left per kind in the day (cut at dayStart, in loc) containing now,
// for a daemon restarted during the day to put back into its core.
func (s *Store) TodayBudget(now time.Time, loc *time.Location, dayStart time.Duration) (int, map[schedule.Kind]time.Duration, error) {
	if s.schema() < 3 {
		return 0, nil, nil
	}
	if loc == nil {
		loc = time.Local
	}
	from := dayBegin(now, loc, dayStart)
	to := dayBounds(from, 0, 1, dayStart)[1]
	rows, err := s.db.Query(`SELECT kind, sum(spent), sum(debt_ms) - sum(paid_ms) FROM breaks WHERE at >= ? AND at < ? GROUP BY kind`, ms(from), ms(to))
	if err != nil {
		return 0, nil, fmt.Errorf("reading today's skips and break debt: %w", err)
	}
	skips, debt := 0, map[schedule.Kind]time.Duration{}
	for rows.Next() {
		var k string
		var n int
		var left int64
		if err := rows.Scan(&k, &n, &left); err != nil {
			rows.Close()
			return 0, nil, fmt.Errorf("reading today's skips and break debt: %w", err)
		}
		skips += n
		if left > 0 {
			debt[schedule.Kind(k)] = time.Duration(left) * time.Millisecond
		}
	}
	return skips, debt, closeRows(rows, "reading today's skips and break debt")
}
