// Package cardwin is the break window (`limber window card`): the exercise
// card with its animated figure, a countdown of the break and the buttons
// Done, Snooze, Skip and "Another one". It runs in the window child process
// and tells the daemon over IPC how the break ended, exactly once.
package cardwin

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/schedule"
)

// Caller sends one request to the daemon; *ipc.Client satisfies it.
type Caller interface {
	Call(cmd string, args any, reply any) error
}

// IPC command names the daemon must serve for this window.
const (
	// CmdBreakResult reports how a break ended (BreakResult, reply nil).
	CmdBreakResult = "break_result"
	// CmdCardPick asks the daemon's picker for a card (CardPickArgs → CardPickReply).
	CmdCardPick = "card_pick"
	// CmdDrink logs one glass of water (DrinkArgs, reply nil).
	CmdDrink = "drink"
)

// Outcomes of a break, as the scheduler's event types name them.
const (
	OutcomeDone        = string(schedule.EventDone)
	OutcomeSnoozed     = string(schedule.EventSnoozed)
	OutcomeSkipped     = string(schedule.EventSkipped)
	OutcomeClosedEarly = string(schedule.EventClosedEarly)
)

// BreakResult is the args of break_result.
type BreakResult struct {
	Kind           string  `json:"kind"`
	CardID         string  `json:"card_id"`
	Outcome        string  `json:"outcome"` // done | snoozed | skipped | closed_early
	ElapsedSeconds float64 `json:"elapsed_seconds"`
	// SnoozeSeconds is how long to postpone, set when Outcome is snoozed.
	SnoozeSeconds int `json:"snooze_seconds,omitempty"`
	// Strict tells the daemon the card ran in strict mode.
	Strict bool `json:"strict,omitempty"`
}

// CardPickArgs is the args of card_pick. The daemon applies the user's
// allowed positions and its recent-cards memory (a cards.Picker it keeps
// across windows) and must never return an id listed in Exclude.
type CardPickArgs struct {
	Kind          string   `json:"kind"`
	LengthSeconds int      `json:"length_seconds"`
	Exclude       []string `json:"exclude,omitempty"`
}

// CardPickReply is the reply of card_pick. An empty CardID means no card fits.
type CardPickReply struct {
	CardID string `json:"card_id"`
}

// DrinkArgs is the args of drink (one glass, logged now).
type DrinkArgs struct{}

// offlineCaller stands in for the daemon when the window runs on its own
// (`--offline`, previews, screenshots): it picks from the local library and
// prints what it would have sent as JSON lines.
type offlineCaller struct {
	picker  *cards.Picker
	allowed []cards.Position
	out     io.Writer
}

func (o *offlineCaller) Call(cmd string, args any, reply any) error {
	switch cmd {
	case CmdCardPick:
		a, ok := args.(CardPickArgs)
		if !ok {
			return fmt.Errorf("card_pick: unexpected args %T", args)
		}
		c, err := o.picker.Pick(schedule.Kind(a.Kind), time.Duration(a.LengthSeconds)*time.Second, o.allowed, a.Exclude)
		if err != nil {
			return err
		}
		if r, ok := reply.(*CardPickReply); ok {
			r.CardID = c.ID
		}
		return nil
	case CmdBreakResult, CmdDrink:
		b, err := json.Marshal(map[string]any{"cmd": cmd, "args": args})
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(o.out, "%s\n", b)
		return err
	}
	return fmt.Errorf("unknown command %q", cmd)
}
