package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/limber-app/limber/internal/status"
	"github.com/limber-app/limber/internal/version"
)

// Requests the control commands send; the daemon decodes the same types.

// PauseArgs is the `pause` request: exactly one field set.
type PauseArgs struct {
	Seconds  int64      `json:"seconds,omitempty"`
	Until    *time.Time `json:"until,omitempty"`
	Tomorrow bool       `json:"tomorrow,omitempty"`
}

// KindArgs names a break kind (empty: the one due, or the next).
type KindArgs struct {
	Kind string `json:"kind,omitempty"`
}

// SnoozeArgs postpones a break by Seconds of activity (0: the setting).
type SnoozeArgs struct {
	Kind    string `json:"kind,omitempty"`
	Seconds int64  `json:"seconds,omitempty"`
}

// DrinkArgs logs a glass; Source is "cli", "tray" or "card".
type DrinkArgs struct {
	Source string `json:"source"`
}

// StatusArgs asks for the status.
type StatusArgs struct {
	Explain bool `json:"explain,omitempty"`
}

// Kinds accepted on the command line.
func validKind(k string) bool {
	switch k {
	case "posture", "hydration", "stretch", "movement":
		return true
	}
	return false
}

// newFlags makes a flag set that prints usage to stderr and never exits.
func newFlags(name, usage string, env *Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: limber %s\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse handles -h (exit 0 with usage on stdout) and bad flags (exit 2).
func parse(fs *flag.FlagSet, args []string, env *Env) (done bool, code int) {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(env.Stdout)
		fs.Usage()
		return true, ExitOK
	}
	if err != nil {
		return true, ExitUsage
	}
	return false, 0
}

func usageErr(env *Env, usage, format string, args ...any) int {
	fmt.Fprintf(env.Stderr, "limber: "+format+"\n", args...)
	fmt.Fprintf(env.Stderr, "usage: limber %s\n", usage)
	return ExitUsage
}

// call dials the daemon and sends one request, reporting failures for people.
func call(env *Env, cmd string, args, reply any) int {
	c, err := env.Dial()
	if err != nil {
		fmt.Fprintf(env.Stderr, "limber: %v\n", err)
		return ExitFailed
	}
	if cl, ok := c.(io.Closer); ok {
		defer cl.Close()
	}
	if err := c.Call(cmd, args, reply); err != nil {
		fmt.Fprintf(env.Stderr, "limber %s: %v\n", cmd, err)
		return ExitFailed
	}
	return ExitOK
}

func cmdStatus(args []string, env *Env) int {
	const usage = "status [--json] [--explain]"
	fs := newFlags("status", usage, env)
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	explain := fs.Bool("explain", false, "say why Limber thinks you are active and what last reset each timer")
	if done, code := parse(fs, args, env); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageErr(env, usage, "status takes no arguments, got %q", fs.Arg(0))
	}
	var st status.Status
	if code := call(env, "status", StatusArgs{Explain: *explain || *asJSON}, &st); code != ExitOK {
		return code
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(st); err != nil {
			fmt.Fprintf(env.Stderr, "limber status: %v\n", err)
			return ExitFailed
		}
		return ExitOK
	}
	status.Write(env.Stdout, st, *explain)
	return ExitOK
}

// ParsePause turns `pause` arguments into a request, relative to now.
func ParsePause(args []string, now time.Time) (PauseArgs, error) {
	switch {
	case len(args) == 1 && args[0] == "tomorrow":
		return PauseArgs{Tomorrow: true}, nil
	case len(args) == 2 && args[0] == "until":
		t, err := time.ParseInLocation("15:04", args[1], now.Location())
		if err != nil {
			return PauseArgs{}, fmt.Errorf("%q is not a time of day like 14:30", args[1])
		}
		until := time.Date(now.Year(), now.Month(), now.Day(), t.Hour(), t.Minute(), 0, 0, now.Location())
		if !until.After(now) {
			until = until.AddDate(0, 0, 1)
		}
		return PauseArgs{Until: &until}, nil
	case len(args) == 1:
		d, err := ParseDuration(args[0])
		if err != nil {
			return PauseArgs{}, err
		}
		return PauseArgs{Seconds: int64(d / time.Second)}, nil
	}
	return PauseArgs{}, errors.New("say how long: a duration (30m, 1h), until HH:MM, or tomorrow")
}

