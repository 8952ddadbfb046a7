package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/limber-app/limber/internal/calendar"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/paths"
	"github.com/limber-app/limber/internal/settings"
)

// configUsage is the synopsis and, in the user's language, what each
// subcommand does.
func configUsage() string {
	return "config check [FILE] | config path | config defaults\n\n" + i18n.X("cli.config.help", `  check [FILE]  check the settings file (default: the one Limber reads)
                and the system-wide ones; prints FILE:LINE: message for
                each problem, exit 1 if any; a value an administrator's
                lock overrides is a warning (exit 0)
  path          print where the settings file is
  defaults      print a commented settings file with the default values`)
}

// cmdConfig is `limber config ...`.
func cmdConfig(args []string, env *Env) int {
	flags := newFlags("config", configUsage(), env)
	if done, code := parse(flags, args, env); done {
		return code
	}
	rest := flags.Args()
	if len(rest) == 0 {
		fmt.Fprintln(env.Stderr, i18n.X("cli.config.need_sub", "limber config: say what to do: check, path or defaults."))
		flags.Usage()
		return ExitUsage
	}
	switch rest[0] {
	case "check":
		return configCheck(rest[1:], env)
	case "path":
		if len(rest) > 1 && !isHelp(rest[1]) {
			fmt.Fprintln(env.Stderr, i18n.X("cli.config.path_args", "limber config path takes no arguments."))
			return ExitUsage
		}
		if len(rest) > 1 {
			fmt.Fprintln(env.Stdout, i18n.X("cli.help.usage", "usage:"), "limber config path")
			return ExitOK
		}
		p, err := paths.ConfigFile()
		if err != nil {
			fmt.Fprintln(env.Stderr, i18n.X("cli.config.no_path", "limber config path: {{.Err}}", map[string]any{"Err": err.Error()}))
			return ExitFailed
		}
		fmt.Fprintln(env.Stdout, p)
		return ExitOK
	case "defaults":
		if len(rest) > 1 {
			if isHelp(rest[1]) {
				fmt.Fprintln(env.Stdout, i18n.X("cli.help.usage", "usage:"), "limber config defaults")
				return ExitOK
			}
			fmt.Fprintln(env.Stderr, i18n.X("cli.config.defaults_args", "limber config defaults takes no arguments."))
			return ExitUsage
		}
		d := settings.Defaults()
		d.Normalize()
		_, _ = env.Stdout.Write(settings.Encode(d))
		return ExitOK
	}
	fmt.Fprintln(env.Stderr, i18n.X("cli.config.unknown_sub", "limber config: unknown command {{.Cmd}}; use check, path or defaults.", map[string]any{"Cmd": fmt.Sprintf("%q", rest[0])}))
	return ExitUsage
}

func isHelp(a string) bool { return a == "-h" || a == "--help" || a == "-help" }

// configCheck is `limber config check [FILE]`.
func configCheck(args []string, env *Env) int {
	flags := newFlags("config check", "config check [FILE]", env)
	if done, code := parse(flags, args, env); done {
		return code
	}
	if flags.NArg() > 1 {
		fmt.Fprintln(env.Stderr, i18n.X("cli.config.check_args", "limber config check takes at most one file."))
		return ExitUsage
	}
	file := flags.Arg(0)
	given := file != ""
	if !given {
		p, err := paths.ConfigFile()
		if err != nil {
			fmt.Fprintln(env.Stderr, i18n.X("cli.config.no_path", "limber config path: {{.Err}}", map[string]any{"Err": err.Error()}))
			return ExitFailed
		}
		file = p
	}
	// The system settings first: a user's file is read over them.
	sys := settings.LoadSystem()
	for _, p := range sys.Problems {
		fmt.Fprintln(env.Stderr, p.String())
	}
	sysBad := len(sys.Problems) > 0
	for _, src := range sys.Sources {
		if slices.ContainsFunc(sys.Problems, func(p settings.Problem) bool { return p.File == src }) {
			fmt.Fprintln(env.Stderr, i18n.X("cli.config.system_left_out", "{{.File}}: left out until it is fixed (its locks too); the other settings still apply.",
				map[string]any{"File": src}))
			continue
		}
		var locks []string
		for _, k := range sys.LockedKeys() {
			if sys.Locks[k].Source == src {
				locks = append(locks, k)
			}
		}
		msg := i18n.X("cli.config.system_ok", "{{.File}}: system settings, valid.", map[string]any{"File": src})
		if len(locks) > 0 {
			msg = i18n.X("cli.config.system_locks", "{{.File}}: system settings, valid; locked: {{.Keys}}.",
				map[string]any{"File": src, "Keys": strings.Join(locks, ", ")})
		}
		fmt.Fprintln(env.Stdout, msg)
	}
	failed := func() int {
		if sysBad {
			return ExitFailed
		}
		return ExitOK
	}

	data, err := settings.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) && !given {
		fmt.Fprintln(env.Stdout, i18n.X("cli.config.none", "{{.File}}: no settings file yet; Limber uses the defaults and writes it on first start.",
			map[string]any{"File": file}))
		return failed()
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, i18n.X("cli.config.unreadable", "{{.File}}: cannot read it: {{.Err}}",
			map[string]any{"File": file, "Err": unwrapPathErr(err)}))
		return ExitFailed
	}
	cur, probs := sys.Parse(data, file)
	for _, p := range probs {
		fmt.Fprintln(env.Stderr, p.String())
	}
	// Warnings, not mistakes: the file is fine, the administrator's value
	// simply wins.
	for _, w := range sys.Overridden(data, file) {
		fmt.Fprintln(env.Stderr, w.String())
	}
	if len(probs) > 0 {
		return ExitFailed
	}
	if cals := cur.Calendar.FileList(); len(cals) > 0 {
		calProbs, n := calendar.Check(cals, time.Now())
		if len(calProbs) > 0 {
			// The settings are fine but a calendar they name is not: say
			// so, and not "valid", which reads as all clear.
			for _, p := range calProbs {
				fmt.Fprintln(env.Stderr, p)
			}
			fmt.Fprintln(env.Stderr, i18n.X("cli.config.calendar_fix", "{{.File}}: the settings are valid, but Limber cannot read the calendar files above: fix them, or take them out of [calendar] files. Until then breaks ignore them.",
				map[string]any{"File": file}))
			return ExitFailed
		}
		fmt.Fprintln(env.Stdout, i18n.X("cli.config.ok", "{{.File}}: valid.", map[string]any{"File": file}))
		fmt.Fprintln(env.Stdout, i18n.X("cli.config.calendar_ok", "Calendar read; meetings in the coming week: {{.N}}.", map[string]any{"N": n}))
		return failed()
	}
	fmt.Fprintln(env.Stdout, i18n.X("cli.config.ok", "{{.File}}: valid.", map[string]any{"File": file}))
	return failed()
}

// unwrapPathErr drops the path from an *os.PathError, which the message already names.
func unwrapPathErr(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
