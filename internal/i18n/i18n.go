// Package i18n loads Limber's catalogues (English, German, French and
// Spanish, embedded: one JSON file per language in translations/, the
// layout Fyne's lang package loads)
// into Fyne's lang package, so every lang.X call in the daemon, the CLI and
// the windows speaks the user's language. Call Init once at start and again
// when the language setting changes.
package i18n

import (
	"bytes"
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

// Text is one catalogue entry. A plain text is a JSON string; a text with
// a count (looked up with lang.XN) is a JSON object of its plural forms by
// CLDR category, {"one": "{{.N}} day", "other": "{{.N}} days"}, the layout
// Fyne's lang package (go-i18n) reads.
type Text struct {
	// Other is the text, or a plural text's "other" form.
	Other string
	// Forms holds a plural text's forms ("one", "other", …); nil for a
	// plain text.
	Forms map[string]string
}

// Plural reports whether t has plural forms.
func (t Text) Plural() bool { return t.Forms != nil }

// UnmarshalJSON reads a string or an object of plural forms.
func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = Text{Other: s}
		return nil
	}
	forms := map[string]string{}
	if err := json.Unmarshal(b, &forms); err != nil {
		return fmt.Errorf("a text is a string or an object of plural forms: %w", err)
	}
	*t = Text{Other: forms["other"], Forms: forms}
	return nil
}

// MarshalJSON writes a plain text as a string, a plural one as its forms.
func (t Text) MarshalJSON() ([]byte, error) {
	var v any = t.Other
	if t.Forms != nil {
		v = t.Forms
	}
	// Without HTML escaping, so the files keep "<" and "&" readable.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// PluralForms are the CLDR plural categories go-i18n may ask a text for.
var PluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// Catalogue returns the embedded catalogue of language code ("en", "de")
// as key -> text.
func Catalogue(code string) (map[string]Text, error) {
	data, err := catalogues.ReadFile("translations/" + code + ".json")
	if err != nil {
		return nil, fmt.Errorf("no catalogue for language %q: %w", code, err)
	}
	m := map[string]Text{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("reading catalogue %s.json: %w", code, err)
	}
	return m, nil
}

// padPlurals gives every plural text of a catalogue all the CLDR forms,
// the missing ones copied from "other". A catalogue can be loaded under
// another locale than its own (an explicit language choice is loaded
// under the system's locale, see Init), whose plural rules may ask for a
// form the language does not have (French and Spanish ask for "many" at
// a million, German never): without it go-i18n fails and Fyne falls back
// to the English text.
func padPlurals(data []byte) ([]byte, error) {
	m := map[string]Text{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	for k, t := range m {
		if !t.Plural() {
			continue
		}
		for _, f := range PluralForms {
			if _, ok := t.Forms[f]; !ok {
				t.Forms[f] = t.Other
			}
		}
		m[k] = t
	}
	return json.Marshal(m)
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
		if err == nil {
			b, err = padPlurals(b)
			keep(err)
		}
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
