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

func run(iconDir, trayDir string) error {
	for _, n := range appSizes() {
		name := filepath.Join(iconDir, "png", fmt.Sprintf("limber-%d.png", n))
		if err := writePNG(name, appIcon(n), n); err != nil {
			return err
		}
	}
	if err := writePNG(filepath.Join(iconDir, "limber.png"), appIcon(512), 512); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(iconDir, "limber.svg"), appSVG()); err != nil {
		return err
	}
	for _, st := range []trayState{trayNormal, trayPaused, trayDue} {
		for _, n := range trayPNGSizes() {
			name := filepath.Join(trayDir, "png", fmt.Sprintf("%s-%d.png", st, n))
			if err := encodePNG(name, sniSafe(trayIcon(st, n).render(n))); err != nil {
				return err
			}
		}
		var entries []icoEntry
		for _, n := range trayICOSizes() {
			entries = append(entries, icoEntry{size: n, img: trayIcon(st, n).render(n)})
		}
		ico, err := encodeICO(entries)
		if err != nil {
			return fmt.Errorf("encoding %s tray ICO: %w", st, err)
		}
		if err := writeFile(filepath.Join(trayDir, "ico", st.String()+".ico"), ico); err != nil {
			return err
		}
	}
	return nil
}

func writePNG(name string, ic icon, size int) error {
	return encodePNG(name, ic.render(size))
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
