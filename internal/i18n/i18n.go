// Package i18n loads Limber's catalogues (English, German, French and
// Spanish, embedded: one JSON file per language in translations/, the
// layout Fyne's lang package loads)
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
	French  = "fr"
	Spanish = "es"
)

// Languages lists the languages with a catalogue, English first.
func Languages() []string { return []string{English, German, French, Spanish} }

func known(code string) bool {
	for _, l := range Languages() {
		if l == code {
			return true
		}
	}
	return false
}

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

// Resolve says which catalogue a language setting uses: a language code
// with a catalogue as given, and for "system" (or anything else) the
// desktop's language when there is a catalogue for it, English otherwise.
func Resolve(setting string) string {
	if known(setting) {
		return setting
	}
	sys := strings.ToLower(lang.SystemLocale().LanguageString())
	for _, l := range Languages() {
		if strings.HasPrefix(sys, l) {
			return l
		}
	}
	return English
}

// Init loads the catalogues and makes lang.X answer in the language of
// setting ("system" or a code of Languages). Calling it again switches language.
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
	data := map[string][]byte{}
	for _, l := range Languages() {
		b, err := catalogues.ReadFile("translations/" + l + ".json")
		keep(err)
		data[l] = b
	}
	if firstErr != nil {
		return fmt.Errorf("loading translations: %w", firstErr)
	}
	for _, l := range Languages() {
		keep(lang.AddTranslationsForLocale(data[l], fyne.Locale(l)))
	}
	chosen := Resolve(setting)
	if sys := lang.SystemLocale(); sys != "" && !strings.EqualFold(string(sys), chosen) {
		keep(lang.AddTranslationsForLocale(data[chosen], sys))
	}
	if chosen != English {
		// With no usable system locale Fyne falls back to "en".
		keep(lang.AddTranslationsForLocale(data[chosen], fyne.Locale("en")))
	}
	if firstErr != nil {
		return fmt.Errorf("loading translations: %w", firstErr)
	}
	return nil
}
