package daemon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/limber-app/limber/internal/autostart"
	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/ipc"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
)

// useSettingsLocked makes s the settings in use (called with d.mu held, or
// before Run). The core's configuration is set by the caller.
func (d *Daemon) useSettingsLocked(s settings.Settings, probs []settings.Problem) {
	d.cur = s
	d.notifyOnly = map[schedule.Kind]bool{}
	for _, k := range schedule.AllKinds() {
		if b := s.Break(k); b != nil && b.Style == settings.StyleNotification {
			d.notifyOnly[k] = true
		}
	}
	d.allowed = cards.PositionsFrom(s.Positions.Allowed())
	d.settingsProblem = settings.Summary(probs)
	if d.opts.History != nil {
		d.record("goals", d.opts.History.SetGoals(history.Goals{
			DailyLimit: s.DailyLimit, Glasses: s.HydrationGoal, BreakShare: 0.5, DayStart: s.Advanced.DayStart}))
	}
}

// applySettings switches the running core to s.
func (d *Daemon) applySettings(s settings.Settings, probs []settings.Problem) {
	now := d.now().Round(0)
	d.mu.Lock()
	langChanged := s.Language != d.cur.Language
	events, err := d.sched.SetConfig(s.Schedule(), now)
	if err != nil {
		// Settings validate before they get here; a refusal means the two
		// validations disagree, so keep the old configuration and say so.
		d.settingsProblem = fmt.Sprintf("the settings could not be applied: %v", err)
		d.mu.Unlock()
		d.logf("applying settings: %v", err)
		return
	}
	startChanged := s.StartAtLogin != d.cur.StartAtLogin
	d.useSettingsLocked(s, probs)
	d.lastMenu = ""
	d.mu.Unlock()
	if startChanged {
		d.syncAutostart(s.StartAtLogin)
	}
	if langChanged {
		if err := i18n.Init(s.Language); err != nil {
			d.logf("switching language: %v", err)
		}
	}
	d.act(events)
	d.refreshTray()
	d.poke()
}

// onSettingsFile handles a hand edit of the settings file: valid settings
// apply at once; a mistake keeps the settings in use and is explained once
// per edit (notification, tray line, status).
func (d *Daemon) onSettingsFile(u settings.Update) {
	if u.OK() {
		d.logf("settings file changed: applied")
		d.applySettings(u.Settings, nil)
		return
	}
	var msg string
	if u.Err != nil {
		msg = lang.X("daemon.settings.unreadable", "The settings file cannot be read ({{.Err}}); the previous settings stay in use.", map[string]any{"Err": u.Err.Error()})
	} else {
		msg = settings.Summary(u.Problems)
	}
	d.mu.Lock()
	d.settingsProblem = msg
	d.lastMenu = ""
	d.mu.Unlock()
	d.notify(trSettingsProblemTitle(), msg)
	d.refreshTray()
}

// syncAutostart makes start at login match the setting (a hand edit of
// start_at_login, or a save from the window, takes effect like any other).
func (d *Daemon) syncAutostart(on bool) {
	if d.opts.Settings == nil {
		return // a daemon without a settings file (tests) leaves the desktop alone
	}
	exe, err := autostart.Executable()
	if err != nil {
		d.logf("start at login: %v", err)
		return
	}
	if st, err := autostart.Get(exe); err == nil && st.Enabled == on && !st.Stale {
		return
	}
	if err := autostart.Set(on, exe); err != nil {
		d.notify(trSettingsProblemTitle(), err.Error())
	}
}

// restoreToday reseeds today's sitting from the journal after a restart,
// so the daily total and limit survive `limber quit` and crashes.
func (d *Daemon) restoreToday(now time.Time) {
	h := d.opts.History
	if h == nil {
		return
	}
	st, err := h.Stats(now, 1, time.Local, history.Goals{DayStart: d.cur.Advanced.DayStart})
	if err != nil {
		d.logf("reading today's history: %v", err)
		return
	}
	d.glasses = st.Today.Glasses
	if err := d.sched.RestoreToday(st.Today.Sitting, st.Today.AfterHours, now); err != nil {
		d.logf("restoring today's sitting: %v", err)
	}
}

