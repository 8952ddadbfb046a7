package activity

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// Keep xgb's connection chatter out of test output, as Detect does.
	QuietXGB(nil)
	os.Exit(m.Run())
}
