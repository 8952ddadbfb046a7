package cards

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/limber-app/limber/assets/cardfiles"
	"github.com/limber-app/limber/internal/paths"
	"github.com/limber-app/limber/internal/safefile"
)

// Library is every usable card, built-in and the user's own, plus what was
// wrong with the files that could not be used. It is read-only once loaded
// and safe to share between goroutines.
type Library struct {
	cards    []Card
	byID     map[string]int
	problems []Problem
	replaced []string // ids of built-in cards replaced by the user's own
	// figure makes each Card.Figure; nil leaves them empty
	// (LoadDefaultNoFigures).
	figure figureFunc
}

// Load reads the built-in cards from builtin (*.toml at its root) and the
// user's cards from userDir (skipped when userDir is "" or does not exist).
// A bad file is skipped and reported in Problems; the rest still load.
//
// A user card with the same id as a built-in card replaces it (so people
// can adjust a built-in card by copying it); Replaced lists those ids. Two
// user files with the same id are a problem: the later file (by name) is skipped.
func Load(builtin fs.FS, userDir string) *Library {
	return load(builtin, userDir, &Library{byID: map[string]int{}, figure: solveFigure})
}

func load(builtin fs.FS, userDir string, lib *Library) *Library {
	if builtin != nil {
		names, err := fs.Glob(builtin, "*.toml")
		if err != nil {
			lib.problems = append(lib.problems, Problem{File: "built-in", Msg: fmt.Sprintf("listing built-in cards: %v", err)})
		}
		sort.Strings(names)
		for _, n := range names {
			data, err := fs.ReadFile(builtin, n)
			shown := path.Join("built-in", n)
			if err != nil {
				lib.problems = append(lib.problems, Problem{File: shown, Msg: fmt.Sprintf("cannot read: %v", err)})
				continue
			}
			lib.add(shown, data, false)
		}
	}
	if userDir != "" {
		cs, probs := readDir(userDir)
		lib.problems = append(lib.problems, probs...)
		for _, f := range cs {
			lib.add(f.name, f.data, true)
		}
	}
	return lib
}

// LoadDefault loads the built-in cards and the user's folder (paths.CardsDir).
func LoadDefault() *Library {
	return loadDefault(&Library{byID: map[string]int{}, figure: solveFigure})
}

// LoadDefaultNoFigures is LoadDefault for the daemon and the command
// line, which pick and list cards and never draw them (the card window
// loads its own library): every file is checked as strictly, figures
// included, so the same cards load and the same problems are reported,
// but each Card.Figure is empty. Solving the figures' poses was 5 of the
// daemon's 13 MB of start-up allocation and kept about 150 kB live; and
// without a call of LoadDefault, Load or Parse, limber links no pose
// solver.
func LoadDefaultNoFigures() *Library {
	return loadDefault(&Library{byID: map[string]int{}})
}

func loadDefault(lib *Library) *Library {
	dir, err := paths.CardsDir()
	lib = load(cardfiles.FS(), dir, lib)
	if err != nil {
		lib.problems = append(lib.problems, Problem{File: "cards folder", Msg: err.Error()})
	}
	return lib
}

// Builtin loads only the cards that ship with Limber.
func Builtin() *Library { return Load(cardfiles.FS(), "") }

type rawFile struct {
	name string
	data []byte
}

// readDir reads every *.toml file of dir (not sub-folders). A missing dir
// is no problem: most people have no cards of their own.
func readDir(dir string) ([]rawFile, []Problem) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []Problem{{File: dir, Msg: fmt.Sprintf("cannot read the cards folder: %v", err)}}
	}
	var out []rawFile
	var probs []Problem
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") || !strings.EqualFold(filepath.Ext(n), ".toml") {
			continue
		}
		p := filepath.Join(dir, n)
		// Open, check the open file, read at most the cap: a FIFO or
		// /dev/zero named *.toml is refused, never waited on or read.
		data, err := safefile.Read(p, maxFileSize)
		if errors.Is(err, safefile.ErrTooLarge) {
			probs = append(probs, Problem{File: p, Msg: fmt.Sprintf("a card file may be at most %d bytes", maxFileSize)})
			continue
		}
		if err != nil {
			probs = append(probs, Problem{File: p, Msg: fmt.Sprintf("cannot read: %v", err)})
			continue
		}
		out = append(out, rawFile{p, data})
	}
	return out, probs
}

func (lib *Library) add(name string, data []byte, own bool) {
	c, probs := parse(name, data, lib.figure)
	if len(probs) > 0 {
		lib.problems = append(lib.problems, probs...)
		return
	}
	c.Source, c.Own = name, own
	if i, ok := lib.byID[c.ID]; ok {
		prev := lib.cards[i]
		if own && !prev.Own {
			lib.cards[i] = c
			lib.replaced = append(lib.replaced, c.ID)
			return
		}
		lib.problems = append(lib.problems, Problem{File: name, Line: newLocator(data).key("", 0, "id"),
			Msg: fmt.Sprintf("id %q is already used by %s; this file is skipped (give it another id)", c.ID, prev.Source)})
		return
	}
	lib.byID[c.ID] = len(lib.cards)
	lib.cards = append(lib.cards, c)
}

// Cards returns every usable card, built-in first, in file-name order.
func (lib *Library) Cards() []Card { return append([]Card(nil), lib.cards...) }

// Len is the number of usable cards.
func (lib *Library) Len() int { return len(lib.cards) }

// Card returns the card with the given id.
func (lib *Library) Card(id string) (Card, bool) {
	i, ok := lib.byID[id]
	if !ok {
		return Card{}, false
	}
	return lib.cards[i], true
}

// Has reports whether the library holds a card with this id.
func (lib *Library) Has(id string) bool { _, ok := lib.byID[id]; return ok }

// Problems lists what was wrong with the files that were skipped.
func (lib *Library) Problems() []Problem { return append([]Problem(nil), lib.problems...) }

// Replaced lists the ids of built-in cards replaced by the user's own.
func (lib *Library) Replaced() []string { return append([]string(nil), lib.replaced...) }

// CheckDir validates every card file in dir, as `limber cards check` does.
// It returns the valid cards (without figures, see LoadDefaultNoFigures)
// and every problem; a missing folder is a problem here.
func CheckDir(dir string) ([]Card, []Problem) {
	if _, err := os.Stat(dir); err != nil {
		return nil, []Problem{{File: dir, Msg: fmt.Sprintf("cannot open the folder: %v", err)}}
	}
	files, probs := readDir(dir)
	lib := &Library{byID: map[string]int{}, problems: probs}
	for _, f := range files {
		lib.add(f.name, f.data, true)
	}
	return lib.Cards(), lib.problems
}

// Tips are the cards that cannot be done on a break ("take your next call
// standing", tonight's sleep set-up): advice for the welcome window and
// the statistics footer, never a break card. Built-in first, in file order.
func Tips(lib *Library) []Card {
	var out []Card
	for _, c := range lib.cards {
		if c.Tip {
			out = append(out, c)
		}
	}
	return out
}

// TipOfDay is the tip shown on day (one a day, in turn through every
// tip); ok is false when the library holds none.
func TipOfDay(lib *Library, day time.Time) (Card, bool) {
	tips := Tips(lib)
	if len(tips) == 0 {
		return Card{}, false
	}
	y, m, d := day.Date()
	n := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
	return tips[int(n%int64(len(tips)))], true
}
