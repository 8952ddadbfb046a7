package settings

import (
	"time"

	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/schedule"
)

// Preset names as stored in config.toml.
const (
	PresetOffice  = "office"
	PresetCornell = "cornell"
	PresetEyes    = "eyes-20-20-20"
	PresetGentle  = "gentle"
	// PresetCustom: the settings match no preset.
	PresetCustom = "custom"
)

// PresetNames lists the presets in the order the window shows them.
func PresetNames() []string {
	return []string{PresetOffice, PresetCornell, PresetEyes, PresetGentle}
}

// presetTexts are each preset's name for people and what it does in a sentence.
var presetTexts = map[string][2]Text{
	PresetOffice: {func() string { return i18n.X("settings.preset.office", "Office default") }, func() string {
		return i18n.X("settings.preset.office.desc", "Posture checks, water, a stretch every half hour and a walk every hour.")
	}},
	PresetCornell: {func() string { return i18n.X("settings.preset.cornell", "Cornell 20-8-2") }, func() string {
		return i18n.X("settings.preset.cornell.desc", "Sit 20 minutes, stand 8, move 2, round and round, with water in between.")
	}},
	PresetEyes: {func() string { return i18n.X("settings.preset.eyes", "20-20-20 eyes") }, func() string {
		return i18n.X("settings.preset.eyes.desc", "Every 20 minutes look at something 20 feet (6 m) away for 20 seconds.")
	}},
	PresetGentle: {func() string { return i18n.X("settings.preset.gentle", "Gentle") }, func() string {
		return i18n.X("settings.preset.gentle.desc", "Longer intervals and shorter breaks, for starting out or a sore back.")
	}},
	PresetCustom: {func() string { return i18n.X("settings.preset.custom", "Custom") },
		func() string { return i18n.X("settings.preset.custom.desc", "Your own intervals.") }},
}

// PresetTitle is a preset's name for people.
func PresetTitle(name string) string { return presetText(name)[0]() }

// PresetDescription says in a sentence what a preset does.
func PresetDescription(name string) string { return presetText(name)[1]() }

func presetText(name string) [2]Text {
	if t, ok := presetTexts[name]; ok {
		return t
	}
	return presetTexts[PresetCustom]
}

// presetPart is what a preset decides: the break rhythm and the positions.
// Everything else (limits, working hours, language, caps) is the user's and
// survives a change of preset.
type presetPart struct {
	Posture, Hydration, Eyes, Stretch, Movement Break
	Cycle                                       Cycle
	Positions                                   Positions
}

func (s Settings) part() presetPart {
	return presetPart{s.Posture, s.Hydration, s.Eyes, s.Stretch, s.Movement, s.Cycle, s.Positions}
}

func presetValues(name string) (presetPart, bool) {
	const m, sec = time.Minute, time.Second
	// The floor is off in every preset: lying down in an office is rarely
	// possible, and the user turns it on in the settings when it is.
	all := Positions{Desk: true, Standing: true}
	eyes := Break{Interval: 20 * m, Length: 20 * sec, Style: StyleNotification}
	switch name {
	case PresetOffice:
		// The core's defaults, so that a config file and no config file agree.
		s := Settings{Cycle: Cycle{Sit: 20 * m, Stand: 8 * m, Move: 2 * m}, Positions: all}
		for _, t := range schedule.DefaultConfig().Tracks {
			*s.Break(t.Kind) = Break{Enabled: t.Enabled, Interval: t.Interval, Length: t.Length, Warn: t.Warn, Style: StyleCard}
			if notifiable(t.Kind) { // the small breaks come as a notification
				s.Break(t.Kind).Style = StyleNotification
			}
		}
		return s.part(), true
	case PresetCornell:
		// The cycle's stand and move phases replace the posture, stretch and
		// walking breaks; only water stays on its own timer.
		return presetPart{
			Posture:   Break{Interval: 15 * m, Length: 10 * sec, Style: StyleNotification},
			Hydration: Break{Enabled: true, Interval: 45 * m, Length: 10 * sec, Style: StyleNotification},
			Eyes:      eyes,
			Stretch:   Break{Interval: 30 * m, Length: 90 * sec, Warn: 30 * sec, Style: StyleCard},
			Movement:  Break{Interval: 60 * m, Length: 5 * m, Warn: 30 * sec, Style: StyleCard},
			Cycle:     Cycle{Enabled: true, Sit: 20 * m, Stand: 8 * m, Move: 2 * m},
			Positions: all,
		}, true
	case PresetEyes:
		// The eye track carries the 20-second eye break, as a short
		// notification with an eye card's first step. It is the posture
		// check too (look up, sit back): a separate one would never come
		// due, since each eye break counts as one taken. Water every 45
		// min, off the 20-minute grid: at 60 min the drink would take every
		// third eye prompt (the no-burst merge).
		eyesOn := eyes
		eyesOn.Enabled = true
		return presetPart{
			Posture:   Break{Interval: 15 * m, Length: 10 * sec, Style: StyleNotification},
			Hydration: Break{Enabled: true, Interval: 45 * m, Length: 10 * sec, Style: StyleNotification},
			Eyes:      eyesOn,
			Stretch:   Break{Enabled: true, Interval: 40 * m, Length: 1 * m, Warn: 30 * sec, Style: StyleCard},
			Movement:  Break{Enabled: true, Interval: 80 * m, Length: 5 * m, Warn: 1 * m, Style: StyleCard},
			Cycle:     Cycle{Sit: 20 * m, Stand: 8 * m, Move: 2 * m},
			Positions: all,
		}, true
	case PresetGentle:
		return presetPart{
			Posture:   Break{Enabled: true, Interval: 30 * m, Length: 10 * sec, Style: StyleNotification},
			Hydration: Break{Enabled: true, Interval: 60 * m, Length: 10 * sec, Style: StyleNotification},
			Eyes:      eyes,
			Stretch:   Break{Enabled: true, Interval: 60 * m, Length: 2 * m, Warn: 1 * m, Style: StyleCard},
			Movement:  Break{Enabled: true, Interval: 90 * m, Length: 5 * m, Warn: 2 * m, Style: StyleCard},
			Cycle:     Cycle{Sit: 20 * m, Stand: 8 * m, Move: 2 * m},
			// Standing too: the walking break needs the user on their feet.
			Positions: all,
		}, true
	}
	return presetPart{}, false
}

// IsPreset reports whether name is a known preset (not custom).
func IsPreset(name string) bool {
	_, ok := presetValues(name)
	return ok
}

// ApplyPreset sets the break rhythm and positions of the named preset and
// keeps everything else. It returns false (changing nothing) for an unknown name.
func (s *Settings) ApplyPreset(name string) bool {
	p, ok := presetValues(name)
	if !ok {
		return false
	}
	s.Posture, s.Hydration, s.Eyes, s.Stretch, s.Movement = p.Posture, p.Hydration, p.Eyes, p.Stretch, p.Movement
	s.Cycle, s.Positions = p.Cycle, p.Positions
	s.Preset = name
	return true
}

// MatchPreset returns the preset whose values s has, or PresetCustom.
func (s Settings) MatchPreset() string {
	mine := s.part()
	for _, n := range PresetNames() {
		if p, _ := presetValues(n); p == mine {
			return n
		}
	}
	return PresetCustom
}

// Normalize sets Preset to what the values match.
func (s *Settings) Normalize() { s.Preset = s.MatchPreset() }
