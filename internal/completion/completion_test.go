package completion

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// limberCommands is the CLI surface from issue 7, as the lead's table
// passes it in.
func limberCommands() []Command {
	return []Command{
		{Name: "status", Flags: []string{"--json", "--explain"}},
		{Name: "pause", Subs: []string{"until", "tomorrow"}},
		{Name: "resume"},
		{Name: "break", Subs: []string{"now"}},
		{Name: "break now", Subs: []string{"posture", "hydration", "stretch", "movement"}},
		{Name: "snooze"},
		{Name: "skip"},
		{Name: "drink"},
		{Name: "stats", Flags: []string{"--days N", "--json"}},
		{Name: "export", Flags: []string{"--csv FILE", "--json FILE"}},
		{Name: "config", Subs: []string{"check", "path"}},
		{Name: "cards", Subs: []string{"check", "list"}},
		{Name: "cards list", Flags: []string{"--json"}},
		{Name: "autostart", Subs: []string{"on", "off", "status"}},
		{Name: "version"},
		{Name: "quit"},
		{Name: "completion", Subs: []string{"bash", "zsh", "fish"}},
		{Name: "window", Subs: []string{"card", "settings", "stats", "status", "welcome"}},
	}
}

func topLevel() []string {
	return []string{"status", "pause", "resume", "break", "snooze", "skip", "drink", "stats", "export",
		"config", "cards", "autostart", "version", "quit", "completion", "window"}
}

// fileMark stands for "file names offered" in the expectations.
const fileMark = "<files>"

type completionCase struct {
	words []string // after "limber"; the last is the word being completed
	want  []string
}

func completionCases() map[string]completionCase {
	return map[string]completionCase{
		"top level":                {[]string{""}, topLevel()},
		"top level prefix":         {[]string{"st"}, []string{"status", "stats"}},
		"top level flags":          {[]string{"-"}, []string{"--help"}},
		"break":                    {[]string{"break", ""}, []string{"now"}},
		"break now kinds":          {[]string{"break", "now", ""}, []string{"posture", "hydration", "stretch", "movement"}},
		"break now kind prefix":    {[]string{"break", "now", "s"}, []string{"stretch"}},
		"after the kind":           {[]string{"break", "now", "stretch", ""}, []string{"--help"}},
		"status flags":             {[]string{"status", ""}, []string{"--json", "--explain", "--help"}},
		"status flag prefix":       {[]string{"status", "--e"}, []string{"--explain"}},
		"switch takes no value":    {[]string{"status", "--json", ""}, []string{"--json", "--explain", "--help"}},
		"value flag value":         {[]string{"stats", "--days", ""}, nil},
		"after a value flag":       {[]string{"stats", "--days", "7", ""}, []string{"--days", "--json", "--help"}},
		"file flag":                {[]string{"export", "--csv", ""}, []string{fileMark}},
		"second file flag":         {[]string{"export", "--csv", "a.csv", "--json", ""}, []string{fileMark}},
		"pause":                    {[]string{"pause", ""}, []string{"until", "tomorrow"}},
		"pause duration":           {[]string{"pause", "30m", ""}, []string{"--help"}},
		"pause until time":         {[]string{"pause", "until", ""}, []string{"--help"}},
		"completion shells":        {[]string{"completion", ""}, []string{"bash", "zsh", "fish"}},
		"window prefix":            {[]string{"window", "s"}, []string{"settings", "stats", "status"}},
		"nested flag":              {[]string{"cards", "list", "--j"}, []string{"--json"}},
		"cards":                    {[]string{"cards", ""}, []string{"check", "list"}},
		"config":                   {[]string{"config", ""}, []string{"check", "path"}},
		"autostart":                {[]string{"autostart", ""}, []string{"on", "off", "status"}},
		"flag before command":      {[]string{"--help", ""}, topLevel()},
		"unknown command":          {[]string{"bogus", ""}, []string{"--help"}},
		"command word as argument": {[]string{"window", "stats", ""}, []string{"--help"}},
	}
}

// withPrefix keeps the candidates that start with the word being completed,
// as the shell itself does for zsh and fish.
func withPrefix(cands []string, cur string) []string {
	var out []string
	for _, c := range cands {
		if strings.HasPrefix(c, cur) {
			out = append(out, c)
		}
	}
	return out
}

func writeScript(t *testing.T, shell string) string {
	t.Helper()
	s, err := Script(shell, limberCommands())
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "limber."+shell)
	if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func needShell(t *testing.T, shell string) string {
	t.Helper()
	p, err := exec.LookPath(shell)
	if err != nil {
		t.Skipf("%s is not installed (apt-get install %s to run this test)", shell, shell)
	}
	return p
}

