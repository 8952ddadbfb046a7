// Package calendar turns the user's iCalendar (.ics) files into busy
// intervals for a window of time: the meetings that hold a break
// (schedule.SetBusy). It is pure: Read takes bytes and a window and reads
// no clock; Files (files.go) adds the stat-polled files and folders.
//
// Recurrence is github.com/teambition/rrule-go (a port of
// python-dateutil's RFC 5545 rules). The content lines (unfolding,
// parameters, TEXT escapes, BEGIN/END nesting) are read by hand in
// parse.go, some 250 lines. It was github.com/arran4/golang-ical, which
// imports net/http (for a ParseCalendarFromUrl never called here) and so
// linked the default HTTP client, TLS and elliptic-curve code into the
// daemon: 1.2 MB of binary and about 1 MiB of idle memory (issue 10; a
// cmd/limber test keeps net/http out). github.com/apognu/gocal, which
// does not import net/http, cannot replace it faithfully: it drops
// TRANSP, RDATE and VTIMEZONE (so X-LIC-LOCATION), reads one EXDATE
// value per line, maps zones through a package-level TZMapper, insists
// on UID and DTSTAMP, stops silently at a line over 64 KiB (bufio.Scanner)
// and keeps each event's description, location and attendees in memory.
// Written here by hand too, because neither library does it: turning
// properties into instants (DTSTART/DTEND/DURATION
// with TZID, UTC or floating local time; all-day dates), expanding RRULE
// and RDATE less EXDATE, applying RECURRENCE-ID overrides by UID, and
// dropping what is not busy (all-day events, TRANSP:TRANSPARENT,
// STATUS:CANCELLED, zero-length events). A TZID that is no IANA name
// (Outlook writes Windows names) is looked up in a short table of the
// common ones, then in the file's VTIMEZONE X-LIC-LOCATION; failing both the
// time is read as local time and the file's problem says so.
//
// Only the SUMMARY of an event is kept: the description, attendees and
// location may be private and are never read into memory past parsing.
//
// Evolution Data Server is not read. Its calendars live behind the
// org.gnome.evolution.dataserver.Calendar D-Bus interfaces, whose
// versions change between EDS releases (the interface names carry a
// number, Calendar8 today), and getting events needs a factory call that
// opens a backend and then a view with a query in EDS's own s-expression
// language, each bringing its own ICS strings back anyway. Worse, no test
// machine or CI here runs EDS, so that code could not be tested. The
// files EDS keeps for local calendars
// (~/.local/share/evolution/calendar/*/calendar.ics) are plain .ics: point
// [calendar] files at that folder to use them.
package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// Event is one busy interval: an occurrence of a meeting.
type Event struct {
	Start, End time.Time
	// Summary is the event's title (SUMMARY).
	Summary string
}

// maxOccurrences caps how many occurrences of one recurring event are
// looked at (from its first one on): a daily event since 1990 is about
// 13 000, while a rule repeating every second would never end.
const maxOccurrences = 100_000

// Read parses one iCalendar stream and returns its busy events that
// overlap [from, to), sorted by start. Times are in their own zones;
// floating times (no zone) are read in local. A problem with one event
// (a date that does not parse, an unknown zone) skips that event or reads
// it in local time, and is reported in the error next to the events that
// were read; a stream that is no calendar at all returns no events.
func Read(r io.Reader, from, to time.Time, local *time.Location) (ev []Event, err error) {
	defer func() {
		// A library's bug on odd input must not stop the daemon: the
		// file is then reported as unreadable.
		if p := recover(); p != nil {
			ev, err = nil, fmt.Errorf("not a calendar the parser can read (%v)", p)
		}
	}()
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if !bytes.Contains(data, []byte("BEGIN:VCALENDAR")) {
		return nil, errors.New("not an iCalendar file (no BEGIN:VCALENDAR)")
	}
	comps, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("not a calendar the parser can read: %w", err)
	}
	rd := reader{from: from, to: to, local: local, zones: map[string]*time.Location{}}
	var events []*component
	for _, c := range comps {
		switch c.name {
		case "VTIMEZONE":
			rd.vtimezone(c)
		case "VEVENT":
			events = append(events, c)
		}
	}
	rd.events(events)
	slices.SortFunc(rd.out, func(a, b Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return a.End.Compare(b.End)
	})
	return rd.out, errors.Join(rd.probs...)
}

