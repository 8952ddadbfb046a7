package settings

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
)

// ParseDuration reads a duration as users write it: "30m", "90s", "1h30m".
// A bare "0" means zero; negative values are refused.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "0" {
		return 0, nil
	}
	if s == "" {
		return 0, errors.New(lang.X("settings.err.duration_empty", `Empty: write a duration, for example "30m", "90s" or "1h30m".`))
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, errors.New(lang.X("settings.err.duration", `"{{.Value}}" is not a duration: write for example "30m", "90s" or "1h30m".`, map[string]any{"Value": s}))
	}
	if d < 0 {
		return 0, errors.New(lang.X("settings.err.negative", `"{{.Value}}" is negative: durations start at 0.`, map[string]any{"Value": s}))
	}
	return d, nil
}

// FormatDuration writes d the way ParseDuration reads it, without zero
// parts: "30m", "1m30s", "1h", "0s".
func FormatDuration(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// ParseClock reads "HH:MM" (00:00 to 24:00) as minutes after midnight.
func ParseClock(s string) (int, error) {
	s = strings.TrimSpace(s)
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(m) != 2 || len(h) < 1 || len(h) > 2 {
		return 0, errors.New(lang.X("settings.err.clock_value", `"{{.Value}}" is not a time of day: write it as HH:MM, for example 08:30.`, map[string]any{"Value": s}))
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, errors.New(lang.X("settings.err.clock_value", `"{{.Value}}" is not a time of day: write it as HH:MM, for example 08:30.`, map[string]any{"Value": s}))
	}
	return hh*60 + mm, nil
}

// FormatClock writes minutes after midnight as "HH:MM".
func FormatClock(min int) string {
	return fmt.Sprintf("%02d:%02d", min/60, min%60)
}
