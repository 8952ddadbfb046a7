package duration

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"30":          30 * time.Minute,
		"0":           0,
		"90s":         90 * time.Second,
		"1h30":        90 * time.Minute,
		"1h30m":       90 * time.Minute,
		"1 h 30 min":  90 * time.Minute,
		"1 h 05 min":  65 * time.Minute,
		"1:30":        90 * time.Minute,
		"0:05":        5 * time.Minute,
		"1m30s":       90 * time.Second,
		"1m30":        90 * time.Second,
		"1 min 30 s":  90 * time.Second,
		"45 s":        45 * time.Second,
		"2 hours":     2 * time.Hour,
		"1.5h":        90 * time.Minute,
		"1,5 h":       90 * time.Minute,
		" 15m ":       15 * time.Minute,
		"15M":         15 * time.Minute,
		"10 Sekunden": 10 * time.Second,
		"2 Std":       2 * time.Hour,
	} {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, in := range []string{"", "abc", "-5", "-1m", "5x", "30m 1h", "1h 2h", "1:3", "1:60", "h", "1s30", "5 5", "1:30:00", "99999999999999h"} {
		if d, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", in, d)
		} else if in != "-5" && in != "-1m" && !errors.Is(err, ErrSyntax) {
			t.Errorf("Parse(%q) error %v does not wrap ErrSyntax", in, err)
		}
	}
}

func TestFormats(t *testing.T) {
	for _, c := range []struct {
		d                              time.Duration
		format, approx, clock, compact string
	}{
		{0, "0 s", "0 s", "0:00", "0s"},
		{45 * time.Second, "45 s", "45 s", "0:00", "45s"},
		{90 * time.Second, "1 min 30 s", "2 min", "0:01", "1m30s"},
		{12 * time.Minute, "12 min", "12 min", "0:12", "12m"},
		{59*time.Minute + 40*time.Second, "59 min 40 s", "1 h", "0:59", "59m40s"},
		{59*time.Second + 600*time.Millisecond, "1 min", "1 min", "0:00", "1m"},
		{65 * time.Minute, "1 h 5 min", "1 h 5 min", "1:05", "1h5m"},
		{2 * time.Hour, "2 h", "2 h", "2:00", "2h"},
		{-time.Minute, "0 s", "0 s", "0:00", "0s"},
	} {
		if got := Format(c.d); got != c.format {
			t.Errorf("Format(%v) = %q, want %q", c.d, got, c.format)
		}
		if got := Approx(c.d); got != c.approx {
			t.Errorf("Approx(%v) = %q, want %q", c.d, got, c.approx)
		}
		if got := Clock(c.d); got != c.clock {
			t.Errorf("Clock(%v) = %q, want %q", c.d, got, c.clock)
		}
		if got := Compact(c.d); got != c.compact {
			t.Errorf("Compact(%v) = %q, want %q", c.d, got, c.compact)
		}
	}
}

func TestMinutes(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0 min", 20 * time.Second: "0 min", 45 * time.Minute: "45 min", 8 * time.Hour: "8 h", 190 * time.Minute: "3 h 10 min",
		176 * time.Second: "2 min", 59*time.Minute + 59*time.Second: "59 min"} {
		if got := Minutes(d); got != want {
			t.Errorf("Minutes(%v) = %q, want %q", d, got, want)
		}
	}
	// One rule: the minutes Minutes counts are the ones Clock shows (the
	// new-user trial saw "today 0:02" beside "3 min" for 176 s).
	for s := 0; s < 3*3600; s += 7 {
		d := time.Duration(s) * time.Second
		m, _ := strconv.Atoi(strings.Fields(Minutes(d % time.Hour))[0])
		if c := Clock(d); c[len(c)-2:] != fmt.Sprintf("%02d", m) {
			t.Fatalf("%v: Clock %s, Minutes %s", d, c, Minutes(d))
		}
	}
}

// What Limber writes, it reads back.
func FuzzRoundTrip(f *testing.F) {
	for _, s := range []int64{0, 45, 90, 720, 3600, 3900, 86400} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sec int64) {
		if sec < 0 || sec > 10*365*24*3600 {
			return
		}
		d := time.Duration(sec) * time.Second
		for name, s := range map[string]string{"Format": Format(d), "Compact": Compact(d)} {
			got, err := Parse(s)
			if err != nil || got != d {
				t.Fatalf("Parse(%s(%v) = %q) = %v, %v", name, d, s, got, err)
			}
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"30", "1h30", "1:30", "1 min 30 s", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := Parse(s); err == nil && d < 0 {
			t.Fatalf("Parse(%q) = %v < 0", s, d)
		}
	})
}

func TestDebt(t *testing.T) {
	for d, want := range map[time.Duration]string{20 * time.Second: "20 s", 75 * time.Second: "1 min 15 s", 9*time.Minute + 59*time.Second: "9 min 59 s", 12*time.Minute + 40*time.Second: "13 min"} {
		if got := Debt(d); got != want {
			t.Errorf("Debt(%v) = %q, want %q", d, got, want)
		}
	}
}
