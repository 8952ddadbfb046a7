// Package status is the daemon's state as the outside sees it: the reply to
// `limber status`, what the tray menu is computed from, and how both are
// written for people.
package status

import (
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
)

// Status is the reply of the `status` command. JSON field names are an
// interface for scripts: add fields, never rename them.
type Status struct {
	Version string    `json:"version"`
	PID     int       `json:"pid"`
	Now     time.Time `json:"now"`
	// Activity names the idle source ("x11-screensaver", "none", ...).
	Activity      string `json:"activity"`
	ActivityError string `json:"activity_error,omitempty"`
	// Signals lists the live presence signals (logind, screensaver, fullscreen, ...).
	Signals        []string `json:"signals,omitempty"`
	Active         bool     `json:"active"`
	IdleSeconds    int64    `json:"idle_seconds"`
	PresentNoInput bool     `json:"present_without_input"`
	Away           bool     `json:"away"`
	// Sitting: this session, today (inside working hours) and after hours.
	SessionSeconds         int64      `json:"session_seconds"`
	TodaySeconds           int64      `json:"today_seconds"`
	TodayAfterHoursSeconds int64      `json:"today_after_hours_seconds"`
	DailyLimitSeconds      int64      `json:"daily_limit_seconds"`
	Paused                 bool       `json:"paused"`
	PausedUntil            *time.Time `json:"paused_until,omitempty"`
	InWorkingHours         bool       `json:"in_working_hours"`
	Strict                 bool       `json:"strict"`
	Breaks                 []Break    `json:"breaks"`
	Phase                  string     `json:"phase,omitempty"`
	PhaseRemainingSeconds  int64      `json:"phase_remaining_seconds,omitempty"`
	Glasses                int        `json:"glasses_today"`
	GlassGoal              int        `json:"glass_goal"`
	// Tray says whether a tray host shows the icon.
	Tray string `json:"tray"`
	// Problems are things the user should fix (a bad config line, a bad card file).
	Problems []string `json:"problems,omitempty"`
	// Why explains the activity state and the last timer resets.
	Why string `json:"why,omitempty"`
}

// Break is one break track.
type Break struct {
	Kind             string    `json:"kind"`
	Enabled          bool      `json:"enabled"`
	IntervalSeconds  int64     `json:"interval_seconds"`
	LengthSeconds    int64     `json:"length_seconds"`
	RemainingSeconds int64     `json:"remaining_seconds"`
	Due              bool      `json:"due"`
	Held             bool      `json:"held"`
	LastReset        time.Time `json:"last_reset,omitempty"`
	LastResetReason  string    `json:"last_reset_reason,omitempty"`
}

// Clock formats a duration as H:MM, the way the tray shows sitting time.
func Clock(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	m := int64(d / time.Minute)
	return fmt.Sprintf("%d:%02d", m/60, m%60)
}

// Short formats a duration for people: "45 s", "12 min", "1 h 05 min".
func Short(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s", int64(d.Round(time.Second)/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int64(d.Round(time.Minute)/time.Minute))
	default:
		m := int64(d.Round(time.Minute) / time.Minute)
		return fmt.Sprintf("%d h %02d min", m/60, m%60)
	}
}

// KindLabel is a break kind's name for people.
func KindLabel(kind string) string {
	switch kind {
	case "posture":
		return lang.X("kind.posture", "Posture check")
	case "hydration":
		return lang.X("kind.hydration", "Drink water")
	case "stretch":
		return lang.X("kind.stretch", "Stretch")
	case "movement":
		return lang.X("kind.movement", "Move")
	}
	return kind
}

func secs(n int64) time.Duration { return time.Duration(n) * time.Second }

// SittingLine is the tray's first line: "Sitting 0:42 · today 3:10".
func SittingLine(st Status) string {
	return lang.X("status.sitting", "Sitting {{.Session}} · today {{.Today}}", map[string]any{
		"Session": Clock(secs(st.SessionSeconds)), "Today": Clock(secs(st.TodaySeconds)),
	})
}

