package settings

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"
	"github.com/limber-app/limber/internal/safefile"
	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// Problem is one thing wrong with a settings file, placed at its line.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"` // 1-based; 0 when the whole file is at fault
	Key     string `json:"key,omitempty"`
	Message string `json:"message"`
}

// String is "FILE:LINE: message", the form editors and `config check` use.
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Message)
}

// Parse reads a config file's bytes over the built-in defaults alone (no
// system settings). file names it in problems. With no problems the
// settings are valid (and Normalized); with problems the returned settings
// are the defaults and must not replace working ones.
//
// Keys left out of the file take the defaults of the file's preset, so a
// file holding only `preset = "cornell"` is complete. The file's profiles
// are checked too; ParseFile returns them. System.Parse reads a user's
// file over the system settings and under its locks.
func Parse(data []byte, file string) (Settings, []Problem) {
	return (*System)(nil).Parse(data, file)
}

// ParseFile is Parse with the profiles ([profile.NAME] tables). With
// problems, Main is the defaults and there are no profiles.
func ParseFile(data []byte, file string) (File, []Problem) {
	return (*System)(nil).ParseFile(data, file)
}

// readTOML decodes a settings file into its document and the line of each
// key, or returns the one problem that stops it being read at all.
func readTOML(data []byte, file string) (map[string]any, lineIndex, []Problem) {
	// The TOML decoder checks each key against those before it in its
	// table, so thousands of keys cost it quadratic time (87,000 unknown
	// keys in 1 MiB took minutes). A settings file has about 150 lines.
	// Keys of an inline table share a line, so count '=' too.
	if n := max(bytes.Count(data, []byte("\n")), bytes.Count(data, []byte("="))); n > MaxLines {
		return nil, nil, []Problem{{File: file, Message: lang.X("settings.err.too_many_lines",
			"This file has {{.N}} lines or keys; a settings file has about 150 and at most {{.Max}} are read. Is it the right file?",
			map[string]any{"N": n, "Max": MaxLines})}}
	}
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		p := Problem{File: file, Message: lang.X("settings.err.syntax", "This is not valid TOML: {{.Detail}}.",
			map[string]any{"Detail": strings.TrimPrefix(err.Error(), "toml: ")})}
		var de *toml.DecodeError
		if errors.As(err, &de) {
			p.Line, _ = de.Position()
			p.Key = strings.Join(de.Key(), ".")
		}
		return nil, nil, []Problem{p}
	}
	return doc, keyLines(data), nil
}

// problemList gathers the problems of one file, one a key: a value that
// did not parse is not also "too short".
type problemList struct {
	file  string
	lines lineIndex
	bad   map[string]bool
	list  []Problem
	// system: the file is a system-wide one (managed.go).
	system bool
}

func newProblems(file string, lines lineIndex) *problemList {
	return &problemList{file: file, lines: lines, bad: map[string]bool{}}
}

func (p *problemList) add(key, msg string) {
	if !p.bad[key] {
		p.bad[key] = true
		p.list = append(p.list, Problem{File: p.file, Line: p.lines.find(key), Key: key, Message: msg})
	}
}

// sorted is the problems in line order.
func (p *problemList) sorted() []Problem {
	slices.SortStableFunc(p.list, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
	return p.list
}

// decode applies a file's preset, then its keys, onto s, and reports
// unknown keys and values that do not decode. It returns the keys the
// file sets.
func decode(s *Settings, doc map[string]any, pl *problemList) []string {
	if v, ok := doc["preset"]; ok {
		switch name, isText := v.(string); {
		case !isText:
			pl.add("preset", lang.X("settings.err.want_text", `Write this value as text in quotes, for example "30m".`))
		case name == "" || name == PresetCustom:
		case IsPreset(name):
			s.ApplyPreset(name)
		default:
			pl.add("preset", lang.X("settings.err.preset", `Unknown preset "{{.Value}}": use office, cornell, eyes-20-20-20, gentle or custom.`,
				map[string]any{"Value": name}))
		}
	}
	values, unknown := flatten(doc)
	var set []string
	for _, f := range Fields() {
		if v, ok := values[f.Key]; ok && f.Key != "preset" {
			set = append(set, f.Key)
			if err := f.decode(s, v); err != nil {
				pl.add(f.Key, err.Error())
			}
		}
	}
	for i, key := range unknown {
		if i == maxUnknown {
			// A file of thousands of unknown keys is not a settings file
			// with typos: say how many, not each (each costs a message
			// and a search for the nearest key).
			pl.list = append(pl.list, Problem{File: pl.file, Line: pl.lines.find(key), Message: lang.XN("settings.err.unknown_more",
				"… and {{.N}} more unknown settings.", len(unknown)-i, map[string]any{"N": len(unknown) - i})})
			break
		}
		msg := lang.X("settings.err.unknown_key", `Unknown setting "{{.Key}}".`, map[string]any{"Key": key})
		if pl.system && strings.HasSuffix(key, "."+lockedKey) {
			msg = lang.X("settings.err.locked_table", `"locked" goes at the top of the file, before the first [table]: here it is read as "{{.Key}}".`,
				map[string]any{"Key": key})
		} else if key == lockedKey {
			msg = lang.X("settings.err.locked_user", `"locked" belongs in a system-wide settings file (see docs/managed.md), not in your own.`)
		} else if near := closest(key, append(Keys(), "profile")); near != "" { // [profiles.home]
			msg += " " + lang.X("settings.err.did_you_mean", `Did you mean "{{.Key}}"?`, map[string]any{"Key": near})
		}
		pl.add(key, msg)
	}
	return set
}

// maxUnknown is how many unknown keys Parse reports one by one.
const maxUnknown = 20

// flatten walks the decoded file: values holds each known key's value (a
// table where a value belongs included, so that it is reported as the
// wrong kind of value); unknown lists the shortest unknown key paths, each
// once, sorted.
func flatten(doc map[string]any) (values map[string]any, unknown []string) {
	t := table()
	values = map[string]any{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			key := k
			if prefix != "" {
				key = prefix + "." + k
			}
			_, isKey := t.byKey[key]
			sub, isTable := v.(map[string]any)
			switch {
			case isKey:
				values[key] = v
			case t.prefixes[key] && isTable:
				walk(key, sub)
			default:
				unknown = append(unknown, key)
			}
		}
	}
	walk("", doc)
	slices.Sort(unknown)
	return values, unknown
}

