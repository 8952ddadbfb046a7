package cli

import (
	"strings"
	"testing"
)

// Every command's --help prints its usage once, on stdout, and exits 0.
func TestCommandHelpOnce(t *testing.T) {
	for _, c := range Table() {
		t.Run(c.Name, func(t *testing.T) {
			out, stderr, code := runCLI(nil, c.Name, "--help")
			if code != ExitOK {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if n := strings.Count(out+stderr, "usage: limber "+c.Name); n != 1 {
				t.Fatalf("usage printed %d times:\nstdout %q\nstderr %q", n, out, stderr)
			}
			// `limber help NAME` says the same.
			out2, _, code := runCLI(nil, "help", c.Name)
			if code != ExitOK || out2 != out {
				t.Fatalf("help %s: exit %d, %q, want %q", c.Name, code, out2, out)
			}
		})
	}
}

func TestBadFlagUsageOnce(t *testing.T) {
	_, stderr, code := runCLI(nil, "status", "--bogus")
	if code != ExitUsage || strings.Count(stderr, "usage: limber status") != 1 || !strings.Contains(stderr, "bogus") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestDidYouMean(t *testing.T) {
	for in, want := range map[string]string{"staus": "status", "pasue": "pause", "stat": "status", "brake": "break", "xyzzy": ""} {
		if got := Suggest(in); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
	_, stderr, code := runCLI(nil, "staus")
	if code != ExitUsage || !strings.Contains(stderr, "limber status") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = runCLI(nil, "help", "staus")
	if code != ExitUsage || !strings.Contains(stderr, "limber status") {
		t.Fatalf("help staus: exit %d, stderr %q", code, stderr)
	}
}

func TestVersionFlag(t *testing.T) {
	out, _, code := runCLI(nil, "--version")
	if code != ExitOK || !strings.HasPrefix(out, "limber ") {
		t.Fatalf("exit %d, %q", code, out)
	}
}

func TestNotRunningForPeople(t *testing.T) {
	_, stderr, _ := runCLI(nil, "status")
	if strings.Contains(stderr, ".sock") || strings.Contains(stderr, "make run") || !strings.Contains(stderr, "Start it from the menu") {
		t.Fatalf("stderr %q", stderr)
	}
}
