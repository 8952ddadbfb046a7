package daemon

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/notify"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
)

// origin is what the daemon knows of the action behind a batch of events
// that the core does not: the card window that reported it, its card and
// how long the break really lasted.
type origin struct {
	// lang is the language of whoever asked, for the refusal they are
	// answered with ("": the daemon's own).
	lang    string
	card    *openCard
	cardID  string
	elapsed time.Duration
}

// act turns the core's decisions into notifications, windows and history.
// It is the one place history learns of breaks, pauses and limits: a
// projection of the core's events.
func (d *Daemon) act(events []schedule.Event, from origin) {
	for _, e := range events {
		d.logf("event %s %s %s %v", e.At.Format("15:04:05"), e.Type, e.Kind, e.Duration)
		switch e.Type {
		case schedule.EventWarn:
			d.warn(e)
		case schedule.EventDue:
			d.offer(e)
		case schedule.EventNatural, schedule.EventDone, schedule.EventSnoozed,
			schedule.EventSkipped, schedule.EventClosedEarly, schedule.EventShort:
			d.recordBreak(e, from)
			// A break that ended elsewhere (walked away, the tray, the
			// command line) closes its window.
			if c := d.card; c != nil && c.kind == e.Kind && c != from.card {
				d.closeCard()
			}
		case schedule.EventDailyLimit:
			d.notify(trLimitTitle(), trLimitBody(e.Duration))
			d.journal(history.LimitEntry(e.At, e.Duration))
		case schedule.EventPaused:
			d.pausedAt = e.At
		case schedule.EventResumed:
			if from := d.pausedAt; !from.IsZero() {
				d.journal(history.PauseEntry(from, e.At))
			}
			d.pausedAt = time.Time{}
		case schedule.EventPhase:
			d.notify(trPhaseTitle(e.Phase), trPhaseBody(e.Phase, e.Duration))
		}
	}
}

// recordBreak journals how a break ended. Durations follow the journal's
// rule: time on the break (done, closed early), time away (natural), the
// postponement (snoozed), nothing for a skip.
func (d *Daemon) recordBreak(e schedule.Event, from origin) {
	r := history.BreakRecord{At: e.At, Kind: e.Kind, Outcome: history.Outcome(e.Type), Duration: e.Duration,
		Debt: e.Debt, Paid: e.Paid, Spent: e.Spent}
	if from.card != nil && from.card.kind == e.Kind {
		r.CardID = from.cardID
		if e.Type == schedule.EventDone || e.Type == schedule.EventShort {
			r.Duration = from.elapsed
		}
	}
	if e.Type == schedule.EventSkipped {
		r.Duration = 0
	}
	d.journal(history.BreakEntry(r))
}

// journal hands e to the history's writer (never waiting for the disk, so
// a locked or slow file cannot hold up the loop). An event that could be
// kept nowhere (the file fails, no fallback, the memory queue full) is the
// error, and the problem status shows; otherwise the event's
// acknowledgement joins d.acks for the command that caused it to wait on,
// off the loop (see onLoopStored).
func (d *Daemon) journal(e history.Entry) error {
	j := d.opts.History
	if j == nil {
		return nil
	}
	ack, err := j.Submit(e)
	if err != nil {
		d.logf("history: %s: %v", e.Type, err)
		d.historyProblem = trHistoryWriteFailed(err)
		return err
	}
	d.historyProblem = ""
	if d.acks != nil {
		d.acks = append(d.acks, ack)
	}
	return nil
}

// ackWait bounds how long a command waits for its events to reach the disk
// before it answers: time enough for a healthy file, while a locked one
// does not hang the command line (the events wait in memory meanwhile).
const ackWait = 2 * time.Second

// onLoopStored runs f on the loop like onLoop, then waits (off the loop, at
// most ackWait) until the events f journaled are on disk, so an answer
// means stored: a kill -9 after it loses nothing.
func onLoopStored[T any](d *Daemon, f func() (T, error)) (T, error) {
	var acks []<-chan error
	v, err := onLoop(d, func() (T, error) {
		d.acks = []<-chan error{}
		defer func() { acks, d.acks = d.acks, nil }()
		return f()
	})
	deadline := time.NewTimer(ackWait)
	defer deadline.Stop()
	for _, a := range acks {
		select {
		case <-a: // an error only says "in memory for now": still kept
		case <-deadline.C:
			return v, err
		}
	}
	return v, err
}

