package i18n

import (
	"time"

	"fyne.io/fyne/v2/lang"
)

// Go's time.Format writes English day and month names, so the dates the
// user reads are put together here from the catalogue: each language
// orders the day, month and weekday its own way ("Mon 2 Mar",
// "Mo., 2. März", "lun. 2 mars", "lun, 2 mar").

// ShortDate is a date in a table: weekday, day and month, abbreviated.
func ShortDate(t time.Time) string {
	return lang.X("date.short", "{{.Weekday}} {{.Day}} {{.Month}}",
		map[string]any{"Weekday": WeekdayShort(t.Weekday()), "Day": t.Day(), "Month": monthShort(t.Month())})
}

// LongDate is a date in a heading: weekday, day and month in full.
func LongDate(t time.Time) string {
	return lang.X("date.long", "{{.Weekday}} {{.Day}} {{.Month}}",
		map[string]any{"Weekday": weekdayLong(t.Weekday()), "Day": t.Day(), "Month": monthLong(t.Month())})
}

// WeekdayTime is a time within the coming week, as a pause's end reads:
// the weekday's abbreviation and the clock ("Mon 14:30", "Mo 14:30").
func WeekdayTime(t time.Time) string {
	return lang.X("date.weekday_time", "{{.Weekday}} {{.Time}}",
		map[string]any{"Weekday": WeekdayShort(t.Weekday()), "Time": t.Format("15:04")})
}

// WeekdayShort is the weekday's abbreviation, as a chart labels its bars.
func WeekdayShort(d time.Weekday) string {
	switch d {
	case time.Monday:
		return lang.X("date.wd.mon", "Mon")
	case time.Tuesday:
		return lang.X("date.wd.tue", "Tue")
	case time.Wednesday:
		return lang.X("date.wd.wed", "Wed")
	case time.Thursday:
		return lang.X("date.wd.thu", "Thu")
	case time.Friday:
		return lang.X("date.wd.fri", "Fri")
	case time.Saturday:
		return lang.X("date.wd.sat", "Sat")
	}
	return lang.X("date.wd.sun", "Sun")
}

func weekdayLong(d time.Weekday) string {
	switch d {
	case time.Monday:
		return lang.X("date.weekday.monday", "Monday")
	case time.Tuesday:
		return lang.X("date.weekday.tuesday", "Tuesday")
	case time.Wednesday:
		return lang.X("date.weekday.wednesday", "Wednesday")
	case time.Thursday:
		return lang.X("date.weekday.thursday", "Thursday")
	case time.Friday:
		return lang.X("date.weekday.friday", "Friday")
	case time.Saturday:
		return lang.X("date.weekday.saturday", "Saturday")
	}
	return lang.X("date.weekday.sunday", "Sunday")
}

func monthShort(m time.Month) string {
	switch m {
	case time.January:
		return lang.X("date.mon.jan", "Jan")
	case time.February:
		return lang.X("date.mon.feb", "Feb")
	case time.March:
		return lang.X("date.mon.mar", "Mar")
	case time.April:
		return lang.X("date.mon.apr", "Apr")
	case time.May:
		return lang.X("date.mon.may", "May")
	case time.June:
		return lang.X("date.mon.jun", "Jun")
	case time.July:
		return lang.X("date.mon.jul", "Jul")
	case time.August:
		return lang.X("date.mon.aug", "Aug")
	case time.September:
		return lang.X("date.mon.sep", "Sep")
	case time.October:
		return lang.X("date.mon.oct", "Oct")
	case time.November:
		return lang.X("date.mon.nov", "Nov")
	}
	return lang.X("date.mon.dec", "Dec")
}

func monthLong(m time.Month) string {
	switch m {
	case time.January:
		return lang.X("date.month.january", "January")
	case time.February:
		return lang.X("date.month.february", "February")
	case time.March:
		return lang.X("date.month.march", "March")
	case time.April:
		return lang.X("date.month.april", "April")
	case time.May:
		return lang.X("date.month.may", "May")
	case time.June:
		return lang.X("date.month.june", "June")
	case time.July:
		return lang.X("date.month.july", "July")
	case time.August:
		return lang.X("date.month.august", "August")
	case time.September:
		return lang.X("date.month.september", "September")
	case time.October:
		return lang.X("date.month.october", "October")
	case time.November:
		return lang.X("date.month.november", "November")
	}
	return lang.X("date.month.december", "December")
}
