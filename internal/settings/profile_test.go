package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseWindow(t *testing.T) {
	day := func(ds ...time.Weekday) (d [7]bool) {
		for _, x := range ds {
			d[x] = true
		}
		return d
	}
	all := day(0, 1, 2, 3, 4, 5, 6)
	week := day(1, 2, 3, 4, 5)
	for _, c := range []struct {
		in   string
		want Window
		err  string
	}{
		{in: "mon-fri 18:00-24:00", want: Window{Days: week, Start: 18 * 60, End: 24 * 60}},
		{in: "sat,sun", want: Window{Days: day(6, 0), End: 24 * 60}},
		{in: "Saturday", want: Window{Days: day(6), End: 24 * 60}},
		{in: "09:00-17:30", want: Window{Days: all, Start: 9 * 60, End: 17*60 + 30}},
		{in: "fri-mon", want: Window{Days: day(5, 6, 0, 1), End: 24 * 60}},
		{in: "mon,wed-thu 22:00-06:00", want: Window{Days: day(1, 3, 4), Start: 22 * 60, End: 6 * 60}},
		{in: "", err: "not a time window"},
		{in: "mon fri 10:00-11:00", err: "not a time window"},
		{in: "fry", err: `Unknown day "fry"`},
		{in: "mon-fry 10:00-11:00", err: `Unknown day "fry"`},
		{in: "mon 18:00", err: "not a range of hours"},
		{in: "mon 18:00-25:00", err: "not a time of day"},
		{in: "mon 10:00-10:00", err: "same time"},
		{in: "mon 24:00-02:00", err: "cannot start at 24:00"},
	} {
		got, err := ParseWindow(c.in)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("ParseWindow(%q) error = %v, want %q", c.in, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("ParseWindow(%q): %v", c.in, err)
		case c.err == "" && got != c.want:
			t.Errorf("ParseWindow(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestWindowContains(t *testing.T) {
	night, _ := ParseWindow("fri 22:00-02:00")
	evening, _ := ParseWindow("mon-fri 18:00-24:00")
	// 2026-11-27 is a Friday.
	at := func(day, h, m int) time.Time { return time.Date(2026, 11, day, h, m, 0, 0, time.UTC) }
	for _, c := range []struct {
		w    Window
		t    time.Time
		want bool
	}{
		{night, at(27, 21, 59), false}, {night, at(27, 22, 0), true}, {night, at(28, 1, 59), true},
		{night, at(28, 2, 0), false}, {night, at(28, 22, 30), false}, {night, at(26, 1, 0), false},
		{evening, at(27, 17, 59), false}, {evening, at(27, 18, 0), true}, {evening, at(27, 23, 59), true},
		{evening, at(28, 0, 0), false}, {evening, at(28, 19, 0), false},
	} {
		if got := c.w.Contains(c.t); got != c.want {
			t.Errorf("%+v.Contains(%v) = %v, want %v", c.w, c.t, got, c.want)
		}
	}
}

const profileFile = `# my settings
[posture]
interval = "30m"

# at home in the evening
[profile.home]
when = ["mon-fri 18:00-24:00", "sat,sun"]
posture.enabled = false
breaks.strict = true

[profile.home.stretch]
interval = "40m"

[profile.focus]
# chosen by hand only
eyes.interval = "30m"
`

func TestParseProfiles(t *testing.T) {
	f, probs := ParseFile([]byte(profileFile), "c.toml")
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if got := strings.Join(f.ProfileNames(), ","); got != "home,focus" {
		t.Fatalf("profiles %s, want home,focus (file order)", got)
	}
	home := f.Profile("home")
	if got := strings.Join(home.Keys, ","); got != "posture.enabled,stretch.interval,breaks.strict" {
		t.Errorf("home keys %s", got)
	}
	s := Layered(f, "home")
	if s.Posture.Enabled || !s.Strict || s.Stretch.Interval != 40*time.Minute || s.Posture.Interval != 30*time.Minute {
		t.Errorf("home settings: %+v", s)
	}
	if m := Layered(f, ""); !m.Posture.Enabled || m.Strict || m != f.Main {
		t.Errorf("main settings changed by a profile: %+v", m)
	}
	if got := Layered(f, "gone"); got != f.Main {
		t.Error("an unknown profile is not the main settings")
	}
}

func TestProfileProblems(t *testing.T) {
	for _, c := range []struct {
		file string
		line int
		msg  string
	}{
		{"[profile.home]\nposture.intervall = \"30m\"\n", 2, `Unknown setting "posture.intervall". Did you mean "posture.interval"?`},
		{"[profile.home]\nwhen = [\"mon-fry\"]\n", 2, `Unknown day "fry"`},
		{"[profile.home]\nwehn = [\"mon\"]\n", 2, `Did you mean "when"?`},
		{"[profile.home]\nwhen = 3\n", 2, "list of texts"},
		{"[profile.home]\nbreaks.strict = \"yes\"\n", 2, "true or false"},
		{"[profile.home]\nposture.interval = \"0s\"\n", 2, "at least one minute"},
		// A profile's value checked against the main one it does not set.
		{"[posture]\ninterval = \"10m\"\n\n[profile.home]\nposture.length = \"20m\"\n", 4, `With profile "home", posture.interval`},
		{"[profile.default]\nbreaks.strict = true\n", 1, `"default" is the name of the main settings`},
		{"[profile.\"a b\"]\nbreaks.strict = true\n", 1, "cannot name a profile"},
		{"profile = 3\n", 1, "table of its own"},
		{"[profile.home]\npreset = \"lazy\"\n", 2, `Unknown preset "lazy"`},
		{"[profile.home]\nstart_at_login = false\n", 2, "set it in the main settings"},
	} {
		_, probs := ParseFile([]byte(c.file), "c.toml")
		if len(probs) == 0 || probs[0].Line != c.line || !strings.Contains(probs[0].Message, c.msg) {
			t.Errorf("%q: problems %v, want line %d %q", c.file, probs, c.line, c.msg)
		}
	}
	var b strings.Builder
	for i := 0; i <= MaxProfiles; i++ {
		b.WriteString("[profile.p" + string(rune('a'+i)) + "]\nbreaks.strict = true\n")
	}
	if _, probs := ParseFile([]byte(b.String()), "c.toml"); len(probs) != 1 || !strings.Contains(probs[0].Message, "At most 10 profiles") {
		t.Errorf("eleven profiles: %v", probs)
	}
}

// TestProfileDay runs a simulated Friday minute by minute: the home
// profile takes over at 18:00 sharp, and the next change is found ahead.
func TestProfileDay(t *testing.T) {
	f, probs := ParseFile([]byte(profileFile), "c.toml")
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	loc := time.FixedZone("CET", 3600)
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, loc) // a Friday
	var switches []string
	last := "?"
	for m := day; m.Before(day.Add(48 * time.Hour)); m = m.Add(time.Minute) {
		if p := ActiveProfile(f.Profiles, m); p != last {
			switches = append(switches, m.Format("Mon 15:04")+" "+p)
			last = p
		}
	}
	want := "Fri 00:00 |Fri 18:00 home"
	if got := strings.Join(switches, "|"); got != want {
		t.Errorf("switches %s, want %s (home holds over the weekend)", got, want)
	}
	if got := NextProfileChange(f.Profiles, day.Add(9*time.Hour+30*time.Second)); !got.Equal(day.Add(18 * time.Hour)) {
		t.Errorf("next change %v, want 18:00", got)
	}
	// Monday 00:00 the weekend ends, Monday 18:00 the evening starts.
	if got := NextProfileChange(f.Profiles, day.Add(19*time.Hour)); !got.Equal(day.AddDate(0, 0, 3)) {
		t.Errorf("next change after Friday evening %v, want Monday 00:00", got)
	}
	if got := NextProfileChange([]Profile{{Name: "x"}}, day); !got.IsZero() {
		t.Errorf("no schedule: next change %v", got)
	}
	if s := Layered(f, ActiveProfile(f.Profiles, day.Add(18*time.Hour))); !s.Strict {
		t.Error("the 18:00 settings are not home's")
	}
}

func TestSaveProfileKeepsTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(profileFile), 0o600); err != nil {
		t.Fatal(err)
	}
	f, _, _ := LoadFile(path)
	s := Layered(f, "home")
	s.Stretch.Interval = 45 * time.Minute // changed
	s.Eyes.Interval = 25 * time.Minute    // new
	// posture.enabled goes back to the main value; breaks.strict stays.
	if err := SaveProfile(path, "home", s, []string{"stretch.interval", "eyes.interval", "breaks.strict"}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	got := string(data)
	for _, keep := range []string{"# my settings", "# at home in the evening", "# chosen by hand only", `when = ["mon-fri 18:00-24:00", "sat,sun"]`,
		"[profile.home.stretch]\ninterval = \"45m\"", "breaks.strict = true\neyes.interval = \"25m\"\n\n[profile.home.stretch]"} {
		if !strings.Contains(got, keep) {
			t.Errorf("file lost %q:\n%s", keep, got)
		}
	}
	if strings.Contains(got, "posture.enabled") {
		t.Errorf("the removed key stayed:\n%s", got)
	}
	f2, probs, _ := LoadFile(path)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if f2.Main != f.Main || encodeProfile(*f2.Profile("focus")) != encodeProfile(*f.Profile("focus")) {
		t.Error("the main settings or another profile changed")
	}
	if h := Layered(f2, "home"); h.Stretch.Interval != 45*time.Minute || h.Eyes.Interval != 25*time.Minute || !h.Posture.Enabled {
		t.Errorf("saved home: %+v", h)
	}
	// Invalid values are refused, keyed like the main settings.
	s.Eyes.Interval = 0
	err := SaveProfile(path, "home", s, []string{"eyes.interval"})
	if ie, ok := err.(*InvalidError); !ok || ie.Fields[0].Key != "eyes.interval" {
		t.Errorf("invalid profile saved: %v", err)
	}
	if err := SaveProfile(path, "nope", s, nil); err == nil || !strings.Contains(err.Error(), "home, focus") {
		t.Errorf("unknown profile: %v", err)
	}
}

func TestSaveMainKeepsProfiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	// The profile's table comes first: a top-level key must not land in it.
	text := "[profile.home]\nbreaks.strict = true\n\n" + strings.TrimPrefix(profileFile, "# my settings\n")
	text = strings.Replace(text, "[profile.home]\nwhen", "[profile.evening]\nwhen", 1)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	f, probs, _ := LoadFile(path)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	s := f.Main
	s.HistoryDays = 30
	s.Language = LangDE
	if err := Save(path, s); err != nil {
		t.Fatal(err)
	}
	f2, probs, _ := LoadFile(path)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if f2.Main.HistoryDays != 30 || !sameProfiles(f.Profiles, f2.Profiles) {
		data, _ := os.ReadFile(path)
		t.Errorf("profiles lost or changed:\n%s", data)
	}
	// A main value that breaks a profile is refused.
	s.Stretch.Length = 45 * time.Minute
	s.Stretch.Interval = 50 * time.Minute
	if err := Save(path, s); err == nil || !strings.Contains(err.Error(), `Profile "home"`) {
		t.Errorf("a main value that breaks a profile: %v", err)
	}
}

// A mistake in a profile keeps the previous settings in use; saving the
// main settings from the window then still edits the file in place and
// keeps the profile, mistake and all, for the user to fix.
func TestSaveMainKeepsABrokenProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	text := "# mine\n[limits]\nhydration_goal = 5\n\n[profile.home]\nposture.intervall = \"20m\"\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	s := Defaults()
	s.HydrationGoal = 7
	if err := Save(path, s); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	// (Saving writes the weekdays' lines too, as it always has.)
	if want := strings.Replace(text, "= 5", "= 7", 1); !strings.HasPrefix(string(data), want) {
		t.Errorf("file:\n%s\nwant:\n%s", data, want)
	}
	if _, probs := ParseFile(data, path); len(probs) != 1 || !strings.Contains(probs[0].Message, `Did you mean "posture.interval"`) {
		t.Errorf("problems %v", probs)
	}
	if _, probs := ParseFile([]byte("[profiles.home]\nbreaks.strict = true\n"), path); len(probs) != 1 || !strings.Contains(probs[0].Message, `Did you mean "profile"`) {
		t.Errorf("[profiles.home]: %v", probs)
	}
}
