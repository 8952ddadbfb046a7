package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/duration"
	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/ipc"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/schedule"
	"github.com/limber-app/limber/internal/status"
	"github.com/limber-app/limber/internal/version"
)

// newFlags makes a flag set that prints usage to stderr and never exits.
func newFlags(name, usage string, env *Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s limber %s\n", i18n.X("cli.help.usage", "usage:"), localUsage(usage))
		printFlags(fs)
	}
	return fs
}

// printFlags is flag.PrintDefaults in the user's language: the value word
// and the default named in it (the descriptions are translated where each
// flag is declared), the flag written --name as the usage lines write it.
func printFlags(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		_, text := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if arg := flagArg(f); arg != "" {
			line += " " + arg
		}
		line += "\n    \t" + text
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			line += " " + i18n.X("cli.help.default", "(default {{.V}})", map[string]any{"V": f.DefValue})
		}
		fmt.Fprintln(fs.Output(), line)
	})
}

// parse handles -h (exit 0 with usage on stdout, once) and bad flags
// (exit 2, the flag package's complaint and the usage on stderr). The
// flag package would print the usage itself on -h, to stderr, before
// returning ErrHelp; it is silenced for the parse so help comes out once.
func parse(fs *flag.FlagSet, args []string, env *Env) (done bool, code int) {
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard) // its English complaint is replaced by flagError
	err := fs.Parse(args)
	fs.Usage = usage
	fs.SetOutput(out)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(env.Stdout)
		usage()
		return true, ExitOK
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "limber: "+flagError(err, fs))
		usage()
		return true, ExitUsage
	}
	return false, 0
}

func usageErr(env *Env, usage, format string, args ...any) int {
	fmt.Fprintf(env.Stderr, "limber: "+format+"\n", args...)
	fmt.Fprintf(env.Stderr, "%s limber %s\n", i18n.X("cli.help.usage", "usage:"), localUsage(usage))
	return ExitUsage
}

// call dials the daemon and runs one typed request, reporting failures
// for people: a refused request exits 2 when the daemon calls it bad
// usage, 1 otherwise.
func call(env *Env, what string, f func(ctx context.Context, c *api.Client) error) int {
	c, closeFn, err := env.Dial()
	if err != nil {
		fmt.Fprintln(env.Stderr, notRunningText(err, env.Verbose))
		return ExitFailed
	}
	defer closeFn()
	if err := f(context.Background(), c); err != nil {
		fmt.Fprintf(env.Stderr, "limber %s: %v\n", what, err)
		if api.IsUsage(err) {
			return ExitUsage
		}
		return ExitFailed
	}
	return ExitOK
}

func cmdStatus(args []string, env *Env) int {
	const usage = "status [--json] [--explain] [--problems]"
	fs := newFlags("status", usage, env)
	asJSON := fs.Bool("json", false, i18n.X("cli.flag.json", "print JSON for scripts"))
	explain := fs.Bool("explain", false, i18n.X("cli.flag.explain", "say why Limber thinks you are active and what last reset each timer"))
	all := fs.Bool("problems", false, i18n.X("cli.flag.problems", "list every problem (bad settings, card files, history), not only the first few"))
	if done, code := parse(fs, args, env); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageErr(env, usage, "%s", i18n.X("cli.status.args", "status takes no arguments, got {{.Arg}}", map[string]any{"Arg": fmt.Sprintf("%q", fs.Arg(0))}))
	}
	var st api.Status
	if code := call(env, "status", func(ctx context.Context, c *api.Client) (err error) {
		st, err = c.StatusWith(ctx, api.StatusArgs{Explain: *explain || *asJSON, AllProblems: *all})
		return err
	}); code != ExitOK {
		return code
	}
	if *asJSON {
		return writeJSON(env, "status", st)
	}
	if *all {
		for _, p := range st.Problems {
			fmt.Fprintln(env.Stdout, p)
		}
		return ExitOK
	}
	status.Write(env.Stdout, st, *explain)
	return ExitOK
}

