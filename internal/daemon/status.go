package daemon

import (
	"cmp"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/duration"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
	"github.com/limber-app/limber/internal/tray"
	"github.com/limber-app/limber/internal/version"
)

// status builds the status reply.
func (d *Daemon) status(explain bool) api.Status {
	return d.statusWith("", api.StatusArgs{Explain: explain})
}

// statusWith builds the status reply as a asks, its texts in language
// lang where the daemon writes them ("": its own).
func (d *Daemon) statusWith(lang string, a api.StatusArgs) api.Status {
	explain := a.Explain
	snap := d.sched.Snapshot()
	cfg := d.sched.Config()
	st := api.Status{
		Version: version.Version, PID: os.Getpid(), Now: d.lastObs.Wall,
		Activity:               d.opts.Source.Name(),
		Active:                 snap.Active,
		IdleSeconds:            int64(d.idle / time.Second),
		PresentNoInput:         d.lastObs.PresentNoInput,
		Away:                   d.lastObs.Away,
		SessionSeconds:         int64(snap.Session / time.Second),
		TodaySeconds:           int64(snap.Today / time.Second),
		TodayAfterHoursSeconds: int64(snap.TodayAfterHours / time.Second),
		DailyLimitSeconds:      int64(cfg.DailyLimit / time.Second),
		Paused:                 snap.Paused,
		InWorkingHours:         snap.InWorkHours,
		Strict:                 cfg.Strict,
		Phase:                  snap.Phase,
		PhaseRemainingSeconds:  int64(snap.PhaseRemaining / time.Second),
		Glasses:                d.glasses,
		GlassGoal:              d.cur.HydrationGoal,
		Tray:                   d.trayState(lang),
		Profile:                cmp.Or(d.profile, settings.DefaultProfile),
		Profiles:               d.file.ProfileNames(),
	}
	st.SkipsLeftToday, st.SkipsUsedToday = -1, snap.Budget.Used
	if snap.Budget.On {
		st.SkipsLeftToday = snap.Budget.Left
	}
	if st.Strict {
		st.SkipsLeftToday = 0 // strict mode refuses every skip, whatever the budget
	}
	st.DebtSeconds = map[string]int64{api.DebtTotal: int64(snap.Budget.Total() / time.Second)}
	for _, kd := range snap.Budget.Debt {
		st.DebtSeconds[string(kd.Kind)] = int64(kd.Debt / time.Second)
	}
	_, pinned := d.pinnedProfile()
	st.ProfileAuto = !pinned
	st.Problems, st.ProblemCount = d.problems(a.AllProblems)
	if d.srcErr != nil {
		st.ActivityError = d.srcErr.Error()
	}
	if r, ok := d.opts.Source.(interface{ Reason() string }); ok && explain && st.ActivityError == "" {
		st.ActivityError = r.Reason()
	}
	if d.opts.Presence != nil {
		st.Signals = d.opts.Presence.Sources()
		if w, ok := d.opts.Presence.(interface{ Why() string }); ok {
			st.Presence = w.Why()
		}
		if o, ok := d.opts.Presence.(interface{ Off() []string }); ok && explain {
			st.SignalsOff = o.Off()
		}
	}
	if snap.Paused && !snap.PausedUntil.IsZero() {
		u := snap.PausedUntil
		st.PausedUntil = &u
	}
	lengths := map[schedule.Kind]schedule.Track{}
	for _, t := range cfg.Tracks {
		lengths[t.Kind] = t
	}
	heldKind := map[schedule.Kind]bool{}
	for _, t := range snap.Tracks {
		heldKind[t.Kind] = t.Held
	}
	for _, t := range snap.Tracks {
		st.Breaks = append(st.Breaks, api.Break{
			Kind: t.Kind, Enabled: t.Enabled,
			IntervalSeconds:  int64(lengths[t.Kind].Interval / time.Second),
			LengthSeconds:    int64(lengths[t.Kind].Length / time.Second),
			RemainingSeconds: int64(t.Remaining / time.Second),
			// A break merged into a held one waits as long as it does:
			// held, whatever holds it (call, meeting, presence).
			CanSkip: t.CanSkip,
			Due:     t.Due, Held: t.Held || t.MergedInto != "" && heldKind[t.MergedInto], Waiting: t.Waiting, With: t.MergedInto,
			LastReset: t.LastReset, LastResetReason: t.LastResetReason,
		})
	}
	if h := snap.Hold; h != nil {
		st.Holding = &api.Holding{Reason: h.Reason, Event: h.Event}
		if !h.Until.IsZero() {
			u := h.Until
			st.Holding.Until = &u
		}
	}
	if explain {
		st.Why = snap.Why
		st.WhyParts = &api.WhyParts{
			State: snap.WhyState, AwayCause: snap.AwayCause,
			IdleSeconds:        int64(snap.Idle / time.Second),
			IdleAfterSeconds:   int64(cfg.IdleAfter / time.Second),
			ActiveAfterSeconds: int64(cfg.ActiveAfter / time.Second),
			AwaySeconds:        int64(snap.Away / time.Second),
		}
	}
	return st
}

// trayState says, live, whether a tray host shows the icon: hosts start
// late and restart, and the tray registers again with each.
func (d *Daemon) trayState(lang string) string {
	if d.tray == nil {
		return d.trayNote
	}
	if d.tray.Host() {
		return trTrayShown(lang)
	}
	return trTrayMissing(lang)
}

// refreshTray pushes a new menu when what it shows changed. The check is on
// the numbers the menu shows (minutes, or seconds under a minute), so most
// ticks build nothing: the idle loop stays cheap.
func (d *Daemon) refreshTray() {
	if d.tray == nil {
		return
	}
	st := d.status(false)
	key := menuKey(st)
	if key == d.lastMenu {
		return
	}
	d.lastMenu = key
	d.tray.Update(tray.Build(st))
}

// menuKey sums up what tray.Build shows of st.
func menuKey(st api.Status) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %d %t %v %t %s %t %d %d %d|", st.SessionSeconds/60, st.TodaySeconds/60, st.Paused, st.PausedUntil, st.Strict, st.Activity, len(st.Problems) > 0, st.Glasses, st.SkipsLeftToday, st.DebtSeconds[api.DebtTotal]/60)
	if h := st.Holding; h != nil {
		fmt.Fprintf(&b, "%s %v %s|", h.Reason, h.Until, h.Event)
	}
	fmt.Fprintf(&b, "%s %t %q|", st.Profile, st.ProfileAuto, st.Profiles)
	for _, br := range st.Breaks {
		fmt.Fprintf(&b, "%s %t %t %t %t %t %s|", br.Kind, br.Enabled, br.Due, br.Held, br.Waiting, br.CanSkip, duration.Approx(time.Duration(br.RemainingSeconds)*time.Second))
	}
	return b.String()
}