func runShell(t *testing.T, dir string, name string, args ...string) []string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\nstderr: %s", name, err, stderr.String())
	}
	var out []string
	for _, l := range strings.Split(stdout.String(), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// checkCompletion runs every case through complete and compares, treating
// any output that contains the test file as "file names offered".
func checkCompletion(t *testing.T, complete func(t *testing.T, dir string, words []string) []string) {
	for name, tc := range completionCases() {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "week.csv"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			got := complete(t, dir, tc.words)
			if slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "week.csv") || s == "FILES" }) {
				got = []string{fileMark}
			}
			want := tc.want
			slices.Sort(got)
			want = slices.Sorted(slices.Values(want))
			if !slices.Equal(got, want) {
				t.Errorf("limber %s<TAB>: got %q, want %q", strings.Join(tc.words, " "), got, want)
			}
		})
	}
}

func TestBash(t *testing.T) {
	bash := needShell(t, "bash")
	script := writeScript(t, "bash")
	runShell(t, t.TempDir(), bash, "-n", script)
	const harness = `source "$1"; shift
COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
_limber
printf '%s\n' "${COMPREPLY[@]}"`
	checkCompletion(t, func(t *testing.T, dir string, words []string) []string {
		args := append([]string{"--norc", "--noprofile", "-c", harness, "bash", script, "limber"}, words...)
		return runShell(t, dir, bash, args...)
	})
}

func TestZsh(t *testing.T) {
	zsh := needShell(t, "zsh")
	script := writeScript(t, "zsh")
	runShell(t, t.TempDir(), zsh, "-n", script)
	// Stand-ins for the completion system's builtins: compadd prints the
	// candidates, _files says files were offered.
	const harness = `compdef() { :; }
compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@"; }
_files() { print -r -- FILES; }
source "$1"; shift
words=("$@"); CURRENT=$#
_limber || true # no candidates is not a failure here`
	checkCompletion(t, func(t *testing.T, dir string, words []string) []string {
		args := append([]string{"-f", "-c", harness, "zsh", script, "limber"}, words...)
		return withPrefix(runShell(t, dir, zsh, args...), words[len(words)-1])
	})
}

func TestFish(t *testing.T) {
	fish := needShell(t, "fish")
	script := writeScript(t, "fish")
	runShell(t, t.TempDir(), fish, "--no-config", "--no-execute", script)
	const harness = `source $argv[1]; __limber_candidates $argv[2..-1]; true`
	checkCompletion(t, func(t *testing.T, dir string, words []string) []string {
		cur := words[len(words)-1]
		args := append([]string{"--no-config", "-c", harness, script, cur, "limber"}, words[:len(words)-1]...)
		return withPrefix(runShell(t, dir, fish, args...), cur)
	})
}

func TestScriptErrors(t *testing.T) {
	tests := map[string]struct {
		shell    string
		commands []Command
		want     string
	}{
		"unknown shell":     {"tcsh", limberCommands(), `unknown shell "tcsh"`},
		"no commands":       {"bash", nil, "no commands"},
		"shell code":        {"bash", []Command{{Name: "status; rm -rf ~"}}, "not a plain lower-case word"},
		"upper case":        {"bash", []Command{{Name: "Status"}}, "not a plain lower-case word"},
		"double space":      {"bash", []Command{{Name: "break  now"}}, "not a plain lower-case word"},
		"bad sub":           {"zsh", []Command{{Name: "pause", Subs: []string{"$(id)"}}}, "sub-word"},
		"bad flag":          {"fish", []Command{{Name: "stats", Flags: []string{"days"}}}, "flag"},
		"bad flag value":    {"fish", []Command{{Name: "stats", Flags: []string{"--days n"}}}, "flag"},
		"quote in value":    {"fish", []Command{{Name: "stats", Flags: []string{"--days N'"}}}, "flag"},
		"duplicate command": {"bash", []Command{{Name: "quit"}, {Name: "quit"}}, "listed twice"},
		"duplicate flag":    {"bash", []Command{{Name: "stats", Flags: []string{"--json", "--json"}}}, "listed twice"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s, err := Script(tc.shell, tc.commands)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Script: err %v, want one containing %q (script %d bytes)", err, tc.want, len(s))
			}
		})
	}
}

func TestParentsAreImplied(t *testing.T) {
	tb, err := build([]Command{{Name: "break now", Subs: []string{"stretch"}}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, n := range tb {
		got[n.path] = n.words
	}
	want := map[string][]string{"": {"break"}, "break": {"now"}, "break now": {"stretch"}}
	for k, w := range want {
		if !slices.Equal(got[k], w) {
			t.Errorf("path %q offers %q, want %q", k, got[k], w)
		}
	}
}

func TestEveryCommandAppearsInEveryScript(t *testing.T) {
	for _, sh := range Shells() {
		s, err := Script(sh, limberCommands())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range limberCommands() {
			if !strings.Contains(s, c.Name) {
				t.Errorf("%s script does not mention %q", sh, c.Name)
			}
		}
	}
}
