package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/ipc"
	"github.com/limber-app/limber/internal/schedule"
)

// fakeDaemon is a transport that records each request and answers with
// a canned reply (or refusal).
type fakeDaemon struct {
	cmds  []string
	args  []string
	reply any
	err   *api.Error
}

func (f *fakeDaemon) RoundTrip(_ context.Context, line []byte) ([]byte, error) {
	var req api.Request
	if err := json.Unmarshal(line, &req); err != nil {
		return nil, err
	}
	f.cmds = append(f.cmds, req.Cmd)
	f.args = append(f.args, string(req.Args))
	resp := api.Response{V: api.Version, ID: req.ID, OK: f.err == nil}
	if f.err != nil {
		resp.Error, resp.Code = f.err.Msg, f.err.Code
	} else if f.reply != nil {
		resp.Data, _ = json.Marshal(f.reply)
	}
	return json.Marshal(resp)
}

func runCLI(f *fakeDaemon, args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Dial: func() (*api.Client, func(), error) {
		if f == nil {
			return nil, nil, ipc.ErrNotRunning
		}
		return api.NewClient(f), func() {}, nil
	}}
	code := Main(args, env)
	return out.String(), errb.String(), code
}

func TestExitCodesAndRequests(t *testing.T) {
	tests := map[string]struct {
		args     []string
		code     int
		cmd      string
		argsJSON string
		stderr   string
	}{
		"status":            {args: []string{"status"}, code: 0, cmd: "status"},
		"status extra":      {args: []string{"status", "x"}, code: 2, stderr: "takes no arguments"},
		"pause 30m":         {args: []string{"pause", "30m"}, code: 0, cmd: "pause", argsJSON: `{"seconds":1800}`},
		"pause 45":          {args: []string{"pause", "45"}, code: 0, cmd: "pause", argsJSON: `{"seconds":2700}`},
		"pause tomorrow":    {args: []string{"pause", "tomorrow"}, code: 0, cmd: "pause", argsJSON: `{"tomorrow":true}`},
		"pause nothing":     {args: []string{"pause"}, code: 2, stderr: "say how long"},
		"pause bad":         {args: []string{"pause", "soon"}, code: 2, stderr: "not a duration"},
		"pause until bad":   {args: []string{"pause", "until", "25:99"}, code: 2, stderr: "not a time of day"},
		"pause too long":    {args: []string{"pause", "900h"}, code: 2, stderr: "out of range"},
		"break now":         {args: []string{"break", "now"}, code: 0, cmd: "break_now", argsJSON: `{"kind":"stretch"}`},
		"break now move":    {args: []string{"break", "now", "movement"}, code: 0, cmd: "break_now", argsJSON: `{"kind":"movement"}`},
		"break bad kind":    {args: []string{"break", "now", "yoga"}, code: 2, stderr: "not a break kind"},
		"break later":       {args: []string{"break", "later"}, code: 2},
		"snooze":            {args: []string{"snooze"}, code: 0, cmd: "snooze", argsJSON: `{}`},
		"snooze 10m":        {args: []string{"snooze", "10m"}, code: 0, cmd: "snooze", argsJSON: `{"seconds":600}`},
		"skip":              {args: []string{"skip"}, code: 0, cmd: "skip", argsJSON: `{}`},
		"skip bad":          {args: []string{"skip", "lunch"}, code: 2},
		"drink":             {args: []string{"drink"}, code: 0, cmd: "drink", argsJSON: `{"source":"cli"}`},
		"resume":            {args: []string{"resume"}, code: 0, cmd: "resume"},
		"quit":              {args: []string{"quit"}, code: 0, cmd: "quit"},
		"unknown":           {args: []string{"frobnicate"}, code: 2, stderr: "unknown command"},
		"help flag":         {args: []string{"pause", "--help"}, code: 0},
		"bad flag":          {args: []string{"status", "--yaml"}, code: 2},
		"completion none":   {args: []string{"completion"}, code: 2, stderr: "name one shell"},
		"completion tcsh":   {args: []string{"completion", "tcsh"}, code: 2, stderr: "unknown shell"},
		"completion bash":   {args: []string{"completion", "bash"}, code: 0},
		"version":           {args: []string{"version"}, code: 0},
		"version with args": {args: []string{"version", "--json"}, code: 2},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f := &fakeDaemon{}
			_, stderr, code := runCLI(f, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d (stderr %q)", code, tc.code, stderr)
			}
			if tc.stderr != "" && !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr %q lacks %q", stderr, tc.stderr)
			}
			if tc.cmd != "" {
				if len(f.cmds) != 1 || f.cmds[0] != tc.cmd {
					t.Fatalf("sent %v, want %s", f.cmds, tc.cmd)
				}
				if tc.argsJSON != "" && f.args[0] != tc.argsJSON {
					t.Errorf("args %s, want %s", f.args[0], tc.argsJSON)
				}
			} else if tc.code != 0 && len(f.cmds) > 0 {
				t.Errorf("bad usage still sent %v", f.cmds)
			}
		})
	}
}

