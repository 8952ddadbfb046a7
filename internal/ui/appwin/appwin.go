// Package appwin opens Limber's one window per limber-window process: the
// Fyne app with Limber's app id and its window, whose X11 WM_CLASS is
// "limber", "Limber" (version.WMClass) for every Limber window: panels
// group and name windows by the class (the app id read
// "io.github.limber_app.li…" there), window rules match it, and the card
// window recognises Limber's other windows by it. GLFW would use each
// window's title, which changes with the language and the break. Fyne has
// no setting for it, so the GLFW string hints are set by hand between
// GLFW's start (in NewWindow) and the native window's creation (in Show).
package appwin

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/limber-app/limber/internal/version"
)

// New returns the app and its window titled title.
func New(title string) (fyne.App, fyne.Window) {
	a := app.NewWithID(version.AppID)
	w := a.NewWindow(title)
	setClass("limber", version.WMClass)
	return a, w
}
