package i18n

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"text/template"

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
		case e.Other != m.English || e.Plural() != m.Plural:
			missing = append(missing, m.Key+" in en.json is out of date ("+m.Where+")")
		case m.Plural && e.Forms["one"] == "":
			missing = append(missing, m.Key+" has no \"one\" form in en.json ("+m.Where+")")
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
			case g.Other == "":
				missing = append(missing, m.Key+" is empty in "+l+".json")
			case g.Plural() != m.Plural:
				missing = append(missing, m.Key+" in "+l+".json should be plural forms: "+fmt.Sprint(m.Plural))
			case m.Plural && g.Forms["one"] == "":
				missing = append(missing, m.Key+" has no \"one\" form in "+l+".json")
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
			want := placeholders(e.Other)
			if got := placeholders(g.Other); !equal(got, want) {
				t.Errorf("%s: %s has placeholders %v, English %v", k, l, got, want)
			}
			// A "one" form may spell the count out ("ein Tag"), so it
			// may drop a placeholder but never add one.
			for form, text := range g.Forms {
				for _, p := range placeholders(text) {
					if !contains(want, p) {
						t.Errorf("%s: %s form %q has the placeholder %s the English lacks", k, l, form, p)
					}
				}
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
			if cat[k].Other == e.Other && english.MatchString(placeholder.ReplaceAllString(e.Other, "")) {
				t.Errorf("%s: %s.json still has the English %q", k, l, e.Other)
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
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
	if en[key].Other == de[key].Other || en[key].Other == fr[key].Other || en[key].Other == es[key].Other {
		t.Fatalf("%s should differ in every language", key)
	}
	for _, env := range []string{"C", "en_US.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("LC_ALL", "")
			t.Setenv("LANGUAGE", "")
			t.Setenv("LANG", env)
			for _, c := range []struct{ setting, want string }{
				{German, de[key].Other}, {English, en[key].Other}, {French, fr[key].Other}, {Spanish, es[key].Other}, {German, de[key].Other},
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
			want := map[string]string{"de_DE.UTF-8": de[key].Other, "fr_FR.UTF-8": fr[key].Other, "es_ES.UTF-8": es[key].Other}[env]
			if want == "" {
				want = en[key].Other
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

// TestPluralsReadRight: every text with a count reads right for 1, 2, 5
// and a million in every language, whatever the system locale: 1 takes
// the "one" form, the others the "other" (no "1 days", no "2 Tag"), and a
// catalogue loaded under another locale's plural rules (an explicit
// language choice, see Init) still answers in its own language, never with
// the English fallback.
func TestPluralsReadRight(t *testing.T) {
	en, _ := Catalogue(English)
	var keys []string
	for k, e := range en {
		if e.Plural() {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if len(keys) < 5 {
		t.Fatalf("only %d texts with plural forms: counts should read right", len(keys))
	}
	for _, env := range []string{"C", "de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8"} {
		t.Setenv("LC_ALL", "")
		t.Setenv("LANGUAGE", "")
		t.Setenv("LANG", env)
		for _, l := range Languages() {
			if err := Init(l); err != nil {
				t.Fatal(err)
			}
			cat, _ := Catalogue(l)
			for _, k := range keys {
				data := map[string]any{}
				for _, p := range placeholders(en[k].Other) {
					data[p] = "X"
				}
				for _, n := range []int{1, 2, 5, 1000000} {
					data["N"] = n
					form := "other"
					if n == 1 {
						form = "one"
					}
					want := render(t, cat[k].Forms[form], data)
					if got := lang.XN(k, en[k].Other, n, data); got != want {
						t.Errorf("LANG=%s, language %s: %s with %d = %q, want %q", env, l, k, n, got, want)
					}
				}
			}
		}
	}
	if err := Init(English); err != nil {
		t.Fatal(err)
	}
}

func render(t *testing.T, text string, data map[string]any) string {
	t.Helper()
	tm, err := template.New("").Parse(text)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	var b strings.Builder
	if err := tm.Execute(&b, data); err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	return b.String()
}

// TestCatalogueTypography: see TypographyProblem.
func TestCatalogueTypography(t *testing.T) {
	for _, l := range Languages()[1:] {
		cat, _ := Catalogue(l)
		for k, v := range cat {
			texts := []string{v.Other}
			for _, f := range v.Forms {
				texts = append(texts, f)
			}
			for _, s := range texts {
				if msg := TypographyProblem(l, s); msg != "" {
					t.Errorf("%s.json %s: %q: %s", l, k, s, msg)
				}
			}
		}
	}
	if TypographyProblem(French, "Prêt ?") == "" || TypographyProblem(French, "l'eau") == "" || TypographyProblem(Spanish, "Listo?") == "" ||
		TypographyProblem(French, "Prêt\u00a0? À 08:30, `limber status`\u00a0: FICHIER:LIGNE:") != "" {
		t.Error("TypographyProblem misjudges its examples")
	}
}
