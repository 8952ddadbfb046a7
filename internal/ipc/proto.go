// Package ipc is Limber's local control protocol: newline-delimited JSON
// over a Unix socket that only the user's own processes may use. The CLI
// and the window processes are clients; the daemon serves a table of named
// commands.
package ipc

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Version is the protocol version. A request with another version gets an
// error reply, so an old CLI talking to a new daemon fails clearly.
const Version = 1

// MaxMessage caps one request or reply line; a longer line is refused.
const MaxMessage = 1 << 20

// Request is one line from a client.
type Request struct {
	V    int             `json:"v"`
	ID   uint64          `json:"id,omitempty"`
	Cmd  string          `json:"cmd"`
	Args json.RawMessage `json:"args,omitempty"`
}

// Response is the daemon's one-line answer to a Request.
type Response struct {
	V     int             `json:"v"`
	ID    uint64          `json:"id,omitempty"`
	OK    bool            `json:"ok"`
	Error string          `json:"error,omitempty"`
	Data  json.RawMessage `json:"data,omitempty"`
}

// RemoteError is an error the daemon returned for a request.
type RemoteError struct{ Msg string }

func (e *RemoteError) Error() string { return e.Msg }

// ErrNotRunning means no daemon answers on the socket.
var ErrNotRunning = errors.New("limber is not running: start it with `limber` (or `make run` from the source tree)")

// ErrAlreadyRunning means another daemon already serves the socket.
var ErrAlreadyRunning = errors.New("limber is already running")

// UsageError marks a request the handler refused as malformed.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Usagef builds a UsageError.
func Usagef(format string, args ...any) error { return &UsageError{Msg: fmt.Sprintf(format, args...)} }