// ParseDuration reads "30m", "1h30m", "90s" or a bare number of minutes,
// between one second and one week.
func ParseDuration(s string) (time.Duration, error) {
	var d time.Duration
	var n int
	if _, err := fmt.Sscanf(s, "%d", &n); err == nil && fmt.Sprint(n) == s {
		d = time.Duration(n) * time.Minute
	} else {
		var err error
		d, err = time.ParseDuration(s)
		if err != nil {
			return 0, fmt.Errorf("%q is not a duration like 30m, 1h or 90s", s)
		}
	}
	if d < time.Second || d > 7*24*time.Hour {
		return 0, fmt.Errorf("%q is out of range: give between 1s and 168h", s)
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
	var st status.Status
	if code := call(env, "pause", req, &st); code != ExitOK {
		return code
	}
	if st.PausedUntil != nil {
		fmt.Fprintln(env.Stdout, lang.X("cli.paused", "Paused until {{.T}}.", map[string]any{"T": st.PausedUntil.Local().Format("Mon 15:04")}))
	}
	return ExitOK
}

func simple(name, usage, cmd string, args []string, env *Env, msg func() string) int {
	fs := newFlags(name, usage, env)
	if done, code := parse(fs, args, env); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageErr(env, usage, "%s takes no arguments, got %q", name, fs.Arg(0))
	}
	if code := call(env, cmd, nil, nil); code != ExitOK {
		return code
	}
	if m := msg(); m != "" {
		fmt.Fprintln(env.Stdout, m)
	}
	return ExitOK
}

func cmdResume(args []string, env *Env) int {
	return simple("resume", "resume", "resume", args, env, func() string { return lang.X("cli.resumed", "Reminders resumed.") })
}

func cmdQuit(args []string, env *Env) int {
	return simple("quit", "quit", "quit", args, env, func() string { return lang.X("cli.quit", "Limber is stopping.") })
}

func cmdSkip(args []string, env *Env) int {
	const usage = "skip [KIND]"
	fs := newFlags("skip", usage, env)
	if done, code := parse(fs, args, env); done {
		return code
	}
	req := KindArgs{}
	if fs.NArg() > 1 || fs.NArg() == 1 && !validKind(fs.Arg(0)) {
		return usageErr(env, usage, "skip takes at most one kind: posture, hydration, stretch or movement")
	}
	req.Kind = fs.Arg(0)
	return call(env, "skip", req, nil)
}

func cmdBreak(args []string, env *Env) int {
	const usage = "break now [posture|hydration|stretch|movement]"
	fs := newFlags("break", usage, env)
	if done, code := parse(fs, args, env); done {
		return code
	}
	a := fs.Args()
	if len(a) == 0 || a[0] != "now" || len(a) > 2 {
		return usageErr(env, usage, "say `break now`, optionally with a kind")
	}
	req := KindArgs{Kind: "stretch"}
	if len(a) == 2 {
		if !validKind(a[1]) {
			return usageErr(env, usage, "%q is not a break kind: use posture, hydration, stretch or movement", a[1])
		}
		req.Kind = a[1]
	}
	return call(env, "break_now", req, nil)
}

func cmdSnooze(args []string, env *Env) int {
	const usage = "snooze [DURATION]"
	fs := newFlags("snooze", usage, env)
	if done, code := parse(fs, args, env); done {
		return code
	}
	req := SnoozeArgs{}
	switch fs.NArg() {
	case 0:
	case 1:
		d, err := ParseDuration(fs.Arg(0))
		if err != nil {
			return usageErr(env, usage, "%v", err)
		}
		req.Seconds = int64(d / time.Second)
	default:
		return usageErr(env, usage, "snooze takes at most one duration")
	}
	return call(env, "snooze", req, nil)
}

func cmdDrink(args []string, env *Env) int {
	const usage = "drink"
	fs := newFlags("drink", usage, env)
	if done, code := parse(fs, args, env); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageErr(env, usage, "drink takes no arguments")
	}
	var st status.Status
	if code := call(env, "drink", DrinkArgs{Source: "cli"}, &st); code != ExitOK {
		return code
	}
	if st.GlassGoal > 0 {
		fmt.Fprintln(env.Stdout, lang.X("cli.drink.goal", "Logged a glass: {{.N}} of {{.Goal}} today.", map[string]any{"N": st.Glasses, "Goal": st.GlassGoal}))
	} else {
		fmt.Fprintln(env.Stdout, lang.X("cli.drink", "Logged a glass: {{.N}} today.", map[string]any{"N": st.Glasses}))
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
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		Help(env.Stdout)
		return ExitOK
	}
	c, ok := Lookup(args[0])
	if !ok {
		fmt.Fprintf(env.Stderr, "limber: unknown command %q\n", args[0])
		Help(env.Stderr)
		return ExitUsage
	}
	return c.Run(args[1:], env)
}

// Help prints the command list.
func Help(w io.Writer) {
	var b strings.Builder
	b.WriteString("usage: limber [--verbose]          run the tray daemon\n")
	b.WriteString("       limber COMMAND [ARGS]       control it\n\ncommands:\n")
	for _, c := range Table() {
		fmt.Fprintf(&b, "  %-11s %s\n", c.Name, c.Summary)
	}
	b.WriteString("\nRun `limber COMMAND --help` for a command's options.\n")
	io.WriteString(w, b.String())
}
