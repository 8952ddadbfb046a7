//go:build !windows && !darwin

package autostart

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/limber-app/limber/internal/paths"
	"github.com/limber-app/limber/internal/settings"
	"github.com/limber-app/limber/internal/version"
)

func desktopPath() (string, error) {
	d, err := paths.AutostartDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, desktopFile), nil
}

// quoteExec quotes a program path for a desktop entry's Exec key, as the
// Desktop Entry Specification asks for paths with spaces or specials.
func quoteExec(p string) string {
	if !strings.ContainsAny(p, " \t\n\"'\\><~|&;$*?#()`") {
		return p
	}
	r := strings.NewReplacer(`\`, `\\\\`, `"`, `\\"`, "`", "\\\\`", `$`, `\\$`)
	return `"` + r.Replace(p) + `"`
}

func unquoteExec(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '"' {
		if i := strings.LastIndexByte(s, '"'); i > 0 {
			s = s[1:i]
		}
		r := strings.NewReplacer(`\\\\`, `\`, `\\"`, `"`, "\\\\`", "`", `\\$`, `$`)
		return r.Replace(s)
	}
	if i := strings.IndexByte(s, ' '); i >= 0 {
		s = s[:i]
	}
	return s
}

func on(exe string) error {
	p, err := desktopPath()
	if err != nil {
		return err
	}
	entry := "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=Limber\n" +
		"Comment=Reminds you to sit well, drink, stretch and move\n" +
		"Exec=" + quoteExec(exe) + "\n" +
		"Icon=" + version.AppID + "\n" +
		"Terminal=false\n" +
		"X-GNOME-Autostart-enabled=true\n"
	if err := settings.WriteAtomic(p, []byte(entry), 0o644); err != nil {
		return fmt.Errorf("turning on start at login: %w", err)
	}
	return nil
}

func off() error { return removeEntry(desktopPath) }

func get(exe string) (Status, error) {
	p, err := desktopPath()
	if err != nil {
		return Status{}, err
	}
	st := Status{Where: p}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("reading %s: %w", p, err)
	}
	st.Enabled = true
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "Exec":
			st.Command = unquoteExec(v)
		case "Hidden":
			if strings.TrimSpace(v) == "true" {
				st.Enabled = false
			}
		case "X-GNOME-Autostart-enabled":
			if strings.TrimSpace(v) == "false" {
				st.Enabled = false
			}
		}
	}
	st.Stale = st.Enabled && exe != "" && st.Command != exe
	return st, nil
}