// recordSitting journals the sitting time the last observation added
// (inside and after working hours), as the core counted it.
func (d *Daemon) recordSitting(inHours, afterHours time.Duration, wall time.Time) {
	if inHours > 0 {
		d.journal(history.SittingEntry(wall.Add(-inHours), wall, false))
	}
	if afterHours > 0 {
		d.journal(history.SittingEntry(wall.Add(-afterHours), wall, true))
	}
}

// offer shows a due break: a card window for the kinds that get one, a
// notification for the others or when the break was held too long. The
// breaks merged into it travel along: the card lists them, the
// notification names them.
func (d *Daemon) offer(e schedule.Event) {
	var id, seq, title, summary string
	if pl, ok := d.pickPlan(e.Kind, e.Duration, nil); ok {
		// The window shows a sequence one card after the other: "--card a,b".
		c := pl.Cards[0].Local()
		id, seq, title = c.ID, strings.Join(pl.IDs(), ","), c.Title
		if len(c.Steps) > 0 {
			summary = c.Steps[0]
		}
	}
	b := d.cur.Break(e.Kind)
	style := settings.StyleCard
	if b != nil {
		style = b.Style
	}
	// One card at a time: a smaller break asked for while a bigger card is
	// on screen (one that card does not cover: breakNow refuses the others)
	// comes as a notification beside it.
	beside := d.card != nil && bigger(d.sched.Config(), d.card.kind, e.Kind)
	if e.NotifyOnly || style == settings.StyleNotification || d.opts.Launch == nil || beside {
		d.offerNotification(e, title, summary)
		return
	}
	if c := d.card; c != nil {
		// One card at a time. The core merged the open card's break into
		// this one if it is smaller: the new card replaces it.
		if c.kind == e.Kind {
			d.shown(e.Kind, true) // offered again, and still on screen
			return
		}
		d.closeCard()
	}
	args := []string{"--kind", string(e.Kind), "--length", e.Duration.String()}
	if seq != "" {
		args = append(args, "--card", seq)
	}
	if len(e.With) > 0 {
		also := make([]string, len(e.With))
		for i, k := range e.With {
			also[i] = string(k)
		}
		args = append(args, "--also", strings.Join(also, ","))
	}
	if d.sched.Config().Strict {
		args = append(args, "--strict")
	} else if b := d.sched.Snapshot().Budget; b.On && schedule.Budgeted(e.Kind) && b.Left == 0 {
		// Skip is gone for the day: the card says why instead.
		args = append(args, "--no-skip", strconv.Itoa(b.Used))
	}
	if e.Extra > 0 {
		args = append(args, "--debt", e.Extra.String())
	}
	if d.cur.Snooze > 0 {
		args = append(args, "--snooze", d.cur.Snooze.String())
	}
	args = append(args, "--auto-close", d.cur.AutoClose.String())
	if d.cur.Sound {
		args = append(args, "--sound")
	}
	win, err := d.opts.Launch("card", args...)
	if err != nil {
		d.logf("opening the card window: %v", err)
		d.offerNotification(e, title, summary)
		return
	}
	c := &openCard{kind: e.Kind, cardID: id, win: win, length: e.Duration, title: title, summary: summary, with: e.With}
	d.card = c
	// From now on the card decides how the break ends: time away (the
	// user doing the exercise) is no natural break (schedule.Shown).
	d.shown(e.Kind, true)
	go d.watchCard(c)
}

