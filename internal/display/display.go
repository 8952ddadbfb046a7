// Package display says whether a graphical display can be reached, before
// a window program starts Fyne (which, without one, panics or exits with a
// message nobody sees). A card window that finds none exits with
// ExitNoDisplay, and the daemon shows the break as a notification instead.
package display

// ExitNoDisplay is limber-window's exit code when no display can be
// reached; the daemon reads it as "the card was not shown".
const ExitNoDisplay = 3
