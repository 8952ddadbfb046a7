package trayicon

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/limber-app/limber/internal/contrast"
)

func states() []State { return []State{Normal, Paused, Due} }

func decode(t *testing.T, b []byte) *image.NRGBA {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decoding PNG: %v", err)
	}
	out := image.NewNRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			out.Set(x, y, img.At(x, y))
		}
	}
	return out
}

// at samples a point given on the 24-unit design grid.
func at(img *image.NRGBA, gx, gy float64) color.NRGBA {
	s := float64(img.Bounds().Dx()) / 24
	return img.NRGBAAt(int(gx*s), int(gy*s))
}

func TestEveryStateAndSize(t *testing.T) {
	for _, st := range states() {
		for _, n := range Sizes() {
			img := decode(t, Icon(st, n))
			if got := img.Bounds().Size(); got != image.Pt(n, n) {
				t.Fatalf("%v %d: size %v", st, n, got)
			}
			if a := img.NRGBAAt(0, n-1).A; a != 0 {
				t.Errorf("%v %d: corner alpha %d, want transparent", st, n, a)
			}
			// The torso runs through the centre: white figure.
			if c := at(img, 12, 12.5); c.A != 255 || c.R < 240 || c.G < 240 || c.B < 240 {
				t.Errorf("%v %d: centre %v, want the white figure", st, n, c)
			}
		}
	}
}

func TestStatesLookDifferent(t *testing.T) {
	for _, n := range []int{22, 44} {
		// Left of the torso, below the arm: the disc's fill.
		fill := func(st State) color.NRGBA { return at(decode(t, Icon(st, n)), 6.5, 14) }
		nc, pc, dc := fill(Normal), fill(Paused), fill(Due)
		if !(nc.G > nc.R && nc.B > nc.R) {
			t.Errorf("%d px normal fill %v is not teal", n, nc)
		}
		if spread(pc) > 24 {
			t.Errorf("%d px paused fill %v is not grey", n, pc)
		}
		if !(dc.R > dc.G && dc.G > dc.B) {
			t.Errorf("%d px due fill %v is not orange", n, dc)
		}
		// The badges: paused bottom right, due top right, normal none.
		if c := at(decode(t, Icon(Paused, n)), 18.2, 19.5); spread(c) > 24 || c.R > 80 {
			t.Errorf("%d px paused: no dark pause badge at bottom right (%v)", n, c)
		}
		if c := at(decode(t, Icon(Due, n)), 19.8, 4.2); !(c.R > 150 && c.G < 80) {
			t.Errorf("%d px due: no red dot badge at top right (%v)", n, c)
		}
		if c := at(decode(t, Icon(Normal, n)), 19.8, 4.2); c == at(decode(t, Icon(Due, n)), 19.8, 4.2) {
			t.Errorf("%d px normal has the due badge", n)
		}
	}
}

func spread(c color.NRGBA) int {
	return int(max(c.R, c.G, c.B)) - int(min(c.R, c.G, c.B))
}

// TestReadsOnLightAndDarkPanels checks WCAG contrast for graphics (3:1):
// the figure against its disc, and the disc (rim or fill, whichever
// stands out) against a light and a dark panel.
func TestReadsOnLightAndDarkPanels(t *testing.T) {
	light, dark := color.NRGBA{0xef, 0xef, 0xef, 255}, color.NRGBA{0x2b, 0x2b, 0x2b, 255}
	for _, st := range states() {
		img := decode(t, Icon(st, 44))
		fill := at(img, 6.5, 14)
		rim := at(img, 12, 0.62) // inside the 0.8-unit rim at the top
		figure := at(img, 12, 12.5)
		if c := contrast.Ratio(figure, fill); c < 3 {
			t.Errorf("%v: figure on disc contrast %.2f < 3", st, c)
		}
		for name, bg := range map[string]color.NRGBA{"light": light, "dark": dark} {
			if c := max(contrast.Ratio(rim, bg), contrast.Ratio(fill, bg)); c < 3 {
				t.Errorf("%v on a %s panel: disc contrast %.2f < 3", st, name, c)
			}
		}
	}
}

func TestIconPicksNearestLargerSize(t *testing.T) {
	tests := map[int]int{1: 16, 20: 22, 22: 22, 40: 44, 64: 64, 500: 64}
	for in, want := range tests {
		if got := decode(t, Icon(Normal, in)).Bounds().Dx(); got != want {
			t.Errorf("Icon(Normal, %d) is %d px, want %d", in, got, want)
		}
	}
}

