package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/settings"
)

// ProfileUsage is the usage line of `limber profile`.
const ProfileUsage = "profile list [--json] | profile use NAME | profile auto"

// cmdProfile is `limber profile list|use NAME|auto`: every change goes
// through the daemon (profile_use, profile_auto), which applies it at once
// and keeps a hand choice until `auto`.
func cmdProfile(args []string, env *Env) int {
	fs := newFlags("profile", ProfileUsage, env)
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		fmt.Fprint(fs.Output(), "\n"+i18n.X("cli.profile.help", "  list        the profiles of the settings file; * marks the active one\n  use NAME    switch to a profile by hand until `limber profile auto` (default: the main settings)\n  auto        let the profiles' schedules (when = [...]) choose again\n"))
	}
	asJSON := fs.Bool("json", false, i18n.X("cli.flag.json", "print JSON for scripts"))
	// Flags may follow the subcommand (`profile list --json`): flags first.
	var flags, words []string
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			flags = append(flags, a)
		} else {
			words = append(words, a)
		}
	}
	if done, code := parse(fs, append(flags, words...), env); done {
		return code
	}
	a := fs.Args()
	var r api.ProfileReply
	var send func(ctx context.Context, c *api.Client) (api.ProfileReply, error)
	switch {
	case len(a) == 1 && a[0] == "list":
		send = func(ctx context.Context, c *api.Client) (api.ProfileReply, error) { return c.Profiles(ctx) }
	case len(a) == 2 && a[0] == "use":
		name := a[1]
		send = func(ctx context.Context, c *api.Client) (api.ProfileReply, error) { return c.UseProfile(ctx, name) }
	case len(a) == 1 && a[0] == "auto":
		send = func(ctx context.Context, c *api.Client) (api.ProfileReply, error) { return c.AutoProfile(ctx) }
	case len(a) == 1 && a[0] == "use":
		return usageErr(env, ProfileUsage, "%s", i18n.X("cli.profile.use_name", "profile use needs a profile name (see `limber profile list`)"))
	default:
		return usageErr(env, ProfileUsage, "%s", i18n.X("cli.profile.args", "say list, use NAME or auto"))
	}
	if code := call(env, "profile", func(ctx context.Context, c *api.Client) (err error) {
		r, err = send(ctx, c)
		return err
	}); code != ExitOK {
		return code
	}
	if *asJSON {
		return writeJSON(env, "profile", r)
	}
	switch a[0] {
	case "list":
		writeProfiles(env, r)
	case "use":
		fmt.Fprintln(env.Stdout, i18n.X("cli.profile.used", "Profile {{.Name}} is on until `limber profile auto`.", map[string]any{"Name": r.Active}))
	case "auto":
		fmt.Fprintln(env.Stdout, i18n.X("cli.profile.auto", "Profiles follow their schedule again; now: {{.Name}}.", map[string]any{"Name": r.Active}))
	}
	return ExitOK
}

// writeProfiles prints the list: the active one marked with *, each
// profile's schedule and what it overrides, then how it was chosen.
func writeProfiles(env *Env, r api.ProfileReply) {
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	mark := func(on bool) string {
		if on {
			return "*"
		}
		return " "
	}
	fmt.Fprintf(tw, "%s %s\t%s\n", mark(r.Active == settings.DefaultProfile), settings.DefaultProfile, i18n.X("cli.profile.main", "the main settings"))
	for _, p := range r.Profiles {
		when := i18n.X("cli.profile.by_hand", "by hand only")
		if len(p.When) > 0 {
			when = strings.Join(p.When, ", ")
		}
		fmt.Fprintf(tw, "%s %s\t%s\t%s\n", mark(p.Active), p.Name, when, strings.Join(p.Keys, ", "))
	}
	tw.Flush()
	if r.Auto {
		fmt.Fprintln(env.Stdout, i18n.X("cli.profile.active_auto", "Active: {{.Name}}, chosen by the schedule.", map[string]any{"Name": r.Active}))
	} else {
		fmt.Fprintln(env.Stdout, i18n.X("cli.profile.active_hand", "Active: {{.Name}}, chosen by hand (`limber profile auto` hands it back to the schedule).", map[string]any{"Name": r.Active}))
	}
}
