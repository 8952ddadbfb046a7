// Package fynelang loads Limber's catalogues into Fyne's lang package as
// well as into internal/i18n: the windows' own code and Fyne's widgets
// read Fyne's lang, the packages the windows share with the daemon read
// i18n.X. Only the window program links it (the daemon links no Fyne).
package fynelang

import (
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/limber-app/limber/internal/i18n"
)

// Init makes both i18n.X and Fyne's lang.X answer in the language of
// setting ("system" or a code of i18n.Languages). Calling it again
// switches language.
//
// Fyne picks the catalogue closest to the system locale and offers no way
// to choose another, so an explicit choice is made to win by also loading
// the chosen catalogue under the system's own locale (and under "en", the
// fallback when the locale is unknown, such as LANG=C).
func Init(setting string) error {
	var firstErr error
	keep := func(err error) {
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	keep(i18n.Init(setting))
	data := map[string][]byte{}
	for _, l := range i18n.Languages() {
		b, err := i18n.Data(l)
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
	for _, l := range i18n.Languages() {
		keep(lang.AddTranslationsForLocale(data[l], fyne.Locale(l)))
	}
	chosen := i18n.Resolve(setting)
	if sys := lang.SystemLocale(); sys != "" && !strings.EqualFold(string(sys), chosen) {
		keep(lang.AddTranslationsForLocale(data[chosen], sys))
	}
	if chosen != i18n.English {
		// With no usable system locale Fyne falls back to "en".
		keep(lang.AddTranslationsForLocale(data[chosen], fyne.Locale("en")))
	}
	if firstErr != nil {
		return fmt.Errorf("loading translations: %w", firstErr)
	}
	return nil
}

// padPlurals gives every plural text of a catalogue all the CLDR forms,
// the missing ones copied from "other". A catalogue can be loaded under
// another locale than its own (an explicit language choice is loaded
// under the system's locale, see Init), whose plural rules may ask for a
// form the language does not have (French and Spanish ask for "many" at
// a million, German never): without it go-i18n fails and Fyne falls back
// to the English text. (i18n.XN reads a missing form as "other" itself.)
func padPlurals(data []byte) ([]byte, error) {
	m := map[string]i18n.Text{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	for k, t := range m {
		if !t.Plural() {
			continue
		}
		for _, f := range i18n.PluralForms {
			if _, ok := t.Forms[f]; !ok {
				t.Forms[f] = t.Other
			}
		}
		m[k] = t
	}
	return json.Marshal(m)
}
