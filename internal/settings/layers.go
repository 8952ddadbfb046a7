package settings

import (
	"fmt"

	"fyne.io/fyne/v2/lang"
)

// The settings in use are layers, least important first:
//
//  1. the built-in defaults (Defaults, with the file's preset);
//  2. the system settings (System.Base; managed.go);
//  3. the user's file (decode, in Parse);
//  4. the active profile's overrides ([profile.NAME], profile.go);
//  5. the keys the system locks (System.lock): they beat the user's file
//     and profiles alike.
//
// parseFile (1 to 3, and 5 for the main settings) and Layered (4 and 5)
// below are the one place they meet; every reader of a user's file (Load,
// the daemon's store and watcher, Save's check of what it wrote, the
// profiles, the settings window) goes through them.

// Parse reads a user's settings file over the system settings: keys the
// file leaves out take the system's values, locked keys take them always.
// On problems the settings are the system's (Base) and must not replace
// working ones.
func (sys *System) Parse(data []byte, file string) (Settings, []Problem) {
	f, probs := sys.parseFile(data, file, true, true)
	return f.Main, probs
}

// ParseFile is System.Parse with the profiles.
func (sys *System) ParseFile(data []byte, file string) (File, []Problem) {
	return sys.parseFile(data, file, true, true)
}

// parse is Parse; without locks it is the user's own layer (what the file
// says, for Save to keep it and for config check to compare).
func (sys *System) parse(data []byte, file string, locks bool) (Settings, []Problem) {
	f, probs := sys.parseFile(data, file, locks, true)
	return f.Main, probs
}

// parseFile stacks layers 1 to 3 (and 5, with locks) into File.Main and
// reads the profiles (layer 4) against it; Layered stacks the active
// profile and the locks again on top. Without withProfiles the profile
// tables are left unread (an edit of the main settings must see them even
// when a profile has a mistake).
func (sys *System) parseFile(data []byte, file string, locks, withProfiles bool) (File, []Problem) {
	doc, lines, probs := readTOML(data, file)
	if probs != nil {
		return sys.emptyFile(), probs
	}
	pl := newProblems(file, lines)
	rawProfiles, hasProfiles := doc["profile"]
	delete(doc, "profile") // not a setting: read below, against the main settings
	s := sys.Base()        // 1 and 2
	decode(&s, doc, pl)    // 3
	if locks {
		sys.lock(&s) // 5
	}
	for _, e := range s.Validate() {
		pl.add(e.Key, e.Message)
	}
	var profiles []Profile
	if withProfiles && hasProfiles && len(pl.list) == 0 { // a profile is checked on top of valid main settings only
		main := s
		main.Normalize()
		profiles = parseProfiles(rawProfiles, main, lines, pl.add) // 4
	}
	if len(pl.list) > 0 {
		return sys.emptyFile(), pl.sorted()
	}
	s.Normalize()
	f := sys.emptyFile()
	f.Main, f.Profiles = s, profiles
	return f, nil
}

// emptyFile is a File of the system's settings and no profiles, with the
// locks for Layered.
func (sys *System) emptyFile() File {
	f := File{Main: sys.Base()}
	if sys != nil && len(sys.Locks) > 0 {
		f.lock = sys.Lock
	}
	return f
}

// Layered is the settings in use while the profile named active is on
// ("" or DefaultProfile: the main settings). An unknown name is the main
// settings: a profile that was deleted from the file is no longer there.
func Layered(f File, active string) Settings {
	s := f.Main
	if p := f.Profile(active); p != nil {
		s = p.Apply(s) // 4
	}
	// 5: locked keys, applied last, so a lock beats a profile as it
	// beats the user's file.
	if f.lock != nil {
		s = f.lock(s)
	}
	return s
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

// Overridden lists, as warnings placed at the user's line, each value of
// the user's file (its main settings and its profiles) that a lock overrides (one that differs from the locked
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
	// A profile's value of a locked key is overridden too.
	if pf, probs := sys.parseFile(data, file, true, true); len(probs) == 0 {
		for _, p := range pf.Profiles {
			for _, key := range p.Keys {
				l, locked := sys.Locks[key]
				f, known := FieldByKey(key)
				if !locked || !known {
					continue
				}
				if mine, theirs := f.encode(&p.Values), f.encode(&sys.base); mine != theirs {
					k := "profile." + p.Name + "." + key
					out = append(out, Problem{File: file, Line: lines.find(k), Key: k,
						Message: lang.X("settings.warn.locked", `warning: "{{.Key}}" is locked to {{.Value}} by your administrator ({{.Source}}); {{.Mine}} here is not used.`,
							map[string]any{"Key": k, "Value": theirs, "Mine": mine, "Source": l.Where()})})
				}
			}
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
