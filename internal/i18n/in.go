package i18n

import "sync"

// The daemon answers each command in the caller's language (the command
// line and the windows send theirs with the request), which is not always
// the daemon's own: LANG differs between a login session and a terminal,
// or the settings say "system". XIn and XNIn translate into one given
// language; X and XN stay the process's own language.

// others holds, per language with a catalogue, the catalogue loaded on
// first use and kept: most daemons never load one, a daemon asked in
// another language loads it once. The map itself is never written after
// start; each entry guards its own loading.
var others = func() map[string]func() (*loaded, error) {
	m := map[string]func() (*loaded, error){}
	for _, l := range Languages() {
		m[l] = sync.OnceValues(func() (*loaded, error) {
			cat, err := Catalogue(l)
			if err != nil {
				return nil, err
			}
			return &loaded{lang: l, cat: cat}, nil
		})
	}
	return m
}()

// Current is the language code X and XN answer in ("en" before Init).
func Current() string {
	if l := current.Load(); l != nil {
		return l.lang
	}
	return English
}

// Known reports whether code is a language with a catalogue ("de"; not
// "system").
func Known(code string) bool { return known(code) }

// in is the catalogue of lang: the process's own for "" or an unknown
// code (and when the other catalogue cannot be read), nil before Init.
func in(lang string) *loaded {
	cur := current.Load()
	if cur != nil && lang == cur.lang || !known(lang) {
		return cur
	}
	if l, err := others[lang](); err == nil {
		return l
	}
	return cur
}

// XIn is X in language lang (a code of Languages; "" or an unknown code:
// the language Init chose).
func XIn(lang, key, fallback string, data ...map[string]any) string {
	text := fallback
	if l := in(lang); l != nil {
		if t, ok := l.cat[key]; ok {
			text = t.Other
		}
	}
	return fillData(text, data)
}

// XNIn is XN in language lang (as XIn chooses it).
func XNIn(lang, key, fallback string, count int, data ...map[string]any) string {
	text := fallback
	if l := in(lang); l != nil {
		if t, ok := l.cat[key]; ok {
			text = t.Other
			if f, ok := t.Forms[pluralForm(l.lang, count)]; ok {
				text = f
			}
		}
	}
	return fillData(text, data)
}
