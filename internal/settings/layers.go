package settings

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"
)

// The settings in use are layers, least important first:
//
//  1. the built-in defaults (Defaults, with the file's preset);
//  2. the system settings (System.Base; managed.go);
//  3. the user's file (decode, in Parse);
//  4. the active profile's overrides (profiles);
//  5. the keys the system locks (System.lock): they beat the user's file
//     and profiles alike.
//
// parse below is the one place they meet; every reader of a user's file
// (Load, the daemon's store and watcher, Save's check of what it wrote)
// goes through it.

// Parse reads a user's settings file over the system settings: keys the
// file leaves out take the system's values, locked keys take them always.
// On problems the settings are the system's (Base) and must not replace
// working ones.
func (sys *System) Parse(data []byte, file string) (Settings, []Problem) {
	return sys.parse(data, file, true)
}

// parse is Parse; without locks it is the user's own layer (what the file
// says, for Save to keep it and for config check to compare).
func (sys *System) parse(data []byte, file string, locks bool) (Settings, []Problem) {
	doc, lines, probs := readTOML(data, file)
	if probs != nil {
		return sys.Base(), probs
	}
	pl := newProblems(file, lines)
	s := sys.Base()     // 1 and 2
	decode(&s, doc, pl) // 3
	// 4: the active profile's overrides go here.
	if locks {
		sys.lock(&s) // 5
	}
	for _, e := range s.Validate() {
		pl.add(e.Key, e.Message)
	}
	if len(pl.list) > 0 {
		return sys.Base(), pl.sorted()
	}
	s.Normalize()
	return s, nil
}

// lock gives every locked key of s the system's value.
func (sys *System) lock(s *Settings) {
	if sys == nil || len(sys.Locks) == 0 {
		return
	}
	for _, f := range Fields() {
		if sys.Locked(f.Key) {
			f.Copy(s, &sys.base)
		}
	}
	s.Normalize()
}

// Lock returns s with every locked key at the system's value: what a
// client's settings become before they are used or saved.
func (sys *System) Lock(s Settings) Settings {
	sys.lock(&s)
	return s
}

// Copy sets f in dst to its value in src.
func (f Field) Copy(dst, src *Settings) {
	switch d := f.Ptr(dst).(type) {
	case *bool:
		*d = *f.Ptr(src).(*bool)
	case *int:
		*d = *f.Ptr(src).(*int)
	case *time.Duration:
		*d = *f.Ptr(src).(*time.Duration)
	case *string:
		*d = *f.Ptr(src).(*string)
	case *Positions:
		*d = *f.Ptr(src).(*Positions)
	}
}

// Overridden lists, as warnings placed at the user's line, each value of
// the user's file that a lock overrides (one that differs from the locked
// value; the same value overrides nothing). A file that cannot be read
// has none; its problems are Parse's.
func (sys *System) Overridden(data []byte, file string) []Problem {
	if sys == nil || len(sys.Locks) == 0 {
		return nil
	}
	doc, lines, probs := readTOML(data, file)
	if probs != nil {
		return nil
	}
	own := sys.Base()
	decode(&own, doc, newProblems(file, lines))
	values, _ := flatten(doc)
	var out []Problem
	for _, f := range Fields() {
		l, locked := sys.Locks[f.Key]
		if _, set := values[f.Key]; !locked || !set {
			continue
		}
		if mine, theirs := f.encode(&own), f.encode(&sys.base); mine != theirs {
			out = append(out, Problem{File: file, Line: lines.find(f.Key), Key: f.Key,
				Message: lang.X("settings.warn.locked", `warning: "{{.Key}}" is locked to {{.Value}} by your administrator ({{.Source}}); {{.Mine}} here is not used.`,
					map[string]any{"Key": f.Key, "Value": theirs, "Mine": mine, "Source": l.Where()})})
		}
	}
	return out
}

// Where is the lock's source, with its line when it has one.
func (l Lock) Where() string {
	if l.Line > 0 {
		return fmt.Sprintf("%s:%d", l.Source, l.Line)
	}
	return l.Source
}
