//go:build linux && !wayland

package appwin

import "github.com/go-gl/glfw/v3.3/glfw"

// setClass sets the WM_CLASS (instance and class) of the windows GLFW
// creates from now on. It runs on the main goroutine, after NewWindow
// started GLFW, as GLFW requires.
func setClass(instance, class string) {
	glfw.WindowHintString(glfw.X11ClassName, class)
	glfw.WindowHintString(glfw.X11InstanceName, instance)
}
