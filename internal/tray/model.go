// Package tray is Limber's tray icon and menu. model.go is pure: it computes
// what the menu should say from a api.Status, and is tested without a
// desktop. systray.go is the thin adapter that makes the real menu match.
package tray

import (
	"strconv"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
	"github.com/limber-app/limber/internal/status"
)

// IconState picks the tray icon variant.
type IconState int

const (
	IconNormal IconState = iota
	IconPaused
	IconDue
)

// Action identifies a menu item's click.
type Action string

// Actions the daemon handles.
const (
	ActBreakPrefix  = "break:" // + kind
	ActSnooze5      = "snooze:5m"
	ActSnooze15     = "snooze:15m"
	ActSkip         = "skip" // the break due
	ActPause30      = "pause:30m"
	ActPause60      = "pause:1h"
	ActPauseTomorow = "pause:tomorrow"
	ActResume       = "resume"
	ActDrink        = "drink"
	ActSettings     = "settings"
	ActStats        = "stats"
	ActQuit         = "quit"
	// ActProfilePrefix + ProfileAuto, + "default" (the main settings) or
	// + the 1-based place of a profile in the file: the Profile submenu.
	ActProfilePrefix = "profile:"
	ProfileAuto      = "auto"
)

// Item is one menu entry. Items with no Action are information lines.
type Item struct {
	ID      string
	Title   string
	Action  Action
	Enabled bool
	Hidden  bool
	Sep     bool // a separator (other fields unused)
	// Check makes the entry a check box, ticked when Checked.
	Check, Checked bool
	Sub            []Item
}

// Menu is the whole tray: icon, tooltip and entries.
type Menu struct {
	Icon    IconState
	Tooltip string
	Items   []Item
}

// Build computes the menu for st. The item IDs and their order never change,
// so the adapter can create the entries once and only update them.
func Build(st api.Status) Menu {
	m := Menu{Icon: IconNormal}
	anyDue := false
	for _, b := range st.Breaks {
		// A break waiting for a pause in typing is due already: the icon
		// says so at the announced time, not when the card comes.
		if (b.Due || b.Waiting) && b.Enabled {
			anyDue = true
		}
	}
	switch {
	case st.Paused:
		m.Icon = IconPaused
	case anyDue:
		m.Icon = IconDue
	}

	sitting := status.SittingLine(st)
	m.Tooltip = "Limber — " + sitting
	if st.Paused {
		m.Tooltip += "\n" + pausedLine(st)
	} else if next, ok := nextBreak(st); ok {
		m.Tooltip += "\n" + status.BreakLineIn(st, next)
	}

	// Information lines are enabled items without an action: a disabled
	// item is drawn grey by most tray hosts, hard to read, and a click on
	// an enabled one does nothing. While paused the pause comes first and
	// the countdowns, which are not running, are hidden.
	items := []Item{
		{ID: "paused", Title: pausedLine(st), Enabled: true, Hidden: !st.Paused},
		{ID: "sitting", Title: sitting, Enabled: true},
	}
	byKind := map[schedule.Kind]api.Break{}
	for _, b := range st.Breaks {
		byKind[b.Kind] = b
	}
	for _, info := range kinds.All() {
		k := info.Kind
		b, ok := byKind[k]
		items = append(items, Item{ID: "next:" + string(k), Title: status.BreakLineIn(st, b), Enabled: true, Hidden: !ok || !b.Enabled || st.Paused})
	}
	// The price of skipping, shown while there is one: the debt, and that
	// Skip is gone for the day (the card and notifications offer none).
	// A meeting from the calendar holds the breaks: say so, or a break
	// "due now" that never comes looks broken.
	hold := status.HoldLine(st)
	items = append(items, Item{ID: "hold", Title: hold, Enabled: true, Hidden: hold == ""})
	debt := status.DebtLine(st)
	items = append(items, Item{ID: "debt", Title: debt, Enabled: true, Hidden: debt == ""})
	items = append(items, Item{ID: "noskips", Title: status.SkipsLine(st), Enabled: true, Hidden: st.SkipsLeftToday != 0 || st.Strict})
	if debt != "" {
		m.Tooltip += "\n" + debt
	}
	noSource := st.Activity == "none"
	items = append(items, Item{ID: "nosource", Title: i18n.X("tray.nosource", "No idle detection: counting wall-clock time"), Enabled: true, Hidden: !noSource})
	items = append(items, Item{ID: "problem", Title: i18n.X("tray.problem", "The settings, a card file or the history has a problem: see limber status"), Enabled: true, Hidden: len(st.Problems) == 0})
	items = append(items, Item{Sep: true, ID: "sep1"})

	var now []Item
	for _, info := range kinds.All() {
		k := info.Kind
		b, ok := byKind[k]
		now = append(now, Item{ID: "break:" + string(k), Title: kinds.Label(k), Action: Action(ActBreakPrefix + string(k)), Enabled: ok && b.Enabled})
	}
	canPostpone := !st.Strict && !st.Paused
	items = append(items,
		Item{ID: "breaknow", Title: i18n.X("tray.breaknow", "Take a break now"), Enabled: true, Sub: now},
		skipItem(st),
		Item{ID: "postpone", Title: i18n.X("tray.postpone", "Postpone next break"), Enabled: canPostpone, Sub: []Item{
			{ID: "snooze5", Title: i18n.X("tray.postpone.5", "5 minutes"), Action: ActSnooze5, Enabled: canPostpone},
			{ID: "snooze15", Title: i18n.X("tray.postpone.15", "15 minutes"), Action: ActSnooze15, Enabled: canPostpone},
		}},
		Item{ID: "pause", Title: i18n.X("tray.pause", "Pause"), Enabled: true, Sub: []Item{
			{ID: "pause30", Title: i18n.X("tray.pause.30", "30 minutes"), Action: ActPause30, Enabled: true},
			{ID: "pause60", Title: i18n.X("tray.pause.60", "1 hour"), Action: ActPause60, Enabled: true},
			{ID: "pausetomorrow", Title: i18n.X("tray.pause.tomorrow", "Until tomorrow"), Action: ActPauseTomorow, Enabled: true},
		}},
		Item{ID: "resume", Title: i18n.X("tray.resume", "Resume"), Action: ActResume, Enabled: st.Paused},
		Item{ID: "drink", Title: i18n.X("tray.drink", "I drank a glass of water"), Action: ActDrink, Enabled: true},
		profileMenu(st),
		Item{Sep: true, ID: "sep2"},
		Item{ID: "settings", Title: i18n.X("tray.settings", "Settings…"), Action: ActSettings, Enabled: true},
		Item{ID: "stats", Title: i18n.X("tray.stats", "Statistics…"), Action: ActStats, Enabled: true},
		Item{Sep: true, ID: "sep3"},
		Item{ID: "quit", Title: i18n.X("tray.quit", "Quit Limber"), Action: ActQuit, Enabled: true},
	)
	m.Items = items
	return m
}

