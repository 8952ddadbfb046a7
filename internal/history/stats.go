package history

import (
	"fmt"
	"github.com/limber-app/limber/internal/i18n"
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

// Words are c's counts for a sentence, each with its word in the plural
// form its number takes ("1 terminée", "2 terminées": one sentence of
// numbers could not agree with each of them). `limber stats` and the
// Statistics window both read them, so both say it alike.
func (c Counts) Words() map[string]any {
	n := func(v int) map[string]any { return map[string]any{"N": v} }
	return map[string]any{
		"Done":    i18n.XN("stats.count.done", "{{.N}} done", c.Done, n(c.Done)),
		"Natural": i18n.XN("stats.count.natural", "{{.N}} natural", c.Natural, n(c.Natural)),
		"Short":   i18n.XN("stats.count.short", "{{.N}} too short", c.Short, n(c.Short)),
		"Skipped": i18n.XN("stats.count.skipped", "{{.N}} skipped", c.Skipped, n(c.Skipped)),
		"Snoozed": i18n.XN("stats.count.snoozed", "{{.N}} snoozed", c.Snoozed, n(c.Snoozed)),
		"Closed":  i18n.XN("stats.count.closed", "{{.N}} closed early", c.ClosedEarly, n(c.ClosedEarly)),
	}
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
//
// It reads the file once, line by line, adding each event to its day: the
// memory it takes is a few hundred bytes a day of history (for the
// streak, which may reach back to the first day), never the events.
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
	from, to := ms(bounds[0]), ms(bounds[len(bounds)-1])
	dm := newDayMap(today, goals.DayStart)
	kinds := map[string]*Counts{}
	if err := s.read(func(r *record) {
		dm.add(r)
		if r.T == TypeBreak && r.At >= from && r.At < to {
			c := kinds[r.Kind]
			if c == nil {
				c = &Counts{}
				kinds[r.Kind] = c
			}
			c.add(Outcome(r.Outcome), 1)
		}
	}); err != nil {
		return Stats{}, fmt.Errorf("statistics: %w", err)
	}
	ds := make([]Day, days)
	for i := range ds {
		ds[i] = dm.day(i-(days-1), bounds[i])
		ds[i].Met = meets(ds[i], goals)
	}
	st := Stats{At: now, Goals: goals, Days: ds, Today: ds[len(ds)-1], Kinds: kindList(kinds)}
	for _, d := range ds {
		st.Totals.plus(d.Breaks)
		st.Sitting += d.Sitting
		st.AfterHours += d.AfterHours
		st.Glasses += d.Glasses
		if d.Active {
			st.ActiveDays++
		}
	}
	st.Streak = streak(ds, dm, goals)
	return st, nil
}

// streak counts back from today through ds and on through the days before
// the window until a day fails or the history begins.
func streak(ds []Day, dm *dayMap, goals Goals) int {
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
			return n
		}
	}
	for off := -len(ds); off >= dm.first; off-- {
		d, ok := dm.days[off]
		switch {
		case !ok || !d.Active:
		case meets(*d, goals):
			n++
		default:
			return n
		}
	}
	return n
}

// dayMap adds events to days numbered from today (0, -1 for yesterday...).
type dayMap struct {
	today    time.Time
	dayStart time.Duration
	todayNum int64 // today's civil day number
	days     map[int]*Day
	first    int // the earliest day with anything
	// the day of the last event added, as most come in order
	curFrom, curTo int64
	cur            int
}

func newDayMap(today time.Time, dayStart time.Duration) *dayMap {
	return &dayMap{today: today, dayStart: dayStart, todayNum: civil(today), days: map[int]*Day{}, curFrom: 1, curTo: 0}
}

