//go:build darwin && !cgo

package presence

import "context"

// startCalls: CoreAudio and CoreMediaIO need cgo; a build without it has
// no call signals.
func (m *Monitor) startCalls(context.Context, Options) {
	m.setOff(PartMicrophone, "built without cgo: CoreAudio is not available")
	m.setOff(PartCamera, "built without cgo: CoreMediaIO is not available")
}
