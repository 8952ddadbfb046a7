package completion

import (
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// Run is `limber completion SHELL`: it prints the completion script for
// SHELL to stdout, built from commands (the CLI's table). It returns the
// exit code: 0 done, 1 failed, 2 bad usage.
func Run(args []string, stdout, stderr io.Writer, commands []Command) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(stdout, usage())
		return 0
	}
	if len(args) != 1 {
		fmt.Fprint(stderr, lang.X("completion.err.args", "limber completion: name one shell: bash, zsh or fish"), "\n\n", usage())
		return 2
	}
	switch args[0] {
	case "bash", "zsh", "fish":
	default:
		fmt.Fprintln(stderr, lang.X("completion.err.shell",
			"limber completion: no completion for {{.Shell}}; choose bash, zsh or fish",
			map[string]any{"Shell": fmt.Sprintf("%q", args[0])}))
		return 2
	}
	script, err := Script(args[0], commands)
	if err != nil {
		fmt.Fprintln(stderr, lang.X("completion.err.build",
			"limber completion: cannot build the script: {{.Err}}. This is a bug in limber; please report it.",
			map[string]any{"Err": err.Error()}))
		return 1
	}
	if _, err := io.WriteString(stdout, script); err != nil {
		fmt.Fprintln(stderr, lang.X("completion.err.write",
			"limber completion: cannot write the script: {{.Err}}", map[string]any{"Err": err.Error()}))
		return 1
	}
	return 0
}

func usage() string {
	return strings.Join([]string{
		lang.X("completion.usage", "Usage: limber completion bash|zsh|fish"),
		"",
		lang.X("completion.help", "Prints the shell completion script for limber. To use it:"),
		"  bash:  source <(limber completion bash)",
		"         limber completion bash > ~/.local/share/bash-completion/completions/limber",
		"  zsh:   source <(limber completion zsh)   # after compinit",
		"         limber completion zsh > \"${fpath[1]}/_limber\"",
		"  fish:  limber completion fish > ~/.config/fish/completions/limber.fish",
		"",
	}, "\n")
}
