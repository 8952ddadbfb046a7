package status

import (
	"testing"

	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/presence"
)

// Every signal presence reports has a name for people, in every language.
func TestSignalNames(t *testing.T) {
	defer func() { _ = i18n.Init(i18n.English) }()
	ids := []string{presence.PartLogindSleep, presence.PartLogindSession, presence.PartScreenSaver,
		presence.PartGnomeInhibit, presence.PartKDEInhibit, presence.PartX11Fullscreen,
		presence.PartMicrophone, presence.PartCamera, presence.PartWindowsNotify}
	for _, l := range []string{"en", "de", "fr", "es"} {
		if err := i18n.Init(l); err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if n := SignalName(id); n == id && !(l == "en" && (id == "camera" || id == "microphone")) {
				t.Errorf("%s: %s is named %q", l, id, n)
			}
		}
	}
	if err := i18n.Init("fr"); err != nil {
		t.Fatal(err)
	}
	if got := SignalNames([]string{"camera", "x11-fullscreen"}); got != "caméra, fenêtres en plein écran" {
		t.Errorf("fr: %q", got)
	}
}
