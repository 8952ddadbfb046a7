// Package cardfiles embeds Limber's built-in exercise cards, one TOML file
// per card. The format is described in README.md next to them.
package cardfiles

import (
	"embed"
	"io/fs"
)

//go:embed *.toml
var files embed.FS

// FS returns the built-in card files (*.toml at its root).
func FS() fs.FS { return files }
