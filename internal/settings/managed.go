package settings

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/paths"
)

// Managed settings: what an administrator sets for every user of a
// machine. They come from system-wide settings files (limber/config.toml in
// each of $XDG_CONFIG_DIRS, the same format and keys as the user's file),
// and on Windows from the policy key HKLM\Software\Policies\Limber, on
// macOS from the managed preferences plists (managed_windows.go,
// managed_darwin.go). Their values lie under the user's file; the keys
// they list in `locked` take the system's value whatever the user's file
// or profile says. layers.go is where the layers meet.
//
// A source with any problem (not valid TOML, an unknown key or lock, a bad
// value) is left out whole, its locks too, and its problems are reported
// (`limber config check`, the daemon's log): the user's own settings still
// load. Half of an administrator's file is not what they meant, and
// applying the locks of a file whose values were dropped would lock keys
// to the built-in defaults.

// lockedKey is the key of a system file that lists the locked keys.
const lockedKey = "locked"

// Source is one place system settings come from, as read.
type Source struct {
	// Name is the file, or the registry key, as messages name it.
	Name string
	// Doc holds the values as TOML decodes them: nested tables or dotted
	// keys ("stretch.interval"), strings, int64, bool, []any. Locked, when
	// present, is a []any of key names.
	Doc map[string]any
	// Lines places keys in the file (0: no line, as for the registry).
	Lines lineIndex
	// Problems is why the source could not be read at all; Doc is then nil.
	Problems []Problem
	// stamp changes when the source may have changed (size, time, mode);
	// the daemon's watcher compares it.
	stamp string
}

// Lock is where a key is locked.
type Lock struct {
	Source string `json:"source"`
	Line   int    `json:"line,omitempty"`
}

// System is the system settings in effect: the good sources merged over
// the built-in defaults, and the keys they lock. The nil *System is no
// system settings (the built-in defaults alone).
type System struct {
	// Base is what lies under the user's file: the built-in defaults with
	// each good source applied, least important first.
	base Settings
	// Sources names the sources read, most important first, bad ones
	// included.
	Sources []string
	// Locks maps each locked key to the source that locks it.
	Locks map[string]Lock
	// set maps each key a good source sets to the most important such source.
	set map[string]string
	// Problems of the sources left out.
	Problems []Problem
	stamp    string
}

// SystemSources reads every source of system settings of this machine,
// most important first: the OS's policies (registry, managed plists),
// then the XDG config dirs in their order. Missing files are no sources.
func SystemSources() []Source {
	srcs := nativeSources()
	for _, f := range paths.SystemConfigFiles() {
		if s, ok := ReadSystemFile(f); ok {
			srcs = append(srcs, s)
		}
	}
	return srcs
}

// LoadSystem reads and merges this machine's system settings.
func LoadSystem() *System { return NewSystem(SystemSources()) }

// ReadSystemFile reads a system-wide settings file; ok is false when there
// is none (a missing file is no source). A file that cannot be read, or is
// not valid TOML, is a Source with Problems.
func ReadSystemFile(path string) (Source, bool) {
	stamp, there := stampLine(path)
	if !there {
		return Source{}, false
	}
	src := Source{Name: path, stamp: stamp}
	data, err := ReadFile(path)
	if err != nil {
		src.Problems = []Problem{{File: path, Message: i18n.X("settings.err.system_unreadable",
			"This system settings file cannot be read ({{.Err}}); it is left out.", map[string]any{"Err": err.Error()})}}
		return src, true
	}
	src.Doc, src.Lines, src.Problems = readTOML(data, path)
	return src, true
}

// NewSystem merges sources, given most important first (earlier XDG dirs
// win). Each is applied over those less important than it and must be
// valid there, or it is left out whole with its problems.
func NewSystem(sources []Source) *System {
	sys := &System{base: Defaults(), Locks: map[string]Lock{}, set: map[string]string{}}
	var stamps []string
	probs := make([][]Problem, len(sources))
	for i := len(sources) - 1; i >= 0; i-- {
		src := sources[i]
		stamps = append(stamps, src.stamp)
		if len(src.Problems) > 0 {
			probs[i] = src.Problems
			continue
		}
		s, set, locks, p := src.apply(sys.base)
		if len(p) > 0 {
			probs[i] = p
			continue
		}
		sys.base = s
		for _, k := range set {
			sys.set[k] = src.Name
		}
		for k, l := range locks {
			sys.Locks[k] = l
		}
	}
	for i, src := range sources {
		sys.Sources = append(sys.Sources, src.Name)
		sys.Problems = append(sys.Problems, probs[i]...)
	}
	sys.base.Normalize()
	sys.stamp = strings.Join(stamps, "\n")
	return sys
}

