// Package clocale quiets Fyne under the C locale. With LANG=C.UTF-8 (the
// default of many containers and services) Fyne's locale lookup sees "C",
// fails to parse it and logs an error, first from its own package init and
// then on every catalogue load. The C locale means English; saying so in
// LANGUAGE, which is consulted only after LC_ALL, LC_MESSAGES and LANG,
// changes nothing else.
//
// The fix runs from this package's init: Go initializes packages in
// import-path order once their imports are ready, and this one (standard
// library imports only, a path sorting before github.com/nicksnyder, which
// Fyne's lang needs) always runs before fyne.io/fyne/v2/lang. Linking it
// anywhere into a binary is enough; internal/i18n does.
package clocale

import (
	"os"
	"strings"
)

func init() { Quiet() }

// Quiet sets LANGUAGE=en when the locale is C.* or POSIX.* and LANGUAGE is unset.
func Quiet() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		x := os.Getenv(v)
		if x == "" {
			continue
		}
		if (strings.HasPrefix(x, "C.") || strings.HasPrefix(x, "POSIX.")) && os.Getenv("LANGUAGE") == "" {
			_ = os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
