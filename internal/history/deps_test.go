package history

import (
	"os/exec"
	"strings"
	"testing"
)

// The daemon opens the store, and the daemon must never start GL: the
// history may use Fyne's lang package, nothing that draws.
func TestNoUIDependencies(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "fyne.io/") && dep != "fyne.io/fyne/v2" && dep != "fyne.io/fyne/v2/lang" ||
			strings.Contains(dep, "go-gl") || strings.Contains(dep, "systray") {
			t.Errorf("history depends on %s", dep)
		}
	}
}
