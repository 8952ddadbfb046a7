package cli

import (
	"strings"
	"testing"

	"github.com/limber-app/limber/internal/api"
)

func TestProfileCommand(t *testing.T) {
	list := api.ProfileReply{Active: "evening", Auto: true, Profiles: []api.ProfileInfo{
		{Name: "evening", When: []string{"mon-fri 18:00-24:00"}, Keys: []string{"breaks.strict"}, Active: true},
		{Name: "travel", Keys: []string{"posture.enabled"}},
	}}
	for name, tc := range map[string]struct {
		args           []string
		reply          any
		err            *api.Error
		code           int
		cmd, argsJSON  string
		stdout, stderr string
	}{
		"list": {args: []string{"profile", "list"}, reply: list, cmd: "profile_list",
			stdout: "  default  the main settings\n* evening  mon-fri 18:00-24:00  breaks.strict\n  travel   by hand only         posture.enabled\nActive: evening, chosen by the schedule.\n"},
		"list json":  {args: []string{"profile", "list", "--json"}, reply: list, cmd: "profile_list", stdout: `"active": "evening"`},
		"use":        {args: []string{"profile", "use", "travel"}, reply: api.ProfileReply{Active: "travel"}, cmd: "profile_use", argsJSON: `{"name":"travel"}`, stdout: "Profile travel is on until `limber profile auto`."},
		"auto":       {args: []string{"profile", "auto"}, reply: api.ProfileReply{Active: "evening", Auto: true}, cmd: "profile_auto", stdout: "now: evening"},
		"bad name":   {args: []string{"profile", "use", "hom"}, err: &api.Error{Code: api.CodeUsage, Msg: `unknown profile "hom": use default, evening, travel`}, code: ExitUsage, cmd: "profile_use", stderr: "default, evening, travel"},
		"no name":    {args: []string{"profile", "use"}, code: ExitUsage, stderr: "needs a profile name"},
		"no sub":     {args: []string{"profile"}, code: ExitUsage, stderr: "usage: limber profile list"},
		"bad sub":    {args: []string{"profile", "switch", "x"}, code: ExitUsage, stderr: "say list, use NAME or auto"},
		"daemon err": {args: []string{"profile", "auto"}, err: &api.Error{Code: api.CodeFailed, Msg: "disk full"}, code: ExitFailed, cmd: "profile_auto", stderr: "disk full"},
	} {
		t.Run(name, func(t *testing.T) {
			f := &fakeDaemon{reply: tc.reply, err: tc.err}
			out, stderr, code := runCLI(f, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tc.code, stderr)
			}
			if tc.cmd != "" && (len(f.cmds) != 1 || f.cmds[0] != tc.cmd) || tc.cmd == "" && len(f.cmds) > 0 {
				t.Errorf("requests %v, want %q", f.cmds, tc.cmd)
			}
			if tc.argsJSON != "" && f.args[0] != tc.argsJSON {
				t.Errorf("args %s, want %s", f.args[0], tc.argsJSON)
			}
			if name == "list" && out != tc.stdout || !strings.Contains(out, tc.stdout) {
				t.Errorf("stdout %q, want %q", out, tc.stdout)
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr %q, want %q", stderr, tc.stderr)
			}
		})
	}
}