// apply decodes the source over base and checks the result; it returns
// the keys it sets and locks, or its problems.
func (src Source) apply(base Settings) (Settings, []string, map[string]Lock, []Problem) {
	pl := newProblems(src.Name, src.Lines)
	pl.system = true
	doc := make(map[string]any, len(src.Doc))
	for k, v := range src.Doc {
		if k != lockedKey {
			doc[k] = v
		}
	}
	s := base
	set := decode(&s, doc, pl)
	locks := map[string]Lock{}
	if v, ok := src.Doc[lockedKey]; ok {
		line := src.Lines.find(lockedKey)
		for _, k := range lockNames(v, pl) {
			for _, key := range expandLock(k, pl) {
				// FILE:LINE is where the locked value is written, which
				// is what someone reading the warning wants to see; the
				// "locked" line when this file locks a value it does not set.
				at := line
				if n := src.Lines[key]; n > 0 {
					at = n
				}
				locks[key] = Lock{Source: src.Name, Line: at}
			}
		}
	}
	for _, e := range s.Validate() {
		pl.add(e.Key, e.Message)
	}
	if len(pl.list) > 0 {
		return base, nil, nil, pl.sorted()
	}
	return s, set, locks, nil
}

// lockNames reads the value of `locked`: a list of key names (the
// registry may give one string of names separated by commas or spaces).
func lockNames(v any, pl *problemList) []string {
	wrong := func() []string {
		pl.add(lockedKey, i18n.X("settings.err.locked_list", `Write "locked" as a list of setting names in quotes, for example ["breaks.strict", "stretch.interval"].`))
		return nil
	}
	var names []string
	switch x := v.(type) {
	case string:
		names = strings.FieldsFunc(x, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' })
	case []any:
		for _, n := range x {
			s, ok := n.(string)
			if !ok {
				return wrong()
			}
			names = append(names, strings.TrimSpace(s))
		}
	default:
		return wrong()
	}
	return names
}

// expandLock is the keys a name in `locked` locks: the key itself, or
// every key of a section ("working_hours" locks all of working hours).
// An unknown name is reported with the nearest known one.
func expandLock(name string, pl *problemList) []string {
	t := table()
	if name == "preset" {
		pl.add(lockedKey, i18n.X("settings.err.lock_preset", `"preset" cannot be locked: set and lock the keys themselves (the preset only chooses starting values).`))
		return nil
	}
	if _, ok := t.byKey[name]; ok {
		return []string{name}
	}
	if t.prefixes[name] {
		var keys []string
		for _, f := range t.fields {
			if strings.HasPrefix(f.Key, name+".") {
				keys = append(keys, f.Key)
			}
		}
		return keys
	}
	msg := i18n.X("settings.err.lock_unknown", `"locked" names an unknown setting "{{.Key}}".`, map[string]any{"Key": name})
	known := Keys()
	for p := range t.prefixes {
		known = append(known, p)
	}
	sort.Strings(known)
	if near := closest(name, known); near != "" {
		msg += " " + i18n.X("settings.err.did_you_mean", `Did you mean "{{.Key}}"?`, map[string]any{"Key": near})
	}
	// One problem a name, all on the line of "locked".
	pl.list = append(pl.list, Problem{File: pl.file, Line: pl.lines.find(lockedKey), Key: lockedKey, Message: msg})
	pl.bad[lockedKey] = true
	return nil
}

// Base is what lies under the user's file: the built-in defaults with the
// system settings applied.
func (sys *System) Base() Settings {
	if sys == nil {
		return Defaults()
	}
	return sys.base
}

// Locked reports whether key takes the system's value.
func (sys *System) Locked(key string) bool {
	if sys == nil {
		return false
	}
	_, ok := sys.Locks[key]
	return ok
}

// LockedKeys lists the locked keys, sorted.
func (sys *System) LockedKeys() []string {
	if sys == nil {
		return nil
	}
	keys := make([]string, 0, len(sys.Locks))
	for k := range sys.Locks {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// SetBy is the source that sets key (a lock or a value), or "".
func (sys *System) SetBy(key string) string {
	if sys == nil {
		return ""
	}
	if l, ok := sys.Locks[key]; ok {
		return l.Source
	}
	return sys.set[key]
}

// Stamp changes when a source may have changed.
func (sys *System) Stamp() string {
	if sys == nil {
		return ""
	}
	return sys.stamp
}

// SourceStamp is what SystemSources' stamps would be now, without reading
// the sources: cheap enough to poll.
func SourceStamp() string {
	stamps := nativeStamps()
	for _, f := range paths.SystemConfigFiles() {
		if s, ok := stampLine(f); ok {
			stamps = append(stamps, s)
		}
	}
	slices.Reverse(stamps) // NewSystem lists them least important first
	return strings.Join(stamps, "\n")
}

// stampLine is a file's stamp for a System's: its path, size, time and
// mode; ok is false when there is no file.
func stampLine(path string) (string, bool) {
	st, ok := stampOf(path)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("%s %d %d %v", path, st.size, st.mod.UnixNano(), st.mode), true
}
