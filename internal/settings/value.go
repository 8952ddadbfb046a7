package settings

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/limber-app/limber/internal/duration"
	"github.com/limber-app/limber/internal/i18n"
)

// How a field's value is read, written and checked, by its Type. The
// window shows values with Format and reads what people type with
// SetText; the file goes through encode and decode.

// Format shows the field's value in s for people: durations as
// duration.Format ("1 min 30 s"), times of day as HH:MM.
func (f Field) Format(s *Settings) string {
	switch p := f.Ptr(s).(type) {
	case *bool:
		return strconv.FormatBool(*p)
	case *string:
		return *p
	case *Positions:
		return strings.Join(p.Allowed(), ", ")
	}
	n := f.number(s)
	switch f.Type {
	case Duration:
		return duration.Format(time.Duration(n))
	case Clock:
		return FormatClock(int(n / minute))
	}
	return strconv.FormatInt(n, 10)
}

// SetText reads text as people type it into the field's value in s. It
// changes nothing when the text does not parse; the error says why, fit to
// show under the field. Range checks are Validate's.
func (f Field) SetText(s *Settings, text string) error {
	text = strings.TrimSpace(text)
	var n int64
	switch f.Type {
	case Choice:
		*f.Ptr(s).(*string) = text
		return nil
	case Set:
		return f.setNames(s, strings.Split(text, ","))
	case List:
		return f.setList(s, strings.Split(text, ","))
	case Int:
		i, err := strconv.Atoi(text)
		if err != nil {
			return errors.New(i18n.X("settings.err.want_number_field", "Write a whole number, for example 3."))
		}
		n = int64(i)
	case Duration:
		d, err := parseDuration(text)
		if err != nil {
			return err
		}
		n = int64(d)
	case Clock:
		m, err := ParseClock(text)
		if err != nil {
			return err
		}
		n = int64(m) * minute
	}
	f.setNumber(s, n)
	return nil
}

// parseDuration is duration.Parse to the second ("20" is 20 minutes), with
// messages in the user's language.
func parseDuration(text string) (time.Duration, error) {
	t := strings.TrimSpace(text)
	d, err := duration.Parse(t)
	switch {
	case err == nil:
		return d.Round(time.Second), nil
	case t == "":
		return 0, errors.New(i18n.X("settings.err.duration_none", `Empty: write a duration, for example "20" (minutes), "90s", "1h30" or "1:30".`))
	case strings.HasPrefix(t, "-"):
		return 0, errors.New(i18n.X("settings.err.negative", `"{{.Value}}" is negative: durations start at 0.`, map[string]any{"Value": t}))
	}
	return 0, errors.New(i18n.X("settings.err.not_duration", `"{{.Value}}" is not a duration: write for example "20" (minutes), "90s", "1h30" or "1:30".`,
		map[string]any{"Value": t}))
}

// number is an Int, Duration or Clock value as one number: Int as is,
// durations and times of day in nanoseconds.
func (f Field) number(s *Settings) int64 {
	switch p := f.Ptr(s).(type) {
	case *int:
		if f.Type == Clock {
			return int64(*p) * minute
		}
		return int64(*p)
	case *time.Duration:
		return int64(*p)
	}
	return 0
}

func (f Field) setNumber(s *Settings, n int64) {
	switch p := f.Ptr(s).(type) {
	case *int:
		if f.Type == Clock {
			n /= minute
		}
		*p = int(max(min(n, math.MaxInt32), math.MinInt32))
	case *time.Duration:
		*p = time.Duration(n)
	}
}

// setNames sets a Set field to the named options.
func (f Field) setNames(s *Settings, names []string) error {
	var got Positions
	flags := map[string]*bool{"desk": &got.Desk, "standing": &got.Standing, "floor": &got.Floor}
	for _, n := range names {
		if p, ok := flags[strings.TrimSpace(n)]; ok {
			*p = true
		} else if strings.TrimSpace(n) != "" {
			return errors.New(i18n.X("settings.err.position_name", `Unknown position "{{.Value}}": use "desk", "standing" or "floor".`,
				map[string]any{"Value": strings.TrimSpace(n)}))
		}
	}
	*f.Ptr(s).(*Positions) = got
	return nil
}

// maxListItems and maxListItem bound a List: a settings file is no place
// for thousands of names.
const (
	maxListItems = 50
	maxListItem  = 100
)

