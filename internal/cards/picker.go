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

// Plan is what a break shows: one card, or a short sequence of cards shown
// one after the other, that together fill the break.
type Plan struct {
	Cards []Card
	// Total is the time the cards take on this break (a timed card takes
	// the whole break), Rest included.
	Total time.Duration
	// Rest is time the last card is held or repeated for beyond its own
	// Duration, so that the plan fills the break when no cards of the
	// library can (a 10-minute stretch break from 40-second cards). The card
	// window says so on the last card ("Repeat it until the time is up").
	Rest time.Duration
	// Length is the break's length the plan was made for (0: any).
	Length time.Duration
}

// Fills reports whether the cards take at least MinFill of the break and
// no more than all of it (any plan fills a break of unknown length).
func (pl Plan) Fills() bool {
	if pl.Length <= 0 {
		return len(pl.Cards) > 0
	}
	return pl.Total <= pl.Length && float64(pl.Total) >= MinFill*float64(pl.Length)
}

// IDs lists the plan's card ids in order.
func (pl Plan) IDs() []string {
	out := make([]string, len(pl.Cards))
	for i, c := range pl.Cards {
		out[i] = c.ID
	}
	return out
}

// Pick chooses the card to show first on a break of the given kind and
// length (0: any), among the cards that serve the kind in one of the
// allowed positions (empty: any). Cards in exclude are never chosen
// ("Another one" excludes the card on screen). It is the first card of
// Sequence's plan; only it is remembered as shown.
func (p *Picker) Pick(kind schedule.Kind, length time.Duration, allowed []Position, exclude []string) (Card, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pl, err := p.plan(kind, length, allowed, exclude)
	if err != nil {
		return Card{}, err
	}
	p.remember(pl.Cards[0].ID)
	return pl.Cards[0], nil
}

// Sequence plans a whole break: a single card whose time is within the
// break's length and fills at least MinFill of it, a timed activity that
// lasts the break, or two to MaxSequence cards one after the other that
// together fill it. Recent cards are avoided while a filling plan exists
// without them; body areas are varied within the plan and across breaks.
// When no plan fills the break (a user's small library, an odd length),
// the fullest one found is returned; when no card fits the length at all,
// the shortest serving card. The kind, positions and exclude list always
// hold. Every card of the plan is remembered as shown.
func (p *Picker) Sequence(kind schedule.Kind, length time.Duration, allowed []Position, exclude []string) (Plan, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pl, err := p.plan(kind, length, allowed, exclude)
	if err != nil {
		return Plan{}, err
	}
	for _, c := range pl.Cards {
		p.remember(c.ID)
	}
	return pl, nil
}

// attempts is how many random sequences plan tries per round before it
// settles for the fullest; the pools are small, so a few dozen suffice.
const attempts = 24

func (p *Picker) plan(kind schedule.Kind, length time.Duration, allowed []Position, exclude []string) (Plan, error) {
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
		if c.Serves(kind, allowed) && !ex[c.ID] {
			base = append(base, c)
		}
	}
	if len(base) == 0 {
		return Plan{}, fmt.Errorf("%w (kind %s, positions %v)", ErrNoCard, kind, allowed)
	}
	if length <= 0 {
		cand := filter(base, func(c Card) bool { return !recent[c.ID] })
		if len(cand) == 0 {
			cand = base
		}
		c := p.choose(cand, nil, 0)
		return Plan{Cards: []Card{c}, Total: c.Duration}, nil
	}
	var best Plan
	for _, fresh := range []bool{true, false} {
		pool := base
		if fresh {
			pool = filter(base, func(c Card) bool { return !recent[c.ID] })
		}
		if !canFill(pool, length) {
			continue
		}
		for i := range attempts {
			pl := p.try(pool, length, i)
			if pl.Fills() {
				return pl, nil
			}
			if pl.Total > best.Total {
				best = pl
			}
		}
	}
	// Random sequences that vary the body areas found no filling plan:
	// long cards may still fill it (a 5-minute stretch break needs the few
	// long cards).
	for _, fresh := range []bool{true, false} {
		pool := base
		if fresh {
			pool = filter(base, func(c Card) bool { return !recent[c.ID] })
		}
		if !canFill(pool, length) {
			continue
		}
		for range attempts {
			pl := p.longFill(pool, length)
			if pl.Fills() {
				return pl, nil
			}
			if pl.Total > best.Total {
				best = pl
			}
		}
	}
	if len(best.Cards) == 0 {
		best = p.longFill(base, length) // no plan can fill it: the fullest is the long cards
	}
	if len(best.Cards) > 0 {
		// The library truly cannot fill the break: the last card is held
		// (repeated) for the rest, so the break shown is the break asked
		// for, and Done at its end is no "too short".
		if best.Total < length {
			best.Rest = length - best.Total
			best.Total = length
		}
		return best, nil
	}
	// Nothing is as short as the break: the shortest card, so the break
	// still has something to show.
	short := base[0]
	for _, c := range base[1:] {
		if c.Duration < short.Duration {
			short = c
		}
	}
	return Plan{Cards: []Card{short}, Total: short.Duration, Length: length}, nil
}

