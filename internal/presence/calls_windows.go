//go:build windows

package presence

import (
	"context"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/sys/windows/registry"
)

// Windows records every app's use of the camera and microphone in the
// CapabilityAccessManager consent store (what Settings → Privacy shows as
// "currently in use"): under ConsentStore\webcam and \microphone, one key
// per packaged app and, under NonPackaged, one per desktop program (its
// path with # for \). LastUsedTimeStop is 0 while it is in use. Polled
// every Options.Poll (2 s), like the notification state: the registry
// change notification would need a thread per key for little gain.

const consentStore = `Software\Microsoft\Windows\CurrentVersion\CapabilityAccessManager\ConsentStore\`

// consentInUse lists the apps using a capability ("webcam", "microphone").
func consentInUse(capability string) ([]string, error) {
	root, err := registry.OpenKey(registry.CURRENT_USER, consentStore+capability, registry.READ)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	var apps []string
	scan := func(k registry.Key, nonPackaged bool) {
		names, err := k.ReadSubKeyNames(-1)
		if err != nil {
			return
		}
		for _, n := range names {
			if n == "NonPackaged" {
				continue
			}
			sub, err := registry.OpenKey(k, n, registry.QUERY_VALUE)
			if err != nil {
				continue
			}
			start, _, err1 := sub.GetIntegerValue("LastUsedTimeStart")
			stop, _, err2 := sub.GetIntegerValue("LastUsedTimeStop")
			sub.Close()
			if err1 != nil || err2 != nil || start == 0 || stop != 0 {
				continue
			}
			name := n
			if nonPackaged {
				name = strings.TrimSuffix(filepath.Base(strings.ReplaceAll(n, "#", `\`)), ".exe")
			} else if i := strings.IndexByte(name, '_'); i > 0 { // Microsoft.SkypeApp_kzf8qxf38zg5c
				name = name[:i]
			}
			apps = append(apps, name)
		}
	}
	scan(root, false)
	if np, err := registry.OpenKey(root, "NonPackaged", registry.READ); err == nil {
		scan(np, true)
		np.Close()
	}
	slices.Sort(apps)
	return slices.Compact(apps), nil
}

// startCalls polls the consent store for both capabilities.
func (m *Monitor) startCalls(ctx context.Context, o Options) {
	read := func() {
		mic, errM := consentInUse("microphone")
		cam, errC := consentInUse("webcam")
		m.update(false, func() { m.micApps, m.camApps = mic, cam })
		if errM != nil {
			m.setOff(PartMicrophone, "consent store: "+errM.Error())
		} else {
			m.markLive(PartMicrophone)
		}
		if errC != nil {
			m.setOff(PartCamera, "consent store: "+errC.Error())
		} else {
			m.markLive(PartCamera)
		}
	}
	read()
	m.tick(ctx, pollEvery(o), read)
}
