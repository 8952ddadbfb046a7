package main

import (
	"bytes"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/limber-app/limber/internal/cli"
)

// TestPageFollowsTable: the COMMANDS section holds exactly the commands of
// cli.Table, in its order, each with its summary and its --help text.
func TestPageFollowsTable(t *testing.T) {
	page, err := Page("1.2.3", "2026-11-24")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(page, `.TH LIMBER 1 "2026-11-24" "limber 1.2.3"`) {
		t.Errorf("page starts %q", page[:min(len(page), 60)])
	}
	_, commands, ok := strings.Cut(page, "\n.SH COMMANDS\n")
	if !ok {
		t.Fatal("no COMMANDS section")
	}
	commands, _, _ = strings.Cut(commands, "\n.SH ")
	entry := regexp.MustCompile(`(?m)^\.TP\n\.B (.*)\n(.*)\n\.IP\n\.nf\n((?:.*\n)*?)\.fi$`)
	got := entry.FindAllStringSubmatch(commands, -1)
	table := cli.Table()
	if len(got) != len(table) {
		t.Fatalf("%d commands in the page, %d in cli.Table", len(got), len(table))
	}
	for i, c := range table {
		m := got[i]
		if m[1] != Escape(c.Name) || m[2] != Escape(c.Summary) {
			t.Errorf("entry %d is %q: %q; Table has %q: %q", i, m[1], m[2], c.Name, c.Summary)
		}
		help, err := Help(c)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(help, "usage: limber "+c.Name) {
			t.Errorf("limber %s --help starts %q, not with its usage", c.Name, help)
		}
		var want strings.Builder
		for _, line := range strings.Split(strings.TrimRight(help, "\n"), "\n") {
			want.WriteString(Escape(line) + "\n")
		}
		if m[3] != want.String() {
			t.Errorf("%s: page holds\n%s\nbut --help says\n%s", c.Name, m[3], want.String())
		}
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"--json":        `\-\-json`,
		`a\b`:           `a\eb`,
		".starts a dot": `\&.starts a dot`,
		"'quote":        `\&'quote`,
		"plain":         "plain",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPageRenders: groff reads the page without a warning, and the text a
// reader sees holds every command's usage line as --help prints it.
func TestPageRenders(t *testing.T) {
	if _, err := exec.LookPath("groff"); err != nil {
		t.Skip("groff not installed (apt-get install groff-base)")
	}
	page, err := Page("1.2.3", "")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("groff", "-man", "-Tutf8", "-ww", "-P", "-cbou", "-rLL=200n")
	cmd.Stdin = strings.NewReader(page)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil || errOut.Len() > 0 {
		t.Fatalf("groff: %v\n%s", err, errOut.String())
	}
	// groff prints a minus as U+2212 with -Tutf8 in some versions.
	text := strings.ReplaceAll(out.String(), "\u2212", "-")
	for _, c := range cli.Table() {
		help, err := Help(c)
		if err != nil {
			t.Fatal(err)
		}
		usage, _, _ := strings.Cut(help, "\n")
		if !strings.Contains(text, usage) {
			t.Errorf("the rendered page lacks %q", usage)
		}
	}
}
