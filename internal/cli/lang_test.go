package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/limber-app/limber/internal/i18n"
)

// english finds English left in a translated help or message: common
// English words, the flag package's type words and the English
// placeholders. Commands, flag names and `quoted commands` are stripped
// first: they stay English on purpose.
var english = regexp.MustCompile(`(?:^|[^\pL])(the|your|you|and|with|for|print|show|take|takes|file|default|usage|commands|run|of|to|from|each|every|is|not|int|string|duration|FILE|DIR|KIND|DURATION|COMMAND|ARGS|OPTIONS|TEXT)(?:[^\pL]|$)`)

var literal = regexp.MustCompile("`[^`]*`|--?[a-z][a-z-]*|\\blimber( [a-z]+)?")

// helpOutputs runs every help the command line has, and a few usage
// errors, in the current language.
func helpOutputs(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	run := func(args ...string) {
		o, e, _ := runCLI(nil, args...)
		out[strings.Join(args, " ")] = o + e
	}
	run("--help")
	run("help", "window")
	for _, c := range Table() {
		run(c.Name, "--help")
	}
	for _, sub := range []string{"check", "list", "pick"} {
		run("cards", sub, "--help")
	}
	run("config", "check", "--help")
	run("stats", "--days", "x")
	run("stats", "--days")
	run("status", "--bogus")
	run("status", "--json=maybe")
	run("pause", "until", "25:00")
	run("pause", "soon")
	run("pause")
	run("skip", "nap")
	run("cards", "pick", "nap")
	run("cards", "pick", "stretch", "--length", "-5m")
	run("nonsense")
	return out
}

// TestHelpIsTranslated: under German, French and Spanish no line of any
// help or usage error is left in English, the flags name their values
// in the language (no "int", "string"), and the same runs in English do
// show the English words the test looks for (so it can fail).
func TestHelpIsTranslated(t *testing.T) {
	defer i18n.Init(i18n.English)
	if err := i18n.Init(i18n.English); err != nil {
		t.Fatal(err)
	}
	en := helpOutputs(t)
	hits := 0
	for _, o := range en {
		hits += len(english.FindAllString(literal.ReplaceAllString(o, ""), -1))
	}
	if hits < 50 {
		t.Fatalf("the English help has only %d English words: the check is broken", hits)
	}
	for _, l := range i18n.Languages()[1:] {
		if err := i18n.Init(l); err != nil {
			t.Fatal(err)
		}
		for what, o := range helpOutputs(t) {
			if o == "" {
				t.Errorf("%s: limber %s printed nothing", l, what)
			}
			for _, line := range strings.Split(o, "\n") {
				text := literal.ReplaceAllString(line, "")
				for _, w := range []string{"OPTIONS", "TEXT"} {
					if argWord(w) == w { // the same word in this language
						text = strings.ReplaceAll(text, w, "")
					}
				}
				if m := english.FindStringSubmatch(text); m != nil {
					t.Errorf("%s: limber %s: %q holds the English %q", l, what, line, m[1])
				}
			}
		}
	}
}
