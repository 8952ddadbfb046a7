// Package status writes the daemon's state (api.Status, the reply to
// `limber status` and what the tray menu is computed from) for people.
package status

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/duration"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
)

func secs(n int64) time.Duration { return time.Duration(n) * time.Second }

// SittingLine is the tray's first line: "Sitting 0:42 · today 3:10".
func SittingLine(st api.Status) string {
	return i18n.X("status.sitting", "Sitting {{.Session}} · today {{.Today}}", map[string]any{
		"Session": duration.Clock(secs(st.SessionSeconds)), "Today": duration.Clock(secs(st.TodaySeconds)),
	})
}

// HoldLine says what holds back a break now, naming a meeting by its title
// and end ("" when nothing holds, or a call or presentation, which the
// presence line names already).
func HoldLine(st api.Status) string {
	h := st.Holding
	if h == nil || h.Reason != "meeting" || h.Until == nil {
		return ""
	}
	until := h.Until.Local().Format("15:04")
	if h.Event == "" {
		return i18n.X("status.hold.meeting", "In a meeting until {{.T}}: breaks wait until it ends", map[string]any{"T": until})
	}
	return i18n.X("status.hold.meeting_named", "In a meeting until {{.T}} ({{.Event}}): breaks wait until it ends", map[string]any{"T": until, "Event": h.Event})
}

// BreakLine says when one break is next due.
func BreakLine(b api.Break) string { return BreakLineIn(api.Status{}, b) }

// BreakLineIn says when one break is next due, in st (which says what
// holds a held break).
func BreakLineIn(st api.Status, b api.Break) string {
	name := kinds.Label(b.Kind)
	switch {
	case !b.Enabled:
		return i18n.X("status.break.off", "{{.Name}}: off", map[string]any{"Name": name})
	case b.With != "":
		return i18n.X("status.break.with", "{{.Name}}: together with {{.Big}}", map[string]any{"Name": name, "Big": kinds.Label(b.With)})
	case b.Held && st.Holding != nil && st.Holding.Reason == "meeting" && st.Holding.Until != nil:
		return i18n.X("status.break.held_meeting", "{{.Name}}: waiting until your meeting ends at {{.T}}", map[string]any{"Name": name, "T": st.Holding.Until.Local().Format("15:04")})
	case b.Held:
		return i18n.X("status.break.held", "{{.Name}}: waiting until your call or presentation ends", map[string]any{"Name": name})
	case b.Due:
		return i18n.X("status.break.due", "{{.Name}}: due now", map[string]any{"Name": name})
	case b.RemainingSeconds <= 0:
		// Reached but not yet shown: waiting for a pause in typing.
		return i18n.X("status.break.due", "{{.Name}}: due now", map[string]any{"Name": name})
	}
	return i18n.X("status.break.in", "{{.Name}} in {{.In}}", map[string]any{"Name": name, "In": duration.Approx(secs(b.RemainingSeconds))})
}

// DebtLine is the break debt in a few words ("Break debt 6 min"), or ""
// when there is none.
func DebtLine(st api.Status) string {
	d := st.Debt(api.DebtTotal)
	if d <= 0 {
		return ""
	}
	// Exact below 10 min: "2 min" for 75 s read wrong once 15 s was paid.
	t := duration.Approx(d)
	if d < 10*time.Minute {
		t = duration.Format(d)
	}
	return i18n.X("status.debt", "Break debt {{.T}}", map[string]any{"T": t})
}

// NoSkipsLeft says that Skip is gone for the day, and why: "No skips left
// today (3 used)" (the tray, status and the card window).
func NoSkipsLeft(used int) string {
	return i18n.X("status.skips.none", "No skips left today ({{.Used}} used)", map[string]any{"Used": used})
}

// SkipsLine says how many skips are left today ("" without a budget).
func SkipsLine(st api.Status) string {
	if st.SkipsLeftToday < 0 || st.Strict { // strict mode has no skipping at all
		return ""
	}
	if st.SkipsLeftToday == 0 {
		return NoSkipsLeft(st.SkipsUsedToday)
	}
	return i18n.X("status.skips.left", "Skips left today: {{.Left}} of {{.Budget}}", map[string]any{
		"Left": st.SkipsLeftToday, "Budget": st.SkipsLeftToday + st.SkipsUsedToday})
}

