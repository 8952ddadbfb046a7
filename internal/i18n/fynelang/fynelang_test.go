package fynelang

import (
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
		texts[l] = cat["tray.quit"] // differs in every language, no placeholders
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
