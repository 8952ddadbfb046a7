package settings

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// SaveProfile writes the profile name of the file at path: it overrides
// keys (any other key goes back to the main value) with their values in s.
// Its `when` and `preset` stay. Like Save, the file is edited, not
// replaced: only the profile's changed lines are rewritten, removed keys'
// lines go, new keys are added at the end of its [profile.NAME] table; the
// main settings, the other profiles and every comment stay. Settings that
// would not validate are not written (an *InvalidError, keyed like the
// main settings so the window can show each message at its field).
//
// A locked key is not the profile's to set (layer 5 beats it): it is
// dropped from keys, unless the profile already set it, whose own value
// then stays, as System.Save keeps the main settings' own.
func SaveProfile(path, name string, s Settings, keys []string) error {
	return LoadSystem().SaveProfile(path, name, s, keys)
}

// SaveProfile is SaveProfile over sys.
func (sys *System) SaveProfile(path, name string, s Settings, keys []string) error {
	target, perm := target(path)
	old, err := ReadFile(target)
	if err != nil {
		return fmt.Errorf("reading settings: %w", err)
	}
	f, probs := sys.ParseFile(old, target)
	if len(probs) > 0 {
		return fmt.Errorf("%s has problems, fix it first (limber config check): %s", path, probs[0])
	}
	cur := f.Profile(name)
	if cur == nil {
		return &ProfileError{Name: name, Names: f.ProfileNames()}
	}
	p := Profile{Name: name, When: cur.When, windows: cur.windows, Preset: cur.Preset, Values: s}
	for _, fl := range Fields() { // table order, each key once, only real keys
		if sys.Locked(fl.Key) {
			if cur.Overrides(fl.Key) {
				p.Keys = append(p.Keys, fl.Key)
				fl.Copy(&p.Values, &cur.Values)
			}
			continue
		}
		if slices.Contains(keys, fl.Key) && fl.Key != "preset" {
			p.Keys = append(p.Keys, fl.Key)
		}
	}
	if errs := sys.Lock(p.Apply(f.Main)).Validate(); len(errs) > 0 {
		return &InvalidError{Fields: errs}
	}
	want := f
	want.Profiles = slices.Clone(f.Profiles)
	for i := range want.Profiles {
		if want.Profiles[i].Name == name {
			want.Profiles[i] = p
		}
	}
	out, ok := sys.editProfile(old, *cur, p, want, target)
	if !ok {
		out = sys.EncodeFile(want)
	}
	return WriteAtomic(target, out, perm)
}

// editProfile rewrites only the lines of profile was that change to
// become p; ok is false when the result would not read back as want.
func (sys *System) editProfile(old []byte, was, p Profile, want File, file string) ([]byte, bool) {
	const gone = "\x00" // a line to drop, filtered out once indexes no longer matter
	lines := strings.Split(string(old), "\n")
	at := keyLines(old)
	prefix := "profile." + p.Name + "."
	var adds []string
	for _, f := range Fields() {
		n := at[prefix+f.Key]
		switch in, had := p.Overrides(f.Key), was.Overrides(f.Key); {
		case had && !in && n > 0:
			lines[n-1] = gone
		case in && had && f.Same(&was.Values, &p.Values):
		case in && n > 0:
			// Keep the key as written (dotted, under a sub-table) and
			// its indent; only the value changes.
			left, _, _ := strings.Cut(lines[n-1], "=")
			lines[n-1] = strings.TrimRight(left, " \t") + " = " + f.encode(&p.Values)
		case in:
			adds = append(adds, f.Key+" = "+f.encode(&p.Values))
		}
	}
	if len(adds) > 0 {
		if h := at["profile."+p.Name]; h > 0 && strings.HasPrefix(strings.TrimSpace(lines[h-1]), "[") {
			// The end of the [profile.NAME] table: before the next header,
			// above the blank lines that part them.
			i := h
			for i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), "[") {
				i++
			}
			for i > h && (strings.TrimSpace(lines[i-1]) == "" || lines[i-1] == gone) {
				i--
			}
			lines = slices.Insert(lines, i, adds...)
		} else { // only sub-tables ([profile.home.posture]) or dotted keys: a table of its own
			lines = append(lines, "", "[profile."+p.Name+"]")
			lines = append(lines, adds...)
		}
	}
	lines = slices.DeleteFunc(lines, func(l string) bool { return l == gone })
	out := []byte(strings.Join(lines, "\n"))
	got, probs := sys.ParseFile(out, file)
	if len(probs) > 0 || !bytes.Equal(Encode(got.Main), Encode(want.Main)) || !sameProfiles(got.Profiles, want.Profiles) {
		return nil, false
	}
	return out, true
}