// ParsePause turns `pause` arguments into a request, relative to now.
func ParsePause(args []string, now time.Time) (api.PauseArgs, error) {
	switch {
	case len(args) == 1 && args[0] == "tomorrow":
		return api.PauseArgs{Tomorrow: true}, nil
	case len(args) == 2 && args[0] == "until":
		t, err := time.ParseInLocation("15:04", args[1], now.Location())
		if err != nil {
			return api.PauseArgs{}, errors.New(i18n.X("cli.pause.clock", "{{.Value}} is not a time of day: write it as HH:MM, for example 14:30.", map[string]any{"Value": fmt.Sprintf("%q", args[1])}))
		}
		until := time.Date(now.Year(), now.Month(), now.Day(), t.Hour(), t.Minute(), 0, 0, now.Location())
		if !until.After(now) {
			until = until.AddDate(0, 0, 1)
		}
		return api.PauseArgs{Until: &until}, nil
	case len(args) == 1:
		d, err := ParseDuration(args[0])
		if err != nil {
			return api.PauseArgs{}, err
		}
		return api.PauseArgs{Seconds: int64(d / time.Second)}, nil
	}
	return api.PauseArgs{}, errors.New(i18n.X("cli.pause.how_long", "say how long: a duration (30m, 1h), until HH:MM, or tomorrow"))
}

// ParseDuration reads a duration as people type it (duration.Parse: "30"
// is minutes), between one second and one week.
func ParseDuration(s string) (time.Duration, error) {
	d, err := duration.Parse(s)
	switch {
	case err == nil:
	case strings.TrimSpace(s) == "":
		return 0, errors.New(i18n.X("settings.err.duration_none", "Empty: write a duration, for example \"20\" (minutes), \"90s\", \"1h30\" or \"1:30\"."))
	case strings.HasPrefix(strings.TrimSpace(s), "-"):
		return 0, errors.New(i18n.X("settings.err.negative", "\"{{.Value}}\" is negative: durations start at 0.", map[string]any{"Value": s}))
	default:
		return 0, errors.New(i18n.X("settings.err.not_duration", "\"{{.Value}}\" is not a duration: write for example \"20\" (minutes), \"90s\", \"1h30\" or \"1:30\".", map[string]any{"Value": s}))
	}
	if d < time.Second || d > api.MaxDuration {
		return 0, errors.New(i18n.X("cli.duration.range", "{{.Value}} is out of range: give between 1s and {{.Max}}.", map[string]any{"Value": fmt.Sprintf("%q", s), "Max": duration.Compact(api.MaxDuration)}))
	}
	return d, nil
}

func cmdPause(args []string, env *Env) int {
	const usage = "pause DURATION | until HH:MM | tomorrow"
	fs := newFlags("pause", usage, env)
	if done, code := parse(fs, args, env); done {
		return code
	}
	req, err := ParsePause(fs.Args(), time.Now())
	if err != nil {
		return usageErr(env, usage, "%v", err)
	}
	var st api.Status
	if code := call(env, "pause", func(ctx context.Context, c *api.Client) (err error) {
		st, err = c.Pause(ctx, req)
		return err
	}); code != ExitOK {
		return code
	}
	if st.PausedUntil != nil {
		fmt.Fprintln(env.Stdout, i18n.X("cli.paused", "Paused until {{.T}}.", map[string]any{"T": i18n.WeekdayTime(st.PausedUntil.Local())}))
	}
	return ExitOK
}

func simple(name, usage string, args []string, env *Env, send func(context.Context, *api.Client) error, msg func() string) int {
	fs := newFlags(name, usage, env)
	if done, code := parse(fs, args, env); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageErr(env, usage, "%s", i18n.X("cli.no_args", "{{.Cmd}} takes no arguments, got {{.Arg}}", map[string]any{"Cmd": name, "Arg": fmt.Sprintf("%q", fs.Arg(0))}))
	}
	if code := call(env, name, send); code != ExitOK {
		return code
	}
	if m := msg(); m != "" {
		fmt.Fprintln(env.Stdout, m)
	}
	return ExitOK
}

func cmdResume(args []string, env *Env) int {
	return simple("resume", "resume", args, env, func(ctx context.Context, c *api.Client) error { return c.Resume(ctx) }, func() string { return i18n.X("cli.resumed", "Reminders resumed.") })
}

func cmdQuit(args []string, env *Env) int {
	return simple("quit", "quit", args, env, func(ctx context.Context, c *api.Client) error { return c.Quit(ctx) }, func() string { return i18n.X("cli.quit", "Limber is stopping.") })
}

func cmdSkip(args []string, env *Env) int {
	const usage = "skip [KIND]"
	fs := newFlags("skip", usage, env)
	if done, code := parse(fs, args, env); done {
		return code
	}
	if fs.NArg() > 1 || fs.NArg() == 1 && !kinds.Valid(fs.Arg(0)) {
		return usageErr(env, usage, "%s", i18n.X("cli.skip.args", "skip takes at most one kind: {{.Kinds}}", map[string]any{"Kinds": kinds.List()}))
	}
	var kind schedule.Kind
	if fs.NArg() == 1 {
		kind, _ = kinds.Parse(fs.Arg(0))
	}
	var rep api.SkipReply
	if code := call(env, "skip", func(ctx context.Context, c *api.Client) (err error) {
		rep, err = c.Skip(ctx, kind)
		return err
	}); code != ExitOK || rep.Kind == "" { // an older daemon says nothing back
		return code
	}
	fmt.Fprintln(env.Stdout, SkipText(rep))
	return ExitOK
}