// setList sets a List field to names: trimmed, empty ones dropped,
// repeats (in any case) dropped, joined by ", ".
func (f Field) setList(s *Settings, names []string) error {
	var keep []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || slices.ContainsFunc(keep, func(k string) bool { return strings.EqualFold(k, n) }) {
			continue
		}
		if len(n) > maxListItem || strings.ContainsAny(n, ",\n") || len(keep) >= maxListItems {
			return errors.New(f.TooLow())
		}
		keep = append(keep, n)
	}
	*f.Ptr(s).(*string) = strings.Join(keep, ", ")
	return nil
}

// splitList is a List value as names.
func splitList(v string) []string {
	var out []string
	for _, n := range strings.Split(v, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// encode writes the field's value as a TOML value.
func (f Field) encode(s *Settings) string {
	switch f.Type {
	case Bool, Int:
		return f.Format(s)
	case Duration:
		return strconv.Quote(duration.Compact(time.Duration(f.number(s))))
	case List:
		q := []string{}
		for _, n := range splitList(*f.Ptr(s).(*string)) {
			q = append(q, strconv.Quote(n))
		}
		return "[" + strings.Join(q, ", ") + "]"
	case Set:
		q := []string{}
		for _, n := range f.Ptr(s).(*Positions).Allowed() {
			q = append(q, strconv.Quote(n))
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	return strconv.Quote(f.Format(s))
}

// decode sets the field from a decoded TOML value, or returns why it cannot.
func (f Field) decode(s *Settings, v any) error {
	wantText := func() error {
		return errors.New(i18n.X("settings.err.want_text", `Write this value as text in quotes, for example "30m".`))
	}
	switch f.Type {
	case Bool:
		b, ok := v.(bool)
		if !ok {
			return errors.New(i18n.X("settings.err.want_bool", "Write this value as true or false, without quotes."))
		}
		*f.Ptr(s).(*bool) = b
	case Int:
		n, ok := v.(int64)
		if !ok {
			return errors.New(i18n.X("settings.err.want_number", "Write this value as a whole number, without quotes."))
		}
		f.setNumber(s, n)
	case Duration:
		switch x := v.(type) {
		case int64: // a bare number is minutes, as people type it
			return f.SetText(s, strconv.FormatInt(x, 10))
		case string:
			return f.SetText(s, x)
		default:
			return wantText()
		}
	case Clock, Choice:
		x, ok := v.(string)
		if !ok {
			return wantText()
		}
		return f.SetText(s, x)
	case Set, List:
		list, ok := v.([]any)
		names := make([]string, len(list))
		for i := 0; i < len(list) && ok; i++ {
			names[i], ok = list[i].(string)
		}
		if !ok && f.Type == List {
			return errors.New(i18n.X("settings.err.want_list", `Write this value as a list of names in quotes, for example ["Dragon", "Audacity"].`))
		}
		if !ok {
			return wantText()
		}
		if f.Type == List {
			return f.setList(s, names)
		}
		return f.setNames(s, names)
	}
	return nil
}

// check returns the message for a value outside the field's limits, or "".
func (f Field) check(s *Settings) string {
	tooLow, tooHigh := f.TooLow, f.TooHigh
	if tooHigh == nil {
		tooHigh = tooLow
	}
	n := f.number(s)
	switch { // what the file cannot hold is wrong even where the field does not apply
	case f.Type == Duration && (n < 0 || n%second != 0), f.Type == Clock && (n < 0 || n%minute != 0):
		return tooLow()
	case f.Type == Clock && n > 24*hour:
		return tooHigh()
	case f.Checked != nil && !f.Checked(s):
		return ""
	}
	switch f.Type {
	case Choice:
		v := *f.Ptr(s).(*string)
		if len(f.Options) > 0 && !slices.ContainsFunc(f.Options, func(o Option) bool { return o.Value == v }) {
			return tooLow()
		}
	case Int, Duration, Clock:
		switch {
		case f.ZeroOff && n == 0:
		case n < f.Min:
			return tooLow()
		case f.Max > 0 && n > f.Max:
			return tooHigh()
		}
	}
	return ""
}

// ParseClock reads "HH:MM" (00:00 to 24:00) as minutes after midnight.
func ParseClock(s string) (int, error) {
	s = strings.TrimSpace(s)
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || len(m) != 2 || len(h) < 1 || len(h) > 2 || err1 != nil || err2 != nil ||
		hh < 0 || mm < 0 || mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, errors.New(i18n.X("settings.err.clock_value", `"{{.Value}}" is not a time of day: write it as HH:MM, for example 08:30.`, map[string]any{"Value": s}))
	}
	return hh*60 + mm, nil
}

// FormatClock writes minutes after midnight as "HH:MM".
func FormatClock(min int) string {
	return fmt.Sprintf("%02d:%02d", min/60, min%60)
}