// BreakLine says when one break is next due.
func BreakLine(b Break) string {
	name := KindLabel(b.Kind)
	switch {
	case !b.Enabled:
		return lang.X("status.break.off", "{{.Name}}: off", map[string]any{"Name": name})
	case b.Held:
		return lang.X("status.break.held", "{{.Name}}: waiting until your call or presentation ends", map[string]any{"Name": name})
	case b.Due:
		return lang.X("status.break.due", "{{.Name}}: due now", map[string]any{"Name": name})
	}
	return lang.X("status.break.in", "{{.Name}} in {{.In}}", map[string]any{"Name": name, "In": Short(secs(b.RemainingSeconds))})
}

// Write prints the status for people, one fact a line.
func Write(w io.Writer, st Status, explain bool) {
	var b strings.Builder
	fmt.Fprintln(&b, SittingLine(st))
	if st.DailyLimitSeconds > 0 {
		fmt.Fprintln(&b, lang.X("status.limit", "Daily limit: {{.Limit}}", map[string]any{"Limit": Clock(secs(st.DailyLimitSeconds))}))
	}
	if st.TodayAfterHoursSeconds > 0 {
		fmt.Fprintln(&b, lang.X("status.afterhours", "After hours today: {{.T}}", map[string]any{"T": Clock(secs(st.TodayAfterHoursSeconds))}))
	}
	switch {
	case st.Paused && st.PausedUntil != nil:
		fmt.Fprintln(&b, lang.X("status.paused.until", "Paused until {{.T}}", map[string]any{"T": st.PausedUntil.Local().Format("Mon 15:04")}))
	case st.Paused:
		fmt.Fprintln(&b, lang.X("status.paused", "Paused"))
	case !st.InWorkingHours:
		fmt.Fprintln(&b, lang.X("status.offhours", "Outside working hours: no breaks"))
	case st.Away:
		fmt.Fprintln(&b, lang.X("status.away", "Away"))
	case st.Active:
		fmt.Fprintln(&b, lang.X("status.active", "Active"))
	default:
		fmt.Fprintln(&b, lang.X("status.idle", "Idle for {{.T}}", map[string]any{"T": Short(secs(st.IdleSeconds))}))
	}
	for _, br := range st.Breaks {
		fmt.Fprintln(&b, "  "+BreakLine(br))
	}
	if st.Phase != "" {
		fmt.Fprintln(&b, lang.X("status.phase", "Cycle: {{.Phase}}, {{.Left}} left", map[string]any{"Phase": st.Phase, "Left": Short(secs(st.PhaseRemainingSeconds))}))
	}
	if st.GlassGoal > 0 {
		fmt.Fprintln(&b, lang.X("status.glasses", "Water: {{.N}} of {{.Goal}} glasses", map[string]any{"N": st.Glasses, "Goal": st.GlassGoal}))
	}
	act := st.Activity
	if st.ActivityError != "" {
		act += " (" + st.ActivityError + ")"
	}
	if st.Activity == "none" {
		act = lang.X("status.activity.none", "none: no idle-time source works on this desktop, so wall-clock time counts as sitting")
	}
	fmt.Fprintln(&b, lang.X("status.activity", "activity: {{.A}}", map[string]any{"A": act}))
	if len(st.Signals) > 0 {
		fmt.Fprintln(&b, lang.X("status.signals", "signals: {{.S}}", map[string]any{"S": strings.Join(st.Signals, ", ")}))
	}
	if st.Tray != "" {
		fmt.Fprintln(&b, lang.X("status.tray", "tray: {{.T}}", map[string]any{"T": st.Tray}))
	}
	for _, p := range st.Problems {
		fmt.Fprintln(&b, lang.X("status.problem", "problem: {{.P}}", map[string]any{"P": p}))
	}
	if explain {
		if st.Why != "" {
			fmt.Fprintln(&b, lang.X("status.why", "why: {{.W}}", map[string]any{"W": st.Why}))
		}
		for _, br := range st.Breaks {
			if !br.LastReset.IsZero() {
				fmt.Fprintln(&b, lang.X("status.reset", "  {{.Kind}} last reset {{.At}} ({{.Reason}})", map[string]any{
					"Kind": br.Kind, "At": br.LastReset.Local().Format("15:04:05"), "Reason": br.LastResetReason}))
			}
		}
	}
	io.WriteString(w, b.String())
}
