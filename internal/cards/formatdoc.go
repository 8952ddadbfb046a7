package cards

import (
	"os"
	"path/filepath"
)

// FormatDocName is the card format's document as packages install it (from
// assets/cardfiles/README.md) in Limber's share/doc/limber folder.
const FormatDocName = "card-format.md"

// FormatDoc names where this installation keeps the card format: the
// document beside the binary's prefix (bin/../share/doc/limber, the
// Debian package and install.sh both put it there), or, when Limber runs
// from a source tree or a build folder, the source's own copy.
func FormatDoc() string {
	if exe, err := os.Executable(); err == nil {
		if r, err := filepath.EvalSymlinks(exe); err == nil {
			exe = r
		}
		p := filepath.Join(filepath.Dir(filepath.Dir(exe)), "share", "doc", "limber", FormatDocName)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "assets/cardfiles/README.md"
}