func TestDaemonNotRunning(t *testing.T) {
	_, stderr, code := runCLI(nil, "status")
	if code != 1 || !strings.Contains(stderr, "not running") || !strings.Contains(stderr, "Start it") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestDaemonRefuses(t *testing.T) {
	_, stderr, code := runCLI(&fakeDaemon{err: &api.Error{Code: api.CodeFailed, Msg: "skipping stretch: break is not due"}}, "skip")
	if code != 1 || !strings.Contains(stderr, "not due") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	// A request the daemon calls malformed is bad usage: exit 2.
	_, stderr, code = runCLI(&fakeDaemon{err: &api.Error{Code: api.CodeUsage, Msg: "unknown glass source"}}, "drink")
	if code != 2 || !strings.Contains(stderr, "unknown glass source") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestParsePauseUntil(t *testing.T) {
	now := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"15:30": time.Date(2026, 3, 10, 15, 30, 0, 0, time.UTC),
		"09:00": time.Date(2026, 3, 11, 9, 0, 0, 0, time.UTC), // already past: tomorrow
		"14:00": time.Date(2026, 3, 11, 14, 0, 0, 0, time.UTC),
	} {
		got, err := ParsePause([]string{"until", in}, now)
		if err != nil || got.Until == nil || !got.Until.Equal(want) {
			t.Errorf("until %s: got %v, %v; want %v", in, got.Until, err, want)
		}
	}
}

func TestCompletionCoversTable(t *testing.T) {
	inCompletion := map[string]bool{}
	for _, c := range completionTable() {
		inCompletion[strings.Fields(c.Name)[0]] = true
	}
	for _, c := range Table() {
		if !inCompletion[c.Name] {
			t.Errorf("command %s has no completion entry", c.Name)
		}
		delete(inCompletion, c.Name)
	}
	delete(inCompletion, "window") // dispatched by cmd/limber
	for name := range inCompletion {
		t.Errorf("completion offers %s, which is not a command", name)
	}
}

// skip says what it dropped, and the skips left where the budget applies.
func TestSkipText(t *testing.T) {
	for rep, want := range map[api.SkipReply]string{
		{Kind: schedule.Hydration, SkipsLeft: -1}: "Drink water skipped.",
		{Kind: schedule.Stretch, SkipsLeft: 2}:    "Stretch skipped. 2 skips left today.",
		{Kind: schedule.Stretch, SkipsLeft: 1}:    "Stretch skipped. 1 skip left today.",
		{Kind: schedule.Movement, SkipsLeft: 0}:   "Move skipped. No skips left today.",
	} {
		if got := SkipText(rep); got != want {
			t.Errorf("%+v: %q, want %q", rep, got, want)
		}
	}
}
