package cards

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// ErrNoCard means no card fits the break at all (not even after relaxing
// the length and the recent-cards rule).
var ErrNoCard = errors.New("no card fits this break")

// Picker chooses cards for breaks. It remembers the last recentN cards it
// gave out and never repeats one of them while another card fits; among the
// cards that fit it prefers body areas and factors that were not worked on
// recently. Given the same seed and the same calls it makes the same picks.
// It is safe for concurrent use.
type Picker struct {
	lib     *Library
	recentN int

	mu     sync.Mutex
	rng    *rand.Rand
	recent []string // newest last
}

// NewPicker returns a picker over lib. recentN is how many recent cards are
// never repeated (values below 0 count as 0).
func NewPicker(lib *Library, seed int64, recentN int) *Picker {
	if recentN < 0 {
		recentN = 0
	}
	return &Picker{lib: lib, recentN: recentN, rng: rand.New(rand.NewPCG(uint64(seed), 0x6c696d626572))}
}

// SetLibrary swaps in a reloaded library (the user edited their cards),
// keeping the memory of recent cards.
func (p *Picker) SetLibrary(lib *Library) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lib = lib
}

// Recent returns the ids of the remembered cards, oldest first.
func (p *Picker) Recent() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.recent...)
}

// Remember records that a card was shown without the picker choosing it
// (for example one the user asked for by id).
func (p *Picker) Remember(id string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.remember(id)
}

func (p *Picker) remember(id string) {
	p.recent = append(p.recent, id)
	if n := len(p.recent) - p.recentN; n > 0 {
		p.recent = append([]string(nil), p.recent[n:]...)
	}
}

// Pick chooses a card for a break of the given kind and length that can be
// done in one of the allowed positions (empty: any). Cards in exclude are
// never chosen ("Another one" excludes the card on screen). A length of 0
// means any length. If nothing fits, the recent-cards rule is relaxed
// first, then the length; the kind, positions and exclude list always hold.
func (p *Picker) Pick(kind schedule.Kind, length time.Duration, allowed []Position, exclude []string) (Card, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	ex := map[string]bool{}
	for _, id := range exclude {
		ex[id] = true
	}
	recent := map[string]bool{}
	for _, id := range p.recent {
		recent[id] = true
	}
	var base []Card
	for _, c := range p.lib.cards {
		if c.HasKind(kind) && c.FitsPositions(allowed) && !ex[c.ID] {
			base = append(base, c)
		}
	}
	tiers := []func(Card) bool{
		func(c Card) bool { return !recent[c.ID] && (length <= 0 || c.Duration <= length) },
		func(c Card) bool { return length <= 0 || c.Duration <= length },
		func(c Card) bool { return !recent[c.ID] },
		func(Card) bool { return true },
	}
	for _, ok := range tiers {
		var cand []Card
		for _, c := range base {
			if ok(c) {
				cand = append(cand, c)
			}
		}
		if len(cand) > 0 {
			c := p.choose(cand)
			p.remember(c.ID)
			return c, nil
		}
	}
	return Card{}, fmt.Errorf("%w (kind %s, positions %v)", ErrNoCard, kind, allowed)
}

// choose takes one of the candidates that least repeats the body areas and
// factors of the recent cards, the most recent counting most.
func (p *Picker) choose(cand []Card) Card {
	areaW, factorW := map[Area]int{}, map[Factor]int{}
	for i, id := range p.recent {
		c, ok := p.lib.Card(id)
		if !ok {
			continue
		}
		w := i + 1 // newer cards weigh more
		for _, a := range c.Areas {
			areaW[a] += w
		}
		for _, f := range c.Factors {
			factorW[f] += w
		}
	}
	best, bestScore := []Card(nil), -1
	for _, c := range cand {
		s := 0
		for _, a := range c.Areas {
			s += 2 * areaW[a]
		}
		for _, f := range c.Factors {
			s += factorW[f]
		}
		switch {
		case bestScore < 0 || s < bestScore:
			best, bestScore = []Card{c}, s
		case s == bestScore:
			best = append(best, c)
		}
	}
	return best[p.rng.IntN(len(best))]
}
