package presence

import (
	"context"
	"testing"

	"github.com/limber-app/limber/internal/activity/desktoptest"
)

// BenchmarkState is what the daemon pays per poll: a mutex-guarded copy.
func BenchmarkState(b *testing.B) {
	m := StartWith(context.Background(), Options{NoSystemBus: true, NoSessionBus: true, NoX: true})
	defer m.Close()
	b.ReportAllocs()
	for b.Loop() {
		s := m.State()
		_ = s.Away() || s.PresentNoInput()
	}
}

// BenchmarkFullscreenCheck is the cost of re-reading the active window and
// its state, done once per relevant PropertyNotify (never per poll).
func BenchmarkFullscreenCheck(b *testing.B) {
	display := desktoptest.Xvfb(b)
	w, err := openFullscreen(display)
	if err != nil {
		b.Fatal(err)
	}
	defer w.conn.Close()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := w.check(); err != nil {
			b.Fatal(err)
		}
	}
}
