package i18n

import "time"

// Go's time.Format writes English day and month names, so the dates the
// user reads are put together here from the catalogue: each language
// orders the day, month and weekday its own way ("Mon 2 Mar",
// "Mo., 2. März", "lun. 2 mars", "lun, 2 mar").

// ShortDate is a date in a table: weekday, day and month, abbreviated.
func ShortDate(t time.Time) string {
	return X("date.short", "{{.Weekday}} {{.Day}} {{.Month}}",
		map[string]any{"Weekday": WeekdayShort(t.Weekday()), "Day": t.Day(), "Month": monthShort(t.Month())})
}

// LongDate is a date in a heading: weekday, day and month in full.
func LongDate(t time.Time) string {
	return X("date.long", "{{.Weekday}} {{.Day}} {{.Month}}",
		map[string]any{"Weekday": weekdayLong(t.Weekday()), "Day": t.Day(), "Month": monthLong(t.Month())})
}

// WeekdayTime is a time within the coming week, as a pause's end reads:
// the weekday's abbreviation and the clock ("Mon 14:30", "Mo 14:30").
func WeekdayTime(t time.Time) string {
	return X("date.weekday_time", "{{.Weekday}} {{.Time}}",
		map[string]any{"Weekday": WeekdayShort(t.Weekday()), "Time": t.Format("15:04")})
}

// WeekdayShort is the weekday's abbreviation, as a chart labels its bars.
func WeekdayShort(d time.Weekday) string {
	switch d {
	case time.Monday:
		return X("date.wd.mon", "Mon")
	case time.Tuesday:
		return X("date.wd.tue", "Tue")
	case time.Wednesday:
		return X("date.wd.wed", "Wed")
	case time.Thursday:
		return X("date.wd.thu", "Thu")
	case time.Friday:
		return X("date.wd.fri", "Fri")
	case time.Saturday:
		return X("date.wd.sat", "Sat")
	}
	return X("date.wd.sun", "Sun")
}

func weekdayLong(d time.Weekday) string {
	switch d {
	case time.Monday:
		return X("date.weekday.monday", "Monday")
	case time.Tuesday:
		return X("date.weekday.tuesday", "Tuesday")
	case time.Wednesday:
		return X("date.weekday.wednesday", "Wednesday")
	case time.Thursday:
		return X("date.weekday.thursday", "Thursday")
	case time.Friday:
		return X("date.weekday.friday", "Friday")
	case time.Saturday:
		return X("date.weekday.saturday", "Saturday")
	}
	return X("date.weekday.sunday", "Sunday")
}

func monthShort(m time.Month) string {
	switch m {
	case time.January:
		return X("date.mon.jan", "Jan")
	case time.February:
		return X("date.mon.feb", "Feb")
	case time.March:
		return X("date.mon.mar", "Mar")
	case time.April:
		return X("date.mon.apr", "Apr")
	case time.May:
		return X("date.mon.may", "May")
	case time.June:
		return X("date.mon.jun", "Jun")
	case time.July:
		return X("date.mon.jul", "Jul")
	case time.August:
		return X("date.mon.aug", "Aug")
	case time.September:
		return X("date.mon.sep", "Sep")
	case time.October:
		return X("date.mon.oct", "Oct")
	case time.November:
		return X("date.mon.nov", "Nov")
	}
	return X("date.mon.dec", "Dec")
}

func monthLong(m time.Month) string {
	switch m {
	case time.January:
		return X("date.month.january", "January")
	case time.February:
		return X("date.month.february", "February")
	case time.March:
		return X("date.month.march", "March")
	case time.April:
		return X("date.month.april", "April")
	case time.May:
		return X("date.month.may", "May")
	case time.June:
		return X("date.month.june", "June")
	case time.July:
		return X("date.month.july", "July")
	case time.August:
		return X("date.month.august", "August")
	case time.September:
		return X("date.month.september", "September")
	case time.October:
		return X("date.month.october", "October")
	case time.November:
		return X("date.month.november", "November")
	}
	return X("date.month.december", "December")
}
