package daemon

import (
	"errors"
	"fmt"
	"time"

	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/schedule"
)

// The user's actions, from the tray or the control socket. Each runs the
// core under the lock, then acts on its decisions outside it.

func (d *Daemon) withCore(f func(now time.Time) ([]schedule.Event, error)) error {
	now := d.now().Round(0)
	d.mu.Lock()
	events, err := f(now)
	d.mu.Unlock()
	if err != nil {
		return err
	}
	d.act(events)
	d.refreshTray()
	d.poke()
	return nil
}

// BreakNow offers a break of kind at once.
func (d *Daemon) BreakNow(kind schedule.Kind) error {
	return d.withCore(func(now time.Time) ([]schedule.Event, error) {
		return d.sched.BreakNow(kind, now)
	})
}

// Postpone snoozes kind (or the break due, or the next one) by dur of
// activity (0: the configured snooze).
func (d *Daemon) Postpone(kind schedule.Kind, dur time.Duration) error {
	return d.withCore(func(now time.Time) ([]schedule.Event, error) {
		k := kindOrDue(d.sched.Snapshot(), string(kind))
		if k == "" {
			return nil, errors.New("no break is enabled")
		}
		ev, err := d.sched.Postpone(k, dur, now)
		if err == nil {
			d.closeCardOfLocked(k)
			d.recordOutcome(ev, history.Snoozed)
		}
		return ev, err
	})
}

// Skip drops the due break (kind, or whichever is due).
func (d *Daemon) Skip(kind schedule.Kind) error {
	return d.withCore(func(now time.Time) ([]schedule.Event, error) {
		k := kindOrDue(d.sched.Snapshot(), string(kind))
		ev, err := d.sched.Skip(k, now)
		if err == nil {
			d.closeCardOfLocked(k)
			d.recordOutcome(ev, history.Skipped)
		}
		return ev, err
	})
}

// Pause stops reminders until until, or until tomorrow's day start.
func (d *Daemon) Pause(until time.Time, tomorrow bool) error {
	return d.withCore(func(now time.Time) ([]schedule.Event, error) {
		if tomorrow {
			until = schedule.PauseUntilTomorrow(now, d.sched.Config().DayStart)
		}
		return d.sched.Pause(until.Round(0), now)
	})
}

// Resume ends a pause.
func (d *Daemon) Resume() error {
	return d.withCore(func(now time.Time) ([]schedule.Event, error) {
		return d.sched.Resume(now)
	})
}

// Drink logs a glass of water and returns today's count.
func (d *Daemon) Drink(src history.Source) (int, error) {
	now := d.now().Round(0)
	if d.opts.History != nil {
		if err := d.opts.History.RecordGlass(now, src); err != nil {
			return 0, fmt.Errorf("logging the glass: %w", err)
		}
	}
	d.mu.Lock()
	d.glasses++
	n := d.glasses
	d.mu.Unlock()
	d.refreshTray()
	return n, nil
}

// BreakResult is how a card window says a break ended.
type BreakResult struct {
	Kind           string  `json:"kind"`
	CardID         string  `json:"card_id,omitempty"`
	Outcome        string  `json:"outcome"` // done, snoozed, skipped, closed_early
	ElapsedSeconds float64 `json:"elapsed_seconds,omitempty"`
	SnoozeSeconds  int64   `json:"snooze_seconds,omitempty"`
}

// breakResult applies a card window's report to the core and the journal.
func (d *Daemon) breakResult(r BreakResult) error {
	kind := schedule.Kind(r.Kind)
	elapsed := time.Duration(r.ElapsedSeconds * float64(time.Second))
	d.mu.Lock()
	if d.card != nil && d.card.kind == kind {
		d.card.reported = true
	}
	d.mu.Unlock()
	var outcome history.Outcome
	err := d.withCore(func(now time.Time) ([]schedule.Event, error) {
		switch r.Outcome {
		case "done":
			outcome = history.Done
			return d.sched.Done(kind, now)
		case "snoozed":
			outcome = history.Snoozed
			return d.sched.Snooze(kind, time.Duration(r.SnoozeSeconds)*time.Second, now)
		case "skipped":
			outcome = history.Skipped
			return d.sched.Skip(kind, now)
		case "closed_early":
			outcome = history.ClosedEarly
			return d.sched.ClosedEarly(kind, elapsed, now)
		}
		return nil, fmt.Errorf("unknown outcome %q: use done, snoozed, skipped or closed_early", r.Outcome)
	})
	if err != nil {
		return err
	}
	if d.opts.History != nil {
		dur := elapsed
		if outcome == history.Snoozed {
			dur = time.Duration(r.SnoozeSeconds) * time.Second
		}
		if outcome == history.Skipped {
			dur = 0
		}
		d.record("break", d.opts.History.RecordBreak(history.BreakRecord{
			At: d.now().Round(0), Kind: kind, CardID: r.CardID, Outcome: outcome, Duration: dur}))
	}
	return nil
}

// closeCardOfLocked closes the card window of kind after a snooze or skip
// from elsewhere (tray, CLI). Called with d.mu held.
func (d *Daemon) closeCardOfLocked(k schedule.Kind) {
	if c := d.card; c != nil && c.kind == k {
		c.reported = true
		d.card = nil
		go c.win.Kill()
	}
}

// recordOutcome journals a snooze or skip that did not come from a card.
// Called with d.mu held; the write itself is quick and local.
func (d *Daemon) recordOutcome(ev []schedule.Event, o history.Outcome) {
	if d.opts.History == nil {
		return
	}
	for _, e := range ev {
		if e.Type == schedule.EventSnoozed || e.Type == schedule.EventSkipped {
			dur := e.Duration
			if o == history.Skipped {
				dur = 0
			}
			d.record("break", d.opts.History.RecordBreak(history.BreakRecord{At: e.At, Kind: e.Kind, Outcome: o, Duration: dur}))
		}
	}
}
