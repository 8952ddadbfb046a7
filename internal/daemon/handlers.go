package daemon

import (
	"context"
	"encoding/json"
	"time"

	"github.com/limber-app/limber/internal/cli"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/ipc"
	"github.com/limber-app/limber/internal/schedule"
)

// decode reads a request's args into v; empty args leave v as is.
func decode(args json.RawMessage, v any) error {
	if len(args) == 0 || string(args) == "null" {
		return nil
	}
	if err := json.Unmarshal(args, v); err != nil {
		return ipc.Usagef("malformed arguments: %v", err)
	}
	return nil
}

func checkKind(k string, allowEmpty bool) error {
	if k == "" && allowEmpty {
		return nil
	}
	for _, kind := range schedule.AllKinds() {
		if string(kind) == k {
			return nil
		}
	}
	return ipc.Usagef("%q is not a break kind: use posture, hydration, stretch or movement", k)
}

// register adds every control command to srv.
func (d *Daemon) register(srv *ipc.Server) {
	srv.Handle("status", func(_ context.Context, args json.RawMessage) (any, error) {
		var a cli.StatusArgs
		if err := decode(args, &a); err != nil {
			return nil, err
		}
		// Answer with a fresh observation, not one up to a minute old.
		d.Tick()
		return d.Status(a.Explain), nil
	})
	srv.Handle("pause", func(_ context.Context, args json.RawMessage) (any, error) {
		var a cli.PauseArgs
		if err := decode(args, &a); err != nil {
			return nil, err
		}
		var until time.Time
		switch {
		case a.Tomorrow:
		case a.Until != nil:
			until = *a.Until
		case a.Seconds > 0:
			until = d.now().Add(time.Duration(a.Seconds) * time.Second)
		default:
			return nil, ipc.Usagef("pause needs seconds, until or tomorrow")
		}
		if err := d.Pause(until, a.Tomorrow); err != nil {
			return nil, err
		}
		return d.Status(false), nil
	})
	srv.Handle("resume", func(context.Context, json.RawMessage) (any, error) {
		return nil, d.Resume()
	})
	srv.Handle("break_now", func(_ context.Context, args json.RawMessage) (any, error) {
		var a cli.KindArgs
		if err := decode(args, &a); err != nil {
			return nil, err
		}
		if a.Kind == "" {
			a.Kind = string(schedule.Stretch)
		}
		if err := checkKind(a.Kind, false); err != nil {
			return nil, err
		}
		return nil, d.BreakNow(schedule.Kind(a.Kind))
	})
	srv.Handle("snooze", func(_ context.Context, args json.RawMessage) (any, error) {
		var a cli.SnoozeArgs
		if err := decode(args, &a); err != nil {
			return nil, err
		}
		if err := checkKind(a.Kind, true); err != nil {
			return nil, err
		}
		if a.Seconds < 0 {
			return nil, ipc.Usagef("snooze seconds must not be negative")
		}
		return nil, d.Postpone(schedule.Kind(a.Kind), time.Duration(a.Seconds)*time.Second)
	})
	srv.Handle("skip", func(_ context.Context, args json.RawMessage) (any, error) {
		var a cli.KindArgs
		if err := decode(args, &a); err != nil {
			return nil, err
		}
		if err := checkKind(a.Kind, true); err != nil {
			return nil, err
		}
		return nil, d.Skip(schedule.Kind(a.Kind))
	})
	srv.Handle("drink", func(_ context.Context, args json.RawMessage) (any, error) {
		// The card window sends no source: a glass from the card.
		a := cli.DrinkArgs{Source: string(history.SourceCard)}
		if err := decode(args, &a); err != nil {
			return nil, err
		}
		src := history.Source(a.Source)
		switch src {
		case history.SourceCLI, history.SourceTray, history.SourceCard:
		default:
			return nil, ipc.Usagef("unknown glass source %q", a.Source)
		}
		if _, err := d.Drink(src); err != nil {
			return nil, err
		}
		return d.Status(false), nil
	})
	srv.Handle("break_result", func(_ context.Context, args json.RawMessage) (any, error) {
		var r BreakResult
		if err := decode(args, &r); err != nil {
			return nil, err
		}
		if err := checkKind(r.Kind, false); err != nil {
			return nil, err
		}
		if r.ElapsedSeconds < 0 || r.SnoozeSeconds < 0 {
			return nil, ipc.Usagef("durations must not be negative")
		}
		return nil, d.breakResult(r)
	})
	srv.Handle("quit", func(context.Context, json.RawMessage) (any, error) {
		d.Quit()
		return nil, nil
	})
	srv.Handle("version", func(context.Context, json.RawMessage) (any, error) {
		return map[string]string{"version": d.Status(false).Version}, nil
	})
	d.registerWiring(srv)
}
