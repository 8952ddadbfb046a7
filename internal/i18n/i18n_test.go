package i18n

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/limber-app/limber/internal/i18n/extract"
)

func repoRoot(t *testing.T) string {
	t.Helper()
	d, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		p := filepath.Dir(d)
		if p == d {
			t.Fatal("go.mod not found above the test's folder")
		}
		d = p
	}
}

// TestCataloguesComplete fails when a string in the code has no entry in
// every catalogue, or the English entry is out of date. Fix it with
// `go run ./internal/i18n/gen` (from the repository root), then write the
// texts it lists into the other languages' files in translations/.
func TestCataloguesComplete(t *testing.T) {
	msgs, errs := extract.Dirs(repoRoot(t), "cmd", "internal")
	for _, e := range errs {
		t.Error(e)
	}
	if len(msgs) == 0 {
		t.Fatal("no lang.X calls found: the extractor is broken")
	}
	en, err := Catalogue(English)
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, m := range msgs {
		switch e, ok := en[m.Key]; {
		case !ok:
			missing = append(missing, m.Key+" missing from en.json ("+m.Where+")")
		case e != m.English:
			missing = append(missing, m.Key+" in en.json is out of date ("+m.Where+")")
		}
	}
	for _, l := range Languages()[1:] {
		cat, err := Catalogue(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			switch g, ok := cat[m.Key]; {
			case !ok:
				missing = append(missing, m.Key+" missing from "+l+".json ("+m.Where+")")
			case g == "":
				missing = append(missing, m.Key+" is empty in "+l+".json")
			}
		}
	}
	sort.Strings(missing)
	for _, s := range missing {
		t.Error(s)
	}
	if len(missing) > 0 {
		t.Log("run `go run ./internal/i18n/gen` from the repository root, then add the other languages' texts")
	}
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func TestTranslationsKeepPlaceholders(t *testing.T) {
	en, _ := Catalogue(English)
	for _, l := range Languages()[1:] {
		cat, _ := Catalogue(l)
		for k, e := range en {
			g, ok := cat[k]
			if !ok {
				continue // reported by TestCataloguesComplete
			}
			want := placeholders(e)
			if got := placeholders(g); !equal(got, want) {
				t.Errorf("%s: %s has placeholders %v, English %v", k, l, got, want)
			}
		}
		for k := range cat {
			if _, ok := en[k]; !ok {
				t.Errorf("%s is in %s.json but not in en.json (stale: rerun the generator)", k, l)
			}
		}
	}
}

// TestTranslationsAreTranslated catches English pasted into another
// language's file: a text that is the same as the English and holds
// English words (names, numbers and commands may stay as they are).
func TestTranslationsAreTranslated(t *testing.T) {
	en, _ := Catalogue(English)
	english := regexp.MustCompile(`(?i)\b(the|your|you|and|with|break|breaks|water|sitting|settings)\b`)
	for _, l := range Languages()[1:] {
		cat, _ := Catalogue(l)
		for k, e := range en {
			if cat[k] == e && english.MatchString(placeholder.ReplaceAllString(e, "")) {
				t.Errorf("%s: %s.json still has the English %q", k, l, e)
			}
		}
	}
}

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestInitSwitchesLanguage(t *testing.T) {
	en, _ := Catalogue(English)
	de, _ := Catalogue(German)
	fr, _ := Catalogue(French)
	es, _ := Catalogue(Spanish)
	const key = "tray.quit" // differs in every language, no placeholders
	if en[key] == de[key] || en[key] == fr[key] || en[key] == es[key] {
		t.Fatalf("%s should differ in every language", key)
	}
	for _, env := range []string{"C", "en_US.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("LC_ALL", "")
			t.Setenv("LANGUAGE", "")
			t.Setenv("LANG", env)
			for _, c := range []struct{ setting, want string }{
				{German, de[key]}, {English, en[key]}, {French, fr[key]}, {Spanish, es[key]}, {German, de[key]},
			} {
				if err := Init(c.setting); err != nil {
					t.Fatal(err)
				}
				if got := X(key, "fallback"); got != c.want {
					t.Errorf("setting %q: X(%q) = %q, want %q", c.setting, key, got, c.want)
				}
			}
			if err := Init(System); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"de_DE.UTF-8": de[key], "fr_FR.UTF-8": fr[key], "es_ES.UTF-8": es[key]}[env]
			if want == "" {
				want = en[key]
			}
			if got := X(key, "fallback"); got != want {
				t.Errorf("system with LANG=%s: %q, want %q", env, got, want)
			}
		})
	}
}

func TestExtractFile(t *testing.T) {
	src := `package p
import (
	"github.com/limber-app/limber/internal/i18n"
	l "fyne.io/fyne/v2/lang"
)
func f(n int) {
	_ = l.X("a.b", "Hello {{.Name}}", map[string]any{"Name": "x"})
	_ = l.L("Plain " + "text")
	_ = l.X(key(), "dynamic")
	_ = other.X("not.lang", "no")
	_ = i18n.X("c.d", "Ours")
	_ = i18n.Init("de")
}`
	msgs, errs := extract.File(newFset(), "p.go", []byte(src))
	if len(msgs) != 3 || msgs[0].Key != "a.b" || msgs[0].English != "Hello {{.Name}}" || msgs[1].Key != "Plain text" || msgs[2].Key != "c.d" {
		t.Errorf("messages %+v", msgs)
	}
	if len(errs) != 1 {
		t.Errorf("want one error for the dynamic key, got %v", errs)
	}
}

func TestXFillsPlaceholders(t *testing.T) {
	if err := Init(English); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		data map[string]any
		want string
	}{
		{"plain", nil, "plain"},
		{"Hello {{.Name}}!", map[string]any{"Name": "Ann"}, "Hello Ann!"},
		{"{{.M}}:{{ .S }} left", map[string]any{"M": 4, "S": "05"}, "4:05 left"},
		{"{{.Gone}} here", map[string]any{}, "<no value> here"},
		{"{{.Gone}} here", nil, "<no value> here"},
		{"{{.A}}{{.A}}", map[string]any{"A": 1.5}, "1.51.5"},
		{"not {{ a field }} nor {{.}} nor {{", map[string]any{"A": 1}, "not {{ a field }} nor {{.}} nor {{"},
		{"Schlüssel {{.Wert}}", map[string]any{"Wert": errors.New("kaputt")}, "Schlüssel kaputt"},
	} {
		if got := X("no.such.key", c.text, c.data); got != c.want {
			t.Errorf("X(%q, %v) = %q, want %q", c.text, c.data, got, c.want)
		}
	}
	// A key in the catalogue wins over the fallback, placeholders filled.
	en, _ := Catalogue(English)
	want := strings.ReplaceAll(en["cardwin.also"], "{{.What}}", "water")
	if got := X("cardwin.also", "ignored {{.What}}", map[string]any{"What": "water"}); got != want {
		t.Errorf("cardwin.also: %q, want %q", got, want)
	}
}