// Write prints the status for people, one fact a line.
func Write(w io.Writer, st api.Status, explain bool) {
	var b strings.Builder
	fmt.Fprintln(&b, SittingLine(st))
	if st.DailyLimitSeconds > 0 {
		fmt.Fprintln(&b, i18n.X("status.limit", "Daily limit: {{.Limit}}", map[string]any{"Limit": duration.Clock(secs(st.DailyLimitSeconds))}))
	}
	if st.TodayAfterHoursSeconds > 0 {
		fmt.Fprintln(&b, i18n.X("status.afterhours", "After hours today: {{.T}}", map[string]any{"T": duration.Clock(secs(st.TodayAfterHoursSeconds))}))
	}
	switch {
	case st.Paused && st.PausedUntil != nil:
		fmt.Fprintln(&b, i18n.X("status.paused.until", "Paused until {{.T}}", map[string]any{"T": i18n.WeekdayTime(st.PausedUntil.Local())}))
	case st.Paused:
		fmt.Fprintln(&b, i18n.X("status.paused", "Paused"))
	case !st.InWorkingHours:
		fmt.Fprintln(&b, i18n.X("status.offhours", "Outside working hours: no breaks"))
	case st.Away:
		fmt.Fprintln(&b, i18n.X("status.away", "Away"))
	case st.Active && secs(st.IdleSeconds) < schedule.LullGap:
		// Still counted as active up to IdleAfter, but a pause of LullGap
		// is already a pause to the user: say idle, as the break does.
		fmt.Fprintln(&b, i18n.X("status.active", "Active"))
	default:
		fmt.Fprintln(&b, i18n.X("status.idle", "Idle for {{.T}}", map[string]any{"T": duration.Approx(secs(st.IdleSeconds))}))
	}
	if h := HoldLine(st); h != "" {
		fmt.Fprintln(&b, h)
	}
	for _, br := range st.Breaks {
		fmt.Fprintln(&b, "  "+BreakLineIn(st, br))
	}
	if st.Phase != "" {
		fmt.Fprintln(&b, i18n.X("status.phase", "Cycle: {{.Phase}}, {{.Left}} left", map[string]any{"Phase": st.Phase, "Left": duration.Approx(secs(st.PhaseRemainingSeconds))}))
	}
	if l := SkipsLine(st); l != "" {
		fmt.Fprintln(&b, l)
	}
	if l := DebtLine(st); l != "" {
		fmt.Fprintln(&b, l)
	}
	if len(st.Profiles) > 0 {
		fmt.Fprintln(&b, ProfileLine(st))
	}
	if st.GlassGoal > 0 {
		fmt.Fprintln(&b, i18n.XN("status.glasses", "Water: {{.Drunk}} of {{.N}} glasses", st.GlassGoal, map[string]any{"Drunk": st.Glasses, "N": st.GlassGoal}))
	}
	act := st.Activity
	if st.ActivityError != "" {
		act += " (" + st.ActivityError + ")"
	}
	if st.Activity == "none" {
		act = i18n.X("status.activity.none", "none: no idle-time source works on this desktop, so wall-clock time counts as sitting")
	}
	fmt.Fprintln(&b, i18n.X("status.activity", "activity: {{.A}}", map[string]any{"A": act}))
	if len(st.Signals) > 0 {
		fmt.Fprintln(&b, i18n.X("status.signals", "signals: {{.S}}", map[string]any{"S": strings.Join(st.Signals, ", ")}))
	}
	if st.Presence != "" {
		fmt.Fprintln(&b, i18n.X("status.presence", "presence: {{.P}}", map[string]any{"P": st.Presence}))
	}
	if explain && len(st.SignalsOff) > 0 {
		// One per line: each carries its own error, and joined they made
		// one unreadable line.
		fmt.Fprintln(&b, i18n.X("status.signals_off_head", "signals off:"))
		for _, s := range st.SignalsOff {
			fmt.Fprintln(&b, "  "+s)
		}
	}
	if st.Tray != "" {
		fmt.Fprintln(&b, i18n.X("status.tray", "tray: {{.T}}", map[string]any{"T": st.Tray}))
	}
	for _, p := range st.Problems {
		fmt.Fprintln(&b, i18n.X("status.problem", "problem: {{.P}}", map[string]any{"P": p}))
	}
	if explain {
		if w := whyText(st); w != "" {
			fmt.Fprintln(&b, i18n.X("status.why", "why: {{.W}}", map[string]any{"W": w}))
		}
		for _, br := range st.Breaks {
			if d := st.Debt(string(br.Kind)); d > 0 {
				fmt.Fprintln(&b, i18n.X("status.debt.kind", "  {{.Kind}} debt {{.T}}: its next break is longer by up to half its length until it is paid", map[string]any{
					"Kind": br.Kind, "T": duration.Format(d)}))
			}
		}
		for _, br := range st.Breaks {
			if !br.LastReset.IsZero() {
				fmt.Fprintln(&b, i18n.X("status.reset", "  {{.Kind}} last reset {{.At}} ({{.Reason}})", map[string]any{
					"Kind": kinds.Label(br.Kind), "At": br.LastReset.Local().Format("15:04:05"), "Reason": resetReason(br.LastResetReason)}))
			}
		}
	}
	io.WriteString(w, b.String())
}