func TestUnknownStateIsNormal(t *testing.T) {
	if !bytes.Equal(Icon(State(42), 22), Icon(Normal, 22)) || !bytes.Equal(ICO(State(-1)), ICO(Normal)) {
		t.Error("an unknown state does not fall back to the normal icon")
	}
	if got := State(42).String(); got != "State(42)" {
		t.Errorf("String() = %q", got)
	}
}

// TestICO parses each .ico as Windows does: the directory, then each
// entry's BITMAPINFOHEADER, pixels and AND mask, and compares the pixels
// with the PNG of the same size where there is one.
func TestICO(t *testing.T) {
	le := binary.LittleEndian
	for _, st := range states() {
		b := ICO(st)
		if len(b) < 6 || le.Uint16(b[0:]) != 0 || le.Uint16(b[2:]) != 1 {
			t.Fatalf("%v: not an icon file header", st)
		}
		count := int(le.Uint16(b[4:]))
		if want := len(ICOSizes()); count != want {
			t.Fatalf("%v: %d images, want %d", st, count, want)
		}
		for i := range count {
			e := b[6+16*i:]
			w, h := int(e[0]), int(e[1])
			bpp := le.Uint16(e[6:])
			size, off := int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
			n := ICOSizes()[i]
			if w != n || h != n || bpp != 32 {
				t.Errorf("%v entry %d: %d×%d %d bpp, want %d×%d 32", st, i, w, h, bpp, n, n)
			}
			if off+size > len(b) {
				t.Fatalf("%v entry %d: data runs past the end", st, i)
			}
			d := b[off : off+size]
			mask := ((n + 31) / 32) * 4
			if le.Uint32(d) != 40 || int(int32(le.Uint32(d[4:]))) != n || int(int32(le.Uint32(d[8:]))) != 2*n ||
				le.Uint16(d[14:]) != 32 || size != 40+n*n*4+mask*n {
				t.Errorf("%v entry %d: bad bitmap header or length", st, i)
				continue
			}
			if !containsSize(Sizes(), n) {
				continue
			}
			img := decode(t, Icon(st, n))
			for y := range n {
				for x := range n {
					p := d[40+((n-1-y)*n+x)*4:] // rows are bottom-up, BGRA
					c := img.NRGBAAt(x, y)
					// The PNGs are nudged for systray (see
					// TestSystrayPixmapIsExact): the same picture within
					// a level or two where partly transparent, and
					// compared premultiplied, which is what shows.
					if p[3] != c.A || far(p[0], c.B, c.A) || far(p[1], c.G, c.A) || far(p[2], c.R, c.A) {
						t.Fatalf("%v %d px: pixel (%d,%d) is %v in the ICO, %v in the PNG", st, n, x, y, p[:4], c)
					}
					maskBit := d[40+n*n*4+(n-1-y)*mask+x/8]&(0x80>>(x%8)) != 0
					if maskBit != (c.A == 0) {
						t.Fatalf("%v %d px: AND mask wrong at (%d,%d)", st, n, x, y)
					}
				}
			}
		}
	}
}

func containsSize(s []int, n int) bool {
	for _, v := range s {
		if v == n {
			return true
		}
	}
	return false
}

// far reports whether two straight channel values at alpha differ by
// more than 1.5 levels once premultiplied (an exact match when opaque).
func far(x, y, alpha uint8) bool {
	d := (int(x) - int(y)) * int(alpha)
	if alpha == 255 {
		return d != 0
	}
	return d > 382 || d < -382
}

// TestSystrayPixmapIsExact converts each PNG the way fyne.io/systray
// does on Linux (low byte of each RGBA() channel, packed as ARGB) and
// checks it gives exactly the straight 8-bit pixels stored in the ICO,
// so the panel shows clean anti-aliased edges (see assets/icon/gen's
// sniSafe).
func TestSystrayPixmapIsExact(t *testing.T) {
	le := binary.LittleEndian
	for _, st := range states() {
		ico := ICO(st)
		for i, n := range ICOSizes() {
			if !containsSize(Sizes(), n) {
				continue
			}
			e := ico[6+16*i:]
			d := ico[le.Uint32(e[12:]):]
			img, err := png.Decode(bytes.NewReader(Icon(st, n)))
			if err != nil {
				t.Fatal(err)
			}
			for y := range n {
				for x := range n {
					r, g, b, a := img.At(x, y).RGBA()
					got := [4]byte{byte(a), byte(r), byte(g), byte(b)}
					p := d[40+((n-1-y)*n+x)*4:]
					want := [4]byte{p[3], p[2], p[1], p[0]}
					if got != want {
						t.Fatalf("%v %d px (%d,%d): systray pixmap ARGB %v, want %v", st, n, x, y, got, want)
					}
				}
			}
		}
	}
}
