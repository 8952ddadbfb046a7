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
	// reported by the commands that read it, not here.
	language := "system"
	if p, err := paths.ConfigFile(); err == nil {
		if s, probs, err := settings.Load(p); err == nil && len(probs) == 0 {
			language = s.Language
		}
	}
	if err := i18n.Init(language); err != nil {
		fmt.Fprintf(os.Stderr, "limber: %v\n", err)
	}
	os.Exit(run(os.Args[1:]))
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
	env := &cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Dial: dial}
	return cli.Main(args, env)
}

// dial connects to the daemon's socket.
func dial() (*api.Client, func(), error) {
	c, err := ipc.Dial(paths.Socket())
	if err != nil {
		return nil, nil, err
	}
	return api.NewClient(c), func() { c.Close() }, nil
}

func usageWindow() int {
	fmt.Fprintln(os.Stderr, "usage: limber window card|settings|stats|status [OPTIONS]")
	return cli.ExitUsage
}
