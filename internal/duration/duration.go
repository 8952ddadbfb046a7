// Package duration is the one rule for durations that people read and
// type. Parse accepts what people write in the settings window, the
// settings file and on the command line alike: a bare number is minutes
// ("30"), units may be spelled short or long with or without spaces
// ("90s", "1h30", "1 h 30 min", "1m30s"), and "1:30" is hours and
// minutes. Format and Approx write durations the way Parse reads them, so
// what Limber shows can be typed back.
//
// Written by hand: time.ParseDuration refuses "30", "1h30" and "1:30",
// and no served library reads the mix of forms people use here.
package duration

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Syntax is an example of the accepted forms, for error messages.
const Syntax = `"30" (minutes), "90s", "1h30", "1 h 30 min" or "1:30"`

// units maps each accepted unit spelling to its length.
var units = map[string]time.Duration{
	"h": time.Hour, "hr": time.Hour, "hrs": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"std": time.Hour, "stunde": time.Hour, "stunden": time.Hour,
	"m": time.Minute, "min": time.Minute, "mins": time.Minute, "minute": time.Minute, "minutes": time.Minute,
	"minuten": time.Minute,
	"s":       time.Second, "sec": time.Second, "secs": time.Second, "second": time.Second, "seconds": time.Second,
	"sek": time.Second, "sekunde": time.Second, "sekunden": time.Second,
}

// ErrSyntax is wrapped by every error Parse returns for text it cannot read.
var ErrSyntax = errors.New("not a duration")

// Parse reads a duration as people write it. It refuses negative values;
// range checks are the caller's (each field has its own limits).
func Parse(s string) (time.Duration, error) {
	in := strings.ToLower(strings.TrimSpace(s))
	if in == "" {
		return 0, fmt.Errorf("empty: %w; write for example %s", ErrSyntax, Syntax)
	}
	bad := func() (time.Duration, error) {
		return 0, fmt.Errorf("%q is %w: write for example %s", s, ErrSyntax, Syntax)
	}
	if strings.HasPrefix(in, "-") {
		return 0, fmt.Errorf("%q is negative: durations start at 0", s)
	}
	if h, m, ok := strings.Cut(in, ":"); ok {
		hh, err1 := strconv.Atoi(h)
		mm, err2 := strconv.Atoi(m)
		if err1 != nil || err2 != nil || hh < 0 || len(m) != 2 || mm < 0 || mm > 59 {
			return bad()
		}
		return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, nil
	}
	var total float64
	last := time.Duration(0) // the unit of the previous part
	for in != "" {
		in = strings.TrimLeft(in, " ")
		n := 0
		for n < len(in) && (in[n] >= '0' && in[n] <= '9' || in[n] == '.' || in[n] == ',') {
			n++
		}
		if n == 0 {
			return bad()
		}
		num, err := strconv.ParseFloat(strings.ReplaceAll(in[:n], ",", "."), 64)
		if err != nil {
			return bad()
		}
		in = strings.TrimLeft(in[n:], " ")
		u := 0
		for u < len(in) && in[u] >= 'a' && in[u] <= 'z' {
			u++
		}
		unit, word := time.Duration(0), in[:u]
		in = in[u:]
		if word != "" {
			var ok bool
			if unit, ok = units[strings.TrimSuffix(word, ".")]; !ok {
				return bad()
			}
			if last != 0 && unit >= last {
				return bad() // "30m 1h": units must come largest first
			}
		} else {
			switch {
			case last == 0 && in == "":
				unit = time.Minute // a bare number is minutes
			case last == time.Hour:
				unit = time.Minute // "1h30"
			case last == time.Minute:
				unit = time.Second // "1m30"
			default:
				return bad()
			}
			if in != "" {
				return bad()
			}
		}
		in = strings.TrimPrefix(in, ".")
		last = unit
		total += num * float64(unit)
	}
	if total > math.MaxInt64/2 {
		return bad()
	}
	return time.Duration(math.Round(total/float64(time.Millisecond))) * time.Millisecond, nil
}

// Format writes d exactly, to the second, largest unit first and without
// zero parts: "45 s", "12 min", "1 min 30 s", "2 h", "1 h 5 min".
func Format(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	d = d.Round(time.Second)
	h, m, s := int64(d/time.Hour), int64(d%time.Hour/time.Minute), int64(d%time.Minute/time.Second)
	var parts []string
	if h > 0 {
		parts = append(parts, fmt.Sprintf("%d h", h))
	}
	switch {
	case m > 0:
		parts = append(parts, fmt.Sprintf("%d min", m))
	}
	if s > 0 || len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("%d s", s))
	}
	return strings.Join(parts, " ")
}

// Approx writes d rounded for a glance, as countdowns show it: whole
// seconds under a minute, whole minutes under an hour, else hours and
// minutes ("45 s", "12 min", "1 h 5 min"). The unit is chosen after
// rounding, so 59 min 40 s reads "1 h", never "60 min".
func Approx(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	if d.Round(time.Second) < time.Minute {
		return Format(d.Round(time.Second))
	}
	return Format(d.Round(time.Minute))
}

// Clock writes d as H:MM, the way the tray shows sitting time.
func Clock(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	m := int64(d / time.Minute)
	return fmt.Sprintf("%d:%02d", m/60, m%60)
}

// Compact writes d in the short form settings files use, without zero
// parts: "15m", "1h30m", "1m30s", "0s". Parse reads it back exactly.
func Compact(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	d = d.Round(time.Second)
	if d == 0 {
		return "0s"
	}
	var b strings.Builder
	for _, p := range []struct {
		n    time.Duration
		unit string
	}{{d / time.Hour, "h"}, {d % time.Hour / time.Minute, "m"}, {d % time.Minute / time.Second, "s"}} {
		if p.n > 0 {
			fmt.Fprintf(&b, "%d%s", p.n, p.unit)
		}
	}
	return b.String()
}

// Minutes writes d in whole minutes, as daily totals read: "0 min", "45 min",
// "3 h 10 min", "8 h". Like Clock it counts the minutes that have passed
// (2 min 56 s is "2 min", as the tray's 0:02): the same time spent sitting
// reads the same in the tray, `limber status`, `limber stats` and the
// Statistics window.
func Minutes(d time.Duration) string {
	if d.Truncate(time.Minute) <= 0 {
		return "0 min"
	}
	return Format(d.Truncate(time.Minute))
}

// Debt writes a break debt, or what was paid of one: exact below 10 min
// ("1 min 15 s": "2 min" for 75 s read wrong once 15 s was paid), then
// Approx. The tray, `limber status`, `limber stats` and the Statistics
// window all write debts with it.
func Debt(d time.Duration) string {
	if d < 10*time.Minute {
		return Format(d)
	}
	return Approx(d)
}
