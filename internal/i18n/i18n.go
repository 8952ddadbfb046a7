// Package i18n holds Limber's catalogues (English, German, French and
// Spanish, embedded: one JSON file per language in translations/, the
// layout Fyne's lang package loads) and looks texts up in them: X and XN
// are Limber's lang.X and lang.XN. Call Init once at start and again when
// the language setting changes.
//
// The lookup is written here by hand, not taken from Fyne's lang, so that
// the daemon links no Fyne at all: Fyne's lang brings go-i18n,
// text/template, golang.org/x/text and (through the fyne package) net/http
// and crypto/tls, and at start-up parses Fyne's own catalogues of some
// twenty languages (0.9 MB of heap, 12,000 allocations), all resident for
// the life of the tray daemon. Limber's catalogues need little of that:
// one text per key, or for a text with a count its CLDR plural forms;
// placeholders that are only {{.Name}}, filled from a map
// (internal/i18n/extract and a test keep them so); and the cardinal plural
// rules of four languages for whole numbers (pluralForm), a few lines
// where go-i18n carries the whole CLDR table. The windows also load the
// same catalogues into Fyne's lang (package fynelang), which Fyne's own
// widgets read; a test there checks that both give the same texts.
package i18n

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/jeandeaual/go-locale"

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
// a count (looked up with XN or lang.XN) is a JSON object of its plural
// forms by CLDR category, {"one": "{{.N}} day", "other": "{{.N}} days"},
// the layout Fyne's lang package (go-i18n) reads.
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

// Data returns the embedded catalogue file of language code ("en", "de").
func Data(code string) ([]byte, error) {
	data, err := catalogues.ReadFile("translations/" + code + ".json")
	if err != nil {
		return nil, fmt.Errorf("no catalogue for language %q: %w", code, err)
	}
	return data, nil
}

// Catalogue returns the embedded catalogue of language code ("en", "de")
// as key -> text.
func Catalogue(code string) (map[string]Text, error) {
	data, err := Data(code)
	if err != nil {
		return nil, err
	}
	m := map[string]Text{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("reading catalogue %s.json: %w", code, err)
	}
	return m, nil
}

// SystemLanguage is the desktop's language as a lower-case code ("de" for
// LANG=de_DE.UTF-8, from LC_ALL, LC_MESSAGES, LANG and LANGUAGE as gettext
// reads them), "en" when none is set or the locale is C.
func SystemLanguage() string {
	clocale.Quiet()
	loc, _ := locale.GetLocale() // on Unix it only reads the environment and cannot fail
	if len(loc) < 2 {
		return English
	}
	code, _, _ := strings.Cut(strings.ToLower(loc), "-")
	return code
}

// Resolve says which catalogue a language setting uses: a language code
// with a catalogue as given, and for "system" (or anything else) the
// desktop's language when there is a catalogue for it, English otherwise.
func Resolve(setting string) string {
	if known(setting) {
		return setting
	}
	sys := SystemLanguage()
	for _, l := range Languages() {
		if strings.HasPrefix(sys, l) {
			return l
		}
	}
	return English
}

// loaded is a catalogue with the language whose plural rules its counts
// follow.
type loaded struct {
	lang string
	cat  map[string]Text
}

// current is the catalogue X and XN read. It is package state because
// they are called from everywhere, as Fyne's lang.X was (Fyne keeps the
// same state in its package); atomic, since Init may run on the daemon's
// loop while the tray's goroutine reads texts.
var current atomic.Pointer[loaded]

// Init makes X and XN answer in the language of setting ("system" or a
// code of Languages). Calling it again switches language. On error they
// keep their previous language (English texts until a first Init
// succeeds).
func Init(setting string) error {
	l := Resolve(setting)
	cat, err := Catalogue(l)
	if err != nil {
		return fmt.Errorf("loading translations: %w", err)
	}
	current.Store(&loaded{lang: l, cat: cat})
	return nil
}

// X returns the text of key in the language Init chose, fallback (the
// English text) when the catalogue has no such key. Placeholders
// {{.Name}} in the text are filled from data[0], a map[string]any: a
// value as fmt.Sprint prints it, "<no value>" for a name the map lacks
// (as text/template, which Fyne's lang.X uses, does). A plural text gives
// its "other" form.
func X(key, fallback string, data ...map[string]any) string {
	text := fallback
	if l := current.Load(); l != nil {
		if t, ok := l.cat[key]; ok {
			text = t.Other
		}
	}
	return fillData(text, data)
}

// XN is X for a text with a count: it returns the plural form of key that
// the language's rules give for count ("one" or "other", in French and
// Spanish "many" for whole millions), the "other" form when the catalogue
// lacks that form (as Fyne's windows do, see fynelang), fallback when it
// lacks the key. The count is not filled in by itself: pass it in data
// too, as {{.N}}.
func XN(key, fallback string, count int, data ...map[string]any) string {
	text := fallback
	if l := current.Load(); l != nil {
		if t, ok := l.cat[key]; ok {
			text = t.Other
			if f, ok := t.Forms[pluralForm(l.lang, count)]; ok {
				text = f
			}
		}
	}
	return fillData(text, data)
}

// pluralForm is the CLDR cardinal plural category of the whole number n
// in language lang (CLDR 42 and later, the rules go-i18n 2.5 carries):
//
//	en, de: one if n = 1
//	fr:     one if n = 0 or 1; many if n is a non-zero multiple of 1,000,000
//	es:     one if n = 1;      many if n is a non-zero multiple of 1,000,000
//
// and other for everything else. CLDR rules read the absolute value.
func pluralForm(lang string, n int) string {
	if n < 0 {
		n = -n
	}
	switch {
	case n == 1, n == 0 && lang == French:
		return "one"
	case n%1000000 == 0 && n != 0 && (lang == French || lang == Spanish):
		return "many"
	}
	return "other"
}

func fillData(text string, data []map[string]any) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	var d map[string]any
	if len(data) > 0 {
		d = data[0]
	}
	return fill(text, d)
}

// fill replaces each {{.Name}} (spaces allowed inside the braces) with
// fmt.Sprint(data[Name]). Anything else between braces is left as it is.
func fill(text string, data map[string]any) string {
	var b strings.Builder
	for {
		i := strings.Index(text, "{{")
		if i < 0 {
			break
		}
		j := strings.Index(text[i:], "}}")
		if j < 0 {
			break
		}
		inner := strings.TrimSpace(text[i+2 : i+j])
		name, ok := strings.CutPrefix(inner, ".")
		if !ok || name == "" || !isName(name) {
			b.WriteString(text[:i+j+2])
			text = text[i+j+2:]
			continue
		}
		b.WriteString(text[:i])
		if v, ok := data[name]; ok {
			fmt.Fprint(&b, v)
		} else {
			b.WriteString("<no value>")
		}
		text = text[i+j+2:]
	}
	b.WriteString(text)
	return b.String()
}

func isName(s string) bool {
	for _, r := range s {
		if !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127) {
			return false
		}
	}
	return true
}
