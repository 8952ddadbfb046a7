// Package cardwin is the break window (limber-window card): the exercise
// card with its animated figure, a countdown of the break and the buttons
// Done, Snooze, Skip and "Another one". It runs in the window child process
// and tells the daemon how the break ended, exactly once.
package cardwin

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/history"
)

// Daemon is what the card window asks of the daemon; *api.Client is one.
// Status is read about once a second while the break counts down, for the
// time since the last keyboard or pointer input (IdleSeconds).
type Daemon interface {
	PickPlan(ctx context.Context, a api.CardPickArgs) ([]string, error)
	ReportBreak(ctx context.Context, r api.BreakResult) error
	Drink(ctx context.Context, src history.Source) (api.Status, error)
	Status(ctx context.Context, explain bool) (api.Status, error)
}

// offline stands in for the daemon when the window runs on its own
// (`--offline`, previews, screenshots): it picks from the local library and
// prints what it would have sent as JSON lines.
type offline struct {
	picker  *cards.Picker
	allowed []cards.Position
	out     io.Writer
}

func (o *offline) PickPlan(_ context.Context, a api.CardPickArgs) ([]string, error) {
	pl, err := o.picker.Sequence(a.Kind, time.Duration(a.LengthSeconds)*time.Second, o.allowed, a.Exclude)
	return pl.IDs(), err
}

func (o *offline) ReportBreak(_ context.Context, r api.BreakResult) error {
	return o.print(api.CmdBreakResult, r)
}

func (o *offline) Drink(_ context.Context, src history.Source) (api.Status, error) {
	return api.Status{}, o.print(api.CmdDrink, api.DrinkArgs{Source: src})
}

// Status without a daemon knows of no input: the countdown never pauses.
func (o *offline) Status(context.Context, bool) (api.Status, error) {
	return api.Status{IdleSeconds: math.MaxInt32}, nil
}

func (o *offline) print(cmd api.Command, args any) error {
	b, err := json.Marshal(map[string]any{"cmd": cmd, "args": args})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(o.out, "%s\n", b)
	return err
}
