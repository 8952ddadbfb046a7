package schedule

import (
	"errors"
	"fmt"
	"time"
)

// The daily skip budget and break debt. Rule by rule:
//
//   - Budgeted kinds: stretch and movement, the breaks that take real
//     time (Budgeted). A posture check or a sip costs seconds; skipping
//     one is neither limited nor owed.
//   - Budget: Config.SkipBudget skips of budgeted breaks per day, shared
//     by the kinds. A Skip past it is refused (ErrSkipBudget) and
//     TrackState.CanSkip is false, so the card and the tray offer no
//     Skip. 0 allows no skip at all; NoSkipBudget turns the budget off.
//     Only the user's Skip spends it: a break skipped along with a bigger
//     one, closed early or ended short does not (they owe debt instead).
//   - Debt: every budgeted break skipped (by the user, or along with the
//     bigger break it was merged into) owes its whole Length; one closed
//     early or ended short owes what was missing of its Length. The
//     outcome's event says how much (Event.Debt). Debt is kept per kind.
//   - Repaying: the next break of a kind is offered longer by its debt,
//     at most DebtCap per cent of its Length (Event.Extra, included in
//     Event.Duration); the extra is fixed when the break falls due.
//     Taken to the end (Done), or by being away for the longer time (a
//     natural break needs the extra too), it repays the whole extra; ended after
//     elapsed (Finish, ClosedEarly) it repays the part of the extra
//     actually spent, elapsed minus Length (Event.Paid). A break counts
//     as done against its own Length (ShortBelow), never against the
//     extra: the extra is owed time, not a stricter test.
//   - Decay: debt belongs to the day it was made. At the day boundary
//     (DayStart, as for Today) the skips spent and every kind's debt
//     start over at zero (EventDebtCleared says how much was left). A
//     suspend or a clock change moves the boundary exactly as it moves
//     Today's, so the budget never resets twice in one day nor carries
//     over into the next.

// NoSkipBudget as Config.SkipBudget turns the daily skip budget off.
const NoSkipBudget = -1

// DefaultSkipBudget and DefaultDebtCap are the budget Limber starts with.
const (
	// Three skips a day: enough for a meeting that overran or a call
	// that could not wait, few enough that skipping is not the habit.
	DefaultSkipBudget = 3
	// A break lengthened by at most half: a 5 min walk owing 5 min
	// becomes 7.5 min, not 10, so paying back is felt but never punishing;
	// what is left waits for the next break of that kind or the night.
	DefaultDebtCap = 50
)

// ErrSkipBudget refuses a skip once the day's skip budget is spent.
var ErrSkipBudget = errors.New("no skips left today")

// Budgeted reports whether breaks of kind k count against the skip
// budget and owe debt when missed.
func Budgeted(k Kind) bool { return k == Stretch || k == Movement }

// BudgetedKinds lists the budgeted kinds, smallest first.
func BudgetedKinds() []Kind { return []Kind{Stretch, Movement} }

// budgetOn: the skip budget applies.
func (s *Scheduler) budgetOn() bool { return s.cfg.SkipBudget >= 0 }

// debtOn: missed breaks owe debt.
func (s *Scheduler) debtOn() bool { return s.cfg.DebtCap > 0 }

// skipsLeft is how many budgeted skips are left today (-1: no budget).
func (s *Scheduler) skipsLeft() int {
	if !s.budgetOn() {
		return -1
	}
	return max(s.cfg.SkipBudget-s.skipsToday, 0)
}

// checkBudget refuses a skip of kind k when the budget is spent.
func (s *Scheduler) checkBudget(k Kind) error {
	if !Budgeted(k) || !s.budgetOn() || s.skipsToday < s.cfg.SkipBudget {
		return nil
	}
	return fmt.Errorf("skipping %s (%d of %d skips used today): %w", k, s.skipsToday, s.cfg.SkipBudget, ErrSkipBudget)
}

// spend records a budgeted skip of kind k and reports whether it used
// the budget.
func (s *Scheduler) spend(k Kind) bool {
	if !Budgeted(k) || !s.budgetOn() {
		return false
	}
	s.skipsToday++
	return true
}

