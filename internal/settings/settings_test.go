package settings

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// mutations change every field of Settings to another valid value; the
// coverage check below fails when a field is added without one.
func mutations() map[string]func(*Settings) {
	m := map[string]func(*Settings){
		"cycle": func(s *Settings) {
			s.Cycle = Cycle{Enabled: true, Sit: 25 * time.Minute, Stand: 7 * time.Minute, Move: 3 * time.Minute}
		},
		"snooze":      func(s *Settings) { s.Snooze = 7*time.Minute + 30*time.Second },
		"caps":        func(s *Settings) { s.MaxSkips, s.MaxSnoozes = 0, 9 },
		"skip budget": func(s *Settings) { s.SkipBudget = 0 },
		"strict":      func(s *Settings) { s.Strict = true },
		"card":        func(s *Settings) { s.AutoClose, s.Sound = 0, true },
		"lull":        func(s *Settings) { s.Advanced.LullLimit = 2 * time.Minute },
		"daily limit": func(s *Settings) { s.DailyLimit, s.DailyLimitStep = 5*time.Hour+15*time.Minute, 0 },
		"glasses":     func(s *Settings) { s.HydrationGoal = 11 },
		"positions":   func(s *Settings) { s.Positions = Positions{Standing: true, Floor: true} },
		"positions2":  func(s *Settings) { s.Positions = Positions{Desk: true} },
		"working hours": func(s *Settings) {
			s.WorkingHours.Enabled = true
			s.WorkingHours.Days[time.Monday] = Day{Start: 7*60 + 15, End: 15*60 + 45}
			s.WorkingHours.Days[time.Wednesday] = Day{Off: true, Start: 10 * 60, End: 24 * 60}
			s.WorkingHours.Days[time.Sunday] = Day{Start: 0, End: 60}
			for _, wd := range []time.Weekday{time.Tuesday, time.Thursday, time.Friday, time.Saturday} {
				s.WorkingHours.Days[wd] = Day{Off: wd == time.Saturday, Start: 8 * 60, End: 16 * 60}
			}
		},
		"days off flipped": func(s *Settings) {
			for i := range s.WorkingHours.Days {
				s.WorkingHours.Days[i].Off = !s.WorkingHours.Days[i].Off
			}
		},
		"calls off":    func(s *Settings) { s.Calls = Calls{Ignore: "Dragon, Audacity \"Pro\""} },
		"calls ignore": func(s *Settings) { s.Calls.Ignore = "OBS Studio" },
		"calendar":     func(s *Settings) { s.Calendar = Calendar{Files: "~/work.ics, /srv/cal", Early: 10 * time.Minute} },
		"never early":  func(s *Settings) { s.Calendar.Early = 0 },
		"language de":  func(s *Settings) { s.Language = LangDE },
		"language en":  func(s *Settings) { s.Language = LangEN },
		"language fr":  func(s *Settings) { s.Language = LangFR },
		"language es":  func(s *Settings) { s.Language = LangES },
		"theme dark":   func(s *Settings) { s.Theme = ThemeDark },
		"theme light":  func(s *Settings) { s.Theme = ThemeLight },
		"autostart":    func(s *Settings) { s.StartAtLogin = true },
		"history":      func(s *Settings) { s.HistoryDays = 0 },
		"history 30":   func(s *Settings) { s.HistoryDays = 30 },
		"advanced": func(s *Settings) {
			s.Advanced = Advanced{IdleAfter: 2 * time.Minute, ActiveAfter: 0, DayStart: 5*time.Hour + 30*time.Minute, HoldLimit: 0}
		},
		"advanced2":     func(s *Settings) { s.Advanced.ActiveAfter = 20 * time.Second },
		"preset gentle": func(s *Settings) { s.ApplyPreset(PresetGentle) },
	}
	for _, k := range schedule.AllKinds() {
		m[string(k)+" all"] = func(s *Settings) {
			b := s.Break(k)
			*b = Break{Enabled: !b.Enabled, Interval: 33 * time.Minute, Length: 45 * time.Second, Warn: 2 * time.Minute, Style: b.Style}
			if notifiable(k) {
				if b.Style == StyleCard {
					b.Style = StyleNotification
				} else {
					b.Style = StyleCard
				}
			}
		}
	}
	return m
}

// leaves flattens v into path -> value for every basic field.
func leaves(prefix string, v reflect.Value, out map[string]any) {
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			leaves(prefix+"."+v.Type().Field(i).Name, v.Field(i), out)
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			leaves(prefix+"["+string(rune('0'+i))+"]", v.Index(i), out)
		}
	default:
		out[prefix] = v.Interface()
	}
}

