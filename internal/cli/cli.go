// Package cli is Limber's command line: one table of subcommands, each a
// function that takes its arguments and an Env and returns an exit code
// (0 done, 1 failed, 2 bad usage). Errors go to Env.Stderr and say what
// failed and what the user can do.
package cli

import (
	"fyne.io/fyne/v2/lang"
	"io"

	"github.com/limber-app/limber/internal/api"
)

// Exit codes shared by every command.
const (
	ExitOK     = 0
	ExitFailed = 1
	ExitUsage  = 2
)

// Env is what a command may touch: its output streams and a way to reach
// the daemon: Dial returns a client and how to let go of it, or an error
// saying how to start the daemon.
type Env struct {
	Stdout, Stderr io.Writer
	Dial           func() (c *api.Client, closeFn func(), err error)
	// Verbose adds technical detail to messages (limber --verbose COMMAND).
	Verbose bool
}

// Command is one subcommand.
type Command struct {
	Name    string
	Summary string // one line for `limber --help`
	Run     func(args []string, env *Env) int
}

// Table lists every subcommand in the order `limber --help` shows them,
// each summary in the user's language (English where no catalogue is
// loaded, as for the man page).
// `window` and the daemon itself are dispatched by cmd/limber, which owns
// the Fyne and tray imports.
func Table() []Command {
	return []Command{
		{"status", lang.X("cli.help.status", "show sitting time and when each break is due (--json for scripts, --explain for why)"), cmdStatus},
		{"pause", lang.X("cli.help.pause", "pause reminders: pause DURATION | until HH:MM | tomorrow"), cmdPause},
		{"resume", lang.X("cli.help.resume", "resume reminders after a pause"), cmdResume},
		{"break", lang.X("cli.help.break", "take a break now: {{.Usage}}", map[string]any{"Usage": breakUsage()}), cmdBreak},
		{"snooze", lang.X("cli.help.snooze", "postpone the due (or next) break: snooze [DURATION] (default from settings)"), cmdSnooze},
		{"skip", lang.X("cli.help.skip", "skip the due break"), cmdSkip},
		{"drink", lang.X("cli.help.drink", "log a glass of water"), cmdDrink},
		{"stats", lang.X("cli.help.stats", "print sitting time, breaks and water over the last days"), cmdStats},
		{"export", lang.X("cli.help.export", "write every recorded event: export --csv FILE|- or --json FILE|-"), cmdExport},
		{"config", lang.X("cli.help.config", "settings file: config check [FILE] | config path | config defaults"), cmdConfig},
		{"cards", lang.X("cli.help.cards", "exercise cards: cards check [DIR] | cards list [--json] | cards pick KIND [--length DURATION] [--count N] [--json]"), cmdCards},
		{"profile", lang.X("cli.help.profile", "named sets of settings: {{.Usage}}", map[string]any{"Usage": ProfileUsage}), cmdProfile},
		{"autostart", lang.X("cli.help.autostart", "start at login: autostart on|off|status"), cmdAutostart},
		{"version", lang.X("cli.help.version", "print the version"), cmdVersion},
		{"quit", lang.X("cli.help.quit", "stop the running daemon"), cmdQuit},
		{"completion", lang.X("cli.help.completion", "print a shell completion script: completion bash|zsh|fish"), cmdCompletion},
	}
}

// Lookup finds a command by name.
func Lookup(name string) (Command, bool) {
	for _, c := range Table() {
		if c.Name == name {
			return c, true
		}
	}
	return Command{}, false
}
