// Command limber is the Limber break reminder: the tray daemon without
// arguments, its command line with them. The windows are a program of
// their own, limber-window (cmd/limber-window), which the daemon starts as
// a child and `limber window NAME` runs; this binary links no Fyne window
// code.
package main

import (
	"fmt"
	"os"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/cli"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/ipc"
	"github.com/limber-app/limber/internal/paths"
	"github.com/limber-app/limber/internal/settings"
)

func main() {
	// Speak the language the user chose; a broken settings file is
	// reported by the commands that read it, not here. Commands that print
	// nothing translated never read the file, so they work whatever lies
	// at its place; the others read it safely (a regular file of at most
	// 1 MiB, within 2 s).
	language := "system"
	if readsSettings(os.Args[1:]) {
		if p, err := paths.ConfigFile(); err == nil {
			if s, probs, err := settings.Load(p); err == nil && len(probs) == 0 {
				language = s.Language
			}
		}
	}
	if err := i18n.Init(language); err != nil {
		fmt.Fprintf(os.Stderr, "limber: %v\n", err)
	}
	os.Exit(run(os.Args[1:]))
}

// readsSettings reports whether the command in args needs the settings
// (for its language, or its work). export, quit, version, completion and
// `config path` do not.
func readsSettings(args []string) bool {
	for len(args) > 0 && (args[0] == "--verbose" || args[0] == "-v") {
		args = args[1:]
	}
	if len(args) == 0 {
		return true // the daemon
	}
	switch args[0] {
	case "export", "quit", "version", "completion", "--version":
		return false
	case "config":
		return !(len(args) > 1 && args[1] == "path")
	}
	return true
}

func run(args []string) int {
	verbose := false
	if len(args) > 0 && (args[0] == "--verbose" || args[0] == "-v") {
		verbose = true
		args = args[1:]
	}
	if len(args) == 0 {
		return runDaemon(verbose)
	}
	if args[0] == "window" {
		return runWindow(args[1:])
	}
	env := &cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Dial: dial, Verbose: verbose}
	return cli.Main(args, env)
}

// dial connects to the daemon's socket. The daemon answers in this
// command's language (its settings, or LANG/LC_ALL/LC_MESSAGES for
// "system"), which may not be the daemon's: another LANG in this terminal.
func dial() (*api.Client, func(), error) {
	c, err := ipc.Dial(paths.Socket())
	if err != nil {
		return nil, nil, err
	}
	return api.NewClientIn(c, i18n.Current()), func() { c.Close() }, nil
}

func usageWindow() int {
	fmt.Fprintln(os.Stderr, i18n.X("cli.help.usage", "usage:"), cli.WindowUsage())
	return cli.ExitUsage
}
