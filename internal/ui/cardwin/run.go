package cardwin

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/limber-app/limber/internal/ui/appwin"
	"io"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/schedule"
)

// usage is the help text of `limber window card`, in the user's language.
func usage() string {
	return lang.X("cardwin.usage", `usage: limber window card --kind KIND [OPTIONS]

Shows a break card and reports to the daemon how the break ended.

  --kind KIND      posture, hydration, eyes, stretch or movement (required)
  --card ID[,ID]   the card to show (default: ask the daemon to pick one);
                   several ids are a sequence, shown one after the other
  --length D       the break's length, counted down (default 1m)
  --snooze D       how long Snooze postpones the break (default 5m)
  --strict         full screen, no Skip or Snooze, no closing before the end
  --compact        the small card (default for posture and hydration;
                   --compact=false for the full card)
  --also KINDS     smaller breaks taken with this one, e.g. hydration,posture
  --no-skip N      no Skip: the day's skip budget is spent (N skips used)
  --debt D         the part of --length that pays back break debt
  --auto-close D   close the card this long after time is up (default 5s; 0 = stay)
  --sound          a soft sound when the card opens and when time is up
  --positions P    with --offline: allowed positions, e.g. desk,standing
  --offline        run without the daemon: pick locally, print results
`)
}

// parseArgs reads the flags into Options.
func parseArgs(args []string) (o Options, offline bool, positions []cards.Position, err error) {
	fs := flag.NewFlagSet("limber window card", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	kind := fs.String("kind", "", "")
	fs.StringVar(&o.CardID, "card", "", "")
	fs.DurationVar(&o.Length, "length", time.Minute, "")
	fs.DurationVar(&o.Snooze, "snooze", 5*time.Minute, "")
	fs.BoolVar(&o.Strict, "strict", false, "")
	fs.BoolVar(&o.Compact, "compact", false, "")
	pos := fs.String("positions", "", "")
	also := fs.String("also", "", "")
	fs.DurationVar(&o.AutoClose, "auto-close", 5*time.Second, "")
	fs.BoolVar(&o.Sound, "sound", false, "")
	fs.BoolVar(&offline, "offline", false, "")
	noSkip := fs.Int("no-skip", -1, "")
	fs.DurationVar(&o.Debt, "debt", 0, "")
	if err := fs.Parse(args); err != nil {
		return o, false, nil, err
	}
	if fs.NArg() > 0 {
		return o, false, nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	o.Kind = schedule.Kind(*kind)
	o.NoSkip, o.SkipsUsed = *noSkip >= 0, max(*noSkip, 0)
	if o.Debt < 0 || o.Debt > o.Length {
		return o, false, nil, fmt.Errorf("--debt %s is outside 0 to --length (%s)", o.Debt, o.Length)
	}
	if ids := strings.Split(o.CardID, ","); len(ids) > 1 {
		o.CardID, o.Next = ids[0], ids[1:]
	}
	compactSet := false
	fs.Visit(func(f *flag.Flag) { compactSet = compactSet || f.Name == "compact" })
	info, ok := kinds.Lookup(o.Kind)
	if !ok {
		return o, false, nil, fmt.Errorf("--kind: %w", kinds.Check(*kind))
	}
	if !compactSet {
		o.Compact = info.Compact
	}
	if o.Length < 0 || o.Length > 2*time.Hour {
		return o, false, nil, fmt.Errorf("--length %s is outside 0 to 2h", o.Length)
	}
	if o.Snooze <= 0 || o.Snooze > 24*time.Hour {
		return o, false, nil, fmt.Errorf("--snooze %s must be between 1s and 24h", o.Snooze)
	}
	if o.AutoClose < 0 || o.AutoClose > time.Hour {
		return o, false, nil, fmt.Errorf("--auto-close %s is outside 0 to 1h", o.AutoClose)
	}
	for _, k := range strings.Split(*also, ",") {
		if k = strings.TrimSpace(k); k == "" {
			continue
		}
		if err := kinds.Check(k); err != nil {
			return o, false, nil, fmt.Errorf("--also: %w", err)
		}
		o.Also = append(o.Also, schedule.Kind(k))
	}
	for _, p := range strings.Split(*pos, ",") {
		p = strings.TrimSpace(p)
		switch cards.Position(p) {
		case "":
		case cards.Desk, cards.Standing, cards.Floor:
			positions = append(positions, cards.Position(p))
		default:
			return o, false, nil, fmt.Errorf("--positions: unknown position %q (use desk, standing, floor)", p)
		}
	}
	return o, offline, positions, nil
}

// Run is `limber window card`: it shows the card and returns the exit code
// (0 reported, 1 failed, 2 bad usage). A nil Daemon (or --offline) runs
// without the daemon. It blocks until the window closes.
func Run(args []string, c Daemon) int {
	return run(args, c, os.Stdout, os.Stderr)
}

func run(args []string, c Daemon, stdout, stderr io.Writer) int {
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fmt.Fprint(stdout, usage())
			return 0
		}
	}
	o, offlineOnly, positions, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "limber window card: %v\n\n%s", err, usage())
		return 2
	}
	lib := cards.LoadDefault()
	for _, p := range lib.Problems() {
		// The daemon tells the user about bad card files; here they are only logged.
		fmt.Fprintf(stderr, "limber: skipped card: %v\n", p)
	}
	local := &offline{picker: cards.NewPicker(lib, time.Now().UnixNano(), 8), allowed: positions, out: stdout}
	if c == nil || offlineOnly {
		c = local
	}
	card, err := chooseCard(o, lib, c, local)
	if err != nil {
		fmt.Fprintf(stderr, "limber window card: %v\n", err)
		// Still report, so the daemon does not wait for a window that never came.
		if rerr := c.ReportBreak(context.Background(), api.BreakResult{Kind: o.Kind, Outcome: api.ClosedEarly}); rerr != nil {
			fmt.Fprintf(stderr, "limber: reporting the break failed: %v\n", rerr)
		}
		return 1
	}

	a, win := appwin.New(lang.X("cardwin.title", "Limber"))
	w := newCardWindow(win, o, lib, c, realClock{}, card, stderr)
	w.run()
	// Once the window is mapped: keep it above the others, centred on the
	// pointer's monitor, and back whenever it is minimised.
	a.Lifecycle().SetOnStarted(func() { w.keepAbove() })
	win.ShowAndRun()
	if !w.reported {
		// The app was stopped some other way (session ending, signal).
		w.finish(api.ClosedEarly)
	}
	if w.failed {
		return 1
	}
	return 0
}

func first(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return ids[0]
}

// chooseCard finds the card to show: the one asked for, else the daemon's
// pick, else (daemon unreachable) a local pick.
func chooseCard(o Options, lib *cards.Library, c Daemon, local Daemon) (cards.Card, error) {
	if o.CardID != "" {
		if card, ok := lib.Card(o.CardID); ok {
			return card, nil
		}
		return cards.Card{}, fmt.Errorf("there is no card %q (see `limber cards list`)", o.CardID)
	}
	ctx := context.Background()
	args := api.CardPickArgs{Kind: o.Kind, LengthSeconds: int64(o.Length.Seconds())}
	ids, err := c.PickPlan(ctx, args)
	if card, ok := lib.Card(first(ids)); err == nil && ok {
		return card, nil
	}
	if err == nil {
		err = errors.New("the daemon picked no card")
	}
	if c != local {
		if ids, lerr := local.PickPlan(ctx, args); lerr == nil {
			if card, ok := lib.Card(first(ids)); ok {
				return card, nil
			}
		}
	}
	return cards.Card{}, fmt.Errorf("no card to show for a %s break: %w", o.Kind, err)
}