// offerNotification offers a due break as a notification, with actions
// where the server has them: Done (or "I drank a glass"), Snooze, Skip.
func (d *Daemon) offerNotification(e schedule.Event, title, summary string) {
	k := e.Kind
	body := trDueBody(k, title, summary)
	if i, ok := kinds.Lookup(k); ok && i.Compact {
		body = i.Advice() // a short break: say what to do, in one line
	}
	if with := d.notNoted(e.With); len(with) > 0 {
		body += "\n" + trAlso(with)
	}
	if d.noted == nil {
		d.noted = map[schedule.Kind]time.Time{}
	}
	d.noted[k] = e.At
	done := trActionDone()
	if k == schedule.Hydration {
		done = trActionDrank()
	}
	actions := []notify.Action{{Key: "done", Label: done}}
	if !d.sched.Config().Strict {
		actions = append(actions, notify.Action{Key: "snooze", Label: trActionSnooze(d.cur.Snooze)})
		if d.canSkip(k) {
			actions = append(actions, notify.Action{Key: "skip", Label: trActionSkip()})
		}
	}
	d.ask(trDueTitle(k, e.Duration), body, actions, func(key string) error {
		switch key {
		case "done":
			if k == schedule.Hydration {
				_, err := d.drink(history.SourceNotification)
				return err
			}
			return d.coreAction(func(now time.Time) ([]schedule.Event, error) { return d.sched.Done(k, now) }, origin{})
		case "snooze":
			_, err := d.postpone("", k, 0)
			return err
		case "skip":
			return d.skip("", k)
		}
		return nil
	})
}

// notNoted drops from with the breaks whose own notification is still up:
// offered by one since their last restart and still due (or now merged
// into this one). Their advice is on screen already.
func (d *Daemon) notNoted(with []schedule.Kind) []schedule.Kind {
	if len(d.noted) == 0 {
		return with
	}
	var out []schedule.Kind
	tracks := d.sched.Snapshot().Tracks
	for _, k := range with {
		at, ok := d.noted[k]
		up := false
		for _, t := range tracks {
			if ok && t.Kind == k && (t.Due || t.MergedInto != "") && !t.LastReset.After(at) {
				up = true
			}
		}
		if !up {
			out = append(out, k)
		}
	}
	return out
}

// canSkip reports whether the core would let kind k be skipped now (the
// caps in a row and the day's skip budget), so no Skip is offered that
// would only be refused.
func (d *Daemon) canSkip(k schedule.Kind) bool {
	for _, t := range d.sched.Snapshot().Tracks {
		if t.Kind == k {
			return t.CanSkip
		}
	}
	return false
}

// warn gives the pre-break warning, saying when, with Start now,
// Postpone and Skip where the notification server has actions.
func (d *Daemon) warn(e schedule.Event) {
	k := e.Kind
	var in time.Duration
	for _, t := range d.sched.Config().Tracks {
		if t.Kind == k {
			in = t.Warn
		}
	}
	actions := []notify.Action{{Key: "start", Label: trActionStart()}}
	if !d.sched.Config().Strict {
		actions = append(actions, notify.Action{Key: "postpone", Label: trActionSnooze(5 * time.Minute)})
		if d.canSkip(k) {
			actions = append(actions, notify.Action{Key: "skip", Label: trActionSkip()})
		}
	}
	body := trWarnBody(k, e.Duration)
	if len(e.With) > 0 {
		body += "\n" + trAlso(e.With) // the smaller breaks that come with it
	}
	d.ask(trWarnTitle(k, in), body, actions, func(key string) error {
		switch key {
		case "start":
			_, err := d.breakNow("", k)
			return err
		case "postpone":
			_, err := d.postpone("", k, 5*time.Minute)
			return err
		case "skip":
			return d.skip("", k)
		}
		return nil
	})
}

// lullNotice is how long a break past its due point waits for a pause in
// typing before the user is told: a pause usually comes within seconds,
// and a notification just before the card would only be noise.
const lullNotice = 5 * time.Second

