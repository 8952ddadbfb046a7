package cli

import (
	"fmt"
	"math"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/duration"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/paths"
	"github.com/limber-app/limber/internal/settings"
)

// cardsUsage is the synopsis and, in the user's language, what each
// subcommand does.
func cardsUsage() string {
	return "cards check [DIR] | cards list [--json] | " + pickUsage + "\n\n" + i18n.X("cli.cards.help", `  check [DIR]   check the card files in DIR (default: your own cards folder);
                prints FILE:LINE: message for each problem, exit 1 if any
  list          print every card, built-in and your own: id, kinds, type,
                positions, factors and body areas (--json for scripts)
  pick KIND     show what the picker would offer on N breaks of KIND in a
                row (default 1): the cards, one after the other, their total
                time against the break's length (default: your setting) and
                their positions (those your settings allow)`)
}

const pickUsage = "cards pick KIND [--length DURATION] [--count N] [--json]"

// CardJSON is one card in `limber cards list --json`.
type CardJSON struct {
	ID              string   `json:"id"`
	Title           string   `json:"title"`
	Kinds           []string `json:"kinds"`
	Type            string   `json:"type"`
	DurationSeconds int      `json:"duration_seconds"`
	Timed           bool     `json:"timed"`
	Tip             bool     `json:"tip"`
	Positions       []string `json:"positions"`
	Factors         []string `json:"factors"`
	Areas           []string `json:"areas"`
	Own             bool     `json:"own"`
	Source          string   `json:"source"`
}

// cmdCards is `limber cards ...`.
func cmdCards(args []string, env *Env) int {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, i18n.X("cli.cards.need_sub", "limber cards: say what to do: check, list or pick."))
		fmt.Fprintf(env.Stderr, "%s limber %s\n", i18n.X("cli.help.usage", "usage:"), localUsage(cardsUsage()))
		return ExitUsage
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		fmt.Fprintf(env.Stdout, "%s limber %s\n", i18n.X("cli.help.usage", "usage:"), localUsage(cardsUsage()))
		return ExitOK
	case "check":
		return cardsCheck(args[1:], env)
	case "list":
		return cardsList(args[1:], env)
	case "pick":
		return cardsPick(args[1:], env)
	}
	return usageErr(env, cardsUsage(), "%s", i18n.X("cli.cards.unknown_sub", "cards: unknown command {{.Cmd}}; use check, list or pick.",
		map[string]any{"Cmd": fmt.Sprintf("%q", args[0])}))
}

// cardsCheck is `limber cards check [DIR]`.
func cardsCheck(args []string, env *Env) int {
	flags := newFlags("cards check", "cards check [DIR]", env)
	if done, code := parse(flags, args, env); done {
		return code
	}
	if flags.NArg() > 1 {
		return usageErr(env, "cards check [DIR]", "%s", i18n.X("cli.cards.check_args", "cards check takes at most one folder."))
	}
	dir := flags.Arg(0)
	if dir == "" {
		d, err := paths.CardsDir()
		if err != nil {
			fmt.Fprintf(env.Stderr, "limber cards check: %v\n", err)
			return ExitFailed
		}
		if _, err := os.Stat(d); os.IsNotExist(err) {
			fmt.Fprintln(env.Stdout, i18n.X("cli.cards.no_dir", "{{.Dir}}: no cards of your own yet. Put .toml card files there (see `limber cards list` for the built-in ones).",
				map[string]any{"Dir": d}))
			return ExitOK
		}
		dir = d
	}
	valid, probs := cards.CheckDir(dir)
	for _, p := range probs {
		fmt.Fprintln(env.Stderr, p.Error())
	}
	if len(probs) > 0 {
		fmt.Fprintln(env.Stderr, i18n.X("cli.cards.check_failed", "{{.Problems}}; {{.Valid}}. Fix the lines above; the card format is in {{.Doc}}.",
			map[string]any{
				"Doc":      cards.FormatDoc(),
				"Problems": i18n.XN("cli.cards.problems", "{{.N}} problems", len(probs), map[string]any{"N": len(probs)}),
				"Valid":    i18n.XN("cli.cards.valid", "{{.N}} cards valid", len(valid), map[string]any{"N": len(valid)}),
			}))
		return ExitFailed
	}
	fmt.Fprintln(env.Stdout, i18n.XN("cli.cards.check_ok", "{{.Dir}}: {{.N}} cards, all valid.", len(valid), map[string]any{"Dir": dir, "N": len(valid)}))
	return ExitOK
}

