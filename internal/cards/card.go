// Package cards is Limber's exercise-card library: the card file format and
// its validation (every problem reported as FILE:LINE: message), loading the
// built-in cards together with the user's own, and the picker that chooses
// a card for a break. It has no UI dependencies; the daemon holds a Picker
// and the card window shows what it picks.
package cards

import (
	"fmt"
	"time"

	"github.com/limber-app/limber/internal/figure/pose"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/schedule"
)

// poolOf is the kind table's pool of k.
func poolOf(k schedule.Kind) (kinds.Pool, bool) {
	i, ok := kinds.Lookup(k)
	return i.Pool, ok
}

// Position is where a card is done.
type Position string

// The positions a user can allow or turn off.
const (
	Desk     Position = "desk"
	Standing Position = "standing"
	Floor    Position = "floor"
)

// AllPositions returns every position.
func AllPositions() []Position { return []Position{Desk, Standing, Floor} }

// Type is what a card is; each kind of break draws from some types only
// (its pool in internal/kinds).
type Type string

// The card types.
const (
	TypeStretch Type = "stretch" // a stretch or mobility exercise
	TypeActive  Type = "active"  // gentle strength or a moving exercise
	TypeRelax   Type = "relax"   // breathing, letting tension go
	TypeWalk    Type = "walk"    // walking, stairs: a timed activity
	TypePosture Type = "posture" // a short check of how you sit or stand
	TypeWater   Type = "water"
	TypeEyes    Type = "eyes"
)

// AllTypes returns every card type.
func AllTypes() []Type {
	return []Type{TypeStretch, TypeActive, TypeRelax, TypeWalk, TypePosture, TypeWater, TypeEyes}
}

// Factor is a cause of back trouble a card works against.
type Factor string

// The factors from the reference text.
const (
	ProlongedSitting Factor = "prolonged-sitting"
	LackOfActivity   Factor = "lack-of-activity"
	PoorPosture      Factor = "poor-posture"
	Stress           Factor = "stress"
	Dehydration      Factor = "dehydration"
	PoorSleep        Factor = "poor-sleep"
	MuscleImbalance  Factor = "muscle-imbalance"
	Overexertion     Factor = "overexertion"
)

// AllFactors returns every factor.
func AllFactors() []Factor {
	return []Factor{ProlongedSitting, LackOfActivity, PoorPosture, Stress, Dehydration, PoorSleep, MuscleImbalance, Overexertion}
}

// Area is the part of the body a card works on.
type Area string

// The body areas.
const (
	Neck      Area = "neck"
	Shoulders Area = "shoulders"
	UpperBack Area = "upper-back"
	LowerBack Area = "lower-back"
	Hips      Area = "hips"
	Legs      Area = "legs"
	Wrists    Area = "wrists"
	Eyes      Area = "eyes"
	WholeBody Area = "whole-body"
)

// AllAreas returns every body area.
func AllAreas() []Area {
	return []Area{Neck, Shoulders, UpperBack, LowerBack, Hips, Legs, Wrists, Eyes, WholeBody}
}

// Limits a card must respect so it reads in about 20 seconds.
const (
	// A card has MinSteps to MaxSteps steps; a short card 1 to MaxShortSteps.
	MinSteps = 3
	MaxSteps = 5
	// Short cards (at most ShortCard long, the 10 s checks) have at most
	// MaxShortSteps steps of at most MaxShortStepWords words each.
	ShortCard         = 15 * time.Second
	MaxShortSteps     = 2
	MaxShortStepWords = 12
	// MaxSequence is the most cards one break shows one after the other.
	MaxSequence = 4
	// MinFill is the share of a break its cards must fill.
	MinFill       = 0.8
	MaxStepWords  = 60 // all steps together
	MaxSafetyWord = 25
	MaxTitleLen   = 48
	MaxIDLen      = 48
	MinDuration   = 10 * time.Second
	MaxDuration   = 10 * time.Minute
	maxFileSize   = 64 << 10
)

// Card is one exercise card.
type Card struct {
	ID       string
	Title    string
	Kinds    []schedule.Kind
	Type     Type
	Duration time.Duration // how long doing it takes, at most the break's length
	// Timed: an activity that lasts as long as the break (a walk), at
	// least Duration; it fills any break it fits.
	Timed bool
	// Tip: advice that cannot be done at the moment ("take your next
	// call standing"); never a break card, shown as a tip elsewhere.
	Tip       bool
	Positions []Position
	Factors   []Factor
	Areas     []Area
	Steps     []string
	Safety    string
	// HandsOnDesk: the exercise is done with the hands on the desk or
	// keyboard (a wrist or finger stretch), so input during it does not
	// pause the break's countdown (file key hands_on_desk).
	HandsOnDesk bool
	// Texts holds the card's title, steps and safety line in other
	// languages, by language code ("de", "fr", "es"); In picks them.
	Texts  map[string]Text
	Figure pose.Figure
	// Source is the file the card came from ("built-in/NAME.toml" for built-ins).
	Source string
	// Own is true for the user's cards.
	Own bool
}

// Text is a card's words in one language.
type Text struct {
	Title  string
	Steps  []string
	Safety string
}

// In returns the card in the language code (a copy with that language's
// title, steps and safety line); English, or a language the card has no
// texts for, leaves it as it is.
func (c Card) In(code string) Card {
	t, ok := c.Texts[code]
	if !ok {
		return c
	}
	c.Title, c.Steps, c.Safety = t.Title, append([]string(nil), t.Steps...), t.Safety
	return c
}

// Local returns the card in the language the app speaks now (the one
// internal/i18n.Init chose: each catalogue names its own code).
func (c Card) Local() Card { return c.In(i18n.X("lang.code", "en")) }

// HasKind reports whether the card lists the break kind k. Whether it is
// shown on such a break also depends on the kind's pool (Serves).
func (c Card) HasKind(k schedule.Kind) bool {
	for _, x := range c.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Serves reports whether the card may be shown on a break of kind k when
// the user allows the positions allowed (empty: any): it lists k, it is no
// tip, its type is in k's pool and it can be done in a position both the
// pool and the user allow.
func (c Card) Serves(k schedule.Kind, allowed []Position) bool {
	if c.Tip || !c.HasKind(k) {
		return false
	}
	pool, ok := poolOf(k)
	if !ok || !isOneOf(string(c.Type), pool.Types) {
		return false
	}
	for _, p := range c.Positions {
		if isOneOf(string(p), pool.Positions) && (len(allowed) == 0 || isOneOf(string(p), allowed)) {
			return true
		}
	}
	return false
}

// Time is how long the card takes on a break of the given length: its
// Duration, or the whole break for a timed card that fits it.
func (c Card) Time(length time.Duration) time.Duration {
	if c.Timed && length > c.Duration {
		return length
	}
	return c.Duration
}

// FitsPositions reports whether the card can be done in one of the allowed
// positions. An empty allowed list allows every position.
func (c Card) FitsPositions(allowed []Position) bool {
	if len(allowed) == 0 {
		return true
	}
	for _, p := range c.Positions {
		for _, a := range allowed {
			if p == a {
				return true
			}
		}
	}
	return false
}

// Problem is one thing wrong with a card file.
type Problem struct {
	File string // the file's path as given to the loader
	Line int    // 1-based; 0 when the problem is about the whole file
	Msg  string
}

// Error formats the problem as FILE:LINE: message.
func (p Problem) Error() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}
