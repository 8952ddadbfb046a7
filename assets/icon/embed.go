// Package icon holds Limber's application icon: the 512 px PNG used by
// FyneApp.toml and notifications, the freedesktop hicolor sizes, and the
// scalable SVG. The files are drawn by ./gen and committed, so building
// Limber needs no image tools; run `go generate ./assets/icon` after
// changing the design (it redraws the tray icons too).
package icon

//go:generate go run ./gen -icon . -tray ../tray

import (
	"embed"
	"fmt"
	"slices"
)

//go:embed limber.png limber.svg png/*.png
var files embed.FS

// Sizes lists the pixel sizes available from PNGSize, smallest first.
func Sizes() []int { return []int{16, 22, 24, 32, 48, 64, 128, 256, 512} }

// PNG returns the 512×512 app icon as PNG bytes (a fresh copy).
func PNG() []byte { return mustRead("limber.png") }

// SVG returns the scalable app icon (for hicolor/scalable/apps).
func SVG() []byte { return mustRead("limber.svg") }

// PNGSize returns the app icon at n×n pixels. When n is not one of Sizes,
// it returns the smallest larger size (the caller's toolkit scales down,
// which stays sharp), or 512 when n is larger than that.
func PNGSize(n int) []byte {
	return mustRead(fmt.Sprintf("png/limber-%d.png", nearest(Sizes(), n)))
}

// nearest picks the smallest size ≥ n, or the largest size.
func nearest(sizes []int, n int) int {
	i, _ := slices.BinarySearch(sizes, n)
	if i == len(sizes) {
		i--
	}
	return sizes[i]
}

// mustRead reads an embedded file. The names are fixed at compile time
// and the tests read every one, so a failure is a build defect.
func mustRead(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic(fmt.Sprintf("icon: embedded %s missing: %v", name, err))
	}
	return b
}
