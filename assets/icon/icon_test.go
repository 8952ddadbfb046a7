package icon

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/png"
	"math"
	"os/exec"
	"testing"
)

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decoding PNG: %v", err)
	}
	return img
}

func TestEverySizeDecodes(t *testing.T) {
	for _, n := range Sizes() {
		img := decode(t, PNGSize(n))
		if got := img.Bounds().Size(); got != image.Pt(n, n) {
			t.Errorf("PNGSize(%d) is %v", n, got)
		}
		// A tile with a transparent margin and an opaque middle.
		if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
			t.Errorf("size %d: corner not transparent (alpha %d)", n, a>>8)
		}
		if _, _, _, a := img.At(n/2, n/2).RGBA(); a != 0xffff {
			t.Errorf("size %d: centre not opaque (alpha %d)", n, a>>8)
		}
	}
}

func TestPNGIs512(t *testing.T) {
	if got := decode(t, PNG()).Bounds().Size(); got != image.Pt(512, 512) {
		t.Errorf("PNG() is %v, want 512×512", got)
	}
	if !bytes.Equal(PNG(), PNGSize(512)) {
		t.Error("PNG() and PNGSize(512) differ")
	}
}

func TestPNGSizePicksNearestLarger(t *testing.T) {
	tests := map[int]int{0: 16, 16: 16, 17: 22, 30: 32, 100: 128, 512: 512, 4096: 512}
	for in, want := range tests {
		if got := decode(t, PNGSize(in)).Bounds().Dx(); got != want {
			t.Errorf("PNGSize(%d) is %d px, want %d", in, got, want)
		}
	}
}

func TestReturnsCopies(t *testing.T) {
	a := PNG()
	a[0] ^= 0xff
	if PNG()[0] == a[0] {
		t.Error("changing the returned bytes changed the embedded icon")
	}
}

func TestSVGIsWellFormed(t *testing.T) {
	var doc struct {
		XMLName xml.Name
		ViewBox string `xml:"viewBox,attr"`
		Title   string `xml:"title"`
	}
	if err := xml.Unmarshal(SVG(), &doc); err != nil {
		t.Fatalf("parsing SVG: %v", err)
	}
	if doc.XMLName.Local != "svg" || doc.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Errorf("root element is %v, want svg in the SVG namespace", doc.XMLName)
	}
	if doc.ViewBox != "0 0 100 100" || doc.Title != "Limber" {
		t.Errorf("viewBox %q title %q", doc.ViewBox, doc.Title)
	}
}

// TestSVGMatchesPNG renders the SVG with librsvg, when installed, and
// compares it with the PNG drawn from the same geometry.
func TestSVGMatchesPNG(t *testing.T) {
	rsvg, err := exec.LookPath("rsvg-convert")
	if err != nil {
		t.Skip("rsvg-convert not installed (apt-get install librsvg2-bin)")
	}
	cmd := exec.Command(rsvg, "-w", "256", "-h", "256")
	cmd.Stdin = bytes.NewReader(SVG())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rsvg-convert: %v", err)
	}
	a, b := decode(t, out), decode(t, PNGSize(256))
	var sum, n float64
	for y := range 256 {
		for x := range 256 {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			for _, d := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}, {a1, a2}} {
				sum += math.Abs(float64(d[0])-float64(d[1])) / 0xffff
				n++
			}
		}
	}
	// Edges and the shadow's blur differ a little between renderers.
	if mean := sum / n; mean > 0.01 {
		t.Errorf("SVG and PNG differ by %.2f%% on average", 100*mean)
	}
}
