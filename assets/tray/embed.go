// Package trayicon holds the panel icons for Limber's tray item in three
// states. Each is a filled disc with a darker rim and a white stretching
// figure, so it reads on light and dark panels alike. PNGs serve Linux
// (StatusNotifierItem) and macOS; Windows' tray wants ICO bytes.
//
// The files are drawn by assets/icon/gen and committed; run
// `go generate ./assets/icon` after changing the design.
package trayicon

import (
	"embed"
	"fmt"
	"slices"
)

//go:embed png/*.png ico/*.ico
var files embed.FS

// State is what the tray icon shows.
type State int

const (
	// Normal: teal disc, Limber is tracking.
	Normal State = iota
	// Paused: grey disc with a pause badge.
	Paused
	// Due: amber disc with a dot badge, a break is waiting.
	Due
)

// String names the state as the file names do ("normal", "paused", "due").
func (s State) String() string {
	switch s {
	case Paused:
		return "paused"
	case Due:
		return "due"
	case Normal:
		return "normal"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// name maps unknown states to Normal, so a bad value still shows Limber.
func (s State) name() string {
	if s != Paused && s != Due {
		return Normal.String()
	}
	return s.String()
}

// Sizes lists the PNG sizes Icon has, smallest first: 22 and 44 are a
// Linux panel at 1× and 2×; the others serve other panels and Windows.
func Sizes() []int { return []int{16, 22, 24, 32, 44, 48, 64} }

// ICOSizes lists the images inside each ICO (Windows at 100 % to 300 %).
func ICOSizes() []int { return []int{16, 20, 24, 32, 40, 48, 64} }

// Icon returns the tray icon for state as PNG bytes at size×size pixels.
// When size is not one of Sizes it returns the smallest larger one, or
// the largest. An unknown state gives the Normal icon.
func Icon(state State, size int) []byte {
	sizes := Sizes()
	i, _ := slices.BinarySearch(sizes, size)
	if i == len(sizes) {
		i--
	}
	return mustRead(fmt.Sprintf("png/%s-%d.png", state.name(), sizes[i]))
}

// ICO returns the tray icon for state as a Windows .ico file holding every
// size in ICOSizes (32-bit BMP images with alpha). An unknown state gives
// the Normal icon.
func ICO(state State) []byte {
	return mustRead(fmt.Sprintf("ico/%s.ico", state.name()))
}

// mustRead reads an embedded file. The names are fixed at compile time
// and the tests read every one, so a failure is a build defect.
func mustRead(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic(fmt.Sprintf("trayicon: embedded %s missing: %v", name, err))
	}
	return b
}
