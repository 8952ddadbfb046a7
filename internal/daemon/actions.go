package daemon

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/tray"
)

// The user's actions, from the tray, the control socket or a card window.
// Each runs on the loop: the core decides, act carries the decisions out.

// coreAction runs one action of the core at the current time and acts on
// its events.
func (d *Daemon) coreAction(f func(now time.Time) ([]schedule.Event, error), from origin) error {
	events, err := f(d.now().Round(0))
	if err != nil {
		return sayCoreErr(from.lang, err)
	}
	d.act(events, from)
	d.refreshTray()
	d.poke()
	return nil
}

// sayCoreErr puts the core's refusals in the user's words (the core
// speaks English for logs and tests), in language lang (i18n.XIn);
// errors.Is still finds the sentinel.
func sayCoreErr(lang string, err error) error {
	var msg string
	switch {
	case errors.As(err, new(*budgetError)), errors.As(err, new(localErr)):
		return err // said already
	case errors.Is(err, schedule.ErrNotDue):
		msg = i18n.XIn(lang, "daemon.err.not_due", "No break is due now: there is nothing to skip or take.")
	case errors.Is(err, schedule.ErrStrict):
		msg = i18n.XIn(lang, "daemon.err.strict", "Strict mode is on: breaks cannot be skipped, postponed or closed early.")
	case errors.Is(err, schedule.ErrSkipCapped):
		msg = i18n.XIn(lang, "daemon.err.skip_capped", "This break was skipped too many times in a row: it can only be taken now.")
	case errors.Is(err, schedule.ErrSnoozeCapped):
		msg = i18n.XIn(lang, "daemon.err.snooze_capped", "This break was postponed too many times: take it or skip it.")
	case errors.Is(err, schedule.ErrNotPaused):
		msg = i18n.XIn(lang, "daemon.err.not_paused", "Reminders are not paused.")
	default:
		return err
	}
	return localErr{err, msg}
}

// breakNow offers a break of kind at once and returns the kind of the card
// it replaced, if any. With a card of the same kind open nothing happens
// (errAlreadyShowing); with a bigger break's card open that covers this one
// (the core's credit rule) neither (errBiggerShowing). A smaller break the
// card does not cover (a drink during a stretch) is offered beside it.
// Refusals are said in language lang.
func (d *Daemon) breakNow(lang string, kind schedule.Kind) (replaced schedule.Kind, err error) {
	if c := d.card; c != nil {
		if c.kind == kind {
			return "", fmt.Errorf("%s: %w", kinds.LabelIn(lang, kind), localErr{errAlreadyShowing, i18n.XIn(lang, "daemon.break.showing", "this break is already on screen")})
		}
		if d.sched.Covers(c.kind, kind) {
			return "", fmt.Errorf("%s: %w", kinds.LabelIn(lang, kind), localErr{errBiggerShowing, i18n.XIn(lang, "daemon.break.covered", "the {{.Card}} break on screen includes this one; finish it first",
				map[string]any{"Card": kinds.LabelIn(lang, c.kind)})})
		}
		if !bigger(d.sched.Config(), c.kind, kind) {
			replaced = c.kind
		}
	}
	err = d.coreAction(func(now time.Time) ([]schedule.Event, error) {
		return d.sched.BreakNow(kind, now)
	}, origin{lang: lang})
	if errors.Is(err, schedule.ErrDisabled) {
		// Say where to turn it on, not the core's wording.
		return "", localErr{err, i18n.XIn(lang, "daemon.break.disabled", "“{{.Kind}}” is turned off: turn it on in Settings → Breaks, or set {{.Key}} = true in the settings file.",
			map[string]any{"Kind": kinds.LabelIn(lang, kind), "Key": string(kind) + ".enabled"})}
	}
	if err != nil {
		return "", err
	}
	return replaced, nil
}

var (
	errAlreadyShowing = errors.New("this break is already on screen")
	errBiggerShowing  = errors.New("the break on screen includes this one; finish it first")
)

// localErr is a sentinel error said in the user's language: errors.Is
// still finds the sentinel, the message is the translation (the
// sentinels are made before any catalogue is loaded).
type localErr struct {
	sentinel error
	text     string
}

func (e localErr) Error() string { return e.text }
func (e localErr) Unwrap() error { return e.sentinel }

// bigger reports whether kind a is a bigger break than b (longer, or
// later in the kinds' order), as the core ranks them.
func bigger(cfg schedule.Config, a, b schedule.Kind) bool {
	var la, lb time.Duration
	for _, t := range cfg.Tracks {
		switch t.Kind {
		case a:
			la = t.Length
		case b:
			lb = t.Length
		}
	}
	if la != lb {
		return la > lb
	}
	return slices.Index(schedule.AllKinds(), a) > slices.Index(schedule.AllKinds(), b)
}

