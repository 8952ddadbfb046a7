// Package settingswin is the settings window (`limber window settings`):
// every setting of config.toml in four tabs, checked as the user types with
// the message under the field, presets in one click, and Save applying the
// settings to the running daemon at once (settings_set). Without a daemon
// it edits the file directly.
package settingswin

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/limber-app/limber/internal/ui/appwin"
	"io"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/autostart"
	"github.com/limber-app/limber/internal/i18n/fynelang"
	"github.com/limber-app/limber/internal/paths"
	"github.com/limber-app/limber/internal/settings"
)

// Daemon is what the window asks of the daemon; *api.Client is one.
type Daemon interface {
	Settings(ctx context.Context) (api.SettingsReply, error)
	SetSettings(ctx context.Context, s settings.Settings) error
	// SaveProfile saves the profile name: it sets keys, with their values in s.
	SaveProfile(ctx context.Context, name string, s settings.Settings, keys []string) error
}

// Autostarter turns start-at-login on and off.
type Autostarter interface {
	Enabled() (bool, error)
	Set(on bool) error
}

type osAutostart struct{}

func (osAutostart) Enabled() (bool, error) {
	exe, err := autostart.Executable()
	if err != nil {
		return false, err
	}
	st, err := autostart.Get(exe)
	return st.Enabled && !st.Stale, err
}

func (osAutostart) Set(on bool) error {
	exe, err := autostart.Executable()
	if err != nil {
		return err
	}
	return autostart.Set(on, exe)
}

// usage is the help text of `limber window settings`, in the user's language.
func usage() string {
	return lang.X("settingswin.usage", `usage: limber window settings [--file FILE]

Shows the settings window. Save applies the settings to the running Limber.
  --file FILE   edit this settings file directly instead of asking Limber
`)
}

// Run shows the window until it is closed and returns the exit code (0
// closed, 1 failed, 2 bad usage). c may be nil when no daemon runs; then
// the window edits the settings file directly.
func Run(args []string, c Daemon) int {
	return run(args, c, os.Stdout, os.Stderr)
}

func run(args []string, c Daemon, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("window settings", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	file := flags.String("file", "", "")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage())
			return 0
		}
		fmt.Fprintf(stderr, "limber window settings: %v\n\n%s", err, usage())
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "limber window settings: unexpected argument %q\n\n%s", flags.Arg(0), usage())
		return 2
	}

	var got api.SettingsReply
	offline := false
	if *file != "" {
		c, offline = api.SettingsFile{Path: *file}, true
	}
	if c != nil {
		var err error
		if got, err = c.Settings(context.Background()); err != nil {
			if offline {
				fmt.Fprintf(stderr, "limber window settings: %v\n", err)
				return 1
			}
			fmt.Fprintf(stderr, "limber: the running Limber did not answer (%v); editing the settings file instead\n", err)
			c = nil
		}
	}
	if c == nil {
		p, err := paths.ConfigFile()
		if err != nil {
			fmt.Fprintf(stderr, "limber window settings: %v\n", err)
			return 1
		}
		c, offline = api.SettingsFile{Path: p}, true
		if got, err = c.Settings(context.Background()); err != nil {
			fmt.Fprintf(stderr, "limber window settings: %v\n", err)
			return 1
		}
	}
	if err := fynelang.Init(got.Settings.Language); err != nil {
		fmt.Fprintf(stderr, "limber: %v\n", err)
	}

	_, w := appwin.New(lang.X("settings.title", "Limber settings"))
	f := newForm(w, got, c, osAutostart{}, offline)
	w.SetContent(f.content)
	w.SetCloseIntercept(f.onClose)
	w.Canvas().SetOnTypedKey(f.onKey) // Escape with nothing focused; the fields take it themselves
	stop := make(chan struct{})
	w.SetOnClosed(func() { close(stop) })
	go appwin.Poll(stop, f.followFocus)
	for _, s := range shortcuts {
		w.Canvas().AddShortcut(s, func(s fyne.Shortcut) { f.onShortcut(s) })
	}
	w.Resize(fyne.NewSize(720, 680))
	w.CenterOnScreen()
	w.ShowAndRun()
	return 0
}
