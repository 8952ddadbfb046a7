package settings

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/limber-app/limber/internal/i18n"
)

// Store is the daemon's view of the settings: the system settings (the
// XDG config dirs' files and the OS's policies, managed.go) and the user's
// file over them, the settings in use (the last good ones), the problems of
// the file on disk, saving from the window, and reloading after hand edits
// of either. It is safe for concurrent use.
type Store struct {
	path string
	w    *Watcher
	// lastGood is where a copy of the last file that loaded without
	// problems is kept ("" keeps none), so that a file broken while Limber
	// was stopped does not cost the user their settings at the next start.
	lastGood string

	mu    sync.Mutex
	sys   *System
	cur   Settings
	file  File // cur is its Main
	probs []Problem
	// defaults is set while no settings from the user have worked yet (the
	// file was broken at start and no last good copy was kept): the
	// problems then say the defaults are in use, not "the previous ones".
	defaults bool
}

// OpenStore reads the system settings, writes the default file on first
// run, then loads path. A file with problems, or one that cannot be read
// (its mode, a folder or a FIFO in its place, a symlink loop), leaves the
// system's settings (the defaults, unless an administrator set some) in use
// and says why in the problems; the watcher re-reads it once it changes, so
// fixing it takes effect without a restart. created reports a first run;
// err is only a first run's file that could not be written.
func OpenStore(path string) (st *Store, created bool, err error) {
	return OpenStoreWith(LoadSystem(), path)
}

// OpenStoreWith is OpenStore over the system settings sys.
func OpenStoreWith(sys *System, path string) (st *Store, created bool, err error) {
	return OpenStoreKeeping(sys, path, "")
}

// OpenStoreKeeping is OpenStoreWith that keeps a copy of every file that
// loads without problems at lastGood, and starts from that copy when path
// has problems or cannot be read ("" keeps no copy).
func OpenStoreKeeping(sys *System, path, lastGood string) (st *Store, created bool, err error) {
	created, err = sys.EnsureFile(path)
	if err != nil {
		return nil, false, err
	}
	st = &Store{path: path, lastGood: lastGood, w: NewWatcher(path, 2*time.Second), sys: sys}
	st.w.parse = func(data []byte, file string) (File, []Problem) { return st.System().ParseFile(data, file) }
	data, err := ReadFile(path)
	var f File
	var probs []Problem
	if err == nil {
		f, probs = sys.ParseFile(data, path)
	}
	switch {
	case err == nil && len(probs) == 0:
		st.keep(data)
	case st.fromLastGood(&f):
		if err != nil {
			probs = []Problem{st.unreadable(err)}
		}
	default:
		st.defaults = true
		f = sys.emptyFile()
		if err != nil {
			probs = []Problem{st.unreadable(err)}
		}
	}
	st.cur, st.file, st.probs = f.Main, f, probs
	return st, created, nil
}

// fromLastGood sets *f from the last good copy and reports whether there is
// one that still loads without problems (under today's system settings).
func (st *Store) fromLastGood(f *File) bool {
	if st.lastGood == "" {
		return false
	}
	data, err := ReadFile(st.lastGood)
	if err != nil {
		return false
	}
	g, probs := st.sys.ParseFile(data, st.lastGood)
	if len(probs) > 0 {
		return false
	}
	*f = g
	return true
}

// keep makes data, a file that loaded without problems, the last good copy.
// A copy that cannot be written costs only the safety net, so it is not an
// error of the load or save that asked for it.
func (st *Store) keep(data []byte) {
	if st.lastGood == "" {
		return
	}
	if old, err := ReadFile(st.lastGood); err == nil && bytes.Equal(old, data) {
		return // the idle daemon's polls write nothing
	}
	_ = WriteAtomic(st.lastGood, data, 0o600)
}

// keepFile copies the file as it now reads, when it loads without problems.
func (st *Store) keepFile() {
	if st.lastGood == "" {
		return
	}
	data, err := ReadFile(st.path)
	if err != nil {
		return
	}
	if _, probs := st.sys.ParseFile(data, st.path); len(probs) == 0 {
		st.keep(data)
	}
}

// UsingDefaults reports whether the defaults are in use because the file
// has never loaded (broken at start, with no last good copy).
func (st *Store) UsingDefaults() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.defaults
}

// Summary is Summary of probs, saying truly which settings are in use.
func (st *Store) Summary(probs []Problem) string {
	if st.UsingDefaults() {
		return SummaryDefaults(probs)
	}
	return Summary(probs)
}

