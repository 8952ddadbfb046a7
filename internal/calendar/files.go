package calendar

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Files are the calendar files and folders of the settings ([calendar]
// files), read again when they change. A change is noticed by stat: a
// poll that finds every file's size, time and mode unchanged reads
// nothing, so polling every couple of seconds costs a few stat calls.
// It is not safe for concurrent use.
type Files struct {
	paths []string
	home  string
	seen  map[string]stamp // file -> its stamp when read
	// events are the busy events of each file, read for window.
	events map[string][]Event
	probs  map[string]string // file (or setting path) -> what is wrong
	window [2]time.Time
}

type stamp struct {
	size int64
	mod  time.Time
	mode os.FileMode
}

// Window is how far around now busy events are read: a day back (for a
// meeting that began yesterday) and two ahead; Poll reads again once now
// has moved half a day into it.
const (
	windowBack  = 24 * time.Hour
	windowAhead = 48 * time.Hour
	windowShift = 12 * time.Hour
)

// NewFiles watches paths (files or folders of .ics files; "~/" is the
// home directory). Nothing is read until Poll.
func NewFiles(paths []string) *Files {
	home, _ := os.UserHomeDir()
	f := &Files{home: home}
	f.SetPaths(paths)
	return f
}

// SetPaths changes what is watched; the next Poll reads it all.
func (f *Files) SetPaths(paths []string) {
	f.paths = slices.Clone(paths)
	f.seen, f.events, f.probs = map[string]stamp{}, map[string][]Event{}, map[string]string{}
	f.window = [2]time.Time{}
}

// Paths are the paths watched, as given.
func (f *Files) Paths() []string { return slices.Clone(f.paths) }

// Expand is path with a leading "~/" made the home directory.
func Expand(path, home string) string {
	if path == "~" {
		return home
	}
	if rest, ok := strings.CutPrefix(path, "~/"); ok && home != "" {
		return filepath.Join(home, rest)
	}
	return path
}

// files lists the .ics files the paths name now; a missing path or
// unreadable folder is a problem for that path.
func (f *Files) files(probs map[string]string) []string {
	var out []string
	for _, p := range f.paths {
		full := Expand(p, f.home)
		fi, err := os.Stat(full)
		if err != nil {
			probs[p] = fmt.Sprintf("calendar %s: %v", p, unwrapPath(err))
			continue
		}
		if !fi.IsDir() {
			out = append(out, full)
			continue
		}
		// A folder as calendar programs keep them: its .ics files, one
		// level of subfolders deep (Evolution keeps one folder per calendar).
		for _, pat := range []string{"*.ics", "*/*.ics"} {
			m, err := filepath.Glob(filepath.Join(full, pat))
			if err != nil {
				continue
			}
			slices.Sort(m)
			out = append(out, m...)
		}
	}
	return slices.Compact(out)
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// Poll looks at the files at now and reads those that changed (or all of
// them when the window moved). It reports whether the busy events or the
// problems changed; Busy and Problems then say how.
func (f *Files) Poll(now time.Time) bool {
	changed := false
	if f.window[0].IsZero() || now.Sub(f.window[0]) > windowBack+windowShift || now.Before(f.window[0]) {
		f.window = [2]time.Time{now.Add(-windowBack), now.Add(windowAhead)}
		f.seen = map[string]stamp{} // read everything for the new window
		changed = true
	}
	probs := map[string]string{}
	files := f.files(probs)
	for path := range f.events {
		if !slices.Contains(files, path) {
			delete(f.events, path)
			delete(f.seen, path)
			changed = true
		}
	}
	for _, path := range files {
		fi, err := os.Stat(path)
		if err != nil {
			probs[path] = fmt.Sprintf("calendar %s: %v", path, unwrapPath(err))
			continue
		}
		st := stamp{size: fi.Size(), mod: fi.ModTime(), mode: fi.Mode()}
		if old, ok := f.seen[path]; ok && old == st {
			if p, ok := f.probs[path]; ok {
				probs[path] = p
			}
			continue
		}
		f.seen[path] = st
		changed = true
		ev, err := readFile(path, f.window[0], f.window[1])
		f.events[path] = ev
		if err != nil {
			probs[path] = fmt.Sprintf("calendar %s: %v", path, err)
		}
	}
	if !mapsEqual(probs, f.probs) {
		changed = true
	}
	f.probs = probs
	return changed
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// maxFileSize is the largest calendar file read: a year of a busy
// person's meetings is well under a megabyte.
const maxFileSize = 32 << 20

func readFile(path string, from, to time.Time) ([]Event, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer fh.Close()
	if fi, err := fh.Stat(); err == nil && fi.Size() > maxFileSize {
		return nil, fmt.Errorf("larger than %d MB, not read", maxFileSize>>20)
	}
	return Read(fh, from, to, time.Local)
}

// Busy is the busy events of all files, sorted by start.
func (f *Files) Busy() []Event {
	var out []Event
	for _, ev := range f.events {
		out = append(out, ev...)
	}
	slices.SortFunc(out, func(a, b Event) int { return a.Start.Compare(b.Start) })
	return out
}

// Problems says what is wrong with each file that has a problem, sorted.
func (f *Files) Problems() []string {
	var out []string
	for _, p := range f.probs {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// Check reads paths once, for `limber config check`: the problems, and
// how many busy events lie in the coming week.
func Check(paths []string, now time.Time) (problems []string, events int) {
	f := NewFiles(paths)
	f.window = [2]time.Time{now, now.Add(7 * 24 * time.Hour)}
	f.Poll(now)
	return f.Problems(), len(f.Busy())
}
