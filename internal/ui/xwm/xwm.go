// Package xwm asks an X11 window manager to treat one window as a break
// that must be seen: kept above other windows, centred on the monitor
// that holds the pointer, given the focus, and restored whenever it is
// minimised, for as long as the break is due. It speaks EWMH over a
// connection of its own (github.com/jezek/xgb): Fyne has no API for any of
// this. The requests are hand-written because no served library wraps
// these few EWMH messages without pulling in a toolkit.
//
// On Wayland a client cannot keep itself above others or place itself;
// Limber's windows run through XWayland there (GLFW's X11 backend), so the
// same requests reach the compositor's X11 window manager, which honours
// them for XWayland windows (sway, KWin and Mutter do for "above").
package xwm

import (
	"errors"
	"time"
)

// ErrNoX is returned where there is no X display to talk to.
var ErrNoX = errors.New("no X11 display")

// Keeper holds one window above others until Stop.
type Keeper interface {
	// Stop ends the watch and lets go of the connection.
	Stop()
}

// Interval is how often a kept window is checked for being minimised.
const Interval = 500 * time.Millisecond
