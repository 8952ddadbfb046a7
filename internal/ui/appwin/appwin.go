// Package appwin opens Limber's one window per limber-window process: the
// Fyne app with Limber's app id and its window, whose X11 WM_CLASS is the
// app id too (window rules match "io.github.limber_app.limber" for every
// Limber window, not each window's title, which GLFW uses by default and
// which changes with the language and the break). Fyne has no setting for
// it, so the GLFW string hints are set by hand between GLFW's start (in
// NewWindow) and the native window's creation (in Show).
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
	setClass(version.AppID)
	return a, w
}