// cardsList is `limber cards list [--json]`.
func cardsList(args []string, env *Env) int {
	flags := newFlags("cards list", "cards list [--json]", env)
	asJSON := flags.Bool("json", false, i18n.X("cli.flag.json", "print JSON for scripts"))
	if done, code := parse(flags, args, env); done {
		return code
	}
	if flags.NArg() > 0 {
		return usageErr(env, "cards list [--json]", "%s", i18n.X("cli.cards.list_args", "cards list takes no arguments."))
	}
	lib := cards.LoadDefaultNoFigures()
	if *asJSON {
		out := []CardJSON{}
		for _, c := range lib.Cards() {
			out = append(out, CardJSON{ID: c.ID, Title: c.Local().Title, Kinds: strs(c.Kinds), Type: string(c.Type), Timed: c.Timed, Tip: c.Tip,
				DurationSeconds: int(c.Duration.Seconds()),
				Positions:       strs(c.Positions), Factors: strs(c.Factors), Areas: strs(c.Areas), Own: c.Own, Source: c.Source})
		}
		if code := writeJSON(env, "cards list", out); code != ExitOK {
			return code
		}
	} else {
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, i18n.X("cli.cards.header", "ID\tKINDS\tTYPE\tTIME\tPOSITIONS\tFACTORS\tBODY AREAS\tFROM\tTITLE"))
		for _, c := range lib.Cards() {
			from := i18n.X("cli.cards.builtin", "built-in")
			if c.Own {
				from = i18n.X("cli.cards.own", "own")
			}
			// The tags are the card files' own words, as people type them;
			// the title is in the user's language.
			kindsCol := strings.Join(strs(c.Kinds), ",")
			if c.Tip {
				kindsCol = i18n.X("cli.cards.tip", "(tip)")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, kindsCol, c.Type, cardTime(c), strings.Join(strs(c.Positions), ","),
				strings.Join(strs(c.Factors), ","), strings.Join(strs(c.Areas), ","), from, c.Local().Title)
		}
		tw.Flush()
	}
	for _, id := range lib.Replaced() {
		fmt.Fprintln(env.Stderr, i18n.X("cli.cards.replaced", "note: your card {{.ID}} replaces the built-in card with the same id.", map[string]any{"ID": id}))
	}
	if n := len(lib.Problems()); n > 0 {
		fmt.Fprintln(env.Stderr, i18n.XN("cli.cards.skipped", "note: {{.N}} problems in your card files; those cards are left out. Run `limber cards check` to see them.",
			n, map[string]any{"N": n}))
	}
	return ExitOK
}

func strs[T ~string](in []T) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}

// cardTime is a card's time for the list: "40s", or "2m+" for a timed
// activity that lasts the whole break.
func cardTime(c cards.Card) string {
	t := duration.Format(c.Duration)
	if c.Timed {
		t += "+"
	}
	return t
}

// PickJSON is `limber cards pick --json`.
type PickJSON struct {
	Kind          string     `json:"kind"`
	LengthSeconds int        `json:"length_seconds"`
	Positions     []string   `json:"positions"`
	Picks         []PlanJSON `json:"picks"`
}

// PlanJSON is one break's plan: the cards in order and how much of the
// break they fill.
type PlanJSON struct {
	Cards        []PickedJSON `json:"cards"`
	TotalSeconds int          `json:"total_seconds"`
	Fill         float64      `json:"fill"` // total / length
	// RestSeconds: the last card is held (repeated) this long beyond its
	// own time, included in its seconds, as the library cannot fill the
	// break with cards (the card window says "Repeat it until the time is up").
	RestSeconds int  `json:"rest_seconds,omitempty"`
	Fills       bool `json:"fills"` // at least 80 % and at most 100 %
}

// PickedJSON is one card of a plan.
type PickedJSON struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Type      string   `json:"type"`
	Seconds   int      `json:"seconds"` // its time on this break
	Timed     bool     `json:"timed"`
	Positions []string `json:"positions"`
}