// SkipText says what skip dropped and, under the day's budget, how many
// skips are left.
func SkipText(rep api.SkipReply) string {
	what := i18n.X("cli.skip.done", "{{.Kind}} skipped.", map[string]any{"Kind": kinds.Label(rep.Kind)})
	switch {
	case rep.SkipsLeft < 0:
		return what
	case rep.SkipsLeft == 0:
		return what + " " + i18n.X("cli.skip.none_left", "No skips left today.")
	}
	return what + " " + i18n.XN("cli.skip.left", "{{.N}} skips left today.", rep.SkipsLeft, map[string]any{"N": rep.SkipsLeft})
}

// breakUsage is `break now [posture|hydration|...]`, from the kind table.
func breakUsage() string { return "break now [" + strings.Join(kinds.Names(), "|") + "]" }

func cmdBreak(args []string, env *Env) int {
	usage := breakUsage()
	fs := newFlags("break", usage, env)
	if done, code := parse(fs, args, env); done {
		return code
	}
	a := fs.Args()
	if len(a) == 0 || a[0] != "now" || len(a) > 2 {
		return usageErr(env, usage, "%s", i18n.X("cli.break.args", "say `break now`, optionally with a kind"))
	}
	kind := schedule.Stretch
	if len(a) == 2 {
		k, err := kinds.Parse(a[1])
		if err != nil {
			return usageErr(env, usage, "%v", err)
		}
		kind = k
	}
	var rep api.BreakNowReply
	if code := call(env, "break", func(ctx context.Context, c *api.Client) (err error) {
		rep, err = c.BreakNow(ctx, kind)
		return err
	}); code != ExitOK {
		return code
	}
	if rep.Replaced != "" {
		fmt.Fprintln(env.Stdout, i18n.X("cli.break.replaced", "{{.Kind}} started; it replaces the {{.Old}} card on screen.",
			map[string]any{"Kind": kinds.Label(kind), "Old": kinds.Label(rep.Replaced)}))
	}
	return ExitOK
}

func cmdSnooze(args []string, env *Env) int {
	const usage = "snooze [DURATION]"
	fs := newFlags("snooze", usage, env)
	if done, code := parse(fs, args, env); done {
		return code
	}
	var d time.Duration
	switch fs.NArg() {
	case 0:
	case 1:
		var err error
		if d, err = ParseDuration(fs.Arg(0)); err != nil {
			return usageErr(env, usage, "%v", err)
		}
	default:
		return usageErr(env, usage, "%s", i18n.X("cli.snooze.args", "snooze takes at most one duration"))
	}
	var rep api.SnoozeReply
	if code := call(env, "snooze", func(ctx context.Context, c *api.Client) (err error) {
		rep, err = c.Snooze(ctx, "", d)
		return err
	}); code != ExitOK {
		return code
	}
	// Say what moved: with nothing due, snooze postpones the next break.
	fmt.Fprintln(env.Stdout, i18n.X("cli.snooze.done", "{{.Kind}} postponed: it comes again after {{.In}} of sitting.",
		map[string]any{"Kind": kinds.Label(rep.Kind), "In": duration.Approx(time.Duration(rep.Seconds) * time.Second)}))
	return ExitOK
}

func cmdDrink(args []string, env *Env) int {
	const usage = "drink"
	fs := newFlags("drink", usage, env)
	if done, code := parse(fs, args, env); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageErr(env, usage, "%s", i18n.X("cli.drink.args", "drink takes no arguments"))
	}
	var st api.Status
	if code := call(env, "drink", func(ctx context.Context, c *api.Client) (err error) {
		st, err = c.Drink(ctx, history.SourceCLI)
		return err
	}); code != ExitOK {
		return code
	}
	if st.GlassGoal > 0 {
		fmt.Fprintln(env.Stdout, i18n.X("cli.drink.goal", "Logged a glass: {{.N}} of {{.Goal}} today.", map[string]any{"N": st.Glasses, "Goal": st.GlassGoal}))
	} else {
		fmt.Fprintln(env.Stdout, i18n.X("cli.drink", "Logged a glass: {{.N}} today.", map[string]any{"N": st.Glasses}))
	}
	return ExitOK
}

func cmdVersion(args []string, env *Env) int {
	fs := newFlags("version", "version", env)
	if done, code := parse(fs, args, env); done {
		return code
	}
	fmt.Fprintln(env.Stdout, "limber "+version.Version)
	return ExitOK
}

