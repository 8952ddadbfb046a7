package cli

import (
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/limber-app/limber/internal/duration"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/paths"
)

// openHistory opens the history read-only: from --db when given (hidden,
// for tests and demos), else paths.HistoryFile(). It works with or without
// the daemon running.
func openHistory(db string) (*history.Store, error) {
	if db == "" {
		p, err := paths.HistoryFile()
		if err != nil {
			return nil, err
		}
		db = p
	}
	return history.OpenReadOnly(db)
}

// historyErr prints why the history could not be read, for people.
func historyErr(env *Env, cmd string, err error) int {
	if errors.Is(err, history.ErrNoHistory) {
		fmt.Fprintln(env.Stderr, i18n.X("stats.cli.none", "limber {{.Cmd}}: nothing recorded yet. Limber records breaks, sitting time and water while it runs (start it with `limber`).", map[string]any{"Cmd": cmd}))
		return ExitFailed
	}
	fmt.Fprintf(env.Stderr, "limber %s: %v\n", cmd, err)
	return ExitFailed
}

func cmdStats(args []string, env *Env) int {
	const usage = "stats [--days N] [--json]"
	fs := newFlags("stats", usage, env)
	days := fs.Int("days", 14, i18n.X("cli.flag.days", "how many days to show, today included (1 to 3660)"))
	asJSON := fs.Bool("json", false, i18n.X("cli.flag.json_seconds", "print JSON for scripts (durations in seconds)"))
	db := fs.String("db", "", i18n.X("cli.flag.db", "read this history file instead of the usual one"))
	if done, code := parse(fs, args, env); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageErr(env, usage, "%s", i18n.X("cli.stats.args", "stats takes no arguments, got {{.Arg}}", map[string]any{"Arg": fmt.Sprintf("%q", fs.Arg(0))}))
	}
	if *days < 1 || *days > history.MaxDays {
		return usageErr(env, usage, "%s", i18n.X("cli.stats.days", "--days must be between 1 and {{.Max}}, got {{.N}}", map[string]any{"Max": history.MaxDays, "N": *days}))
	}
	s, err := openHistory(*db)
	if err != nil {
		return historyErr(env, "stats", err)
	}
	defer s.Close()
	goals, _, err := s.Goals()
	if err != nil {
		return historyErr(env, "stats", err)
	}
	st, err := s.Stats(time.Now(), *days, time.Local, goals)
	if err != nil {
		return historyErr(env, "stats", err)
	}
	if *asJSON {
		return writeJSON(env, "stats", StatsReport(st))
	}
	if err := WriteStats(env.Stdout, st); err != nil {
		fmt.Fprintf(env.Stderr, "limber stats: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}

// StatsJSON is `limber stats --json`: durations in whole seconds, dates as
// YYYY-MM-DD, times ISO 8601 with offset.
type StatsJSON struct {
	At    string         `json:"at"`
	Goals GoalsJSON      `json:"goals"`
	Today DayJSON        `json:"today"`
	Days  []DayJSON      `json:"days"`
	Kinds []KindJSON     `json:"kinds"`
	Total TotalsJSONPart `json:"total"`
	// Streak: days in a row meeting the goals (days with nothing recorded skipped).
	Streak int `json:"streak"`
}

// GoalsJSON are the goals days were judged against.
type GoalsJSON struct {
	DailyLimitS int64   `json:"daily_limit_s"`
	Glasses     int     `json:"glasses"`
	BreakShare  float64 `json:"break_share"`
	DayStart    string  `json:"day_start"`
}

// BreaksJSON are break outcomes.
type BreaksJSON struct {
	Done        int `json:"done"`
	Natural     int `json:"natural"`
	Skipped     int `json:"skipped"`
	Snoozed     int `json:"snoozed"`
	ClosedEarly int `json:"closed_early"`
	Short       int `json:"short"`
}

// DayJSON is one day.
type DayJSON struct {
	Date          string     `json:"date"`
	SittingS      int64      `json:"sitting_s"`
	AfterHoursS   int64      `json:"after_hours_s"`
	PausedS       int64      `json:"paused_s"`
	Glasses       int        `json:"glasses"`
	Breaks        BreaksJSON `json:"breaks"`
	LimitWarnings int        `json:"limit_warnings"`
	// The break debt made that day, what was paid back of it, and the
	// skips of the daily budget spent.
	DebtS       int64 `json:"debt_s"`
	RepaidS     int64 `json:"repaid_s"`
	BudgetSkips int   `json:"budget_skips"`
	Active      bool  `json:"active"`
	MetGoals    bool  `json:"met_goals"`
}

// KindJSON is one kind's compliance; Share is null when no break of the
// kind was decided.
type KindJSON struct {
	Kind   string     `json:"kind"`
	Breaks BreaksJSON `json:"breaks"`
	Share  *float64   `json:"share"`
}

// TotalsJSONPart sums the window.
type TotalsJSONPart struct {
	SittingS    int64      `json:"sitting_s"`
	AfterHoursS int64      `json:"after_hours_s"`
	Glasses     int        `json:"glasses"`
	ActiveDays  int        `json:"active_days"`
	Breaks      BreaksJSON `json:"breaks"`
}

func breaksJSON(c history.Counts) BreaksJSON {
	return BreaksJSON{c.Done, c.Natural, c.Skipped, c.Snoozed, c.ClosedEarly, c.Short}
}

func dayJSON(d history.Day) DayJSON {
	return DayJSON{
		Date: d.Date, SittingS: int64(d.Sitting / time.Second), AfterHoursS: int64(d.AfterHours / time.Second),
		PausedS: int64(d.Paused / time.Second), Glasses: d.Glasses, Breaks: breaksJSON(d.Breaks),
		LimitWarnings: d.LimitWarnings, Active: d.Active, MetGoals: d.Met,
		DebtS: int64(d.Debt / time.Second), RepaidS: int64(d.Repaid / time.Second), BudgetSkips: d.SkipsSpent,
	}
}

// StatsReport converts Stats to the --json form.
func StatsReport(st history.Stats) StatsJSON {
	r := StatsJSON{
		At: st.At.Format(history.TimeLayout),
		Goals: GoalsJSON{
			DailyLimitS: int64(st.Goals.DailyLimit / time.Second), Glasses: st.Goals.Glasses,
			BreakShare: st.Goals.BreakShare, DayStart: fmt.Sprintf("%02d:%02d", int(st.Goals.DayStart.Hours()), int(st.Goals.DayStart.Minutes())%60),
		},
		Today:  dayJSON(st.Today),
		Streak: st.Streak,
		Total: TotalsJSONPart{
			SittingS: int64(st.Sitting / time.Second), AfterHoursS: int64(st.AfterHours / time.Second),
			Glasses: st.Glasses, ActiveDays: st.ActiveDays, Breaks: breaksJSON(st.Totals),
		},
	}
	for _, d := range st.Days {
		r.Days = append(r.Days, dayJSON(d))
	}
	for _, k := range st.Kinds {
		kj := KindJSON{Kind: string(k.Kind), Breaks: breaksJSON(k.Counts)}
		if sh, ok := k.Share(); ok {
			kj.Share = &sh
		}
		r.Kinds = append(r.Kinds, kj)
	}
	return r
}

// WriteStats prints the figures for people.
func WriteStats(w io.Writer, st history.Stats) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	t := st.Today
	fmt.Fprintln(tw, i18n.X("stats.cli.today", "Today ({{.D}})", map[string]any{"D": i18n.ShortDate(t.Start)}))
	sit := duration.Minutes(t.Sitting)
	if st.Goals.DailyLimit > 0 {
		sit = i18n.X("stats.cli.sitting_of", "{{.S}} of {{.L}} limit", map[string]any{"S": sit, "L": duration.Minutes(st.Goals.DailyLimit)})
	}
	if t.AfterHours > 0 {
		sit += "  " + i18n.X("stats.cli.after_hours", "(after hours: {{.A}})", map[string]any{"A": duration.Minutes(t.AfterHours)})
	}
	fmt.Fprintf(tw, "  %s\t%s\n", i18n.X("stats.cli.sitting", "Sitting"), sit)
	fmt.Fprintf(tw, "  %s\t%s\n", i18n.X("stats.cli.breaks", "Breaks"), i18n.X("stats.cli.breaks_line",
		"{{.Done}}, {{.Natural}}, {{.Short}}, {{.Skipped}}, {{.Snoozed}}, {{.Closed}}",
		t.Breaks.Words()))
	var water string
	if st.Goals.Glasses > 0 {
		water = i18n.XN("stats.cli.glasses_of", "{{.Drunk}} of {{.N}} glasses", st.Goals.Glasses, map[string]any{"Drunk": t.Glasses, "N": st.Goals.Glasses})
	} else {
		water = i18n.XN("stats.cli.glasses", "{{.N}} glasses", t.Glasses, map[string]any{"N": t.Glasses})
	}
	fmt.Fprintf(tw, "  %s\t%s\n", i18n.X("stats.cli.water", "Water"), water)
	if t.LimitWarnings > 0 {
		fmt.Fprintf(tw, "  %s\t%d\n", i18n.X("stats.cli.limit_warnings", "Limit warnings"), t.LimitWarnings)
	}
	if t.Debt > 0 {
		fmt.Fprintf(tw, "  %s\t%s\n", i18n.X("stats.cli.debt", "Break debt"), debtLine(t.Debt, t.Repaid))
	}
	if t.SkipsSpent > 0 {
		fmt.Fprintf(tw, "  %s\t%s\n", i18n.X("stats.cli.skip_budget", "Skip budget"), skipsLine(t.SkipsSpent, t.Breaks.Skipped))
	}
	fmt.Fprintf(tw, "  %s\t%s\n", i18n.X("stats.cli.streak", "Streak"),
		i18n.XN("stats.cli.streak_days", "{{.N}} days meeting your goals", st.Streak, map[string]any{"N": st.Streak}))
	fmt.Fprintln(tw)

	fmt.Fprintln(tw, i18n.XN("stats.cli.last_days", "Last {{.N}} days", len(st.Days), map[string]any{"N": len(st.Days)}))
	fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\n",
		i18n.X("stats.cli.col.day", "Day"), i18n.X("stats.cli.col.sitting", "Sitting"), i18n.X("stats.cli.col.after", "After hours"),
		i18n.X("stats.cli.col.glasses", "Glasses"), i18n.X("stats.cli.col.breaks", "Breaks taken"), i18n.X("stats.cli.col.debt", "Break debt"),
		i18n.X("stats.cli.col.goals", "Goals"))
	for _, d := range st.Days {
		if !d.Active {
			fmt.Fprintf(tw, "  %s\t-\t-\t-\t-\t-\t\n", i18n.ShortDate(d.Start))
			continue
		}
		debt := "-"
		if d.Debt > 0 {
			debt = duration.Debt(d.Debt)
		}
		met := ""
		if d.Met {
			met = i18n.X("stats.cli.met", "met")
		}
		after := "-"
		if d.AfterHours > 0 {
			after = duration.Minutes(d.AfterHours)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\t%d/%d\t%s\t%s\n", i18n.ShortDate(d.Start), duration.Minutes(d.Sitting),
			after, d.Glasses, d.Breaks.Taken(), d.Breaks.Decided(), debt, met)
	}
	fmt.Fprintln(tw)

	fmt.Fprintln(tw, i18n.X("stats.cli.by_kind", "Breaks by kind (taken of those done, natural, too short, skipped or closed early)"))
	for _, k := range st.Kinds {
		share := "-"
		if sh, ok := k.Share(); ok {
			share = fmt.Sprintf("%.0f%%", sh*100)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", kinds.Label(k.Kind), share, i18n.X("stats.cli.kind_line",
			"{{.Done}}, {{.Natural}}, {{.Short}}, {{.Skipped}}, {{.Snoozed}}, {{.Closed}}",
			k.Words()))
	}
	return tw.Flush()
}

// debtLine is a day's break debt; what was paid back only when something
// was ("0 min paid back" read like a reproach for nothing).
func debtLine(debt, repaid time.Duration) string {
	if repaid <= 0 {
		return i18n.X("stats.cli.debt_owed", "{{.D}} owed", map[string]any{"D": duration.Debt(debt)})
	}
	return i18n.X("stats.cli.debt_owed_paid", "{{.D}} owed, {{.P}} paid back", map[string]any{"D": duration.Debt(debt), "P": duration.Debt(repaid)})
}

// skipsLine is how many skips of the daily budget were used. The breaks
// line counts every break skipped, a posture check or one merged into the
// skipped break included; the budget counts one per Skip of a stretch or
// movement break. When the two differ it says why, so "2 skipped" and
// "1 used" do not read as a contradiction.
func skipsLine(spent, skipped int) string {
	if skipped == spent {
		return i18n.XN("stats.cli.skips_used", "{{.N}} used", spent, map[string]any{"N": spent})
	}
	return i18n.XN("stats.cli.skips_used_why", "{{.N}} used (breaks skipped together count once; posture checks and water do not count)", spent, map[string]any{"N": spent})
}
