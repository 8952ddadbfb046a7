// Package kinds is the one table of break kinds: each kind's id, its name
// for people, whether its card is compact by default and what its
// notification says when no card was picked. The core (internal/schedule)
// owns the Kind type and the order of the tracks; everything that names,
// lists or checks a kind for people reads this table, so a new kind is one
// row here and one track in the core.
package kinds

import (
	"errors"
	"fmt"
	"strings"

	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/schedule"
)

// Info describes one kind of break.
type Info struct {
	Kind schedule.Kind
	// Name is the kind's name for people ("Posture check") in language
	// lang (i18n.XIn: "" is the process's own); Label says it in the
	// process's language.
	Name func(lang string) string
	// Compact: the card is the small one by default (a short desk or
	// water break, not a stand-up one).
	Compact bool
	// Advice is the notification's text when the break comes without a card.
	Advice func() string
	// AlsoText is the break in a few words, as a card or notification
	// lists it when it travels with a bigger break ("drink a glass of
	// water"); nil: the label.
	AlsoText func() string
	// Pool is what the break may show: the card types and the positions
	// it draws from (the picker obeys it; card files are checked against it).
	Pool Pool
	// Aliases are other words people type for the kind on the command
	// line ("water" for hydration, as the tray says "Drink water").
	Aliases []string
}

// Pool names, in the card files' words, what a kind of break may draw
// from: a card serves the break only if its type is one of Types and it
// can be done in one of Positions (and in one the user allows).
type Pool struct {
	Types     []string
	Positions []string
}

// All lists every kind, smallest break first (the core's order).
func All() []Info {
	return []Info{
		{
			Kind: schedule.Posture, Compact: true,
			// Ten seconds at the desk: a check, not an exercise.
			Pool: Pool{Types: []string{"posture"}, Positions: []string{"desk", "standing"}},
			Name: func(lang string) string { return i18n.XIn(lang, "kind.posture", "Posture check") },
			Advice: func() string {
				return i18n.X("notify.due.posture", "Stop typing for a moment: sit back against the chair's lower-back support, feet flat, shoulders loose, screen at eye level.")
			},
			AlsoText: func() string { return i18n.X("kind.also.posture", "sit back, feet flat, shoulders loose") },
		},
		{
			Kind: schedule.Hydration, Compact: true, Aliases: []string{"water", "drink"},
			Pool: Pool{Types: []string{"water"}, Positions: []string{"desk", "standing"}},
			Name: func(lang string) string { return i18n.XIn(lang, "kind.hydration", "Drink water") },
			Advice: func() string {
				return i18n.X("notify.due.hydration", "Drink a glass of water, and log it from the tray.")
			},
			AlsoText: func() string { return i18n.X("kind.also.hydration", "drink a glass of water") },
		},
		{
			Kind: schedule.Eyes, Compact: true, Aliases: []string{"eye"},
			Pool: Pool{Types: []string{"eyes"}, Positions: []string{"desk", "standing"}},
			Name: func(lang string) string { return i18n.XIn(lang, "kind.eyes", "Eye break") },
			Advice: func() string {
				return i18n.X("notify.due.eyes", "Look at something at least 6 m (20 feet) away for 20 seconds, and blink.")
			},
		},
		{
			Kind: schedule.Stretch,
			// Stretches, gentle strength and relaxing; never an eye or a
			// pure posture check. The floor only when the user allows it.
			Pool: Pool{Types: []string{"stretch", "active", "relax"}, Positions: []string{"desk", "standing", "floor"}},
			Name: func(lang string) string { return i18n.XIn(lang, "kind.stretch", "Stretch") },
			Advice: func() string {
				return i18n.X("notify.due.stretch", "Stand up and stretch your back, hips and shoulders.")
			},
			AlsoText: func() string { return i18n.X("kind.also.stretch", "stretch your back, hips and shoulders") },
		},
		{
			Kind: schedule.Movement, Aliases: []string{"move", "walk"},
			// On your feet: walking, stairs, standing exercises.
			Pool: Pool{Types: []string{"walk", "active"}, Positions: []string{"standing"}},
			Name: func(lang string) string { return i18n.XIn(lang, "kind.movement", "Move") },
			Advice: func() string {
				return i18n.X("notify.due.movement", "Get up and walk for a few minutes: take the stairs or fetch some water.")
			},
		},
	}
}

// Label is the kind's name for people in the process's language.
func (i Info) Label() string { return i.Name("") }

// Lookup finds the row of k.
func Lookup(k schedule.Kind) (Info, bool) {
	for _, i := range All() {
		if i.Kind == k {
			return i, true
		}
	}
	return Info{}, false
}

// Also is k in a few words for "Also: …" (AlsoText, else the label).
func Also(k schedule.Kind) string {
	if i, ok := Lookup(k); ok {
		if i.AlsoText != nil {
			return i.AlsoText()
		}
		return i.Label()
	}
	return string(k)
}

// Valid reports whether s names a kind (by its id or an alias).
func Valid(s string) bool {
	_, ok := find(s)
	return ok
}

// find is the kind s names: its id or one of its aliases, in any case.
func find(s string) (schedule.Kind, bool) {
	for _, i := range All() {
		if strings.EqualFold(s, string(i.Kind)) {
			return i.Kind, true
		}
		for _, a := range i.Aliases {
			if strings.EqualFold(s, a) {
				return i.Kind, true
			}
		}
	}
	return "", false
}

// Parse is the kind s names, by its id or an alias ("water"), or Check's
// error.
func Parse(s string) (schedule.Kind, error) {
	if k, ok := find(s); ok {
		return k, nil
	}
	return "", Check(s)
}

// Label is k's name for people; an unknown kind is shown as it is spelled.
func Label(k schedule.Kind) string { return LabelIn("", k) }

// LabelIn is k's name in language lang (as i18n.XIn chooses it).
func LabelIn(lang string, k schedule.Kind) string {
	if i, ok := Lookup(k); ok {
		return i.Name(lang)
	}
	return string(k)
}

// Names lists the kinds' ids in order.
func Names() []string {
	var out []string
	for _, i := range All() {
		out = append(out, string(i.Kind))
	}
	return out
}

// List is the ids for a sentence: "posture, hydration, eyes, stretch or movement".
func List() string {
	n := Names()
	// The ids stay as typed; the "or" between them is the user's language.
	return strings.Join(n[:len(n)-1], ", ") + " " + i18n.X("kinds.or", "or") + " " + n[len(n)-1]
}

// Check refuses a string that names no kind, saying which ones exist.
func Check(s string) error {
	if _, ok := find(s); ok {
		return nil
	}
	return errors.New(i18n.X("kinds.unknown", "{{.Value}} is not a break kind: use {{.Kinds}}", map[string]any{"Value": fmt.Sprintf("%q", s), "Kinds": List()}))
}
