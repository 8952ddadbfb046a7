package settings

import (
	"fmt"
	"strconv"
	"strings"
)

// Encode writes s as a commented config.toml: a comment above each key, so
// the file explains itself to whoever opens it. Parse(Encode(s)) == s for
// valid, normalized settings.
func Encode(s Settings) []byte {
	f := toFile(s)
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	str := func(v tStr) string { return strconv.Quote(v.V) }

	w("# Limber settings. Limber rereads this file when you save it; a mistake is\n")
	w("# reported with its line and the previous settings stay in use.\n")
	w("# Check it with: limber config check\n")
	w("# Durations are written like \"30m\", \"90s\" or \"1h30m\"; times of day as \"HH:MM\".\n\n")

	w("# The preset these settings follow: office, cornell, eyes-20-20-20, gentle,\n")
	w("# or custom. Keys left out of this file take the preset's values.\n")
	w("preset = %s\n\n", str(f.Preset))
	w("# Language of windows and messages: \"system\", \"en\" or \"de\".\n")
	w("language = %s\n\n", str(f.Language))
	w("# Start Limber when you log in.\n")
	w("start_at_login = %v\n\n", f.StartAtLogin)
	w("# Days of break history to keep; 0 keeps everything.\n")
	w("history_days = %v\n", f.HistoryDays)

	small := func(name, title string, fb fileSmallBreak) {
		w("\n# %s\n[%s]\n", title, name)
		w("# Remind me at all.\n")
		w("enabled = %v\n", fb.Enabled)
		w("# Sitting time until the reminder (at least 1m, longer than the break).\n")
		w("interval = %s\n", str(fb.Interval))
		w("# How long the break lasts; being away this long counts as taken.\n")
		w("length = %s\n", str(fb.Length))
		w("# Warn this long before the reminder; \"0s\" for no warning.\n")
		w("warn = %s\n", str(fb.Warn))
		w("# \"notification\" for a desktop notification, \"card\" for an exercise card.\n")
		w("style = %s\n", str(fb.Style))
	}
	big := func(name, title string, fb fileBreak) {
		w("\n# %s\n[%s]\n", title, name)
		w("# Remind me at all.\n")
		w("enabled = %v\n", fb.Enabled)
		w("# Sitting time until the break (at least 1m, longer than the break).\n")
		w("interval = %s\n", str(fb.Interval))
		w("# How long the break lasts; being away this long counts as taken.\n")
		w("length = %s\n", str(fb.Length))
		w("# Warn this long before the break; \"0s\" for no warning.\n")
		w("warn = %s\n", str(fb.Warn))
	}
	small("posture", "Posture check: sit back, shoulders down, look into the distance.", f.Posture)
	small("hydration", "Drink a glass of water.", f.Hydration)
	big("stretch", "Stretch break with an exercise card.", f.Stretch)
	big("movement", "Get up and walk around.", f.Movement)

	w("\n# Sit/stand/move cycle (the Cornell 20-8-2 rhythm). When on, its stand and\n")
	w("# move prompts take the place of the walking break.\n[cycle]\n")
	w("# Use the cycle.\n")
	w("enabled = %v\n", f.Cycle.Enabled)
	w("# Sitting time before standing up.\n")
	w("sit = %s\n", str(f.Cycle.Sit))
	w("# Time to stand (work standing up).\n")
	w("stand = %s\n", str(f.Cycle.Stand))
	w("# Time to move around.\n")
	w("move = %s\n", str(f.Cycle.Move))

	w("\n# Postponing and skipping.\n[breaks]\n")
	w("# How much more sitting time a snoozed break waits.\n")
	w("snooze = %s\n", str(f.Breaks.Snooze))
	w("# Skips of one break in a row before it can only be taken; 0 = no cap.\n")
	w("max_skips = %v\n", f.Breaks.MaxSkips)
	w("# Snoozes of one break in a row before it can only be taken; 0 = no cap.\n")
	w("max_snoozes = %v\n", f.Breaks.MaxSnoozes)
	w("# Strict mode: no skip, no snooze, no closing a break early.\n")
	w("strict = %v\n", f.Breaks.Strict)

	w("\n# Daily limits.\n[limits]\n")
	w("# Warn once sitting today passes this; \"0s\" for no limit.\n")
	w("daily_sitting = %s\n", str(f.Limits.DailySitting))
	w("# Then warn again after each further step; \"0s\" to warn only once.\n")
	w("daily_sitting_step = %s\n", str(f.Limits.DailySittingStep))
	w("# Glasses of water to drink per day; 0 for no goal.\n")
	w("hydration_goal = %v\n", f.Limits.HydrationGoal)

	w("\n# Exercise cards.\n[cards]\n")
	w("# Positions you can do exercises in: \"desk\", \"standing\", \"floor\".\n")
	quoted := make([]string, len(f.Cards.Positions))
	for i, p := range f.Cards.Positions {
		quoted[i] = str(p)
	}
	w("positions = [%s]\n", strings.Join(quoted, ", "))

	w("\n# Working hours: outside them no break fires and sitting does not count\n")
	w("# against the daily limit (statistics show it as after hours).\n[working_hours]\n")
	w("# Use working hours; when false, breaks run at any time of day.\n")
	w("enabled = %v\n", f.WorkingHours.Enabled)
	for _, wd := range weekdays() {
		d := f.WorkingHours.day(wd)
		w("# %s: start and end as HH:MM; off = true for a day off.\n", wd)
		w("%s = { start = %s, end = %s, off = %v }\n", WeekdayKey(wd), str(d.Start), str(d.End), d.Off)
	}

	w("\n# Activity detection; the defaults suit most people.\n[advanced]\n")
	w("# No keyboard or mouse input this long and you count as away.\n")
	w("idle_after = %s\n", str(f.Advanced.IdleAfter))
	w("# Input this long after being away and you count as back (a bumped mouse is not work).\n")
	w("active_after = %s\n", str(f.Advanced.ActiveAfter))
	w("# Time of day at which a new day begins for the daily totals.\n")
	w("day_start = %s\n", str(f.Advanced.DayStart))
	w("# During a call or presentation a due break waits this long, then comes as a\n")
	w("# notification only; \"0s\" waits until the call ends.\n")
	w("hold_limit = %s\n", str(f.Advanced.HoldLimit))
	return []byte(b.String())
}
