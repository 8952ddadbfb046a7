package i18n

import (
	"testing"

	"github.com/limber-app/limber/internal/i18n/extract"
)

// XIn answers in the language asked for, whatever Init chose, and in
// Init's language for "" or a language without a catalogue; the plural
// forms follow the language asked for.
func TestXInAnswersInTheLanguageAsked(t *testing.T) {
	de, _ := Catalogue(German)
	fr, _ := Catalogue(French)
	const key = "tray.quit"
	if err := Init(German); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = Init(English) })
	for _, c := range []struct{ lang, want string }{
		{French, fr[key].Other}, {German, de[key].Other}, {"", de[key].Other}, {"xx", de[key].Other},
	} {
		if got := XIn(c.lang, key, "fallback"); got != c.want {
			t.Errorf("XIn(%q) = %q, want %q", c.lang, got, c.want)
		}
	}
	if got := X(key, "fallback"); got != de[key].Other {
		t.Errorf("X after XIn(fr) = %q: XIn must not switch the process's language", got)
	}
	if got := XIn(French, "no.such.key", "fallback {{.N}}", map[string]any{"N": 2}); got != "fallback 2" {
		t.Errorf("missing key: %q", got)
	}
	// French takes "one" for 0, German does not.
	var plural string
	for k, v := range fr {
		if v.Plural() && v.Forms["one"] != v.Forms["other"] && de[k].Plural() {
			plural = k
			break
		}
	}
	if plural == "" {
		t.Fatal("no plural text to test with")
	}
	if got, want := XNIn(French, plural, "x", 0, map[string]any{"N": 0}), fill(fr[plural].Forms["one"], map[string]any{"N": 0}); got != want {
		t.Errorf("XNIn(fr, %s, 0) = %q, want %q", plural, got, want)
	}
	if got, want := XNIn(German, plural, "x", 0, map[string]any{"N": 0}), fill(de[plural].Forms["other"], map[string]any{"N": 0}); got != want {
		t.Errorf("XNIn(de, %s, 0) = %q, want %q", plural, got, want)
	}
	if Current() != German {
		t.Errorf("Current() = %q", Current())
	}
}

// The extractor finds XIn and XNIn calls, whose key comes after the language.
func TestExtractXIn(t *testing.T) {
	src := `package p
import "github.com/limber-app/limber/internal/i18n"
func f(lang string, n int) {
	_ = i18n.XIn(lang, "a.b", "Hello")
	_ = i18n.XNIn(lang, "c.d", "{{.N}} days", n, map[string]any{"N": n})
}`
	msgs, errs := extract.File(newFset(), "p.go", []byte(src))
	if len(errs) != 0 || len(msgs) != 2 || msgs[0].Key != "a.b" || msgs[0].English != "Hello" || msgs[1].Key != "c.d" || !msgs[1].Plural {
		t.Errorf("messages %+v, errors %v", msgs, errs)
	}
}
