//go:build !linux

package presence

import "context"

// startCamera: /dev/video* and inotify are Linux's; elsewhere the
// platform part reports camera use.
func (m *Monitor) startCamera(context.Context, Options) {
	m.setOff(PartCamera, "camera use is read from /dev/video* on Linux only")
}
