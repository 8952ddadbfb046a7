package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// Mux is the daemon's table of command handlers. Register with Handle
// before serving; Serve answers one request line.
type Mux struct {
	handlers map[Command]func(context.Context, json.RawMessage) (any, error)
	// Logf reports handler panics (may be nil).
	Logf func(format string, args ...any)
}

// NewMux returns a table with no commands.
func NewMux() *Mux {
	return &Mux{handlers: map[Command]func(context.Context, json.RawMessage) (any, error){}}
}

// Handle registers f for cmd: the request's args decode into a Req (no
// args: the zero Req), and the Resp f returns is the reply's data.
func Handle[Req, Resp any](m *Mux, cmd Command, f func(ctx context.Context, req Req) (Resp, error)) {
	m.handlers[cmd] = func(ctx context.Context, raw json.RawMessage) (any, error) {
		var req Req
		if len(raw) > 0 && string(raw) != "null" {
			if err := json.Unmarshal(raw, &req); err != nil {
				return nil, Usagef("malformed arguments to %s: %v", cmd, err)
			}
		}
		return f(ctx, req)
	}
}

// Serve decodes one request line, runs its handler and encodes the reply
// line. It never panics on bad input: a malformed request gets an error
// reply, and a reply too long to send becomes one.
func (m *Mux) Serve(ctx context.Context, line []byte) []byte {
	b, err := json.Marshal(m.dispatch(ctx, line))
	if err != nil || len(b) > MaxMessage {
		b, _ = json.Marshal(Response{V: Version, Code: CodeFailed, Error: "the reply was too long to send"})
	}
	return b
}

// TooLong is the reply to a request line over MaxMessage.
func TooLong() []byte {
	b, _ := json.Marshal(Response{V: Version, Code: CodeUsage, Error: fmt.Sprintf("request longer than %d bytes", MaxMessage)})
	return b
}

func (m *Mux) dispatch(ctx context.Context, line []byte) (resp Response) {
	resp.V = Version
	fail := func(err error) Response {
		resp.Error, resp.Code = err.Error(), CodeFailed
		var e *Error
		if errors.As(err, &e) {
			resp.Code = e.Code
		}
		return resp
	}
	var req Request
	if err := json.Unmarshal(line, &req); err != nil {
		return fail(Usagef("malformed request: %v", err))
	}
	resp.ID = req.ID
	if req.V != Version {
		return fail(versionMismatch("this daemon", req.V))
	}
	h, ok := m.handlers[Command(req.Cmd)]
	if !ok {
		return fail(&Error{Code: CodeUnknown, Msg: fmt.Sprintf("unknown command %q", req.Cmd)})
	}
	defer func() {
		if p := recover(); p != nil {
			if m.Logf != nil {
				m.Logf("api: command %s panicked: %v", req.Cmd, p)
			}
			resp = Response{V: Version, ID: req.ID, Code: CodeFailed, Error: fmt.Sprintf("internal error in %s", req.Cmd)}
		}
	}()
	data, err := h(context.WithValue(ctx, langKey{}, req.Lang), req.Args)
	if err != nil {
		return fail(err)
	}
	b, err := json.Marshal(data)
	if err != nil {
		return fail(fmt.Errorf("encoding the reply to %s: %w", req.Cmd, err))
	}
	if string(b) != "null" && string(b) != "{}" {
		resp.Data = b
	}
	resp.OK = true
	return resp
}

// langKey is the context key of the request's language.
type langKey struct{}

// Lang is the language the request being served asked its reply in
// (Request.Lang; "" when it did not say), for a handler to pass on to
// i18n.XIn.
func Lang(ctx context.Context) string {
	l, _ := ctx.Value(langKey{}).(string)
	return l
}
