// Package api is Limber's control protocol, the only place a command or
// its reply is spelled: the wire envelope, every command name, its typed
// request and reply, the outcomes a card reports, the error codes, a typed
// client (CLI, tray tests, windows) and a typed registration for the
// daemon's handlers.
//
// The transport is internal/ipc: newline-delimited JSON over a Unix socket
// only the user's own processes may use. One request line gets one reply
// line carrying the same id.
//
// The card window dials the same socket as everyone else instead of
// talking over its own pipe: it keeps card windows runnable by hand
// against a running daemon (previews, screenshots, e2e tests), and its two
// card-only commands change nothing but the break the daemon itself
// offered (a result for a break that is not due is refused by the core).
//
// Versions: Version changes only when a peer of the other version would
// misread a message (a field renamed, retyped or made required). A new
// optional field keeps the version: a peer that does not know it ignores
// it (encoding/json drops unknown fields) and one that does treats its
// absence as the old behaviour. Request.Lang is such a field: an old client
// sends none and gets the daemon's language, an old daemon ignores it.
package api

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Version is the protocol version. Both sides refuse another version with
// CodeVersion, so an old command talking to a new daemon (or the other way
// round) says to restart limber instead of misreading a reply.
const Version = 2

// MaxMessage caps one request or reply line; a longer line is refused.
const MaxMessage = 1 << 20

// Request is one line from a client.
type Request struct {
	V    int             `json:"v"`
	ID   uint64          `json:"id,omitempty"`
	Cmd  string          `json:"cmd"`
	Args json.RawMessage `json:"args,omitempty"`
	// Lang is the caller's language ("de"), for the daemon's messages
	// in the reply (refusals, texts of the status); optional: without it,
	// or with a language the daemon has no catalogue for, the daemon
	// answers in its own.
	Lang string `json:"lang,omitempty"`
}

// Response is the daemon's one-line answer to a Request.
type Response struct {
	V     int             `json:"v"`
	ID    uint64          `json:"id,omitempty"`
	OK    bool            `json:"ok"`
	Error string          `json:"error,omitempty"`
	Code  Code            `json:"code,omitempty"`
	Data  json.RawMessage `json:"data,omitempty"`
}

// Code classifies a refusal, so a client can act on it without reading
// the message (the CLI exits 2 for CodeUsage).
type Code string

const (
	// CodeFailed: the daemon could not do it (the message says why).
	CodeFailed Code = "failed"
	// CodeUsage: the request was malformed or named something unknown.
	CodeUsage Code = "usage"
	// CodeVersion: the two sides speak different protocol versions.
	CodeVersion Code = "version"
	// CodeUnknown: the daemon serves no such command.
	CodeUnknown Code = "unknown_command"
)

// Error is a refusal from the daemon.
type Error struct {
	Code Code
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// Usagef builds a CodeUsage error (a handler refusing bad arguments).
func Usagef(format string, args ...any) error {
	return &Error{Code: CodeUsage, Msg: fmt.Sprintf(format, args...)}
}

// IsUsage reports whether err is the daemon refusing a malformed request.
func IsUsage(err error) bool {
	var e *Error
	return errors.As(err, &e) && (e.Code == CodeUsage || e.Code == CodeUnknown)
}

// versionMismatch is the refusal of a peer that speaks protocol theirs;
// who says which side this process is ("this daemon", "this command").
func versionMismatch(who string, theirs int) *Error {
	return &Error{Code: CodeVersion, Msg: fmt.Sprintf("version mismatch: restart limber (%s speaks protocol %d, the other side %d)", who, Version, theirs)}
}
