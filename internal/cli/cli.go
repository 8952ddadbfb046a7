// Package cli is Limber's command line: one table of subcommands, each a
// function that takes its arguments and an Env and returns an exit code
// (0 done, 1 failed, 2 bad usage). Errors go to Env.Stderr and say what
// failed and what the user can do.
package cli

import (
	"io"
)

// Exit codes shared by every command.
const (
	ExitOK     = 0
	ExitFailed = 1
	ExitUsage  = 2
)

// Caller sends one request to the running daemon.
type Caller interface {
	Call(cmd string, args any, reply any) error
}

// Env is what a command may touch: its output streams and a way to reach
// the daemon (which fails with a message saying how to start it).
type Env struct {
	Stdout, Stderr io.Writer
	Dial           func() (Caller, error)
}

// Command is one subcommand.
type Command struct {
	Name    string
	Summary string // one line for `limber --help`
	Run     func(args []string, env *Env) int
}
