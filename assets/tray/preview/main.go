// Command preview shows a tray icon in a real panel, to judge the artwork
// in place. It is a developer tool, not part of Limber.
//
//	go run ./assets/tray/preview -state paused -size 22
//
// Run one per state (each process owns one tray item), for example under
// /work/shared/tools/desktop-session, and screenshot the panel.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"

	"fyne.io/systray"

	trayicon "github.com/limber-app/limber/assets/tray"
)

func main() {
	state := flag.String("state", "normal", "normal, paused or due")
	size := flag.Int("size", 22, "icon size in pixels")
	flag.Parse()
	st := trayicon.Normal
	switch *state {
	case "normal":
	case "paused":
		st = trayicon.Paused
	case "due":
		st = trayicon.Due
	default:
		fmt.Fprintf(os.Stderr, "preview: unknown state %q (want normal, paused or due)\n", *state)
		os.Exit(2)
	}
	systray.Run(func() {
		if runtime.GOOS == "windows" {
			systray.SetIcon(trayicon.ICO(st))
		} else {
			systray.SetIcon(trayicon.Icon(st, *size))
		}
		systray.SetTitle("Limber")
		systray.SetTooltip("Limber preview: " + st.String())
		quit := systray.AddMenuItem("Quit", "Close the preview")
		go func() {
			<-quit.ClickedCh
			systray.Quit()
		}()
	}, func() {})
}
