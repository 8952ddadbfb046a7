package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// This file is the RFC 5545 content-line reader (section 3.1): lines
// unfolded, each split into name, parameters and value, and the
// BEGIN/END nesting checked. It reads what golang-ical read before it
// and rejects what golang-ical rejected (a line with no name or no ':',
// a bad parameter, an unbalanced END, a property between components,
// anything after END:VCALENDAR), so a file reads as before. Only the
// properties Read uses are kept (kept), and only those of top-level
// VEVENT and VTIMEZONE components: a DESCRIPTION, ATTENDEE or LOCATION
// is never copied out of the file's bytes, nor is anything of a VALARM.

// property is one content line of a component.
type property struct {
	name   string
	params map[string][]string // nil when the line has none
	value  string              // TEXT escapes undone for TEXT-valued properties
}

// component is a top-level VEVENT or VTIMEZONE with its kept properties.
type component struct {
	name  string
	props []property
}

// kept are the properties Read looks at.
var kept = map[string]bool{
	"UID": true, "SUMMARY": true, "DTSTART": true, "DTEND": true, "DURATION": true,
	"TRANSP": true, "STATUS": true, "RECURRENCE-ID": true, "RRULE": true,
	"RDATE": true, "EXDATE": true, "TZID": true, "X-LIC-LOCATION": true,
}

// notText are the kept properties whose value is not TEXT (RFC 5545
// 3.8): their values are not unescaped unless VALUE=TEXT says so.
var notText = map[string]bool{
	"DTSTART": true, "DTEND": true, "DURATION": true, "RECURRENCE-ID": true,
	"RRULE": true, "RDATE": true, "EXDATE": true,
}

// get is the first property called name, or nil.
func (c *component) get(name string) *property {
	for i := range c.props {
		if c.props[i].name == name {
			return &c.props[i]
		}
	}
	return nil
}

// all are the properties called name.
func (c *component) all(name string) []*property {
	var out []*property
	for i := range c.props {
		if c.props[i].name == name {
			out = append(out, &c.props[i])
		}
	}
	return out
}

// param is the first value of the parameter called name ("" for none).
func (p *property) param(name string) (string, bool) {
	v := p.params[name]
	if len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// unfolder yields the unfolded content lines of data: a line break
// (CRLF or a bare LF) followed by a space or tab continues the line.
// Empty lines are skipped.
type unfolder struct {
	data []byte
	n    int // lines read, for messages
}

func (u *unfolder) next() (string, bool) {
	for len(u.data) > 0 {
		var folded []byte
		var line []byte
		for {
			u.n++
			i := bytes.IndexByte(u.data, '\n')
			var l []byte
			if i < 0 {
				l, u.data = u.data, nil
			} else {
				l, u.data = bytes.TrimSuffix(u.data[:i], []byte{'\r'}), u.data[i+1:]
			}
			if folded == nil && (len(u.data) == 0 || (u.data[0] != ' ' && u.data[0] != '\t')) {
				line = l // not folded: no copy
				break
			}
			folded = append(folded, l...)
			if len(u.data) == 0 || (u.data[0] != ' ' && u.data[0] != '\t') {
				line = folded
				break
			}
			u.data = u.data[1:]
		}
		if len(line) > 0 {
			return string(line), true
		}
	}
	return "", false
}

func isNameChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}

// nameAt finds the first name at or after s[from:] (bytes before it are
// skipped, as golang-ical did: a byte-order mark before BEGIN:VCALENDAR
// is no error) and returns where the name starts and ends.
func nameAt(s string, from int) (start, end int, ok bool) {
	start = from
	for start < len(s) && !isNameChar(s[start]) {
		start++
	}
	if start == len(s) {
		return 0, 0, false
	}
	end = start
	for end < len(s) && isNameChar(s[end]) {
		end++
	}
	return start, end, true
}

var errNoColon = errors.New("no ':' after the name")

