// Package completion writes shell completion scripts for limber (bash, zsh
// and fish) from the CLI's own command table, so the scripts never drift
// from the commands that exist.
//
// Every script does the same thing in its shell's idiom: walk the words
// typed so far to find the command path ("break now"), skipping flags and
// their values, then offer that path's sub-words, or its flags when the
// word being completed starts with "-" (or when it has no sub-words). A
// flag's value is completed only when it is a FILE.
package completion

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Command is one entry of the completion table.
//
// Name is a command path, words separated by single spaces: "status", or
// "break now" for the words that may follow "break now". Parents are
// implied: {Name: "break now"} makes "now" a sub-word of "break".
//
// Subs are the words that may come next: subcommands or fixed arguments
// ("until", "tomorrow"). Once any plain argument has been typed, only
// flags are offered.
//
// Flags are the command's flags, "--json". A flag that takes a value
// names it after a space: "--days N"; a value named FILE completes file
// names, any other value completes nothing. "--help" is offered on every
// command without being listed.
type Command struct {
	Name  string
	Subs  []string
	Flags []string
}

// Shells lists the shells Script supports.
func Shells() []string { return []string{"bash", "zsh", "fish"} }

// Script returns the completion script for shell ("bash", "zsh" or
// "fish") covering commands.
func Script(shell string, commands []Command) (string, error) {
	t, err := build(commands)
	if err != nil {
		return "", err
	}
	switch shell {
	case "bash":
		return bash(t), nil
	case "zsh":
		return zsh(t), nil
	case "fish":
		return fish(t), nil
	}
	return "", fmt.Errorf("unknown shell %q (want %s)", shell, strings.Join(Shells(), ", "))
}

// node is one command path with everything that may follow it.
type node struct {
	path  string // "" for the top level
	words []string
	flags []flag
}

type flag struct {
	name  string // "--days"
	value string // "N", "FILE", or "" for a switch
}

func (n node) valueFlags() []flag {
	var out []flag
	for _, f := range n.flags {
		if f.value != "" {
			out = append(out, f)
		}
	}
	return out
}

func (n node) flagNames() []string {
	out := make([]string, 0, len(n.flags))
	for _, f := range n.flags {
		out = append(out, f.name)
	}
	return out
}

// table is every command path in a stable order, the top level first.
type table []node

// The characters allowed are a guard as much as a rule: every name ends up
// unquoted inside shell code, so nothing a shell would interpret may pass.

// isWord: a lower-case word such as "status" or "dry-run".
func isWord(s string) bool {
	if s == "" || !isLowerOrDigit(s[0]) {
		return false
	}
	for i := range len(s) {
		if c := s[i]; !isLowerOrDigit(c) && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// isFlag: "-h" or "--days".
func isFlag(s string) bool {
	name, ok := strings.CutPrefix(s, "--")
	if !ok {
		name, ok = strings.CutPrefix(s, "-")
	}
	return ok && isWord(name) && !strings.Contains(name, "_")
}

// isValue: an upper-case placeholder such as "N", "FILE" or "HH:MM".
func isValue(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '_' && c != ':' {
			return false
		}
	}
	return true
}

func isLowerOrDigit(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') }

func build(commands []Command) (table, error) {
	if len(commands) == 0 {
		return nil, errors.New("no commands to complete")
	}
	index := map[string]int{"": 0}
	t := table{{path: ""}}
	get := func(path string) *node {
		i, ok := index[path]
		if !ok {
			i = len(t)
			index[path] = i
			t = append(t, node{path: path})
		}
		return &t[i]
	}
	addWord := func(n *node, w string) {
		if !slices.Contains(n.words, w) {
			n.words = append(n.words, w)
		}
	}
	seen := map[string]bool{}
	for _, c := range commands {
		words := strings.Split(c.Name, " ")
		for _, w := range words {
			if !isWord(w) {
				return nil, fmt.Errorf("command %q: %q is not a plain lower-case word", c.Name, w)
			}
		}
		if seen[c.Name] {
			return nil, fmt.Errorf("command %q listed twice", c.Name)
		}
		seen[c.Name] = true
		for i := range words {
			parent := strings.Join(words[:i], " ")
			addWord(get(parent), words[i])
		}
		n := get(c.Name)
		for _, s := range c.Subs {
			if !isWord(s) {
				return nil, fmt.Errorf("command %q: sub-word %q is not a plain lower-case word", c.Name, s)
			}
			addWord(n, s)
		}
		for _, f := range c.Flags {
			name, value, _ := strings.Cut(f, " ")
			if !isFlag(name) || (value != "" && !isValue(value)) {
				return nil, fmt.Errorf("command %q: flag %q is not like \"--name\" or \"--name VALUE\"", c.Name, f)
			}
			if slices.ContainsFunc(n.flags, func(g flag) bool { return g.name == name }) {
				return nil, fmt.Errorf("command %q: flag %s listed twice", c.Name, name)
			}
			n.flags = append(n.flags, flag{name, value})
		}
	}
	for i := range t {
		if !slices.ContainsFunc(t[i].flags, func(g flag) bool { return g.name == "--help" }) {
			t[i].flags = append(t[i].flags, flag{name: "--help"})
		}
	}
	return t, nil
}

// paths lists every command path except the top level.
func (t table) paths() []string {
	var out []string
	for _, n := range t[1:] {
		out = append(out, n.path)
	}
	return out
}

// valueFlagCases lists "path flag" pairs of flags that take a value, and
// those whose value is a file name.
func (t table) valueFlagCases() (all, files []string) {
	for _, n := range t {
		for _, f := range n.valueFlags() {
			k := strings.TrimSpace(n.path + " " + f.name)
			all = append(all, k)
			if f.value == "FILE" {
				files = append(files, k)
			}
		}
	}
	return all, files
}

// quoteAlts joins words as double-quoted case alternatives: "a"|"b c".
func quoteAlts(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = `"` + w + `"`
	}
	return strings.Join(q, "|")
}
