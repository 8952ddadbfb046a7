package settings

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// WriteAtomic replaces path with data so that, whatever moment the process
// dies, path holds either its old content or data, never a mix: the bytes go
// to a temporary file in the same folder, are synced, renamed over path, and
// the folder is synced so the rename itself survives a crash.
func WriteAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	if err = tmp.Chmod(perm); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("setting permissions of %s: %w", tmp.Name(), err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", tmp.Name(), err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", tmp.Name(), err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("replacing %s: %w", path, err)
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // folders cannot be opened for syncing there; NTFS journals the rename
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}

// ErrInvalid is wrapped by Save when the settings do not validate.
var ErrInvalid = errors.New("invalid settings")

// InvalidError is returned by Save for settings that do not validate.
type InvalidError struct{ Fields []FieldError }

func (e *InvalidError) Error() string {
	if len(e.Fields) == 0 {
		return ErrInvalid.Error()
	}
	return fmt.Sprintf("%s: %s", ErrInvalid, e.Fields[0])
}

func (e *InvalidError) Unwrap() error { return ErrInvalid }

// Save validates s and writes it atomically to path. Invalid settings are
// never written (the error is an *InvalidError).
//
// The user's file is edited, not replaced: only the lines of keys whose
// value changed are rewritten (a trailing comment on such a line goes),
// missing keys are added under their table, and every other line, comment
// and the order stay. When path is a symlink (a dotfiles setup), its target
// is written, atomically there, and keeps its mode. A file that is not
// valid TOML, or that an edit in place would not turn into exactly s, is
// written whole from the field table instead.
//
// Save reads this machine's system settings (LoadSystem); System.Save
// takes them as given.
func Save(path string, s Settings) error { return LoadSystem().Save(path, s) }

// Save is Save over sys. Locked keys take the system's value first (what a
// client sends for them is not used); their lines in the file are never
// written: the user's own value, or its absence, stays as it was and
// applies again once the lock is lifted.
func (sys *System) Save(path string, s Settings) error {
	_, err := sys.SaveKeeping(path, s)
	return err
}

// SaveKeeping is Save that also reports the copy it kept of a file it could
// not read as settings (KeepBroken), or "" when the file was fine.
func (sys *System) SaveKeeping(path string, s Settings) (kept string, err error) {
	sys.lock(&s)
	if errs := s.Validate(); len(errs) > 0 {
		return "", &InvalidError{Fields: errs}
	}
	s.Normalize()
	target, perm := target(path)
	out := sys.Encode(s)
	if old, err := ReadFile(target); err == nil {
		// The profiles stay as they are, and must still work on top of
		// the new main settings.
		f, probs := sys.ParseFile(old, target)
		if errs := checkProfiles(s, f.Profiles); len(errs) > 0 {
			return "", &InvalidError{Fields: errs}
		}
		out = sys.EncodeFile(File{Main: s, Profiles: f.Profiles})
		if edited, ok := sys.editInPlace(old, s, target); ok {
			out = edited
		} else if onlyProfiles(probs) {
			// Writing the file whole would drop the profile with the
			// mistake: the user's to fix, not to lose.
			return "", fmt.Errorf("a profile in %s has a mistake, so the file cannot be rewritten; fix it first (limber config check): %s", path, probs[0])
		}
		if len(probs) > 0 {
			// The user's lines with the mistake are replaced (or the whole
			// file is): keep them first, so nothing typed is lost.
			if kept, err = KeepBroken(target, old, time.Now()); err != nil {
				return "", err
			}
		}
	}
	return kept, WriteAtomic(target, out, perm)
}

// KeepBroken writes data, a settings file that could not be read as
// settings, beside path as path.broken-TIMESTAMP (0600, never over an
// existing copy) and returns the copy's name.
func KeepBroken(path string, data []byte, now time.Time) (string, error) {
	base := path + ".broken-" + now.UTC().Format("20060102T150405Z")
	name := base
	for i := 2; ; i++ {
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) && i < 100 {
			name = fmt.Sprintf("%s-%d", base, i)
			continue
		}
		if err != nil {
			return "", fmt.Errorf("keeping a copy of the broken settings file: %w", err)
		}
		_, err = f.Write(data)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			_ = os.Remove(name)
			return "", fmt.Errorf("keeping a copy of the broken settings file: %w", err)
		}
		return name, nil
	}
}

// target is the file to write for path: a symlink's target (a dotfiles
// setup), with its mode.
func target(path string) (string, fs.FileMode) {
	t, perm := path, fs.FileMode(0o600)
	if r, err := filepath.EvalSymlinks(path); err == nil {
		t = r
		if fi, err := os.Stat(r); err == nil {
			perm = fi.Mode().Perm()
		}
	}
	return t, perm
}