type reader struct {
	from, to time.Time
	local    *time.Location
	zones    map[string]*time.Location // TZID -> zone, from VTIMEZONE X-LIC-LOCATION
	out      []Event
	probs    []error
}

func (rd *reader) problem(uid, format string, args ...any) {
	if len(rd.probs) >= 5 {
		return // the first few say enough
	}
	msg := fmt.Sprintf(format, args...)
	if uid != "" {
		msg = fmt.Sprintf("event %s: %s", uid, msg)
	}
	rd.probs = append(rd.probs, errors.New(msg))
}

// vtimezone notes a VTIMEZONE's IANA name (X-LIC-LOCATION, written by
// Evolution and Thunderbird) for its TZID.
func (rd *reader) vtimezone(tz *component) {
	id := tz.get("TZID")
	loc := tz.get("X-LIC-LOCATION")
	if id == nil || loc == nil {
		return
	}
	if l, err := time.LoadLocation(strings.TrimSpace(loc.value)); err == nil {
		rd.zones[strings.TrimSpace(id.value)] = l
	}
}

// instant is one DTSTART-like value.
type instant struct {
	t      time.Time
	allDay bool
}

// zone is the location a TZID names (local for none).
func (rd *reader) zone(uid string, p *property) *time.Location {
	id, ok := p.param("TZID")
	if !ok {
		return rd.local
	}
	id = strings.Trim(id, `"`)
	if l, ok := rd.zones[id]; ok {
		return l
	}
	if l, err := time.LoadLocation(id); err == nil && id != "" && id != "Local" {
		return l
	}
	if name, ok := windowsZones[id]; ok {
		if l, err := time.LoadLocation(name); err == nil {
			return l
		}
	}
	rd.problem(uid, "unknown time zone %q, read as local time", id)
	rd.zones[id] = rd.local // say it once
	return rd.local
}

// parseTimes reads a date or date-time list property value in loc.
func parseTimes(value string, loc *time.Location) ([]instant, error) {
	var out []instant
	for _, v := range strings.Split(value, ",") {
		v = strings.TrimSpace(v)
		if i := strings.IndexByte(v, '/'); i >= 0 {
			v = v[:i] // an RDATE period: its start
		}
		var in instant
		var err error
		switch {
		case len(v) == 8:
			in.allDay = true
			in.t, err = time.ParseInLocation("20060102", v, loc)
		case strings.HasSuffix(v, "Z"):
			in.t, err = time.Parse("20060102T150405Z", v)
		default:
			in.t, err = time.ParseInLocation("20060102T150405", v, loc)
		}
		if err != nil {
			return nil, fmt.Errorf("date %q does not parse", v)
		}
		out = append(out, in)
	}
	return out, nil
}

func (rd *reader) times(uid string, p *property) ([]instant, error) {
	return parseTimes(p.value, rd.zone(uid, p))
}

// parseDuration reads an RFC 5545 duration ("PT1H30M", "P1D", "-PT5M", "P1W").
func parseDuration(v string) (time.Duration, error) {
	s := strings.TrimSpace(v)
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, fmt.Errorf("duration %q does not parse", v)
	}
	s = s[1:]
	var d time.Duration
	inTime := false
	num := ""
	units := map[bool]map[byte]time.Duration{
		false: {'W': 7 * 24 * time.Hour, 'D': 24 * time.Hour},
		true:  {'H': time.Hour, 'M': time.Minute, 'S': time.Second},
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 'T' && !inTime && num == "":
			inTime = true
		case c >= '0' && c <= '9':
			num += string(c)
		default:
			u, ok := units[inTime][c]
			n, err := strconv.Atoi(num)
			if !ok || err != nil || n > 1_000_000 {
				return 0, fmt.Errorf("duration %q does not parse", v)
			}
			d += time.Duration(n) * u
			num = ""
		}
	}
	if num != "" {
		return 0, fmt.Errorf("duration %q does not parse", v)
	}
	if neg {
		d = -d
	}
	return d, nil
}

