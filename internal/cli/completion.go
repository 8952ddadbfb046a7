package cli

import (
	"fmt"

	"fyne.io/fyne/v2/lang"

	"github.com/limber-app/limber/internal/completion"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/settings"
)

// completionTable describes every command's words and flags for the shell
// completion scripts; TestCompletionCoversTable keeps it in step with Table.
func completionTable() []completion.Command {
	kindNames := kinds.Names()
	return []completion.Command{
		{Name: "status", Flags: []string{"--json", "--explain"}},
		{Name: "pause", Subs: []string{"until", "tomorrow", "30m", "1h"}},
		{Name: "resume"},
		{Name: "break", Subs: []string{"now"}},
		{Name: "break now", Subs: kindNames},
		{Name: "snooze", Subs: []string{"5m", "15m"}},
		{Name: "skip", Subs: kindNames},
		{Name: "drink"},
		{Name: "stats", Flags: []string{"--days N", "--json"}},
		{Name: "export", Flags: []string{"--csv FILE", "--json FILE"}},
		{Name: "config", Subs: []string{"check", "path", "defaults"}},
		{Name: "config check"},
		{Name: "cards", Subs: []string{"check", "list", "pick"}},
		{Name: "cards list", Flags: []string{"--json"}},
		{Name: "cards pick", Subs: kindNames, Flags: []string{"--length DURATION", "--count N", "--json"}},
		{Name: "profile", Subs: []string{"list", "use", "auto"}},
		{Name: "profile list", Flags: []string{"--json"}},
		// Profile names are the user's file's; the scripts are static, so
		// only the main settings' name is offered.
		{Name: "profile use", Subs: []string{settings.DefaultProfile}},
		{Name: "autostart", Subs: []string{"on", "off", "status"}},
		{Name: "version"},
		{Name: "quit"},
		{Name: "completion", Subs: completion.Shells()},
		{Name: "window", Subs: []string{"card", "settings", "stats", "status", "welcome"}},
	}
}

func cmdCompletion(args []string, env *Env) int {
	const usage = "completion bash|zsh|fish"
	fs := newFlags("completion", usage, env)
	if done, code := parse(fs, args, env); done {
		return code
	}
	if fs.NArg() != 1 {
		return usageErr(env, usage, "%s", lang.X("cli.completion.args", "name one shell: bash, zsh or fish"))
	}
	script, err := completion.Script(fs.Arg(0), completionTable())
	if err != nil {
		return usageErr(env, usage, "%v", err)
	}
	fmt.Fprint(env.Stdout, script)
	return ExitOK
}
