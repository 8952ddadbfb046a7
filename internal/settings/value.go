package settings

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/limber-app/limber/internal/duration"
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
	switch f.Type {
	case Int:
		n, err := strconv.Atoi(strings.TrimSpace(text))
		if err != nil {
			return errors.New(lang.X("settings.err.want_number_field", "Write a whole number, for example 3."))
		}
		f.setNumber(s, int64(n))
	case Duration:
		d, err := parseDuration(text)
		if err != nil {
			return err
		}
		f.setNumber(s, int64(d))
	case Clock:
		m, err := ParseClock(text)
		if err != nil {
			return err
		}
		f.setNumber(s, int64(m)*minute)
	case Choice:
		*f.Ptr(s).(*string) = strings.TrimSpace(text)
	case Bool:
		b, err := strconv.ParseBool(strings.TrimSpace(text))
		if err != nil {
			return errors.New(lang.X("settings.err.want_bool", "Write this value as true or false, without quotes."))
		}
		*f.Ptr(s).(*bool) = b
	case Set:
		return f.setNames(s, strings.Split(text, ","))
	}
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
		return 0, errors.New(lang.X("settings.err.duration_none", `Empty: write a duration, for example "20" (minutes), "90s", "1h30" or "1:30".`))
	case strings.HasPrefix(t, "-"):
		return 0, errors.New(lang.X("settings.err.negative", `"{{.Value}}" is negative: durations start at 0.`, map[string]any{"Value": t}))
	}
	return 0, errors.New(lang.X("settings.err.not_duration", `"{{.Value}}" is not a duration: write for example "20" (minutes), "90s", "1h30" or "1:30".`,
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
	p := f.Ptr(s).(*Positions)
	var got Positions
	for _, n := range names {
		switch strings.TrimSpace(n) {
		case "desk":
			got.Desk = true
		case "standing":
			got.Standing = true
		case "floor":
			got.Floor = true
		case "":
		default:
			return errors.New(lang.X("settings.err.position_name", `Unknown position "{{.Value}}": use "desk", "standing" or "floor".`,
				map[string]any{"Value": strings.TrimSpace(n)}))
		}
	}
	*p = got
	return nil
}

// encode writes the field's value as a TOML value.
func (f Field) encode(s *Settings) string {
	switch p := f.Ptr(s).(type) {
	case *bool:
		return strconv.FormatBool(*p)
	case *string:
		return strconv.Quote(*p)
	case *Positions:
		q := []string{}
		for _, n := range p.Allowed() {
			q = append(q, strconv.Quote(n))
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	switch f.Type {
	case Duration:
		return strconv.Quote(duration.Compact(time.Duration(f.number(s))))
	case Clock:
		return strconv.Quote(FormatClock(int(f.number(s) / minute)))
	}
	return strconv.FormatInt(f.number(s), 10)
}

// decode sets the field from a decoded TOML value, or returns why it cannot.
func (f Field) decode(s *Settings, v any) error {
	wantText := func() error {
		return errors.New(lang.X("settings.err.want_text", `Write this value as text in quotes, for example "30m".`))
	}
	switch f.Type {
	case Bool:
		b, ok := v.(bool)
		if !ok {
			return errors.New(lang.X("settings.err.want_bool", "Write this value as true or false, without quotes."))
		}
		*f.Ptr(s).(*bool) = b
	case Int:
		n, ok := v.(int64)
		if !ok {
			return errors.New(lang.X("settings.err.want_number", "Write this value as a whole number, without quotes."))
		}
		f.setNumber(s, n)
	case Duration:
		switch x := v.(type) {
		case int64: // a bare number is minutes, as people type it
			if x < 0 {
				return f.SetText(s, strconv.FormatInt(x, 10))
			}
			f.setNumber(s, min(x, math.MaxInt64/minute)*minute)
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
	case Set:
		list, ok := v.([]any)
		if !ok {
			return wantText()
		}
		var names []string
		for _, e := range list {
			n, ok := e.(string)
			if !ok {
				return wantText()
			}
			names = append(names, n)
		}
		return f.setNames(s, names)
	}
	return nil
}

// check returns the message for a value outside the field's limits, or "".
func (f Field) check(s *Settings) string {
	if f.Checked != nil && !f.Checked(s) {
		return ""
	}
	tooLow, tooHigh := f.TooLow, f.TooHigh
	if tooHigh == nil {
		tooHigh = tooLow
	}
	switch f.Type {
	case Choice:
		v := *f.Ptr(s).(*string)
		if !slices.ContainsFunc(f.Options, func(o Option) bool { return o.Value == v }) {
			return tooLow()
		}
	case Int, Duration, Clock:
		n := f.number(s)
		switch {
		case f.ZeroOff && n == 0:
		case n < f.Min:
			return tooLow()
		case f.Max > 0 && n > f.Max:
			return tooHigh()
		case f.Type == Clock && n%minute != 0:
			return tooLow()
		}
	}
	return ""
}
