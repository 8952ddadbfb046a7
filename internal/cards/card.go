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
	"github.com/limber-app/limber/internal/schedule"
)

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
	MinSteps      = 3
	MaxSteps      = 5
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
	ID        string
	Title     string
	Kinds     []schedule.Kind
	Duration  time.Duration // how long doing it takes, at most the break's length
	Positions []Position
	Factors   []Factor
	Areas     []Area
	Steps     []string
	Safety    string
	// HandsOnDesk: the exercise is done with the hands on the desk or
	// keyboard (a wrist or finger stretch), so input during it does not
	// pause the break's countdown (file key hands_on_desk).
	HandsOnDesk bool
	Figure      pose.Figure
	// Source is the file the card came from ("built-in/NAME.toml" for built-ins).
	Source string
	// Own is true for the user's cards.
	Own bool
}

// HasKind reports whether the card serves the break kind k.
func (c Card) HasKind(k schedule.Kind) bool {
	for _, x := range c.Kinds {
		if x == k {
			return true
		}
	}
	return false
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