// owe adds missing time of kind k to its debt and returns what was added.
func (s *Scheduler) owe(k Kind, missing time.Duration) time.Duration {
	if !Budgeted(k) || !s.debtOn() || missing <= 0 {
		return 0
	}
	if s.debt == nil {
		s.debt = map[Kind]time.Duration{}
	}
	s.debt[k] += missing
	return missing
}

// repay takes the part of track i's extra that a break of elapsed
// covered off its kind's debt and returns it. elapsed < 0 means taken to
// the end: the whole extra.
func (s *Scheduler) repay(i int, elapsed time.Duration) time.Duration {
	t := &s.tracks[i]
	paid := t.extra
	if elapsed >= 0 {
		paid = min(max(elapsed-t.Length, 0), t.extra)
	}
	return s.payDebt(t.Kind, paid)
}

// payDebt takes up to d off kind k's debt and returns what it took.
func (s *Scheduler) payDebt(k Kind, d time.Duration) time.Duration {
	d = min(d, s.debt[k])
	if d <= 0 {
		return 0
	}
	s.debt[k] -= d
	return d
}

// extraFor is how much longer the next break of track i is for its debt.
func (s *Scheduler) extraFor(i int) time.Duration {
	t := &s.tracks[i]
	if !s.debtOn() || !Budgeted(t.Kind) {
		return 0
	}
	return min(s.debt[t.Kind], t.Length*time.Duration(s.cfg.DebtCap)/100)
}

// length is how long track i's break is offered: its Length plus the
// extra for its debt (fixed while it is due, the next one's otherwise).
func (s *Scheduler) length(i int) time.Duration {
	t := &s.tracks[i]
	if t.stage.due() {
		return t.Length + t.extra
	}
	return t.Length + s.extraFor(i)
}

// clearBudget starts the budget and the debt over for a new day.
func (s *Scheduler) clearBudget(at time.Time) {
	s.skipsToday = 0
	for _, k := range BudgetedKinds() {
		if d := s.debt[k]; d > 0 {
			s.emit(Event{At: at, Type: EventDebtCleared, Kind: k, Duration: d})
		}
	}
	s.debt = nil
}

// RestoreBudget sets today's skips spent and debt per kind, for a daemon
// restarted during the day that kept them in its history. It does nothing
// if at is in another day than the core's current one; kinds that are not
// budgeted are ignored.
func (s *Scheduler) RestoreBudget(skips int, debt map[Kind]time.Duration, at time.Time) error {
	if skips < 0 {
		return fmt.Errorf("restoring today's skips (%d): must not be negative", skips)
	}
	for k, d := range debt {
		if d < 0 {
			return fmt.Errorf("restoring the %s debt (%v): %w", k, d, ErrBadDuration)
		}
	}
	if !at.Before(s.dayEnd) || at.Before(DayBegin(s.lastWall, s.cfg.DayStart)) {
		return nil
	}
	s.skipsToday = skips
	s.debt = nil
	for k, d := range debt {
		s.owe(k, d)
	}
	return nil
}

// Budget is the skip budget and debt as status shows them.
type Budget struct {
	// On: the daily skip budget applies (Config.SkipBudget is not NoSkipBudget).
	On bool
	// Used is the budgeted skips spent today; Left how many remain (0
	// when the budget is off: see On).
	Used, Left int
	// Debt is each budgeted kind's debt (every budgeted kind, in order).
	Debt []KindDebt
}

// KindDebt is one kind's break debt.
type KindDebt struct {
	Kind Kind
	Debt time.Duration
	// Extra is how much longer its next break is (or the one due now).
	Extra time.Duration
}

// Total is the debt of all kinds.
func (b Budget) Total() time.Duration {
	var t time.Duration
	for _, d := range b.Debt {
		t += d.Debt
	}
	return t
}

// budget builds the Snapshot's Budget.
func (s *Scheduler) budget() Budget {
	b := Budget{On: s.budgetOn(), Used: s.skipsToday, Left: max(s.skipsLeft(), 0)}
	for _, k := range BudgetedKinds() {
		kd := KindDebt{Kind: k, Debt: s.debt[k]}
		for i := range s.tracks {
			if s.tracks[i].Kind == k && s.tracks[i].Enabled {
				kd.Extra = s.length(i) - s.tracks[i].Length
			}
		}
		b.Debt = append(b.Debt, kd)
	}
	return b
}
