package daemon

import (
	"context"
	"errors"
	"time"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
	"github.com/limber-app/limber/internal/tray"
	"github.com/limber-app/limber/internal/version"
)

// checkKind refuses a kind that names no break (empty passes when allowed:
// the one due, or the next).
func checkKind(k schedule.Kind, allowEmpty bool) error {
	if k == "" && allowEmpty {
		return nil
	}
	if err := kinds.Check(string(k)); err != nil {
		return api.Usagef("%v", err)
	}
	return nil
}

// menuOffers reports whether an enabled, visible item of items (or of
// their submenus) runs action.
func menuOffers(items []tray.Item, action tray.Action) bool {
	for _, it := range items {
		if it.Hidden || !it.Enabled {
			continue
		}
		if action != "" && it.Action == action || menuOffers(it.Sub, action) {
			return true
		}
	}
	return false
}

// none adapts an action without a reply to a handler.
func none(err error) (api.None, error) { return api.None{}, err }

// mux is the table of control commands. Each handler checks its request
// off the loop, then hands the work to the loop and waits.
func (d *Daemon) mux() *api.Mux {
	m := api.NewMux()
	m.Logf = d.logf
	api.Handle(m, api.CmdStatus, func(ctx context.Context, a api.StatusArgs) (api.Status, error) {
		// A history that failed gets another try now: the user may have
		// fixed the cause and asks to see.
		if d.opts.History != nil {
			d.opts.History.Retry()
		}
		// Answer with a fresh observation, not one up to a minute old.
		return onLoop(d, func() (api.Status, error) {
			d.tick()
			return d.statusWith(api.Lang(ctx), a), nil
		})
	})
	api.Handle(m, api.CmdPause, func(ctx context.Context, a api.PauseArgs) (api.Status, error) {
		var until time.Time
		switch {
		case a.Tomorrow:
		case a.Until != nil:
			until = *a.Until
			if now := d.now(); !until.After(now) || until.Sub(now) > api.MaxDuration+24*time.Hour {
				return api.Status{}, api.Usagef("pause until must be in the next %v", api.MaxDuration)
			}
		case a.Seconds > 0:
			if err := api.CheckSeconds("the pause", a.Seconds, api.MaxDuration); err != nil {
				return api.Status{}, err
			}
			until = d.now().Add(time.Duration(a.Seconds) * time.Second)
		default:
			return api.Status{}, api.Usagef("pause needs seconds, until or tomorrow")
		}
		return onLoopStored(d, func() (api.Status, error) {
			if err := d.pause(api.Lang(ctx), until, a.Tomorrow); err != nil {
				return api.Status{}, err
			}
			return d.status(false), nil
		})
	})
	api.Handle(m, api.CmdResume, func(ctx context.Context, _ api.None) (api.None, error) {
		return onLoopStored(d, func() (api.None, error) { return none(d.resume(api.Lang(ctx))) })
	})
	api.Handle(m, api.CmdBreakNow, func(ctx context.Context, a api.KindArgs) (api.BreakNowReply, error) {
		if a.Kind == "" {
			a.Kind = schedule.Stretch
		}
		if err := checkKind(a.Kind, false); err != nil {
			return api.BreakNowReply{}, err
		}
		return onLoop(d, func() (api.BreakNowReply, error) {
			replaced, err := d.breakNow(api.Lang(ctx), a.Kind)
			return api.BreakNowReply{Replaced: replaced}, err
		})
	})
	api.Handle(m, api.CmdSnooze, func(ctx context.Context, a api.SnoozeArgs) (api.SnoozeReply, error) {
		if err := checkKind(a.Kind, true); err != nil {
			return api.SnoozeReply{}, err
		}
		if err := api.CheckSeconds("the snooze", a.Seconds, api.MaxDuration); err != nil {
			return api.SnoozeReply{}, err
		}
		return onLoopStored(d, func() (api.SnoozeReply, error) {
			return d.postpone(api.Lang(ctx), a.Kind, time.Duration(a.Seconds)*time.Second)
		})
	})
	api.Handle(m, api.CmdSkip, func(ctx context.Context, a api.KindArgs) (api.SkipReply, error) {
		if err := checkKind(a.Kind, true); err != nil {
			return api.SkipReply{}, err
		}
		return onLoopStored(d, func() (api.SkipReply, error) { return d.skipReply(api.Lang(ctx), a.Kind) })
	})
	api.Handle(m, api.CmdDrink, func(_ context.Context, a api.DrinkArgs) (api.Status, error) {
		switch a.Source {
		case "":
			a.Source = history.SourceCard // the card window's button
		case history.SourceCLI, history.SourceTray, history.SourceCard:
		default:
			return api.Status{}, api.Usagef("unknown glass source %q", a.Source)
		}
		return onLoopStored(d, func() (api.Status, error) {
			if _, err := d.drink(a.Source); err != nil {
				return api.Status{}, err
			}
			return d.status(false), nil
		})
	})
	api.Handle(m, api.CmdBreakResult, func(ctx context.Context, r api.BreakResult) (api.None, error) {
		if err := checkKind(r.Kind, false); err != nil {
			return none(err)
		}
		if !(r.ElapsedSeconds >= 0 && r.ElapsedSeconds <= api.MaxBreakLength.Seconds()) { // NaN fails too
			return none(api.Usagef("elapsed_seconds must be between 0 and %v", api.MaxBreakLength.Seconds()))
		}
		if err := api.CheckSeconds("snooze_seconds", r.SnoozeSeconds, api.MaxDuration); err != nil {
			return none(err)
		}
		if len(r.CardID) > 200 {
			return none(api.Usagef("card_id is too long"))
		}
		return onLoopStored(d, func() (api.None, error) { return none(d.breakResult(api.Lang(ctx), r)) })
	})
	api.Handle(m, api.CmdCardPick, func(_ context.Context, a api.CardPickArgs) (api.CardPickReply, error) {
		if err := checkKind(a.Kind, false); err != nil {
			return api.CardPickReply{}, err
		}
		if err := api.CheckSeconds("length_seconds", a.LengthSeconds, api.MaxBreakLength); err != nil {
			return api.CardPickReply{}, err
		}
		if len(a.Exclude) > api.MaxExclude {
			return api.CardPickReply{}, api.Usagef("at most %d card ids may be excluded", api.MaxExclude)
		}
		return onLoop(d, func() (api.CardPickReply, error) {
			// The whole plan for the length asked ("Another one" asks for
			// what is left of the break, which one card rarely fills).
			pl, ok := d.pickPlan(a.Kind, time.Duration(a.LengthSeconds)*time.Second, a.Exclude)
			if !ok {
				return api.CardPickReply{}, nil
			}
			if d.card != nil && d.card.kind == a.Kind {
				d.card.cardID = pl.Cards[0].ID
			}
			return api.CardPickReply{CardID: pl.Cards[0].ID, CardIDs: pl.IDs()}, nil
		})
	})
	api.Handle(m, api.CmdShow, func(_ context.Context, a api.ShowArgs) (api.None, error) {
		switch a.Window {
		case api.WindowStatus, api.WindowSettings, api.WindowStats:
		default:
			return none(api.Usagef("unknown window %q: use %s, %s or %s", a.Window, api.WindowStatus, api.WindowSettings, api.WindowStats))
		}
		return onLoop(d, func() (api.None, error) { return none(d.show(a.Window)) })
	})
	api.Handle(m, api.CmdMenu, func(_ context.Context, a api.MenuArgs) (api.None, error) {
		return onLoop(d, func() (api.None, error) {
			// Only what the menu offers now (and enabled) runs: the same
			// rules as a click in the tray.
			if !menuOffers(tray.Build(d.status(false)).Items, tray.Action(a.Action)) {
				return none(api.Usagef("the menu does not offer %q now", a.Action))
			}
			d.onTrayAction(tray.Action(a.Action))
			return api.None{}, nil
		})
	})
	api.Handle(m, api.CmdQuit, func(context.Context, api.None) (api.None, error) {
		d.Quit()
		return api.None{}, nil
	})
	api.Handle(m, api.CmdVersion, func(context.Context, api.None) (api.VersionReply, error) {
		return api.VersionReply{Version: version.Version}, nil
	})
	api.Handle(m, api.CmdSettingsGet, func(context.Context, api.None) (api.SettingsReply, error) {
		return onLoop(d, func() (api.SettingsReply, error) {
			r := api.SettingsReply{Settings: d.layered(), Main: d.file.Main, Profile: d.profile}
			if p := d.file.Profile(d.profile); p != nil {
				r.Overrides = append([]string{}, p.Keys...)
			}
			if d.opts.Settings != nil {
				_, r.Problems = d.opts.Settings.Current()
				r.Path = d.opts.Settings.Path()
				r.Locked = d.opts.Settings.System().Locks
			}
			return r, nil
		})
	})
	api.Handle(m, api.CmdSettingsSet, func(_ context.Context, a api.SettingsArgs) (api.None, error) {
		return onLoop(d, func() (api.None, error) {
			if d.opts.Settings == nil {
				return none(errors.New("this daemon runs without a settings file"))
			}
			if a.Profile != "" && a.Profile != settings.DefaultProfile {
				f, err := d.opts.Settings.SetProfile(a.Profile, a.Settings, a.Overrides)
				if err != nil {
					return none(err)
				}
				d.useFile(f)
				return api.None{}, nil
			}
			s, err := d.opts.Settings.Set(a.Settings)
			if err != nil {
				return none(err)
			}
			f := d.file
			f.Main = s
			d.useFile(f)
			return api.None{}, nil
		})
	})
	api.Handle(m, api.CmdProfileList, func(context.Context, api.None) (api.ProfileReply, error) {
		return onLoop(d, func() (api.ProfileReply, error) { return d.profileReply(), nil })
	})
	api.Handle(m, api.CmdProfileUse, func(_ context.Context, a api.ProfileArgs) (api.ProfileReply, error) {
		if a.Name == "" || len(a.Name) > 64 { // a profile's name is at most 32 characters
			return api.ProfileReply{}, api.Usagef("profile use needs a profile name (see limber profile list)")
		}
		return onLoop(d, func() (api.ProfileReply, error) {
			err := d.useProfile(a.Name)
			return d.profileReply(), err
		})
	})
	api.Handle(m, api.CmdProfileAuto, func(context.Context, api.None) (api.ProfileReply, error) {
		return onLoop(d, func() (api.ProfileReply, error) {
			err := d.useProfile("")
			return d.profileReply(), err
		})
	})
	api.Handle(m, api.CmdStats, func(_ context.Context, a api.StatsArgs) (history.Stats, error) {
		if err := a.Check(); err != nil {
			return history.Stats{}, api.Usagef("%v", err)
		}
		var h *history.Store
		if d.opts.History != nil {
			h = d.opts.History.Store()
		}
		if h == nil {
			return history.Stats{}, errors.New("the history is not open in this session (see `limber status`)")
		}
		goals, err := onLoop(d, func() (history.Goals, error) { return d.goals(), nil })
		if err != nil {
			return history.Stats{}, err
		}
		// A read beside the writer: off the loop, so a long query never
		// holds up the breaks.
		return h.Stats(d.now(), a.Days, time.Local, goals)
	})
	return m
}