// resetReason is the core's reason for a timer reset ("done", "natural",
// "not taken with stretch") in the user's language; an unknown one as it
// is.
func resetReason(r string) string {
	switch r {
	case "start":
		return i18n.X("status.reason.start", "start")
	case "natural":
		return i18n.X("status.reason.natural", "natural break")
	case "done":
		return i18n.X("status.reason.done", "done")
	case "short":
		return i18n.X("status.reason.short", "too short")
	case "skipped":
		return i18n.X("status.reason.skipped", "skipped")
	case "closed early":
		return i18n.X("status.reason.closed", "closed early")
	}
	if big, ok := strings.CutPrefix(r, "not taken with "); ok {
		return i18n.X("status.reason.with", "taken with {{.Kind}}", map[string]any{"Kind": kinds.Label(schedule.Kind(big))})
	}
	return r
}

// whyText is the core's explanation of the activity state in the user's
// language, from its parts; the timer resets follow on lines of their
// own. A daemon that sends no parts (an older one) is quoted as it is.
func whyText(st api.Status) string {
	p := st.WhyParts
	if p == nil {
		return st.Why
	}
	secs := func(n int64) string { return duration.Format(time.Duration(n) * time.Second) }
	var w string
	switch p.State {
	case "present":
		w = i18n.X("status.why.present", "sitting: present without input (a call, video or presentation), which counts as sitting")
	case "no-source":
		w = i18n.X("status.why.no_source", "sitting: no idle source is available, so all time counts as sitting")
	case "input":
		w = i18n.X("status.why.input", "sitting: last input {{.Idle}} ago, under the {{.Limit}} idle threshold",
			map[string]any{"Idle": secs(p.IdleSeconds), "Limit": secs(p.IdleAfterSeconds)})
	case "resuming":
		w = i18n.X("status.why.resuming", "away, but input just resumed: it counts as sitting once it goes on for {{.T}}",
			map[string]any{"T": secs(p.ActiveAfterSeconds)})
	case "away":
		cause := map[string]func() string{
			"start": func() string { return i18n.X("status.why.cause.start", "just started") },
			"locked": func() string {
				return i18n.X("status.why.cause.locked", "the screen is locked or the machine is going to sleep")
			},
			"no-input": func() string { return i18n.X("status.why.cause.no_input", "no keyboard or pointer input") },
			"asleep":   func() string { return i18n.X("status.why.cause.asleep", "the machine was asleep") },
			"stopped":  func() string { return i18n.X("status.why.cause.stopped", "observations stopped") },
		}[p.AwayCause]
		if cause == nil {
			return st.Why
		}
		w = i18n.X("status.why.away", "away for {{.T}}: {{.Cause}}", map[string]any{"T": secs(p.AwaySeconds), "Cause": cause()})
	default:
		return st.Why
	}
	switch {
	case st.Paused && st.PausedUntil == nil:
		w += i18n.X("status.why.paused", "; paused until resumed")
	case st.Paused:
		w += i18n.X("status.why.paused_until", "; paused until {{.T}}", map[string]any{"T": st.PausedUntil.Local().Format("15:04")})
	case !st.InWorkingHours:
		w += i18n.X("status.why.off_hours", "; outside working hours")
	}
	return w
}

// ProfileLine says which profile is on and how it was chosen: "Profile:
// home (automatic)".
func ProfileLine(st api.Status) string {
	name := st.Profile
	if name == settings.DefaultProfile || name == "" {
		name = i18n.X("status.profile.main", "main settings")
	}
	if st.ProfileAuto {
		return i18n.X("status.profile.line_auto", "Profile: {{.Name}} (automatic)", map[string]any{"Name": name})
	}
	return i18n.X("status.profile.line_hand", "Profile: {{.Name}} (chosen by hand)", map[string]any{"Name": name})
}
