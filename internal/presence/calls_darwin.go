//go:build darwin && cgo

package presence

/*
#cgo LDFLAGS: -framework CoreAudio -framework CoreMediaIO
#include <CoreAudio/CoreAudio.h>
#include <CoreMediaIO/CMIOHardware.h>

// micRunning: is the default input device running in any process
// (kAudioDevicePropertyDeviceIsRunningSomewhere)? -1 when it cannot be read.
static int micRunning(void) {
	AudioObjectPropertyAddress a = { kAudioHardwarePropertyDefaultInputDevice, kAudioObjectPropertyScopeGlobal, 0 };
	AudioDeviceID dev = kAudioObjectUnknown;
	UInt32 size = sizeof(dev);
	if (AudioObjectGetPropertyData(kAudioObjectSystemObject, &a, 0, NULL, &size, &dev) != noErr) return -1;
	if (dev == kAudioObjectUnknown) return 0;
	a.mSelector = kAudioDevicePropertyDeviceIsRunningSomewhere;
	UInt32 running = 0;
	size = sizeof(running);
	if (AudioObjectGetPropertyData(dev, &a, 0, NULL, &size, &running) != noErr) return -1;
	return running ? 1 : 0;
}

// camRunning: is any camera running in any process
// (kCMIODevicePropertyDeviceIsRunningSomewhere)? -1 when it cannot be read.
static int camRunning(void) {
	CMIOObjectPropertyAddress a = { kCMIOHardwarePropertyDevices, kCMIOObjectPropertyScopeGlobal, 0 };
	UInt32 size = 0;
	if (CMIOObjectGetPropertyDataSize(kCMIOObjectSystemObject, &a, 0, NULL, &size) != 0) return -1;
	UInt32 n = size / sizeof(CMIOObjectID);
	if (n == 0) return 0;
	if (n > 64) n = 64;
	CMIOObjectID ids[64];
	UInt32 used = 0;
	if (CMIOObjectGetPropertyData(kCMIOObjectSystemObject, &a, 0, NULL, n * sizeof(CMIOObjectID), &used, ids) != 0) return -1;
	n = used / sizeof(CMIOObjectID);
	a.mSelector = kCMIODevicePropertyDeviceIsRunningSomewhere;
	for (UInt32 i = 0; i < n; i++) {
		UInt32 on = 0;
		if (CMIOObjectGetPropertyData(ids[i], &a, 0, NULL, sizeof(on), &used, &on) == 0 && on) return 1;
	}
	return 0;
}
*/
import "C"

import (
	"context"
)

// macOS says whether the default microphone or any camera is running
// somewhere, not who runs it, so the ignore list cannot apply here; the
// program is shown as "an application". Polled every Options.Poll (2 s):
// the property listeners would need a CoreAudio run loop.
func (m *Monitor) startCalls(ctx context.Context, o Options) {
	const who = "an application"
	read := func() {
		mic, cam := C.micRunning(), C.camRunning()
		var micApps, camApps []string
		if mic == 1 {
			micApps = []string{who}
		}
		if cam == 1 {
			camApps = []string{who}
		}
		m.update(false, func() { m.micApps, m.camApps = micApps, camApps })
		for part, v := range map[string]C.int{PartMicrophone: mic, PartCamera: cam} {
			if v < 0 {
				m.setOff(part, "CoreAudio/CoreMediaIO cannot be read")
			} else {
				m.markLive(part)
			}
		}
	}
	read()
	m.tick(ctx, pollEvery(o), read)
}
