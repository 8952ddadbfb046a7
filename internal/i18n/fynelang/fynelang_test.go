package fynelang

import (
	"regexp"
	"sort"
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/limber-app/limber/internal/i18n"
)

// TestInitSwitchesBoth: after Init, Fyne's lang.X (the windows' own
// texts) and i18n.X (the texts of the packages they share with the
// daemon) answer in the chosen language, whatever the system's.
func TestInitSwitchesBoth(t *testing.T) {
	texts := map[string]string{}
	for _, l := range i18n.Languages() {
		cat, err := i18n.Catalogue(l)
		if err != nil {
			t.Fatal(err)
		}
		texts[l] = cat["tray.quit"].Other // differs in every language, no placeholders
	}
	for _, env := range []string{"C", "en_US.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("LC_ALL", "")
			t.Setenv("LANGUAGE", "")
			t.Setenv("LANG", env)
			for _, l := range []string{i18n.German, i18n.English, i18n.Spanish, i18n.French, i18n.German} {
				if err := Init(l); err != nil {
					t.Fatal(err)
				}
				if got := lang.X("tray.quit", "fallback"); got != texts[l] {
					t.Errorf("setting %q: lang.X = %q, want %q", l, got, texts[l])
				}
				if got := i18n.X("tray.quit", "fallback"); got != texts[l] {
					t.Errorf("setting %q: i18n.X = %q, want %q", l, got, texts[l])
				}
			}
		})
	}
}

// TestXNAgreesWithFyne: the daemon's own plural lookup (i18n.XN) gives the
// same text as Fyne's lang.XN (go-i18n's CLDR tables) for every plural
// key of the catalogues, in every language, for counts that take each
// form (French 0 is "one", French and Spanish millions "many"). The
// system locale is the chosen language's, so that Fyne applies that
// language's plural rules (with another locale it applies the locale's:
// see padPlurals). Plain texts are compared through X as well.
func TestXNAgreesWithFyne(t *testing.T) {
	en, err := i18n.Catalogue(i18n.English)
	if err != nil {
		t.Fatal(err)
	}
	var plural, plain []string
	for k, e := range en {
		if e.Plural() {
			plural = append(plural, k)
		} else {
			plain = append(plain, k)
		}
	}
	sort.Strings(plural)
	sort.Strings(plain)
	if len(plural) < 5 {
		t.Fatalf("only %d plural keys: the catalogues lost them?", len(plural))
	}
	locales := map[string]string{i18n.English: "en_US.UTF-8", i18n.German: "de_DE.UTF-8", i18n.French: "fr_FR.UTF-8", i18n.Spanish: "es_ES.UTF-8"}
	for _, l := range i18n.Languages() {
		t.Run(l, func(t *testing.T) {
			t.Setenv("LC_ALL", "")
			t.Setenv("LANGUAGE", "")
			t.Setenv("LANG", locales[l])
			if err := Init(l); err != nil {
				t.Fatal(err)
			}
			compared := 0
			for _, k := range plural {
				data := map[string]any{}
				for _, p := range placeholders.FindAllStringSubmatch(en[k].Other, -1) {
					data[p[1]] = "«" + p[1] + "»"
				}
				for _, n := range []int{0, 1, 2, 5, 1000000} {
					data["N"] = n
					want := lang.XN(k, en[k].Other, n, data)
					if got := i18n.XN(k, en[k].Other, n, data); got != want {
						t.Errorf("%s with %d: i18n.XN = %q, lang.XN = %q", k, n, got, want)
					}
					compared++
				}
			}
			for _, k := range plain {
				data := map[string]any{}
				for _, p := range placeholders.FindAllStringSubmatch(en[k].Other, -1) {
					data[p[1]] = 7
				}
				if got, want := i18n.X(k, en[k].Other, data), lang.X(k, en[k].Other, data); got != want {
					t.Errorf("%s: i18n.X = %q, lang.X = %q", k, got, want)
				}
			}
			if compared != 5*len(plural) {
				t.Errorf("compared %d texts", compared)
			}
		})
	}
	if err := Init(i18n.English); err != nil {
		t.Fatal(err)
	}
}

var placeholders = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)