// try builds one sequence at random: cards that fit what is left of the
// break, until it is filled or MaxSequence cards are chosen. Later
// attempts accept cards that repeat recent areas more (slack), so that a
// break the best-varied cards cannot fill is still filled.
func (p *Picker) try(pool []Card, length time.Duration, slack int) Plan {
	pl := Plan{Length: length}
	used := map[string]bool{}
	for len(pl.Cards) < MaxSequence {
		left := length - pl.Total
		cand := filter(pool, func(c Card) bool { return !used[c.ID] && c.Duration <= left })
		if len(cand) == 0 {
			break
		}
		// Look one card ahead: prefer cards after which the break is
		// filled or another card still fits, over dead ends.
		if ok := filter(cand, func(c Card) bool {
			rest := left - c.Time(left)
			if float64(length-rest) >= MinFill*float64(length) {
				return true
			}
			return len(pl.Cards)+1 < MaxSequence && anyCard(pool, func(d Card) bool {
				return d.ID != c.ID && !used[d.ID] && d.Duration <= rest
			})
		}); len(ok) > 0 {
			cand = ok
		}
		c := p.choose(cand, pl.Cards, slack)
		pl.Cards = append(pl.Cards, c)
		used[c.ID] = true
		pl.Total += c.Time(left)
		if pl.Fills() {
			break
		}
	}
	return pl
}

// longFill fills the break with long enough cards: each is drawn at
// random among those that fit what is left and are at least the average
// the remaining places need to reach MinFill (the longest that fits when
// none is), up to MaxSequence. Random tries that vary body areas seldom
// find the few long cards a 5-minute stretch break needs; this does, and
// still varies between breaks.
func (p *Picker) longFill(pool []Card, length time.Duration) Plan {
	pl := Plan{Length: length}
	used := map[string]bool{}
	for len(pl.Cards) < MaxSequence && !pl.Fills() {
		left := length - pl.Total
		need := (time.Duration(MinFill*float64(length)) - pl.Total) / time.Duration(MaxSequence-len(pl.Cards))
		fit := filter(pool, func(c Card) bool { return !used[c.ID] && c.Duration <= left })
		if len(fit) == 0 {
			break
		}
		cand := filter(fit, func(c Card) bool { return c.Time(left) >= need })
		if len(cand) == 0 {
			// The longest that fits (the first of equals). A loop, not a
			// sort: sort.Slice's interface (or a generic's dictionary)
			// would keep every exported method of pose.Figure linked
			// (godbus calls methods by reflection), the whole pose solver
			// in limber.
			best := fit[0]
			for _, c := range fit[1:] {
				if c.Time(left) > best.Time(left) {
					best = c
				}
			}
			cand = []Card{best}
		}
		c := cand[p.rng.IntN(len(cand))]
		pl.Cards = append(pl.Cards, c)
		used[c.ID] = true
		pl.Total += c.Time(left)
	}
	return pl
}

// anyCard reports whether one of cs is ok (filter without the copies).
func anyCard(cs []Card, ok func(Card) bool) bool {
	for i := range cs {
		if ok(cs[i]) {
			return true
		}
	}
	return false
}

// canFill reports whether some plan of pool's cards could fill the break:
// a timed card that fits it, or the MaxSequence longest cards that fit
// reaching MinFill. When not, the random tries are not worth making.
func canFill(pool []Card, length time.Duration) bool {
	var top [MaxSequence]time.Duration
	for i := range pool {
		c := &pool[i]
		if c.Duration > length {
			continue
		}
		if c.Timed {
			return true
		}
		for k := range top { // keep the longest, longest first
			if c.Duration > top[k] {
				copy(top[k+1:], top[k:len(top)-1])
				top[k] = c.Duration
				break
			}
		}
	}
	var sum time.Duration
	for _, d := range top {
		sum += d
	}
	return float64(sum) >= MinFill*float64(length)
}

func filter(cs []Card, ok func(Card) bool) []Card {
	var out []Card
	for _, c := range cs {
		if ok(c) {
			out = append(out, c)
		}
	}
	return out
}

// choose takes one of the candidates that least repeats the body areas and
// factors of the recent cards and of the cards already in the plan, the
// most recent counting most. With slack > 0, cards scoring up to about
// slack quarters worse than the best are candidates too.
func (p *Picker) choose(cand []Card, planned []Card, slack int) Card {
	areaW, factorW := map[Area]int{}, map[Factor]int{}
	var before []Card
	for _, id := range p.recent {
		if c, ok := p.lib.Card(id); ok {
			before = append(before, c)
		}
	}
	before = append(before, planned...)
	for i, c := range before {
		w := i + 1 // newer cards weigh more
		for _, a := range c.Areas {
			areaW[a] += w
		}
		for _, f := range c.Factors {
			factorW[f] += w
		}
	}
	scores := make([]int, len(cand))
	low := -1
	for i, c := range cand {
		for _, a := range c.Areas {
			scores[i] += 2 * areaW[a]
		}
		for _, f := range c.Factors {
			scores[i] += factorW[f]
		}
		if low < 0 || scores[i] < low {
			low = scores[i]
		}
	}
	var best []Card
	for i, c := range cand {
		if scores[i] <= low+slack*(1+low/4) {
			best = append(best, c)
		}
	}
	return best[p.rng.IntN(len(best))]
}
