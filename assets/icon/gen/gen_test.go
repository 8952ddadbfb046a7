package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedOutputIsCurrent draws every icon and compares it with the
// committed files, so a design change that was not regenerated (or a
// drawing that is not deterministic) fails here. PNGs are compared by
// their decoded pixels: encoding them again would cost most of the time
// (deflate under -race) and prove nothing more.
func TestCommittedOutputIsCurrent(t *testing.T) {
	files, err := draw("..", "../../tray")
	if err != nil {
		t.Fatal(err)
	}
	if want := len(appSizes()) + 2 + 3*(len(trayPNGSizes())+1); len(files) != want {
		t.Fatalf("generator drew %d files, want %d", len(files), want)
	}
	for _, f := range files {
		got, err := os.ReadFile(f.name)
		if err != nil {
			t.Errorf("%s: not committed (%v); run go generate ./assets/icon", f.name, err)
			continue
		}
		if f.img == nil {
			if !bytes.Equal(got, f.data) {
				t.Errorf("%s differs from what the generator draws; run go generate ./assets/icon", f.name)
			}
			continue
		}
		img, err := png.Decode(bytes.NewReader(got))
		if err != nil {
			t.Errorf("%s: %v", f.name, err)
			continue
		}
		if !samePixels(img, f.img) {
			t.Errorf("%s differs from what the generator draws; run go generate ./assets/icon", f.name)
		}
	}
}

// samePixels compares straight (not premultiplied) pixel values exactly.
func samePixels(a, b image.Image) bool {
	switch a := a.(type) {
	case *image.NRGBA:
		b, ok := b.(*image.NRGBA)
		return ok && a.Rect == b.Rect && bytes.Equal(a.Pix, b.Pix)
	case *image.NRGBA64:
		b, ok := b.(*image.NRGBA64)
		return ok && a.Rect == b.Rect && bytes.Equal(a.Pix, b.Pix)
	}
	return false
}

// TestEncodePNGWrites checks the writing half on one small icon (encoding
// all of them at best compression takes half a minute under -race).
func TestEncodePNGWrites(t *testing.T) {
	name := filepath.Join(t.TempDir(), "sub", "x.png")
	want := sniSafe(trayIcon(trayDue, 22).render(22))
	if err := encodePNG(name, want); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if !samePixels(got, want) {
		t.Error("PNG read back differs from what was encoded")
	}
}

func TestShapesDistance(t *testing.T) {
	tests := map[string]struct {
		s    shape
		x, y float64
		want float64
	}{
		"disc centre":        {disc{0, 0, 2}, 0, 0, -2},
		"disc outside":       {disc{0, 0, 2}, 5, 0, 3},
		"capsule side":       {capsule{0, 0, 10, 0, 1}, 5, 3, 2},
		"capsule past cap":   {capsule{0, 0, 10, 0, 1}, 13, 4, 4},
		"rect inside":        {roundRect{0, 0, 10, 10, 2}, 5, 1, -1},
		"rect corner":        {roundRect{0, 0, 10, 10, 2}, 11, 11, 3*1.4142135623730951 - 2},
		"union nearest":      {union{disc{0, 0, 1}, disc{10, 0, 1}}, 8, 0, 1},
		"offset moves shape": {offset{disc{0, 0, 1}, 5, 0}, 5, 0, -1},
		"grow widens":        {grow{disc{0, 0, 1}, 2}, 4, 0, 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := tc.s.dist(tc.x, tc.y); abs(got-tc.want) > 1e-9 {
				t.Errorf("dist = %v, want %v", got, tc.want)
			}
		})
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

func TestRenderAntialiases(t *testing.T) {
	// A disc of radius 4 px centred on a 16 px canvas: centre opaque,
	// corners empty, and edge pixels partly covered.
	img := icon{units: 16, layers: []layer{{s: disc{8, 8, 4}, p: solid(opaque(white))}}}.render(16)
	if a := img.NRGBAAt(8, 8).A; a != 255 {
		t.Errorf("centre alpha = %d, want 255", a)
	}
	if a := img.NRGBAAt(0, 0).A; a != 0 {
		t.Errorf("corner alpha = %d, want 0", a)
	}
	partial := 0
	for y := range 16 {
		for x := range 16 {
			if a := img.NRGBAAt(x, y).A; a > 0 && a < 255 {
				partial++
			}
		}
	}
	if partial < 12 {
		t.Errorf("only %d partly covered pixels: edges are not anti-aliased", partial)
	}
}