func TestRoundTripEveryField(t *testing.T) {
	base := Defaults()
	base.Normalize()
	baseLeaves := map[string]any{}
	leaves("", reflect.ValueOf(base), baseLeaves)
	changed := map[string]bool{}

	for name, mutate := range mutations() {
		t.Run(name, func(t *testing.T) {
			s := Defaults()
			mutate(&s)
			if errs := s.Validate(); len(errs) > 0 {
				t.Fatalf("mutation is invalid: %v", errs)
			}
			s.Normalize()
			got, probs := Parse(Encode(s), "config.toml")
			if len(probs) > 0 {
				t.Fatalf("problems reading back:\n%v\n%s", probs, Encode(s))
			}
			if !reflect.DeepEqual(got, s) {
				t.Fatalf("round trip changed the settings:\ngot  %+v\nwant %+v", got, s)
			}
			l := map[string]any{}
			leaves("", reflect.ValueOf(s), l)
			for k, v := range l {
				if v != baseLeaves[k] {
					changed[k] = true
				}
			}
		})
	}
	for k := range baseLeaves {
		// Preset is derived; stretching and moving always use cards.
		if !changed[k] && k != ".Preset" && k != ".Stretch.Style" && k != ".Movement.Style" {
			t.Errorf("no mutation changes %s: add one so the round trip covers it", k)
		}
	}
}

func TestDefaultsMatchCore(t *testing.T) {
	got := Defaults().Schedule()
	want := schedule.DefaultConfig()
	if got.WorkingHours != nil || got.Cycle != nil {
		t.Errorf("defaults have working hours or a cycle: %+v", got)
	}
	got.WorkingHours = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Defaults().Schedule() = %+v\nwant schedule.DefaultConfig() = %+v", got, want)
	}
	if Defaults().MatchPreset() != PresetOffice {
		t.Errorf("defaults match %q, want office", Defaults().MatchPreset())
	}
}

func TestPresetsAreValidAndDistinct(t *testing.T) {
	seen := map[presetPart]string{}
	for _, name := range PresetNames() {
		s := Defaults()
		if !s.ApplyPreset(name) {
			t.Fatalf("ApplyPreset(%q) = false", name)
		}
		if errs := s.Validate(); len(errs) > 0 {
			t.Errorf("%s: invalid: %v", name, errs)
		}
		if err := s.Schedule().Validate(); err != nil {
			t.Errorf("%s: core refuses it: %v", name, err)
		}
		if got := s.MatchPreset(); got != name {
			t.Errorf("after ApplyPreset(%q) MatchPreset = %q", name, got)
		}
		if other, dup := seen[s.part()]; dup {
			t.Errorf("%s has the same values as %s", name, other)
		}
		seen[s.part()] = name
		s.Stretch.Interval += time.Minute
		if got := s.MatchPreset(); got != PresetCustom {
			t.Errorf("%s edited: MatchPreset = %q, want custom", name, got)
		}
		// The user's own choices survive a change of preset.
		s.Language, s.DailyLimit, s.WorkingHours.Enabled = LangDE, 3*time.Hour, true
		s.ApplyPreset(PresetOffice)
		if s.Language != LangDE || s.DailyLimit != 3*time.Hour || !s.WorkingHours.Enabled {
			t.Errorf("ApplyPreset reset the user's own settings: %+v", s)
		}
	}
	if d := Defaults(); d.ApplyPreset("nope") {
		t.Error(`ApplyPreset("nope") = true`)
	}
	gentle := Defaults()
	gentle.ApplyPreset(PresetGentle)
	if got := gentle.Positions.Allowed(); !reflect.DeepEqual(got, []string{"desk", "standing"}) {
		t.Errorf("gentle positions = %v, want desk and standing (no floor)", got)
	}
	cornell := Defaults()
	cornell.ApplyPreset(PresetCornell)
	if c := cornell.Schedule().Cycle; c == nil || *c != (schedule.Cycle{Sit: 20 * time.Minute, Stand: 8 * time.Minute, Move: 2 * time.Minute}) {
		t.Errorf("cornell cycle = %+v", c)
	}
}

