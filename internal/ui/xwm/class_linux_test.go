//go:build linux || freebsd

package xwm

import "testing"

// The class is the second string of WM_CLASS; a value without one (a
// window that set only its instance, or none) is no Limber window.
func TestWMClass(t *testing.T) {
	for v, want := range map[string]string{
		"limber\x00Limber\x00":                 "Limber",
		"limber\x00Limber":                     "Limber",
		"xfce4-terminal\x00Xfce4-terminal\x00": "Xfce4-terminal",
		"limber\x00":                           "",
		"":                                     "",
	} {
		if got := wmClass([]byte(v)); got != want {
			t.Errorf("wmClass(%q) = %q, want %q", v, got, want)
		}
	}
}
