// Package paths says where Limber keeps its files on each OS. Every value is
// computed from the environment on each call, so tests can point the whole
// app somewhere else by setting XDG_* variables.
package paths

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
)

const app = "limber"

// ConfigDir is $XDG_CONFIG_HOME/limber (os.UserConfigDir elsewhere).
func ConfigDir() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the config folder: %w (set XDG_CONFIG_HOME or HOME)", err)
	}
	return filepath.Join(d, app), nil
}

// ConfigFile is config.toml in ConfigDir.
func ConfigFile() (string, error) {
	d, err := ConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "config.toml"), nil
}

// CardsDir is the folder of the user's own cards.
func CardsDir() (string, error) {
	d, err := ConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "cards"), nil
}

// DataDir is $XDG_DATA_HOME/limber (~/.local/share/limber), or the OS
// equivalent: %LOCALAPPDATA%\limber on Windows, ~/Library/Application Support/limber on macOS.
func DataDir() (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, app), nil
		}
	case "darwin":
		d, err := os.UserConfigDir() // ~/Library/Application Support
		if err != nil {
			return "", fmt.Errorf("finding the data folder: %w", err)
		}
		return filepath.Join(d, app), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, app), nil
	}
	h, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the data folder: %w (set XDG_DATA_HOME or HOME)", err)
	}
	return filepath.Join(h, ".local", "share", app), nil
}

// HistoryFile is history.jsonl in DataDir.
func HistoryFile() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "history.jsonl"), nil
}

// OldHistoryFile is history.db in DataDir, the SQLite history of Limber
// before history.jsonl; the daemon imports it once (and renames it
// history.db.imported).
func OldHistoryFile() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "history.db"), nil
}

// RuntimeDir is $XDG_RUNTIME_DIR/limber. Without XDG_RUNTIME_DIR it is
// limber/run in the user's own cache folder ($XDG_CACHE_HOME, ~/.cache),
// not a guessable name in the shared temp folder, which another user could
// create first. ipc.Listen makes it 0700 without following a symlink and
// refuses it when it is not the user's. Only without any home folder is it
// the temp folder's limber-UID (the same checks then refuse another
// user's).
func RuntimeDir() string {
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, app)
	}
	if d, err := os.UserCacheDir(); err == nil && filepath.IsAbs(d) {
		return filepath.Join(d, app, "run")
	}
	return filepath.Join(os.TempDir(), app+"-"+strconv.Itoa(os.Getuid()))
}

// Socket is the daemon's control socket.
func Socket() string { return filepath.Join(RuntimeDir(), app+".sock") }

// AutostartDir is $XDG_CONFIG_HOME/autostart on Linux.
func AutostartDir() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the config folder: %w", err)
	}
	return filepath.Join(d, "autostart"), nil
}

// SystemConfigFiles are the system-wide settings files an administrator
// may write: limber/config.toml in each of $XDG_CONFIG_DIRS (default
// /etc/xdg), most important first, as the XDG base directory spec orders
// them. Relative entries are ignored, as the spec says. On Windows, where
// policies come from the registry, only an XDG_CONFIG_DIRS that is set
// counts: there is no /etc/xdg to default to.
func SystemConfigFiles() []string {
	dirs := os.Getenv("XDG_CONFIG_DIRS")
	if dirs == "" {
		if runtime.GOOS == "windows" {
			return nil
		}
		dirs = "/etc/xdg"
	}
	var out []string
	for _, d := range filepath.SplitList(dirs) {
		if d == "" || !filepath.IsAbs(d) {
			continue
		}
		f := filepath.Join(d, app, "config.toml")
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}