// noticeLull tells the user, once per wait, that the break announced for
// now comes when they pause typing: the warning said "in 30 s", and the
// lull rule may hold the card back up to LullLimit (a minute) longer.
func (d *Daemon) noticeLull() {
	sn := d.sched.Snapshot()
	if sn.LullWait == 0 {
		d.lullNoted = false
		return
	}
	if d.lullNoted || sn.LullWait < lullNotice {
		return
	}
	var k schedule.Kind // the biggest waiting break: the one that comes
	var length time.Duration
	for _, t := range d.sched.Config().Tracks {
		for _, ts := range sn.Tracks {
			if ts.Kind == t.Kind && ts.Waiting && t.Length >= length {
				k, length = t.Kind, t.Length
			}
		}
	}
	if k == "" {
		return
	}
	d.lullNoted = true
	in := max(d.sched.Config().LullLimit-sn.LullWait, 0)
	d.notify(trLullTitle(k), trLullBody(in))
}

// ask shows a notification with actions (a plain one where the server
// has none); a click runs answer on the loop, and a refusal (the break
// already ended another way) is said by notification.
func (d *Daemon) ask(title, body string, actions []notify.Action, answer func(key string) error) {
	a, ok := d.opts.Notifier.(notify.Asker)
	if !ok {
		d.notify(title, body)
		return
	}
	_, err := a.Ask(title, body, actions, func(key string) {
		d.do(func() {
			if err := answer(key); err != nil {
				d.logf("notification action %s: %v", key, err)
				d.notify("Limber", userError(err))
			}
		})
	})
	if err != nil {
		d.logf("notification %q not shown: %v", title, err)
	}
}

// pickPlan plans a whole break (a card, or cards one after the other,
// that fill its length) among the positions the user allows.
func (d *Daemon) pickPlan(kind schedule.Kind, length time.Duration, exclude []string) (cards.Plan, bool) {
	if d.picker == nil {
		return cards.Plan{}, false
	}
	pl, err := d.picker.Sequence(kind, length, d.allowed, exclude)
	if err != nil {
		d.logf("no card for a %s break of %v: %v", kind, length, err)
		return cards.Plan{}, false
	}
	return pl, true
}

// watchCard waits for the card window to close. A window that dies without
// reporting how the break ended (crash, kill) counts as closed early, so
// the break is offered again later instead of being lost.
func (d *Daemon) watchCard(c *openCard) {
	err := c.win.Wait()
	d.do(func() {
		if d.card == c {
			d.card = nil
		}
		if !c.done && errors.Is(err, ErrNoDisplay) {
			// Nobody saw the card: offer the break by notification
			// instead (the core keeps it due, as for a notification-style
			// break) and record that the card was not shown.
			c.done = true
			d.shown(c.kind, false) // no card after all: a natural break may end it
			d.logf("card window for %s found no display: shown as a notification", c.kind)
			d.notify(trDueTitle(c.kind, c.length), trDueBody(c.kind, c.title, c.summary))
			d.journal(history.BreakEntry(history.BreakRecord{At: d.now().Round(0), Kind: c.kind, CardID: c.cardID, Outcome: history.NotShown}))
		}
		if !c.done {
			c.done = true
			d.logf("card window for %s ended without a result (%v): closed early", c.kind, err)
			d.coreAction(func(now time.Time) ([]schedule.Event, error) {
				return d.sched.ClosedEarly(c.kind, 0, now)
			}, origin{card: c, cardID: c.cardID})
		}
		d.poke()
	})
}

// shown tells the core whether the card of kind is on screen.
func (d *Daemon) shown(kind schedule.Kind, on bool) {
	ev, err := d.sched.Shown(kind, on, d.now().Round(0))
	if err != nil {
		d.logf("card of %s: %v", kind, err)
		return
	}
	d.act(ev, origin{})
}

// closeWindows closes the card and the welcome window as the daemon stops:
// both talk to it.
func (d *Daemon) closeWindows() {
	d.closeCard()
	if w := d.welcome; w != nil {
		d.welcome = nil
		w.Kill() // it may have closed already; nothing to report then
	}
}

// closeCard closes the open card window, if any; its break is accounted
// for by whoever closes it.
func (d *Daemon) closeCard() {
	if c := d.card; c != nil {
		c.done = true
		d.card = nil
		if err := c.win.Kill(); err != nil {
			d.logf("closing the card window: %v", err)
		}
	}
}
