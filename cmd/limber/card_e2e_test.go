package main

import (
	"fmt"
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

// TestEndToEndCardBehavesLikeABreak (issue 11) runs a real window manager
// (xfwm4): the card is kept above (_NET_WM_STATE_ABOVE), comes back when
// minimised, refuses a second `break now` of its kind, and once its time
// is up Enter closes it and the break is recorded as done.
func TestEndToEndCardBehavesLikeABreak(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test")
	}
	if _, err := exec.LookPath("xfwm4"); err != nil {
		t.Skip("xfwm4 is not installed")
	}
	bin := limberBin(t)
	d := newDesktop(t)
	cfgHome := d.envValue("XDG_CONFIG_HOME")
	cfg := `[posture]
enabled = false
[hydration]
enabled = false
[movement]
enabled = false
[stretch]
interval = "30m"
length = "6s"
[card]
auto_close = "0s"
`
	os.MkdirAll(filepath.Join(cfgHome, "limber"), 0o700)
	if err := os.WriteFile(filepath.Join(cfgHome, "limber", "config.toml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	wm := exec.Command("xfwm4", "--compositor=off")
	wm.Env = d.env
	if err := wm.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wm.Process.Kill(); wm.Wait() })
	time.Sleep(time.Second)
	d.startDaemon(t, bin)
	// The user is at the desk: some pointer input (else the break would
	// soon count as a natural one, taken away from the desk).
	// The daemon looks every 10 s while the user is away, then needs 5 s
	// of input to count them back.
	for i := range 16 {
		exec.Command("xdotool", "mousemove", fmt.Sprint(100+i*10), "100").Run()
		time.Sleep(time.Second)
	}

	if _, errs, code := d.limber(t, bin, "break", "now", "stretch"); code != 0 {
		t.Fatalf("break now: %s", errs)
	}
	var win string
	deadline := time.Now().Add(15 * time.Second)
	for win == "" {
		if time.Now().After(deadline) {
			t.Fatal("no card window")
		}
		time.Sleep(100 * time.Millisecond)
		if ids := findWindows("Stretch"); len(ids) > 0 {
			win = ids[0]
		}
	}
	waitState := func(what string, ok func(state string) bool) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for {
			out, _ := exec.Command("xprop", "-id", win, "_NET_WM_STATE").Output()
			if ok(string(out)) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: _NET_WM_STATE is %s", what, out)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitState("kept above", func(s string) bool { return strings.Contains(s, "_NET_WM_STATE_ABOVE") })

	// A second card of the same kind is refused, and says so.
	if _, errs, code := d.limber(t, bin, "break", "now", "stretch"); code != 1 || !strings.Contains(errs, "already on screen") {
		t.Errorf("second break now: exit %d, %q", code, errs)
	}

	// Minimised, it comes back.
	if out, err := exec.Command("xdotool", "windowminimize", win).CombinedOutput(); err != nil {
		t.Fatalf("xdotool windowminimize: %v %s", err, out)
	}
	// The card may come back before a poll sees it hidden (it takes the
	// focus back at once), so what is checked is that it is shown again.
	time.Sleep(300 * time.Millisecond)
	waitState("restored", func(s string) bool {
		out, _ := exec.Command("xwininfo", "-id", win).Output()
		return !strings.Contains(s, "_NET_WM_STATE_HIDDEN") && strings.Contains(string(out), "IsViewable")
	})

	// No input for the 6 s of the break: time is up; Enter closes it.
	time.Sleep(8 * time.Second)
	if os.Getenv("LIMBER_E2E_DEBUG") != "" {
		o, _ := exec.Command("xdotool", "search", "--name", "Limber").Output()
		e, _, _ := d.limber(t, bin, "export", "--json", "-")
		t.Logf("windows %q (card %s); journal %s", o, win, e)
	}
	exec.Command("xdotool", "windowactivate", "--sync", win).Run()
	if out, err := exec.Command("xdotool", "key", "--window", win, "Return").CombinedOutput(); err != nil {
		t.Fatalf("xdotool key: %v %s", err, out)
	}
	deadline = time.Now().Add(5 * time.Second)
	for len(findWindows("Stretch")) > 0 {
		if time.Now().After(deadline) {
			t.Fatal("Enter after time's up did not close the card")
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	out, errs, code := d.limber(t, bin, "export", "--json", "-")
	if code != 0 {
		t.Fatalf("export: %s", errs)
	}
	if !strings.Contains(out, `"outcome": "done"`) && !strings.Contains(out, `"outcome":"done"`) {
		t.Errorf("no done break recorded:\n%s", out)
	}
}

// envValue is the value of key in the desktop's environment.
func (d *desktop) envValue(key string) string {
	for _, kv := range d.env {
		if v, ok := strings.CutPrefix(kv, key+"="); ok {
			return v
		}
	}
	return ""
}