// cardsPick is `limber cards pick KIND [--length DURATION] [--count N] [--json]`.
func cardsPick(args []string, env *Env) int {
	flags := newFlags("cards pick", pickUsage, env)
	lengthS := flags.String("length", "", i18n.X("cli.flag.length", "the break's length (default: your setting)"))
	count := flags.Int("count", 1, i18n.X("cli.flag.count", "how many breaks in a row"))
	asJSON := flags.Bool("json", false, i18n.X("cli.flag.json", "print JSON for scripts"))
	// Let KIND come before the flags, as the usage line writes it.
	var kind string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		kind, args = args[0], args[1:]
	}
	if done, code := parse(flags, args, env); done {
		return code
	}
	if kind == "" && flags.NArg() > 0 {
		kind = flags.Arg(0)
	} else if flags.NArg() > 0 {
		return usageErr(env, pickUsage, "%s", i18n.X("cli.cards.pick_args", "cards pick takes one break kind."))
	}
	if kind == "" {
		return usageErr(env, pickUsage, "%s", i18n.X("cli.cards.pick_kind", "cards pick: name a break kind: {{.Kinds}}.", map[string]any{"Kinds": kinds.List()}))
	}
	k, err := kinds.Parse(kind)
	if err != nil {
		return usageErr(env, pickUsage, "%v", err)
	}
	if *count < 1 || *count > 100000 {
		return usageErr(env, pickUsage, "%s", i18n.X("cli.cards.pick_count", "--count must be between 1 and 100000."))
	}
	s := userSettings(env)
	length := s.Break(k).Length
	if *lengthS != "" {
		d, err := ParseDuration(*lengthS)
		if err != nil {
			return usageErr(env, pickUsage, "--length: %v", err)
		}
		length = d
	}
	allowed := cards.PositionsFrom(s.Positions.Allowed())
	lib := cards.LoadDefaultNoFigures()
	p := cards.NewPicker(lib, time.Now().UnixNano(), 8)
	out := PickJSON{Kind: kind, LengthSeconds: int(length.Seconds()), Positions: strs(allowed), Picks: []PlanJSON{}}
	for range *count {
		pl, err := p.Sequence(k, length, allowed, nil)
		if err != nil {
			fmt.Fprintln(env.Stderr, i18n.X("cli.cards.pick_none", "limber cards pick: no card serves a {{.Kind}} break in the positions you allow ({{.Positions}}); turn more on in the settings or add cards of your own.",
				map[string]any{"Kind": kind, "Positions": strings.Join(strs(allowed), ", ")}))
			return ExitFailed
		}
		pj := PlanJSON{TotalSeconds: int(pl.Total.Seconds()), Fills: pl.Fills(), RestSeconds: int(pl.Rest.Seconds())}
		if length > 0 {
			pj.Fill = math.Round(float64(pl.Total)/float64(length)*1000) / 1000
		}
		for _, c := range pl.Cards {
			c = c.Local()
			pj.Cards = append(pj.Cards, PickedJSON{ID: c.ID, Title: c.Title, Type: string(c.Type), Seconds: int(c.Time(length - sumBefore(pl, c.ID)).Seconds()),
				Timed: c.Timed, Positions: strs(c.Positions)})
		}
		if n := len(pj.Cards); n > 0 {
			pj.Cards[n-1].Seconds += pj.RestSeconds
		}
		out.Picks = append(out.Picks, pj)
	}
	if *asJSON {
		return writeJSON(env, "cards pick", out)
	}
	fmt.Fprintln(env.Stdout, i18n.X("cli.cards.pick_head", "{{.Kind}} · {{.Length}} · positions {{.Positions}}:",
		map[string]any{"Kind": kinds.Label(k), "Length": duration.Format(length), "Positions": strings.Join(strs(allowed), ", ")}))
	for i, pj := range out.Picks {
		var parts []string
		for _, c := range pj.Cards {
			parts = append(parts, fmt.Sprintf("%s (%s, %s, %s)", c.Title, c.ID, duration.Format(time.Duration(c.Seconds)*time.Second), strings.Join(c.Positions, "/")))
		}
		mark := ""
		switch {
		case !pj.Fills:
			mark = "  " + i18n.X("cli.cards.pick_short", "(does not fill the break)")
		case pj.RestSeconds > 0:
			mark = "  " + i18n.X("cli.cards.pick_rest", "(the last card repeated for {{.Rest}}: no cards fill the break)",
				map[string]any{"Rest": duration.Format(time.Duration(pj.RestSeconds) * time.Second)})
		}
		fmt.Fprintf(env.Stdout, "%3d. %s · %.0f %%  %s%s\n", i+1, duration.Format(time.Duration(pj.TotalSeconds)*time.Second), pj.Fill*100, strings.Join(parts, " → "), mark)
	}
	return ExitOK
}

// sumBefore is the time of the plan's cards before the one with id.
func sumBefore(pl cards.Plan, id string) time.Duration {
	var t time.Duration
	for _, c := range pl.Cards {
		if c.ID == id {
			break
		}
		t += c.Duration
	}
	return t
}

// userSettings are the user's settings for lengths and positions: the
// defaults when there is no settings file or it cannot be read (a note
// says so on stderr).
func userSettings(env *Env) settings.Settings {
	p, err := paths.ConfigFile()
	if err != nil {
		return settings.Defaults()
	}
	s, probs, err := settings.Load(p)
	if err != nil {
		return settings.Defaults()
	}
	if len(probs) > 0 {
		fmt.Fprintln(env.Stderr, i18n.X("cli.cards.pick_settings", "note: your settings file has problems (see `limber config check`); using the defaults."))
	}
	return s
}
