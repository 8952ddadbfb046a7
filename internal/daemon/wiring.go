package daemon

import (
	"fmt"
	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/i18n"
	"time"
	"unicode/utf8"

	"github.com/limber-app/limber/internal/autostart"
	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/settings"
)

// CallSignals is a Presence whose call signals (microphone, camera)
// follow the settings.
type CallSignals interface {
	SetCalls(microphone, camera bool, ignore []string)
}

// useSettings makes s the settings in use. The core's configuration is
// set by the caller.
func (d *Daemon) useSettings(s settings.Settings, probs []settings.Problem) {
	d.cur = s
	if c, ok := d.opts.Presence.(CallSignals); ok {
		c.SetCalls(s.Calls.Microphone, s.Calls.Camera, s.Calls.IgnoreList())
	}
	d.cal.setPaths(s.Calendar.FileList())
	d.allowed = cards.PositionsFrom(s.Positions.Allowed())
	d.settingsProblem = d.settingsSummary(probs)
	d.lastMenu = ""
	if d.opts.History != nil {
		g := d.goals()
		d.opts.History.Upkeep(func(h *history.Store) error { return h.SetGoals(g) })
	}
}

// goals are the daily goals of the settings in use, as history counts them.
func (d *Daemon) goals() history.Goals {
	return history.Goals{DailyLimit: d.cur.DailyLimit, Glasses: d.cur.HydrationGoal, BreakShare: 0.5, DayStart: d.cur.Advanced.DayStart}
}

// applySettings switches the running core to s.
func (d *Daemon) applySettings(s settings.Settings, probs []settings.Problem) {
	now := d.now().Round(0)
	events, err := d.sched.SetConfig(s.Schedule(), now)
	if err != nil {
		// Settings are validated with the scheduler's own rules before
		// they get here; a refusal is a bug, so keep the old configuration
		// and say so.
		d.settingsProblem = fmt.Sprintf("the settings could not be applied: %v", err)
		d.logf("applying settings: %v", err)
		return
	}
	langChanged := s.Language != d.cur.Language
	startChanged := s.StartAtLogin != d.cur.StartAtLogin
	d.useSettings(s, probs)
	if startChanged {
		d.syncAutostart(s.StartAtLogin)
	}
	if langChanged {
		if err := i18n.Init(s.Language); err != nil {
			d.logf("switching language: %v", err)
		}
	}
	d.act(events, origin{})
	d.refreshTray()
	d.poke()
}

// onSettingsFile handles a hand edit of the settings file: valid settings
// apply at once; a mistake keeps the settings in use and is explained once
// per edit (notification, tray line, status).
func (d *Daemon) onSettingsFile(u settings.Update) {
	if u.System != nil {
		// The administrator's files: the user cannot fix them, so they go
		// to the log (and `limber config check`), not a notification.
		d.logf("system settings changed (%d sources, locked: %v)", len(u.System.Sources), u.System.LockedKeys())
		for _, p := range u.System.Problems {
			d.logf("system settings left out: %s", p)
		}
	}
	if u.OK() {
		d.logf("settings file changed: applied")
		d.useFile(u.File)
		return
	}
	var msg string
	switch {
	case u.Err != nil && d.usingDefaults():
		msg = i18n.X("daemon.settings.unreadable_defaults", "The settings file cannot be read ({{.Err}}); the default settings are in use until it can.", map[string]any{"Err": u.Err.Error()})
	case u.Err != nil:
		msg = i18n.X("daemon.settings.unreadable", "The settings file cannot be read ({{.Err}}); the previous settings stay in use.", map[string]any{"Err": u.Err.Error()})
	default:
		msg = d.settingsSummary(u.Problems)
	}
	d.settingsProblem = msg
	d.lastMenu = ""
	d.notify(trSettingsProblemTitle(), msg)
	d.refreshTray()
}

// usingDefaults reports whether the defaults are in use because the
// settings file has not loaded since the start (and no last good copy was
// kept): the messages then say so, not "the previous settings".
func (d *Daemon) usingDefaults() bool {
	return d.opts.Settings != nil && d.opts.Settings.UsingDefaults()
}

