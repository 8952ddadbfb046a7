package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoWindowCodeLinked: the daemon and CLI link no Fyne app, driver or
// GL code and no window package; those live in limber-window. Linking them
// would bring back the idle footprint of issue 10 (a long-running daemon
// carrying tens of MB of window code it never runs). It links no Fyne at
// all: Fyne's lang alone brings go-i18n, text/template, x/text, net/http
// and crypto/tls, about 2 MiB of an idle daemon's memory (internal/i18n
// looks texts up instead); fyne.io/systray, the tray, is its own module.
func TestNoWindowCodeLinked(t *testing.T) {
	banned := []string{
		"fyne.io/fyne/",
		"github.com/go-gl/",
		"github.com/nicksnyder/go-i18n/",
		"github.com/limber-app/limber/internal/ui/",
		// Nothing of the daemon talks HTTP; linked, the default client and
		// transport, TLS and elliptic-curve code sit in its memory all day.
		"net/http/",
		"crypto/tls/",
		// The history is a file of JSON lines: SQLite and its libc were
		// ~4 MB of resident code (limber-window alone reads an old
		// history.db, see internal/historydb).
		"modernc.org/sqlite/",
		"modernc.org/libc/",
		"database/sql/",
	}
	for _, goos := range []string{"linux", "windows", "darwin"} {
		t.Run(goos, func(t *testing.T) {
			cmd := exec.Command("go", "list", "-deps", ".")
			cmd.Env = append(os.Environ(), "GOOS="+goos, "GOFLAGS=")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("go list -deps: %v\n%s", err, out)
			}
			for _, pkg := range strings.Fields(string(out)) {
				for _, b := range banned {
					if pkg == strings.TrimSuffix(b, "/") || strings.HasPrefix(pkg, b) || strings.HasPrefix(pkg, b+"/") {
						t.Errorf("cmd/limber links %s (for %s); window code belongs in cmd/limber-window", pkg, goos)
					}
				}
			}
		})
	}
}

// TestCalendarLinksNoHTTP: reading .ics files needs no HTTP. The
// iCalendar library once used imported net/http (for a fetch-by-URL never
// called), linking the default client and transport, TLS and
// elliptic-curve code into a daemon that runs all day (issue 10).
func TestCalendarLinksNoHTTP(t *testing.T) {
	banned := map[string]bool{"net/http": true, "crypto/tls": true}
	for _, goos := range []string{"linux", "windows", "darwin"} {
		t.Run(goos, func(t *testing.T) {
			cmd := exec.Command("go", "list", "-deps", "../../internal/calendar")
			cmd.Env = append(os.Environ(), "GOOS="+goos, "GOFLAGS=")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("go list -deps: %v\n%s", err, out)
			}
			for _, pkg := range strings.Fields(string(out)) {
				if banned[pkg] {
					t.Errorf("internal/calendar links %s (for %s); reading files needs no HTTP or TLS", pkg, goos)
				}
			}
		})
	}
}