// editInPlace rewrites only what differs between the file old and s; ok is
// false when the result would not read back as s.
func (sys *System) editInPlace(old []byte, s Settings, file string) ([]byte, bool) {
	// The user's own values (no locks); the profiles stay as they are,
	// mistakes and all.
	wasFile, probs := sys.parseFile(old, file, false, false)
	was := wasFile.Main
	for _, p := range probs {
		if p.Key == "" {
			return nil, false // not TOML: nothing to keep
		}
	}
	lines := strings.Split(string(old), "\n")
	at := keyLines(old)
	type insert struct {
		after int // 0-based line index to insert after; -1: before the first table
		text  string
	}
	var adds []insert
	missing, order := map[string][]string{}, []string{} // tables not in the file
	done := map[string]bool{}
	firstTable := len(lines)
	for k, n := range at {
		isSec := !strings.Contains(k, ".") && sectionKeys()[k]
		// A profile's table may come first: top-level keys go above it.
		isProfile := strings.HasPrefix(k, "profile.") && n > 0 && strings.HasPrefix(strings.TrimSpace(lines[n-1]), "[")
		if (isSec || isProfile) && n > 0 && n-1 < firstTable {
			firstTable = n - 1
		}
	}
	// mine is what the file gets for a field: s's value, but the file's
	// own for a locked key.
	mine := func(g Field) string {
		if sys.Locked(g.Key) {
			return g.encode(&was)
		}
		return g.encode(&s)
	}
	for _, f := range Fields() {
		sec := SectionOf(f.Key)
		key, text := f.Key, mine(f)
		parent, _, inline := strings.Cut(sec, ".")
		if !inline && sys.Locked(key) {
			continue // never written: the user's line, or none, stays
		}
		if inline {
			if done[sec] {
				continue
			}
			done[sec] = true
			var parts []string
			same := true
			for _, g := range Fields() {
				if SectionOf(g.Key) == sec {
					parts = append(parts, g.Key[len(sec)+1:]+" = "+mine(g))
					same = same && g.encode(&was) == mine(g)
				}
			}
			key, text = sec, "{ "+strings.Join(parts, ", ")+" }"
			if same && at[sec] > 0 {
				continue
			}
			sec = parent
		} else if f.encode(&was) == text && (at[key] > 0 || len(probs) == 0) {
			continue // unchanged (written, or the preset's default)
		}
		local := strings.TrimPrefix(key, sec+".")
		if sec == "" {
			local = key
		}
		line := local + " = " + text
		if n := at[key]; n > 0 {
			old := lines[n-1]
			indent := old[:len(old)-len(strings.TrimLeft(old, " \t"))]
			lines[n-1] = indent + line
			continue
		}
		switch h := at[sec]; {
		case sec == "":
			adds = append(adds, insert{after: -1, text: line})
		case h > 0:
			adds = append(adds, insert{after: h - 1, text: line})
		default:
			if _, ok := missing[sec]; !ok {
				order = append(order, sec)
			}
			missing[sec] = append(missing[sec], line)
		}
	}
	// insert from the bottom up so earlier indexes stay right
	slices.SortStableFunc(adds, func(a, b insert) int { return cmp.Compare(b.after, a.after) })
	for _, a := range adds {
		i := a.after + 1
		if a.after == -1 {
			i = firstTable
			for i > 0 && strings.TrimSpace(lines[i-1]) == "" {
				i--
			}
		}
		lines = slices.Insert(lines, i, a.text)
	}
	text := strings.Join(lines, "\n")
	for _, sec := range order {
		text = strings.TrimRight(text, "\n") + "\n\n[" + sec + "]\n" + strings.Join(missing[sec], "\n") + "\n"
	}
	out := []byte(text)
	got, probs := sys.parseFile(out, file, true, false)
	if len(probs) > 0 || !bytes.Equal(Encode(got.Main), Encode(s)) {
		return nil, false
	}
	if !reflect.DeepEqual(rawProfiles(old), rawProfiles(out)) {
		return nil, false // an edit landed in a profile's table
	}
	return out, true
}

// rawProfiles is the profile tables of a file as TOML decodes them.
func rawProfiles(data []byte) any {
	var doc map[string]any
	if toml.Unmarshal(data, &doc) != nil {
		return nil
	}
	return doc["profile"]
}

// onlyProfiles reports whether every problem is in a profile's table.
func onlyProfiles(probs []Problem) bool {
	for _, p := range probs {
		if !strings.HasPrefix(p.Key, "profile.") && p.Key != "profile" {
			return false
		}
	}
	return len(probs) > 0
}

// sectionKeys is the set of [table] names the field table writes.
func sectionKeys() map[string]bool {
	m := map[string]bool{}
	for _, sc := range Sections() {
		if !strings.Contains(sc.Key, ".") && sc.Key != "" {
			m[sc.Key] = true
		}
	}
	return m
}

// EnsureFile writes the default settings to path when no file is there
// (first run) and reports whether it did. An existing file, even a broken
// one, is never touched.
//
// The file holds the values in effect then (the system settings
// included), with the keys the system sets written as comments, so that
// they keep following the system until the user sets them.
func EnsureFile(path string) (created bool, err error) { return LoadSystem().EnsureFile(path) }

// EnsureFile is EnsureFile over sys.
func (sys *System) EnsureFile(path string) (created bool, err error) {
	// Lstat: a dangling or looping symlink is the user's to fix (Load
	// reports it), not a missing file to write over.
	if _, err := os.Lstat(path); err == nil {
		return false, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("checking %s: %w", path, err)
	}
	d := sys.Base()
	d.Normalize()
	if err := WriteAtomic(path, sys.Encode(d), 0o600); err != nil {
		return false, err
	}
	return true, nil
}
