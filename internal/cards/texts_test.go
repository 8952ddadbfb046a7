package cards

import (
	"regexp"
	"strings"
	"testing"

	"github.com/limber-app/limber/internal/i18n"
)

// englishWords are common English words that no German, French or
// Spanish card text should hold: left-over English.
var englishWords = regexp.MustCompile(`(?i)\b(the|your|you|and|with|for|then|until|slowly|breath|breathe|hold|keep|stand|sit|back|feet|knees|arms|water|screen)\b`)

// TestEveryCardInEveryLanguage: every built-in card has its title, each
// step and its safety line in every language the app speaks, translated.
func TestEveryCardInEveryLanguage(t *testing.T) {
	for _, c := range Builtin().Cards() {
		for _, l := range i18n.Languages()[1:] {
			tx, ok := c.Texts[l]
			if !ok {
				t.Errorf("%s: no [%s] texts", c.ID, l)
				continue
			}
			if len(tx.Steps) != len(c.Steps) {
				t.Errorf("%s [%s]: %d steps, English %d", c.ID, l, len(tx.Steps), len(c.Steps))
			}
			all := append([]string{tx.Title, tx.Safety}, tx.Steps...)
			eng := append([]string{c.Title, c.Safety}, c.Steps...)
			for i, s := range all {
				if i < len(eng) && s == eng[i] && s != "Limber" {
					t.Errorf("%s [%s]: %q is the English", c.ID, l, s)
				}
				if m := englishWords.FindString(s); m != "" {
					t.Errorf("%s [%s]: %q holds the English word %q", c.ID, l, s, m)
				}
			}
			local := c.In(l)
			if local.Title != tx.Title || strings.Join(local.Steps, "|") != strings.Join(tx.Steps, "|") || local.Safety != tx.Safety {
				t.Errorf("%s: In(%s) does not use the %s texts", c.ID, l, l)
			}
		}
		if c.In("en").Title != c.Title || c.In("it").Title != c.Title {
			t.Errorf("%s: English and unknown languages keep the English title", c.ID)
		}
	}
}

// TestTranslationTablesMatchLanguages keeps the card file's language
// tables in step with the app's languages.
func TestTranslationTablesMatchLanguages(t *testing.T) {
	var codes []string
	for _, tr := range (rawCard{}).translations() {
		codes = append(codes, tr.code)
	}
	if got, want := strings.Join(codes, ","), strings.Join(i18n.Languages()[1:], ","); got != want {
		t.Errorf("card files take [%s], the app speaks %s besides English", got, want)
	}
}

func TestParseTranslations(t *testing.T) {
	good := validCard + "\n[de]\ntitle = \"Meine Karte\"\nsteps = [\"Eins.\", \"Zwei.\", \"Drei.\"]\nsafety = \"Sanft.\"\n"
	c, probs := Parse("c.toml", []byte(good))
	if len(probs) > 0 || c.In("de").Title != "Meine Karte" || c.In("de").Steps[2] != "Drei." {
		t.Fatalf("%v %+v", probs, c.Texts)
	}
	for name, tc := range map[string]struct{ edit, want string }{
		"missing step": {strings.Replace(good, `, "Drei."`, "", 1), `c.toml:17: [de] has 2 steps; the card has 3`},
		"no title":     {strings.Replace(good, `title = "Meine Karte"`, `title = ""`, 1), `c.toml:16: [de] title is missing`},
		"no safety":    {strings.Replace(good, `safety = "Sanft."`, ``, 1), `c.toml:15: [de] safety is missing`},
		"unknown lang": {strings.Replace(good, `[de]`, `[it]`, 1), `unknown key "it`},
	} {
		_, probs := Parse("c.toml", []byte(tc.edit))
		if len(probs) == 0 || !strings.Contains(probs[0].Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", name, probs, tc.want)
		}
	}
}

// TestCardTypography: French puts a non-breaking space before : ; ? ! and
// uses the typographic apostrophe; Spanish opens its questions and
// exclamations with ¿ and ¡; German quotes „so“.
func TestCardTypography(t *testing.T) {
	for _, c := range Builtin().Cards() {
		for _, l := range i18n.Languages()[1:] {
			tx := c.Texts[l]
			for _, s := range append([]string{tx.Title, tx.Safety}, tx.Steps...) {
				if msg := i18n.TypographyProblem(l, s); msg != "" {
					t.Errorf("%s [%s]: %q: %s", c.ID, l, s, msg)
				}
			}
		}
	}
}
