package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"fyne.io/fyne/v2/lang"

	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/paths"
)

const cardsUsage = `cards check [DIR] | cards list [--json]

  check [DIR]   check the card files in DIR (default: your own cards folder);
                prints FILE:LINE: message for each problem, exit 1 if any
  list          print every card, built-in and your own: id, kinds,
                positions, factors and body areas (--json for scripts)`

// CardJSON is one card in `limber cards list --json`.
type CardJSON struct {
	ID              string   `json:"id"`
	Title           string   `json:"title"`
	Kinds           []string `json:"kinds"`
	DurationSeconds int      `json:"duration_seconds"`
	Positions       []string `json:"positions"`
	Factors         []string `json:"factors"`
	Areas           []string `json:"areas"`
	Own             bool     `json:"own"`
	Source          string   `json:"source"`
}

// cmdCards is `limber cards ...`.
func cmdCards(args []string, env *Env) int {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, lang.X("cli.cards.need_sub", "limber cards: say what to do: check or list."))
		fmt.Fprintf(env.Stderr, "usage: limber %s\n", cardsUsage)
		return ExitUsage
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		fmt.Fprintf(env.Stdout, "usage: limber %s\n", cardsUsage)
		return ExitOK
	case "check":
		return cardsCheck(args[1:], env)
	case "list":
		return cardsList(args[1:], env)
	}
	return usageErr(env, cardsUsage, "%s", lang.X("cli.cards.unknown_sub", "cards: unknown command {{.Cmd}}; use check or list.",
		map[string]any{"Cmd": fmt.Sprintf("%q", args[0])}))
}

// cardsCheck is `limber cards check [DIR]`.
func cardsCheck(args []string, env *Env) int {
	flags := newFlags("cards check", "cards check [DIR]", env)
	if done, code := parse(flags, args, env); done {
		return code
	}
	if flags.NArg() > 1 {
		return usageErr(env, "cards check [DIR]", "%s", lang.X("cli.cards.check_args", "cards check takes at most one folder."))
	}
	dir := flags.Arg(0)
	if dir == "" {
		d, err := paths.CardsDir()
		if err != nil {
			fmt.Fprintf(env.Stderr, "limber cards check: %v\n", err)
			return ExitFailed
		}
		if _, err := os.Stat(d); os.IsNotExist(err) {
			fmt.Fprintln(env.Stdout, lang.X("cli.cards.no_dir", "{{.Dir}}: no cards of your own yet. Put .toml card files there (see `limber cards list` for the built-in ones).",
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
		fmt.Fprintln(env.Stderr, lang.X("cli.cards.check_failed", "{{.Bad}} problem(s); {{.Good}} card(s) valid. Fix the lines above; the card format is in assets/cardfiles/README.md.",
			map[string]any{"Bad": len(probs), "Good": len(valid)}))
		return ExitFailed
	}
	fmt.Fprintln(env.Stdout, lang.X("cli.cards.check_ok", "{{.Dir}}: {{.N}} card(s), all valid.", map[string]any{"Dir": dir, "N": len(valid)}))
	return ExitOK
}

// cardsList is `limber cards list [--json]`.
func cardsList(args []string, env *Env) int {
	flags := newFlags("cards list", "cards list [--json]", env)
	asJSON := flags.Bool("json", false, "print JSON")
	if done, code := parse(flags, args, env); done {
		return code
	}
	if flags.NArg() > 0 {
		return usageErr(env, "cards list [--json]", "%s", lang.X("cli.cards.list_args", "cards list takes no arguments."))
	}
	lib := cards.LoadDefault()
	if *asJSON {
		out := []CardJSON{}
		for _, c := range lib.Cards() {
			out = append(out, CardJSON{ID: c.ID, Title: c.Title, Kinds: strs(c.Kinds), DurationSeconds: int(c.Duration.Seconds()),
				Positions: strs(c.Positions), Factors: strs(c.Factors), Areas: strs(c.Areas), Own: c.Own, Source: c.Source})
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(env.Stderr, "limber cards list: %v\n", err)
			return ExitFailed
		}
	} else {
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, lang.X("cli.cards.header", "ID\tKINDS\tPOSITIONS\tFACTORS\tBODY AREAS\tFROM"))
		for _, c := range lib.Cards() {
			from := lang.X("cli.cards.builtin", "built-in")
			if c.Own {
				from = lang.X("cli.cards.own", "own")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, strings.Join(strs(c.Kinds), ","), strings.Join(strs(c.Positions), ","),
				strings.Join(strs(c.Factors), ","), strings.Join(strs(c.Areas), ","), from)
		}
		tw.Flush()
	}
	for _, id := range lib.Replaced() {
		fmt.Fprintln(env.Stderr, lang.X("cli.cards.replaced", "note: your card {{.ID}} replaces the built-in card with the same id.", map[string]any{"ID": id}))
	}
	if n := len(lib.Problems()); n > 0 {
		fmt.Fprintln(env.Stderr, lang.X("cli.cards.skipped", "note: {{.N}} problem(s) in your card files; those cards are left out. Run `limber cards check` to see them.",
			map[string]any{"N": n}))
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