// parseLine splits a content line into name, parameters and raw value.
// Parameters are gathered only when withParams (a property Read keeps);
// they are checked either way.
func parseLine(s string, withParams bool) (name string, params map[string][]string, value string, err error) {
	start, end, ok := nameAt(s, 0)
	if !ok {
		return "", nil, "", errors.New("no property name")
	}
	name = s[start:end]
	p := end
	for {
		if p >= len(s) {
			return "", nil, "", errNoColon
		}
		switch s[p] {
		case ':':
			return name, params, s[p+1:], nil
		case ';':
			_, kend, ok := nameAt(s, p+1)
			if !ok {
				return "", nil, "", errNoColon
			}
			key := s[p+1 : kend]
			p = kend
			if p >= len(s) || s[p] != '=' {
				return "", nil, "", fmt.Errorf("parameter %s of %s has no '='", key, name)
			}
			p++
			for {
				if p >= len(s) {
					return "", nil, "", errNoColon
				}
				var v string
				v, p, err = paramValue(s, p)
				if err != nil {
					return "", nil, "", fmt.Errorf("parameter %s of %s: %w", key, name, err)
				}
				if withParams {
					if params == nil {
						params = map[string][]string{}
					}
					params[key] = append(params[key], v)
				}
				if p >= len(s) {
					return "", nil, "", errNoColon
				}
				if s[p] != ',' {
					break
				}
				p++
			}
		default:
			return "", nil, "", fmt.Errorf("%q after the name %s", s[p], name)
		}
	}
}

// paramValue reads one parameter value (quoted or not) at s[p:] and
// returns it and where it ends.
func paramValue(s string, p int) (string, int, error) {
	var v []byte
	quoted := false
	for ip := p; p < len(s); p++ {
		c := s[p]
		if c < 0x20 && c != '\t' {
			return "", 0, fmt.Errorf("control character %d", c)
		}
		switch c {
		case '\\':
			if p+2 >= len(s) {
				return "", 0, errors.New("value ends in '\\'")
			}
			v = append(v, s[p+1])
			p++
			continue
		case ';', ':', ',':
			if !quoted {
				return string(v), p, nil
			}
		case '"':
			if p == ip {
				quoted = true
				continue
			}
			if quoted {
				return string(v), p + 1, nil
			}
			return "", 0, errors.New("'\"' inside the value")
		}
		v = append(v, c)
	}
	return string(v), p, nil
}

// textUnescaper undoes TEXT escapes (RFC 5545 3.3.11); a line break
// becomes a space, as a title is shown on one line.
var textUnescaper = strings.NewReplacer(`\\`, `\`, `\,`, `,`, `\;`, `;`, `\n`, " ", `\N`, " ")

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return textUnescaper.Replace(s)
}

// parse reads a whole iCalendar stream into its top-level VEVENT and
// VTIMEZONE components.
func parse(data []byte) ([]*component, error) {
	u := unfolder{data: data}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("line %d: %s", u.n, fmt.Sprintf(format, args...))
	}
	var out []*component
	var cur *component // the top-level component being read, if kept
	var open []string  // the components open inside VCALENDAR
	state := "begin"
	for {
		s, ok := u.next()
		if !ok {
			break
		}
		withParams := cur != nil && len(open) == 1
		name, params, value, err := parseLine(s, withParams)
		if err != nil {
			return nil, fail("%v", err)
		}
		switch {
		case state == "begin":
			if name != "BEGIN" || value != "VCALENDAR" {
				return nil, fail("a calendar begins with BEGIN:VCALENDAR")
			}
			state = "properties"
		case state == "end":
			return nil, fail("%s after END:VCALENDAR", name)
		case name == "BEGIN":
			if value == "VCALENDAR" {
				return nil, fail("BEGIN:VCALENDAR inside the calendar")
			}
			state = "components"
			if len(open) == 0 && (value == "VEVENT" || value == "VTIMEZONE") {
				cur = &component{name: value}
			}
			open = append(open, value)
		case name == "END":
			if len(open) == 0 {
				if value != "VCALENDAR" {
					return nil, fail("END:%s without BEGIN", value)
				}
				state = "end"
				continue
			}
			if value != open[len(open)-1] {
				return nil, fail("END:%s where END:%s belongs", value, open[len(open)-1])
			}
			open = open[:len(open)-1]
			if len(open) == 0 && cur != nil {
				out = append(out, cur)
				cur = nil
			}
		case len(open) == 0:
			if state == "components" {
				return nil, fail("property %s between components", name)
			}
			// a calendar property (VERSION, PRODID, ...): not needed
		case withParams && kept[name]:
			text := !notText[name]
			if vt := params["VALUE"]; len(vt) == 1 { // as golang-ical read it
				text = vt[0] == "TEXT"
			}
			if text {
				value = unescape(value)
			}
			cur.props = append(cur.props, property{name: name, params: params, value: value})
		}
	}
	if len(open) > 0 {
		return nil, fail("the file ends inside %s", open[len(open)-1])
	}
	return out, nil
}