// master is one VEVENT as needed to expand it.
type master struct {
	uid     string
	summary string
	start   instant
	length  time.Duration
	busy    bool // not cancelled, not transparent, not all-day
	rule    *property
	rdates  []time.Time
	exdates []time.Time
	recurID time.Time // RECURRENCE-ID (zero when none)
}

func prop(e *component, name string) *property { return e.get(name) }

func value(e *component, name string) string {
	if v := e.get(name); v != nil {
		return strings.TrimSpace(v.value)
	}
	return ""
}

// read turns a VEVENT into a master, or reports why it cannot be used.
func (rd *reader) read(e *component) (master, bool) {
	m := master{uid: value(e, "UID"), summary: value(e, "SUMMARY")}
	ds := prop(e, "DTSTART")
	if ds == nil {
		rd.problem(m.uid, "no DTSTART")
		return m, false
	}
	st, err := rd.times(m.uid, ds)
	if err != nil || len(st) != 1 {
		rd.problem(m.uid, "DTSTART: %v", err)
		return m, false
	}
	m.start = st[0]
	switch {
	case prop(e, "DTEND") != nil:
		en, err := rd.times(m.uid, prop(e, "DTEND"))
		if err != nil || len(en) != 1 {
			rd.problem(m.uid, "DTEND: %v", err)
			return m, false
		}
		m.length = en[0].t.Sub(m.start.t)
	case value(e, "DURATION") != "":
		d, err := parseDuration(value(e, "DURATION"))
		if err != nil {
			rd.problem(m.uid, "DURATION: %v", err)
			return m, false
		}
		m.length = d
	case m.start.allDay:
		m.length = 24 * time.Hour
	}
	m.busy = !m.start.allDay && m.length > 0 &&
		!strings.EqualFold(value(e, "TRANSP"), "TRANSPARENT") &&
		!strings.EqualFold(value(e, "STATUS"), "CANCELLED")
	if r := prop(e, "RECURRENCE-ID"); r != nil {
		t, err := rd.times(m.uid, r)
		if err != nil || len(t) != 1 {
			rd.problem(m.uid, "RECURRENCE-ID: %v", err)
			return m, false
		}
		m.recurID = t[0].t
	}
	m.rule = prop(e, "RRULE")
	for _, p := range e.all("RDATE") {
		if t, err := rd.times(m.uid, p); err == nil {
			for _, in := range t {
				m.rdates = append(m.rdates, in.t)
			}
		} else {
			rd.problem(m.uid, "RDATE: %v", err)
		}
	}
	for _, p := range e.all("EXDATE") {
		if t, err := rd.times(m.uid, p); err == nil {
			for _, in := range t {
				m.exdates = append(m.exdates, in.t)
			}
		} else {
			rd.problem(m.uid, "EXDATE: %v", err)
		}
	}
	return m, true
}

// events expands every VEVENT into the window, overrides applied.
func (rd *reader) events(vs []*component) {
	var masters []master
	overrides := map[string][]master{} // by UID
	for _, e := range vs {
		m, ok := rd.read(e)
		if !ok {
			continue
		}
		if !m.recurID.IsZero() {
			overrides[m.uid] = append(overrides[m.uid], m)
			continue
		}
		masters = append(masters, m)
	}
	for _, m := range masters {
		ov := overrides[m.uid]
		delete(overrides, m.uid)
		if m.start.allDay {
			continue // all-day events never hold a break, nor do their overrides
		}
		for _, at := range rd.occurrences(m) {
			if slices.ContainsFunc(ov, func(o master) bool { return o.recurID.Equal(at) }) {
				continue // moved, changed or cancelled by an override
			}
			if m.busy {
				rd.add(at, m.length, m.summary)
			}
		}
		for _, o := range ov {
			if o.busy && !o.start.allDay {
				rd.add(o.start.t, o.length, o.summary)
			}
		}
	}
	for _, ovs := range overrides { // an override whose series is not in the file
		for _, o := range ovs {
			if o.busy && !o.start.allDay {
				rd.add(o.start.t, o.length, o.summary)
			}
		}
	}
}

