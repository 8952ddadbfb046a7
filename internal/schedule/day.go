package schedule

import "time"

// DayBegin returns the start of the Limber day containing t: the most
// recent local time-of-day dayStart (in t's location) at or before t. With
// dayStart 4h, 01:30 on Tuesday still belongs to Monday's day.
func DayBegin(t time.Time, dayStart time.Duration) time.Time {
	y, m, d := t.Add(-dayStart).Date()
	b := clockOn(y, m, d, dayStart, t.Location())
	if b.After(t) { // a DST shift can move the boundary past t
		b = clockOn(y, m, d-1, dayStart, t.Location())
	}
	return b
}

// PauseUntilTomorrow returns when the next Limber day begins after at: the
// next local time-of-day dayStart. The daemon uses it for "pause for today".
func PauseUntilTomorrow(at time.Time, dayStart time.Duration) time.Time {
	y, m, d := DayBegin(at, dayStart).Date()
	n := clockOn(y, m, d+1, dayStart, at.Location())
	if !n.After(at) {
		n = clockOn(y, m, d+2, dayStart, at.Location())
	}
	return n
}

// clockOn is the instant of local time-of-day tod on the given date;
// time.Date normalises day overflow and resolves DST gaps.
func clockOn(y int, m time.Month, d int, tod time.Duration, loc *time.Location) time.Time {
	h := int(tod / time.Hour)
	mi := int(tod % time.Hour / time.Minute)
	s := int(tod % time.Minute / time.Second)
	return time.Date(y, m, d, h, mi, s, 0, loc)
}
