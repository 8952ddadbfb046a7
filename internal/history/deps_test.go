package history

import (
	"os/exec"
	"strings"
	"testing"
)

// The daemon opens the store, and the daemon must never start GL: the
// history links no Fyne at all (its texts come from internal/i18n).
func TestNoUIDependencies(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "fyne.io/") ||
			strings.Contains(dep, "go-gl") || strings.Contains(dep, "systray") {
			t.Errorf("history depends on %s", dep)
		}
	}
}
