package main

import (
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/activity/desktoptest"
)

// TestEndToEndDoNotDisturbThenCard: a stretch break that comes due while a
// full-screen window has focus waits (issue 7); once full screen ends the
// card window opens, and it is really drawn (issue 4).
func TestEndToEndDoNotDisturbThenCard(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	bin := limberBin(t)
	d := newDesktop(t)
	var cfgHome string
	for _, kv := range d.env {
		if strings.HasPrefix(kv, "XDG_CONFIG_HOME=") {
			cfgHome = strings.TrimPrefix(kv, "XDG_CONFIG_HOME=")
		}
	}
	// A stretch every minute of sitting, nothing else, so the test is short.
	cfg := `[posture]
enabled = false
[hydration]
enabled = false
[movement]
enabled = false
[stretch]
interval = "1m"
length = "20s"
warn = "0s"
`
	os.MkdirAll(filepath.Join(cfgHome, "limber"), 0o700)
	if err := os.WriteFile(filepath.Join(cfgHome, "limber", "config.toml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, errs, code := d.limber(t, bin, "config", "check"); code != 0 {
		t.Fatalf("config check: %s %s", out, errs)
	}

	// A presentation: full screen, no input. It counts as sitting.
	leave := desktoptest.Fullscreen(t, d.display)
	d.startDaemon(t, bin)

	held := false
	deadline := time.Now().Add(100 * time.Second)
	for !held {
		if time.Now().After(deadline) {
			t.Fatalf("the stretch break never came due and held: %+v", d.status(t, bin))
		}
		time.Sleep(time.Second)
		st := d.status(t, bin)
		for _, b := range st.Breaks {
			if b.Kind == "stretch" && b.Held {
				held = true
			}
		}
		if !st.PresentNoInput {
			t.Fatalf("the daemon does not see the full-screen window: %+v", st)
		}
	}
	if ids := findWindows("Stretch"); len(ids) > 0 {
		t.Fatal("a card window interrupted the full-screen presentation")
	}

	// The presentation ends: the held break is offered at once.
	leave()
	var win string
	deadline = time.Now().Add(15 * time.Second)
	for win == "" {
		if time.Now().After(deadline) {
			t.Fatalf("no card window after full screen ended: %+v", d.status(t, bin))
		}
		time.Sleep(100 * time.Millisecond)
		if ids := findWindows("Stretch"); len(ids) > 0 {
			win = ids[0]
		}
	}

	checkDrawn(t, win)
}

// checkDrawn takes a screenshot of window win and checks that it has a
// real picture: a fair size and many colours (a blank window has one or two).
func checkDrawn(t *testing.T, win string) {
	t.Helper()
	time.Sleep(1500 * time.Millisecond)
	shot := filepath.Join(t.TempDir(), "card.png")
	if out, err := exec.Command("import", "-window", win, shot).CombinedOutput(); err != nil {
		t.Skipf("import (imagemagick) failed: %v %s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if n := colours(img); n < 50 {
		t.Errorf("the card window looks blank: %d colours in %v", n, img.Bounds())
	}
	if b := img.Bounds(); b.Dx() < 300 || b.Dy() < 200 {
		t.Errorf("the card window is tiny: %v", b)
	}
}

func findWindows(name string) []string {
	out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", name).Output()
	return strings.Fields(string(out))
}

// colours counts distinct colours (a blank window has one or two).
func colours(img image.Image) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
		}
	}
	return len(seen)
}
