//go:build !linux || wayland

package appwin

// setClass: no X11 class hint to set (Fyne's app id names the app).
func setClass(string, string) {}
