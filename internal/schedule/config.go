package schedule

import (
	"errors"
	"fmt"
	"time"
)

// Tuning constants of the core. They are not user settings: they describe
// how far the clocks may disagree and how often the daemon must look.
const (
	// ClockSlack is how far wall and monotonic deltas may differ between two
	// observations before the difference counts as a suspend or a clock change.
	ClockSlack = 5 * time.Second
	// MaxObservationGap: a monotonic gap between observations longer than this
	// means the daemon was not running its loop (stopped, starved); the whole
	// gap counts as time away, never as sitting.
	MaxObservationGap = 2 * time.Minute
	// MergeWindow: a smaller break due within this much active time of a
	// bigger one is merged into the bigger one instead of being offered alone.
	MergeWindow = time.Minute
	// LongCheck is the longest NextCheck interval (nothing is near).
	LongCheck = 60 * time.Second
	// ShortCheck is the NextCheck interval when a decision is near.
	ShortCheck = time.Second
	// AwayCheck is the NextCheck interval while the user is away, so a
	// return is noticed within a few seconds (the return time is only known
	// to the resolution of the poll).
	AwayCheck = 10 * time.Second
	// NearWindow: a warning, due, phase change or daily-limit step within
	// this much active time switches NextCheck to ShortCheck.
	NearWindow = time.Minute
	// HydrationAway is the time away that counts as a drink taken (the
	// hydration track's Natural). Its Length is a 10 s sip, but anyone who
	// stops typing for IdleAfter counts as away, so a pause at the desk
	// would reset the reminder and it would hardly ever come due; a few
	// minutes away is a fair sign the user could have fetched water.
	HydrationAway = 5 * time.Minute
	// LullGap is the pause in input that counts as a lull, a good moment
	// to show a due break: long enough to be the end of a sentence, far
	// shorter than IdleAfter.
	LullGap = 3 * time.Second
	// ShortBelow: a break ended as done before this share of its length
	// (in per cent) is recorded as short, not done.
	ShortBelow = 80
	// CallGrace: after a call (Observation.InCall) ends, held breaks wait
	// this long before they are offered, and breaks coming due meanwhile
	// are held too, so back-to-back meetings with a minute between them
	// are not interrupted; then the break comes at once.
	CallGrace = 2 * time.Minute
	// LongCall: a call (back-to-back calls within CallGrace count as one)
	// at least this long ends with the movement break offered first, the
	// others merged into it: an hour in a meeting chair calls for walking.
	LongCall = time.Hour
)

// Errors returned by the user actions. Test with errors.Is.
var (
	ErrNotDue       = errors.New("break is not due")
	ErrStrict       = errors.New("strict mode: breaks cannot be skipped, snoozed or closed early")
	ErrSkipCapped   = errors.New("skipped too many times in a row: this break can only be taken")
	ErrSnoozeCapped = errors.New("snoozed too many times: this break can only be taken or skipped")
	ErrUnknownKind  = errors.New("unknown break kind")
	ErrDisabled     = errors.New("break kind is disabled")
	ErrNotPaused    = errors.New("not paused")
	ErrBadPause     = errors.New("pause end is not in the future")
	ErrBadDuration  = errors.New("duration must not be negative")
)

// DefaultConfig returns the settings Limber starts with. The reference text
// blames prolonged sitting without breaks, poor posture held for long
// periods, too little movement and dehydration for back spasms, and advises
// regular breaks to stretch and move around; each value below follows from it.
func DefaultConfig() Config {
	return Config{
		Tracks: []Track{
			// Posture drifts within minutes of sitting; a 10 s check to
			// straighten the spine and drop the shoulders is cheap enough to
			// repeat every quarter hour without breaking concentration.
			{Kind: Posture, Enabled: true, Interval: 15 * time.Minute, Length: 10 * time.Second},
			// Muscles need water to contract and relax; a sip every 45 min
			// spreads drinking over the day. Short: reach for the glass.
			// Only an absence of HydrationAway counts as a drink, not every
			// pause past IdleAfter.
			{Kind: Hydration, Enabled: true, Interval: 45 * time.Minute, Length: 10 * time.Second, Natural: HydrationAway},
			// Eye breaks (20-20-20) are off in the office default: the
			// reference text is about backs, and the posture check already
			// has people look up. The 20-20-20 preset turns them on.
			{Kind: Eyes, Interval: 20 * time.Minute, Length: 20 * time.Second},
			// Stiff, fatigued muscles spasm; 90 s of stretching every half
			// hour undoes the strain of a fixed sitting position.
			{Kind: Stretch, Enabled: true, Interval: 30 * time.Minute, Length: 90 * time.Second, Warn: 30 * time.Second},
			// Prolonged sitting compresses the spine and weakens the core;
			// getting up to walk for 5 min each hour breaks it up.
			{Kind: Movement, Enabled: true, Interval: 60 * time.Minute, Length: 5 * time.Minute, Warn: 30 * time.Second},
		},
		// Long enough to finish a thought, short enough not to lose the break.
		Snooze: 5 * time.Minute,
		// Three in a row, then the break has to be taken (or skipped).
		MaxSkips: 3, MaxSnoozes: 3,
		// A daily price on skipping the breaks that matter (budget.go).
		SkipBudget: DefaultSkipBudget, DebtCap: DefaultDebtCap,
		// Workrave-like: reading a paragraph without touching the keyboard
		// for under 30 s is still work; longer means the user stepped away.
		IdleAfter: 30 * time.Second,
		// A bumped mouse or a single key is noise; 5 s of continued input
		// means the user is back.
		ActiveAfter: 5 * time.Second,
		// Six hours of sitting in a day is already a lot; remind every half
		// hour past it.
		DailyLimit: 6 * time.Hour, DailyLimitStep: 30 * time.Minute,
		// Night owls working past midnight still belong to the previous day.
		DayStart: 4 * time.Hour,
		// A meeting may run half an hour past a due break; after that a quiet
		// notification is better than nothing.
		HoldLimit: 30 * time.Minute,
		// Most typing has a pause of a few seconds within a minute; a
		// break that waited longer would come late, so then it comes.
		LullLimit: 60 * time.Second,
		// Five minutes before a meeting is time enough for the walking
		// break (5 min) or a stretch, and no one starts a break later
		// than that before a call.
		Early: 5 * time.Minute,
	}
}

