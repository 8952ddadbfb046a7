package cli

import (
	"fmt"

	"github.com/limber-app/limber/internal/autostart"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/paths"
	"github.com/limber-app/limber/internal/settings"
)

// autostartUsage is the synopsis and, in the user's language, what each
// word does.
func autostartUsage() string {
	return "autostart on|off|status\n\n" + i18n.X("cli.autostart.help", `  on      start Limber when you log in
  off     do not start Limber at login
  status  say whether Limber starts at login`)
}

// cmdAutostart is `limber autostart on|off|status`.
func cmdAutostart(args []string, env *Env) int {
	flags := newFlags("autostart", autostartUsage(), env)
	if done, code := parse(flags, args, env); done {
		return code
	}
	if flags.NArg() != 1 {
		fmt.Fprintln(env.Stderr, i18n.X("cli.autostart.usage", "limber autostart: say on, off or status."))
		flags.Usage()
		return ExitUsage
	}
	exe, err := autostart.Executable()
	if err != nil {
		fmt.Fprintln(env.Stderr, "limber autostart: "+err.Error())
		return ExitFailed
	}
	switch flags.Arg(0) {
	case "status":
		st, err := autostart.Get(exe)
		if err != nil {
			fmt.Fprintln(env.Stderr, i18n.X("cli.autostart.status_failed", "limber autostart: cannot tell: {{.Err}}", map[string]any{"Err": err.Error()}))
			return ExitFailed
		}
		switch {
		case !st.Enabled:
			fmt.Fprintln(env.Stdout, i18n.X("cli.autostart.off", "off: Limber does not start at login."))
		case st.Stale:
			fmt.Fprintln(env.Stdout, i18n.X("cli.autostart.stale", "on, but it starts {{.Cmd}}, not this program; run `limber autostart on` to fix it ({{.Where}}).",
				map[string]any{"Cmd": st.Command, "Where": st.Where}))
		default:
			fmt.Fprintln(env.Stdout, i18n.X("cli.autostart.on", "on: Limber starts at login ({{.Where}}).", map[string]any{"Where": st.Where}))
		}
		return ExitOK
	case "on", "off":
		on := flags.Arg(0) == "on"
		if err := autostart.Set(on, exe); err != nil {
			fmt.Fprintln(env.Stderr, i18n.X("cli.autostart.failed", "limber autostart: {{.Err}}", map[string]any{"Err": err.Error()}))
			return ExitFailed
		}
		// Keep the settings file in step, or the daemon would undo this.
		if p, err := paths.ConfigFile(); err == nil {
			if err := settings.SetStartAtLogin(p, on); err != nil {
				fmt.Fprintln(env.Stderr, i18n.X("cli.autostart.file", "limber autostart: done, but the settings file still says otherwise: {{.Err}}",
					map[string]any{"Err": err.Error()}))
			}
		}
		if on {
			fmt.Fprintln(env.Stdout, i18n.X("cli.autostart.now_on", "Limber will start when you log in."))
		} else {
			fmt.Fprintln(env.Stdout, i18n.X("cli.autostart.now_off", "Limber will no longer start when you log in."))
		}
		return ExitOK
	}
	fmt.Fprintln(env.Stderr, i18n.X("cli.autostart.bad", "limber autostart: unknown {{.Arg}}; say on, off or status.", map[string]any{"Arg": fmt.Sprintf("%q", flags.Arg(0))}))
	return ExitUsage
}
