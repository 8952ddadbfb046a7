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
}

// Taken is the breaks taken: done, or natural.
func (c Counts) Taken() int { return c.Done + c.Natural }

// Decided is the breaks that came to an end one way or another. A snooze
// is not an end: the break comes back.
func (c Counts) Decided() int { return c.Done + c.Natural + c.Skipped + c.ClosedEarly }

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
	}
}

func (c *Counts) plus(o Counts) {
	c.Done += o.Done
	c.Natural += o.Natural
	c.Skipped += o.Skipped
	c.Snoozed += o.Snoozed
	c.ClosedEarly += o.ClosedEarly
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
	first, ok, err := s.earliest()
	if err != nil || !ok {
		return n, err
	}
	const chunk = 90
	end := -len(ds) + 1 // day offset (from today) of the first day already seen
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
	from, to := b[0], b[n]
	// index of the day containing t (t within [from, to))
	idx := func(t int64) int { return sort.Search(n, func(i int) bool { return b[i+1] > t }) }
	// spread adds the part of [a, e) falling in each day.
	spread := func(a, e int64, add func(*Day, time.Duration)) {
		a, e = max(a, from), min(e, to)
		for i := idx(a); i < n && a < e; i++ {
			end := min(e, b[i+1])
			add(&ds[i], time.Duration(end-a)*time.Millisecond)
			ds[i].Active = true
			a = end
		}
	}

	rows, err := s.db.Query(`SELECT start_at, end_at, after_hours FROM activity WHERE end_at > ? AND start_at < ?`, from, to)
	if err != nil {
		return nil, fmt.Errorf("reading sitting time: %w", err)
	}
	for rows.Next() {
		var a, e int64
		var ah bool
		if err := rows.Scan(&a, &e, &ah); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading sitting time: %w", err)
		}
		if ah {
			spread(a, e, func(d *Day, v time.Duration) { d.AfterHours += v })
		} else {
			spread(a, e, func(d *Day, v time.Duration) { d.Sitting += v })
		}
	}
	if err := closeRows(rows, "reading sitting time"); err != nil {
		return nil, err
	}

	rows, err = s.db.Query(`SELECT start_at, end_at FROM pauses WHERE end_at > ? AND start_at < ?`, from, to)
	if err != nil {
		return nil, fmt.Errorf("reading pauses: %w", err)
	}
	for rows.Next() {
		var a, e int64
		if err := rows.Scan(&a, &e); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading pauses: %w", err)
		}
		spread(a, e, func(d *Day, v time.Duration) { d.Paused += v })
	}
	if err := closeRows(rows, "reading pauses"); err != nil {
		return nil, err
	}

	rows, err = s.db.Query(`SELECT at, outcome FROM breaks WHERE at >= ? AND at < ?`, from, to)
	if err != nil {
		return nil, fmt.Errorf("reading breaks: %w", err)
	}
	for rows.Next() {
		var at int64
		var o string
		if err := rows.Scan(&at, &o); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading breaks: %w", err)
		}
		d := &ds[idx(at)]
		d.Breaks.add(Outcome(o), 1)
		d.Active = true
	}
	if err := closeRows(rows, "reading breaks"); err != nil {
		return nil, err
	}

	for _, q := range []struct {
		sql, what string
		add       func(*Day)
	}{
		{`SELECT at FROM glasses WHERE at >= ? AND at < ?`, "reading glasses", func(d *Day) { d.Glasses++ }},
		{`SELECT at FROM limit_warnings WHERE at >= ? AND at < ?`, "reading limit warnings", func(d *Day) { d.LimitWarnings++ }},
	} {
		rows, err := s.db.Query(q.sql, from, to)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", q.what, err)
		}
		for rows.Next() {
			var at int64
			if err := rows.Scan(&at); err != nil {
				rows.Close()
				return nil, fmt.Errorf("%s: %w", q.what, err)
			}
			d := &ds[idx(at)]
			q.add(d)
			d.Active = true
		}
		if err := closeRows(rows, q.what); err != nil {
			return nil, err
		}
	}
	for i := range ds {
		ds[i].Met = meets(ds[i], goals)
	}
	return ds, nil
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
// The daemon answers with Stats from its own store and goals:
// store.Stats(time.Now(), a.Days, time.Local, goals).
type StatsArgs struct {
	Days int `json:"days"`
}