// Validate reports the first broken invariant of c, naming the field, or
// nil. It holds only what the core's arithmetic relies on: policy (how
// short an interval may be, caps on snoozes) is the settings' rule set,
// which is tested never to produce a Config this refuses. A refusal here
// is therefore a bug in the caller.
func (c Config) Validate() error {
	seen := map[Kind]bool{}
	for i, t := range c.Tracks {
		name := fmt.Sprintf("Tracks[%d] (%s)", i, t.Kind)
		if kindRank(t.Kind) < 0 {
			return fmt.Errorf("%s: %w %q", name, ErrUnknownKind, t.Kind)
		}
		if seen[t.Kind] {
			return fmt.Errorf("%s: kind listed twice", name)
		}
		seen[t.Kind] = true
		if !t.Enabled {
			continue
		}
		if t.Length <= 0 {
			return fmt.Errorf("%s.Length is %v: must be positive", name, t.Length)
		}
		if t.Interval <= t.Length {
			return fmt.Errorf("%s.Interval (%v) must be longer than Length (%v)", name, t.Interval, t.Length)
		}
		if t.Natural < 0 {
			return fmt.Errorf("%s.Natural is %v: must be 0 (same as Length) or more", name, t.Natural)
		}
		if t.Warn < 0 || t.Warn >= t.Interval {
			return fmt.Errorf("%s.Warn is %v: must be between 0 and Interval (%v)", name, t.Warn, t.Interval)
		}
	}
	if c.Snooze < 0 {
		return fmt.Errorf("Snooze is %v: %w", c.Snooze, ErrBadDuration)
	}
	if c.MaxSkips < 0 {
		return fmt.Errorf("MaxSkips is %d: must be 0 (no cap) or more", c.MaxSkips)
	}
	if c.MaxSnoozes < 0 {
		return fmt.Errorf("MaxSnoozes is %d: must be 0 (no cap) or more", c.MaxSnoozes)
	}
	if c.SkipBudget < NoSkipBudget {
		return fmt.Errorf("SkipBudget is %d: must be 0 (no skips) or more, or NoSkipBudget (%d)", c.SkipBudget, NoSkipBudget)
	}
	if c.DebtCap < 0 || c.DebtCap > 100 {
		return fmt.Errorf("DebtCap is %d: must be between 0 (no debt) and 100 per cent", c.DebtCap)
	}
	if c.IdleAfter <= 0 {
		return fmt.Errorf("IdleAfter is %v: must be positive", c.IdleAfter)
	}
	if c.ActiveAfter < 0 || c.ActiveAfter >= c.IdleAfter {
		return fmt.Errorf("ActiveAfter is %v: must be between 0 and IdleAfter (%v)", c.ActiveAfter, c.IdleAfter)
	}
	if c.DailyLimit < 0 {
		return fmt.Errorf("DailyLimit is %v: %w", c.DailyLimit, ErrBadDuration)
	}
	if c.DailyLimitStep < 0 {
		return fmt.Errorf("DailyLimitStep is %v: %w", c.DailyLimitStep, ErrBadDuration)
	}
	if c.DayStart < 0 || c.DayStart >= 24*time.Hour {
		return fmt.Errorf("DayStart is %v: must be a time of day between 0 and 24h", c.DayStart)
	}
	if c.HoldLimit < 0 {
		return fmt.Errorf("HoldLimit is %v: %w", c.HoldLimit, ErrBadDuration)
	}
	if c.LullLimit < 0 {
		return fmt.Errorf("LullLimit is %v: %w", c.LullLimit, ErrBadDuration)
	}
	if c.Early < 0 {
		return fmt.Errorf("Early is %v: %w", c.Early, ErrBadDuration)
	}
	if cy := c.Cycle; cy != nil {
		if cy.Sit <= 0 {
			return fmt.Errorf("Cycle.Sit is %v: must be positive", cy.Sit)
		}
		if cy.Stand < 0 || cy.Move < 0 {
			return fmt.Errorf("Cycle.Stand (%v) and Cycle.Move (%v) must not be negative", cy.Stand, cy.Move)
		}
		if cy.Stand+cy.Move == 0 {
			return fmt.Errorf("Cycle: Stand and Move are both 0, so there is nothing to cycle")
		}
	}
	return nil
}
