package cli

import (
	"encoding/json"
	"fmt"
)

// writeJSON prints v as indented JSON, the --json output of every command.
func writeJSON(env *Env, cmd string, v any) int {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(env.Stderr, "limber %s: %v\n", cmd, err)
		return ExitFailed
	}
	return ExitOK
}