// unreadable is Unreadable, saying which settings are in use; st.mu held
// or not yet shared.
func (st *Store) unreadable(err error) Problem {
	if st.defaults {
		return Unreadable(st.path, err)
	}
	return Problem{File: st.path, Message: i18n.X("settings.err.unreadable_kept",
		"This file cannot be read ({{.Err}}); the last settings that worked are in use until it can.",
		map[string]any{"Err": err.Error()})}
}

// Unreadable is the problem of a settings file that cannot be read at all.
func Unreadable(path string, err error) Problem {
	return Problem{File: path, Message: i18n.X("settings.err.unreadable",
		"This file cannot be read ({{.Err}}); the default settings are in use until it can.",
		map[string]any{"Err": err.Error()})}
}

// Path is the settings file.
func (st *Store) Path() string { return st.path }

// System is the system settings in effect.
func (st *Store) System() *System {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.sys
}

// Current returns the settings in use and the problems of the file on disk.
func (st *Store) Current() (Settings, []Problem) {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.cur, append([]Problem(nil), st.probs...)
}

// File returns the whole file in use (the main settings and the profiles)
// and the problems of the file on disk.
func (st *Store) File() (File, []Problem) {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.file, append([]Problem(nil), st.probs...)
}

// SetProfile saves the profile name (SaveProfile) and makes the file as
// it now reads current.
func (st *Store) SetProfile(name string, s Settings, keys []string) (File, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if err := st.w.Write(func() error { return st.sys.SaveProfile(st.path, name, s, keys) }); err != nil {
		return st.file, err
	}
	f, probs, err := st.sys.LoadFile(st.path)
	if err == nil && len(probs) > 0 { // just written and checked: only a race with an editor gets here
		err = errors.New(probs[0].String())
	}
	if err != nil {
		return st.file, fmt.Errorf("rereading the settings after saving: %w", err)
	}
	st.cur, st.file, st.probs, st.defaults = f.Main, f, nil, false
	st.keepFile()
	return f, nil
}

// Set validates s, writes it atomically and makes it current; the watcher
// does not report this write back. Locked keys keep the system's value
// and their lines in the file are left alone (System.Save). The error of
// invalid settings is an *InvalidError naming the fields.
func (st *Store) Set(s Settings) (Settings, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if err := st.w.Write(func() error { return st.sys.Save(st.path, s) }); err != nil {
		return st.cur, err
	}
	s = st.sys.Lock(s)
	s.Normalize()
	st.cur, st.probs, st.defaults = s, nil, false
	st.file.Main = s
	st.keepFile()
	return s, nil
}

// Watch polls the user's file and the system settings until ctx is done.
// After each edit it calls fn with the update: on valid settings they are
// already current; on problems (or a removed file) the previous settings
// stay current and fn can tell the user once per edit. A change of the
// system settings is an update with System set. fn is called from Watch's
// goroutine, one update at a time.
func (st *Store) Watch(ctx context.Context, fn func(Update)) {
	t := time.NewTicker(st.w.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if u, ok := st.pollSystem(ctx); ok {
			fn(u)
		}
		if u, ok := st.w.poll(ctx); ok {
			st.mu.Lock()
			switch {
			case u.OK():
				st.cur, st.file, st.probs, st.defaults = u.Settings, u.File, nil, false
				st.keepFile()
			case u.Err == nil:
				st.probs = u.Problems
			default:
				st.probs = []Problem{st.unreadable(u.Err)}
			}
			st.mu.Unlock()
			fn(u)
		}
	}
}

// pollSystem rereads the system settings when a source changed (one stat
// a file while none did), and the user's file over them.
func (st *Store) pollSystem(ctx context.Context) (Update, bool) {
	if SourceStamp() == st.System().Stamp() {
		return Update{}, false
	}
	// An administrator's editor may be halfway through writing.
	select {
	case <-ctx.Done():
		return Update{}, false
	case <-time.After(st.w.settle):
	}
	sys := LoadSystem()
	if sys.Stamp() != SourceStamp() {
		return Update{}, false // still moving; the next poll looks again
	}
	st.w.writing.Lock() // the user's file as the daemon last saw it, not mid-save
	defer st.w.writing.Unlock()
	f, probs, err := sys.LoadFile(st.path)
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sys = sys
	if err != nil || len(probs) > 0 {
		// The user's file has problems (reported when it changed): the
		// previous settings stay, under the new locks.
		f = st.file
		f.Main = sys.Lock(st.cur)
		if len(f.Main.Validate()) > 0 {
			f.Main = sys.Base()
		}
		f.lock = sys.emptyFile().lock
	}
	st.cur, st.file = f.Main, f
	return Update{Settings: f.Main, File: f, System: sys}, true
}
