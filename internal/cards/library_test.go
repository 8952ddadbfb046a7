package cards

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/limber-app/limber/internal/schedule"
)

func TestBuiltinCardsAllValid(t *testing.T) {
	lib := Builtin()
	for _, p := range lib.Problems() {
		t.Errorf("built-in card problem: %v", p)
	}
	if lib.Len() < 40 {
		t.Fatalf("got %d built-in cards, want at least 40", lib.Len())
	}
	for _, c := range lib.Cards() {
		if len(c.Figure.Poses) < 2 {
			t.Errorf("%s: built-in cards animate; it has %d poses", c.ID, len(c.Figure.Poses))
		}
		if !strings.HasSuffix(c.Source, "/"+c.ID+".toml") {
			t.Errorf("%s: file %s should be named after the id", c.ID, c.Source)
		}
	}
}

func TestBuiltinCoverage(t *testing.T) {
	lib := Builtin()
	factors := map[Factor]int{}
	kinds := map[schedule.Kind]int{}
	floor, deskOrStanding := 0, 0
	for _, c := range lib.Cards() {
		for _, f := range c.Factors {
			factors[f]++
		}
		for _, k := range c.Kinds {
			kinds[k]++
		}
		if c.FitsPositions([]Position{Desk, Standing}) {
			deskOrStanding++
		} else {
			floor++
		}
	}
	for _, f := range AllFactors() {
		if factors[f] < 3 {
			t.Errorf("factor %s has %d cards, want at least 3", f, factors[f])
		}
	}
	for _, k := range schedule.AllKinds() {
		if kinds[k] < 3 {
			t.Errorf("kind %s has %d cards, want at least 3", k, kinds[k])
		}
	}
	if deskOrStanding <= floor*3 {
		t.Errorf("most cards should be doable at a desk or standing: %d vs %d floor-only", deskOrStanding, floor)
	}
}

const validCard = `id = "my-card"
title = "My card"
kinds = ["stretch"]
duration = "30s"
positions = ["desk"]
factors = ["stress"]
areas = ["neck"]
steps = [
  "One.",
  "Two.",
  "Three.",
]
safety = "Be gentle."
`

func TestLoadUserCards(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	builtin := fstest.MapFS{
		"my-card.toml":    {Data: []byte(strings.Replace(validCard, `"My card"`, `"Built-in title"`, 1))},
		"other-card.toml": {Data: []byte(strings.Replace(validCard, `"my-card"`, `"other-card"`, 1))},
	}
	write("mine.toml", validCard)                                                // replaces built-in my-card
	write("bad.toml", strings.Replace(validCard, `"stress"`, `"stres"`, 1))      // bad factor
	write("dup.toml", validCard)                                                 // same id as mine.toml; read first (by name), so mine.toml is skipped
	write("notes.txt", "not a card")                                             // ignored
	write("new.toml", strings.Replace(validCard, `"my-card"`, `"brand-new"`, 1)) // fine
	write("broken.toml", "id = \"x\"\ntitle = \n")                               // TOML syntax error

	lib := Load(builtin, dir)
	if lib.Len() != 3 {
		t.Fatalf("got %d cards, want 3 (other-card, my-card (own), brand-new): %v", lib.Len(), lib.Cards())
	}
	c, ok := lib.Card("my-card")
	if !ok || !c.Own || c.Title != "My card" {
		t.Errorf("the user's my-card should replace the built-in one, got %+v", c)
	}
	if got := lib.Replaced(); len(got) != 1 || got[0] != "my-card" {
		t.Errorf("Replaced() = %v", got)
	}
	var msgs []string
	for _, p := range lib.Problems() {
		msgs = append(msgs, p.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		filepath.Join(dir, "bad.toml") + ":6: unknown value \"stres\" in factors",
		filepath.Join(dir, "broken.toml") + ":2: not valid TOML",
		filepath.Join(dir, "mine.toml") + ":1: id \"my-card\" is already used by " + filepath.Join(dir, "dup.toml"),
	} {
		if !strings.Contains(all, want) {
			t.Errorf("problems do not mention %q:\n%s", want, all)
		}
	}
	if len(msgs) != 3 {
		t.Errorf("got %d problems, want 3:\n%s", len(msgs), all)
	}
}

func TestLoadMissingUserDir(t *testing.T) {
	lib := Load(fstest.MapFS{"my-card.toml": {Data: []byte(validCard)}}, filepath.Join(t.TempDir(), "nope"))
	if lib.Len() != 1 || len(lib.Problems()) != 0 {
		t.Fatalf("a missing user folder is normal: %d cards, problems %v", lib.Len(), lib.Problems())
	}
}

func TestCheckDir(t *testing.T) {
	dir := t.TempDir()
	if _, probs := CheckDir(filepath.Join(dir, "missing")); len(probs) != 1 {
		t.Errorf("a missing folder should be one problem, got %v", probs)
	}
	os.WriteFile(filepath.Join(dir, "a.toml"), []byte(validCard), 0o644)
	cs, probs := CheckDir(dir)
	if len(cs) != 1 || len(probs) != 0 {
		t.Errorf("got %d cards and %v", len(cs), probs)
	}
}

// The daemon's library without figures holds the same cards, in the same
// order and with the same texts, and reports the same problems.
func TestNoFiguresSameCards(t *testing.T) {
	dir := t.TempDir()
	bad := strings.Replace(figureCard, `torso = 160`, `elbow = 10`, 1)
	for name, data := range map[string]string{"good.toml": figureCard, "bad.toml": strings.Replace(bad, `"my-card"`, `"bad-card"`, 1)} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	builtin := os.DirFS("../../assets/cardfiles")
	full := Load(builtin, dir)
	light := load(builtin, dir, &Library{byID: map[string]int{}})
	if len(full.Problems()) != 1 || fmt.Sprint(light.Problems()) != fmt.Sprint(full.Problems()) {
		t.Errorf("problems without figures:\n%v\nwith:\n%v", light.Problems(), full.Problems())
	}
	fc, lc := full.Cards(), light.Cards()
	if len(lc) != len(fc) || len(fc) < 40 {
		t.Fatalf("%d cards without figures, %d with", len(lc), len(fc))
	}
	for i := range fc {
		if len(lc[i].Figure.Poses) != 0 {
			t.Errorf("%s: figure solved in the library without figures", lc[i].ID)
		}
		f := fc[i]
		f.Figure = lc[i].Figure
		if !reflect.DeepEqual(f, lc[i]) {
			t.Errorf("card %d differs without figures:\n%+v\nwant\n%+v", i, lc[i], f)
		}
	}
}
