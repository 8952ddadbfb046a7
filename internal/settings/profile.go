package settings

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/limber-app/limber/internal/i18n"
)

// Profiles are [profile.NAME] tables of the user's file: any key of the
// main settings, spelled and checked as there (the field table), plus
// `when`, the schedule that makes the profile active (when.go):
//
//	[profile.home]
//	when = ["mon-fri 18:00-24:00", "sat,sun"]
//	breaks.strict = false
//	posture.enabled = false
//
// While a profile is active its keys override the main settings; every
// other key keeps the main value. How the layers stack is layers.go.

// DefaultProfile names the main settings where a profile name is expected
// (`limber profile use default`, "profile" in `status --json`); no
// [profile.default] table may take it.
const DefaultProfile = "default"

// MaxProfiles caps the profiles of a file (the tray has a slot for each).
const MaxProfiles = 10

// whenKey is the one key of a profile that is not a setting.
const whenKey = "when"

// sessionKey is the one setting a profile cannot set: start at login is
// one entry of the desktop, read at login, whatever the hour; a profile
// switching it would rewrite the entry at every switch.
const sessionKey = "start_at_login"

// maxWindows caps the entries of one `when`.
const maxWindows = 50

var profileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$`)

// Profile is one [profile.NAME] table.
type Profile struct {
	Name string `json:"name"`
	// When is the schedule as written; windows is it parsed.
	When    []string `json:"when,omitempty"`
	windows []Window
	// Preset is the profile's own `preset` key, if any: the preset's
	// values go under the profile's other keys.
	Preset string `json:"preset,omitempty"`
	// Keys are the settings the profile overrides, in table order
	// (preset and when are not among them); Values holds their values
	// (its other fields are the main settings' when the file was read, and
	// mean nothing).
	Keys   []string `json:"keys"`
	Values Settings `json:"values"`
}

// Overrides reports whether the profile sets key.
func (p Profile) Overrides(key string) bool { return slices.Contains(p.Keys, key) }

// Apply is base with the profile on top: its preset, then its keys.
func (p Profile) Apply(base Settings) Settings {
	s := base
	if p.Preset != "" && p.Preset != PresetCustom {
		s.ApplyPreset(p.Preset)
	}
	for _, key := range p.Keys {
		if f, ok := FieldByKey(key); ok {
			f.Copy(&s, &p.Values)
		}
	}
	s.Normalize()
	return s
}

// FieldByKey finds a field of the table by its key.
func FieldByKey(key string) (Field, bool) {
	t := table()
	if i, ok := t.byKey[key]; ok {
		return t.fields[i], true
	}
	return Field{}, false
}

// Copy sets the field in dst to its value in src.
func (f Field) Copy(dst, src *Settings) {
	switch p := f.Ptr(dst).(type) {
	case *bool:
		*p = *f.Ptr(src).(*bool)
	case *int:
		*p = *f.Ptr(src).(*int)
	case *time.Duration:
		*p = *f.Ptr(src).(*time.Duration)
	case *string:
		*p = *f.Ptr(src).(*string)
	case *Positions:
		*p = *f.Ptr(src).(*Positions)
	}
}

// Same reports whether the field has the same value in a and b.
func (f Field) Same(a, b *Settings) bool { return f.encode(a) == f.encode(b) }

// File is all a user's settings file holds: the main settings and the
// profiles, in file order.
type File struct {
	Main     Settings  `json:"main"`
	Profiles []Profile `json:"profiles,omitempty"`
	// lock puts the keys a system file locks back on top of a profile
	// (layer 5, layers.go); nil when nothing is locked.
	lock func(Settings) Settings
}

// Profile finds a profile by name (nil for none, "" or DefaultProfile).
func (f File) Profile(name string) *Profile {
	for i := range f.Profiles {
		if f.Profiles[i].Name == name {
			return &f.Profiles[i]
		}
	}
	return nil
}

// ProfileNames lists the profiles in file order.
func (f File) ProfileNames() []string {
	var n []string
	for _, p := range f.Profiles {
		n = append(n, p.Name)
	}
	return n
}

// parseProfiles reads the decoded `profile` table against the main
// settings main; problems go to add, by key path ("profile.home.posture.interval").
func parseProfiles(raw any, main Settings, lines lineIndex, add func(key, msg string)) []Profile {
	tables, ok := raw.(map[string]any)
	if !ok {
		add("profile", i18n.X("profile.err.not_table", "Write each profile as a table of its own, for example [profile.home]."))
		return nil
	}
	// File order: the first line of each profile's keys.
	first := func(name string) int {
		best := 0
		for k, n := range lines {
			if (k == "profile."+name || strings.HasPrefix(k, "profile."+name+".")) && n > 0 && (best == 0 || n < best) {
				best = n
			}
		}
		return best
	}
	names := make([]string, 0, len(tables))
	for n := range tables {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int {
		if d := first(a) - first(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	var out []Profile
	for _, name := range names {
		prefix := "profile." + name
		tbl, isTable := tables[name].(map[string]any)
		switch {
		case strings.EqualFold(name, DefaultProfile):
			add(prefix, i18n.X("profile.err.default", `"default" is the name of the main settings: give this profile another name.`))
			continue
		case !profileName.MatchString(name):
			add(prefix, i18n.X("profile.err.name", `"{{.Name}}" cannot name a profile: use up to 32 letters, digits, - or _, for example [profile.home].`,
				map[string]any{"Name": name}))
			continue
		case !isTable:
			add(prefix, i18n.X("profile.err.not_table", "Write each profile as a table of its own, for example [profile.home]."))
			continue
		case len(out) == MaxProfiles:
			add(prefix, i18n.X("profile.err.too_many", "At most {{.N}} profiles: this one is one too many.", map[string]any{"N": MaxProfiles}))
			continue
		}
		p := Profile{Name: name, Values: main}
		rest := make(map[string]any, len(tbl))
		for k, v := range tbl {
			rest[k] = v
		}
		if v, ok := rest[whenKey]; ok {
			delete(rest, whenKey)
			p.When, p.windows = parseWhen(v, prefix+"."+whenKey, add)
		}
		if v, ok := rest["preset"]; ok {
			delete(rest, "preset")
			switch name, isText := v.(string); {
			case !isText:
				add(prefix+".preset", i18n.X("settings.err.want_text", `Write this value as text in quotes, for example "30m".`))
			case name == "" || name == PresetCustom:
			case IsPreset(name):
				p.Preset = name
				p.Values.ApplyPreset(name)
			default:
				add(prefix+".preset", i18n.X("settings.err.preset", `Unknown preset "{{.Value}}": use office, cornell, eyes-20-20-20, gentle or custom.`,
					map[string]any{"Value": name}))
			}
		}
		values, unknown := flatten(rest)
		for _, f := range Fields() {
			v, ok := values[f.Key]
			switch {
			case !ok || f.Key == "preset":
				continue
			case f.Key == sessionKey:
				add(prefix+"."+f.Key, i18n.X("profile.err.session_key",
					"start_at_login is about your login, not the time of day: set it in the main settings, not in a profile."))
				continue
			}
			p.Keys = append(p.Keys, f.Key)
			if err := f.decode(&p.Values, v); err != nil {
				add(prefix+"."+f.Key, err.Error())
			}
		}
		for i, key := range unknown {
			if i == maxUnknown {
				break
			}
			msg := i18n.X("settings.err.unknown_key", `Unknown setting "{{.Key}}".`, map[string]any{"Key": key})
			if near := closest(key, append(Keys(), whenKey)); near != "" {
				msg += " " + i18n.X("settings.err.did_you_mean", `Did you mean "{{.Key}}"?`, map[string]any{"Key": near})
			}
			add(prefix+"."+key, msg)
		}
		// The profile's settings are the main ones under it: checked
		// whole, as the daemon would use them.
		for _, e := range p.Apply(main).Validate() {
			msg := e.Message
			if !p.Overrides(e.Key) {
				msg = i18n.X("profile.err.with_main", `With profile "{{.Name}}", {{.Key}}: {{.Msg}}`,
					map[string]any{"Name": name, "Key": e.Key, "Msg": e.Message})
			}
			add(prefix+"."+e.Key, msg)
		}
		out = append(out, p)
	}
	return out
}

// parseWhen reads a `when` value: a list of windows (or one as text).
func parseWhen(v any, key string, add func(key, msg string)) ([]string, []Window) {
	var texts []string
	switch x := v.(type) {
	case string:
		texts = []string{x}
	case []any:
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				texts = nil
				break
			}
			texts = append(texts, s)
		}
		if texts == nil && len(x) > 0 {
			add(key, i18n.X("profile.err.when_list", `Write when as a list of texts in quotes, {{.Example}}.`, map[string]any{"Example": whenExample()}))
			return nil, nil
		}
	default:
		add(key, i18n.X("profile.err.when_list", `Write when as a list of texts in quotes, {{.Example}}.`, map[string]any{"Example": whenExample()}))
		return nil, nil
	}
	if len(texts) > maxWindows {
		add(key, i18n.X("profile.err.when_many", "At most {{.N}} time windows in one profile.", map[string]any{"N": maxWindows}))
		return nil, nil
	}
	var ws []Window
	for _, t := range texts {
		w, err := ParseWindow(t)
		if err != nil {
			add(key, err.Error())
			return nil, nil
		}
		ws = append(ws, w)
	}
	return texts, ws
}

// encodeProfile writes p as a [profile.NAME] table: when, preset, then
// each key as a dotted key in table order.
func encodeProfile(p Profile) string {
	var b strings.Builder
	b.WriteString("[profile." + p.Name + "]\n")
	if len(p.When) > 0 {
		q := make([]string, len(p.When))
		for i, w := range p.When {
			q[i] = strconv.Quote(w)
		}
		b.WriteString(whenKey + " = [" + strings.Join(q, ", ") + "]\n")
	}
	if p.Preset != "" {
		b.WriteString("preset = " + strconv.Quote(p.Preset) + "\n")
	}
	for _, f := range Fields() {
		if p.Overrides(f.Key) {
			b.WriteString(f.Key + " = " + f.encode(&p.Values) + "\n")
		}
	}
	return b.String()
}

// EncodeFile writes the whole file: Encode's commented main settings, then
// each profile.
func EncodeFile(f File) []byte { return (*System)(nil).EncodeFile(f) }

// EncodeFile is EncodeFile for a user of sys (System.Encode).
func (sys *System) EncodeFile(f File) []byte {
	out := sys.Encode(f.Main)
	for _, p := range f.Profiles {
		out = append(out, "\n"+encodeProfile(p)...)
	}
	return out
}

// sameProfiles reports whether a and b hold the same profiles with the
// same values.
func sameProfiles(a, b []Profile) bool {
	return slices.EqualFunc(a, b, func(x, y Profile) bool { return encodeProfile(x) == encodeProfile(y) })
}

// checkProfiles checks every profile of f on top of main, as Save must
// before it writes new main settings: a main value can make a profile's
// own value wrong (an interval now shorter than the profile's break).
func checkProfiles(main Settings, profiles []Profile) []FieldError {
	var errs []FieldError
	for _, p := range profiles {
		for _, e := range p.Apply(main).Validate() {
			errs = append(errs, FieldError{Key: e.Key, Message: i18n.X("profile.err.breaks_profile",
				`Profile "{{.Name}}" would not work with this: {{.Msg}}`, map[string]any{"Name": p.Name, "Msg": e.Message})})
		}
	}
	return errs
}

// ProfileError is a profile name that the file does not hold.
type ProfileError struct {
	Name  string
	Names []string
}

func (e *ProfileError) Error() string {
	return i18n.X("settings.profile.unknown", "There is no profile {{.Name}}: use {{.Names}}.", map[string]any{
		"Name": fmt.Sprintf("%q", e.Name), "Names": strings.Join(append([]string{DefaultProfile}, e.Names...), ", ")})
}
