package daemon

import (
	"fmt"
	"time"

	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
	"github.com/limber-app/limber/internal/tray"
)

// record logs a failed history write; the daemon goes on either way.
func (d *Daemon) record(what string, err error) {
	if err != nil {
		d.logf("history: %s: %v", what, err)
	}
}

// recordSitting journals the sitting time the last observation added
// (inside and after working hours). A new day resets the totals, which
// shows as a negative difference: nothing to record then.
func (d *Daemon) recordSitting(inHours, afterHours time.Duration, wall time.Time) {
	st := d.opts.History
	if st == nil {
		return
	}
	if inHours > 0 {
		d.record("sitting", st.RecordActivity(wall.Add(-inHours), wall, false))
	}
	if afterHours > 0 {
		d.record("sitting after hours", st.RecordActivity(wall.Add(-afterHours), wall, true))
	}
}

// act turns the core's decisions into notifications, windows and history.
func (d *Daemon) act(events []schedule.Event) {
	for _, e := range events {
		d.logf("event %s %s %s %v", e.At.Format("15:04:05"), e.Type, e.Kind, e.Duration)
		switch e.Type {
		case schedule.EventWarn:
			d.notify(trWarnTitle(e.Kind, e.Duration), trWarnBody(e.Kind))
		case schedule.EventDue:
			d.offer(e)
		case schedule.EventNatural:
			if d.opts.History != nil {
				d.record("natural break", d.opts.History.RecordBreak(history.BreakRecord{
					At: e.At, Kind: e.Kind, Outcome: history.Natural, Duration: e.Duration}))
			}
			// A break taken by walking away closes its window.
			d.mu.Lock()
			c := d.card
			d.mu.Unlock()
			if c != nil && c.kind == e.Kind {
				d.closeCard()
			}
		case schedule.EventDailyLimit:
			d.notify(trLimitTitle(), trLimitBody(e.Duration))
			if d.opts.History != nil {
				d.record("limit warning", d.opts.History.RecordLimitWarning(e.At, e.Duration))
			}
		case schedule.EventPaused:
			d.mu.Lock()
			d.pausedAt = e.At
			d.mu.Unlock()
		case schedule.EventResumed:
			d.mu.Lock()
			from := d.pausedAt
			d.pausedAt = time.Time{}
			d.mu.Unlock()
			if d.opts.History != nil && !from.IsZero() {
				d.record("pause", d.opts.History.RecordPause(from, e.At))
			}
		case schedule.EventPhase:
			d.notify(trPhaseTitle(e.Phase), trPhaseBody(e.Phase, e.Duration))
		}
	}
}

// offer shows a due break: a card window for the kinds that get one, a
// notification for the others or when the break was held too long.
func (d *Daemon) offer(e schedule.Event) {
	var id, title, summary string
	if c, ok := d.pickCard(e.Kind, e.Duration, nil); ok {
		id, title = c.ID, c.Title
		if len(c.Steps) > 0 {
			summary = c.Steps[0]
		}
	}
	d.mu.Lock()
	notifyOnly := d.notifyOnly[e.Kind]
	d.mu.Unlock()
	if e.NotifyOnly || notifyOnly || d.opts.Launch == nil {
		d.notify(trDueTitle(e.Kind, e.Duration), trDueBody(e.Kind, title, summary))
		return
	}
	d.mu.Lock()
	open := d.card != nil
	strict := d.sched.Config().Strict
	compact := d.cur.Break(e.Kind) != nil && d.cur.Break(e.Kind).Style != settings.StyleNotification && (e.Kind == schedule.Posture || e.Kind == schedule.Hydration)
	snooze := d.cur.Snooze
	d.mu.Unlock()
	if open {
		return // one card at a time; the open one already asks for a break
	}
	args := []string{"--kind", string(e.Kind), "--length", e.Duration.String()}
	if id != "" {
		args = append(args, "--card", id)
	}
	if strict {
		args = append(args, "--strict")
	}
	if compact {
		args = append(args, "--compact")
	}
	if snooze > 0 {
		args = append(args, "--snooze", snooze.String())
	}
	win, err := d.opts.Launch("card", args...)
	if err != nil {
		d.logf("opening the card window: %v", err)
		d.notify(trDueTitle(e.Kind, e.Duration), trDueBody(e.Kind, title, summary))
		return
	}
	c := &openCard{kind: e.Kind, cardID: id, win: win}
	d.mu.Lock()
	d.card = c
	d.mu.Unlock()
	go d.watchCard(c)
}

// pickCard chooses a card for a break of kind and length among the
// positions the user allows; the picker remembers recent cards across
// windows so none repeats soon.
func (d *Daemon) pickCard(kind schedule.Kind, length time.Duration, exclude []string) (cards.Card, bool) {
	if d.picker == nil {
		return cards.Card{}, false
	}
	d.mu.Lock()
	allowed := d.allowed
	d.mu.Unlock()
	c, err := d.picker.Pick(kind, length, allowed, exclude)
	if err != nil {
		d.logf("no card for a %s break of %v: %v", kind, length, err)
		return cards.Card{}, false
	}
	return c, true
}

// watchCard waits for the card window to close. A window that dies without
// reporting how the break ended (crash, kill) counts as closed early, so
// the break is offered again later instead of being lost.
func (d *Daemon) watchCard(c *openCard) {
	err := c.win.Wait()
	d.mu.Lock()
	if d.card == c {
		d.card = nil
	}
	reported := c.reported
	d.mu.Unlock()
	if !reported {
		d.logf("card window for %s ended without a result (%v): closed early", c.kind, err)
		d.breakResult(BreakResult{Kind: string(c.kind), CardID: c.cardID, Outcome: "closed_early"})
	}
	d.poke()
}

// closeCard closes the open card window, if any.
func (d *Daemon) closeCard() {
	d.mu.Lock()
	c := d.card
	if c != nil {
		c.reported = true // closed by us: nothing to report
		d.card = nil
	}
	d.mu.Unlock()
	if c != nil {
		c.win.Kill()
	}
}

// onTrayAction handles a menu click.
func (d *Daemon) onTrayAction(a tray.Action) {
	var err error
	switch {
	case len(a) > len(tray.ActBreakPrefix) && a[:len(tray.ActBreakPrefix)] == tray.ActBreakPrefix:
		err = d.BreakNow(schedule.Kind(a[len(tray.ActBreakPrefix):]))
	case a == tray.ActSnooze5:
		err = d.Postpone("", 5*time.Minute)
	case a == tray.ActSnooze15:
		err = d.Postpone("", 15*time.Minute)
	case a == tray.ActPause30:
		err = d.Pause(d.now().Add(30*time.Minute), false)
	case a == tray.ActPause60:
		err = d.Pause(d.now().Add(time.Hour), false)
	case a == tray.ActPauseTomorow:
		err = d.Pause(time.Time{}, true)
	case a == tray.ActResume:
		err = d.Resume()
	case a == tray.ActDrink:
		_, err = d.Drink(history.SourceTray)
	case a == tray.ActSettings:
		err = d.openWindow("settings")
	case a == tray.ActStats:
		err = d.openWindow("stats")
	case a == tray.ActQuit:
		d.Quit()
	}
	if err != nil {
		d.notify("Limber", err.Error())
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
	go w.Wait() // reap the child when it exits
	return nil
}

// kindOrDue picks the break a kind-less command means: the one due, else
// the enabled one due soonest.
func kindOrDue(snap schedule.Snapshot, kind string) schedule.Kind {
	if kind != "" {
		return schedule.Kind(kind)
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
