// Command gen draws Limber's icons and writes them into the repository:
// the app icon (PNG at the hicolor sizes and SVG) into assets/icon, and
// the tray icons (PNG and Windows ICO, three states) into assets/tray.
// The build only embeds the committed output; run `go generate
// ./assets/icon` after changing the design.
//
// Usage: go run ./assets/icon/gen [-icon DIR] [-tray DIR]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
)

// Sizes written for the app icon (the freedesktop hicolor set) and for the
// tray: 22 and 44 for Linux panels at 1× and 2×, 16–64 for Windows, where
// the ICO carries the sizes for 100 % to 300 % scaling.
func appSizes() []int     { return []int{16, 22, 24, 32, 48, 64, 128, 256, 512} }
func trayPNGSizes() []int { return []int{16, 22, 24, 32, 44, 48, 64} }
func trayICOSizes() []int { return []int{16, 20, 24, 32, 40, 48, 64} }

func main() {
	iconDir := flag.String("icon", ".", "output folder for the app icon")
	trayDir := flag.String("tray", "../tray", "output folder for the tray icons")
	flag.Parse()
	if err := run(*iconDir, *trayDir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// output is one generated file: an image to encode as PNG, or bytes.
type output struct {
	name string
	img  image.Image
	data []byte
}

// draw produces every file, named relative to the two output folders.
func draw(iconDir, trayDir string) ([]output, error) {
	var out []output
	for _, n := range appSizes() {
		img := appIcon(n).render(n)
		out = append(out, output{name: filepath.Join(iconDir, "png", fmt.Sprintf("limber-%d.png", n)), img: img})
		if n == 512 { // the icon FyneApp.toml names
			out = append(out, output{name: filepath.Join(iconDir, "limber.png"), img: img})
		}
	}
	out = append(out, output{name: filepath.Join(iconDir, "limber.svg"), data: appSVG()})
	for _, st := range []trayState{trayNormal, trayPaused, trayDue} {
		for _, n := range trayPNGSizes() {
			name := filepath.Join(trayDir, "png", fmt.Sprintf("%s-%d.png", st, n))
			out = append(out, output{name: name, img: sniSafe(trayIcon(st, n).render(n))})
		}
		var entries []icoEntry
		for _, n := range trayICOSizes() {
			entries = append(entries, icoEntry{size: n, img: trayIcon(st, n).render(n)})
		}
		ico, err := encodeICO(entries)
		if err != nil {
			return nil, fmt.Errorf("encoding %s tray ICO: %w", st, err)
		}
		out = append(out, output{name: filepath.Join(trayDir, "ico", st.String()+".ico"), data: ico})
	}
	return out, nil
}

func run(iconDir, trayDir string) error {
	files, err := draw(iconDir, trayDir)
	if err != nil {
		return err
	}
	for _, f := range files {
		if f.img != nil {
			err = encodePNG(f.name, f.img)
		} else {
			err = writeFile(f.name, f.data)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func encodePNG(name string, img image.Image) error {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return fmt.Errorf("encoding %s: %w", name, err)
	}
	return writeFile(name, buf.Bytes())
}

func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("creating folder for %s: %w", name, err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