// civil numbers a date's calendar day, whatever its length.
func civil(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// at finds the day containing t (unix ms): its number and bounds.
func (dm *dayMap) at(t int64) (int, int64, int64) {
	if t >= dm.curFrom && t < dm.curTo {
		return dm.cur, dm.curFrom, dm.curTo
	}
	b := dayBegin(fromMS(t), dm.today.Location(), dm.dayStart)
	dm.cur = int(civil(b) - dm.todayNum)
	dm.curFrom = ms(b)
	dm.curTo = ms(dayBounds(b, 1, 0, dm.dayStart)[0])
	return dm.cur, dm.curFrom, dm.curTo
}

func (dm *dayMap) get(i int) *Day {
	d := dm.days[i]
	if d == nil {
		d = &Day{}
		dm.days[i] = d
		dm.first = min(dm.first, i)
	}
	d.Active = true
	return d
}

// spread adds the part of [a, e) falling in each day.
func (dm *dayMap) spread(a, e int64, add func(*Day, time.Duration)) {
	for a < e {
		i, _, to := dm.at(a)
		end := min(e, to)
		add(dm.get(i), time.Duration(end-a)*time.Millisecond)
		a = end
	}
}

func (dm *dayMap) add(r *record) {
	switch r.T {
	case TypeSitting:
		dm.spread(r.At, r.End, func(d *Day, v time.Duration) {
			if r.AH {
				d.AfterHours += v
			} else {
				d.Sitting += v
			}
		})
	case TypePause:
		dm.spread(r.At, r.End, func(d *Day, v time.Duration) { d.Paused += v })
	case TypeBreak:
		i, _, _ := dm.at(r.At)
		d := dm.get(i)
		d.Breaks.add(Outcome(r.Outcome), 1)
		d.Debt += time.Duration(r.Debt) * time.Millisecond
		d.Repaid += time.Duration(r.Paid) * time.Millisecond
		if r.Spent {
			d.SkipsSpent++
		}
	case TypeGlass:
		i, _, _ := dm.at(r.At)
		dm.get(i).Glasses++
	case TypeLimitWarning:
		i, _, _ := dm.at(r.At)
		dm.get(i).LimitWarnings++
	}
}

// day is day number i (from today), which starts at start.
func (dm *dayMap) day(i int, start time.Time) Day {
	var d Day
	if p := dm.days[i]; p != nil {
		d = *p
	}
	d.Start = start
	d.Date = start.Format("2006-01-02")
	return d
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

// kindList returns outcomes per kind, every known kind first (even with no
// breaks), then any other kind found in the file.
func kindList(byKind map[string]*Counts) []KindStats {
	var out []KindStats
	known := map[schedule.Kind]bool{}
	for _, k := range schedule.AllKinds() {
		known[k] = true
		ks := KindStats{Kind: k}
		if c := byKind[string(k)]; c != nil {
			ks.Counts = *c
		}
		out = append(out, ks)
	}
	var extra []string
	for k := range byKind {
		if !known[schedule.Kind(k)] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		out = append(out, KindStats{Kind: schedule.Kind(k), Counts: *byKind[k]})
	}
	return out
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

// TodayBudget returns the skips of the daily budget spent and the break
// debt left per kind in the day (cut at dayStart, in loc) containing now,
// for a daemon restarted during the day to put back into its core.
func (s *Store) TodayBudget(now time.Time, loc *time.Location, dayStart time.Duration) (int, map[schedule.Kind]time.Duration, error) {
	if loc == nil {
		loc = time.Local
	}
	b := dayBegin(now, loc, dayStart)
	from, to := ms(b), ms(dayBounds(b, 1, 0, dayStart)[0])
	skips, left := 0, map[schedule.Kind]time.Duration{}
	if err := s.read(func(r *record) {
		if r.T != TypeBreak || r.At < from || r.At >= to {
			return
		}
		if r.Spent {
			skips++
		}
		left[schedule.Kind(r.Kind)] += time.Duration(r.Debt-r.Paid) * time.Millisecond
	}, TypeBreak); err != nil {
		return 0, nil, fmt.Errorf("reading today's skips and break debt: %w", err)
	}
	debt := map[schedule.Kind]time.Duration{}
	for k, v := range left {
		if v > 0 {
			debt[k] = v
		}
	}
	return skips, debt, nil
}