func TestWorkingHoursPredicate(t *testing.T) {
	s := Defaults()
	if s.Schedule().WorkingHours != nil {
		t.Fatal("working hours off must give a nil predicate (always)")
	}
	s.WorkingHours.Enabled = true
	s.WorkingHours.Days[time.Tuesday] = Day{Start: 8 * 60, End: 12 * 60}
	wh := s.Schedule().WorkingHours
	s.WorkingHours.Days[time.Tuesday].Off = true // must not leak into the config already made
	loc := time.FixedZone("X", 3600)
	at := func(day, hh, mm int) time.Time { return time.Date(2026, 3, day, hh, mm, 0, 0, loc) } // 2026-03-02 is a Monday
	cases := map[string]struct {
		t    time.Time
		want bool
	}{
		"monday 08:59":    {at(2, 8, 59), false},
		"monday 09:00":    {at(2, 9, 0), true},
		"monday 17:29":    {at(2, 17, 29), true},
		"monday 17:30":    {at(2, 17, 30), false},
		"tuesday 07:59":   {at(3, 7, 59), false},
		"tuesday 08:00":   {at(3, 8, 0), true},
		"tuesday 12:00":   {at(3, 12, 0), false},
		"saturday noon":   {at(7, 12, 0), false},
		"sunday noon":     {at(8, 12, 0), false},
		"friday midnight": {at(6, 0, 0), false},
	}
	for name, c := range cases {
		if got := wh(c.t); got != c.want {
			t.Errorf("%s: in working hours = %v, want %v", name, got, c.want)
		}
	}
}

func TestValidationMessages(t *testing.T) {
	cases := map[string]struct {
		edit func(*Settings)
		key  string
		want string
	}{
		"interval under a minute":        {func(s *Settings) { s.Stretch.Interval = 30 * time.Second }, "stretch.interval", "at least one minute"},
		"interval not longer than break": {func(s *Settings) { s.Movement.Interval = 5 * time.Minute }, "movement.interval", "longer than the break (5 min)"},
		"zero length":                    {func(s *Settings) { s.Posture.Length = 0 }, "posture.length", "more than zero"},
		"warn past interval":             {func(s *Settings) { s.Stretch.Warn = time.Hour }, "stretch.warn", "shorter than the interval"},
		"card only":                      {func(s *Settings) { s.Movement.Style = StyleNotification }, "movement.style", "always show a card"},
		"bad style":                      {func(s *Settings) { s.Posture.Style = "popup" }, "posture.style", "notification"},
		"snooze":                         {func(s *Settings) { s.Snooze = 0 }, "breaks.snooze", "between 30 seconds"},
		"skips":                          {func(s *Settings) { s.MaxSkips = -1 }, "breaks.max_skips", "0 to 20"},
		"daily":                          {func(s *Settings) { s.DailyLimit = 30 * time.Minute }, "limits.daily_sitting", "between 1 and 24 hours"},
		"step":                           {func(s *Settings) { s.DailyLimitStep = time.Minute }, "limits.daily_sitting_step", "at least 5 minutes"},
		"glasses":                        {func(s *Settings) { s.HydrationGoal = 99 }, "limits.hydration_goal", "0 to 30"},
		"no positions":                   {func(s *Settings) { s.Positions = Positions{} }, "cards.positions", "at least one position"},
		"end is start": {func(s *Settings) {
			s.WorkingHours.Enabled = true
			s.WorkingHours.Days[time.Friday] = Day{Start: 10 * 60, End: 10 * 60}
		}, "working_hours.friday.end", "differ from the start"},
		"all days off": {func(s *Settings) {
			s.WorkingHours.Enabled = true
			for i := range s.WorkingHours.Days {
				s.WorkingHours.Days[i].Off = true
			}
		}, "working_hours.enabled", "Every day is off"},
		"language": {func(s *Settings) { s.Language = "it" }, "language", `"es"`},
		"history":  {func(s *Settings) { s.HistoryDays = -3 }, "history_days", "0 to keep"},
		"cycle sit": {func(s *Settings) {
			s.Cycle = Cycle{Enabled: true, Sit: 10 * time.Second, Stand: time.Minute, Move: time.Minute}
		}, "cycle.sit", "at least one minute"},
		"active>idle": {func(s *Settings) { s.Advanced.ActiveAfter = 40 * time.Second }, "advanced.active_after", "shorter than the away time"},
		"idle":        {func(s *Settings) { s.Advanced.IdleAfter = time.Second }, "advanced.idle_after", "5 seconds"},
		"day start":   {func(s *Settings) { s.Advanced.DayStart = 25 * time.Hour }, "advanced.day_start", "HH:MM"},
		"hold":        {func(s *Settings) { s.Advanced.HoldLimit = 9 * time.Hour }, "advanced.hold_limit", "8 hours"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			s := Defaults()
			c.edit(&s)
			msg, ok := FieldErrors(s.Validate())[c.key]
			if !ok {
				t.Fatalf("no error for %s; got %v", c.key, s.Validate())
			}
			if !strings.Contains(msg, c.want) {
				t.Errorf("%s: %q does not say %q", c.key, msg, c.want)
			}
			if err := Save(t.TempDir()+"/c.toml", s); err == nil {
				t.Error("Save wrote invalid settings")
			}
		})
	}
}