// postpone snoozes kind (or the break due, or the next one) by dur of
// activity (0: the configured snooze); refusals in language lang.
func (d *Daemon) postpone(lang string, kind schedule.Kind, dur time.Duration) (api.SnoozeReply, error) {
	k := kindOrDue(d.sched.Snapshot(), kind)
	if k == "" {
		return api.SnoozeReply{}, errors.New(i18n.XIn(lang, "daemon.break.none", "no break is enabled"))
	}
	err := d.coreAction(func(now time.Time) ([]schedule.Event, error) {
		return d.sched.Postpone(k, dur, now)
	}, origin{lang: lang})
	if err != nil {
		return api.SnoozeReply{}, err
	}
	rep := api.SnoozeReply{Kind: k}
	for _, t := range d.sched.Snapshot().Tracks {
		if t.Kind == k {
			rep.Seconds = int64(t.Remaining / time.Second)
		}
	}
	return rep, nil
}

// skip drops the due break (kind, or whichever is due); refusals in
// language lang.
func (d *Daemon) skip(lang string, kind schedule.Kind) error {
	_, err := d.skipReply(lang, kind)
	return err
}

// skipReply skips kind (or the break due) and says which break it was and
// the skips left today where the budget applies to it; refusals in
// language lang.
func (d *Daemon) skipReply(lang string, kind schedule.Kind) (api.SkipReply, error) {
	k := kindOrDue(d.sched.Snapshot(), kind)
	err := d.coreAction(func(now time.Time) ([]schedule.Event, error) {
		return d.skipNow(lang, k, now)
	}, origin{lang: lang})
	if err != nil {
		return api.SkipReply{}, err
	}
	rep := api.SkipReply{Kind: k, SkipsLeft: -1}
	if b := d.sched.Snapshot().Budget; b.On && schedule.Budgeted(k) {
		rep.SkipsLeft = b.Left
	}
	return rep, nil
}

// skipNow asks the core to skip k; a skip past the day's budget is
// refused in the user's words, in language lang (the error still wraps
// ErrSkipBudget).
func (d *Daemon) skipNow(lang string, k schedule.Kind, now time.Time) ([]schedule.Event, error) {
	ev, err := d.sched.Skip(k, now)
	if errors.Is(err, schedule.ErrSkipBudget) {
		err = &budgetError{msg: trNoSkipsLeft(lang, d.sched.Snapshot().Budget.Used), err: err}
	}
	return ev, err
}

// budgetError is the core's ErrSkipBudget said for people.
type budgetError struct {
	msg string
	err error
}

func (e *budgetError) Error() string { return e.msg }
func (e *budgetError) Unwrap() error { return e.err }

// pause stops reminders until until, or until tomorrow's day start.
func (d *Daemon) pause(lang string, until time.Time, tomorrow bool) error {
	return d.coreAction(func(now time.Time) ([]schedule.Event, error) {
		if tomorrow {
			until = schedule.PauseUntilTomorrow(now, d.sched.Config().DayStart)
		}
		return d.sched.Pause(until.Round(0), now)
	}, origin{lang: lang})
}

// resume ends a pause; "not paused" is said in language lang.
func (d *Daemon) resume(lang string) error {
	return d.coreAction(d.sched.Resume, origin{lang: lang})
}

// drink logs a glass of water and returns today's count. The glass counts
// only once it is in the journal, so a failed write is never confirmed. A
// water break that is due, or travels with a bigger break on screen, is
// then done: the glass was its point.
func (d *Daemon) drink(src history.Source) (int, error) {
	now := d.now().Round(0)
	if err := d.journal(history.GlassEntry(now, src)); err != nil {
		return 0, fmt.Errorf("the glass was not logged: %w", err)
	}
	d.glasses++
	ownCard := d.card != nil && d.card.kind == schedule.Hydration // it reports its own end
	for _, t := range d.sched.Snapshot().Tracks {
		if t.Kind == schedule.Hydration && t.Enabled && (t.Due || t.MergedInto != "") && !ownCard {
			d.coreAction(func(now time.Time) ([]schedule.Event, error) {
				return d.sched.Done(schedule.Hydration, now)
			}, origin{})
		}
	}
	d.refreshTray()
	return d.glasses, nil
}

