// Package i18n loads Limber's catalogues (English and German, embedded)
// into Fyne's lang package, so every lang.X call in the daemon, the CLI and
// the windows speaks the user's language. Call Init once at start and again
// when the language setting changes.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/limber-app/limber/internal/i18n/clocale"
)

//go:embed translations/*.json
var catalogues embed.FS

// Languages with a catalogue, and "system" (the desktop's own).
const (
	System  = "system"
	English = "en"
	German  = "de"
)

// Catalogue returns the embedded catalogue of language code ("en", "de")
// as key -> text.
func Catalogue(code string) (map[string]string, error) {
	data, err := catalogues.ReadFile("translations/" + code + ".json")
	if err != nil {
		return nil, fmt.Errorf("no catalogue for language %q: %w", code, err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("reading catalogue %s.json: %w", code, err)
	}
	return m, nil
}

// Resolve says which catalogue a language setting uses: "en" or "de" as
// given, and for "system" (or anything else) German when the desktop's
// language is German, English otherwise.
func Resolve(setting string) string {
	switch setting {
	case English, German:
		return setting
	}
	if strings.HasPrefix(strings.ToLower(lang.SystemLocale().LanguageString()), German) {
		return German
	}
	return English
}

// Init loads the catalogues and makes lang.X answer in the language of
// setting ("system", "en" or "de"). Calling it again switches language.
//
// Fyne picks the catalogue closest to the system locale and offers no way
// to choose another, so an explicit choice is made to win by also loading
// the chosen catalogue under the system's own locale (and under "en", the
// fallback when the locale is unknown, such as LANG=C).
func Init(setting string) error {
	clocale.Quiet()
	var firstErr error
	keep := func(err error) {
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	en, err := catalogues.ReadFile("translations/en.json")
	keep(err)
	de, err := catalogues.ReadFile("translations/de.json")
	keep(err)
	if firstErr != nil {
		return fmt.Errorf("loading translations: %w", firstErr)
	}
	keep(lang.AddTranslationsForLocale(en, fyne.Locale("en")))
	keep(lang.AddTranslationsForLocale(de, fyne.Locale("de")))

	chosen := Resolve(setting)
	data := en
	if chosen == German {
		data = de
	}
	if sys := lang.SystemLocale(); sys != "" && !strings.EqualFold(string(sys), chosen) {
		keep(lang.AddTranslationsForLocale(data, sys))
	}
	if chosen != English {
		// With no usable system locale Fyne falls back to "en".
		keep(lang.AddTranslationsForLocale(data, fyne.Locale("en")))
	}
	if firstErr != nil {
		return fmt.Errorf("loading translations: %w", firstErr)
	}
	return nil
}
