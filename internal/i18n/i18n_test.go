package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"fyne.io/fyne/v2/lang"

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

// TestCataloguesComplete fails when a string in the code has no English or
// German entry, or the English entry is out of date. Fix it with
// `go run ./internal/i18n/gen` (from the repository root), then write the
// German texts it lists into internal/i18n/translations/de.json.
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
	de, err := Catalogue(German)
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
		switch g, ok := de[m.Key]; {
		case !ok:
			missing = append(missing, m.Key+" missing from de.json ("+m.Where+")")
		case g == "":
			missing = append(missing, m.Key+" is empty in de.json")
		}
	}
	sort.Strings(missing)
	for _, s := range missing {
		t.Error(s)
	}
	if len(missing) > 0 {
		t.Log("run `go run ./internal/i18n/gen` from the repository root, then add the German texts")
	}
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func TestGermanKeepsPlaceholders(t *testing.T) {
	en, _ := Catalogue(English)
	de, _ := Catalogue(German)
	for k, e := range en {
		g, ok := de[k]
		if !ok {
			continue // reported by TestCataloguesComplete
		}
		want := placeholders(e)
		if got := placeholders(g); !equal(got, want) {
			t.Errorf("%s: German has placeholders %v, English %v", k, got, want)
		}
	}
	for k := range de {
		if _, ok := en[k]; !ok {
			t.Errorf("%s is in de.json but not in en.json (stale: rerun the generator)", k)
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
	key := ""
	for k, v := range de {
		if v != en[k] && placeholders(v) == nil {
			key = k
			break
		}
	}
	if key == "" {
		t.Skip("no key whose German differs from its English yet")
	}
	for _, env := range []string{"C", "en_US.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("LC_ALL", "")
			t.Setenv("LANGUAGE", "")
			t.Setenv("LANG", env)
			for _, c := range []struct{ setting, want string }{
				{German, de[key]}, {English, en[key]}, {German, de[key]},
			} {
				if err := Init(c.setting); err != nil {
					t.Fatal(err)
				}
				if got := lang.X(key, "fallback"); got != c.want {
					t.Errorf("setting %q: lang.X(%q) = %q, want %q", c.setting, key, got, c.want)
				}
			}
			if err := Init(System); err != nil {
				t.Fatal(err)
			}
			want := en[key]
			if env == "de_DE.UTF-8" {
				want = de[key]
			}
			if got := lang.X(key, "fallback"); got != want {
				t.Errorf("system with LANG=%s: %q, want %q", env, got, want)
			}
		})
	}
}

func TestExtractFile(t *testing.T) {
	src := `package p
import l "fyne.io/fyne/v2/lang"
func f(n int) {
	_ = l.X("a.b", "Hello {{.Name}}", map[string]any{"Name": "x"})
	_ = l.L("Plain " + "text")
	_ = l.X(key(), "dynamic")
	_ = other.X("not.lang", "no")
}`
	msgs, errs := extract.File(newFset(), "p.go", []byte(src))
	if len(msgs) != 2 || msgs[0].Key != "a.b" || msgs[0].English != "Hello {{.Name}}" || msgs[1].Key != "Plain text" {
		t.Errorf("messages %+v", msgs)
	}
	if len(errs) != 1 {
		t.Errorf("want one error for the dynamic key, got %v", errs)
	}
}
