package activity

import (
	"testing"

	"github.com/limber-app/limber/internal/activity/desktoptest"
)

func benchIdle(b *testing.B, src Source) {
	b.Helper()
	defer src.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := src.Idle(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkX11Idle is the cost of one poll over a kept X connection.
func BenchmarkX11Idle(b *testing.B) {
	display := desktoptest.Xvfb(b)
	src, err := OpenX11(display)
	if err != nil {
		b.Fatal(err)
	}
	benchIdle(b, src)
}

// BenchmarkMutterIdle is the cost of one D-Bus round trip to (a fake) Mutter.
func BenchmarkMutterIdle(b *testing.B) {
	addr := desktoptest.Bus(b)
	serveMutter(b, addr, &fakeIdle{ms: 5})
	src, err := OpenMutter(addr)
	if err != nil {
		b.Fatal(err)
	}
	benchIdle(b, src)
}