func TestValidSettingsSatisfyCore(t *testing.T) {
	for name, mutate := range mutations() {
		s := Defaults()
		mutate(&s)
		if err := s.Schedule().Validate(); err != nil {
			t.Errorf("%s: valid settings, but the core refuses them: %v", name, err)
		}
	}
}

// Durations in the file follow the one rule people type (duration.Parse):
// old compact values load unchanged, and "20" is 20 minutes.
func TestFileDurations(t *testing.T) {
	for in, want := range map[string]time.Duration{
		`"15m"`: 15 * time.Minute, `"1m30s"`: 90 * time.Second, `"1h"`: time.Hour, `"20"`: 20 * time.Minute,
		`"1h30"`: 90 * time.Minute, `"1:30"`: 90 * time.Minute, `"90s"`: 90 * time.Second, `"25 min"`: 25 * time.Minute,
		`40`: 40 * time.Minute, `"31.4m"`: 31*time.Minute + 24*time.Second, `"1m 0.6s"`: time.Minute + time.Second,
	} {
		s, probs := Parse([]byte("[posture]\ninterval = "+in+"\n"), "c.toml")
		if len(probs) > 0 || s.Posture.Interval != want {
			t.Errorf("interval = %s: %v %v, want %v", in, s.Posture.Interval, probs, want)
		}
	}
	for _, bad := range []string{`""`, `"-3m"`, `"ten minutes"`, `"3mm"`, `-5`} {
		if _, probs := Parse([]byte("[stretch]\ninterval = "+bad+"\n"), "c.toml"); len(probs) != 1 || probs[0].Line != 2 {
			t.Errorf("interval = %s accepted or misplaced: %v", bad, probs)
		}
	}
	for in, want := range map[string]int{"00:00": 0, "8:30": 510, "24:00": 1440, "23:59": 1439} {
		if got, err := ParseClock(in); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"24:01", "7", "12:5", "ab:cd", "-1:00", "12:60"} {
		if _, err := ParseClock(bad); err == nil {
			t.Errorf("ParseClock(%q) accepted", bad)
		}
	}
}

// The window and the daemon exchange Settings as JSON over IPC.
func TestJSONRoundTrip(t *testing.T) {
	for name, mutate := range mutations() {
		s := Defaults()
		mutate(&s)
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back Settings
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		if back != s {
			t.Errorf("%s: JSON round trip changed it:\n%+v\n%+v", name, back, s)
		}
	}
}

func TestCallsIgnoreList(t *testing.T) {
	var f Field
	for _, x := range Fields() {
		if x.Key == "calls.ignore" {
			f = x
		}
	}
	s := Defaults()
	if err := f.SetText(&s, " Dragon ,, audacity, dragon ,OBS Studio"); err != nil {
		t.Fatal(err)
	}
	if s.Calls.Ignore != "Dragon, audacity, OBS Studio" || len(s.Calls.IgnoreList()) != 3 {
		t.Fatalf("Ignore = %q", s.Calls.Ignore)
	}
	if err := f.SetText(&s, strings.Repeat("x", 101)); err == nil || s.Calls.Ignore != "Dragon, audacity, OBS Studio" {
		t.Fatalf("a 101-character name: err %v, Ignore %q", err, s.Calls.Ignore)
	}
	got, probs := Parse([]byte("[calls]\nignore = \"Dragon\"\n"), "c.toml")
	if len(probs) != 1 || !strings.Contains(probs[0].String(), "c.toml:2") || got.Calls.Ignore != "" {
		t.Fatalf("a string for a list: %v, %q", probs, got.Calls.Ignore)
	}
	got, probs = Parse([]byte("[calls]\nmicrophone = false\nignore = [\"Dragon\", \"Zoom\"]\n"), "c.toml")
	if len(probs) != 0 || got.Calls.Microphone || !got.Calls.Camera || got.Calls.Ignore != "Dragon, Zoom" {
		t.Fatalf("parsed %+v, %v", got.Calls, probs)
	}
}