// add keeps an occurrence that overlaps the window.
func (rd *reader) add(start time.Time, length time.Duration, summary string) {
	end := start.Add(length)
	if end.After(rd.from) && start.Before(rd.to) {
		rd.out = append(rd.out, Event{Start: start, End: end, Summary: summary})
	}
}

// occurrences lists the starts of m's occurrences that may overlap the
// window (the first one, the rule's and the RDATEs, less the EXDATEs).
func (rd *reader) occurrences(m master) []time.Time {
	var out []time.Time
	if m.rule == nil {
		out = append(out, m.start.t)
	} else if opt, err := rrule.StrToROptionInLocation(m.rule.value, m.start.t.Location()); err != nil {
		rd.problem(m.uid, "RRULE %q: %v", m.rule.value, err)
		out = append(out, m.start.t)
	} else if opt.Freq == rrule.HOURLY || opt.Freq == rrule.MINUTELY || opt.Freq == rrule.SECONDLY {
		// No meeting repeats within a day, and a rule that never matches
		// would be walked second by second up to the year 9999.
		rd.problem(m.uid, "RRULE %q repeats more often than daily; only the first occurrence is read", m.rule.value)
		out = append(out, m.start.t)
	} else {
		opt.Dtstart = m.start.t
		r, err := rrule.NewRRule(*opt)
		if err != nil {
			rd.problem(m.uid, "RRULE %q: %v", m.rule.value, err)
			out = append(out, m.start.t)
		} else {
			next := r.Iterator()
			after := rd.from.Add(-m.length)
			for n := 0; ; n++ {
				t, ok := next()
				if !ok || !t.Before(rd.to) {
					break
				}
				if n == maxOccurrences {
					rd.problem(m.uid, "RRULE %q repeats too often; later occurrences are left out", m.rule.value)
					break
				}
				if t.After(after) {
					out = append(out, t)
				}
			}
		}
	}
	out = append(out, m.rdates...)
	out = slices.DeleteFunc(out, func(t time.Time) bool {
		return slices.ContainsFunc(m.exdates, func(x time.Time) bool { return x.Equal(t) })
	})
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return slices.CompactFunc(out, func(a, b time.Time) bool { return a.Equal(b) })
}

// windowsZones maps the Windows zone names Outlook and Exchange write as
// TZID to IANA names (the common ones; CLDR's windowsZones.xml has all).
var windowsZones = map[string]string{
	"W. Europe Standard Time":        "Europe/Berlin",
	"Romance Standard Time":          "Europe/Paris",
	"Central Europe Standard Time":   "Europe/Budapest",
	"Central European Standard Time": "Europe/Warsaw",
	"GMT Standard Time":              "Europe/London",
	"E. Europe Standard Time":        "Europe/Chisinau",
	"FLE Standard Time":              "Europe/Kiev",
	"Russian Standard Time":          "Europe/Moscow",
	"Eastern Standard Time":          "America/New_York",
	"Central Standard Time":          "America/Chicago",
	"Mountain Standard Time":         "America/Denver",
	"Pacific Standard Time":          "America/Los_Angeles",
	"India Standard Time":            "Asia/Kolkata",
	"China Standard Time":            "Asia/Shanghai",
	"Tokyo Standard Time":            "Asia/Tokyo",
	"AUS Eastern Standard Time":      "Australia/Sydney",
	"UTC":                            "UTC",
}