// closest returns the known key within two edits of key, if any, or
// the one known key that ends in it ("strict" for "breaks.strict").
func closest(key string, known []string) string {
	var ends []string
	for _, k := range known {
		if strings.HasSuffix(k, "."+key) {
			ends = append(ends, k)
		}
	}
	if len(ends) == 1 {
		return ends[0]
	}
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// MaxLines caps the lines of a settings file Parse reads.
const MaxLines = 5000

// MaxFileSize caps the settings file: the commented file Limber writes is
// under 10 KB, so anything near this is not a settings file.
const MaxFileSize = 1 << 20

// ReadFile reads the settings file safely: a regular file (or a symlink to
// one) of at most MaxFileSize, within safefile.Timeout. A FIFO, a device or
// a huge file is refused with a message, never waited on or read whole.
func ReadFile(path string) ([]byte, error) {
	return safefile.Read(path, MaxFileSize)
}

// Load reads and checks the settings file at path, over this machine's
// system settings (LoadSystem). A missing file is an error wrapping
// fs.ErrNotExist (see EnsureFile); a file with problems returns the
// system's settings (Base) and the problems, and the caller keeps what it had.
func Load(path string) (Settings, []Problem, error) {
	return LoadSystem().Load(path)
}

// Load reads and checks the user's settings file at path over sys.
func (sys *System) Load(path string) (Settings, []Problem, error) {
	f, probs, err := sys.LoadFile(path)
	return f.Main, probs, err
}

// LoadFile is Load with the profiles.
func LoadFile(path string) (File, []Problem, error) {
	return LoadSystem().LoadFile(path)
}

// LoadFile is LoadFile over sys.
func (sys *System) LoadFile(path string) (File, []Problem, error) {
	data, err := ReadFile(path)
	if err != nil {
		return sys.emptyFile(), nil, fmt.Errorf("reading settings: %w", err)
	}
	f, probs := sys.ParseFile(data, path)
	return f, probs, nil
}

// lineIndex maps dotted key paths to the line that sets them.
type lineIndex map[string]int

// find returns the line of key, or of its nearest parent written in the
// file (an inline table, a [table] header), or 0.
func (l lineIndex) find(key string) int {
	for ; key != ""; key = SectionOf(key) {
		if n, ok := l[key]; ok {
			return n
		}
	}
	return 0
}

// keyLines places every key, table header and inline table's key of a
// document that go-toml decoded, with go-toml's own parser.
func keyLines(data []byte) lineIndex {
	idx := lineIndex{}
	var p unstable.Parser
	p.Reset(data)
	// The line of a byte offset, from an index of line starts: the
	// parser's Shape counts lines from the top each time, which made a
	// file of many keys cost quadratic time (minutes for 1 MiB).
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	lineOf := func(r unstable.Range) int {
		n, found := slices.BinarySearch(starts, int(r.Offset))
		if !found {
			n-- // inside line n-1 (0-based)
		}
		return n + 1
	}
	// place records the line of n's key under prefix and returns its path.
	place := func(prefix []string, n *unstable.Node) []string {
		path, line := slices.Clone(prefix), 0
		for it := n.Key(); it.Next(); {
			path, line = append(path, string(it.Node().Data)), lineOf(it.Node().Raw)
		}
		if k := strings.Join(path, "."); idx[k] == 0 {
			idx[k] = line
		}
		return path
	}
	var keyval func(prefix []string, kv *unstable.Node)
	keyval = func(prefix []string, kv *unstable.Node) {
		path := place(prefix, kv)
		for it := kv.Value().Children(); it.Next(); { // an inline table's keys
			if it.Node().Kind == unstable.KeyValue {
				keyval(path, it.Node())
			}
		}
	}
	var tbl []string
	for p.NextExpression() {
		switch e := p.Expression(); e.Kind {
		case unstable.Table, unstable.ArrayTable:
			tbl = place(nil, e)
		case unstable.KeyValue:
			keyval(tbl, e)
		}
	}
	return idx
}
