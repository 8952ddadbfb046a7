package settings

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// SetStartAtLogin changes only the start_at_login line of the file at path,
// keeping the user's comments and layout, so `limber autostart on` and the
// file agree. A file with problems is left alone (the error says why); a
// missing file is written with the defaults first.
func SetStartAtLogin(path string, on bool) error {
	sys := LoadSystem()
	if l, ok := sys.Locks["start_at_login"]; ok {
		return errors.New(lang.X("settings.err.autostart_locked", "Starting at login is set by your administrator ({{.Source}}); it cannot be changed here.",
			map[string]any{"Source": l.Where()}))
	}
	if _, err := sys.EnsureFile(path); err != nil {
		return err
	}
	data, err := ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading settings: %w", err)
	}
	if _, probs := sys.Parse(data, path); len(probs) > 0 {
		return fmt.Errorf("%s has problems, fix it first (limber config check): %s", path, probs[0])
	}
	lines := strings.Split(string(data), "\n")
	value := "start_at_login = " + strconv.FormatBool(on)
	if n := keyLines(data)["start_at_login"]; n > 0 {
		lines[n-1] = value
	} else { // a top-level key: before the first table, after the opening comments
		i := 0
		for i < len(lines) && (strings.TrimSpace(lines[i]) == "" || strings.HasPrefix(strings.TrimSpace(lines[i]), "#")) {
			i++
		}
		lines = slices.Insert(lines, i, value)
	}
	out := []byte(strings.Join(lines, "\n"))
	s, probs := sys.Parse(out, path)
	if len(probs) > 0 || s.StartAtLogin != on {
		return fmt.Errorf("could not change start_at_login in %s safely; edit it by hand", path)
	}
	return WriteAtomic(path, out, 0o600)
}
