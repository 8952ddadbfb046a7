package settings

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

var startAtLoginLine = regexp.MustCompile(`^\s*start_at_login\s*=`)

// SetStartAtLogin changes only the start_at_login line of the file at path,
// keeping the user's comments and layout, so `limber autostart on` and the
// file agree. A file with problems is left alone (the error says why); a
// missing file is written with the defaults first.
func SetStartAtLogin(path string, on bool) error {
	if _, err := EnsureFile(path); err != nil {
		return err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading settings: %w", err)
	}
	if _, probs := Parse(data, path); len(probs) > 0 {
		return fmt.Errorf("%s has problems, fix it first (limber config check): %s", path, probs[0])
	}
	lines := strings.Split(string(data), "\n")
	value := "start_at_login = " + strconv.FormatBool(on)
	done := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") {
			// Top-level keys must come before the first table.
			lines = append(lines[:i], append([]string{value}, lines[i:]...)...)
			done = true
			break
		}
		if startAtLoginLine.MatchString(l) {
			lines[i] = value
			done = true
			break
		}
	}
	if !done {
		lines = append(lines, value)
	}
	out := []byte(strings.Join(lines, "\n"))
	s, probs := Parse(out, path)
	if len(probs) > 0 || s.StartAtLogin != on {
		return fmt.Errorf("could not change start_at_login in %s safely; edit it by hand", path)
	}
	return WriteAtomic(path, out, 0o600)
}