// Main runs one subcommand. args excludes the program name.
func Main(args []string, env *Env) int {
	switch {
	case len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" || (args[0] == "help" && len(args) == 1):
		Help(env.Stdout)
		return ExitOK
	case args[0] == "--version" || args[0] == "-version":
		return cmdVersion(args[1:], env)
	case args[0] == "help":
		// `limber help pause` is `limber pause --help`.
		if len(args) > 2 {
			fmt.Fprintln(env.Stderr, "limber: "+i18n.X("cli.help.one", "help takes one command: limber help COMMAND"))
			return ExitUsage
		}
		if args[1] == "window" {
			fmt.Fprintln(env.Stdout, i18n.X("cli.help.usage", "usage:"), WindowUsage())
			return ExitOK
		}
		c, ok := Lookup(args[1])
		if !ok {
			return unknownCommand(args[1], env)
		}
		return c.Run([]string{"--help"}, env)
	}
	c, ok := Lookup(args[0])
	if !ok {
		return unknownCommand(args[0], env)
	}
	return c.Run(args[1:], env)
}

// WindowNames lists the windows `limber window` opens, for its usage.
const WindowNames = "card|settings|stats|status|welcome [OPTIONS]"

// WindowUsage is `limber window`'s synopsis in the user's language.
func WindowUsage() string { return localUsage("limber window " + WindowNames) }

// unknownCommand says a command does not exist, suggests the nearest one
// when a typo is likely, and exits 2.
func unknownCommand(name string, env *Env) int {
	fmt.Fprintln(env.Stderr, "limber: "+i18n.X("cli.unknown", "unknown command {{.Cmd}}.", map[string]any{"Cmd": fmt.Sprintf("%q", name)}))
	if s := Suggest(name); s != "" {
		fmt.Fprintln(env.Stderr, i18n.X("cli.didyoumean", "Did you mean `limber {{.Cmd}}`?", map[string]any{"Cmd": s}))
	} else {
		fmt.Fprintln(env.Stderr, i18n.X("cli.seehelp", "Run `limber --help` for the list of commands."))
	}
	return ExitUsage
}

// Suggest returns the command nearest to name (a typo: at most two edits,
// or a prefix of one command), or "".
func Suggest(name string) string {
	names := []string{"window"}
	for _, c := range Table() {
		names = append(names, c.Name)
	}
	best, bestD := "", 3
	for _, n := range names {
		if len(name) >= 2 && strings.HasPrefix(n, name) {
			return n
		}
		if d := levenshtein.ComputeDistance(name, n); d < bestD && d < len(n) {
			best, bestD = n, d
		}
	}
	return best
}

// notRunningText is what a user reads when the daemon cannot be reached:
// a sentence for people; the technical cause (socket path, system error)
// only with --verbose.
func notRunningText(err error, verbose bool) string {
	if !ipc.IsNotRunning(err) {
		return "limber: " + err.Error()
	}
	msg := i18n.X("cli.notrunning", "Limber is not running. Start it from the menu or run `limber`.")
	if cause := errors.Unwrap(err); verbose && cause != nil {
		msg += "\n(" + cause.Error() + ")"
	}
	return msg
}

// Help prints the command list.
func Help(w io.Writer) {
	var b strings.Builder
	// The two synopses line up under each other whatever the length of
	// "usage:" and of the placeholders in the user's language.
	head := i18n.X("cli.help.usage", "usage:") + " "
	pad := strings.Repeat(" ", utf8.RuneCountInString(head))
	first, second := "limber [--verbose]", "limber "+argWord("COMMAND")+" ["+argWord("ARGS")+"]"
	col := max(utf8.RuneCountInString(first), utf8.RuneCountInString(second)) + 3
	fmt.Fprintf(&b, "%s%s%s\n", head, padRight(first, col), i18n.X("cli.help.daemon", "run the tray daemon"))
	fmt.Fprintf(&b, "%s%s%s\n\n%s\n", pad, padRight(second, col), i18n.X("cli.help.control", "control it"), i18n.X("cli.help.commands", "commands:"))
	for _, c := range Table() {
		fmt.Fprintf(&b, "  %-11s %s\n", c.Name, localUsage(c.Summary))
	}
	b.WriteString("\n" + i18n.X("cli.help.more", "Run `limber COMMAND --help` for a command's options.") + "\n")
	io.WriteString(w, b.String())
}

// padRight pads s with spaces to w characters (runes, not bytes: "DURÉE").
func padRight(s string, w int) string {
	if n := utf8.RuneCountInString(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s + " "
}
