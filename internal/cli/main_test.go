package cli

import (
	"os"
	"testing"

	"github.com/limber-app/limber/internal/i18n"
)

// TestMain loads the English catalogue, as limber does at start: texts
// with a count take their "one" form from it (Fyne's fallback knows only
// the "other" form).
func TestMain(m *testing.M) {
	if err := i18n.Init(i18n.English); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}
