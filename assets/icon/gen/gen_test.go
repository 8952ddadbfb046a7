package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedOutputIsCurrent redraws every icon and compares it with the
// committed files, so a design change that was not regenerated (or a
// drawing that is not deterministic) fails here.
func TestCommittedOutputIsCurrent(t *testing.T) {
	tmp := t.TempDir()
	iconOut, trayOut := filepath.Join(tmp, "icon"), filepath.Join(tmp, "tray")
	if err := run(iconOut, trayOut); err != nil {
		t.Fatal(err)
	}
	for _, dirs := range [][2]string{{iconOut, ".."}, {trayOut, "../../tray"}} {
		n := 0
		err := filepath.WalkDir(dirs[0], func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dirs[0], path)
			want, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			got, err := os.ReadFile(filepath.Join(dirs[1], rel))
			if err != nil {
				t.Errorf("%s: not committed (%v); run go generate ./assets/icon", rel, err)
				return nil
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from what the generator draws; run go generate ./assets/icon", rel)
			}
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Fatalf("generator wrote nothing into %s", dirs[0])
		}
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