// skipItem is Skip for the break due (the one offered or held, as the card
// and notifications offer it), shown while one is due and, like the card's
// Skip button, only when the core would take it: not in strict mode, not
// past the cap of skips in a row nor the day's budget (the "noskips" line
// says so).
func skipItem(st api.Status) Item {
	it := Item{ID: "skip", Action: ActSkip, Hidden: true}
	if st.Paused {
		return it
	}
	for _, b := range st.Breaks {
		if b.Enabled && b.Due && b.With == "" {
			it.Title = i18n.X("tray.skip", "Skip {{.Kind}}", map[string]any{"Kind": kinds.Label(b.Kind)})
			it.Enabled = true
			it.Hidden = !b.CanSkip || st.Strict
			break
		}
	}
	return it
}

// profileMenu is the Profile submenu: Automatic, the main settings and a
// slot for each profile the file may hold (the menu's structure is fixed;
// unused slots are hidden). Exactly one entry is ticked: Automatic, or the
// profile chosen by hand. Hidden when the file has no profiles.
func profileMenu(st api.Status) Item {
	hand := !st.ProfileAuto
	sub := []Item{
		{ID: "profile:auto", Title: i18n.X("tray.profile.auto", "Automatic"), Action: ActProfilePrefix + ProfileAuto,
			Enabled: true, Check: true, Checked: !hand},
		{Sep: true, ID: "profile:sep"},
		{ID: "profile:default", Title: i18n.X("tray.profile.default", "Main settings"), Action: ActProfilePrefix + settings.DefaultProfile,
			Enabled: true, Check: true, Checked: hand && st.Profile == settings.DefaultProfile},
	}
	for i := range settings.MaxProfiles {
		n := strconv.Itoa(i + 1)
		it := Item{ID: "profile:" + n, Action: Action(ActProfilePrefix + n), Enabled: true, Check: true, Hidden: i >= len(st.Profiles)}
		if !it.Hidden {
			it.Title, it.Checked = st.Profiles[i], hand && st.Profile == st.Profiles[i]
		}
		sub = append(sub, it)
	}
	return Item{ID: "profile", Title: status.ProfileLine(st), Enabled: true, Hidden: len(st.Profiles) == 0, Sub: sub}
}

func pausedLine(st api.Status) string {
	if st.PausedUntil != nil {
		return i18n.X("tray.paused.until", "Paused until {{.T}}", map[string]any{"T": st.PausedUntil.Local().Format("15:04")})
	}
	return i18n.X("tray.paused", "Paused")
}

// nextBreak is the enabled break due soonest.
func nextBreak(st api.Status) (api.Break, bool) {
	var best api.Break
	found := false
	for _, b := range st.Breaks {
		if !b.Enabled {
			continue
		}
		if !found || b.Due && !best.Due || b.Due == best.Due && b.RemainingSeconds < best.RemainingSeconds {
			best, found = b, true
		}
	}
	return best, found
}