// Notices tells the user once, at start, about problems found while
// loading: the settings file, own card files, a damaged history.
func (d *Daemon) Notices() {
	d.mu.Lock()
	sp := d.settingsProblem
	d.mu.Unlock()
	if sp != "" {
		d.notify(trSettingsProblemTitle(), sp)
	}
	if d.opts.Cards != nil {
		if n := cards.ProblemsNotice(d.opts.Cards.Problems()); n != "" {
			d.notify(trCardsProblemTitle(), n)
		}
	}
	if d.opts.History != nil {
		if n := d.opts.History.MovedAsideNotice(); n != "" {
			d.notify(trHistoryProblemTitle(), n)
		}
	}
}

// problemsLocked lists what the user should fix, for status and the tray.
func (d *Daemon) problemsLocked() []string {
	var out []string
	if d.settingsProblem != "" {
		out = append(out, d.settingsProblem)
	}
	if d.opts.Cards != nil {
		for _, p := range d.opts.Cards.Problems() {
			out = append(out, p.Error())
		}
	}
	if d.opts.History != nil {
		if n := d.opts.History.MovedAsideNotice(); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// CardPickArgs and CardPickReply are the card window's `card_pick`.
type CardPickArgs struct {
	Kind          string   `json:"kind"`
	LengthSeconds int      `json:"length_seconds"`
	Exclude       []string `json:"exclude,omitempty"`
}

// CardPickReply names the card; empty when none fits.
type CardPickReply struct {
	CardID string `json:"card_id"`
}

// registerWiring adds the commands of settings, cards and statistics.
func (d *Daemon) registerWiring(srv *ipc.Server) {
	srv.Handle(settings.CmdGet, func(context.Context, json.RawMessage) (any, error) {
		if d.opts.Settings == nil {
			d.mu.Lock()
			defer d.mu.Unlock()
			return settings.GetReply{Settings: d.cur}, nil
		}
		return d.opts.Settings.Get(), nil
	})
	srv.Handle(settings.CmdSet, func(_ context.Context, args json.RawMessage) (any, error) {
		var a settings.SetArgs
		if err := decode(args, &a); err != nil {
			return nil, err
		}
		if d.opts.Settings == nil {
			return nil, errors.New("this daemon runs without a settings file")
		}
		s, err := d.opts.Settings.Set(a.Settings)
		if err != nil {
			return nil, err
		}
		d.applySettings(s, nil)
		return settings.SetReply{}, nil
	})
	srv.Handle("card_pick", func(_ context.Context, args json.RawMessage) (any, error) {
		var a CardPickArgs
		if err := decode(args, &a); err != nil {
			return nil, err
		}
		if err := checkKind(a.Kind, false); err != nil {
			return nil, err
		}
		if a.LengthSeconds < 0 {
			return nil, ipc.Usagef("length_seconds must not be negative")
		}
		c, ok := d.pickCard(schedule.Kind(a.Kind), time.Duration(a.LengthSeconds)*time.Second, a.Exclude)
		if !ok {
			return CardPickReply{}, nil
		}
		d.mu.Lock()
		if d.card != nil && string(d.card.kind) == a.Kind {
			d.card.cardID = c.ID
		}
		d.mu.Unlock()
		return CardPickReply{CardID: c.ID}, nil
	})
	srv.Handle("stats", func(_ context.Context, args json.RawMessage) (any, error) {
		var a history.StatsArgs
		if err := decode(args, &a); err != nil {
			return nil, err
		}
		if err := a.Check(); err != nil {
			return nil, ipc.Usagef("%v", err)
		}
		if d.opts.History == nil {
			return nil, errors.New("no history is kept in this session")
		}
		d.mu.Lock()
		cur := d.cur
		d.mu.Unlock()
		return d.opts.History.Stats(d.now(), a.Days, time.Local, history.Goals{
			DailyLimit: cur.DailyLimit, Glasses: cur.HydrationGoal, BreakShare: 0.5, DayStart: cur.Advanced.DayStart})
	})
}
