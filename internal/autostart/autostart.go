// Package autostart turns "start Limber at login" on and off the way each
// OS expects: an XDG autostart .desktop file on Linux and other Unix
// desktops, the Run registry key on Windows, a LaunchAgent on macOS. It only
// touches the user's own files, so no privileges are needed.
package autostart

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Name is the entry's name (desktop file, registry value, agent label).
const (
	desktopFile = "limber.desktop"
	runValue    = "Limber"
	agentLabel  = "io.github.limber-app.limber"
)

// Status says whether Limber starts at login and how.
type Status struct {
	Enabled bool
	// Where is the file or registry value that holds the entry.
	Where string
	// Command is the program the entry starts ("" when off).
	Command string
	// Stale: the entry starts another program than this one (the binary was
	// moved or reinstalled elsewhere); turning it on again fixes it.
	Stale bool
}

// Executable is the path of the running binary with symlinks resolved, the
// program an autostart entry should start.
func Executable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("finding the limber program: %w", err)
	}
	if r, err := filepath.EvalSymlinks(exe); err == nil {
		exe = r
	}
	return exe, nil
}

// On makes Limber start at login by running exe (use Executable()).
func On(exe string) error { return on(exe) }

// Off stops Limber starting at login. Off when already off is not an error.
func Off() error { return off() }

// Get reports the current state; exe (use Executable()) decides Stale.
func Get(exe string) (Status, error) { return get(exe) }

// Set turns autostart on or off.
func Set(enabled bool, exe string) error {
	if enabled {
		return On(exe)
	}
	return Off()
}

// removeEntry deletes the file-based login entry (XDG .desktop file, macOS
// LaunchAgent); one that is already gone is fine.
func removeEntry(where func() (string, error)) error {
	p, err := where()
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("turning off start at login: %w", err)
	}
	return nil
}
