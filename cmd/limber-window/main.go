// Command limber-window runs one of Limber's Fyne windows (card, settings,
// stats, status, welcome) as its own process:
//
//	limber-window card|settings|stats|status|welcome [OPTIONS]
//	limber-window import-history OLD.db NEW.jsonl
//
// The daemon, `limber`, starts it as a child when a break comes due or a
// window is asked for from the tray; `limber window NAME ...` runs it from
// the terminal. It is the only Limber binary that links Fyne's app and GL
// driver, which keeps the long-running daemon small (see cmd/limber). It
// talks to the daemon over the control socket, like the CLI, and exits
// when its window closes. Without a running daemon each window works on its
// own (files, read-only history).
//
// import-history is no window: it takes an old SQLite history (history.db)
// into the history file once. The daemon runs it at start while history.db
// is there, so that only this binary links SQLite (internal/historydb).
//
// Installed beside limber, or in PREFIX/libexec/limber/.
package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2/lang"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/cli"
	"github.com/limber-app/limber/internal/display"
	"github.com/limber-app/limber/internal/historydb"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/i18n/fynelang"
	"github.com/limber-app/limber/internal/ipc"
	"github.com/limber-app/limber/internal/paths"
	"github.com/limber-app/limber/internal/settings"
	"github.com/limber-app/limber/internal/ui/cardwin"
	"github.com/limber-app/limber/internal/ui/settingswin"
	"github.com/limber-app/limber/internal/ui/statswin"
	"github.com/limber-app/limber/internal/ui/statuswin"
	"github.com/limber-app/limber/internal/ui/welcomewin"
)

func main() {
	// Speak the language the user chose, as limber does.
	language := "system"
	if p, err := paths.ConfigFile(); err == nil {
		if s, probs, err := settings.Load(p); err == nil && len(probs) == 0 {
			language = s.Language
			// Fyne reads FYNE_THEME when the app starts; one set by hand wins.
			if s.Theme != settings.ThemeSystem && os.Getenv("FYNE_THEME") == "" {
				os.Setenv("FYNE_THEME", s.Theme)
			}
		}
	}
	if err := fynelang.Init(language); err != nil {
		fmt.Fprintf(os.Stderr, "limber-window: %v\n", err)
	}
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) == 0 {
		return usage()
	}
	if args[0] == "import-history" {
		return importHistory(args[1:])
	}
	var c *api.Client
	if conn, err := ipc.Dial(paths.Socket()); err == nil {
		c = api.NewClientIn(conn, i18n.Current()) // the daemon's refusals in this window's language
		defer conn.Close()
	}
	switch args[0] {
	case "card":
		if !display.Available() {
			// Said to the daemon by the exit code: it shows the break as a
			// notification and records the card as not shown.
			fmt.Fprintln(os.Stderr, "limber-window: no display (neither DISPLAY nor WAYLAND_DISPLAY answers); the break is shown as a notification")
			return display.ExitNoDisplay
		}
		if c == nil {
			return cardwin.Run(args[1:], nil)
		}
		return cardwin.Run(args[1:], c)
	case "settings":
		if c == nil {
			return settingswin.Run(args[1:], nil)
		}
		return settingswin.Run(args[1:], c)
	case "welcome":
		if c == nil {
			return welcomewin.Run(args[1:], nil)
		}
		return welcomewin.Run(args[1:], c)
	case "stats":
		if c == nil {
			return statswin.Run(args[1:], nil)
		}
		return statswin.Run(args[1:], c)
	case "status":
		if c == nil {
			return statuswin.Run(args[1:], nil)
		}
		return statuswin.Run(args[1:], c)
	}
	return usage()
}

// importHistory runs `import-history SRC DST`: the daemon reads its
// output, and shows the error (stderr) when it fails.
func importHistory(args []string) int {
	if len(args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: limber-window import-history OLD.db NEW.jsonl")
		return cli.ExitUsage
	}
	res, err := historydb.Import(args[0], args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return cli.ExitFailed
	}
	if res.Already {
		fmt.Printf("%s was imported into %s before; it is kept at %s\n", args[0], args[1], res.Kept)
		return 0
	}
	fmt.Printf("imported %d events from %s into %s (%d unreadable left out); the old file is kept at %s\n",
		res.Entries, args[0], args[1], res.Bad, res.Kept)
	return 0
}

func usage() int {
	fmt.Fprintln(os.Stderr, lang.X("cli.help.usage", "usage:"), cli.WindowUsage())
	return cli.ExitUsage
}
