package cardwin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/api"
)

// TestWindowUnderXvfb runs the real card window in a virtual X server:
// the window must appear and not be blank, and Escape must end it as snoozed (the gentle way out).
func TestWindowUnderXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an X server; skipped with -short")
	}
	for _, b := range []string{"Xvfb", "xdotool", "import"} {
		if _, err := exec.LookPath(b); err != nil {
			t.Skipf("%s is not installed (apt-get install xvfb xdotool imagemagick)", b)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "cardpreview")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/cardpreview").CombinedOutput(); err != nil {
		t.Fatalf("building the preview: %v\n%s", err, out)
	}

	display := ""
	for n := 150 + os.Getpid()%300; n < 1000; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); os.IsNotExist(err) {
			display = fmt.Sprintf(":%d", n)
			break
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	xvfb := exec.CommandContext(ctx, "Xvfb", display, "-screen", "0", "1024x768x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	defer func() { _ = xvfb.Process.Kill(); _ = xvfb.Wait() }()
	env := append(os.Environ(), "DISPLAY="+display, "XDG_CONFIG_HOME="+dir, "FYNE_THEME=light")
	x := func(name string, args ...string) ([]byte, error) {
		c := exec.CommandContext(ctx, name, args...)
		c.Env = env
		return c.Output()
	}
	up := false
	for i := 0; i < 50 && !up; i++ {
		_, err := x("xdotool", "getmouselocation")
		up = err == nil
		time.Sleep(100 * time.Millisecond)
	}
	if !up {
		t.Fatal("Xvfb did not come up")
	}

	var stdout, stderr bytes.Buffer
	win := exec.CommandContext(ctx, bin, "--kind", "stretch", "--card", "bird-dog", "--length", "90s")
	win.Env, win.Stdout, win.Stderr = env, &stdout, &stderr
	if err := win.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- win.Wait() }()

	var wid string
	for i := 0; i < 100 && wid == ""; i++ {
		out, _ := x("xdotool", "search", "--name", "Stretch — Limber")
		wid = strings.TrimSpace(strings.Split(string(out), "\n")[0])
		time.Sleep(100 * time.Millisecond)
	}
	if wid == "" {
		_ = win.Process.Kill()
		t.Fatalf("the card window did not appear; stderr:\n%s", stderr.String())
	}
	time.Sleep(1500 * time.Millisecond) // let it paint
	shot := filepath.Join(dir, "card.png")
	if _, err := x("import", "-window", "root", shot); err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if n := distinctColours(t, shot); n < 8 {
		t.Errorf("the screen looks blank: %d distinct colours", n)
	}

	if _, err := x("xdotool", "windowfocus", "--sync", wid, "key", "Escape"); err != nil {
		t.Fatalf("sending Escape: %v", err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("the window exited with %v; stderr:\n%s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		_ = win.Process.Kill()
		t.Fatal("Escape did not close the card")
	}
	var line struct {
		Cmd  string
		Args api.BreakResult
	}
	if err := json.Unmarshal(stdout.Bytes(), &line); err != nil || line.Cmd != string(api.CmdBreakResult) ||
		line.Args.Outcome != api.Snoozed || line.Args.CardID != "bird-dog" {
		t.Errorf("want one snoozed result for bird-dog, got %q (%v)", stdout.String(), err)
	}
}

func distinctColours(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
		}
	}
	return len(seen)
}
