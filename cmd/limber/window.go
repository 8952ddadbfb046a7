package main

import (
	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/ipc"
	"github.com/limber-app/limber/internal/paths"
	"github.com/limber-app/limber/internal/ui/cardwin"
	"github.com/limber-app/limber/internal/ui/settingswin"
	"github.com/limber-app/limber/internal/ui/statswin"
)

// runWindow runs one Fyne window as this process: card, settings or stats.
// It is the only path that starts Fyne's app (and a GL context); the daemon
// starts it as a child and it exits when the window closes. Without a
// running daemon each window works on its own (files, read-only history).
func runWindow(args []string) int {
	if len(args) == 0 {
		return usageWindow()
	}
	var c *api.Client
	if conn, err := ipc.Dial(paths.Socket()); err == nil {
		c = api.NewClient(conn)
		defer conn.Close()
	}
	switch args[0] {
	case "card":
		if c == nil {
			return cardwin.Run(args[1:], nil)
		}
		return cardwin.Run(args[1:], c)
	case "settings":
		if c == nil {
			return settingswin.Run(args[1:], nil)
		}
		return settingswin.Run(args[1:], c)
	case "stats":
		if c == nil {
			return statswin.Run(args[1:], nil)
		}
		return statswin.Run(args[1:], c)
	}
	return usageWindow()
}
