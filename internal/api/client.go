package api

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/settings"
)

// Transport carries one request line to the daemon and brings back its
// reply line; *ipc.Conn is one, Local another.
type Transport interface {
	RoundTrip(ctx context.Context, line []byte) ([]byte, error)
}

// Local is a Transport straight into a Mux, in this process: tests, and
// windows that run without a daemon.
func Local(m *Mux) Transport { return localTransport{m} }

type localTransport struct{ m *Mux }

func (l localTransport) RoundTrip(ctx context.Context, line []byte) ([]byte, error) {
	return l.m.Serve(ctx, line), nil
}

// Client is the typed way to talk to the daemon. It is safe for
// concurrent use.
type Client struct {
	t    Transport
	lang string
	mu   sync.Mutex
	next uint64
}

// NewClient speaks the protocol over t; the daemon answers in its own
// language.
func NewClient(t Transport) *Client { return &Client{t: t} }

// NewClientIn speaks the protocol over t and asks the daemon to answer in
// language lang (a code of i18n.Languages: the caller's, i18n.Current).
func NewClientIn(t Transport, lang string) *Client { return &Client{t: t, lang: lang} }

// call sends cmd with req and decodes the reply's data into a Resp.
func call[Resp any](ctx context.Context, c *Client, cmd Command, req any) (Resp, error) {
	var out Resp
	r := Request{V: Version, Cmd: string(cmd), Lang: c.lang}
	if req != nil {
		b, err := json.Marshal(req)
		if err != nil {
			return out, fmt.Errorf("encoding the %s request: %w", cmd, err)
		}
		r.Args = b
	}
	c.mu.Lock()
	c.next++
	r.ID = c.next
	c.mu.Unlock()
	line, err := json.Marshal(r)
	if err != nil {
		return out, fmt.Errorf("encoding the %s request: %w", cmd, err)
	}
	reply, err := c.t.RoundTrip(ctx, line)
	if err != nil {
		return out, fmt.Errorf("%s: %w", cmd, err)
	}
	var resp Response
	if err := json.Unmarshal(reply, &resp); err != nil {
		return out, fmt.Errorf("the daemon's reply to %s is not valid: %w", cmd, err)
	}
	if resp.V != Version {
		return out, versionMismatch("this command", resp.V)
	}
	if resp.ID != 0 && resp.ID != r.ID {
		return out, fmt.Errorf("the daemon answered request %d instead of %d", resp.ID, r.ID)
	}
	if !resp.OK {
		if resp.Error == "" {
			resp.Error = "the daemon refused " + string(cmd)
		}
		if resp.Code == "" {
			resp.Code = CodeFailed
		}
		return out, &Error{Code: resp.Code, Msg: resp.Error}
	}
	if len(resp.Data) > 0 {
		if err := json.Unmarshal(resp.Data, &out); err != nil {
			return out, fmt.Errorf("decoding the daemon's reply to %s: %w", cmd, err)
		}
	}
	return out, nil
}

// Status is the daemon's state; explain adds why it thinks you are active.
func (c *Client) Status(ctx context.Context, explain bool) (Status, error) {
	return call[Status](ctx, c, CmdStatus, StatusArgs{Explain: explain})
}

// StatusWith asks for the status as a says (every problem, the why).
func (c *Client) StatusWith(ctx context.Context, a StatusArgs) (Status, error) {
	return call[Status](ctx, c, CmdStatus, a)
}

// Pause stops reminders as a asks.
func (c *Client) Pause(ctx context.Context, a PauseArgs) (Status, error) {
	return call[Status](ctx, c, CmdPause, a)
}

// Show asks the daemon to open a window (WindowStatus, WindowSettings,
// WindowStats).
func (c *Client) Show(ctx context.Context, window string) error {
	_, err := call[None](ctx, c, CmdShow, ShowArgs{Window: window})
	return err
}

// Menu runs a tray-menu action, as a click on it would.
func (c *Client) Menu(ctx context.Context, action string) error {
	_, err := call[None](ctx, c, CmdMenu, MenuArgs{Action: action})
	return err
}

// Resume ends a pause.
func (c *Client) Resume(ctx context.Context) error {
	_, err := call[None](ctx, c, CmdResume, nil)
	return err
}

// BreakNow offers a break of kind at once. It fails (CodeFailed) when that
// break, or a bigger one, is already on screen.
func (c *Client) BreakNow(ctx context.Context, kind schedule.Kind) (BreakNowReply, error) {
	return call[BreakNowReply](ctx, c, CmdBreakNow, KindArgs{Kind: kind})
}

// Snooze postpones the break of kind (empty: the one due, or the next) by
// d of activity (0: the configured snooze), and says which and when.
func (c *Client) Snooze(ctx context.Context, kind schedule.Kind, d time.Duration) (SnoozeReply, error) {
	return call[SnoozeReply](ctx, c, CmdSnooze, SnoozeArgs{Kind: kind, Seconds: int64(d / time.Second)})
}

// Skip drops the due break of kind (empty: whichever is due).
func (c *Client) Skip(ctx context.Context, kind schedule.Kind) (SkipReply, error) {
	return call[SkipReply](ctx, c, CmdSkip, KindArgs{Kind: kind})
}

// Drink logs a glass of water and returns the status with today's count.
func (c *Client) Drink(ctx context.Context, src history.Source) (Status, error) {
	return call[Status](ctx, c, CmdDrink, DrinkArgs{Source: src})
}

// Quit stops the daemon.
func (c *Client) Quit(ctx context.Context) error {
	_, err := call[None](ctx, c, CmdQuit, nil)
	return err
}

// Version is the daemon's version.
func (c *Client) Version(ctx context.Context) (string, error) {
	r, err := call[VersionReply](ctx, c, CmdVersion, nil)
	return r.Version, err
}

// Settings returns the settings in use, their file and its problems.
func (c *Client) Settings(ctx context.Context) (SettingsReply, error) {
	return call[SettingsReply](ctx, c, CmdSettingsGet, nil)
}

// SetSettings validates, saves and applies s.
func (c *Client) SetSettings(ctx context.Context, s settings.Settings) error {
	_, err := call[None](ctx, c, CmdSettingsSet, SettingsArgs{Settings: s})
	return err
}

// Stats returns the figures of the last days days.
func (c *Client) Stats(ctx context.Context, days int) (history.Stats, error) {
	return call[history.Stats](ctx, c, CmdStats, StatsArgs{Days: days})
}

// ReportBreak tells the daemon how the card's break ended.
func (c *Client) ReportBreak(ctx context.Context, r BreakResult) error {
	_, err := call[None](ctx, c, CmdBreakResult, r)
	return err
}

// PickCard asks the daemon's picker for a card ("" when none fits).
func (c *Client) PickCard(ctx context.Context, a CardPickArgs) (string, error) {
	r, err := call[CardPickReply](ctx, c, CmdCardPick, a)
	return r.CardID, err
}

// PickPlan asks the daemon's picker for the cards that fill a break, in
// order (none when none fits).
func (c *Client) PickPlan(ctx context.Context, a CardPickArgs) ([]string, error) {
	r, err := call[CardPickReply](ctx, c, CmdCardPick, a)
	if len(r.CardIDs) == 0 && r.CardID != "" {
		return []string{r.CardID}, err // a daemon from before card_ids
	}
	return r.CardIDs, err
}
