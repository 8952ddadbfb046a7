package statswin

import (
	"os"
	"testing"
)

// TestMain opens the real window on the history file named by
// LIMBER_STATSWIN_DB instead of running the tests, for looking at it (under
// desktop-session); "default" opens the usual file, as the window does
// without a daemon. Fyne needs the main goroutine, which only TestMain has.
func TestMain(m *testing.M) {
	if db := os.Getenv("LIMBER_STATSWIN_DB"); db != "" {
		a := []string{"--db", db}
		if db == "default" {
			a = nil
		}
		if d := os.Getenv("LIMBER_STATSWIN_DAYS"); d != "" {
			a = append(a, "--days", d)
		}
		os.Exit(Run(a, nil))
	}
	os.Exit(m.Run())
}
