package clocale

import (
	"os"
	"testing"
)

func TestQuiet(t *testing.T) {
	cases := map[string]struct {
		lcAll, lang, language, want string
	}{
		"C.UTF-8":               {"", "C.UTF-8", "", "en"},
		"POSIX.UTF-8 in LC_ALL": {"POSIX.UTF-8", "de_DE.UTF-8", "", "en"},
		"plain C is fine":       {"", "C", "", ""},
		"german untouched":      {"", "de_DE.UTF-8", "", ""},
		"LANGUAGE kept":         {"", "C.UTF-8", "fr", "fr"},
		"LC_ALL wins":           {"de_DE.UTF-8", "C.UTF-8", "", ""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Setenv("LC_ALL", c.lcAll)
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANG", c.lang)
			t.Setenv("LANGUAGE", c.language)
			Quiet()
			if got := os.Getenv("LANGUAGE"); got != c.want {
				t.Errorf("LANGUAGE = %q, want %q", got, c.want)
			}
		})
	}
}