// settingsSummary says what is wrong with the file and which settings are in use.
func (d *Daemon) settingsSummary(probs []settings.Problem) string {
	if d.usingDefaults() {
		return settings.SummaryDefaults(probs)
	}
	return settings.Summary(probs)
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
	if d.opts.History == nil {
		return
	}
	h := d.opts.History.Store()
	if h == nil {
		return // not open: today starts from nothing, the problem says why
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
	// The skips spent and the debt survive a restart too: quitting is no
	// way round the budget.
	skips, debt, err := h.TodayBudget(now, time.Local, d.cur.Advanced.DayStart)
	if err == nil {
		err = d.sched.RestoreBudget(skips, debt, now)
	}
	if err != nil {
		d.logf("restoring today's skips and break debt: %v", err)
	}
}

// prune drops history older than the retention setting (0 keeps all). It
// runs at start and at each new day.
func (d *Daemon) prune(now time.Time) {
	days := d.cur.HistoryDays
	if days <= 0 {
		return
	}
	if d.opts.History == nil {
		return
	}
	logf := d.logf
	d.opts.History.Upkeep(func(h *history.Store) error {
		n, err := h.Prune(now.AddDate(0, 0, -days))
		if n > 0 {
			logf("history: pruned %d rows older than %d days", n, days)
		}
		return err
	})
}

// Notices tells the user once, at start, about problems found while
// loading: the settings file, own card files, a damaged history. Call it
// before Run.
func (d *Daemon) Notices() {
	if d.settingsProblem != "" {
		d.notify(trSettingsProblemTitle(), d.settingsProblem)
	}
	if d.opts.Cards != nil {
		if n := cards.ProblemsNotice(d.opts.Cards.Problems()); n != "" {
			d.notify(trCardsProblemTitle(), n)
		}
	}
	if d.opts.History != nil {
		if n := d.opts.History.Notice(); n != "" {
			d.notify(trHistoryProblemTitle(), n)
		}
	}
	d.noticeHistory()
}

// noticeHistory tells the user once, by notification, when the history
// starts failing (again).
func (d *Daemon) noticeHistory() {
	if d.opts.History == nil {
		return
	}
	if err, _, _, gen := d.opts.History.State(); err != nil && gen != d.historyGen {
		d.historyGen = gen
		d.notify(trHistoryFailTitle(), d.historyState())
	}
}

// historyState says what is wrong with the history and what is kept
// meanwhile ("" when it is written).
func (d *Daemon) historyState() string {
	err, queued, inFile, _ := d.opts.History.State()
	if err == nil {
		return ""
	}
	return trHistoryFailing(err, queued, inFile)
}

// problems lists what the user should fix, for status and the tray, and
// how many there are: the first few card problems then "… and N more", or
// (all) up to api.MaxProblems, each cut to api.MaxProblemLen, so the reply
// fits the socket's cap by design.
func (d *Daemon) problems(all bool) ([]string, int) {
	var out []string
	for _, p := range []string{d.settingsProblem, d.calendarProblem, d.historyProblem} {
		if p != "" {
			out = append(out, p)
		}
	}
	if d.opts.History != nil {
		if n := d.opts.History.Notice(); n != "" {
			out = append(out, n)
		}
		if n := d.historyState(); n != "" {
			out = append(out, n)
		}
	}
	count := len(out)
	if d.opts.Cards != nil {
		probs := d.opts.Cards.Problems()
		count += len(probs)
		limit := maxCardProblems
		if all {
			limit = api.MaxProblems - len(out)
		}
		for i, p := range probs {
			if i == limit {
				out = append(out, trMoreCardProblems(len(probs)-i))
				break
			}
			out = append(out, p.Error())
		}
	}
	for i, p := range out {
		if len(p) > api.MaxProblemLen {
			cut := api.MaxProblemLen
			for cut > 0 && !utf8.RuneStart(p[cut]) {
				cut--
			}
			out[i] = p[:cut] + "…"
		}
	}
	return out, count
}

// maxCardProblems is how many card file problems status lists one by one.
const maxCardProblems = api.FewProblems