// breakResult applies a card window's report to the core (and so to the
// journal, through act); refusals in language lang.
func (d *Daemon) breakResult(lang string, r api.BreakResult) error {
	// Only a card of the library reaches the journal (and the CSV export):
	// the id comes from whoever wrote to the socket. An unknown one is
	// dropped, not the outcome, which is still the user's.
	if r.CardID != "" && (d.opts.Cards == nil || !d.opts.Cards.Has(r.CardID)) {
		d.logf("break result names no card of the library (%q): recorded without a card", r.CardID)
		r.CardID = ""
	}
	from := origin{lang: lang, cardID: r.CardID, elapsed: r.Elapsed()}
	if c := d.card; c != nil && c.kind == r.Kind {
		c.done = true
		from.card = c
	} else {
		from.card = &openCard{kind: r.Kind} // a window the daemon did not open
	}
	return d.coreAction(func(now time.Time) ([]schedule.Event, error) {
		switch r.Outcome {
		case api.Done:
			if r.Kind == schedule.Hydration {
				return d.sched.Done(r.Kind, now) // the glass is the break, however quick
			}
			// Done before 80 % of the break is short, not done.
			return d.sched.Finish(r.Kind, r.Elapsed(), now)
		case api.Snoozed:
			return d.sched.Snooze(r.Kind, time.Duration(r.SnoozeSeconds)*time.Second, now)
		case api.Skipped:
			return d.skipNow(lang, r.Kind, now)
		case api.ClosedEarly:
			return d.sched.ClosedEarly(r.Kind, r.Elapsed(), now)
		}
		return nil, api.Usagef("unknown outcome %q: use %s, %s, %s or %s", r.Outcome, api.Done, api.Snoozed, api.Skipped, api.ClosedEarly)
	}, from)
}

// onTrayAction handles a menu click.
func (d *Daemon) onTrayAction(a tray.Action) {
	var err error
	switch {
	case len(a) > len(tray.ActBreakPrefix) && a[:len(tray.ActBreakPrefix)] == tray.ActBreakPrefix:
		_, err = d.breakNow("", schedule.Kind(a[len(tray.ActBreakPrefix):]))
	case a == tray.ActSnooze5:
		_, err = d.postpone("", "", 5*time.Minute)
	case a == tray.ActSnooze15:
		_, err = d.postpone("", "", 15*time.Minute)
	case a == tray.ActSkip:
		err = d.skip("", "")
	case a == tray.ActPause30:
		err = d.pause("", d.now().Add(30*time.Minute), false)
	case a == tray.ActPause60:
		err = d.pause("", d.now().Add(time.Hour), false)
	case a == tray.ActPauseTomorow:
		err = d.pause("", time.Time{}, true)
	case a == tray.ActResume:
		err = d.resume("")
	case a == tray.ActDrink:
		_, err = d.drink(history.SourceTray)
	case a == tray.ActSettings:
		err = d.openWindow("settings")
	case a == tray.ActStats:
		err = d.openWindow("stats")
	case strings.HasPrefix(string(a), tray.ActProfilePrefix):
		err = d.profileAction(a)
	case a == tray.ActQuit:
		d.Quit()
	}
	if err != nil {
		d.notify("Limber", userError(err))
	}
}

// userError is an action's refusal for people: the first letter up.
func userError(err error) string {
	s := err.Error()
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// show opens a window for CmdShow. The status window is opened once: a
// second request while it is open does nothing.
func (d *Daemon) show(name string) error {
	if name != "status" {
		return d.openWindow(name)
	}
	if d.statusWin != nil {
		return nil
	}
	if d.opts.Launch == nil {
		return fmt.Errorf("windows are not available in this mode")
	}
	w, err := d.opts.Launch(name)
	if err != nil {
		return fmt.Errorf("opening the status window: %w", err)
	}
	d.statusWin = w
	go func() {
		w.Wait()
		d.do(func() {
			if d.statusWin == w {
				d.statusWin = nil
			}
		})
	}()
	return nil
}

// closeStatus closes the status window, if open: it shows this daemon.
func (d *Daemon) closeStatus() {
	if w := d.statusWin; w != nil {
		d.statusWin = nil
		if err := w.Kill(); err != nil {
			d.logf("closing the status window: %v", err)
		}
	}
}

// openWindow starts a settings or statistics window.
func (d *Daemon) openWindow(name string) error {
	if d.opts.Launch == nil {
		return fmt.Errorf("windows are not available in this mode")
	}
	w, err := d.opts.Launch(name)
	if err != nil {
		return fmt.Errorf("opening the %s window: %w", name, err)
	}
	go w.Wait() // reap the child
	return nil
}

// kindOrDue picks the break a kind-less command means: the one due, else
// the enabled one due soonest.
func kindOrDue(snap schedule.Snapshot, kind schedule.Kind) schedule.Kind {
	if kind != "" {
		return kind
	}
	var best *schedule.TrackState
	for i := range snap.Tracks {
		t := &snap.Tracks[i]
		if !t.Enabled {
			continue
		}
		if best == nil || t.Due && !best.Due || t.Due == best.Due && t.Remaining < best.Remaining {
			best = t
		}
	}
	if best == nil {
		return ""
	}
	return best.Kind
}
